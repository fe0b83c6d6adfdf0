"""The asyncio client: `AsyncVectorDB`, the same API as `VectorDB` with `await` (httpx.AsyncClient).

    async with AsyncVectorDB(url, api_key=key) as db:
        library = await db.libraries.create("notes", embedding_provider="minilm")
        hits = await db.query(library.id, text="refund policy", k=3)

Every operation, with its retries, errors and the rules for what is safe to repeat, is the one of the
synchronous client (`vendomo_vectordb._core`); only the I/O here is asynchronous.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Mapping
from typing import Any, Concatenate, ParamSpec, TypeVar

import httpx

from vendomo_vectordb import _core
from vendomo_vectordb import _operations as _ops
from vendomo_vectordb._core import Op, Paged, Send, Sleep

__all__ = ["AsyncVectorDB"]

T = TypeVar("T")
P = ParamSpec("P")


def _async(operation: Callable[Concatenate[Any, P], Op[T]]) -> Callable[Concatenate[Any, P], Coroutine[Any, Any, T]]:
    """A coroutine method running the core `operation` with the client's `httpx.AsyncClient`."""

    async def method(self: Any, /, *args: P.args, **kwargs: P.kwargs) -> T:
        client: AsyncVectorDB = self._client
        return await client._run(operation(client, *args, **kwargs))

    return _core.as_method(method, operation, "{}")


def _async_iter(
    operation: Callable[Concatenate[Any, P], Paged[T]],
) -> Callable[Concatenate[Any, P], AsyncIterator[T]]:
    """A method iterating asynchronously over every item of the core list `operation`."""

    def method(self: Any, /, *args: P.args, **kwargs: P.kwargs) -> AsyncIterator[T]:
        client: AsyncVectorDB = self._client
        return client._iterate(operation(client, *args, **kwargs))

    return _core.as_method(method, operation, "AsyncIterator[{}]")


@_core.named_methods
class AsyncVectorDB:
    """An asyncio client of one Vendomo server; see `VectorDB` for the arguments."""

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float = 30.0,
        max_retries: int = 4,
        backoff: float = 0.5,
        max_backoff: float = 20.0,
        transport: httpx.AsyncBaseTransport | None = None,
        headers: Mapping[str, str] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        base_url, all_headers = _core.connection_settings(base_url, api_key, headers, f"{_core.USER_AGENT} (asyncio)")
        self.base_url = base_url
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self._sleep = sleep
        self._http = httpx.AsyncClient(base_url=base_url, headers=all_headers, timeout=timeout, transport=transport)
        self.libraries = AsyncLibraries(self)
        self.documents = AsyncDocuments(self)
        self.chunks = AsyncChunks(self)
        self.indexes = AsyncIndexes(self)
        self.pipelines = AsyncPipelines(self)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncVectorDB:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"<AsyncVectorDB {self.base_url}>"

    query = _async(_ops.query)

    # --- transport: the only I/O; everything else is in `_core` ------------------------------
    @property
    def _client(self) -> AsyncVectorDB:  # so that `_async` methods work on the client as on its resources
        return self

    async def _send(self, effect: Send) -> httpx.Response | httpx.TransportError:
        try:
            return await self._http.request(effect.method, effect.path, **_core.http_kwargs(effect))
        except httpx.TransportError as exc:
            return exc

    async def _run(self, operation: Op[T]) -> T:
        """Drive `operation` (`_core.run_sync`, with awaited I/O)."""
        reply: Any = None
        try:
            while True:
                effect = operation.send(reply)
                reply = await (self._sleep(effect.seconds) if isinstance(effect, Sleep) else self._send(effect))
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        finally:
            operation.close()

    async def _iterate(self, paged: Paged[T]) -> AsyncIterator[T]:
        offset: int | None = 0
        while offset is not None:
            page = await self._run(paged.page(offset))
            for item in page.results:
                yield item
            offset = paged.next_offset(page, offset)


class _AsyncResource:
    def __init__(self, client: AsyncVectorDB) -> None:
        self._client = client


@_core.named_methods
class AsyncLibraries(_AsyncResource):
    create = _async(_ops.library_create)
    get = _async(_ops.library_get)
    list = _async(_ops.library_list)
    iter = _async_iter(_ops.library_iter)
    update = _async(_ops.library_update)
    delete = _async(_ops.library_delete)


@_core.named_methods
class AsyncDocuments(_AsyncResource):
    create = _async(_ops.document_create)
    get = _async(_ops.document_get)
    list = _async(_ops.document_list)
    iter = _async_iter(_ops.document_iter)
    update = _async(_ops.document_update)
    delete = _async(_ops.document_delete)


@_core.named_methods
class AsyncChunks(_AsyncResource):
    upsert = _async(_ops.chunk_upsert)
    bulk_upload = _async(_ops.chunk_bulk_upload)
    get = _async(_ops.chunk_get)
    list = _async(_ops.chunk_list)
    update = _async(_ops.chunk_update)
    delete = _async(_ops.chunk_delete)
    delete_many = _async(_ops.chunk_delete_many)


@_core.named_methods
class AsyncIndexes(_AsyncResource):
    build = _async(_ops.index_build)
    get = _async(_ops.index_get)
    wait = _async(_ops.index_wait)
    build_and_wait = _async(_ops.index_build_and_wait)


@_core.named_methods
class AsyncPipelines(_AsyncResource):
    start = _async(_ops.pipeline_start)
    get = _async(_ops.pipeline_get)
    wait = _async(_ops.pipeline_wait)
    ask = _async(_ops.pipeline_ask)
