"""The HNSW layer-0 beam search compiled with numba (our own code, JIT-compiled, no ANN library).

Why: the numpy beam (`HNSWIndex._beam0`) pays interpreter and array-allocation overhead on every
expansion step (~30 µs), which caps it at ~0.3× hnswlib. The same algorithm as a compiled loop
(two binary heaps, a visited byte array, a scalar dot product per neighbour over the float32
rows of the fixed-degree int32 neighbour matrix) runs at C speed.

`beam0(vectors, sqnorms, nbr0, q, entry, ef, size, euclidean, mask)` returns the best `ef` slots
(sorted, nearest first) and their ranking distances (-q·v, or ‖v‖² - 2q·v for euclidean). With a
non-empty `mask` the whole graph is walked for navigation but only slots the mask keeps enter the
result (the filtered search). `AVAILABLE` is False when numba is not installed: callers then use
the numpy path. Compiled functions are cached on disk (`cache=True`), so a new process pays the
compile once per machine, not per start.
"""

from __future__ import annotations

import numpy as np

try:  # pragma: no cover - exercised through HNSWIndex whichever way it goes
    from numba import njit

    AVAILABLE = True
except ImportError:  # pragma: no cover
    AVAILABLE = False

    def njit(*args, **kwargs):  # type: ignore[no-redef]
        def wrap(fn):
            return fn

        return wrap


#: The options of every compiled function, in one place. `cache=True`: the machine code is kept
#: on disk (in `NUMBA_CACHE_DIR` when set — the Django settings set it to `var/numba-cache`, a
#: volume in docker-compose — else next to this file, else numba's per-user cache), so a new
#: process loads it (~0.5 s) instead of compiling (~6-16 s).
JIT_OPTIONS = {"cache": True, "nogil": True, "fastmath": True}
INLINE_OPTIONS = {**JIT_OPTIONS, "inline": "always"}


@njit(**INLINE_OPTIONS)
def _push_min(heap_d, heap_i, n, d, i):
    """Push onto a min-heap (candidates: nearest first)."""
    j = n
    while j > 0:
        parent = (j - 1) >> 1
        if heap_d[parent] <= d:
            break
        heap_d[j] = heap_d[parent]
        heap_i[j] = heap_i[parent]
        j = parent
    heap_d[j] = d
    heap_i[j] = i


@njit(**INLINE_OPTIONS)
def _pop_min(heap_d, heap_i, n):
    """Remove the root of a min-heap of n items (n ≥ 1); the caller has read it."""
    n -= 1
    d = heap_d[n]
    i = heap_i[n]
    j = 0
    while True:
        c = 2 * j + 1
        if c >= n:
            break
        if c + 1 < n and heap_d[c + 1] < heap_d[c]:
            c += 1
        if heap_d[c] >= d:
            break
        heap_d[j] = heap_d[c]
        heap_i[j] = heap_i[c]
        j = c
    heap_d[j] = d
    heap_i[j] = i


@njit(**INLINE_OPTIONS)
def _push_max(heap_d, heap_i, n, d, i):
    j = n
    while j > 0:
        parent = (j - 1) >> 1
        if heap_d[parent] >= d:
            break
        heap_d[j] = heap_d[parent]
        heap_i[j] = heap_i[parent]
        j = parent
    heap_d[j] = d
    heap_i[j] = i


@njit(**INLINE_OPTIONS)
def _pop_max(heap_d, heap_i, n):
    n -= 1
    d = heap_d[n]
    i = heap_i[n]
    j = 0
    while True:
        c = 2 * j + 1
        if c >= n:
            break
        if c + 1 < n and heap_d[c + 1] > heap_d[c]:
            c += 1
        if heap_d[c] <= d:
            break
        heap_d[j] = heap_d[c]
        heap_i[j] = heap_i[c]
        j = c
    heap_d[j] = d
    heap_i[j] = i


@njit(**INLINE_OPTIONS)
def _distance(vectors, sqnorms, slot, q, euclidean):
    row = vectors[slot]
    acc = np.float32(0.0)
    for t in range(q.shape[0]):
        acc += row[t] * q[t]
    if euclidean:
        return sqnorms[slot] - np.float32(2.0) * acc
    return -acc


