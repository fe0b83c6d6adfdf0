import json
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


SAME_AS_THE_STANDARD_LIBRARY = [
    b'{"embedding": [0.12345678901234568, -1.5e-07, 3, -0.0], "k": 10}',
    b'{"big": 18446744073709551616, "bigger": -123456789012345678901234567890}',
    b'{"n": 9223372036854775807, "m": -9223372036854775808}',
    b'{"huge": 1e999, "tiny": 1e-999}',
    b'{"a": 1, "a": 2}',
    '{"t": "ünïcode \\u00e9 \\ud83d\\ude00"}'.encode(),
    b'  [true, false, null, "", {}, []]  ',
]


@pytest.mark.parametrize("body", SAME_AS_THE_STANDARD_LIBRARY)
def test_the_fast_decoder_reads_every_body_as_the_standard_library_does(body):
    import json

    got = parse(body)
    assert got == json.loads(body) and repr(got) == repr(json.loads(body))  # ints stay ints, floats floats


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"a": NaN}', "NaN is not valid JSON"),
        (b'{"a": -Infinity}', "-Infinity is not valid JSON"),
        (b'{"a": "\\ud800"}', "surrogate"),
        (b'{"a": 1,}', "JSON parse error"),
        (b'{"a": 1} {"b": 2}', "JSON parse error"),
    ],
)
def test_what_the_fast_decoder_refuses_gets_the_standard_librarys_answer(body, message):
    from rest_framework.exceptions import ParseError

    with pytest.raises((ParseError, ValidationError), match=message):
        parse(body)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "b": [1.5, -0.0, 1e16, 1e+16, 2.5e-300], "c": "ü ✓ \\u2028", "d": null, "e": true}',
        '{"big": 123456789012345678901234567890, "neg": -9223372036854775809}',
        '{"tiny": 0.' + "0" * 400 + '1, "huge": 1' + "0" * 400 + "}",
        "[0.1, 0.30000000000000004, 1.7976931348623157e308, 5e-324]",
        '{"NaN": "NaN"}',
        "{}",
    ],
)
def test_loads_reads_stored_json_exactly_as_json_loads(text):
    from core.parsers import loads

    assert repr(loads(text)) == repr(json.loads(text))
    assert repr(loads(text.encode())) == repr(json.loads(text))


def test_long_fractions_are_read_by_orjson_and_equal_json_loads(monkeypatch):
    """A float32 query vector as JSON has 19-digit runs after the decimal point (0.0012345678901234567):
    orjson reads those exactly as json.loads does, so they no longer take the slow path; integers
    and exponents of 19+ digits still do."""
    import random

    import core.parsers as parsers

    rng = random.Random(7)
    values = []
    for _ in range(2000):
        mantissa = "".join(rng.choice("0123456789") for _ in range(rng.randint(17, 30)))
        values.append(f"{rng.choice(['', '-'])}0.{mantissa}{rng.choice(['', 'e-7', 'E+12'])}")
    text = "[" + ", ".join(values) + "]"
    assert parsers._fast_loads(text) is not parsers._SLOW
    assert repr(parse(text.encode())) == repr(json.loads(text))
    for slow in ("[12345678901234567890]", "[1e0000000000000000001]", '{"a": 1.5e-1234567890123456789}'):
        assert parsers._fast_loads(slow) is parsers._SLOW
