"""The API's operations, each written once for both clients (see `_core` for how they run).

Every function here is the body of one public method of `VectorDB` and of `AsyncVectorDB`: it takes the
client (for its retry settings) and the method's arguments, and is a generator of the I/O it needs.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from vendomo_vectordb._core import (
    _UNSET,
    API,
    Op,
    Paged,
    Settings,
    _drop_unset,
    _fetch,
    _given,
    _poll,
    _vector,
    query_body,
    request,
)
from vendomo_vectordb.errors import (
    BulkUploadError,
    IndexBuildFailedError,
    PipelineFailedError,
    VectorDBError,
    WaitTimeoutError,
)
from vendomo_vectordb.models import (
    BulkUploadResult,
    Chunk,
    ChunkInput,
    Document,
    Hit,
    Id,
    IndexBuild,
    Library,
    Page,
    PipelineRun,
    QueryResult,
)


def _seg(public_id: Id) -> str:
    """An id as a path segment: ids are the server's UUIDs (as text or `uuid.UUID`)."""
    return quote(str(public_id), safe="")


def _lib(library_id: Id) -> str:
    return f"{API}/libraries/{_seg(library_id)}"


def query(
    client: Settings,
    library_id: Id,
    *,
    embedding: Any = None,
    text: str | None = None,
    k: int = 10,
    filter: Mapping[str, Any] | None = None,
    index: str | None = None,
    params: Mapping[str, Any] | None = None,
    explain: bool = False,
    fields: Sequence[str] | None = None,
) -> Op[QueryResult]:
    """The `k` nearest chunks to `embedding` (or to `text`, embedded by the library's provider).

    `filter` is a metadata filter such as `{"year": {"$gte": 2020}, "tags": "news"}`; `index="flat"`
    forces exact search; `params` tunes the index (`{"ef": 128}` for HNSW, `{"nprobe": 8}` for IVF);
    `explain=True` returns how the query was answered in `.plan`; `fields` (of `HIT_FIELDS`) asks
    for only those fields of each hit, the others being None (`["chunk_id", "score"]` needs no text
    from the server's database).
    """
    body = query_body(
        embedding=embedding, text=text, k=k, filter=filter, index=index, params=params, explain=explain, fields=fields
    )
    data = yield from request(client, "POST", f"{_lib(library_id)}/query", json=body, idempotent=True)
    return QueryResult(hits=[Hit.from_api(h) for h in data["hits"]], plan=data.get("plan"))


def _opt(public_id: Id | None) -> str | None:
    return None if public_id is None else str(public_id)


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
    project: Id | None = None,
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
    body = _given(
        body,
        dimension=dimension,
        embedding_provider=embedding_provider,
        project=None if project is None else str(project),
    )
    return (yield from _fetch(client, Library.from_api, "POST", f"{API}/libraries", json=body))


def library_get(client: Settings, library_id: Id) -> Op[Library]:
    return (yield from _fetch(client, Library.from_api, "GET", _lib(library_id)))


def library_list(
    client: Settings, *, project: Id | None = None, limit: int = 100, offset: int = 0
) -> Op[Page[Library]]:
    return (
        yield from Paged(client, f"{API}/libraries", Library.from_api, {"project": _opt(project)}).page(offset, limit)
    )


def library_iter(client: Settings, *, project: Id | None = None, page_size: int = 100) -> Paged[Library]:
    """Every library, fetching pages as needed."""
    return Paged(client, f"{API}/libraries", Library.from_api, {"project": _opt(project)}, page_size)


def library_update(
    client: Settings,
    library_id: Id,
    *,
    name: str = _UNSET,
    description: str = _UNSET,
    metadata: Mapping[str, Any] = _UNSET,
    embedding_provider: str = _UNSET,
) -> Op[Library]:
    """Change the name, description, metadata or provider ("" removes the provider)."""
    body = _drop_unset(name=name, description=description, metadata=metadata, embedding_provider=embedding_provider)
    return (yield from _fetch(client, Library.from_api, "PATCH", _lib(library_id), json=body))


def library_delete(client: Settings, library_id: Id) -> Op[None]:
    """Delete the library with all its documents and chunks."""
    yield from request(client, "DELETE", _lib(library_id))


def document_create(
    client: Settings, library_id: Id, title: str, *, metadata: Mapping[str, Any] | None = None
) -> Op[Document]:
    body = {"title": title, "metadata": dict(metadata or {})}
    return (yield from _fetch(client, Document.from_api, "POST", f"{_lib(library_id)}/documents", json=body))


def document_get(client: Settings, library_id: Id, document_id: Id) -> Op[Document]:
    path = f"{_lib(library_id)}/documents/{_seg(document_id)}"
    return (yield from _fetch(client, Document.from_api, "GET", path))


def document_list(client: Settings, library_id: Id, *, limit: int = 100, offset: int = 0) -> Op[Page[Document]]:
    return (yield from document_iter(client, library_id).page(offset, limit))


def document_iter(client: Settings, library_id: Id, *, page_size: int = 100) -> Paged[Document]:
    return Paged(client, f"{_lib(library_id)}/documents", Document.from_api, {}, page_size)


def document_update(
    client: Settings, library_id: Id, document_id: Id, *, title: str = _UNSET, metadata: Mapping[str, Any] = _UNSET
) -> Op[Document]:
    path = f"{_lib(library_id)}/documents/{_seg(document_id)}"
    body = _drop_unset(title=title, metadata=metadata)
    return (yield from _fetch(client, Document.from_api, "PATCH", path, json=body))


