"""Libraries, documents, and the write sequence every write that changes a library goes through."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Project
from core.exceptions import ServiceUnavailable, Unprocessable
from vectordb import schema
from vectordb.models import Chunk, ChunkChange, Document, Library
from vectordb.schema import SchemaError

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
