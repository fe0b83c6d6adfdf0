"""The query endpoint's lean path (`vectordb.apis.hot`, `vectordb.hot_query`): once a process has
answered a query on a library, a plain API-key query costs one SELECT and skips DRF, yet answers
byte for byte as the DRF view, every refusal is the DRF view's own, and every write, delete,
rename, library deletion or key revocation acknowledged before a query is in its answer."""

import time
import uuid

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import ApiKey
from accounts.services import api_key_revoke
from vectordb import hot_query
from vectordb.apis import hot
from vectordb.runtime import registry
from vectordb.tests.factories import random_vectors

pytestmark = pytest.mark.django_db

LIBS = "/api/vectordb/libraries"


@pytest.fixture
def library(key_client):
    lib = key_client.post(LIBS, {"name": "docs", "dimension": 8, "index_type": "hnsw"}, format="json").json()
    doc = key_client.post(f"{LIBS}/{lib['id']}/documents", {"title": "Guide ✓"}, format="json").json()
    vectors = random_vectors(200, 8, seed=3)
    chunks = [
        {
            "document_id": doc["id"],
            "text": f"chunk {i} \u2028 ü",
            "embedding": v.tolist(),
            "metadata": {"i": i, "f": 1e16},
        }
        for i, v in enumerate(vectors)
    ]
    response = key_client.post(f"{LIBS}/{lib['id']}/chunks", {"chunks": chunks}, format="json")
    assert response.status_code == 200, response.json()
    return lib, doc, vectors, response.json()["ids"]


@pytest.fixture
def lean_calls(monkeypatch):
    """How many responses the lean path gave."""
    calls = []
    original = hot.query_response

    def counted(*args, **kwargs):
        response = original(*args, **kwargs)
        calls.append(response is not None)
        return response

    monkeypatch.setattr(hot, "query_response", counted)
    return calls


def _post(client, lib_id, body, **extra):
    return client.post(f"{LIBS}/{lib_id}/query", body, format="json", **extra)


def _classic(client, lib_id, body, **extra):
    """The DRF view's answer: this process forgets the library first, so the lean path steps aside."""
    registry.forget(uuid.UUID(lib_id))
    return _post(client, lib_id, body, **extra)


BODIES = [
    {"k": 10},
    {"k": 5, "explain": True},
    {"k": 4, "fields": ["chunk_id", "score"]},
    {"k": 4, "fields": ["score"]},
    {"k": 4, "fields": ["text", "document_title"]},
    {"k": 3, "filter": {"i": {"$lt": 50}}, "index": "flat"},
    {"k": 3, "params": {"ef": 20}},
]


@pytest.mark.parametrize("extra", BODIES)
def test_the_lean_answer_is_byte_for_byte_the_drf_views(key_client, library, lean_calls, extra):
    lib, _doc, vectors, _ids = library
    body = {"embedding": vectors[11].tolist(), **extra}
    classic = _classic(key_client, lib["id"], body)
    lean = _post(key_client, lib["id"], body)
    assert lean_calls == [False, True]
    assert lean.status_code == classic.status_code == 200
    assert lean.content == classic.content
    assert sorted(lean.headers.items()) == sorted(classic.headers.items())


def test_a_known_library_costs_one_select_a_query(key_client, library):
    lib, _doc, vectors, _ids = library
    _post(key_client, lib["id"], {"embedding": vectors[0].tolist()})
    for fields in (None, ["chunk_id", "score"], ["score"]):
        body = {"embedding": vectors[1].tolist(), **({"fields": fields} if fields else {})}
        with CaptureQueriesContext(connection) as queries:
            assert _post(key_client, lib["id"], body).status_code == 200
        assert len(queries.captured_queries) == 1, [q["sql"] for q in queries.captured_queries]


