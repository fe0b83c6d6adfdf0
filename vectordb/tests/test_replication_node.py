"""The node's HTTP app (in-process, the node's threads not started): reads from the node's replica
at a version, and every kind of bad request answered with a 4xx JSON error, never a 500."""

import asyncio
import json
import uuid

import pytest
from django.db import connections

from vectordb import services
from vectordb.replication.node import Node, make_app
from vectordb.tests.factories import DocumentFactory, LibraryFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _call(app, method: str, path: str, body=None, key: str = "", raw: bytes | None = None) -> tuple[int, dict]:
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else b"")
    scope = {"type": "http", "method": method, "path": path, "headers": [(b"x-api-key", key.encode())]}
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": data, "more_body": False}

    async def send(message):
        sent.append(message)

    async def main():
        await app(scope, receive, send)
        await asyncio.to_thread(connections.close_all)  # the worker thread's connection, not left open

    asyncio.run(main())
    return sent[0]["status"], json.loads(sent[1]["body"])


@pytest.fixture
def node(redis_client):
    return Node(node_id="t1", cluster="node-test")


@pytest.fixture
def library_with_chunks():
    library = LibraryFactory(dimension=4)
    document = DocumentFactory(library=library)
    chunks = services.chunks_upsert(
        library=library,
        chunks=[
            {"document_id": str(document.uuid), "text": "a", "embedding": [1.0, 0, 0, 0], "metadata": {"tags": ["x"]}},
            {"document_id": str(document.uuid), "text": "b", "embedding": [0, 1.0, 0, 0]},
        ],
    )
    return library, [str(c.uuid) for c in chunks]


def test_a_query_is_answered_from_the_replica_with_its_version(node, library_with_chunks, api_key_for):
    library, ids = library_with_chunks
    app = make_app(node)
    key = api_key_for(library.project)
    status, body = _call(app, "POST", f"/libraries/{library.uuid}/query", {"embedding": [1, 0.1, 0, 0], "k": 2}, key)
    assert status == 200, body
    assert [h["chunk_id"] for h in body["hits"]] == ids
    assert body["version"] == 1 and body["role"] == "follower" and body["node_id"] == "t1"
    status, body = _call(
        app, "POST", f"/libraries/{library.uuid}/query", {"embedding": [0, 1, 0, 0], "filter": {"tags": "x"}}, key
    )
    assert [h["chunk_id"] for h in body["hits"]] == ids[:1]


def test_bounded_reads_lag_until_the_replica_applies_and_min_version_or_strong_catch_up(
    node, library_with_chunks, api_key_for
):
    library, ids = library_with_chunks
    app = make_app(node)
    key = api_key_for(library.project)
    path = f"/libraries/{library.uuid}/query"
    _call(app, "POST", path, {"embedding": [1, 0, 0, 0]}, key)  # loaded at version 1
    services.chunks_delete(library=library, chunk_ids=ids[:1])  # version 2, not applied here yet
    status, body = _call(app, "POST", path, {"embedding": [1, 0, 0, 0], "k": 2}, key)
    assert status == 200 and body["version"] == 1  # bounded staleness: the follower loop would apply it
    assert [h["chunk_id"] for h in body["hits"]] == ids[1:]  # the deleted row is gone from Postgres: dropped
    status, body = _call(app, "POST", path, {"embedding": [1, 0, 0, 0], "min_version": 2}, key)
    assert status == 200 and body["version"] == 2
    services.chunks_delete(library=library, chunk_ids=ids[1:])
    status, body = _call(app, "POST", path, {"embedding": [1, 0, 0, 0], "consistency": "strong"}, key)
    assert status == 200 and body["version"] == 3 and body["hits"] == []
    status, body = _call(app, "POST", path, {"embedding": [1, 0, 0, 0], "min_version": 9, "wait": 0}, key)
    assert status == 409 and body["code"] == "not_caught_up"


