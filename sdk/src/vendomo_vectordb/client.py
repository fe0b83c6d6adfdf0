"""The client: `VectorDB(base_url, api_key)` with `.libraries`, `.documents`, `.chunks`, `.indexes`, `.query()`.

Retries. A request is retried with exponential backoff and jitter (honouring `Retry-After`) when the
server answers 429 or 5xx, or when the connection could not be made. A connection that broke after the
request was sent (a read timeout, a reset) may have been processed, so it is retried only for requests
that are safe to repeat: reads, queries, updates and deletes, and chunk upserts in which every chunk
carries its `id`. Everything else raises at once with the server's `detail`, `code` and `errors`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Concatenate, ParamSpec, TypeVar

import httpx

from vendomo_vectordb import _core
from vendomo_vectordb import _operations as _ops
from vendomo_vectordb._core import (  # noqa: F401  (re-exported: importable from here as before)
    _NEVER_SENT,
    _RETRY_STATUSES,
    _UNSET,
    API,
    DEFAULT_URL,
    Op,
    Paged,
    Send,
    _drop_unset,
    _vector,
    query_body,
    retry_delay,
)

__all__ = ["DEFAULT_URL", "VectorDB"]

T = TypeVar("T")
P = ParamSpec("P")


def _sync(operation: Callable[Concatenate[Any, P], Op[T]]) -> Callable[Concatenate[Any, P], T]:
    """A blocking method running the core `operation` with the client's `httpx.Client`."""

    def method(self: Any, /, *args: P.args, **kwargs: P.kwargs) -> T:
        client: VectorDB = self._client
        return client._run(operation(client, *args, **kwargs))

    return _core.as_method(method, operation, "{}")


def _sync_iter(operation: Callable[Concatenate[Any, P], Paged[T]]) -> Callable[Concatenate[Any, P], Iterator[T]]:
    """A method iterating over every item of the core list `operation`, fetching pages as needed."""

    def method(self: Any, /, *args: P.args, **kwargs: P.kwargs) -> Iterator[T]:
        client: VectorDB = self._client
        return client._iterate(operation(client, *args, **kwargs))

    return _core.as_method(method, operation, "Iterator[{}]")


@_core.named_methods
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
        base_url, all_headers = _core.connection_settings(base_url, api_key, headers, _core.USER_AGENT)
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
    query = _sync(_ops.query)

    # --- transport: the only I/O; everything else is in `_core` ------------------------------
    @property
    def _client(self) -> VectorDB:  # so that `_sync` methods work on the client as on its resources
        return self

    def _send(self, effect: Send) -> httpx.Response | httpx.TransportError:
        try:
            return self._http.request(effect.method, effect.path, **_core.http_kwargs(effect))
        except httpx.TransportError as exc:
            return exc

    def _run(self, operation: Op[T]) -> T:
        return _core.run_sync(operation, self._send, self._sleep)

    def _iterate(self, paged: Paged[T]) -> Iterator[T]:
        offset: int | None = 0
        while offset is not None:
            page = self._run(paged.page(offset))
            yield from page.results
            offset = paged.next_offset(page, offset)


class _Resource:
    def __init__(self, client: VectorDB) -> None:
        self._client = client


@_core.named_methods
class Libraries(_Resource):
    """Libraries: a set of documents and chunks with one vector dimension, metric and index."""

    create = _sync(_ops.library_create)
    get = _sync(_ops.library_get)
    list = _sync(_ops.library_list)
    iter = _sync_iter(_ops.library_iter)
    update = _sync(_ops.library_update)
    delete = _sync(_ops.library_delete)


@_core.named_methods
class Documents(_Resource):
    create = _sync(_ops.document_create)
    get = _sync(_ops.document_get)
    list = _sync(_ops.document_list)
    iter = _sync_iter(_ops.document_iter)
    update = _sync(_ops.document_update)
    delete = _sync(_ops.document_delete)


@_core.named_methods
class Chunks(_Resource):
    upsert = _sync(_ops.chunk_upsert)
    bulk_upload = _sync(_ops.chunk_bulk_upload)
    get = _sync(_ops.chunk_get)
    list = _sync(_ops.chunk_list)
    iter = _sync_iter(_ops.chunk_iter)
    update = _sync(_ops.chunk_update)
    delete = _sync(_ops.chunk_delete)
    delete_many = _sync(_ops.chunk_delete_many)


@_core.named_methods
class Indexes(_Resource):
    """Index (re)builds: run in the background on the server, with progress."""

    build = _sync(_ops.index_build)
    get = _sync(_ops.index_get)
    list = _sync(_ops.index_list)
    wait = _sync(_ops.index_wait)
    build_and_wait = _sync(_ops.index_build_and_wait)


@_core.named_methods
class Pipelines(_Resource):
    """The durable query pipeline (preprocess, retrieve, rerank, answer) run by the server's workers."""

    start = _sync(_ops.pipeline_start)
    get = _sync(_ops.pipeline_get)
    wait = _sync(_ops.pipeline_wait)
    ask = _sync(_ops.pipeline_ask)
