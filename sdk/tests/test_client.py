"""The client's own behaviour (retries, errors, batching, polling) against a scripted transport."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

import httpx
import numpy as np
import pytest
from vendomo_vectordb import (
    AuthenticationError,
    BulkUploadError,
    IndexBuildFailedError,
    NotFoundError,
    PermissionDeniedError,
    PipelineFailedError,
    RateLimitError,
    ServerError,
    TransportError,
    ValidationError,
    VectorDB,
    WaitTimeoutError,
)

Handler = Callable[[httpx.Request], httpx.Response]

# Ids are the server's UUIDs, as text.
LIB = "0f6c9d1e-3b7a-4c58-9a0e-2d4f6b8a1c3e"
DOC = "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
CHUNKS = ["11111111-2222-4333-8444-555555555555", "66666666-7777-4888-9999-aaaaaaaaaaaa"]


class Script:
    """Answers requests from a list of responses/exceptions (the last one repeats), recording them."""

    def __init__(self, *answers: httpx.Response | Exception | Handler) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer) and not isinstance(answer, httpx.Response):
            return answer(request)
        return answer

    def client(self, **kwargs) -> VectorDB:
        kwargs.setdefault("max_retries", 3)
        return VectorDB(
            "http://vectordb.test",
            "secret-key",
            transport=httpx.MockTransport(self),
            sleep=self.sleeps.append,
            **kwargs,
        )


def build_json(status: str, progress: float, error: str = "") -> dict:
    return {
        "id": "7a7a7a7a-7b7b-47c7-8d7d-7e7e7e7e7e7e",
        "library": LIB,
        "index_type": "hnsw",
        "index_params": {},
        "status": status,
        "progress": progress,
        "message": "",
        "error": error,
        "seq": None,
        "vector_count": 0,
        "created_at": "2026-01-01T00:00:00Z",
        "started_at": None,
        "finished_at": None,
    }


QUERY_OK = httpx.Response(200, json={"hits": []})


def test_it_sends_the_api_key_and_json():
    script = Script(QUERY_OK)
    script.client().query(LIB, embedding=[1, 2, 3], k=5, filter={"year": {"$gte": 2020}})
    request = script.requests[0]
    assert request.headers["X-API-KEY"] == "secret-key"
    assert request.url.path == f"/api/vectordb/libraries/{LIB}/query"
    assert json.loads(request.content) == {
        "k": 5,
        "explain": False,
        "embedding": [1.0, 2.0, 3.0],
        "filter": {"year": {"$gte": 2020}},
    }


def test_partial_hits_of_a_query_with_fields_parse_with_the_other_fields_none():
    full = {
        "chunk_id": "c1",
        "score": 0.5,
        "text": "t",
        "metadata": {"a": 1},
        "document_id": "d1",
        "document_title": "",
    }
    script = Script(
        httpx.Response(200, json={"hits": [{"chunk_id": "c1", "score": 0.9}, {"chunk_id": "c2", "score": 0.8}]}),
        httpx.Response(200, json={"hits": [{"score": 0.9}]}),
        httpx.Response(200, json={"hits": [{"text": "t", "document_title": "T"}]}),
        httpx.Response(200, json={"hits": [full, {**full, "metadata": None, "text": None}]}),
    )
    client = script.client()
    ids = client.query(LIB, embedding=[1.0], fields=("chunk_id", "score"))
    assert json.loads(script.requests[0].content)["fields"] == ["chunk_id", "score"]
    assert [(h.chunk_id, h.score, h.text, h.metadata, h.document_id) for h in ids] == [
        ("c1", 0.9, None, None, None),
        ("c2", 0.8, None, None, None),
    ]
    (score,) = client.query(LIB, embedding=[1.0], fields=["score"]).hits
    assert (score.score, score.chunk_id, score.document_title) == (0.9, None, None)
    (text,) = client.query(LIB, embedding=[1.0], fields=["text", "document_title"]).hits
    assert (text.text, text.document_title, text.chunk_id, text.score) == ("t", "T", None, None)
    whole, nulls = client.query(LIB, embedding=[1.0]).hits
    assert (whole.chunk_id, whole.score, whole.text, whole.metadata, whole.document_id) == (
        "c1",
        0.5,
        "t",
        {"a": 1},
        "d1",
    )
    assert (nulls.metadata, nulls.text) == ({}, "")  # a null from the server reads as before
    assert "fields" not in json.loads(script.requests[3].content)
    with pytest.raises(TypeError):
        client.query(LIB, embedding=[1.0], fields="chunk_id")


def test_it_accepts_numpy_vectors():
    script = Script(QUERY_OK)
    script.client().query(3, embedding=np.array([0.5, 0.25], dtype=np.float32))
    assert json.loads(script.requests[0].content)["embedding"] == [0.5, 0.25]


def test_a_query_needs_exactly_one_of_embedding_or_text():
    client = Script(QUERY_OK).client()
    with pytest.raises(ValueError):
        client.query(1)
    with pytest.raises(ValueError):
        client.query(1, embedding=[1.0], text="x")


def test_it_retries_429_and_5xx_with_growing_backoff_then_succeeds():
    script = Script(
        httpx.Response(503, json={"detail": "busy"}),
        httpx.Response(429, json={"detail": "slow down"}),
        httpx.Response(502, text="bad gateway"),
        QUERY_OK,
    )
    result = script.client(backoff=1.0).query(1, text="x")
    assert len(result) == 0
    assert len(script.requests) == 4
    assert len(script.sleeps) == 3
    assert 0.5 <= script.sleeps[0] <= 1.0 and 1.0 <= script.sleeps[1] <= 2.0 and 2.0 <= script.sleeps[2] <= 4.0


def test_it_honours_retry_after():
    script = Script(httpx.Response(429, headers={"Retry-After": "3"}, json={"detail": "slow"}), QUERY_OK)
    script.client().query(1, text="x")
    assert script.sleeps == [3.0]


def test_it_gives_up_after_max_retries_with_the_servers_detail():
    script = Script(httpx.Response(500, json={"detail": "Internal error.", "code": "server_error"}))
    with pytest.raises(ServerError) as caught:
        script.client(max_retries=2).libraries.get(1)
    assert caught.value.status_code == 500
    assert caught.value.code == "server_error"
    assert caught.value.detail == "Internal error."
    assert len(script.requests) == 3


def test_rate_limiting_that_never_ends_is_a_rate_limit_error():
    script = Script(httpx.Response(429, json={"detail": "Too many requests.", "code": "throttled"}))
    with pytest.raises(RateLimitError):
        script.client(max_retries=1).libraries.get(1)


def test_connection_errors_are_retried_and_then_reported():
    script = Script(httpx.ConnectError("refused"))
    with pytest.raises(TransportError, match="after 4 attempt"):
        script.client().libraries.create("x", dimension=3)
    assert len(script.requests) == 4


def test_a_write_that_may_have_reached_the_server_is_not_repeated():
    script = Script(httpx.ReadTimeout("timed out"), httpx.Response(201, json={}))
    with pytest.raises(TransportError):
        script.client().documents.create(1, "title")
    assert len(script.requests) == 1


def test_a_read_that_timed_out_is_repeated():
    library = {
        "id": LIB,
        "project": "9d9d9d9d-8c8c-4b4b-aaaa-111111111111",
        "name": "n",
        "description": "",
        "metadata": {},
        "dimension": 3,
        "metric": "cosine",
        "index_type": "flat",
        "index_params": {},
        "embedding_provider": None,
        "version": 0,
        "index_generation": 0,
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
    }
    script = Script(httpx.ReadTimeout("timed out"), httpx.Response(200, json=library))
    assert script.client().libraries.get(1).dimension == 3


def test_an_upsert_of_replacements_only_is_repeated_after_a_timeout():
    script = Script(httpx.ReadTimeout("timed out"), httpx.Response(200, json={"ids": CHUNKS[:1], "count": 1}))
    item = {"id": uuid.UUID(CHUNKS[0]), "document_id": uuid.UUID(DOC), "text": "t", "embedding": [1.0]}
    assert script.client().chunks.upsert(uuid.UUID(LIB), [item]) == CHUNKS[:1]
    assert len(script.requests) == 2
    assert script.requests[0].url.path == f"/api/vectordb/libraries/{LIB}/chunks"  # a uuid.UUID is welcome
    assert json.loads(script.requests[0].content)["chunks"][0]["id"] == CHUNKS[0]


def test_ids_are_sent_as_text_in_paths_and_bodies():
    script = Script(httpx.Response(200, json={"deleted": 2}))
    assert script.client().chunks.delete_many(LIB, [CHUNKS[0], uuid.UUID(CHUNKS[1])]) == 2
    assert script.requests[0].url.path == f"/api/vectordb/libraries/{LIB}/chunks/delete"
    assert json.loads(script.requests[0].content) == {"ids": CHUNKS}


@pytest.mark.parametrize(
    ("status", "error"),
    [(401, AuthenticationError), (403, PermissionDeniedError), (404, NotFoundError), (422, ValidationError)],
)
def test_client_errors_raise_at_once_as_typed_exceptions(status, error):
    body = {"detail": "Nope.", "code": "nope", "errors": {"name": ["This field is required."]}}
    script = Script(httpx.Response(status, json=body))
    with pytest.raises(error) as caught:
        script.client().libraries.create("", dimension=3)
    assert caught.value.errors == {"name": ["This field is required."]}
    assert "Nope." in str(caught.value) and "name: This field is required." in str(caught.value)
    assert len(script.requests) == 1


def test_bulk_upload_sends_batches_and_reports_progress():
    def answer(request: httpx.Request) -> httpx.Response:
        chunks = json.loads(request.content)["chunks"]
        start = 100 * len(script.requests)
        return httpx.Response(200, json={"ids": list(range(start, start + len(chunks))), "count": len(chunks)})

    script = Script(answer)
    progress: list[tuple[int, int]] = []
    chunks = ({"document_id": 1, "text": f"t{i}", "embedding": np.ones(3)} for i in range(25))
    result = script.client().chunks.bulk_upload(
        1, chunks, batch_size=10, on_progress=lambda b, n: progress.append((b, n))
    )
    assert [len(json.loads(r.content)["chunks"]) for r in script.requests] == [10, 10, 5]
    assert result.count == 25 and result.batches == 3
    assert progress == [(1, 10), (2, 20), (3, 25)]
    assert json.loads(script.requests[0].content)["chunks"][0]["embedding"] == [1.0, 1.0, 1.0]


def test_a_failed_batch_reports_what_was_stored_and_where_the_error_is():
    script = Script(
        httpx.Response(200, json={"ids": CHUNKS, "count": 2}),
        httpx.Response(422, json={"detail": "Invalid.", "code": "invalid", "errors": {"chunks[1].embedding": ["NaN"]}}),
    )
    chunks = [{"document_id": DOC, "text": "t", "embedding": [1.0]} for _ in range(4)]
    with pytest.raises(BulkUploadError) as caught:
        script.client().chunks.bulk_upload(LIB, chunks, batch_size=2)
    assert caught.value.uploaded_ids == CHUNKS
    assert caught.value.batch_index == 1
    assert caught.value.errors == {"chunks[3].embedding": ["NaN"]}
    assert isinstance(caught.value.cause, ValidationError)


def test_waiting_for_a_build_polls_until_it_succeeds():
    script = Script(
        httpx.Response(200, json=build_json("queued", 0.0)),
        httpx.Response(200, json=build_json("running", 0.4)),
        httpx.Response(200, json=build_json("succeeded", 1.0)),
    )
    seen: list[tuple[str, float]] = []
    build = script.client().indexes.wait(
        1, 7, poll_interval=0.25, on_progress=lambda b: seen.append((b.status, b.progress))
    )
    assert build.status == "succeeded" and build.done
    assert seen == [("queued", 0.0), ("running", 0.4), ("succeeded", 1.0)]
    assert script.sleeps == [0.25, 0.25]


def test_a_failed_build_raises_with_its_error():
    script = Script(httpx.Response(200, json=build_json("failed", 0.3, error="ValueError: the library was deleted")))
    with pytest.raises(IndexBuildFailedError, match="library was deleted"):
        script.client().indexes.wait(1, 7)


def test_waiting_gives_up_after_the_timeout():
    script = Script(httpx.Response(200, json=build_json("running", 0.5)))
    with pytest.raises(WaitTimeoutError, match="still running"):
        script.client().indexes.wait(1, 7, timeout=0.0)


def test_it_reads_the_url_and_key_from_the_environment(monkeypatch):
    monkeypatch.setenv("VENDOMO_URL", "http://from-env.test/")
    monkeypatch.setenv("VENDOMO_API_KEY", "env-key")
    script = Script(QUERY_OK)
    with VectorDB(transport=httpx.MockTransport(script)) as client:
        client.query(1, text="x")
    assert str(script.requests[0].url).startswith("http://from-env.test/api/vectordb/")
    assert script.requests[0].headers["X-API-KEY"] == "env-key"


def test_a_nan_in_an_embedding_is_refused_before_sending():
    script = Script(QUERY_OK)
    with pytest.raises(ValueError, match=r"chunks\[1\]\.embedding: .*NaN"):
        script.client().chunks.upsert(
            1, [{"document_id": 1, "embedding": [1.0]}, {"document_id": 1, "embedding": [float("nan")]}]
        )
    assert script.requests == []


def run_json(status: str, current: str | None = None, error: str = "", result: dict | None = None) -> dict:
    return {
        "id": "abc",
        "library": LIB,
        "question": "q",
        "status": status,
        "error": error,
        "current_step": current,
        "steps": [{"name": "preprocess", "status": "succeeded", "attempts": 1, "output": {"query": "q"}}],
        "result": result,
    }


def test_a_pipeline_run_is_started_and_polled_until_it_answers():
    hit = {"chunk_id": CHUNKS[0], "score": 0.9, "text": "t", "metadata": {}, "document_id": DOC, "document_title": "d"}
    script = Script(
        httpx.Response(202, json=run_json("queued")),
        httpx.Response(200, json=run_json("running", "rerank")),
        httpx.Response(200, json=run_json("succeeded", result={"query": "q", "hits": [hit], "answer": {"text": "A"}})),
    )
    seen: list[str | None] = []
    run = script.client().pipelines.ask(
        LIB, "q?", k=3, filter={"lang": "en"}, on_progress=lambda r: seen.append(r.current_step)
    )
    assert json.loads(script.requests[0].content) == {
        "question": "q?",
        "k": 3,
        "answer": "auto",
        "filter": {"lang": "en"},
    }
    assert script.requests[0].url.path == f"/api/vectordb/libraries/{LIB}/pipelines"
    assert script.requests[1].url.path == "/api/vectordb/pipelines/abc"
    assert run.answer == {"text": "A"} and run.hits[0].chunk_id == CHUNKS[0] and run.library == LIB
    assert seen == ["rerank", None]
    assert run.steps[0].name == "preprocess" and run.steps[0].attempts == 1


def test_a_failed_pipeline_run_raises_with_its_error():
    script = Script(
        httpx.Response(202, json=run_json("queued")),
        httpx.Response(200, json=run_json("failed", error="retrieve: gone")),
    )
    with pytest.raises(PipelineFailedError, match="retrieve: gone"):
        script.client().pipelines.ask(1, "q?")


def test_a_cancelled_pipeline_run_ends_the_wait_with_its_reason():
    script = Script(
        httpx.Response(202, json=run_json("queued")),
        httpx.Response(200, json=run_json("cancelled", error="cancelled before rerank: by the user")),
    )
    with pytest.raises(PipelineFailedError, match="cancelled before rerank"):
        script.client().pipelines.ask(1, "q?", timeout=30)
