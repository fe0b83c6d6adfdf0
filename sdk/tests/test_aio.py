"""The asyncio client: the same behaviour as the synchronous one, against a scripted transport and live."""

from __future__ import annotations

import asyncio
import json

import httpx
import numpy as np
import pytest
from vendomo_vectordb import AsyncVectorDB, BulkUploadError, NotFoundError, ServerError, TransportError, ValidationError


class Script:
    def __init__(self, *answers) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer(request) if callable(answer) and not isinstance(answer, httpx.Response) else answer

    def client(self, **kwargs) -> AsyncVectorDB:
        async def sleep(seconds: float) -> None:
            self.sleeps.append(seconds)

        kwargs.setdefault("max_retries", 3)
        return AsyncVectorDB(
            "http://vectordb.test", "secret-key", transport=httpx.MockTransport(self), sleep=sleep, **kwargs
        )


def test_it_retries_server_errors_then_answers():
    script = Script(httpx.Response(503, json={"detail": "busy"}), httpx.Response(200, json={"hits": []}))

    async def main():
        async with script.client() as db:
            return await db.query(1, embedding=np.ones(3))

    assert len(asyncio.run(main())) == 0
    assert len(script.requests) == 2 and len(script.sleeps) == 1
    assert script.requests[0].headers["X-API-KEY"] == "secret-key"
    assert json.loads(script.requests[1].content)["embedding"] == [1.0, 1.0, 1.0]


def test_it_raises_the_servers_errors():
    script = Script(httpx.Response(500, json={"detail": "Internal error.", "code": "server_error"}))

    async def main():
        async with script.client(max_retries=1) as db:
            await db.libraries.get(1)

    with pytest.raises(ServerError, match="Internal error"):
        asyncio.run(main())
    assert len(script.requests) == 2


def test_a_write_that_may_have_been_processed_is_not_repeated():
    script = Script(httpx.ReadTimeout("timed out"))

    async def main():
        async with script.client() as db:
            await db.documents.create(1, "t")

    with pytest.raises(TransportError):
        asyncio.run(main())
    assert len(script.requests) == 1


def test_bulk_upload_batches_and_renumbers_errors():
    script = Script(
        httpx.Response(
            200,
            json={"ids": ["a1b2c3d4-0000-4000-8000-000000000001", "a1b2c3d4-0000-4000-8000-000000000002"], "count": 2},
        ),
        httpx.Response(422, json={"detail": "Invalid.", "code": "invalid", "errors": {"chunks[0].embedding": ["bad"]}}),
    )

    async def main():
        async with script.client() as db:
            await db.chunks.bulk_upload(1, ({"document_id": 1, "embedding": [1.0]} for _ in range(3)), batch_size=2)

    with pytest.raises(BulkUploadError) as caught:
        asyncio.run(main())
    assert caught.value.uploaded_ids == [
        "a1b2c3d4-0000-4000-8000-000000000001",
        "a1b2c3d4-0000-4000-8000-000000000002",
    ] and caught.value.errors == {"chunks[2].embedding": ["bad"]}


def test_the_async_client_works_against_the_live_server(sdk_server):
    async def main():
        async with AsyncVectorDB(sdk_server.url, api_key=sdk_server.api_key) as db:
            library = await db.libraries.create("async", dimension=4)
            try:
                doc = await db.documents.create(library.id, "d")
                vectors = np.eye(4, dtype=np.float32)
                result = await db.chunks.bulk_upload(
                    library.id,
                    [{"document_id": doc.id, "text": str(i), "embedding": v} for i, v in enumerate(vectors)],
                    batch_size=3,
                )
                hits = await db.query(library.id, embedding=vectors[2], k=1)
                listed = [c.id async for c in db.libraries.iter()]
                build = await db.indexes.build_and_wait(library.id, index_type="hnsw", poll_interval=0.1, timeout=60)
                with pytest.raises(ValidationError):
                    await db.chunks.upsert(library.id, [{"document_id": doc.id, "embedding": [1.0]}])
                return result, hits, listed, build
            finally:
                await db.libraries.delete(library.id)
                with pytest.raises(NotFoundError):
                    await db.libraries.get(library.id)

    result, hits, listed, build = asyncio.run(main())
    assert result.count == 4 and result.batches == 2
    assert hits[0].chunk_id == result.ids[2]
    assert build.status == "succeeded" and build.vector_count == 4
    assert len(listed) >= 1


def test_it_asks_for_fields_and_parses_partial_hits():
    script = Script(httpx.Response(200, json={"hits": [{"score": 0.5}, {"score": 0.25}]}))

    async def main():
        async with script.client() as db:
            return await db.query("lib", embedding=[1.0], fields=["score"])

    result = asyncio.run(main())
    assert json.loads(script.requests[0].content)["fields"] == ["score"]
    assert [(h.score, h.chunk_id, h.text) for h in result] == [(0.5, None, None), (0.25, None, None)]
