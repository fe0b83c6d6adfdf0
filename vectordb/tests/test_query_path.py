"""The query request's fast path: one library read, hydration in one SELECT by primary key (giving
the public UUIDs), a narrow one for `fields` naming ids only and none for `score` alone, the query
body's validation without building the serializer."""

import uuid

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.exceptions import ValidationError

from vectordb.apis.serializers import QueryInputSerializer, query_body
from vectordb.models import Chunk
from vectordb.runtime import registry
from vectordb.tests.factories import random_vectors

pytestmark = pytest.mark.django_db

LIBS = "/api/vectordb/libraries"


@pytest.fixture
def library(key_client):
    lib = key_client.post(LIBS, {"name": "docs", "dimension": 8, "index_type": "hnsw"}, format="json").json()
    docs = [
        key_client.post(f"{LIBS}/{lib['id']}/documents", {"title": title}, format="json").json()
        for title in ("Guide", "Reference")
    ]
    vectors = random_vectors(300, 8, seed=5)
    chunks = [
        {
            "document_id": docs[i % 2]["id"],
            "text": f"chunk {i} ünïcode",
            "embedding": v.tolist(),
            "metadata": {"i": i, "tags": ["a", "b"], "nested": {"x": [1, 2.5, None]}},
        }
        for i, v in enumerate(vectors)
    ]
    response = key_client.post(f"{LIBS}/{lib['id']}/chunks", {"chunks": chunks}, format="json")
    assert response.status_code == 200, response.json()
    return lib, vectors


def _query(client, lib_id, body, status=200):
    response = client.post(f"{LIBS}/{lib_id}/query", body, format="json")
    assert response.status_code == status, response.json()
    return response.json()


def test_hits_are_hydrated_with_the_rows_text_metadata_and_document_title(key_client, library):
    lib, vectors = library
    hits = _query(key_client, lib["id"], {"embedding": vectors[7].tolist(), "k": 10})["hits"]
    assert len(hits) == 10
    rows = {
        str(c.uuid): c for c in Chunk.objects.filter(uuid__in=[h["chunk_id"] for h in hits]).select_related("document")
    }
    for hit in hits:
        row = rows[hit["chunk_id"]]
        assert list(hit) == ["chunk_id", "score", "text", "metadata", "document_id", "document_title"]
        assert (hit["text"], hit["metadata"], hit["document_id"], hit["document_title"]) == (
            row.text,
            row.metadata,
            str(row.document.uuid),
            row.document.title,
        )
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True) and scores[0] == pytest.approx(1.0, abs=1e-5)


def test_fields_give_the_same_hits_with_only_those_fields(key_client, library):
    lib, vectors = library
    for q in vectors[:5]:
        full = _query(key_client, lib["id"], {"embedding": q.tolist(), "k": 10})["hits"]
        ids = _query(key_client, lib["id"], {"embedding": q.tolist(), "k": 10, "fields": ["score", "chunk_id"]})["hits"]
        assert ids == [{"chunk_id": h["chunk_id"], "score": h["score"]} for h in full]
        docs = _query(key_client, lib["id"], {"embedding": q.tolist(), "fields": ["document_id", "chunk_id"]})["hits"]
        assert docs == [{"chunk_id": h["chunk_id"], "document_id": h["document_id"]} for h in full]
        texts = _query(key_client, lib["id"], {"embedding": q.tolist(), "fields": ["text"]})["hits"]
        assert texts == [{"text": h["text"]} for h in full]
        scores = _query(key_client, lib["id"], {"embedding": q.tolist(), "k": 10, "fields": ["score"]})["hits"]
        assert scores == [{"score": h["score"]} for h in full]


def test_a_query_costs_one_library_read_and_one_hydration_and_scores_only_the_library_read(key_client, library):
    """The classic path (the first query of a library in a process, or a session's: the lean path
    of a known library reads both in one SELECT, see test_hot_query)."""
    lib, vectors = library
    _query(key_client, lib["id"], {"embedding": vectors[0].tolist()})  # the index is loaded, the key verified
    library_uuid = uuid.UUID(lib["id"])
    registry.forget(library_uuid)
    with CaptureQueriesContext(connection) as full:
        _query(key_client, lib["id"], {"embedding": vectors[1].tolist(), "k": 10})
    registry.forget(library_uuid)
    with CaptureQueriesContext(connection) as ids:
        _query(key_client, lib["id"], {"embedding": vectors[1].tolist(), "k": 10, "fields": ["chunk_id", "score"]})
    registry.forget(library_uuid)
    with CaptureQueriesContext(connection) as scores:
        _query(key_client, lib["id"], {"embedding": vectors[1].tolist(), "k": 10, "fields": ["score"]})
    assert len(full.captured_queries) == 2, [q["sql"] for q in full.captured_queries]
    assert len(ids.captured_queries) == 2, [q["sql"] for q in ids.captured_queries]
    assert "metadata" not in ids.captured_queries[-1]["sql"]  # the narrow hydration: public ids only
    assert len(scores.captured_queries) == 1, [q["sql"] for q in scores.captured_queries]
    with CaptureQueriesContext(connection) as batch:
        response = key_client.post(
            f"{LIBS}/{lib['id']}/query/batch", {"embeddings": [v.tolist() for v in vectors[:20]]}, format="json"
        )
    assert response.status_code == 200 and len(batch.captured_queries) == 2


