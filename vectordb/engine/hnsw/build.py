"""Compiled HNSW inserts (Malkov & Yashunin 2016, algorithms 1 and 4), one node after another.

`insert_many` inserts the given slots in order into the graph held by the arrays described in
`walk.py`; both a bulk build and the inserts of later upserts go through it. A node of level L:
greedy descent from the entry point to layer L + 1, then on each layer from min(L, top) down to
0 a beam of width `ef_construction`, the M links picked by the heuristic (a candidate is kept
only if it is closer to the node than to every link already kept, × `alpha`; with `fill` the
nearest pruned candidates take the places left), and the reverse links: a neighbour with room
takes the new node, a full one re-picks its links among the old ones and the new node with the
same heuristic (≤ 2M on layer 0, ≤ M above). All distances here are true distances (‖q‖² kept
for euclidean), so they compare across nodes.

Time: O(ef_construction · M0 · d · log n) a node. The levels (and the `up_off` rows for levels ≥ 1)
are assigned by the caller before the call, so the kernel never allocates graph storage.
"""

from __future__ import annotations

import numpy as np

from vectordb.engine._jit import distance, jit
from vectordb.engine.hnsw.walk import beam, greedy, links_of


@jit(inline="always")
def pair_distance(vectors, sqnorms, a, b, euclidean):
    return distance(vectors, sqnorms, a, vectors[b], sqnorms[b], euclidean)


@jit(inline="always")
def _scaled(d, euclidean):
    """A distance on a non-negative scale: the euclidean norm, or 1 - cos for inner products."""
    if euclidean:
        return np.sqrt(max(d, np.float32(0.0)))
    return np.float32(1.0) + d


@jit
def heuristic(vectors, sqnorms, cand, cand_d, m, euclidean, alpha, fill):
    """≤ m of the candidates (sorted nearest first, true distances to the node) by the HNSW
    neighbour heuristic."""
    n = cand.shape[0]
    if n <= m:
        return cand.copy()
    out = np.empty(m, dtype=np.int64)
    taken = np.zeros(n, dtype=np.bool_)
    count = 0
    for j in range(n):
        c = cand[j]
        good = True
        for r in range(count):
            d = pair_distance(vectors, sqnorms, c, out[r], euclidean)
            # (alpha > 1 keeps longer links; it scales a non-negative distance)
            if d < cand_d[j] if alpha == 1.0 else alpha * _scaled(d, euclidean) < _scaled(cand_d[j], euclidean):
                good = False
                break
        if good:
            out[count] = c
            taken[j] = True
            count += 1
            if count >= m:
                break
    if fill and count < m:
        for j in range(n):
            if count >= m:
                break
            if not taken[j]:
                out[count] = cand[j]
                count += 1
    return out[:count]


@jit
def connect(vectors, sqnorms, nbr0, up_off, up_nbr, node, new, layer, limit, euclidean, alpha, fill):
    """Add the link node -> new on `layer`, re-picking node's links when it has `limit` already."""
    row = links_of(nbr0, up_off, up_nbr, node, layer)
    count = 0
    for t in range(row.shape[0]):
        nb = row[t]
        if nb < 0:
            break
        if nb == new:
            return
        count += 1
    if count < limit:
        row[count] = new
        return
    cand = np.empty(count + 1, dtype=np.int64)
    cand_d = np.empty(count + 1, dtype=np.float32)
    for t in range(count):
        cand[t] = row[t]
        cand_d[t] = pair_distance(vectors, sqnorms, node, row[t], euclidean)
    cand[count] = new
    cand_d[count] = pair_distance(vectors, sqnorms, node, new, euclidean)
    order = np.argsort(cand_d)
    chosen = heuristic(vectors, sqnorms, cand[order], cand_d[order], limit, euclidean, alpha, fill)
    row[:] = -1
    for t in range(chosen.shape[0]):
        row[t] = chosen[t]


@jit
def insert_many(
    vectors, sqnorms, nbr0, up_off, up_nbr, levels, slots, entry, max_level, M, ef_c, euclidean, alpha, fill, visited
):
    """Insert `slots` in order; returns the new (entry, max_level)."""
    no_mask = np.zeros(0, dtype=np.bool_)
    m0 = nbr0.shape[1]
    for s in slots:
        level = np.int64(levels[s])
        if entry < 0:
            entry = s
            max_level = level
            continue
        q = vectors[s]
        q_sq = sqnorms[s]
        cur = entry
        if level < max_level:
            cur = greedy(vectors, sqnorms, up_off, up_nbr, q, q_sq, euclidean, cur, max_level, level)
        for layer in range(min(level, max_level), -1, -1):
            graph = (nbr0, up_off, up_nbr)
            ids, dist = beam(vectors, sqnorms, *graph, q, q_sq, euclidean, cur, layer, ef_c, no_mask, visited)
            keep = ids != s
            ids = ids[keep]
            dist = dist[keep]
            if ids.shape[0] == 0:
                continue
            chosen = heuristic(vectors, sqnorms, ids, dist, M, euclidean, alpha, fill)
            row = links_of(nbr0, up_off, up_nbr, s, layer)
            row[:] = -1
            for t in range(chosen.shape[0]):
                row[t] = chosen[t]
            limit = m0 if layer == 0 else M
            for t in range(chosen.shape[0]):
                connect(vectors, sqnorms, nbr0, up_off, up_nbr, chosen[t], s, layer, limit, euclidean, alpha, fill)
            cur = ids[0]
        if level > max_level:
            entry = s
            max_level = level
    return entry, max_level
