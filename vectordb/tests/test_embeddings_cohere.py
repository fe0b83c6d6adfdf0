"""The Cohere provider against a faked HTTP transport (no test reaches Cohere)."""

from __future__ import annotations

import json

import httpx
import numpy as np
import pytest

from vectordb.embeddings import EmbeddingError, ProviderUnavailableError
from vectordb.embeddings.cohere import API_URL, CohereProvider


class FakeCohere:
    """An httpx transport answering like Cohere's v2 /embed, with scripted failures first."""

    def __init__(self, failures: list[httpx.Response | Exception] | None = None, dimension: int = 1024) -> None:
        self.failures = list(failures or [])
        self.dimension = dimension
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.failures:
            failure = self.failures.pop(0)
            if isinstance(failure, Exception):
                raise failure
            return failure
        body = json.loads(request.content)
        vectors = [[float(len(text)) + 1.0, *([0.5] * (self.dimension - 1))] for text in body["texts"]]
        return httpx.Response(200, json={"id": "x", "embeddings": {"float": vectors}, "texts": body["texts"]})

    def provider(self, **kwargs) -> CohereProvider:
        kwargs.setdefault("api_key", "test-key")
        kwargs.setdefault("backoff", 0.0)
        return CohereProvider(transport=httpx.MockTransport(self), **kwargs)


def test_it_posts_the_texts_with_the_key_and_returns_unit_vectors():
    fake = FakeCohere()
    vectors = fake.provider().embed(["hello", "a longer text"])
    assert vectors.shape == (2, 1024)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    request = fake.requests[0]
    assert str(request.url) == API_URL
    assert request.headers["Authorization"] == "Bearer test-key"
    body = json.loads(request.content)
    assert body["texts"] == ["hello", "a longer text"]
    assert body["model"] == "embed-english-v3.0"
    assert body["input_type"] == "search_document"
    assert body["embedding_types"] == ["float"]


def test_queries_are_embedded_as_search_queries():
    fake = FakeCohere()
    fake.provider().embed(["where is the coke"], input_type="query")
    assert json.loads(fake.requests[0].content)["input_type"] == "search_query"


def test_it_splits_more_than_96_texts_into_several_calls_keeping_order():
    fake = FakeCohere(dimension=384)
    texts = [f"text {'x' * i}" for i in range(200)]
    vectors = fake.provider(model="embed-english-light-v3.0").embed(texts)
    assert [len(json.loads(r.content)["texts"]) for r in fake.requests] == [96, 96, 8]
    expected_first = np.array([len(texts[150]) + 1.0, *([0.5] * 383)])
    np.testing.assert_allclose(vectors[150], expected_first / np.linalg.norm(expected_first), rtol=1e-5)


def test_it_retries_rate_limits_server_errors_and_dropped_connections():
    fake = FakeCohere(
        failures=[
            httpx.Response(429, json={"message": "slow down"}),
            httpx.Response(503, text="unavailable"),
            httpx.ConnectError("connection reset"),
        ]
    )
    vectors = fake.provider(max_retries=3).embed(["eventually"])
    assert vectors.shape == (1, 1024)
    assert len(fake.requests) == 4


def test_it_gives_up_after_its_retries_with_coheres_message():
    fake = FakeCohere(failures=[httpx.Response(500, json={"message": "boom"})] * 3)
    with pytest.raises(ProviderUnavailableError, match=r"500 after 3 tries: boom"):
        fake.provider(max_retries=2).embed(["x"])


def test_a_client_error_is_not_retried():
    fake = FakeCohere(failures=[httpx.Response(401, json={"message": "invalid api token"})])
    with pytest.raises(ProviderUnavailableError, match="invalid api token"):
        fake.provider().embed(["x"])
    assert len(fake.requests) == 1


def test_it_needs_an_api_key(monkeypatch):
    monkeypatch.delenv("COHERE_API_KEY", raising=False)
    fake = FakeCohere()
    with pytest.raises(ProviderUnavailableError, match="COHERE_API_KEY"):
        fake.provider(api_key=None).embed(["x"])
    assert fake.requests == []


def test_it_reads_the_key_from_the_environment(monkeypatch):
    monkeypatch.setenv("COHERE_API_KEY", "from-env")
    fake = FakeCohere()
    fake.provider(api_key=None).embed(["x"])
    assert fake.requests[0].headers["Authorization"] == "Bearer from-env"


def test_a_malformed_answer_is_an_embedding_error():
    fake = FakeCohere(failures=[httpx.Response(200, json={"embeddings": {"float": [[1.0, 2.0]]}})])
    with pytest.raises(EmbeddingError, match="expected 1024-d"):
        fake.provider().embed(["x"])


def test_it_refuses_an_unknown_model():
    with pytest.raises(ValueError, match="unknown Cohere model"):
        CohereProvider(model="embed-klingon")