def test_a_write_acknowledged_before_the_query_is_in_its_answer_even_ids_only(key_client, library):
    lib, _vectors = library
    doc_id = str(Chunk.objects.filter(library__uuid=lib["id"]).values_list("document__uuid", flat=True).first())
    q = np.full(8, 0.5, dtype=np.float32)
    _query(key_client, lib["id"], {"embedding": q.tolist()})
    new = key_client.post(
        f"{LIBS}/{lib['id']}/chunks",
        {"chunks": [{"document_id": doc_id, "text": "new", "embedding": q.tolist()}]},
        format="json",
    ).json()["ids"][0]
    ids = _query(key_client, lib["id"], {"embedding": q.tolist(), "k": 3, "fields": ["chunk_id"]})["hits"]
    assert ids[0] == {"chunk_id": new}
    key_client.post(f"{LIBS}/{lib['id']}/chunks/delete", {"ids": [new]}, format="json")
    ids = _query(key_client, lib["id"], {"embedding": q.tolist(), "k": 3, "fields": ["chunk_id"]})["hits"]
    assert new not in [h["chunk_id"] for h in ids]


def test_unknown_or_empty_fields_are_a_422_naming_fields(key_client, library):
    lib, vectors = library
    for fields in (["chunk_id", "vector"], [], "chunk_id", [1]):
        body = _query(key_client, lib["id"], {"embedding": vectors[0].tolist(), "fields": fields}, status=422)
        assert "fields" in body["errors"], body
    batch = key_client.post(
        f"{LIBS}/{lib['id']}/query/batch", {"embeddings": [vectors[0].tolist()], "fields": ["nope"]}, format="json"
    )
    assert batch.status_code == 422 and "fields" in batch.json()["errors"]
    ok = key_client.post(
        f"{LIBS}/{lib['id']}/query/batch", {"embeddings": [vectors[0].tolist()], "fields": ["chunk_id"]}, format="json"
    )
    assert ok.status_code == 200 and list(ok.json()["results"][0]["hits"][0]) == ["chunk_id"]


QUERY_BODIES = [
    {"embedding": [0.1] * 8},
    {"embedding": [0.1] * 8, "k": 3, "filter": {"i": {"$lt": 5}}, "index": "flat", "params": {"ef": 10}},
    {"embedding": [0.1] * 8, "explain": True, "fields": ["chunk_id"], "unknown": 1},
    {"text": "hello"},
    {"text": "  padded  "},
    {"text": ""},
    {"embedding": None, "text": "x"},
    {"embedding": [0.1], "text": "x"},
    {"embedding": "not a list"},
    {"embedding": [0.1] * 8, "k": "5"},
    {"embedding": [0.1] * 8, "k": 2.0},
    {"embedding": [0.1] * 8, "k": True},
    {"embedding": [0.1] * 8, "k": None},
    {"embedding": [0.1] * 8, "explain": "true"},
    {"embedding": [0.1] * 8, "explain": None},
    {"embedding": [0.1] * 8, "index": " flat"},
    {"embedding": [0.1] * 8, "index": None, "filter": None, "params": None},
    {"embedding": [0.1] * 8, "fields": []},
    {"embedding": [0.1] * 8, "fields": ["nope"]},
    {},
]


@pytest.mark.parametrize("body", QUERY_BODIES)
def test_the_query_body_fast_path_returns_what_the_serializer_returns(body):
    serializer = QueryInputSerializer(data=body)
    if serializer.is_valid():
        assert query_body(body) == dict(serializer.validated_data)
    else:
        with pytest.raises(ValidationError) as caught:
            query_body(body)
        assert caught.value.detail == serializer.errors


def test_more_hits_than_one_hydration_select_takes_are_all_hydrated(key_client):
    lib = key_client.post(LIBS, {"name": "big", "dimension": 4}, format="json").json()
    doc = key_client.post(f"{LIBS}/{lib['id']}/documents", {"title": "d"}, format="json").json()
    vectors = random_vectors(1000, 4, seed=9)
    chunks = [{"document_id": doc["id"], "text": f"t{i}", "embedding": v.tolist()} for i, v in enumerate(vectors)]
    assert key_client.post(f"{LIBS}/{lib['id']}/chunks", {"chunks": chunks}, format="json").status_code == 200
    for _ in range(2):  # the DRF view, then (the library known) the lean path
        hits = _query(key_client, lib["id"], {"embedding": vectors[0].tolist(), "k": 1000})["hits"]
        assert len(hits) == 1000 and {h["text"] for h in hits} == {f"t{i}" for i in range(1000)}
