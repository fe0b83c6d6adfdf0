"""The sans-I/O core shared by `VectorDB` and `AsyncVectorDB`.

Every API operation is written once here as a generator (an `Op`) that yields the I/O it needs,
`Send(method, path, json, params)` or `Sleep(seconds)`, and receives the outcome back (an
`httpx.Response`, or the `httpx.TransportError` the send raised). Request building, retry decisions
and backoff, response decoding into typed models and exceptions, batching and polling all live here;
the two clients only perform the I/O (`run_sync` here, `AsyncVectorDB._run` in `aio`).
"""

from __future__ import annotations

import builtins
import functools
import inspect
import math
import os
import random
import time
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

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

DEFAULT_URL = "http://127.0.0.1:8000"
API = "/api/vectordb"
USER_AGENT = "vendomo-vectordb-python/0.1"
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_IDEMPOTENT_METHODS = ("GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS")
_UNSET: Any = object()
T = TypeVar("T")


class _Polled(Protocol):
    @property
    def status(self) -> str: ...


P = TypeVar("P", bound=_Polled)


@dataclass(frozen=True)
class Send:
    """Send one HTTP request; the driver answers with the `httpx.Response` or the `httpx.TransportError`."""

    method: str
    path: str
    json: Any = None
    params: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Sleep:
    """Wait `seconds` (with the client's `sleep`); the driver answers None."""

    seconds: float


Effect = Send | Sleep
Op = Generator[Effect, Any, T]


class Settings(Protocol):
    """What the core reads from a client."""

    base_url: str
    max_retries: int
    backoff: float
    max_backoff: float


def connection_settings(
    base_url: str | None, api_key: str | None, headers: Mapping[str, str] | None, agent: str
) -> tuple[str, dict[str, str]]:
    """The base URL (`$VENDOMO_URL`, else the default) and the headers (key from `$VENDOMO_API_KEY`)."""
    base_url = (base_url or os.environ.get("VENDOMO_URL") or DEFAULT_URL).rstrip("/")
    api_key = api_key if api_key is not None else os.environ.get("VENDOMO_API_KEY")
    all_headers = {"Accept": "application/json", "User-Agent": agent}
    if api_key:
        all_headers["X-API-KEY"] = api_key
    all_headers.update(headers or {})
    return base_url, all_headers


def run_sync(op: Op[T], send: Callable[[Send], Any], sleep: Callable[[float], None]) -> T:
    """Drive `op` with blocking I/O."""
    reply: Any = None
    try:
        while True:
            effect = op.send(reply)
            if isinstance(effect, Sleep):
                sleep(effect.seconds)
                reply = None
            else:
                reply = send(effect)
    except StopIteration as stop:
        return stop.value  # type: ignore[no-any-return]
    finally:
        op.close()


F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C", bound=type)


def as_method(method: F, operation: Callable[..., Any], returns: str) -> F:
    """`method`, which runs `operation`, documented as the public method: the operation's docstring and
    signature (its `client` parameter stands for `self`), returning `returns` (`{}` is the operation's
    result type) instead of an `Op`."""
    functools.update_wrapper(method, operation)
    signature = inspect.signature(operation)
    result = str(signature.return_annotation)
    result = result[result.index("[") + 1 : -1]
    client, *_ = signature.parameters
    annotations = {k: v for k, v in operation.__annotations__.items() if k != client}
    method.__annotations__ = {**annotations, "return": returns.format(result)}
    method.__signature__ = signature.replace(return_annotation=returns.format(result))  # type: ignore[attr-defined]
    return method


def named_methods(cls: C) -> C:
    """Name the methods made by `as_method` after the attributes that hold them (not their operations)."""
    for name, value in vars(cls).items():
        if hasattr(value, "__wrapped__"):
            value.__name__ = name
            value.__qualname__ = f"{cls.__name__}.{name}"
    return cls


def http_kwargs(effect: Send) -> dict[str, Any]:
    return {"json": effect.json, "params": effect.params}


# --- request building and decoding -----------------------------------------------------------------


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


