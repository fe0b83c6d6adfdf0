"""A k-NN query answered from a node's replica: the same validation, search and hydration as
`vectordb.selectors.library_query_explain` (shared through `query_filter` and `live_index_search`),
against the node's applied version."""

from __future__ import annotations

from typing import Any

from vectordb.models import Library
from vectordb.replication.replica import Replicas
from vectordb.selectors import QueryHit, _query_vector, live_index_search, query_filter


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
    node = query_filter(library=library, k=k, index=index, filter=filter)
    query = _query_vector(library, embedding, text)
    got = replicas.get(library.pk, min_version=min_version, strong=strong, timeout=wait)
    if got is None:
        return [], {"strategy": "empty"}, 0
    live, applied = got
    if applied < min_version:
        raise NotCaughtUp(applied, min_version)
    hits, plan, applied = live_index_search(
        library=library, live=live, query=query, k=k, node=node, index=index, params=params
    )
    return hits, dict(plan.__dict__), applied
