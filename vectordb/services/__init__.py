"""Writes of the vector database: libraries, documents, chunks, index builds and snapshots.

Every write that changes which vectors a library holds goes through `_next_seq`, which locks the
library row and increments `Library.version`; the chunks written carry that `seq` and the change
log gets one row per chunk touched, in the same transaction (see `vectordb/README.md`).

    libraries.py  library_create/update/delete, document_create/update/delete, _next_seq, _log,
                  embed_texts_for (a library's provider)
    chunks.py     chunks_upsert, chunk_update, chunks_delete, chunk_delete
    indexes.py    index_build_request/execute, index_builds_sweep, index_snapshot_save
"""

from vectordb.services.chunks import (
    SNAPSHOT_AFTER_CHUNKS,
    chunk_delete,
    chunk_update,
    chunks_delete,
    chunks_upsert,
)
from vectordb.services.indexes import (
    BUILD_TIME_LIMIT,
    index_build_execute,
    index_build_request,
    index_builds_sweep,
    index_snapshot_save,
)
from vectordb.services.libraries import (
    BULK_BATCH,
    MAX_CHUNKS_PER_REQUEST,
    document_create,
    document_delete,
    document_update,
    embed_texts_for,
    library_create,
    library_delete,
    library_update,
)

__all__ = [
    "BUILD_TIME_LIMIT",
    "BULK_BATCH",
    "MAX_CHUNKS_PER_REQUEST",
    "SNAPSHOT_AFTER_CHUNKS",
    "chunk_delete",
    "chunk_update",
    "chunks_delete",
    "chunks_upsert",
    "document_create",
    "document_delete",
    "document_update",
    "embed_texts_for",
    "index_build_execute",
    "index_build_request",
    "index_builds_sweep",
    "index_snapshot_save",
    "library_create",
    "library_delete",
    "library_update",
]
