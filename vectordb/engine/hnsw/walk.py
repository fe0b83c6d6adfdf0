"""Compiled graph walks: the greedy descent through the upper layers and the beam search of a layer.

The graph, as every kernel here sees it (plain arrays, so numba compiles them and a snapshot
stores them as they are):

- `nbr0[slot]`: the ≤ 2M layer-0 links of a slot, int32, padded with -1 (a fixed-degree matrix:
  one contiguous row a node, no indirection on the hot path);
- `up_off[slot]`: for a node of level L ≥ 1 the first of its L rows in `up_nbr` (row
  `up_off[slot] + l - 1` holds its ≤ M level-l links, -1 padded); -1 for level-0 nodes.

`visited` is a generation-stamped uint32 array of capacity + 1 slots reused across walks: a slot
is visited in this walk when `visited[slot]` equals the generation kept in its last element, and
each walk starts by bumping that generation (clearing the array only when it wraps), so no walk
allocates or clears n bytes. One array per thread (the caller's job): walks release the GIL.
"""

from __future__ import annotations

import numpy as np

from vectordb.engine._jit import distance, drain_max_heap, heap_pop, heap_push, jit, prefetch

#: Cache lines (of 64 bytes) of each neighbour's vector the walk prefetches before scoring it.
PREFETCH_LINES = 1
#: How many neighbours ahead the walk prefetches the rest of a vector.
AHEAD = 2


@jit(inline="always")
def links_of(nbr0, up_off, up_nbr, slot, layer):
    if layer == 0:
        return nbr0[slot]
    return up_nbr[up_off[slot] + layer - 1]


@jit(inline="always")
def next_generation(visited):
    gen = visited[visited.shape[0] - 1] + np.uint32(1)
    if gen == np.uint32(0xFFFFFFFF):
        visited[:] = 0
        gen = np.uint32(1)
    visited[visited.shape[0] - 1] = gen
    return gen


@jit
def greedy(vectors, sqnorms, up_off, up_nbr, q, q_sq, euclidean, cur, top, bottom):
    """Greedy descent from `cur` on layer `top` down to layer `bottom` + 1; returns the node
    reached (each layer: move to any closer neighbour until none is)."""
    dcur = distance(vectors, sqnorms, cur, q, q_sq, euclidean)
    for layer in range(top, bottom, -1):
        changed = True
        while changed:
            changed = False
            row = up_nbr[up_off[cur] + layer - 1]
            for t in range(row.shape[0]):
                nb = row[t]
                if nb < 0:
                    break
                d = distance(vectors, sqnorms, nb, q, q_sq, euclidean)
                if d < dcur:
                    dcur = d
                    cur = nb
                    changed = True
    return cur


