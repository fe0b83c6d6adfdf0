"""Reads of the vector database: listings and the k-nearest-neighbour query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

import numpy as np
from django.db.models import QuerySet

from core.exceptions import Unprocessable
from vectordb import schema
from vectordb.engine import planner
from vectordb.engine.filters import FilterError, compile_filter
from vectordb.engine.planner import QueryPlan
from vectordb.models import Chunk, Document, IndexBuild, Library
from vectordb.runtime import registry
from vectordb.schema import SchemaError

MAX_K = 1000


@dataclass(frozen=True)
class QueryHit:
    chunk_id: str  # the public ids (UUIDs)
    score: float
    text: str
    metadata: dict
    document_id: str
    document_title: str


def library_list(*, project_ids: set[int] | None) -> QuerySet[Library]:
    qs = Library.objects.select_related("project")
    return qs if project_ids is None else qs.filter(project_id__in=project_ids)


def document_list(*, library: Library) -> QuerySet[Document]:
    return Document.objects.filter(library=library).select_related("library")


def chunk_list(*, library: Library, document_uuid: UUID | None = None) -> QuerySet[Chunk]:
    qs = Chunk.objects.filter(library=library).select_related("document")
    return qs if document_uuid is None else qs.filter(document__uuid=document_uuid)


def index_build_list(*, library: Library) -> QuerySet[IndexBuild]:
    return IndexBuild.objects.filter(library=library).select_related("library")


def _query_vector(library: Library, embedding: Any, text: Any) -> np.ndarray:
    if embedding is not None:
        try:
            return schema.clean_embedding(embedding, dimension=library.dimension, metric=library.metric)
        except SchemaError as exc:
            raise Unprocessable(exc.errors) from None
    if text is None:
        raise Unprocessable({"embedding": ["send an embedding (or a text, for a library with an embedding_provider)"]})
    if not isinstance(text, str) or not text.strip():
        raise Unprocessable({"text": ["must be a non-empty string"]})
    from vectordb.services import embed_texts_for

    return embed_texts_for(library=library, texts=[text], input_type="query")[0]


def query_filter(*, library: Library, k: int, index: str | None, filter: dict | None) -> Any:
    """Check a query's `k`, `index` and `filter` (422 naming the field); the compiled filter or None."""
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise Unprocessable({"k": [f"must be an integer from 1 to {MAX_K}"]})
    if index not in (None, "flat", library.index_type):
        raise Unprocessable(
            {"index": [f"this library's index is {library.index_type!r}: query it or 'flat' (exact), or rebuild"]}
        )
    if not filter:
        return None
    try:
        return compile_filter(filter)
    except FilterError as exc:
        raise Unprocessable({"filter": [str(exc)]}) from None


def live_index_search(
    *,
    library: Library,
    live: Any,
    query: np.ndarray,
    k: int,
    node: Any,
    index: str | None,
    params: dict | None,
) -> tuple[list[QueryHit], QueryPlan, int]:
    """Search a live in-memory index under its lock, then hydrate the hits from the database.

    Returns the hits (best first), the plan, and the version the index had applied. A chunk deleted
    after the search began is dropped: the query started before the delete."""
    (found,), plan, applied = _search_live(live, [query], k=k, node=node, index=index, params=params)
    return _hydrate(library, [found])[0], plan, applied


def _search_live(
    live: Any, queries: list[np.ndarray], *, k: int, node: Any, index: str | None, params: dict | None
) -> tuple[list[tuple[list[int], list[float]]], QueryPlan, int]:
    """(ids, scores) for each query, searched under the live index's lock; the last plan."""
    use_index = index != "flat"
    found = []
    with live.lock:
        idx = live.index
        try:
            search_params = idx.clean_search_params(params or {}) if use_index else {}
        except (TypeError, ValueError) as exc:
            raise Unprocessable({"params": [str(exc)]}) from None
        mask = live.meta.mask(node, idx.size) if node is not None else None
        plan = QueryPlan(strategy="empty")
        for query in queries:
            q = idx.prepare_query(query)
            slots, dist, plan = planner.search(idx, q, k, mask=mask, use_index=use_index, params=search_params)
            found.append((idx.ids[slots].tolist(), idx.to_scores(dist, q).tolist()))
        applied = live.applied_seq
    return found, plan, applied