@njit(**JIT_OPTIONS)
def beam0(vectors, sqnorms, nbr0, q, entry, ef, size, euclidean, mask):
    filtered = mask.shape[0] > 0
    visited = np.zeros(size, dtype=np.uint8)
    cap = size + 1
    cand_d = np.empty(cap, dtype=np.float32)
    cand_i = np.empty(cap, dtype=np.int64)
    res_d = np.empty(ef + 1, dtype=np.float32)
    res_i = np.empty(ef + 1, dtype=np.int64)
    n_cand = 0
    n_res = 0
    d0 = _distance(vectors, sqnorms, entry, q, euclidean)
    visited[entry] = 1
    _push_min(cand_d, cand_i, n_cand, d0, entry)
    n_cand += 1
    if not filtered or mask[entry]:
        _push_max(res_d, res_i, n_res, d0, entry)
        n_res += 1
    # The bound for the beam: the worst kept result once the result heap is full; while it is
    # not (a selective filter), every candidate is expanded.
    width = nbr0.shape[1]
    while n_cand > 0:
        cd = cand_d[0]
        ci = cand_i[0]
        if n_res >= ef and cd > res_d[0]:
            break
        _pop_min(cand_d, cand_i, n_cand)
        n_cand -= 1
        row = nbr0[ci]
        for t in range(width):
            nb = row[t]
            if nb < 0:
                break
            if visited[nb]:
                continue
            visited[nb] = 1
            d = _distance(vectors, sqnorms, nb, q, euclidean)
            if n_res < ef or d < res_d[0]:
                _push_min(cand_d, cand_i, n_cand, d, nb)
                n_cand += 1
                if not filtered or mask[nb]:
                    _push_max(res_d, res_i, n_res, d, nb)
                    n_res += 1
                    if n_res > ef:
                        _pop_max(res_d, res_i, n_res)
                        n_res -= 1
    order = np.argsort(res_d[:n_res], kind="mergesort")
    return res_i[:n_res][order], res_d[:n_res][order]


@njit(**JIT_OPTIONS)
def descend(vectors, sqnorms, q, euclidean, entry, top, starts, nodes, nbrs):
    """Greedy descent from `entry` at level `top` to level 1; returns the layer-0 entry point.
    Level l's nodes are `nodes[starts[l-1]:starts[l]]` (sorted slots), their links the same rows
    of `nbrs` (-1 padded)."""
    cur = entry
    dcur = _distance(vectors, sqnorms, cur, q, euclidean)
    for layer in range(top, 0, -1):
        lo = starts[layer - 1]
        hi = starts[layer]
        level_nodes = nodes[lo:hi]
        changed = True
        while changed:
            changed = False
            j = np.searchsorted(level_nodes, cur)
            if j >= level_nodes.shape[0] or level_nodes[j] != cur:
                break
            row = nbrs[lo + j]
            for t in range(row.shape[0]):
                nb = row[t]
                if nb < 0:
                    break
                d = _distance(vectors, sqnorms, nb, q, euclidean)
                if d < dcur:
                    dcur = d
                    cur = nb
                    changed = True
    return cur


def pack_upper(upper: list[dict[int, np.ndarray]], m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """HNSW upper layers (dicts slot -> links) as `descend`'s flat arrays: starts, nodes, nbrs."""
    starts = [0]
    nodes, rows = [], []
    for links in upper:
        keys = np.array(sorted(links), dtype=np.int64)
        block = np.full((len(keys), m), -1, dtype=np.int32)
        for i, key in enumerate(keys.tolist()):
            nb = links[key][:m]
            block[i, : len(nb)] = nb
        nodes.append(keys)
        rows.append(block)
        starts.append(starts[-1] + len(keys))
    return (
        np.array(starts, dtype=np.int64),
        np.concatenate(nodes) if nodes else np.zeros(0, np.int64),
        np.concatenate(rows) if rows else np.zeros((0, m), np.int32),
    )


def warm() -> None:
    """Compile (or load from the on-disk cache) every compiled function on a tiny input, so that
    later processes on this machine only load the cache (~1 s) instead of compiling (~5-15 s)."""
    if not AVAILABLE:
        return
    vectors = np.eye(4, dtype=np.float32)
    nbr0 = np.array([[1, -1], [0, 2], [1, 3], [2, -1]], dtype=np.int32)
    for euclidean in (False, True):
        for mask in (np.zeros(0, dtype=bool), np.ones(4, dtype=bool)):
            beam0(vectors, np.ones(4, np.float32), nbr0, vectors[0], 0, 2, 4, euclidean, mask)
        starts, nodes, nbrs = pack_upper([{0: np.array([1], np.int32), 1: np.array([0], np.int32)}], 2)
        descend(vectors, np.ones(4, np.float32), vectors[1], euclidean, 0, 1, starts, nodes, nbrs)
