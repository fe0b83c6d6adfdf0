"""The client: `VectorDB(base_url, api_key)` with `.libraries`, `.documents`, `.chunks`, `.indexes`, `.query()`.

Retries. A request is retried with exponential backoff and jitter (honouring `Retry-After`) when the
server answers 429 or 5xx, or when the connection could not be made. A connection that broke after the
request was sent (a read timeout, a reset) may have been processed, so it is retried only for requests
that are safe to repeat: reads, queries, updates and deletes, and chunk upserts in which every chunk
carries its `id`. Everything else raises at once with the server's `detail`, `code` and `errors`.
"""

from __future__ import annotations

import builtins
import math
import os
import random
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import httpx

from vendomo_vectordb.errors import (
    APIError,
    BulkUploadError,
    IndexBuildFailedError,
    PipelineFailedError,
    TransportError,
    VectorDBError,
    WaitTimeoutError,
)
from vendomo_vectordb.models import (
    BulkUploadResult,
    Chunk,
    ChunkInput,
    Document,
    Hit,
    IndexBuild,
    Library,
    Page,
    PipelineRun,
    QueryResult,
)

__all__ = ["DEFAULT_URL", "VectorDB"]

DEFAULT_URL = "http://127.0.0.1:8000"
API = "/api/vectordb"
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_UNSET: Any = object()
T = TypeVar("T")


def _vector(value: Any) -> list[float] | None:
    """A list of floats from a list, tuple or array-like (numpy: `.tolist()`)."""
    if value is None:
        return None
    if hasattr(value, "tolist"):
        value = value.tolist()
    vector = [float(x) for x in value]
    if not all(math.isfinite(x) for x in vector):
        raise ValueError("the embedding contains NaN or infinity")
    return vector


def _drop_unset(**fields: Any) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not _UNSET}


def query_body(
    *,
    embedding: Any,
    text: str | None,
    k: int,
    filter: Mapping[str, Any] | None,
    index: str | None,
    params: Mapping[str, Any] | None,
    explain: bool,
) -> dict[str, Any]:
    """The JSON body of a query (exactly one of `embedding` or `text`)."""
    if (embedding is None) == (text is None):
        raise ValueError("give exactly one of `embedding` or `text`")
    body: dict[str, Any] = {"k": k, "explain": explain}
    if embedding is not None:
        body["embedding"] = _vector(embedding)
    else:
        body["text"] = text
    if filter is not None:
        body["filter"] = dict(filter)
    if index is not None:
        body["index"] = index
    if params is not None:
        body["params"] = dict(params)
    return body


def retry_delay(attempt: int, response: httpx.Response | None, backoff: float, max_backoff: float) -> float:
    """Seconds before retry number `attempt + 1`: `Retry-After` if the server sent one, else exponential
    backoff with jitter (so clients that failed together retry apart)."""
    if response is not None:
        retry_after = response.headers.get("Retry-After", "")
        if retry_after.replace(".", "", 1).isdigit():
            return min(float(retry_after), max_backoff)
    base = min(max_backoff, backoff * (2.0**attempt))
    return base * (0.5 + random.random() / 2)


