"""Reads of the vector database: listings and the k-nearest-neighbour query."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import QuerySet

from core.exceptions import Unprocessable
from vectordb import schema
from vectordb.engine.filters import FilterError, compile_filter
from vectordb.models import Chunk, Document, IndexBuild, Library
from vectordb.runtime import registry
from vectordb.schema import SchemaError

MAX_K = 1000
#: Filters keeping at most this share of the chunks are answered by an exact scan of the matches
#: (cheaper than a filtered graph walk below it, and exact); above it the index is searched with
#: its beam widened by 1/selectivity, with an exact scan as fallback if it finds too few.
EXACT_SELECTIVITY = 0.25
#: ... and so is any filter keeping at most this many chunks, whatever the share.
EXACT_MAX_MATCHES = 20_000


@dataclass(frozen=True)
class QueryHit:
    chunk_id: int
    score: float
    text: str
    metadata: dict
    document_id: int
    document_title: str


@dataclass
class QueryPlan:
    """How a query was answered (returned by `library_query_explain`)."""

    strategy: str = "index"  # "index", "exact", "exact-filtered", "index-filtered", "empty"
    index: str = "flat"
    candidates: int = 0
    matches: int | None = None
    params: dict[str, Any] = field(default_factory=dict)


def library_list(*, project_ids: set[int] | None) -> QuerySet[Library]:
    qs = Library.objects.all()
    return qs if project_ids is None else qs.filter(project_id__in=project_ids)


def document_list(*, library: Library) -> QuerySet[Document]:
    return Document.objects.filter(library=library)


def chunk_list(*, library: Library, document_id: int | None = None) -> QuerySet[Chunk]:
    qs = Chunk.objects.filter(library=library).select_related("document")
    return qs if document_id is None else qs.filter(document_id=document_id)


def index_build_list(*, library: Library) -> QuerySet[IndexBuild]:
    return IndexBuild.objects.filter(library=library)


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

    return embed_texts_for(library=library, texts=[text])[0]


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
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise Unprocessable({"k": [f"must be an integer from 1 to {MAX_K}"]})
    if index not in (None, "flat", library.index_type):
        raise Unprocessable(
            {"index": [f"this library's index is {library.index_type!r}: query it or 'flat' (exact), or rebuild"]}
        )
    node = None
    if filter:
        try:
            node = compile_filter(filter)
        except FilterError as exc:
            raise Unprocessable({"filter": [str(exc)]}) from None
    query = _query_vector(library, embedding, text)
    got = registry.get(library.pk)
    if got is None:
        return [], QueryPlan(strategy="empty")
    live, _state = got
    plan = QueryPlan(index=index or library.index_type)
    with live.lock:
        idx = live.index
        try:
            search_params = idx.clean_search_params(params or {}) if plan.index != "flat" else {}
        except (TypeError, ValueError) as exc:
            raise Unprocessable({"params": [str(exc)]}) from None
        plan.params = search_params
        q = idx.prepare_query(query)
        if node is not None:
            mask = live.meta.mask(node, idx.size) & idx.alive[: idx.size]
            matches = int(mask.sum())
            plan.matches = matches
            if matches == 0:
                slots, dist = np.zeros(0, np.int64), np.zeros(0, np.float32)
                plan.strategy = "empty"
            elif (
                plan.index == "flat" or matches <= EXACT_MAX_MATCHES or matches <= EXACT_SELECTIVITY * max(len(idx), 1)
            ):
                slots, dist = idx.exact_search(q, k, mask)
                plan.strategy, plan.candidates = "exact-filtered", matches
            else:
                selectivity = matches / max(len(idx), 1)
                slots, dist = idx.search_slots(q, k, mask, selectivity=selectivity, **search_params)
                plan.strategy = "index-filtered"
                if len(slots) < min(k, matches):
                    slots, dist = idx.exact_search(q, k, mask)
                    plan.strategy = "exact-filtered"
        elif plan.index == "flat":
            slots, dist = idx.exact_search(q, k)
            plan.strategy, plan.candidates = "exact", len(idx)
        else:
            slots, dist = idx.search_slots(q, k, None, **search_params)
            plan.strategy = "index"
            if len(slots) < min(k, len(idx)):
                slots, dist = idx.exact_search(q, k)
                plan.strategy = "exact"
        ids = idx.ids[slots].tolist()
        scores = idx.to_scores(dist, q).tolist()
    rows = {
        c["id"]: c
        for c in Chunk.objects.filter(library_id=library.pk, id__in=ids).values(
            "id", "text", "metadata", "document_id", "document__title"
        )
    }
    hits = []
    for cid, score in zip(ids, scores, strict=True):
        row = rows.get(cid)
        if row is None:  # deleted after the search began: the query started before the delete
            continue
        hits.append(
            QueryHit(
                chunk_id=cid,
                score=float(score),
                text=row["text"],
                metadata=row["metadata"],
                document_id=row["document_id"],
                document_title=row["document__title"],
            )
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
