"""Chunks: bulk upsert (all or nothing), update and delete, each one step of the write sequence."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from vectordb import schema
from vectordb.models import Chunk, ChunkChange, Document, Library
from vectordb.public_ids import parse as parse_public_id
from vectordb.runtime import encode_embedding
from vectordb.schema import SchemaError
from vectordb.services.libraries import (
    BULK_BATCH,
    MAX_CHUNKS_PER_REQUEST,
    _log,
    _next_seq,
    _raise,
    _unprocessable,
    embed_texts_for,
)

logger = logging.getLogger(__name__)


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