def _given(body: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """`body` plus the `fields` that are not None (mappings copied to dicts)."""
    for key, value in fields.items():
        if value is not None:
            body[key] = dict(value) if isinstance(value, Mapping) else value
    return body


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
    return _given(body, filter=filter, index=index, params=params)


def retry_delay(attempt: int, response: httpx.Response | None, backoff: float, max_backoff: float) -> float:
    """Seconds before retry number `attempt + 1`: `Retry-After` if the server sent one, else exponential
    backoff with jitter (so clients that failed together retry apart)."""
    if response is not None:
        retry_after = response.headers.get("Retry-After", "")
        if retry_after.replace(".", "", 1).isdigit():
            return min(float(retry_after), max_backoff)
    base = min(max_backoff, backoff * (2.0**attempt))
    return base * (0.5 + random.random() / 2)


def decode(response: httpx.Response) -> Any:
    """The decoded JSON body (None when empty), or the typed `APIError` of an error status."""
    if response.status_code >= 400:
        raise APIError.from_response(response)
    if response.status_code == 204 or not response.content:
        return None
    try:
        return response.json()
    except ValueError as exc:
        raise VectorDBError(f"the server answered {response.status_code} with a non-JSON body") from exc


def request(
    client: Settings,
    method: str,
    path: str,
    *,
    json: Any = None,
    params: Mapping[str, Any] | None = None,
    idempotent: bool | None = None,
) -> Op[Any]:
    """One request with retries; the decoded JSON body (None for 204).

    Retried on 429/5xx and on connections never made; a connection that broke after the request was
    sent only when the request is safe to repeat (`idempotent`, by default from the method)."""
    if idempotent is None:
        idempotent = method in _IDEMPOTENT_METHODS
    attempt = 0
    while True:
        outcome = yield Send(method, path, json, params)
        response: httpx.Response | None = None
        if isinstance(outcome, _NEVER_SENT):
            failure: Exception = outcome
            retryable = True
        elif isinstance(outcome, httpx.TransportError):  # sent, maybe processed: repeat only what is safe
            failure = outcome
            retryable = idempotent
        else:
            response = outcome
            if response.status_code not in _RETRY_STATUSES:
                return decode(response)
            failure = APIError.from_response(response)
            retryable = True
        if not retryable or attempt >= client.max_retries:
            if isinstance(failure, APIError):
                raise failure
            raise TransportError(
                f"{method} {client.base_url}{path} failed after {attempt + 1} attempt(s): "
                f"{type(failure).__name__}: {failure}"
            ) from failure
        yield Sleep(retry_delay(attempt, response, client.backoff, client.max_backoff))
        attempt += 1


def _fetch(client: Settings, parse: Callable[[Any], T], method: str, path: str, **kwargs: Any) -> Op[T]:
    return parse((yield from request(client, method, path, **kwargs)))


@dataclass(frozen=True)
class Paged(Generic[T]):
    """A list endpoint walked page by page (`VectorDB._iterate`, `AsyncVectorDB._iterate`)."""

    client: Settings
    path: str
    parse: Callable[[dict[str, Any]], T]
    params: dict[str, Any]
    page_size: int = 100

    def page(self, offset: int, limit: int | None = None) -> Op[Page[T]]:
        params = {**self.params, "limit": self.page_size if limit is None else limit, "offset": offset}
        clean = {k: v for k, v in params.items() if v is not None}
        return Page.from_api((yield from request(self.client, "GET", self.path, params=clean)), self.parse)

    @staticmethod
    def next_offset(page: Page[Any], offset: int) -> int | None:
        """Where the next page starts, or None after the last one."""
        offset += len(page.results)
        return None if not page.results or offset >= page.count else offset


def _lib(library_id: int) -> str:
    return f"{API}/libraries/{int(library_id)}"


def _poll(
    get: Callable[[], Op[P]],
    *,
    timeout: float,
    poll_interval: float,
    on_progress: Callable[[P], None] | None,
    failed: Callable[[P], Exception],
    timed_out: Callable[[P], Exception],
) -> Op[P]:
    """Fetch with `get` until the `status` is final; raise `failed(x)` or, after `timeout`, `timed_out(x)`."""
    deadline = time.monotonic() + timeout
    while True:
        current = yield from get()
        if on_progress is not None:
            on_progress(current)
        if current.status == "succeeded":
            return current
        if current.status == "failed":
            raise failed(current)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise timed_out(current)
        yield Sleep(min(poll_interval, remaining))


# --- the operations (each the body of one public method of both clients) ----------------------------


def query(
    client: Settings,
    library_id: int,
    *,
    embedding: Any = None,
    text: str | None = None,
    k: int = 10,
    filter: Mapping[str, Any] | None = None,
    index: str | None = None,
    params: Mapping[str, Any] | None = None,
    explain: bool = False,
) -> Op[QueryResult]:
    """The `k` nearest chunks to `embedding` (or to `text`, embedded by the library's provider).

    `filter` is a metadata filter such as `{"year": {"$gte": 2020}, "tags": "news"}`; `index="flat"`
    forces exact search; `params` tunes the index (`{"ef": 128}` for HNSW, `{"nprobe": 8}` for IVF);
    `explain=True` returns how the query was answered in `.plan`.
    """
    body = query_body(embedding=embedding, text=text, k=k, filter=filter, index=index, params=params, explain=explain)
    data = yield from request(client, "POST", f"{_lib(library_id)}/query", json=body, idempotent=True)
    return QueryResult(hits=[Hit.from_api(h) for h in data["hits"]], plan=data.get("plan"))


def library_create(
    client: Settings,
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
) -> Op[Library]:
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
    body = _given(body, dimension=dimension, embedding_provider=embedding_provider, project=project)
    return (yield from _fetch(client, Library.from_api, "POST", f"{API}/libraries", json=body))


def library_get(client: Settings, library_id: int) -> Op[Library]:
    return (yield from _fetch(client, Library.from_api, "GET", _lib(library_id)))


def library_list(
    client: Settings, *, project: int | None = None, limit: int = 100, offset: int = 0
) -> Op[Page[Library]]:
    return (yield from Paged(client, f"{API}/libraries", Library.from_api, {"project": project}).page(offset, limit))


def library_iter(client: Settings, *, project: int | None = None, page_size: int = 100) -> Paged[Library]:
    """Every library, fetching pages as needed."""
    return Paged(client, f"{API}/libraries", Library.from_api, {"project": project}, page_size)


def library_update(
    client: Settings,
    library_id: int,
    *,
    name: str = _UNSET,
    description: str = _UNSET,
    metadata: Mapping[str, Any] = _UNSET,
    embedding_provider: str = _UNSET,
) -> Op[Library]:
    """Change the name, description, metadata or provider ("" removes the provider)."""
    body = _drop_unset(name=name, description=description, metadata=metadata, embedding_provider=embedding_provider)
    return (yield from _fetch(client, Library.from_api, "PATCH", _lib(library_id), json=body))


def library_delete(client: Settings, library_id: int) -> Op[None]:
    """Delete the library with all its documents and chunks."""
    yield from request(client, "DELETE", _lib(library_id))


def document_create(
    client: Settings, library_id: int, title: str, *, metadata: Mapping[str, Any] | None = None
) -> Op[Document]:
    body = {"title": title, "metadata": dict(metadata or {})}
    return (yield from _fetch(client, Document.from_api, "POST", f"{_lib(library_id)}/documents", json=body))


def document_get(client: Settings, library_id: int, document_id: int) -> Op[Document]:
    path = f"{_lib(library_id)}/documents/{int(document_id)}"
    return (yield from _fetch(client, Document.from_api, "GET", path))


def document_list(client: Settings, library_id: int, *, limit: int = 100, offset: int = 0) -> Op[Page[Document]]:
    return (yield from document_iter(client, library_id).page(offset, limit))


def document_iter(client: Settings, library_id: int, *, page_size: int = 100) -> Paged[Document]:
    return Paged(client, f"{_lib(library_id)}/documents", Document.from_api, {}, page_size)


def document_update(
    client: Settings, library_id: int, document_id: int, *, title: str = _UNSET, metadata: Mapping[str, Any] = _UNSET
) -> Op[Document]:
    path = f"{_lib(library_id)}/documents/{int(document_id)}"
    body = _drop_unset(title=title, metadata=metadata)
    return (yield from _fetch(client, Document.from_api, "PATCH", path, json=body))


def document_delete(client: Settings, library_id: int, document_id: int) -> Op[None]:
    """Delete the document and its chunks."""
    yield from request(client, "DELETE", f"{_lib(library_id)}/documents/{int(document_id)}")


def _clean_chunk(chunk: ChunkInput | Mapping[str, Any], position: int) -> dict[str, Any]:
    item = dict(chunk)
    if item.get("embedding") is not None:
        try:
            item["embedding"] = _vector(item["embedding"])
        except (TypeError, ValueError) as exc:
            raise ValueError(f"chunks[{position}].embedding: {exc}") from None
    elif "embedding" in item:
        del item["embedding"]
    return item


def chunk_upsert(
    client: Settings, library_id: int, chunks: Sequence[ChunkInput | Mapping[str, Any]]
) -> Op[builtins.list[int]]:
    """Insert (no `id`) or replace (with `id`) chunks in ONE request, all or nothing; their ids in order.

    The server takes up to 50,000 chunks a request; `bulk_upload` batches any number."""
    items = [_clean_chunk(c, i) for i, c in enumerate(chunks)]
    idempotent = all("id" in c for c in items)  # pure replacements can be repeated safely
    data = yield from request(
        client, "POST", f"{_lib(library_id)}/chunks", json={"chunks": items}, idempotent=idempotent
    )
    return [int(i) for i in data["ids"]]


def chunk_bulk_upload(
    client: Settings,
    library_id: int,
    chunks: Iterable[ChunkInput | Mapping[str, Any]],
    *,
    batch_size: int = 500,
    on_progress: Callable[[int, int], None] | None = None,
) -> Op[BulkUploadResult]:
    """Upload any number of chunks (a list or a generator) in batches of `batch_size`, each retried
    on 429/5xx/connection errors, one after the other. Each batch is all or nothing; if one fails for
    good, the error (`BulkUploadError`) lists the ids already stored and renumbers field errors to
    whole-upload positions. `on_progress(batches_done, chunks_done)` is called after each batch."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    ids: list[int] = []
    batches = 0
    batch: list[ChunkInput | Mapping[str, Any]] = []
    position = 0

    def flush() -> Op[None]:
        nonlocal batches, position
        try:
            ids.extend((yield from chunk_upsert(client, library_id, batch)))
        except VectorDBError as exc:
            raise BulkUploadError(exc, batch_index=batches, first_position=position, uploaded_ids=list(ids)) from exc
        batches += 1
        position += len(batch)
        batch.clear()
        if on_progress is not None:
            on_progress(batches, len(ids))

    for chunk in chunks:
        batch.append(chunk)
        if len(batch) >= batch_size:
            yield from flush()
    if batch:
        yield from flush()
    return BulkUploadResult(ids=ids, batches=batches)


def chunk_get(client: Settings, library_id: int, chunk_id: int) -> Op[Chunk]:
    """One chunk, with its embedding."""
    return (yield from _fetch(client, Chunk.from_api, "GET", f"{_lib(library_id)}/chunks/{int(chunk_id)}"))


def chunk_list(
    client: Settings,
    library_id: int,
    *,
    document_id: int | None = None,
    with_embedding: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> Op[Page[Chunk]]:
    paged = chunk_iter(client, library_id, document_id=document_id, with_embedding=with_embedding)
    return (yield from paged.page(offset, limit))


def chunk_iter(
    client: Settings,
    library_id: int,
    *,
    document_id: int | None = None,
    with_embedding: bool = False,
    page_size: int = 500,
) -> Paged[Chunk]:
    params = {"document": document_id, "with_embedding": "true" if with_embedding else None}
    return Paged(client, f"{_lib(library_id)}/chunks", Chunk.from_api, params, page_size)


def chunk_update(
    client: Settings,
    library_id: int,
    chunk_id: int,
    *,
    text: str = _UNSET,
    embedding: Any = _UNSET,
    metadata: Mapping[str, Any] = _UNSET,
    document_id: int = _UNSET,
) -> Op[Chunk]:
    """Change a chunk; a new text without an embedding is re-embedded when the library has a provider."""
    body = _drop_unset(
        text=text,
        embedding=_vector(embedding) if embedding is not _UNSET else _UNSET,
        metadata=metadata,
        document_id=document_id,
    )
    path = f"{_lib(library_id)}/chunks/{int(chunk_id)}"
    return (yield from _fetch(client, Chunk.from_api, "PATCH", path, json=body))


def chunk_delete(client: Settings, library_id: int, chunk_id: int) -> Op[None]:
    yield from request(client, "DELETE", f"{_lib(library_id)}/chunks/{int(chunk_id)}")


def chunk_delete_many(client: Settings, library_id: int, chunk_ids: Iterable[int]) -> Op[int]:
    """Delete chunks by id (unknown ids are ignored); how many were deleted."""
    body = {"ids": [int(i) for i in chunk_ids]}
    data = yield from request(client, "POST", f"{_lib(library_id)}/chunks/delete", json=body, idempotent=True)
    return int(data["deleted"])


def index_build(
    client: Settings, library_id: int, *, index_type: str | None = None, index_params: Mapping[str, Any] | None = None
) -> Op[IndexBuild]:
    """Start a rebuild (optionally switching to `index_type` "flat", "ivf" or "hnsw"); returns at once."""
    body = _given({}, index_type=index_type, index_params=index_params)
    return (yield from _fetch(client, IndexBuild.from_api, "POST", f"{_lib(library_id)}/index", json=body))


def index_get(client: Settings, library_id: int, build_id: int) -> Op[IndexBuild]:
    return (yield from _fetch(client, IndexBuild.from_api, "GET", f"{_lib(library_id)}/index/{int(build_id)}"))


def index_list(client: Settings, library_id: int, *, limit: int = 100, offset: int = 0) -> Op[Page[IndexBuild]]:
    paged = Paged(client, f"{_lib(library_id)}/index", IndexBuild.from_api, {})
    return (yield from paged.page(offset, limit))


def index_wait(
    client: Settings,
    library_id: int,
    build_id: int,
    *,
    timeout: float = 600.0,
    poll_interval: float = 0.5,
    on_progress: Callable[[IndexBuild], None] | None = None,
) -> Op[IndexBuild]:
    """Poll a build until it finishes; `on_progress(build)` sees each state. Raises
    `IndexBuildFailedError` if it failed and `WaitTimeoutError` after `timeout` seconds."""
    return (
        yield from _poll(
            lambda: index_get(client, library_id, build_id),
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
            failed=IndexBuildFailedError,
            timed_out=lambda build: WaitTimeoutError(build, timeout),
        )
    )


def index_build_and_wait(
    client: Settings,
    library_id: int,
    *,
    index_type: str | None = None,
    index_params: Mapping[str, Any] | None = None,
    timeout: float = 600.0,
    poll_interval: float = 0.5,
    on_progress: Callable[[IndexBuild], None] | None = None,
) -> Op[IndexBuild]:
    build = yield from index_build(client, library_id, index_type=index_type, index_params=index_params)
    return (
        yield from index_wait(
            client, library_id, build.id, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress
        )
    )


def pipeline_start(
    client: Settings,
    library_id: int,
    question: str,
    *,
    k: int = 5,
    candidates: int | None = None,
    filter: Mapping[str, Any] | None = None,
    answer: str = "auto",
) -> Op[PipelineRun]:
    """Start a run; returns at once. `answer`: "auto", "extractive", "llm" or "none" (hits only)."""
    body = _given({"question": question, "k": k, "answer": answer}, candidates=candidates, filter=filter)
    return (yield from _fetch(client, PipelineRun.from_api, "POST", f"{_lib(library_id)}/pipelines", json=body))


def pipeline_get(client: Settings, run_id: str) -> Op[PipelineRun]:
    return (yield from _fetch(client, PipelineRun.from_api, "GET", f"{API}/pipelines/{run_id}"))


def pipeline_wait(
    client: Settings,
    run_id: str,
    *,
    timeout: float = 120.0,
    poll_interval: float = 0.25,
    on_progress: Callable[[PipelineRun], None] | None = None,
) -> Op[PipelineRun]:
    """Poll a run until it finishes. Raises `PipelineFailedError` or `WaitTimeoutError`."""
    return (
        yield from _poll(
            lambda: pipeline_get(client, run_id),
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
            failed=PipelineFailedError,
            timed_out=lambda run: WaitTimeoutError(None, timeout, run=run),
        )
    )


def pipeline_ask(
    client: Settings,
    library_id: int,
    question: str,
    *,
    k: int = 5,
    filter: Mapping[str, Any] | None = None,
    answer: str = "auto",
    timeout: float = 120.0,
    on_progress: Callable[[PipelineRun], None] | None = None,
) -> Op[PipelineRun]:
    """Start a run and wait for it: `run.answer`, `run.hits`."""
    run = yield from pipeline_start(client, library_id, question, k=k, filter=filter, answer=answer)
    if run.done:
        if run.status == "failed":
            raise PipelineFailedError(run)
        return run
    return (yield from pipeline_wait(client, run.id, timeout=timeout, on_progress=on_progress))