def test_the_health_endpoint_says_who_leads(node):
    status, body = _call(make_app(node), "GET", "/health")
    assert status == 200 and body["node_id"] == "t1" and body["role"] == "follower" and body["leader"] is None


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"embedding": "x"}, 422),
        ({"embedding": [1, 0, 0]}, 422),
        ({"embedding": [1, 0, 0, 0], "k": 0}, 422),
        ({"embedding": [1, 0, 0, 0], "k": True}, 422),
        ({"embedding": [1, 0, 0, 0], "filter": {"$bad": 1}}, 422),
        ({"embedding": [1, 0, 0, 0], "filter": []}, 422),
        ({"embedding": [1, 0, 0, 0], "index": "ivf"}, 422),
        ({"embedding": [1, 0, 0, 0], "params": {"ef": -1}}, 422),
        ({"embedding": [1, 0, 0, 0], "min_version": -1}, 422),
        ({"embedding": [1, 0, 0, 0], "min_version": 2**70}, 422),
        ({"embedding": [1, 0, 0, 0], "consistency": "eventual"}, 422),
        ({"embedding": [1, 0, 0, 0], "wait": 1000}, 422),
        ({"text": "hello"}, 422),  # no embedding provider on this library
        ([1, 2], 400),
        (None, 400),
    ],
)
def test_bad_queries_get_a_4xx(node, library_with_chunks, api_key_for, body, status):
    library, _ids = library_with_chunks
    got, out = _call(make_app(node), "POST", f"/libraries/{library.uuid}/query", body, api_key_for(library.project))
    assert got == status, out
    assert out["detail"]


def test_it_refuses_callers_without_a_key_of_the_librarys_project(node, library_with_chunks, api_key_for):
    library, _ids = library_with_chunks
    app = make_app(node)
    path = f"/libraries/{library.uuid}/query"
    assert _call(app, "POST", path, {"embedding": [1, 0, 0, 0]})[0] == 401
    assert _call(app, "POST", path, {"embedding": [1, 0, 0, 0]}, "nope")[0] == 403
    other = api_key_for(LibraryFactory().project)
    foreign = _call(app, "POST", path, {"embedding": [1, 0, 0, 0]}, other)
    missing = _call(app, "POST", f"/libraries/{uuid.uuid4()}/query", {"embedding": [1, 0, 0, 0]}, other)
    assert foreign == missing and foreign[0] == 404  # another project's library: exactly like a missing one
    write = {"op": "chunks_delete", "payload": {"library_id": str(library.uuid), "ids": []}, "timeout": 0.1}
    assert _call(app, "POST", "/writes", write, other)[0] == 404
    assert _call(app, "POST", "/libraries/999999/query", {"embedding": [1, 0, 0, 0]}, "x")[0] == 422


def test_malformed_requests_get_a_4xx(node, library_with_chunks, api_key_for):
    library, _ids = library_with_chunks
    app = make_app(node)
    key = api_key_for(library.project)
    assert _call(app, "POST", f"/libraries/{library.uuid}/query", raw=b"{not json", key=key)[0] == 400
    assert _call(app, "GET", f"/libraries/{library.uuid}/query", key=key)[0] == 405
    assert _call(app, "POST", "/nowhere", {}, key)[0] == 404
    assert _call(app, "POST", "/libraries/99999999999999999999999/query", {}, key)[0] == 422
    assert _call(app, "POST", f"/libraries/{'x' * 65}/query", {}, key)[0] == 404
    assert _call(app, "POST", "/writes", {"op": 1}, key)[0] == 400
    assert _call(app, "POST", "/writes", {"op": "x", "payload": {"library_id": "a"}}, key)[0] == 422
    assert _call(app, "POST", "/writes", {"op": "x", "payload": {"library_id": 10**30}}, key)[0] == 422
    assert _call(app, "POST", "/writes", {"op": "x", "payload": {"library_id": str(library.uuid)}}, "")[0] == 401
    bad_id = {"op": "x", "payload": {"library_id": str(library.uuid)}, "request_id": "a b"}
    assert _call(app, "POST", "/writes", bad_id, key)[0] == 422
    no_leader = {"op": "chunks_delete", "payload": {"library_id": str(library.uuid), "ids": []}, "timeout": 0.1}
    assert _call(app, "POST", "/writes", no_leader, key)[0] == 504
