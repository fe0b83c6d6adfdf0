"""How a query is answered: exact scan or index search, chosen by the filter's selectivity.

A filter is evaluated first into an exact mask of the matching slots, so its selectivity s (the
share of vectors it keeps) is known, not estimated. Scanning the m matches exactly costs ~m·d;
an index walk that must skip non-matches costs ~1/s times an unfiltered search. So:

- no filter: the index (or exact, for a flat index or `index="flat"`);
- s ≤ `EXACT_SELECTIVITY` or m ≤ `EXACT_MAX_MATCHES`: exact scan of the matches, which is both
  the cheaper plan there and exactly the true top k;
- otherwise the index with its beam (HNSW `ef`, at least `FILTERED_MIN_EF`) or probes (IVF
  `nprobe`) widened by 1/s, and an
  exact scan as fallback if it still finds fewer than k matches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from vectordb.engine.base import VectorIndex

EXACT_SELECTIVITY = 0.25
EXACT_MAX_MATCHES = 20_000
#: The least HNSW beam (before the 1/selectivity widening) of a filtered index walk: at ef=64
#: a 50 % or 90 % filter gave recall 0.975-0.989 on pydocs-minilm; 200 gives >= 0.99 (bench).
FILTERED_MIN_EF = 200


@dataclass
class QueryPlan:
    strategy: str = "index"  # "index", "exact", "exact-filtered", "index-filtered", "empty"
    index: str = "flat"
    candidates: int = 0
    matches: int | None = None
    params: dict[str, Any] = field(default_factory=dict)


def search(
    idx: VectorIndex,
    q: np.ndarray,
    k: int,
    *,
    mask: np.ndarray | None = None,
    use_index: bool = True,
    params: dict | None = None,
) -> tuple[np.ndarray, np.ndarray, QueryPlan]:
    """Best slots and distances for the prepared query `q` (see the module docstring)."""
    params = params or {}
    use_index = use_index and idx.kind != "flat"
    plan = QueryPlan(index=idx.kind if use_index else "flat", params=params)
    if mask is not None:
        mask = mask[: idx.size] & idx.alive[: idx.size]
        matches = int(mask.sum())
        plan.matches = matches
        if matches == 0:
            plan.strategy = "empty"
            return np.zeros(0, np.int64), np.zeros(0, np.float32), plan
        if not use_index or matches <= EXACT_MAX_MATCHES or matches <= EXACT_SELECTIVITY * max(len(idx), 1):
            slots, dist = idx.exact_search(q, k, mask)
            plan.strategy, plan.candidates = "exact-filtered", matches
            return slots, dist, plan
        if idx.kind == "hnsw":  # the filtered walk needs a wider beam for recall >= 0.99
            params = {**params, "ef": max(int(params.get("ef") or 0), FILTERED_MIN_EF, k)}
        slots, dist = idx.search_slots(q, k, mask, selectivity=matches / max(len(idx), 1), **params)
        plan.strategy = "index-filtered"
        if len(slots) < min(k, matches):
            slots, dist = idx.exact_search(q, k, mask)
            plan.strategy = "exact-filtered"
        return slots, dist, plan
    if not use_index:
        slots, dist = idx.exact_search(q, k)
        plan.strategy, plan.candidates = "exact", len(idx)
        return slots, dist, plan
    slots, dist = idx.search_slots(q, k, None, **params)
    plan.strategy = "index"
    if len(slots) < min(k, len(idx)):
        slots, dist = idx.exact_search(q, k)
        plan.strategy = "exact"
    return slots, dist, plan