def _hydrate(library: Library, found: list[tuple[list[int], list[float]]]) -> list[list[QueryHit]]:
    """Hits with their chunk's public id, text, metadata and document, from one database query for all
    (the index knows chunks by their internal pk)."""
    wanted = {cid for ids, _ in found for cid in ids}
    rows = {
        c["id"]: c
        for c in Chunk.objects.filter(library_id=library.pk, id__in=wanted).values(
            "id", "uuid", "text", "metadata", "document__uuid", "document__title"
        )
    }
    return [
        [
            QueryHit(
                chunk_id=str(rows[cid]["uuid"]),
                score=float(score),
                text=rows[cid]["text"],
                metadata=rows[cid]["metadata"],
                document_id=str(rows[cid]["document__uuid"]),
                document_title=rows[cid]["document__title"],
            )
            for cid, score in zip(ids, scores, strict=True)
            if cid in rows
        ]
        for ids, scores in found
    ]


#: Query vectors in one batch request.
MAX_BATCH = 1000


def library_query_batch(
    *,
    library: Library,
    embeddings: list[Any],
    k: int = 10,
    filter: dict | None = None,
    index: str | None = None,
    params: dict | None = None,
) -> list[list[QueryHit]]:
    """The k nearest chunks to each of `embeddings` (one index catch-up, one lock, one hydration)."""
    node = query_filter(library=library, k=k, index=index, filter=filter)
    if not isinstance(embeddings, list) or not 1 <= len(embeddings) <= MAX_BATCH:
        raise Unprocessable({"embeddings": [f"a list of 1 to {MAX_BATCH} query vectors"]})
    queries = []
    for i, embedding in enumerate(embeddings):
        if embedding is None:
            raise Unprocessable({f"embeddings[{i}]": ["a list of `dimension` numbers is required"]})
        try:
            queries.append(_query_vector(library, embedding, None))
        except Unprocessable as exc:
            detail = exc.detail if isinstance(exc.detail, dict) else {"embedding": exc.detail}
            raise Unprocessable({f"embeddings[{i}]": [str(m) for ms in detail.values() for m in ms]}) from None
    got = registry.get(library.pk)
    if got is None:
        return [[] for _ in queries]
    live, _state = got
    found, _plan, _applied = _search_live(live, queries, k=k, node=node, index=index, params=params)
    return _hydrate(library, found)


def library_query_explain(
    *,
    library: Library,
    embedding: Any = None,
    text: str | None = None,
    k: int = 10,
    filter: dict | None = None,
    index: str | None = None,
    params: dict | None = None,
) -> tuple[list[QueryHit], QueryPlan]:
    """The k chunks nearest to the query, best first, with how they were found."""
    node = query_filter(library=library, k=k, index=index, filter=filter)
    query = _query_vector(library, embedding, text)
    got = registry.get(library.pk)
    if got is None:
        return [], QueryPlan(strategy="empty")
    live, _state = got
    hits, plan, _applied = live_index_search(
        library=library, live=live, query=query, k=k, node=node, index=index, params=params
    )
    return hits, plan


def library_query(
    *,
    library: Library,
    embedding: Any = None,
    text: str | None = None,
    k: int = 10,
    filter: dict | None = None,
    index: str | None = None,
    params: dict | None = None,
) -> list[QueryHit]:
    """The k chunks nearest to `embedding` (or to `text`, embedded by the library's provider) among
    those `filter` keeps, best first. `index`: None (the library's), or "flat" for exact search."""
    hits, _plan = library_query_explain(
        library=library, embedding=embedding, text=text, k=k, filter=filter, index=index, params=params
    )
    return hits
