"""Writes of the vector database: libraries, documents, chunks, index builds and snapshots.

Every write that changes which vectors a library holds goes through `_next_seq`, which locks the
library row and increments `Library.version`; the chunks written carry that `seq` and the change
log gets one row per chunk touched, in the same transaction (see `vectordb/README.md`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Project
from core.exceptions import ServiceUnavailable, Unprocessable
from vectordb import schema
from vectordb.models import Chunk, ChunkChange, Document, IndexBuild, IndexSnapshot, Library
from vectordb.public_ids import parse as parse_public_id
from vectordb.runtime import encode_embedding
from vectordb.schema import SchemaError
from vectordb.snapshots import store as snapshot_store

logger = logging.getLogger(__name__)

MAX_CHUNKS_PER_REQUEST = 50_000
BULK_BATCH = 1000


def _unprocessable(errors: dict[str, list[str]]) -> Unprocessable:
    return Unprocessable(errors)


def _raise(exc: SchemaError, prefix: str = "") -> None:
    raise _unprocessable({f"{prefix}{k}": v for k, v in exc.errors.items()}) from None


# --- embeddings ------------------------------------------------------------------------------
def _provider_dimension(name: str) -> int:
    from vectordb.embeddings import EmbeddingError, provider_dimension

    if not isinstance(name, str) or len(name) > 50:
        raise _unprocessable({"embedding_provider": ["a provider name of at most 50 characters"]})
    try:
        return int(provider_dimension(name))
    except (EmbeddingError, KeyError, ValueError) as exc:
        raise _unprocessable({"embedding_provider": [str(exc)]}) from None


def embed_texts_for(*, library: Library, texts: list[str], input_type: str = "document") -> np.ndarray:
    """Embeddings of `texts` by the library's provider (n × dimension float32); `input_type` is
    "document" for stored text, "query" for a search. A provider that is down is a 503."""
    if not library.embedding_provider:
        raise _unprocessable({"embedding": ["this library has no embedding_provider: send an embedding"]})
    from vectordb.embeddings import EmbeddingError, ProviderUnavailableError, embed_texts

    try:
        vectors = embed_texts(texts, provider=library.embedding_provider, input_type=input_type)
    except ProviderUnavailableError as exc:
        raise ServiceUnavailable(f"The embedding provider is unavailable: {exc}") from None
    except EmbeddingError as exc:
        raise _unprocessable({"embedding_provider": [str(exc)]}) from None
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.shape != (len(texts), library.dimension):
        raise _unprocessable({"embedding_provider": ["the provider's dimension does not match the library"]})
    return vectors


# --- libraries -------------------------------------------------------------------------------
@transaction.atomic
def library_create(
    *,
    project: Project,
    name: str,
    dimension: int | None = None,
    metric: str = "cosine",
    index_type: str = "flat",
    index_params: dict | None = None,
    description: str = "",
    metadata: dict | None = None,
    embedding_provider: str | None = None,
) -> Library:
    try:
        metric = schema.clean_metric(metric)
        index_type, index_params = schema.clean_index(index_type, index_params)
        metadata = schema.clean_metadata(metadata)
        if embedding_provider:
            provider_dim = _provider_dimension(embedding_provider)
            if dimension is None:
                dimension = provider_dim
            elif dimension != provider_dim:
                raise SchemaError(
                    {"dimension": [f"provider {embedding_provider!r} makes {provider_dim}-d vectors, not {dimension}"]}
                )
        if dimension is None:
            raise SchemaError({"dimension": ["required unless an embedding_provider is given"]})
        dimension = schema.clean_dimension(dimension)
    except SchemaError as exc:
        _raise(exc)
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        raise _unprocessable({"name": ["a name of 1 to 200 characters is required"]})
    if Library.objects.filter(project=project, name=name).exists():
        raise _unprocessable({"name": [f"this project already has a library named {name!r}"]})
    return Library.objects.create(
        project=project,
        name=name,
        description=description or "",
        metadata=metadata,
        dimension=dimension,
        metric=metric,
        index_type=index_type,
        index_params=index_params,
        embedding_provider=embedding_provider or None,
    )


@transaction.atomic
def library_update(
    *,
    library: Library,
    name: str | None = None,
    description: str | None = None,
    metadata: dict | None = None,
    embedding_provider: str | None = None,
) -> Library:
    """Change a library's descriptive fields (dimension and metric are fixed; the index changes
    through `index_build_request`)."""
    if name is not None and name != library.name:
        if not name.strip() or len(name) > 200:
            raise _unprocessable({"name": ["a name of 1 to 200 characters is required"]})
        if Library.objects.filter(project_id=library.project_id, name=name).exclude(pk=library.pk).exists():
            raise _unprocessable({"name": [f"this project already has a library named {name!r}"]})
        library.name = name
    if description is not None:
        library.description = description
    if metadata is not None:
        try:
            library.metadata = schema.clean_metadata(metadata)
        except SchemaError as exc:
            _raise(exc)
    if embedding_provider is not None:
        if embedding_provider and _provider_dimension(embedding_provider) != library.dimension:
            raise _unprocessable({"embedding_provider": ["the provider's dimension does not match the library"]})
        library.embedding_provider = embedding_provider or None
    library.save()
    return library


@transaction.atomic
def library_delete(*, library: Library) -> None:
    from vectordb.runtime import registry

    library_id = library.pk
    library.delete()
    transaction.on_commit(lambda: registry.discard(library_id))


# --- the write sequence ----------------------------------------------------------------------
def _next_seq(library_id: int) -> int:
    """Lock the library row and take the next sequence number (must run inside a transaction)."""
    Library.objects.select_for_update().filter(pk=library_id).values_list("pk", flat=True).first()
    Library.objects.filter(pk=library_id).update(version=F("version") + 1, updated_at=timezone.now())
    return Library.objects.filter(pk=library_id).values_list("version", flat=True).get()


def _log(library_id: int, seq: int, chunk_ids: Iterable[int], op: str) -> None:
    ChunkChange.objects.bulk_create(
        [ChunkChange(library_id=library_id, seq=seq, chunk_id=cid, op=op) for cid in chunk_ids],
        batch_size=BULK_BATCH,
    )


# --- documents -------------------------------------------------------------------------------
@transaction.atomic
def document_create(*, library: Library, title: str, metadata: dict | None = None) -> Document:
    if not isinstance(title, str) or len(title) > 500:
        raise _unprocessable({"title": ["a title of at most 500 characters"]})
    try:
        metadata = schema.clean_metadata(metadata)
    except SchemaError as exc:
        _raise(exc)
    return Document.objects.create(library=library, title=title, metadata=metadata)


@transaction.atomic
def document_update(*, document: Document, title: str | None = None, metadata: dict | None = None) -> Document:
    if title is not None:
        if len(title) > 500:
            raise _unprocessable({"title": ["a title of at most 500 characters"]})
        document.title = title
    if metadata is not None:
        try:
            document.metadata = schema.clean_metadata(metadata)
        except SchemaError as exc:
            _raise(exc)
    document.save()
    return document


@transaction.atomic
def document_delete(*, document: Document) -> None:
    """Delete a document and its chunks (logged as deletes)."""
    seq = _next_seq(document.library_id)
    chunk_ids = list(Chunk.objects.filter(document=document).values_list("id", flat=True))
    _log(document.library_id, seq, chunk_ids, ChunkChange.Op.DELETE)
    document.delete()


# --- chunks ----------------------------------------------------------------------------------
def _clean_chunks(library: Library, chunks: Any) -> tuple[list[dict], list[int]]:
    if not isinstance(chunks, list):
        raise _unprocessable({"chunks": ["must be a list of chunk objects"]})
    if len(chunks) > MAX_CHUNKS_PER_REQUEST:
        raise _unprocessable({"chunks": [f"at most {MAX_CHUNKS_PER_REQUEST} chunks a request"]})
    cleaned: list[dict] = []
    to_embed: list[int] = []
    for i, item in enumerate(chunks):
        prefix = f"chunks[{i}]."
        if not isinstance(item, dict):
            raise _unprocessable({f"chunks[{i}]": ["must be an object"]})
        try:
            text = schema.clean_text(item.get("text", ""), f"{prefix}text")
            metadata = schema.clean_metadata(item.get("metadata"), f"{prefix}metadata")
            embedding = item.get("embedding")
            if embedding is not None:
                embedding = schema.clean_embedding(
                    embedding, dimension=library.dimension, metric=library.metric, field=f"{prefix}embedding"
                )
        except SchemaError as exc:
            _raise(exc)
        doc_id = parse_public_id(item.get("document_id"))
        if doc_id is None:
            raise _unprocessable({f"{prefix}document_id": ["a document id (UUID) is required"]})
        chunk_id = item.get("id")
        if chunk_id is not None:
            chunk_id = parse_public_id(chunk_id)
            if chunk_id is None:
                raise _unprocessable({f"{prefix}id": ["must be a chunk id (UUID)"]})
        if embedding is None:
            if not library.embedding_provider:
                raise _unprocessable(
                    {f"{prefix}embedding": ["required: this library has no embedding_provider to embed the text"]}
                )
            if not text.strip():
                raise _unprocessable({f"{prefix}text": ["a text to embed is required when no embedding is sent"]})
            to_embed.append(i)
        cleaned.append(
            {"id": chunk_id, "document_id": doc_id, "text": text, "metadata": metadata, "embedding": embedding}
        )
    return cleaned, to_embed


def chunks_upsert(*, library: Library, chunks: list[dict]) -> list[Chunk]:
    """Insert chunks (no `id`) or replace them (`id` of a chunk of this library), all or nothing.

    Each item: `document_id`, `text`, `embedding` (optional when the library has an
    `embedding_provider`: the text is embedded), `metadata`, optional `id`; ids are the public
    UUIDs of a document and a chunk of this library."""
    cleaned, to_embed = _clean_chunks(library, chunks)
    if to_embed:  # outside the transaction: embedding can take a while and must not hold the lock
        vectors = embed_texts_for(library=library, texts=[cleaned[i]["text"] for i in to_embed])
        for i, vec in zip(to_embed, vectors, strict=True):
            cleaned[i]["embedding"] = vec
    written = _chunks_write(library=library, cleaned=cleaned)
    if len(cleaned) >= SNAPSHOT_AFTER_CHUNKS:  # a large change: save a snapshot in the background
        library_id = library.pk
        transaction.on_commit(lambda: _enqueue_snapshot(library_id))
    return written


#: A write of at least this many chunks queues a snapshot of the library (the periodic task
#: catches up the rest), so that a fresh process loads the index instead of rebuilding it.
SNAPSHOT_AFTER_CHUNKS = 1000


def _enqueue_snapshot(library_id: int) -> None:
    """Queue a snapshot save; a broker that cannot take it only delays it to the periodic task."""
    from vectordb.tasks import index_snapshot_refresh

    try:
        index_snapshot_refresh.delay(library_id)
    except Exception:
        logger.exception("Could not queue a snapshot of library %s", library_id)


@transaction.atomic
def _chunks_write(*, library: Library, cleaned: list[dict]) -> list[Chunk]:
    doc_ids = {c["document_id"] for c in cleaned}
    known_docs = dict(Document.objects.filter(library=library, uuid__in=doc_ids).values_list("uuid", "id"))
    for i, c in enumerate(cleaned):
        if c["document_id"] not in known_docs:
            raise _unprocessable({f"chunks[{i}].document_id": [f"no document {c['document_id']} in this library"]})
    update_ids = [c["id"] for c in cleaned if c["id"] is not None]
    if len(set(update_ids)) != len(update_ids):
        raise _unprocessable({"chunks": ["a chunk id appears more than once"]})
    existing = {ch.uuid: ch for ch in Chunk.objects.filter(library=library, uuid__in=update_ids).defer("embedding")}
    for i, c in enumerate(cleaned):
        if c["id"] is not None and c["id"] not in existing:
            raise _unprocessable({f"chunks[{i}].id": [f"no chunk {c['id']} in this library"]})
    if not cleaned:
        return []
    seq = _next_seq(library.pk)
    now = timezone.now()
    new_objs: list[Chunk] = []
    out: list[Chunk] = []
    for c in cleaned:
        if c["id"] is None:
            obj = Chunk(
                library=library,
                document_id=known_docs[c["document_id"]],
                text=c["text"],
                embedding=encode_embedding(c["embedding"]),
                metadata=c["metadata"],
                seq=seq,
                created_at=now,
                updated_at=now,
            )
            new_objs.append(obj)
        else:
            obj = existing[c["id"]]
            obj.document_id = known_docs[c["document_id"]]
            obj.text = c["text"]
            obj.embedding = encode_embedding(c["embedding"])
            obj.metadata = c["metadata"]
            obj.seq = seq
            obj.updated_at = now
        out.append(obj)
    if new_objs:
        Chunk.objects.bulk_create(new_objs, batch_size=BULK_BATCH)
        if any(o.pk is None for o in new_objs):  # backends without RETURNING ids (old SQLite)
            raise RuntimeError("the database did not return the new chunk ids")
    if existing:
        Chunk.objects.bulk_update(
            list(existing.values()),
            ["document_id", "text", "embedding", "metadata", "seq", "updated_at"],
            batch_size=BULK_BATCH,
        )
    _log(library.pk, seq, [o.pk for o in out], ChunkChange.Op.UPSERT)
    return out


def chunk_update(
    *,
    chunk: Chunk,
    text: str | None = None,
    embedding: list[float] | None = None,
    metadata: dict | None = None,
    document_id: uuid.UUID | str | None = None,
) -> Chunk:
    """Change some fields of a chunk (`document_id`: a document's public id); a new text is
    re-embedded when the library has a provider and no embedding is given."""
    library = chunk.library
    if document_id is None:
        document_id = Document.objects.filter(pk=chunk.document_id).values_list("uuid", flat=True).first()
    item: dict[str, Any] = {
        "id": chunk.uuid,
        "document_id": document_id,
        "text": text if text is not None else chunk.text,
        "metadata": metadata if metadata is not None else chunk.metadata,
        "embedding": embedding,
    }
    if embedding is None and not (text is not None and library.embedding_provider):
        item["embedding"] = np.frombuffer(bytes(chunk.embedding), dtype="<f4").copy()
    return chunks_upsert(library=library, chunks=[item])[0]


@transaction.atomic
def chunks_delete(*, library: Library, chunk_ids: list[uuid.UUID | str]) -> int:
    """Delete chunks of this library by public id (UUID); returns how many existed."""
    wanted = [u for u in map(parse_public_id, chunk_ids) if u is not None]
    found = list(Chunk.objects.filter(library=library, uuid__in=wanted).values_list("id", flat=True))
    if not found:
        return 0
    seq = _next_seq(library.pk)
    _log(library.pk, seq, found, ChunkChange.Op.DELETE)
    Chunk.objects.filter(library=library, id__in=found).delete()
    return len(found)


def chunk_delete(*, chunk: Chunk) -> None:
    chunks_delete(library=chunk.library, chunk_ids=[chunk.uuid])


# --- index builds and snapshots --------------------------------------------------------------
@transaction.atomic
def index_build_request(*, library: Library, index_type: str | None = None, index_params: dict | None = None):
    """Queue a rebuild of the library's index (optionally with a new type/parameters)."""
    try:
        kind, params = schema.clean_index(
            index_type or library.index_type, index_params if index_params is not None else library.index_params
        )
    except SchemaError as exc:
        _raise(exc)
    build = IndexBuild.objects.create(library=library, index_type=kind, index_params=params)
    transaction.on_commit(lambda: _enqueue_build(build.pk))
    return build


def _enqueue_build(build_id: int) -> None:
    """Queue the build task; if the broker cannot take it, the build is dropped (it never ran, so it
    is not recorded as failed) and the API answers 503 (`IndexBuildApi` finds it gone)."""
    from vectordb.tasks import index_build_run

    try:
        index_build_run.delay(build_id)
    except Exception:
        logger.warning("Could not queue index build %s: the broker is unreachable", build_id, exc_info=True)
        IndexBuild.objects.filter(pk=build_id, status=IndexBuild.Status.QUEUED).delete()


def index_build_execute(*, build_id: int) -> IndexBuild | None:
    """Run a queued build: build from the chunks, save a snapshot, switch the library to it.

    Idempotent: a build that already finished is left alone."""
    from vectordb.runtime import LibraryState, build_from_database, library_state

    with transaction.atomic():
        build = IndexBuild.objects.select_for_update().filter(pk=build_id).first()
        if build is None or build.status in (IndexBuild.Status.SUCCEEDED, IndexBuild.Status.FAILED):
            return build
        build.status = IndexBuild.Status.RUNNING
        build.started_at = timezone.now()
        build.save(update_fields=["status", "started_at"])
    last = [0.0]

    def progress(fraction: float, message: str) -> None:
        if fraction - last[0] >= 0.02 or fraction >= 1.0:
            last[0] = fraction
            IndexBuild.objects.filter(pk=build_id).update(progress=round(min(fraction, 0.99), 4), message=message[:200])

    try:
        current = library_state(build.library_id)
        if current is None:
            raise ValueError("the library was deleted")
        target = LibraryState(
            **{
                **current.__dict__,
                "index_type": build.index_type,
                "index_params": build.index_params,
                "index_generation": current.index_generation + 1,
            }
        )
        live = build_from_database(target, progress=progress)
        progress(0.99, "saving")
        _build_switch(build, live, generation=target.index_generation)
    except Exception as exc:
        IndexBuild.objects.filter(pk=build_id).update(
            status=IndexBuild.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now()
        )
        raise
    return IndexBuild.objects.get(pk=build_id)


def _build_switch(build: IndexBuild, live, *, generation: int) -> None:
    """Save the built index as a snapshot of `generation`, switch the library to it, mark the build done.

    The snapshot is written before the transaction, so the library row is locked only for the
    switch itself; should another build have switched first, the snapshot is written again for
    the generation after it."""
    for _ in range(5):
        info, written, count = snapshot_store.snapshot_of(
            live, library_id=build.library_id, generation=generation, index_type=build.index_type
        )
        with transaction.atomic():
            Library.objects.select_for_update().filter(pk=build.library_id).values_list("pk", flat=True).first()
            current = Library.objects.filter(pk=build.library_id).values_list("index_generation", flat=True).first()
            if current is None:
                raise ValueError("the library was deleted")
            if current + 1 == generation:
                IndexSnapshot.objects.create(
                    library_id=build.library_id,
                    generation=generation,
                    index_type=build.index_type,
                    index_params=build.index_params,
                    vector_count=count,
                    **snapshot_store.row_fields(info, written),
                )
                Library.objects.filter(pk=build.library_id).update(
                    index_type=build.index_type, index_params=build.index_params, index_generation=generation
                )
                older = IndexSnapshot.objects.filter(library_id=build.library_id, generation__lt=generation)
                removed = list(older.values_list("file_name", flat=True))
                older.delete()
                IndexBuild.objects.filter(pk=build.pk).update(
                    status=IndexBuild.Status.SUCCEEDED,
                    progress=1.0,
                    message="done",
                    seq=info.seq,
                    vector_count=count,
                    finished_at=timezone.now(),
                )
                transaction.on_commit(lambda removed=removed: snapshot_store.remove_files(removed))
                return
        snapshot_store.remove_files([written.file_name])
        generation = current + 1
    raise RuntimeError("other builds kept switching the library's index; request the build again")


BUILD_TIME_LIMIT = 3600  # the build task's hard time limit (vectordb.tasks.index_build_run)


def index_builds_sweep(*, queued_for: float = 900.0, grace: float = 300.0) -> dict[str, int]:
    """Heal builds Celery stranded: `running` past the task's hard time limit (its worker is gone,
    whatever happened) fail with a clear error; `queued` for `queued_for` seconds (their message was
    lost) are queued again. Returns the counts."""
    now = timezone.now()
    failed = IndexBuild.objects.filter(
        status=IndexBuild.Status.RUNNING, started_at__lt=now - timedelta(seconds=BUILD_TIME_LIMIT + grace)
    ).update(
        status=IndexBuild.Status.FAILED,
        error="the worker running this build was lost (swept after its time limit); request it again",
        finished_at=now,
    )
    stuck = list(
        IndexBuild.objects.filter(
            status=IndexBuild.Status.QUEUED, created_at__lt=now - timedelta(seconds=queued_for)
        ).values_list("pk", flat=True)
    )
    for build_id in stuck:
        _enqueue_build(build_id)
    return {"failed": failed, "requeued": len(stuck)}


# Snapshots are saved by `vectordb/snapshots/store.py` (format, location, catalog, log pruning).
from vectordb.snapshots.store import index_snapshot_save  # noqa: E402, F401