@jit
def beam(vectors, sqnorms, nbr0, up_off, up_nbr, q, q_sq, euclidean, entry, layer, ef, mask, visited):
    """Beam search of one layer from `entry`: the best `ef` slots (nearest first) and their
    distances. With a non-empty `mask` the walk goes through every node (navigation) but only
    slots the mask keeps enter the result; until the result holds `ef` of them every candidate
    is expanded (a selective filter)."""
    filtered = mask.shape[0] > 0
    gen = next_generation(visited)
    cap = 4 * ef + 64
    cand_d = np.empty(cap, dtype=np.float32)
    cand_i = np.empty(cap, dtype=np.int64)
    res_d = np.empty(ef + 1, dtype=np.float32)  # a max-heap: the min-heap of negated distances
    res_i = np.empty(ef + 1, dtype=np.int64)
    fresh = np.empty(max(nbr0.shape[1], up_nbr.shape[1]), dtype=np.int64)
    dim = vectors.shape[1]
    n_cand = 0
    n_res = 0
    d0 = distance(vectors, sqnorms, entry, q, q_sq, euclidean)
    visited[entry] = gen
    heap_push(cand_d, cand_i, n_cand, d0, entry)
    n_cand += 1
    if not filtered or mask[entry]:
        heap_push(res_d, res_i, n_res, -d0, entry)
        n_res += 1
    while n_cand > 0:
        cd = cand_d[0]
        ci = cand_i[0]
        if n_res >= ef and cd > -res_d[0]:
            break
        heap_pop(cand_d, cand_i, n_cand)
        n_cand -= 1
        row = links_of(nbr0, up_off, up_nbr, ci, layer)
        # First the unvisited neighbours, each vector's first lines prefetched, then their scores.
        n_new = 0
        for t in range(row.shape[0]):
            nb = row[t]
            if nb < 0:
                break
            if visited[nb] == gen:
                continue
            visited[nb] = gen
            for line in range(0, min(PREFETCH_LINES * 16, dim), 16):
                prefetch(vectors, nb, line)
            fresh[n_new] = nb
            n_new += 1
        for t in range(n_new):
            if t + AHEAD < n_new:  # the rest of a vector a few neighbours ahead
                for line in range(PREFETCH_LINES * 16, dim, 16):
                    prefetch(vectors, fresh[t + AHEAD], line)
            nb = fresh[t]
            d = distance(vectors, sqnorms, nb, q, q_sq, euclidean)
            if n_res < ef or d < -res_d[0]:
                if n_cand == cand_d.shape[0]:  # grow the candidate heap (rare)
                    bigger_d = np.empty(2 * n_cand, dtype=np.float32)
                    bigger_i = np.empty(2 * n_cand, dtype=np.int64)
                    bigger_d[:n_cand] = cand_d
                    bigger_i[:n_cand] = cand_i
                    cand_d, cand_i = bigger_d, bigger_i
                heap_push(cand_d, cand_i, n_cand, d, nb)
                n_cand += 1
                if not filtered or mask[nb]:
                    heap_push(res_d, res_i, n_res, -d, nb)
                    n_res += 1
                    if n_res > ef:
                        heap_pop(res_d, res_i, n_res)
                        n_res -= 1
    return drain_max_heap(res_d, res_i, n_res)


@jit
def search(vectors, sqnorms, nbr0, up_off, up_nbr, q, euclidean, entry, max_level, ef, k, mask, visited):
    """A query: descent to layer 1's best node, beam of width ef on layer 0, the best k."""
    cur = greedy(vectors, sqnorms, up_off, up_nbr, q, np.float32(0.0), euclidean, entry, max_level, 0)
    ids, dist = beam(vectors, sqnorms, nbr0, up_off, up_nbr, q, np.float32(0.0), euclidean, cur, 0, ef, mask, visited)
    return ids[:k], dist[:k]


@jit
def query(vectors, sqnorms, ids, nbr0, up_off, up_nbr, raw, metric, entry, max_level, ef, k, visited):
    """`HNSWIndex.search` in one call: check and prepare the raw query (finite; normalised for
    cosine), search, and turn slots and distances into chunk ids and scores. `metric` is 0 for
    cosine, 1 for dot, 2 for euclidean. Returns (ids, scores, status): status 1 = not finite,
    2 = a zero vector under cosine (the caller raises the usual error)."""
    dim = raw.shape[0]
    q = np.empty(dim, dtype=np.float32)
    sq = np.float32(0.0)
    for t in range(dim):
        v = np.float32(raw[t])
        if not np.isfinite(v):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32), 1
        q[t] = v
        sq += v * v
    if metric == 0:
        if sq == 0.0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32), 2
        scale = np.float32(1.0) / np.sqrt(sq)
        for t in range(dim):
            q[t] *= scale
    graph = (nbr0, up_off, up_nbr)
    slots, dist = search(vectors, sqnorms, *graph, q, metric == 2, entry, max_level, ef, k, no_mask(), visited)
    out = np.empty(slots.shape[0], dtype=np.int64)
    scores = np.empty(slots.shape[0], dtype=np.float32)
    for j in range(slots.shape[0]):
        out[j] = ids[slots[j]]
        scores[j] = -np.sqrt(max(dist[j] + sq, np.float32(0.0))) if metric == 2 else -dist[j]
    return out, scores, 0


@jit(inline="always")
def no_mask():
    return np.zeros(0, dtype=np.bool_)
