"""Exact (brute-force) search: the baseline, the ground truth and the fallback of every index.

Why: it is always correct, needs no training and no parameters, and on a filtered query that keeps
few chunks it is the fastest way to the true top k (only the matches are scanned).

Time: insert/update/delete O(1) per vector (amortised); a query O(n·d) for the distances plus O(n)
for the partial sort (`argpartition`), one BLAS matrix-vector product. Space: the vectors only,
n·d·4 bytes plus ~17 bytes a vector of bookkeeping.
"""

from __future__ import annotations

from vectordb.engine.base import VectorIndex


class FlatIndex(VectorIndex):
    kind = "flat"
