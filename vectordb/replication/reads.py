"""A k-NN query answered from a node's replica (same validation, planner and hit shape as
`vectordb.selectors.library_query_explain`, but against the node's applied version)."""

from __future__ import annotations

from typing import Any

from core.exceptions import Unprocessable
from vectordb.engine import planner
from vectordb.engine.filters import FilterError, compile_filter
from vectordb.models import Chunk, Library
from vectordb.replication.replica import Replicas
from vectordb.selectors import MAX_K, QueryHit, _query_vector


class NotCaughtUp(Exception):
    """The replica did not reach the requested version within the wait."""

    def __init__(self, applied: int, wanted: int) -> None:
        super().__init__(f"applied version {applied} < requested {wanted}")
        self.applied = applied
        self.wanted = wanted


def replica_query(
    *,
    replicas: Replicas,
    library: Library,
    embedding: Any = None,
    text: str | None = None,
    k: int = 10,
    filter: dict | None = None,
    index: str | None = None,
    params: dict | None = None,
    min_version: int = 0,
    strong: bool = False,
    wait: float = 5.0,
) -> tuple[list[QueryHit], dict, int]:
    """(hits, plan, version answered at). Raises `NotCaughtUp` when `min_version` was not reached."""
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise Unprocessable({"k": [f"must be an integer from 1 to {MAX_K}"]})
    if index not in (None, "flat", library.index_type):
        raise Unprocessable({"index": [f"this library's index is {library.index_type!r}: query it or 'flat'"]})
    node = None
    if filter:
        try:
            node = compile_filter(filter)
        except FilterError as exc:
            raise Unprocessable({"filter": [str(exc)]}) from None
    query = _query_vector(library, embedding, text)
    got = replicas.get(library.pk, min_version=min_version, strong=strong, timeout=wait)
    if got is None:
        return [], {"strategy": "empty"}, 0
    live, applied = got
    if applied < min_version:
        raise NotCaughtUp(applied, min_version)
    with live.lock:
        idx = live.index
        try:
            search_params = idx.clean_search_params(params or {}) if index != "flat" else {}
        except (TypeError, ValueError) as exc:
            raise Unprocessable({"params": [str(exc)]}) from None
        q = idx.prepare_query(query)
        mask = live.meta.mask(node, idx.size) if node is not None else None
        slots, dist, plan = planner.search(idx, q, k, mask=mask, use_index=index != "flat", params=search_params)
        ids = idx.ids[slots].tolist()
        scores = idx.to_scores(dist, q).tolist()
        applied = live.applied_seq
    rows = {
        c["id"]: c
        for c in Chunk.objects.filter(library_id=library.pk, id__in=ids).values(
            "id", "text", "metadata", "document_id", "document__title"
        )
    }
    hits = [
        QueryHit(
            chunk_id=cid,
            score=float(score),
            text=rows[cid]["text"],
            metadata=rows[cid]["metadata"],
            document_id=rows[cid]["document_id"],
            document_title=rows[cid]["document__title"],
        )
        for cid, score in zip(ids, scores, strict=True)
        if cid in rows  # deleted in Postgres after this replica's version: dropped
    ]
    return hits, dict(plan.__dict__), applied