REFUSED = [
    ({"embedding": [1.0] * 3}, 422),
    ({"embedding": ["NaN"] + [1.0] * 7}, 422),
    ({"embedding": [1.0] * 8, "k": 0}, 422),
    ({"embedding": [1.0] * 8, "k": 2000}, 422),
    ({"embedding": [1.0] * 8, "fields": ["nope"]}, 422),
    ({"embedding": [1.0] * 8, "index": "ivf"}, 422),
    ({"embedding": [1.0] * 8, "filter": {"$bad": 1}}, 422),
    ({"embedding": [1.0] * 8, "params": {"ef": "x"}}, 422),
    ({"embedding": [1.0] * 8, "text": "both"}, 422),
    ({"text": "no provider"}, 422),
    ({}, 422),
]


@pytest.mark.parametrize(("body", "status"), REFUSED)
def test_refusals_on_a_known_library_are_the_drf_views(key_client, library, lean_calls, body, status):
    lib, _doc, vectors, _ids = library
    assert _post(key_client, lib["id"], {"embedding": vectors[0].tolist()}).status_code == 200  # known now
    lean_try = _post(key_client, lib["id"], body)
    classic = _classic(key_client, lib["id"], body)
    assert lean_calls[1:] == [False, False]
    assert lean_try.status_code == classic.status_code == status
    assert lean_try.content == classic.content


def test_bodies_that_are_not_plain_json_objects_are_the_drf_views(key_client, library, lean_calls):
    lib, _doc, vectors, _ids = library
    assert _post(key_client, lib["id"], {"embedding": vectors[0].tolist()}).status_code == 200
    path = f"{LIBS}/{lib['id']}/query"
    for raw, content_type, status in (
        ("[1, 2]", "application/json", 400),
        ('{"embedding": [1, 2', "application/json", 400),
        ('{"embedding": [NaN]}', "application/json", 400),
        ("embedding=1", "application/x-www-form-urlencoded", 415),
    ):
        got = key_client.post(path, raw, content_type=content_type)
        assert got.status_code == status, (raw, got.content)
    got = key_client.post(path, {"embedding": vectors[0].tolist()}, format="json", HTTP_ACCEPT="text/html")
    assert got.status_code == 406
    pretty = key_client.post(
        path, {"embedding": vectors[0].tolist()}, format="json", HTTP_ACCEPT="application/json; indent=2"
    )
    assert pretty.status_code == 200 and b"\n  " in pretty.content
    assert not any(lean_calls[1:])


def test_another_tenants_known_library_answers_like_a_missing_one(key_client, api_client, library, api_key_for):
    from accounts.tests.factories import ProjectFactory

    lib, _doc, vectors, _ids = library
    body = {"embedding": vectors[0].tolist()}
    assert _post(key_client, lib["id"], body).status_code == 200  # this process knows the library
    api_client.credentials(HTTP_X_API_KEY=api_key_for(ProjectFactory()))
    other = _post(api_client, lib["id"], body)
    missing = _post(api_client, str(uuid.uuid4()), body)
    assert other.status_code == missing.status_code == 404
    assert other.content == missing.content


def test_a_revoked_key_is_refused_at_once_by_the_process_that_revoked_it(
    key_client, library, django_capture_on_commit_callbacks
):
    lib, _doc, vectors, _ids = library
    body = {"embedding": vectors[0].tolist()}
    assert _post(key_client, lib["id"], body).status_code == 200
    assert _post(key_client, lib["id"], body).status_code == 200  # lean
    with django_capture_on_commit_callbacks(execute=True):  # the key leaves the caches on commit
        api_key_revoke(api_key=ApiKey.objects.get())
    refused = _post(key_client, lib["id"], body)
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"


