"""The asyncio client: `AsyncVectorDB`, the same API as `VectorDB` with `await` (httpx.AsyncClient).

    async with AsyncVectorDB(url, api_key=key) as db:
        library = await db.libraries.create("notes", embedding_provider="minilm")
        hits = await db.query(library.id, text="refund policy", k=3)

Retries, errors and the rules for what is safe to repeat are the synchronous client's
(`vendomo_vectordb.client`).
"""

from __future__ import annotations

import asyncio
import builtins
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import httpx

from vendomo_vectordb.client import (
    _NEVER_SENT,
    _RETRY_STATUSES,
    _UNSET,
    API,
    DEFAULT_URL,
    Chunks,
    VectorDB,
    _drop_unset,
    _vector,
    query_body,
    retry_delay,
)
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

__all__ = ["AsyncVectorDB"]

T = TypeVar("T")


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
        base_url = (base_url or os.environ.get("VENDOMO_URL") or DEFAULT_URL).rstrip("/")
        api_key = api_key if api_key is not None else os.environ.get("VENDOMO_API_KEY")
        all_headers = {"Accept": "application/json", "User-Agent": "vendomo-vectordb-python/0.1 (asyncio)"}
        if api_key:
            all_headers["X-API-KEY"] = api_key
        all_headers.update(headers or {})
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

    async def query(
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
        """See `VectorDB.query`."""
        body = query_body(
            embedding=embedding, text=text, k=k, filter=filter, index=index, params=params, explain=explain
        )
        data = await self._request("POST", f"{API}/libraries/{int(library_id)}/query", json=body, idempotent=True)
        return QueryResult(hits=[Hit.from_api(h) for h in data["hits"]], plan=data.get("plan"))

    async def _request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> Any:
        if idempotent is None:
            idempotent = method in ("GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS")
        attempt = 0
        while True:
            response: httpx.Response | None = None
            try:
                response = await self._http.request(method, path, json=json, params=params)
            except _NEVER_SENT as exc:
                failure: Exception = exc
                retryable = True
            except httpx.TransportError as exc:
                failure = exc
                retryable = idempotent
            else:
                if response.status_code not in _RETRY_STATUSES:
                    return VectorDB._decode(response)
                failure = APIError.from_response(response)
                retryable = True
            if not retryable or attempt >= self.max_retries:
                if isinstance(failure, APIError):
                    raise failure
                raise TransportError(
                    f"{method} {self.base_url}{path} failed after {attempt + 1} attempt(s): "
                    f"{type(failure).__name__}: {failure}"
                ) from failure
            await self._sleep(retry_delay(attempt, response, self.backoff, self.max_backoff))
            attempt += 1

    async def _page(self, path: str, parse: Callable[[dict[str, Any]], T], params: dict[str, Any]) -> Page[T]:
        clean = {k: v for k, v in params.items() if v is not None}
        return Page.from_api(await self._request("GET", path, params=clean), parse)

    async def _iterate(
        self, path: str, parse: Callable[[dict[str, Any]], T], params: dict[str, Any], page_size: int
    ) -> AsyncIterator[T]:
        offset = 0
        while True:
            page = await self._page(path, parse, {**params, "limit": page_size, "offset": offset})
            for item in page.results:
                yield item
            offset += len(page.results)
            if not page.results or offset >= page.count:
                return


class _AsyncResource:
    def __init__(self, client: AsyncVectorDB) -> None:
        self._client = client

    @staticmethod
    def _lib(library_id: int) -> str:
        return f"{API}/libraries/{int(library_id)}"


class AsyncLibraries(_AsyncResource):
    async def create(
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
        return Library.from_api(await self._client._request("POST", f"{API}/libraries", json=body))

    async def get(self, library_id: int) -> Library:
        return Library.from_api(await self._client._request("GET", self._lib(library_id)))

    async def list(self, *, project: int | None = None, limit: int = 100, offset: int = 0) -> Page[Library]:
        params = {"project": project, "limit": limit, "offset": offset}
        return await self._client._page(f"{API}/libraries", Library.from_api, params)

    def iter(self, *, project: int | None = None, page_size: int = 100) -> AsyncIterator[Library]:
        return self._client._iterate(f"{API}/libraries", Library.from_api, {"project": project}, page_size)

    async def update(
        self,
        library_id: int,
        *,
        name: str = _UNSET,
        description: str = _UNSET,
        metadata: Mapping[str, Any] = _UNSET,
        embedding_provider: str = _UNSET,
    ) -> Library:
        body = _drop_unset(name=name, description=description, metadata=metadata, embedding_provider=embedding_provider)
        return Library.from_api(await self._client._request("PATCH", self._lib(library_id), json=body))

    async def delete(self, library_id: int) -> None:
        await self._client._request("DELETE", self._lib(library_id))


class AsyncDocuments(_AsyncResource):
    async def create(self, library_id: int, title: str, *, metadata: Mapping[str, Any] | None = None) -> Document:
        body = {"title": title, "metadata": dict(metadata or {})}
        return Document.from_api(await self._client._request("POST", f"{self._lib(library_id)}/documents", json=body))

    async def get(self, library_id: int, document_id: int) -> Document:
        path = f"{self._lib(library_id)}/documents/{int(document_id)}"
        return Document.from_api(await self._client._request("GET", path))

    async def list(self, library_id: int, *, limit: int = 100, offset: int = 0) -> Page[Document]:
        path = f"{self._lib(library_id)}/documents"
        return await self._client._page(path, Document.from_api, {"limit": limit, "offset": offset})

    def iter(self, library_id: int, *, page_size: int = 100) -> AsyncIterator[Document]:
        return self._client._iterate(f"{self._lib(library_id)}/documents", Document.from_api, {}, page_size)

    async def update(
        self, library_id: int, document_id: int, *, title: str = _UNSET, metadata: Mapping[str, Any] = _UNSET
    ) -> Document:
        path = f"{self._lib(library_id)}/documents/{int(document_id)}"
        body = _drop_unset(title=title, metadata=metadata)
        return Document.from_api(await self._client._request("PATCH", path, json=body))

    async def delete(self, library_id: int, document_id: int) -> None:
        await self._client._request("DELETE", f"{self._lib(library_id)}/documents/{int(document_id)}")


class AsyncChunks(_AsyncResource):
    async def upsert(self, library_id: int, chunks: Sequence[ChunkInput | Mapping[str, Any]]) -> builtins.list[int]:
        items = [Chunks._clean(c, i) for i, c in enumerate(chunks)]
        idempotent = all("id" in c for c in items)
        data = await self._client._request(
            "POST", f"{self._lib(library_id)}/chunks", json={"chunks": items}, idempotent=idempotent
        )
        return [int(i) for i in data["ids"]]

    async def bulk_upload(
        self,
        library_id: int,
        chunks: Iterable[ChunkInput | Mapping[str, Any]],
        *,
        batch_size: int = 500,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> BulkUploadResult:
        """See `VectorDB.chunks.bulk_upload` (batches are sent one after the other)."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        ids: builtins.list[int] = []
        batches = 0
        position = 0
        batch: builtins.list[ChunkInput | Mapping[str, Any]] = []

        async def flush() -> None:
            nonlocal batches, position
            try:
                ids.extend(await self.upsert(library_id, batch))
            except VectorDBError as exc:
                raise BulkUploadError(
                    exc, batch_index=batches, first_position=position, uploaded_ids=builtins.list(ids)
                ) from exc
            batches += 1
            position += len(batch)
            batch.clear()
            if on_progress is not None:
                on_progress(batches, len(ids))

        for chunk in chunks:
            batch.append(chunk)
            if len(batch) >= batch_size:
                await flush()
        if batch:
            await flush()
        return BulkUploadResult(ids=ids, batches=batches)

    async def get(self, library_id: int, chunk_id: int) -> Chunk:
        return Chunk.from_api(await self._client._request("GET", f"{self._lib(library_id)}/chunks/{int(chunk_id)}"))

    async def list(
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
        return await self._client._page(f"{self._lib(library_id)}/chunks", Chunk.from_api, params)

    async def update(
        self,
        library_id: int,
        chunk_id: int,
        *,
        text: str = _UNSET,
        embedding: Any = _UNSET,
        metadata: Mapping[str, Any] = _UNSET,
        document_id: int = _UNSET,
    ) -> Chunk:
        body = _drop_unset(
            text=text,
            embedding=_vector(embedding) if embedding is not _UNSET else _UNSET,
            metadata=metadata,
            document_id=document_id,
        )
        path = f"{self._lib(library_id)}/chunks/{int(chunk_id)}"
        return Chunk.from_api(await self._client._request("PATCH", path, json=body))

    async def delete(self, library_id: int, chunk_id: int) -> None:
        await self._client._request("DELETE", f"{self._lib(library_id)}/chunks/{int(chunk_id)}")

    async def delete_many(self, library_id: int, chunk_ids: Iterable[int]) -> int:
        body = {"ids": [int(i) for i in chunk_ids]}
        path = f"{self._lib(library_id)}/chunks/delete"
        return int((await self._client._request("POST", path, json=body, idempotent=True))["deleted"])


class AsyncIndexes(_AsyncResource):
    async def build(
        self, library_id: int, *, index_type: str | None = None, index_params: Mapping[str, Any] | None = None
    ) -> IndexBuild:
        body: dict[str, Any] = {}
        if index_type is not None:
            body["index_type"] = index_type
        if index_params is not None:
            body["index_params"] = dict(index_params)
        return IndexBuild.from_api(await self._client._request("POST", f"{self._lib(library_id)}/index", json=body))

    async def get(self, library_id: int, build_id: int) -> IndexBuild:
        path = f"{self._lib(library_id)}/index/{int(build_id)}"
        return IndexBuild.from_api(await self._client._request("GET", path))

    async def wait(
        self,
        library_id: int,
        build_id: int,
        *,
        timeout: float = 600.0,
        poll_interval: float = 0.5,
        on_progress: Callable[[IndexBuild], None] | None = None,
    ) -> IndexBuild:
        deadline = time.monotonic() + timeout
        while True:
            build = await self.get(library_id, build_id)
            if on_progress is not None:
                on_progress(build)
            if build.status == "succeeded":
                return build
            if build.status == "failed":
                raise IndexBuildFailedError(build)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaitTimeoutError(build, timeout)
            await self._client._sleep(min(poll_interval, remaining))

    async def build_and_wait(
        self,
        library_id: int,
        *,
        index_type: str | None = None,
        index_params: Mapping[str, Any] | None = None,
        timeout: float = 600.0,
        poll_interval: float = 0.5,
        on_progress: Callable[[IndexBuild], None] | None = None,
    ) -> IndexBuild:
        build = await self.build(library_id, index_type=index_type, index_params=index_params)
        return await self.wait(
            library_id, build.id, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress
        )


class AsyncPipelines(_AsyncResource):
    async def start(
        self,
        library_id: int,
        question: str,
        *,
        k: int = 5,
        candidates: int | None = None,
        filter: Mapping[str, Any] | None = None,
        answer: str = "auto",
    ) -> PipelineRun:
        body: dict[str, Any] = {"question": question, "k": k, "answer": answer}
        if candidates is not None:
            body["candidates"] = candidates
        if filter is not None:
            body["filter"] = dict(filter)
        path = f"{self._lib(library_id)}/pipelines"
        return PipelineRun.from_api(await self._client._request("POST", path, json=body))

    async def get(self, run_id: str) -> PipelineRun:
        return PipelineRun.from_api(await self._client._request("GET", f"{API}/pipelines/{run_id}"))

    async def wait(
        self,
        run_id: str,
        *,
        timeout: float = 120.0,
        poll_interval: float = 0.25,
        on_progress: Callable[[PipelineRun], None] | None = None,
    ) -> PipelineRun:
        deadline = time.monotonic() + timeout
        while True:
            run = await self.get(run_id)
            if on_progress is not None:
                on_progress(run)
            if run.status == "succeeded":
                return run
            if run.status == "failed":
                raise PipelineFailedError(run)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaitTimeoutError(None, timeout, run=run)
            await self._client._sleep(min(poll_interval, remaining))

    async def ask(
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
        run = await self.start(library_id, question, k=k, filter=filter, answer=answer)
        if run.done:
            if run.status == "failed":
                raise PipelineFailedError(run)
            return run
        return await self.wait(run.id, timeout=timeout, on_progress=on_progress)
