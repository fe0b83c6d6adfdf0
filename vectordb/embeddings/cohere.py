"""Cohere's hosted embedding models over their REST API (v2 `/embed`), with httpx.

The key comes from `COHERE_API_KEY` (or the `api_key` argument). Texts are sent in batches of at most
96 (Cohere's limit per call); 429 and 5xx answers and connection errors are retried with exponential
backoff; any other failure raises `ProviderUnavailableError` with Cohere's message. Documents are
embedded with `input_type=search_document` and queries with `search_query`, as Cohere asks.
Tests use `httpx.MockTransport`: no test reaches Cohere.
"""

from __future__ import annotations

import os
import threading
import time

import httpx
import numpy as np

from vectordb.embeddings.base import EmbeddingError, EmbeddingProvider, InputType, ProviderUnavailableError

API_URL = "https://api.cohere.com/v2/embed"
DEFAULT_MODEL = "embed-english-v3.0"
MODEL_DIMENSIONS: dict[str, int] = {
    "embed-english-v3.0": 1024,
    "embed-multilingual-v3.0": 1024,
    "embed-english-light-v3.0": 384,
    "embed-multilingual-light-v3.0": 384,
    "embed-v4.0": 1536,
}
MAX_TEXTS_PER_CALL = 96
_INPUT_TYPES = {"document": "search_document", "query": "search_query"}


class CohereProvider(EmbeddingProvider):
    """Embeddings from Cohere's API. Thread-safe: one pooled httpx client per provider."""

    def __init__(
        self,
        name: str = "cohere",
        model: str = DEFAULT_MODEL,
        *,
        api_key: str | None = None,
        transport: httpx.BaseTransport | None = None,
        base_url: str = API_URL,
        timeout: float = 30.0,
        max_retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        if model not in MODEL_DIMENSIONS:
            raise ValueError(f"unknown Cohere model {model!r}; known: {', '.join(sorted(MODEL_DIMENSIONS))}")
        self.name = name
        self.model = model
        self.dimension = MODEL_DIMENSIONS[model]
        self._api_key = api_key
        self._transport = transport
        self._url = base_url
        self._timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()

    def _http(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(transport=self._transport, timeout=self._timeout)
            return self._client

    def _key(self) -> str:
        key = self._api_key or os.environ.get("COHERE_API_KEY", "")
        if not key:
            raise ProviderUnavailableError("the cohere provider needs COHERE_API_KEY")
        return key

    def _embed(self, texts: list[str], input_type: InputType) -> np.ndarray:
        key = self._key()
        rows: list[list[float]] = []
        for start in range(0, len(texts), MAX_TEXTS_PER_CALL):
            rows.extend(self._call(key, texts[start : start + MAX_TEXTS_PER_CALL], input_type))
        return np.asarray(rows, dtype=np.float32)

    def _call(self, key: str, texts: list[str], input_type: InputType) -> list[list[float]]:
        payload = {
            "model": self.model,
            "texts": texts,
            "input_type": _INPUT_TYPES[input_type],
            "embedding_types": ["float"],
            "truncate": "END",
        }
        headers = {"Authorization": f"Bearer {key}", "Accept": "application/json"}
        attempt = 0
        while True:
            try:
                response = self._http().post(self._url, json=payload, headers=headers)
            except httpx.TransportError as exc:
                if attempt >= self.max_retries:
                    raise ProviderUnavailableError(f"Cohere is unreachable: {exc}") from exc
            else:
                if response.status_code == 429 or response.status_code >= 500:
                    if attempt >= self.max_retries:
                        raise ProviderUnavailableError(
                            f"Cohere answered {response.status_code} after {attempt + 1} tries: {_message(response)}"
                        )
                elif response.status_code >= 400:
                    raise ProviderUnavailableError(
                        f"Cohere refused the request ({response.status_code}): {_message(response)}"
                    )
                else:
                    return _vectors(response, len(texts), self.dimension)
            time.sleep(self.backoff * (2**attempt))
            attempt += 1


def _message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(body, dict) and "message" in body:
        return str(body["message"])
    return str(body)[:200]


def _vectors(response: httpx.Response, count: int, dimension: int) -> list[list[float]]:
    try:
        embeddings = response.json()["embeddings"]
        rows = embeddings["float"] if isinstance(embeddings, dict) else embeddings
    except (ValueError, KeyError, TypeError) as exc:
        raise EmbeddingError(f"unexpected answer from Cohere: {response.text[:200]}") from exc
    if len(rows) != count or any(len(row) != dimension for row in rows):
        raise EmbeddingError(f"Cohere returned {len(rows)} vectors for {count} texts (expected {dimension}-d)")
    return rows