def test_writes_renames_and_deletes_are_in_the_next_lean_answer(key_client, library, lean_calls):
    lib, doc, vectors, ids = library
    base = f"{LIBS}/{lib['id']}"
    q = vectors[7].tolist()
    assert _post(key_client, lib["id"], {"embedding": q, "k": 1}).json()["hits"][0]["chunk_id"] == ids[7]
    patched = key_client.patch(f"{base}/chunks/{ids[7]}", {"text": "edited", "metadata": {"v": 2}}, format="json")
    assert patched.status_code == 200
    hit = _post(key_client, lib["id"], {"embedding": q, "k": 1}).json()["hits"][0]
    assert (hit["chunk_id"], hit["text"], hit["metadata"]) == (ids[7], "edited", {"v": 2})
    renamed = key_client.patch(f"{base}/documents/{doc['id']}", {"title": "Renamed"}, format="json")
    assert renamed.status_code == 200
    assert _post(key_client, lib["id"], {"embedding": q, "k": 1}).json()["hits"][0]["document_title"] == "Renamed"
    assert key_client.delete(f"{base}/chunks/{ids[7]}").status_code == 204
    assert ids[7] not in [h["chunk_id"] for h in _post(key_client, lib["id"], {"embedding": q, "k": 5}).json()["hits"]]
    new_doc = key_client.post(f"{base}/documents", {"title": "New"}, format="json").json()
    added = key_client.post(
        f"{base}/chunks", {"chunks": [{"document_id": new_doc["id"], "text": "new", "embedding": q}]}, format="json"
    ).json()["ids"][0]
    hit = _post(key_client, lib["id"], {"embedding": q, "k": 1}).json()["hits"][0]
    assert (hit["chunk_id"], hit["document_title"]) == (added, "New")
    assert all(lean_calls[1:]), lean_calls  # every query after the first took the lean path
    assert key_client.delete(base).status_code == 204
    gone = _post(key_client, lib["id"], {"embedding": q})
    assert gone.status_code == 404 and gone.json()["detail"] == "No such library."


def test_a_write_committed_between_the_search_and_the_row_read_is_in_the_answer(key_client, library, monkeypatch):
    """The search ran on an index without the write; the row read after it shows a newer version,
    so the index is caught up and searched again (without that check the new chunk would be
    missing from this answer)."""
    lib, doc, _vectors, _ids = library
    q = np.full(8, 0.25, dtype=np.float32).tolist()
    assert _post(key_client, lib["id"], {"embedding": q}).status_code == 200
    search = hot_query._search_live
    written = []

    def search_then_write(*args, **kwargs):
        result = search(*args, **kwargs)
        if not written:
            from vectordb import services
            from vectordb.models import Library

            library_row = Library.objects.get(uuid=lib["id"])
            written.append(
                services.chunks_upsert(
                    library=library_row, chunks=[{"document_id": doc["id"], "text": "racer", "embedding": q}]
                )[0]
            )
        return result

    monkeypatch.setattr(hot_query, "_search_live", search_then_write)
    hits = _post(key_client, lib["id"], {"embedding": q, "k": 1}).json()["hits"]
    assert hits[0]["chunk_id"] == str(written[0].uuid) and hits[0]["text"] == "racer"


def test_vectordb_lean_query_off_sends_every_query_through_the_drf_view(key_client, library, lean_calls, settings):
    lib, _doc, vectors, _ids = library
    settings.VECTORDB_LEAN_QUERY = False
    body = {"embedding": vectors[0].tolist()}
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert _post(key_client, lib["id"], body).status_code == 200
    assert lean_calls == [False, False, False]
    assert len(queries.captured_queries) >= 6  # the library row and the hydration, every time


def test_a_key_revoked_by_another_process_stops_working_within_the_local_cache_ttl(key_client, library, settings):
    """The lean path checks keys with the same function and cache as DRF's authentication: a key
    revoked elsewhere (row revoked, Redis entry gone) works here until this process's entry expires."""
    from django.core.cache import cache
    from django.utils import timezone

    from accounts.selectors import api_key_cache_key, api_key_local_forget

    settings.API_KEY_LOCAL_CACHE_SECONDS = 0.5
    api_key_local_forget()  # the fixture's requests cached the key with the default TTL
    lib, _doc, vectors, _ids = library
    body = {"embedding": vectors[0].tolist()}
    assert _post(key_client, lib["id"], body).status_code == 200
    api_key = ApiKey.objects.get()
    ApiKey.objects.filter(pk=api_key.pk).update(revoked_at=timezone.now())
    cache.delete(api_key_cache_key(api_key.hashed_key))
    assert _post(key_client, lib["id"], body).status_code == 200  # still in this process's cache
    time.sleep(0.6)
    refused = _post(key_client, lib["id"], body)
    assert refused.status_code == 403 and "revoked" in refused.json()["detail"]
