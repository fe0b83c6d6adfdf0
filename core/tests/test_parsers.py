from io import BytesIO

import pytest
from rest_framework.exceptions import ValidationError

from core.parsers import PlatformJSONParser


def parse(body: bytes):
    return PlatformJSONParser().parse(BytesIO(body), "application/json", {})


def test_it_parses_ordinary_json():
    assert parse(b'{"a": [1, "x", {"b": null}]}') == {"a": [1, "x", {"b": None}]}


@pytest.mark.parametrize("body", [b'{"a": "x\\u0000y"}', b'{"k\\u0000": 1}', b'[["\\u0000"]]'])
def test_it_refuses_nul_characters_anywhere_with_a_400(body):
    with pytest.raises(ValidationError, match="NUL"):
        parse(body)


def test_an_escaped_backslash_before_u0000_is_not_a_nul():
    assert parse(b'{"a": "\\\\u0000"}') == {"a": "\\u0000"}
