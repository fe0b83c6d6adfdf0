"""Hostile JSON bodies, sent to every kind of endpoint: each is a 400 naming the problem, never a 500.

The bodies go through the one shared parser (`core.parsers`), so the public click endpoints, the
vectordb metadata endpoints and the fleet writes answer alike.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

CLICK = "/api/clicks/save_click_and_predict_cluster"
LIBS = "/api/vectordb/libraries"

HOSTILE_BODIES = {
    "objects nested 1,000 deep": b'{"a":' * 1000 + b"1" + b"}" * 1000,
    "arrays nested 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
    "unclosed arrays 50,000 deep": b"[" * 50_000,
    "NaN literal": b'{"x": NaN}',
    "Infinity literal": b'{"x": Infinity}',
    "-Infinity literal": b'{"x": -Infinity}',
    "an integer of 5,000 digits": b'{"x": ' + b"9" * 5000 + b"}",
    "invalid UTF-8": b'{"x": "\xff\xfe"}',
    "a raw NUL byte": b'{"x": "a\x00b"}',
    "an escaped NUL": b'{"x": "a\\u0000b"}',
    "a lone surrogate value": b'{"x": "\\udc00"}',
    "a lone surrogate key": b'{"\\ud800": 1}',
    "truncated JSON": b'{"x": [1, 2',
    "not JSON at all": b"\x00\x01\x02garbage",
}


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(HOSTILE_BODIES))
@pytest.mark.parametrize("path", [CLICK, LIBS, "/api/machines/bulk"])
def test_a_hostile_body_is_a_json_400(key_client, anonymous, name, path):
    client = anonymous if path == CLICK else key_client
    response = client.generic("POST", path, HOSTILE_BODIES[name], content_type="application/json")
    # The click endpoints' contract answers non-finite coordinates with a 422 naming the field.
    lenient = ("NaN literal", "Infinity literal", "-Infinity literal", "an escaped NUL")
    lenient += ("a lone surrogate value", "a lone surrogate key")
    expected = 422 if path == CLICK and name in lenient else 400
    if path == "/api/machines/bulk":  # the Vendomo API answers bad input as its FastAPI original: 422
        expected = 422
    assert response.status_code == expected, (name, response.status_code, response.content[:300])
    body = response.json()
    assert body["detail"] and (body.get("code") or path == "/api/machines/bulk")


@pytest.mark.django_db
def test_the_depth_refusal_says_how_deep_is_allowed(key_client):
    response = key_client.generic("POST", LIBS, b"[" * 200 + b"]" * 200, content_type="application/json")
    assert response.status_code == 400
    assert "64 levels" in response.json()["detail"]


@pytest.mark.django_db
def test_a_lone_surrogate_in_library_metadata_is_a_400_naming_the_field(key_client):
    body = b'{"name": "lib", "dimension": 4, "metadata": {"tag": "ok", "bad": "x\\udc00y"}}'
    response = key_client.generic("POST", LIBS, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"metadata.bad": [pytest.approx(response.json()["errors"]["metadata.bad"][0])]}
    assert "surrogate" in response.json()["errors"]["metadata.bad"][0]


@pytest.mark.django_db
def test_a_lone_surrogate_in_a_metadata_key_names_the_key_escaped(key_client):
    body = b'{"name": "lib", "dimension": 4, "metadata": {"\\udc00": 1}}'
    response = key_client.generic("POST", LIBS, body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["metadata.\\udc00"]


@pytest.mark.django_db
def test_a_lone_surrogate_in_a_chunk_is_refused_and_nothing_is_stored(key_client):
    lib = key_client.post(LIBS, {"name": "lib", "dimension": 4}, format="json").json()
    body = b'{"chunks": [{"text": "t", "embedding": [1, 0, 0, 0]}, {"text": "u", "metadata": {"k": "\\ud83d"}}]}'
    response = key_client.generic("POST", f"{LIBS}/{lib['id']}/chunks", body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["chunks.1.metadata.k"]
    assert key_client.get(f"{LIBS}/{lib['id']}").json().get("chunk_count", 0) == 0


@pytest.mark.django_db
def test_a_paired_surrogate_is_an_ordinary_character(key_client):
    body = b'{"name": "lib", "dimension": 4, "metadata": {"emoji": "\\ud83d\\ude00"}}'
    response = key_client.generic("POST", LIBS, body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["metadata"] == {"emoji": "\U0001f600"}


@pytest.mark.django_db
def test_moderately_nested_metadata_is_still_accepted(key_client):
    nested: dict = {"leaf": 1}
    for _ in range(8):
        nested = {"n": nested}
    response = key_client.post(LIBS, {"name": "lib", "dimension": 4, "metadata": nested}, format="json")
    assert response.status_code == 201, response.content


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/machines/%00", "/api/vectordb/libraries/%00", "/api/clicks/pages/%00/clusters"])
def test_a_nul_in_a_path_is_a_4xx(key_client, path):
    assert 400 <= key_client.get(path).status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/machines/%ff%fe", "/api/search?q=%ff%fe", "/api/search?q=%00"])
def test_invalid_utf8_or_nul_in_a_path_or_query_is_not_a_5xx(key_client, path):
    assert key_client.get(path).status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize("number", [b"1e999", b"-1e999", b"9223372036854775808", b"1" * 4000])
@pytest.mark.parametrize("path", [CLICK, LIBS, "/api/machines/bulk"])
def test_huge_numbers_are_answered_per_field_not_with_a_5xx(key_client, number, path):
    body = (
        b'{"page_uuid": "a/1", "name": "x", "dimension": '
        + number
        + b', "coordinates": {"x": '
        + number
        + b', "y": 0.5}}'
    )
    response = key_client.generic("POST", path, body, content_type="application/json")
    assert 400 <= response.status_code < 500, response.content[:300]


@pytest.mark.django_db
def test_a_lone_surrogate_in_document_metadata_is_a_400_naming_the_field(key_client):
    lib = key_client.post(LIBS, {"name": "lib", "dimension": 4}, format="json").json()
    for body, field in [
        (b'{"title": "d", "metadata": {"k": "a\\udfffb"}}', "metadata.k"),
        (b'{"title": "d", "metadata": {"\\ud800x": 1}}', "metadata.\\ud800x"),
        (b'{"title": "x\\udc00"}', "title"),
    ]:
        response = key_client.generic("POST", f"{LIBS}/{lib['id']}/documents", body, content_type="application/json")
        assert response.status_code == 400, (body, response.content[:300])
        assert list(response.json()["errors"]) == [field], response.json()
    assert key_client.get(f"{LIBS}/{lib['id']}/documents").json()["count"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filter_body",
    [
        b'{"$and": [' * 1000 + b'{"k": 1}' + b"]}" * 1000,  # past the parser's depth: 400 before the filter
        b'{"k": {"$in": [' + b"[" * 60 + b"]" * 60 + b"]}}",  # within the parser's depth, nonsense to the filter
        b'{"k": {"$gt": NaN}}',
        b'{"k": {"$gt": 1e999}}',
        b'{"k\\u0000": 1}',
    ],
)
def test_a_hostile_query_filter_is_a_4xx(key_client, filter_body):
    lib = key_client.post(LIBS, {"name": "lib", "dimension": 4}, format="json").json()
    body = b'{"embedding": [1, 0, 0, 0], "k": 3, "filter": ' + filter_body + b"}"
    response = key_client.generic("POST", f"{LIBS}/{lib['id']}/query", body, content_type="application/json")
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    assert response.json()["detail"]