def document_delete(client: Settings, library_id: Id, document_id: Id) -> Op[None]:
    """Delete the document and its chunks."""
    yield from request(client, "DELETE", f"{_lib(library_id)}/documents/{_seg(document_id)}")


def _clean_chunk(chunk: ChunkInput | Mapping[str, Any], position: int) -> dict[str, Any]:
    item = dict(chunk)
    for key in ("id", "document_id"):  # ids as text in JSON (a uuid.UUID is welcome)
        if item.get(key) is not None:
            item[key] = str(item[key])
    if item.get("embedding") is not None:
        try:
            item["embedding"] = _vector(item["embedding"])
        except (TypeError, ValueError) as exc:
            raise ValueError(f"chunks[{position}].embedding: {exc}") from None
    elif "embedding" in item:
        del item["embedding"]
    return item


def chunk_upsert(
    client: Settings, library_id: Id, chunks: Sequence[ChunkInput | Mapping[str, Any]]
) -> Op[builtins.list[str]]:
    """Insert (no `id`) or replace (with `id`) chunks in ONE request, all or nothing; their ids in order.

    The server takes up to 50,000 chunks a request; `bulk_upload` batches any number."""
    items = [_clean_chunk(c, i) for i, c in enumerate(chunks)]
    idempotent = all("id" in c for c in items)  # pure replacements can be repeated safely
    data = yield from request(
        client, "POST", f"{_lib(library_id)}/chunks", json={"chunks": items}, idempotent=idempotent
    )
    return [str(i) for i in data["ids"]]


def chunk_bulk_upload(
    client: Settings,
    library_id: Id,
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
    ids: list[str] = []
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


def chunk_get(client: Settings, library_id: Id, chunk_id: Id) -> Op[Chunk]:
    """One chunk, with its embedding."""
    return (yield from _fetch(client, Chunk.from_api, "GET", f"{_lib(library_id)}/chunks/{_seg(chunk_id)}"))


def chunk_list(
    client: Settings,
    library_id: Id,
    *,
    document_id: Id | None = None,
    with_embedding: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> Op[Page[Chunk]]:
    paged = chunk_iter(client, library_id, document_id=document_id, with_embedding=with_embedding)
    return (yield from paged.page(offset, limit))


def chunk_iter(
    client: Settings,
    library_id: Id,
    *,
    document_id: Id | None = None,
    with_embedding: bool = False,
    page_size: int = 500,
) -> Paged[Chunk]:
    params = {"document": _opt(document_id), "with_embedding": "true" if with_embedding else None}
    return Paged(client, f"{_lib(library_id)}/chunks", Chunk.from_api, params, page_size)


def chunk_update(
    client: Settings,
    library_id: Id,
    chunk_id: Id,
    *,
    text: str = _UNSET,
    embedding: Any = _UNSET,
    metadata: Mapping[str, Any] = _UNSET,
    document_id: Id = _UNSET,
) -> Op[Chunk]:
    """Change a chunk; a new text without an embedding is re-embedded when the library has a provider."""
    body = _drop_unset(
        text=text,
        embedding=_vector(embedding) if embedding is not _UNSET else _UNSET,
        metadata=metadata,
        document_id=str(document_id) if document_id is not _UNSET else _UNSET,
    )
    path = f"{_lib(library_id)}/chunks/{_seg(chunk_id)}"
    return (yield from _fetch(client, Chunk.from_api, "PATCH", path, json=body))


def chunk_delete(client: Settings, library_id: Id, chunk_id: Id) -> Op[None]:
    yield from request(client, "DELETE", f"{_lib(library_id)}/chunks/{_seg(chunk_id)}")


def chunk_delete_many(client: Settings, library_id: Id, chunk_ids: Iterable[Id]) -> Op[int]:
    """Delete chunks by id (unknown ids are ignored); how many were deleted."""
    body = {"ids": [str(i) for i in chunk_ids]}
    data = yield from request(client, "POST", f"{_lib(library_id)}/chunks/delete", json=body, idempotent=True)
    return int(data["deleted"])


def index_build(
    client: Settings, library_id: Id, *, index_type: str | None = None, index_params: Mapping[str, Any] | None = None
) -> Op[IndexBuild]:
    """Start a rebuild (optionally switching to `index_type` "flat", "ivf" or "hnsw"); returns at once."""
    body = _given({}, index_type=index_type, index_params=index_params)
    return (yield from _fetch(client, IndexBuild.from_api, "POST", f"{_lib(library_id)}/index", json=body))


def index_get(client: Settings, library_id: Id, build_id: Id) -> Op[IndexBuild]:
    return (yield from _fetch(client, IndexBuild.from_api, "GET", f"{_lib(library_id)}/index/{_seg(build_id)}"))


def index_list(client: Settings, library_id: Id, *, limit: int = 100, offset: int = 0) -> Op[Page[IndexBuild]]:
    paged = Paged(client, f"{_lib(library_id)}/index", IndexBuild.from_api, {})
    return (yield from paged.page(offset, limit))


def index_wait(
    client: Settings,
    library_id: Id,
    build_id: Id,
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
    library_id: Id,
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
    library_id: Id,
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
    return (yield from _fetch(client, PipelineRun.from_api, "GET", f"{API}/pipelines/{_seg(run_id)}"))


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
    library_id: Id,
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
