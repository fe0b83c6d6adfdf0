import uuid

import numpy as np
import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import ProjectFactory
from vectordb.models import IndexBuild, Library
from vectordb.tasks import index_build_run
from vectordb.tests.factories import random_vectors

pytestmark = pytest.mark.django_db

LIBS = "/api/vectordb/libraries"


def _library(client, **extra):
    body = {"name": "docs", "dimension": 8, **extra}
    response = client.post(LIBS, body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def _document(client, lib_id, title="Guide"):
    response = client.post(f"{LIBS}/{lib_id}/documents", {"title": title, "metadata": {"author": "ada"}}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def _upsert(client, lib_id, doc_id, vectors, metadata=None):
    chunks = [
        {"document_id": doc_id, "text": f"chunk {i}", "embedding": v.tolist(), "metadata": (metadata or {}) | {"i": i}}
        for i, v in enumerate(vectors)
    ]
    return client.post(f"{LIBS}/{lib_id}/chunks", {"chunks": chunks}, format="json")


def test_a_key_creates_a_library_in_its_own_project(key_client, project):
    lib = _library(key_client, metric="dot", index_type="hnsw", index_params={"M": 8})
    assert lib["project"] == str(project.uuid) and lib["metric"] == "dot" and lib["index_params"] == {"M": 8}
    listed = key_client.get(LIBS).json()
    assert [item["id"] for item in listed["results"]] == [lib["id"]]


def test_a_key_of_another_project_gets_404_on_the_library_and_everything_under_it(key_client, api_key_for):
    lib = _library(key_client)
    doc = _document(key_client, lib["id"])
    other = APIClient()
    other.credentials(HTTP_X_API_KEY=api_key_for(ProjectFactory()))
    for path in (f"{LIBS}/{lib['id']}", f"{LIBS}/{lib['id']}/documents", f"{LIBS}/{lib['id']}/chunks"):
        assert other.get(path).status_code == 404
    assert other.get(f"{LIBS}/{lib['id']}/documents/{doc['id']}").status_code == 404
    assert other.post(f"{LIBS}/{lib['id']}/query", {"embedding": [1.0] * 8}, format="json").status_code == 404
    assert other.delete(f"{LIBS}/{lib['id']}").status_code == 404
    assert other.get(LIBS).json()["count"] == 0
    assert other.post(LIBS, {"name": "x", "dimension": 8, "project": lib["project"]}, format="json").status_code == 403
    assert Library.objects.filter(uuid=lib["id"]).exists()


def test_unknown_ids_are_404_and_no_key_is_401(key_client):
    lib = _library(key_client)
    assert key_client.get(f"{LIBS}/{uuid.uuid4()}").status_code == 404
    assert key_client.get(f"{LIBS}/{lib['id']}/documents/{uuid.uuid4()}").status_code == 404
    assert key_client.get(f"{LIBS}/{lib['id']}/chunks/{uuid.uuid4()}").status_code == 404
    assert APIClient().get(LIBS).status_code == 401


def test_it_answers_422_for_an_unknown_metric_a_wrong_dimension_and_nan(key_client):
    assert key_client.post(LIBS, {"name": "a", "dimension": 8, "metric": "hamming"}, format="json").status_code == 422
    assert key_client.post(LIBS, {"name": "b", "dimension": -1}, format="json").status_code == 422
    assert key_client.post(LIBS, {"name": "c", "dimension": 8, "index_type": "lsh"}, format="json").status_code == 422
    bad_params = {"name": "d", "dimension": 8, "index_type": "hnsw", "index_params": {"M": "many"}}
    assert key_client.post(LIBS, bad_params, format="json").status_code == 422
    lib = _library(key_client)
    doc = _document(key_client, lib["id"])
    wrong_dim = _upsert(key_client, lib["id"], doc["id"], random_vectors(2, 7))
    assert wrong_dim.status_code == 422
    assert "chunks[0].embedding" in wrong_dim.json()["errors"]
    chunk = {"document_id": doc["id"], "embedding": ["NaN"] + [1.0] * 7}
    assert key_client.post(f"{LIBS}/{lib['id']}/chunks", {"chunks": [chunk]}, format="json").status_code == 422
    query = key_client.post(f"{LIBS}/{lib['id']}/query", {"embedding": ["NaN"] + [1.0] * 7}, format="json")
    assert query.status_code == 422
    raw = '{"embedding": [1e999, 1, 1, 1, 1, 1, 1, 1]}'
    query = key_client.post(f"{LIBS}/{lib['id']}/query", raw, content_type="application/json")
    assert query.status_code == 422
    query = key_client.post(f"{LIBS}/{lib['id']}/query", {"embedding": [1.0] * 3}, format="json")
    assert query.status_code == 422
    query = key_client.post(
        f"{LIBS}/{lib['id']}/query", {"embedding": [1.0] * 8, "filter": {"x": {"$near": 1}}}, format="json"
    )
    assert query.status_code == 422 and "filter" in query.json()["errors"]


def test_chunks_are_upserted_listed_updated_and_deleted(key_client):
    lib = _library(key_client)
    doc = _document(key_client, lib["id"])
    vectors = random_vectors(5, 8, seed=1)
    ids = _upsert(key_client, lib["id"], doc["id"], vectors).json()["ids"]
    listed = key_client.get(f"{LIBS}/{lib['id']}/chunks?limit=2").json()
    assert listed["count"] == 5 and len(listed["results"]) == 2 and listed["results"][0]["embedding"] is None
    one = key_client.get(f"{LIBS}/{lib['id']}/chunks/{ids[0]}").json()
    assert np.allclose(one["embedding"], vectors[0], atol=1e-6)
    patched = key_client.patch(
        f"{LIBS}/{lib['id']}/chunks/{ids[0]}", {"text": "new", "metadata": {"tags": ["a", "a", "b"]}}, format="json"
    )
    assert patched.status_code == 200 and patched.json()["text"] == "new"
    assert patched.json()["metadata"] == {"tags": ["a", "b"]}
    assert key_client.delete(f"{LIBS}/{lib['id']}/chunks/{ids[0]}").status_code == 204
    deleted = key_client.post(f"{LIBS}/{lib['id']}/chunks/delete", {"ids": ids[1:3]}, format="json").json()
    assert deleted == {"deleted": 2}
    assert key_client.get(f"{LIBS}/{lib['id']}/chunks").json()["count"] == 2


def test_a_query_returns_the_k_nearest_with_text_metadata_and_document(key_client):
    lib = _library(key_client)
    doc = _document(key_client, lib["id"], title="Handbook")
    vectors = random_vectors(40, 8, seed=2)
    ids = _upsert(key_client, lib["id"], doc["id"], vectors, {"source": "wiki"}).json()["ids"]
    response = key_client.post(
        f"{LIBS}/{lib['id']}/query", {"embedding": vectors[3].tolist(), "k": 4, "explain": True}, format="json"
    )
    assert response.status_code == 200
    hits = response.json()["hits"]
    assert len(hits) == 4 and hits[0]["chunk_id"] == ids[3]
    assert hits[0]["document_title"] == "Handbook" and hits[0]["metadata"] == {"source": "wiki", "i": 3}
    assert hits[0]["text"] == "chunk 3" and hits[0]["score"] == pytest.approx(1.0, abs=1e-5)
    assert response.json()["plan"]["strategy"] == "exact"


def test_a_query_with_both_an_embedding_and_a_text_is_refused_naming_both(key_client):
    lib = _library(key_client)
    response = key_client.post(
        f"{LIBS}/{lib['id']}/query", {"embedding": [0.1] * 8, "text": "hello", "k": 3}, format="json"
    )
    assert response.status_code == 422, response.json()
    errors = response.json()["errors"]
    assert "embedding" in errors and "text" in errors


def test_a_query_with_a_filter_returns_only_matches(key_client):
    lib = _library(key_client)
    doc = _document(key_client, lib["id"])
    vectors = random_vectors(60, 8, seed=3)
    chunks = [
        {
            "document_id": doc["id"],
            "text": f"chunk {i}",
            "embedding": v.tolist(),
            "metadata": {"year": 2000 + i % 10, "created_at": f"2024-01-{1 + i % 28:02d}", "author": f"a{i % 3}"},
        }
        for i, v in enumerate(vectors)
    ]
    assert key_client.post(f"{LIBS}/{lib['id']}/chunks", {"chunks": chunks}, format="json").status_code == 200
    flt = {"$or": [{"year": {"$gte": 2008}}, {"author": "a0"}], "created_at": {"$lt": "2024-01-15"}}
    hits = key_client.post(
        f"{LIBS}/{lib['id']}/query", {"embedding": vectors[0].tolist(), "k": 60, "filter": flt}, format="json"
    ).json()["hits"]
    expected = {
        i for i in range(60) if (2000 + i % 10 >= 2008 or i % 3 == 0) and f"2024-01-{1 + i % 28:02d}" < "2024-01-15"
    }
    assert {int(h["text"].split()[1]) for h in hits} == expected


def test_a_bulk_upsert_takes_ten_thousand_chunks_in_one_request(key_client):
    lib = _library(key_client, dimension=16)
    doc = _document(key_client, lib["id"])
    vectors = random_vectors(10_000, 16, seed=4)
    response = _upsert(key_client, lib["id"], doc["id"], vectors)
    assert response.status_code == 200 and response.json()["count"] == 10_000
    hit = key_client.post(f"{LIBS}/{lib['id']}/query", {"embedding": vectors[9999].tolist(), "k": 1}, format="json")
    assert hit.json()["hits"][0]["chunk_id"] == response.json()["ids"][-1]


def test_a_rebuild_runs_in_the_background_and_switches_the_index(key_client, django_capture_on_commit_callbacks):
    lib = _library(key_client)
    doc = _document(key_client, lib["id"])
    vectors = random_vectors(300, 8, seed=5)
    _upsert(key_client, lib["id"], doc["id"], vectors)
    with django_capture_on_commit_callbacks() as callbacks:
        response = key_client.post(
            f"{LIBS}/{lib['id']}/index", {"index_type": "hnsw", "index_params": {"M": 8}}, format="json"
        )
    assert response.status_code == 202 and response.json()["status"] == "queued" and len(callbacks) == 1
    build_id = response.json()["id"]
    index_build_run(IndexBuild.objects.get(uuid=build_id).pk)
    build = key_client.get(f"{LIBS}/{lib['id']}/index/{build_id}").json()
    assert build["status"] == "succeeded" and build["progress"] == 1.0 and build["vector_count"] == 300
    assert Library.objects.get(uuid=lib["id"]).index_type == "hnsw"
    query = key_client.post(
        f"{LIBS}/{lib['id']}/query", {"embedding": vectors[7].tolist(), "k": 1, "explain": True}, format="json"
    ).json()
    assert query["plan"]["index"] == "hnsw" and query["hits"][0]["text"] == "chunk 7"
    assert IndexBuild.objects.get(uuid=build_id).seq is not None
    bad = key_client.post(f"{LIBS}/{lib['id']}/index", {"index_type": "annoy"}, format="json")
    assert bad.status_code == 422


def test_a_batch_query_answers_each_vector_as_a_single_query_would(key_client):
    lib = _library(key_client, index_type="hnsw")
    doc = _document(key_client, lib["id"])
    vectors = random_vectors(50, 8, seed=5)
    _upsert(key_client, lib["id"], doc["id"], vectors)
    queries = [vectors[i].tolist() for i in (1, 7, 30)]
    response = key_client.post(
        f"{LIBS}/{lib['id']}/query/batch", {"embeddings": queries, "k": 5, "filter": {"i": {"$lt": 40}}}, format="json"
    )
    assert response.status_code == 200, response.json()
    results = response.json()["results"]
    assert len(results) == 3
    for q, result in zip(queries, results, strict=True):
        single = key_client.post(
            f"{LIBS}/{lib['id']}/query", {"embedding": q, "k": 5, "filter": {"i": {"$lt": 40}}}, format="json"
        ).json()["hits"]
        assert [h["chunk_id"] for h in result["hits"]] == [h["chunk_id"] for h in single]
        assert all(h["metadata"]["i"] < 40 for h in result["hits"])
    bad = key_client.post(f"{LIBS}/{lib['id']}/query/batch", {"embeddings": [queries[0], [1.0, 2.0]]}, format="json")
    assert bad.status_code == 422 and "embeddings[1]" in bad.json()["errors"]
    empty = key_client.post(f"{LIBS}/{lib['id']}/query/batch", {"embeddings": []}, format="json")
    assert empty.status_code in (400, 422)