class VectorDB:
    """A client of one Vendomo server, authenticated with a project API key.

    `base_url` defaults to `$VENDOMO_URL` (else http://127.0.0.1:8000) and `api_key` to
    `$VENDOMO_API_KEY`. Use it as a context manager, or call `close()`, to release connections.
    """

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float = 30.0,
        max_retries: int = 4,
        backoff: float = 0.5,
        max_backoff: float = 20.0,
        transport: httpx.BaseTransport | None = None,
        headers: Mapping[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        base_url = (base_url or os.environ.get("VENDOMO_URL") or DEFAULT_URL).rstrip("/")
        api_key = api_key if api_key is not None else os.environ.get("VENDOMO_API_KEY")
        all_headers = {"Accept": "application/json", "User-Agent": "vendomo-vectordb-python/0.1"}
        if api_key:
            all_headers["X-API-KEY"] = api_key
        all_headers.update(headers or {})
        self.base_url = base_url
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self._sleep = sleep
        self._http = httpx.Client(base_url=base_url, headers=all_headers, timeout=timeout, transport=transport)
        self.libraries = Libraries(self)
        self.documents = Documents(self)
        self.chunks = Chunks(self)
        self.indexes = Indexes(self)
        self.pipelines = Pipelines(self)

    # --- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> VectorDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<VectorDB {self.base_url}>"

    # --- queries -----------------------------------------------------------------------------
    def query(
        self,
        library_id: int,
        *,
        embedding: Any = None,
        text: str | None = None,
        k: int = 10,
        filter: Mapping[str, Any] | None = None,
        index: str | None = None,
        params: Mapping[str, Any] | None = None,
        explain: bool = False,
    ) -> QueryResult:
        """The `k` nearest chunks to `embedding` (or to `text`, embedded by the library's provider).

        `filter` is a metadata filter such as `{"year": {"$gte": 2020}, "tags": "news"}`; `index="flat"`
        forces exact search; `params` tunes the index (`{"ef": 128}` for HNSW, `{"nprobe": 8}` for IVF);
        `explain=True` returns how the query was answered in `.plan`.
        """
        body = query_body(
            embedding=embedding, text=text, k=k, filter=filter, index=index, params=params, explain=explain
        )
        data = self._request("POST", f"{API}/libraries/{int(library_id)}/query", json=body, idempotent=True)
        return QueryResult(hits=[Hit.from_api(h) for h in data["hits"]], plan=data.get("plan"))

    # --- transport ---------------------------------------------------------------------------
    def _request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> Any:
        """Send one request with retries; the decoded JSON body (None for 204)."""
        if idempotent is None:
            idempotent = method in ("GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS")
        attempt = 0
        while True:
            response: httpx.Response | None = None
            try:
                response = self._http.request(method, path, json=json, params=params)
            except _NEVER_SENT as exc:
                failure: Exception = exc
                retryable = True
            except httpx.TransportError as exc:  # sent, maybe processed: repeat only what is safe to repeat
                failure = exc
                retryable = idempotent
            else:
                if response.status_code not in _RETRY_STATUSES:
                    return self._decode(response)
                failure = APIError.from_response(response)
                retryable = True
            if not retryable or attempt >= self.max_retries:
                if isinstance(failure, APIError):
                    raise failure
                raise TransportError(
                    f"{method} {self.base_url}{path} failed after {attempt + 1} attempt(s): "
                    f"{type(failure).__name__}: {failure}"
                ) from failure
            self._sleep(self._delay(attempt, response))
            attempt += 1

    def _delay(self, attempt: int, response: httpx.Response | None) -> float:
        return retry_delay(attempt, response, self.backoff, self.max_backoff)

    @staticmethod
    def _decode(response: httpx.Response) -> Any:
        if response.status_code >= 400:
            raise APIError.from_response(response)
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise VectorDBError(f"the server answered {response.status_code} with a non-JSON body") from exc

    def _page(self, path: str, parse: Callable[[dict[str, Any]], T], params: dict[str, Any]) -> Page[T]:
        clean = {k: v for k, v in params.items() if v is not None}
        return Page.from_api(self._request("GET", path, params=clean), parse)

    def _iterate(
        self, path: str, parse: Callable[[dict[str, Any]], T], params: dict[str, Any], page_size: int
    ) -> Iterator[T]:
        offset = 0
        while True:
            page = self._page(path, parse, {**params, "limit": page_size, "offset": offset})
            yield from page.results
            offset += len(page.results)
            if not page.results or offset >= page.count:
                return


class _Resource:
    def __init__(self, client: VectorDB) -> None:
        self._client = client

    @staticmethod
    def _lib(library_id: int) -> str:
        return f"{API}/libraries/{int(library_id)}"


class Libraries(_Resource):
    """Libraries: a set of documents and chunks with one vector dimension, metric and index."""

    def create(
        self,
        name: str,
        *,
        dimension: int | None = None,
        embedding_provider: str | None = None,
        metric: str = "cosine",
        index_type: str = "flat",
        index_params: Mapping[str, Any] | None = None,
        description: str = "",
        metadata: Mapping[str, Any] | None = None,
        project: int | None = None,
    ) -> Library:
        """Create a library. Give `dimension`, or an `embedding_provider` ("minilm", "cohere", "hash")
        whose dimension is then used and which embeds chunk texts and text queries server-side."""
        body: dict[str, Any] = {
            "name": name,
            "description": description,
            "metadata": dict(metadata or {}),
            "metric": metric,
            "index_type": index_type,
            "index_params": dict(index_params or {}),
        }
        if dimension is not None:
            body["dimension"] = dimension
        if embedding_provider is not None:
            body["embedding_provider"] = embedding_provider
        if project is not None:
            body["project"] = project
        return Library.from_api(self._client._request("POST", f"{API}/libraries", json=body))

    def get(self, library_id: int) -> Library:
        return Library.from_api(self._client._request("GET", self._lib(library_id)))

    def list(self, *, project: int | None = None, limit: int = 100, offset: int = 0) -> Page[Library]:
        return self._client._page(
            f"{API}/libraries", Library.from_api, {"project": project, "limit": limit, "offset": offset}
        )

    def iter(self, *, project: int | None = None, page_size: int = 100) -> Iterator[Library]:
        """Every library, fetching pages as needed."""
        return self._client._iterate(f"{API}/libraries", Library.from_api, {"project": project}, page_size)

    def update(
        self,
        library_id: int,
        *,
        name: str = _UNSET,
        description: str = _UNSET,
        metadata: Mapping[str, Any] = _UNSET,
        embedding_provider: str = _UNSET,
    ) -> Library:
        """Change the name, description, metadata or provider ("" removes the provider)."""
        body = _drop_unset(name=name, description=description, metadata=metadata, embedding_provider=embedding_provider)
        return Library.from_api(self._client._request("PATCH", self._lib(library_id), json=body))

    def delete(self, library_id: int) -> None:
        """Delete the library with all its documents and chunks."""
        self._client._request("DELETE", self._lib(library_id))


class Documents(_Resource):
    def create(self, library_id: int, title: str, *, metadata: Mapping[str, Any] | None = None) -> Document:
        body = {"title": title, "metadata": dict(metadata or {})}
        return Document.from_api(self._client._request("POST", f"{self._lib(library_id)}/documents", json=body))

    def get(self, library_id: int, document_id: int) -> Document:
        path = f"{self._lib(library_id)}/documents/{int(document_id)}"
        return Document.from_api(self._client._request("GET", path))

    def list(self, library_id: int, *, limit: int = 100, offset: int = 0) -> Page[Document]:
        path = f"{self._lib(library_id)}/documents"
        return self._client._page(path, Document.from_api, {"limit": limit, "offset": offset})

    def iter(self, library_id: int, *, page_size: int = 100) -> Iterator[Document]:
        return self._client._iterate(f"{self._lib(library_id)}/documents", Document.from_api, {}, page_size)

    def update(
        self, library_id: int, document_id: int, *, title: str = _UNSET, metadata: Mapping[str, Any] = _UNSET
    ) -> Document:
        path = f"{self._lib(library_id)}/documents/{int(document_id)}"
        body = _drop_unset(title=title, metadata=metadata)
        return Document.from_api(self._client._request("PATCH", path, json=body))

    def delete(self, library_id: int, document_id: int) -> None:
        """Delete the document and its chunks."""
        self._client._request("DELETE", f"{self._lib(library_id)}/documents/{int(document_id)}")


class Chunks(_Resource):
    def upsert(self, library_id: int, chunks: Sequence[ChunkInput | Mapping[str, Any]]) -> builtins.list[int]:
        """Insert (no `id`) or replace (with `id`) chunks in ONE request, all or nothing; their ids in order.

        The server takes up to 50,000 chunks a request; `bulk_upload` batches any number."""
        items = [self._clean(c, i) for i, c in enumerate(chunks)]
        idempotent = all("id" in c for c in items)  # pure replacements can be repeated safely
        data = self._client._request(
            "POST", f"{self._lib(library_id)}/chunks", json={"chunks": items}, idempotent=idempotent
        )
        return [int(i) for i in data["ids"]]

    def bulk_upload(
        self,
        library_id: int,
        chunks: Iterable[ChunkInput | Mapping[str, Any]],
        *,
        batch_size: int = 500,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> BulkUploadResult:
        """Upload any number of chunks (a list or a generator) in batches of `batch_size`, each retried
        on 429/5xx/connection errors. Each batch is all or nothing; if one fails for good, the error
        (`BulkUploadError`) lists the ids already stored and renumbers field errors to whole-upload
        positions. `on_progress(batches_done, chunks_done)` is called after each batch."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        ids: list[int] = []
        batches = 0
        batch: list[ChunkInput | Mapping[str, Any]] = []
        position = 0

        def flush() -> None:
            nonlocal batches, position
            try:
                ids.extend(self.upsert(library_id, batch))
            except VectorDBError as exc:
                raise BulkUploadError(
                    exc, batch_index=batches, first_position=position, uploaded_ids=list(ids)
                ) from exc
            batches += 1
            position += len(batch)
            batch.clear()
            if on_progress is not None:
                on_progress(batches, len(ids))

        for chunk in chunks:
            batch.append(chunk)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        return BulkUploadResult(ids=ids, batches=batches)

    def get(self, library_id: int, chunk_id: int) -> Chunk:
        """One chunk, with its embedding."""
        return Chunk.from_api(self._client._request("GET", f"{self._lib(library_id)}/chunks/{int(chunk_id)}"))

    def list(
        self,
        library_id: int,
        *,
        document_id: int | None = None,
        with_embedding: bool = False,
        limit: int = 100,
        offset: int = 0,
    ) -> Page[Chunk]:
        params = {
            "document": document_id,
            "with_embedding": "true" if with_embedding else None,
            "limit": limit,
            "offset": offset,
        }
        return self._client._page(f"{self._lib(library_id)}/chunks", Chunk.from_api, params)

    def iter(
        self, library_id: int, *, document_id: int | None = None, with_embedding: bool = False, page_size: int = 500
    ) -> Iterator[Chunk]:
        params = {"document": document_id, "with_embedding": "true" if with_embedding else None}
        return self._client._iterate(f"{self._lib(library_id)}/chunks", Chunk.from_api, params, page_size)

    def update(
        self,
        library_id: int,
        chunk_id: int,
        *,
        text: str = _UNSET,
        embedding: Any = _UNSET,
        metadata: Mapping[str, Any] = _UNSET,
        document_id: int = _UNSET,
    ) -> Chunk:
        """Change a chunk; a new text without an embedding is re-embedded when the library has a provider."""
        body = _drop_unset(
            text=text,
            embedding=_vector(embedding) if embedding is not _UNSET else _UNSET,
            metadata=metadata,
            document_id=document_id,
        )
        path = f"{self._lib(library_id)}/chunks/{int(chunk_id)}"
        return Chunk.from_api(self._client._request("PATCH", path, json=body))

    def delete(self, library_id: int, chunk_id: int) -> None:
        self._client._request("DELETE", f"{self._lib(library_id)}/chunks/{int(chunk_id)}")

    def delete_many(self, library_id: int, chunk_ids: Iterable[int]) -> int:
        """Delete chunks by id (unknown ids are ignored); how many were deleted."""
        body = {"ids": [int(i) for i in chunk_ids]}
        data = self._client._request("POST", f"{self._lib(library_id)}/chunks/delete", json=body, idempotent=True)
        return int(data["deleted"])

    @staticmethod
    def _clean(chunk: ChunkInput | Mapping[str, Any], position: int) -> dict[str, Any]:
        item = dict(chunk)
        if item.get("embedding") is not None:
            try:
                item["embedding"] = _vector(item["embedding"])
            except (TypeError, ValueError) as exc:
                raise ValueError(f"chunks[{position}].embedding: {exc}") from None
        elif "embedding" in item:
            del item["embedding"]
        return item


class Indexes(_Resource):
    """Index (re)builds: run in the background on the server, with progress."""

    def build(
        self, library_id: int, *, index_type: str | None = None, index_params: Mapping[str, Any] | None = None
    ) -> IndexBuild:
        """Start a rebuild (optionally switching to `index_type` "flat", "ivf" or "hnsw"); returns at once."""
        body: dict[str, Any] = {}
        if index_type is not None:
            body["index_type"] = index_type
        if index_params is not None:
            body["index_params"] = dict(index_params)
        return IndexBuild.from_api(self._client._request("POST", f"{self._lib(library_id)}/index", json=body))

    def get(self, library_id: int, build_id: int) -> IndexBuild:
        path = f"{self._lib(library_id)}/index/{int(build_id)}"
        return IndexBuild.from_api(self._client._request("GET", path))

    def list(self, library_id: int, *, limit: int = 100, offset: int = 0) -> Page[IndexBuild]:
        path = f"{self._lib(library_id)}/index"
        return self._client._page(path, IndexBuild.from_api, {"limit": limit, "offset": offset})

    def wait(
        self,
        library_id: int,
        build_id: int,
        *,
        timeout: float = 600.0,
        poll_interval: float = 0.5,
        on_progress: Callable[[IndexBuild], None] | None = None,
    ) -> IndexBuild:
        """Poll a build until it finishes; `on_progress(build)` sees each state. Raises
        `IndexBuildFailedError` if it failed and `WaitTimeoutError` after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            build = self.get(library_id, build_id)
            if on_progress is not None:
                on_progress(build)
            if build.status == "succeeded":
                return build
            if build.status == "failed":
                raise IndexBuildFailedError(build)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaitTimeoutError(build, timeout)
            self._client._sleep(min(poll_interval, remaining))

    def build_and_wait(
        self,
        library_id: int,
        *,
        index_type: str | None = None,
        index_params: Mapping[str, Any] | None = None,
        timeout: float = 600.0,
        poll_interval: float = 0.5,
        on_progress: Callable[[IndexBuild], None] | None = None,
    ) -> IndexBuild:
        build = self.build(library_id, index_type=index_type, index_params=index_params)
        return self.wait(library_id, build.id, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress)


class Pipelines(_Resource):
    """The durable query pipeline (preprocess, retrieve, rerank, answer) run by the server's workers."""

    def start(
        self,
        library_id: int,
        question: str,
        *,
        k: int = 5,
        candidates: int | None = None,
        filter: Mapping[str, Any] | None = None,
        answer: str = "auto",
    ) -> PipelineRun:
        """Start a run; returns at once. `answer`: "auto", "extractive", "llm" or "none" (hits only)."""
        body: dict[str, Any] = {"question": question, "k": k, "answer": answer}
        if candidates is not None:
            body["candidates"] = candidates
        if filter is not None:
            body["filter"] = dict(filter)
        return PipelineRun.from_api(self._client._request("POST", f"{self._lib(library_id)}/pipelines", json=body))

    def get(self, run_id: str) -> PipelineRun:
        return PipelineRun.from_api(self._client._request("GET", f"{API}/pipelines/{run_id}"))

    def wait(
        self,
        run_id: str,
        *,
        timeout: float = 120.0,
        poll_interval: float = 0.25,
        on_progress: Callable[[PipelineRun], None] | None = None,
    ) -> PipelineRun:
        """Poll a run until it finishes. Raises `PipelineFailedError` or `WaitTimeoutError`."""
        deadline = time.monotonic() + timeout
        while True:
            run = self.get(run_id)
            if on_progress is not None:
                on_progress(run)
            if run.status == "succeeded":
                return run
            if run.status == "failed":
                raise PipelineFailedError(run)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaitTimeoutError(None, timeout, run=run)
            self._client._sleep(min(poll_interval, remaining))

    def ask(
        self,
        library_id: int,
        question: str,
        *,
        k: int = 5,
        filter: Mapping[str, Any] | None = None,
        answer: str = "auto",
        timeout: float = 120.0,
        on_progress: Callable[[PipelineRun], None] | None = None,
    ) -> PipelineRun:
        """Start a run and wait for it: `run.answer`, `run.hits`."""
        run = self.start(library_id, question, k=k, filter=filter, answer=answer)
        if run.done:
            if run.status == "failed":
                raise PipelineFailedError(run)
            return run
        return self.wait(run.id, timeout=timeout, on_progress=on_progress)
