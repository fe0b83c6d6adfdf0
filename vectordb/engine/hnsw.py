"""HNSW: a hierarchical navigable small-world graph (Malkov & Yashunin, 2016), written with numpy.

Why: the best speed/recall trade-off for in-memory kNN: a query touches O(log n) layers and a few
hundred vectors instead of all n, at recall ≥ 0.95 with modest parameters.

Structure: every vector is a node with a random level L (P(L ≥ l) = M^-l). Layer 0 links each node
to at most `M0 = 2·M` neighbours (a dense int32 matrix, -1 padded); layers ≥ 1 hold the few nodes
of that level with at most `M` links each (dicts). Neighbours are chosen with the HNSW heuristic
(keep a candidate only if it is closer to the node than to every neighbour already kept), which
keeps long links and the graph navigable.

Search (`search_slots`): greedy descent from the entry point through the upper layers, then a beam
search on layer 0 keeping the best `ef` nodes. The beam is vectorised: each step expands the
`expand` best unexpanded nodes of the beam at once, so one numpy gather + matrix-vector product
scores all their unvisited neighbours, and the beam is re-sorted once per step rather than per
node (`argsort` of ≤ ef + expand·M0 values). Filtered search walks the whole graph (for
navigation) but only returns nodes the mask keeps, with `ef` widened by 1/selectivity.

Writes: insert is the HNSW insert (greedy descent, beam search with `ef_construction` per layer,
heuristic selection, reverse links pruned by the same heuristic when full). Delete marks a
tombstone: the node still routes searches but is never returned. Update = delete + insert.
The owner rebuilds the graph (`build`) when tombstones pass a share of the nodes.

Bulk build (`build`) does the same thing in large vectorised steps instead of n sequential
inserts: approximate k-NN candidates for every node from k-means groups (each group's members
against the members of its `probe` nearest groups, as BLAS matrix products), the heuristic applied
to all nodes at once (batched pairwise distances), then reverse links merged in and re-pruned; the
upper layers (n/M, n/M², … nodes) the same way with exact candidates.

Time: query O(ef · M0 · d · log n) expected; insert O(ef_construction · M0 · d · log n);
delete O(1); bulk build O(n · (n/g) · probe · d) for candidates (g groups) + O(n · L² · d) for the
heuristic on L candidates. Space: vectors + n · M0 · 4 bytes (layer 0) + ~n/M · M · 8 bytes above.
"""

from __future__ import annotations

import math

import numpy as np

from vectordb.engine import _jit
from vectordb.engine.base import Progress, VectorIndex, _no_progress
from vectordb.engine.kmeans import kmeans

MAX_LEVEL = 16
#: Queries score every node of this level and above at once instead of descending to it.
PIVOT_LEVEL = 2
#: Below this many vectors `build` inserts one by one (the reference algorithm, ~ms a vector).
BULK_MIN = 5000
_NO_MASK = np.zeros(0, dtype=bool)


class HNSWIndex(VectorIndex):
    kind = "hnsw"
    update_in_place = False

    def __init__(
        self,
        *,
        dim: int,
        metric: str = "cosine",
        M: int = 16,
        ef_construction: int = 100,
        ef_search: int = 64,
        expand: int = 8,
        seed: int = 0,
        alpha: float = 1.0,
        bulk_width: int | None = None,
        probe: int = 30,
        fill: bool = False,
        fwd: int = 0,
    ) -> None:
        super().__init__(dim=dim, metric=metric)
        self.M = int(M)
        self.M0 = 2 * self.M
        self.ef_construction = int(ef_construction)
        self.ef_search = int(ef_search)
        self.expand = int(expand)
        self.seed = int(seed)
        self.ml = 1.0 / math.log(max(self.M, 2))
        self.rng = np.random.default_rng(seed)
        self.levels = np.zeros(0, dtype=np.int8)
        self.nbr0 = np.full((0, self.M0), -1, dtype=np.int32)
        self.upper: list[dict[int, np.ndarray]] = []  # upper[l - 1]: level-l links
        self.entry = -1
        self.max_level = -1
        self.tombstones = 0
        self._pivots: np.ndarray | None = None
        self._packed: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._bulk_loading = False
        self._building = False  # levels are assigned ahead of the links during a bulk build
        self.alpha = float(alpha)
        self.bulk_width = int(bulk_width or 3 * self.M0)
        self.probe = int(probe)
        self.fill = bool(fill)
        self.fwd = int(fwd)

    # --- parameters --------------------------------------------------------------------------
    _LIMITS = {
        "M": (2, 128),
        "ef_construction": (8, 4096),
        "ef_search": (1, 4096),
        "expand": (1, 64),
        "seed": (0, 2**31),
        "probe": (1, 1024),
        "bulk_width": (4, 1024),
        "fwd": (0, 256),
    }

    @classmethod
    def clean_params(cls, params: dict) -> dict:
        allowed = {*cls._LIMITS, "alpha", "fill"}
        unknown = set(params) - allowed
        if unknown:
            raise ValueError(f"unknown HNSW parameters {sorted(unknown)}; use {', '.join(sorted(allowed))}")
        out: dict = {}
        for name, value in params.items():
            if name == "alpha":
                if isinstance(value, bool) or not isinstance(value, int | float) or not 1.0 <= value <= 2.0:
                    raise ValueError("alpha must be a number from 1 to 2")
            elif name == "fill":
                if not isinstance(value, bool):
                    raise ValueError("fill must be true or false")
            else:
                low, high = cls._LIMITS[name]
                if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                    raise ValueError(f"{name} must be an integer from {low} to {high}")
            out[name] = value
        return out

    def params(self) -> dict:
        return {
            "M": self.M,
            "ef_construction": self.ef_construction,
            "ef_search": self.ef_search,
            "expand": self.expand,
            "seed": self.seed,
            "alpha": self.alpha,
            "bulk_width": self.bulk_width,
            "probe": self.probe,
            "fill": self.fill,
            "fwd": self.fwd,
        }

    @classmethod
    def clean_search_params(cls, params: dict) -> dict:
        unknown = set(params) - {"ef", "expand"}
        if unknown:
            raise ValueError(f"unknown HNSW search parameters {sorted(unknown)}; use ef, expand")
        for name, (low, high) in (("ef", (1, 4096)), ("expand", (1, 64))):
            if name in params:
                value = params[name]
                if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                    raise ValueError(f"{name} must be an integer from {low} to {high}")
        return dict(params)

    def memory_bytes(self) -> int:
        upper = sum(len(layer) * (self.M * 4 + 100) for layer in self.upper)
        packed = sum(a.nbytes for a in self._packed) if self._packed is not None else 0  # compiled search's copy
        return super().memory_bytes() + int(self.nbr0.nbytes + self.levels.nbytes) + upper + packed

    def tombstone_ratio(self) -> float:
        return self.tombstones / self.size if self.size else 0.0

    # --- distances ---------------------------------------------------------------------------
    def _dist(self, slots: np.ndarray, q: np.ndarray) -> np.ndarray:
        """Distances for ranking around one query (euclidean without the constant ‖q‖²)."""
        ip = self.vectors.take(slots, axis=0) @ q  # take: a faster row gather than fancy indexing
        if self.metric == "euclidean":
            return self.sqnorms[slots] - 2.0 * ip
        return -ip

    def _full(self, slots: np.ndarray, q: np.ndarray, q_sq: float) -> np.ndarray:
        """True distances from `q` (comparable across different queries: used by the heuristic)."""
        d = self._dist(slots, q)
        return d + q_sq if self.metric == "euclidean" else d

    def _pairwise(self, x: np.ndarray, sq: np.ndarray) -> np.ndarray:
        """Distances among the rows of x (... × L × d) -> (... × L × L)."""
        ip = x @ np.swapaxes(x, -1, -2)
        if self.metric == "euclidean":
            return sq[..., :, None] + sq[..., None, :] - 2.0 * ip
        return -ip

    # --- storage hooks -----------------------------------------------------------------------
    def _on_grow(self, capacity: int) -> None:
        levels = np.zeros(capacity, dtype=np.int8)
        keep = min(len(self.levels), capacity)
        levels[:keep] = self.levels[:keep]
        self.levels = levels
        nbr0 = np.full((capacity, self.M0), -1, dtype=np.int32)
        nbr0[:keep] = self.nbr0[:keep]
        self.nbr0 = nbr0

    def _on_insert(self, slots: np.ndarray) -> None:
        if self._bulk_loading:
            return
        for slot in slots.tolist():
            self._insert(slot)

    def _on_remove(self, slots: np.ndarray) -> None:
        self.tombstones += len(slots)

    # --- search ------------------------------------------------------------------------------
    def _neighbours(self, layer: int, sources: np.ndarray) -> np.ndarray:
        if layer == 0:
            nb = self.nbr0[sources].ravel()
            return nb[nb >= 0]
        links = self.upper[layer - 1]
        parts = [links[s] for s in sources.tolist() if s in links]
        return np.concatenate(parts) if parts else np.zeros(0, np.int32)

    def _greedy(self, q: np.ndarray, cur: int, layer: int) -> int:
        dcur = float(self._dist(np.array([cur]), q)[0])
        links = self.upper[layer - 1]
        while True:
            nb = links.get(cur)
            if nb is None or len(nb) == 0:
                return cur
            dn = self._dist(nb, q)
            j = int(np.argmin(dn))
            if dn[j] >= dcur:
                return cur
            cur, dcur = int(nb[j]), float(dn[j])

    def _descend(self, q: np.ndarray, down_to: int) -> int:
        cur = self.entry
        top = self.max_level
        if down_to < PIVOT_LEVEL < top and not self._building:
            # The few nodes of level >= PIVOT_LEVEL (about n/M²) are scored at once with one
            # mat-vec; the best is where the greedy descent through the layers above would land,
            # or better, for the cost of one step.
            pivots = self._pivot_slots()
            cur = int(pivots[np.argmin(self._dist(pivots, q))])
            top = PIVOT_LEVEL
        for layer in range(top, down_to, -1):
            cur = self._greedy(q, cur, layer)
        return cur

    def _pivot_slots(self) -> np.ndarray:
        if self._pivots is None:
            self._pivots = np.flatnonzero(self.levels[: self.size] >= PIVOT_LEVEL)
        return self._pivots

    def _beam(
        self,
        q: np.ndarray,
        entries: np.ndarray,
        ef: int,
        layer: int,
        expand: int,
        collect: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
        """Beam search on one layer: the best `ef` nodes (sorted) and, with `collect` (a mask),
        every visited node the mask keeps with its distance."""
        visited = np.zeros(self.size, dtype=bool)
        stamp = np.empty(self.size, dtype=np.int64)
        counter = np.arange(expand * max(self.M0, self.M), dtype=np.int64)
        ids = np.asarray(entries, dtype=np.int64)
        visited[ids] = True
        dist = self._dist(ids, q)
        order = np.argsort(dist, kind="stable")
        ids, dist = ids[order], dist[order]
        done = np.zeros(len(ids), dtype=bool)
        seen_ids = [ids]
        seen_dist = [dist]
        while True:
            todo = np.flatnonzero(~done)
            if todo.size == 0:
                break
            pick = todo[:expand]
            done[pick] = True
            nb = self._neighbours(layer, ids[pick])
            nb = nb[~visited[nb]]
            if nb.size == 0:
                continue
            if len(pick) > 1:  # drop repeats (last one wins) without sorting
                positions = counter[: len(nb)]
                stamp[nb] = positions
                nb = nb[stamp[nb] == positions]
            visited[nb] = True
            dn = self._dist(nb, q)
            if collect is not None:
                seen_ids.append(nb)
                seen_dist.append(dn)
            if len(ids) >= ef:
                closer = dn < dist[-1]
                if not np.count_nonzero(closer):
                    continue
                nb, dn = nb[closer], dn[closer]
            ids = np.concatenate([ids, nb])
            dist = np.concatenate([dist, dn])
            done = np.concatenate([done, np.zeros(len(nb), dtype=bool)])
            order = np.argsort(dist, kind="stable")[:ef]
            ids, dist, done = ids[order], dist[order], done[order]
        found = None
        if collect is not None:
            all_ids = np.concatenate(seen_ids)
            all_dist = np.concatenate(seen_dist)
            keep = collect[all_ids]
            found = (all_ids[keep], all_dist[keep])
        return ids, dist, found

    def _beam0(self, q: np.ndarray, entry: int, ef: int, expand: int) -> tuple[np.ndarray, np.ndarray]:
        """`_beam` on layer 0 without a mask: the query hot path, with the calls inlined."""
        vectors, nbr0 = self.vectors, self.nbr0
        euclidean = self.metric == "euclidean"
        sqnorms = self.sqnorms
        visited = np.zeros(self.size, dtype=bool)
        stamp = np.empty(self.size, dtype=np.int64)
        counter = np.arange(expand * self.M0, dtype=np.int64)
        ids = np.array([entry], dtype=np.int64)
        visited[entry] = True
        dist = -(vectors.take(ids, axis=0) @ q)
        if euclidean:
            dist = sqnorms[ids] + 2.0 * dist
        done = np.zeros(1, dtype=bool)
        while True:
            todo = np.flatnonzero(~done)
            if todo.size == 0:
                break
            pick = todo[:expand]
            done[pick] = True
            nb = nbr0.take(ids.take(pick), axis=0).ravel()
            nb = nb[nb >= 0]
            nb = nb[~visited.take(nb)]
            if nb.size == 0:
                continue
            if pick.size > 1:
                positions = counter[: nb.size]
                stamp[nb] = positions
                nb = nb[stamp.take(nb) == positions]
            visited[nb] = True
            dn = -(vectors.take(nb, axis=0) @ q)
            if euclidean:
                dn = sqnorms.take(nb) + 2.0 * dn
            if ids.size >= ef:
                closer = dn < dist[-1]
                if not np.count_nonzero(closer):
                    continue
                nb, dn = nb[closer], dn[closer]
            ids = np.concatenate((ids, nb))
            dist = np.concatenate((dist, dn))
            done = np.concatenate((done, np.zeros(nb.size, dtype=bool)))
            order = np.argsort(dist, kind="stable")[:ef]
            ids, dist, done = ids.take(order), dist.take(order), done.take(order)
        return ids, dist

    def search_slots(
        self,
        q: np.ndarray,
        k: int,
        mask: np.ndarray | None = None,
        ef: int | None = None,
        expand: int | None = None,
        selectivity: float = 1.0,
    ) -> tuple[np.ndarray, np.ndarray]:
        if self.entry < 0 or len(self) == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        ef = max(ef or self.ef_search, k)
        expand = expand or self.expand
        if mask is None and self.tombstones:
            mask = self.alive
        if mask is not None:
            share = max(selectivity * (len(self) / self.size), 1e-3)
            ef = min(max(math.ceil(ef / share), k), self.size)
        if _jit.AVAILABLE:
            starts, nodes, nbrs = self._upper_packed()
            ep = _jit.descend(
                self.vectors,
                self.sqnorms,
                np.ascontiguousarray(q, dtype=np.float32),
                self.metric == "euclidean",
                self.entry,
                max(self.max_level, 0),
                starts,
                nodes,
                nbrs,
            )
            ids, dist = _jit.beam0(
                self.vectors,
                self.sqnorms,
                self.nbr0,
                np.ascontiguousarray(q, dtype=np.float32),
                int(ep),
                ef,
                self.size,
                self.metric == "euclidean",
                _NO_MASK if mask is None else mask[: self.size],
            )
        elif mask is None:
            ep = self._descend(q, 0)
            ids, dist = self._beam0(q, ep, ef, expand)
        else:
            ep = self._descend(q, 0)
            ids, dist, found = self._beam(q, np.array([ep]), ef, 0, expand, collect=mask)
            ids, dist = found
        top = np.argsort(dist, kind="stable")[:k]
        return ids[top], dist[top]

    # --- incremental insert ------------------------------------------------------------------
    def _draw_level(self) -> int:
        return min(int(-math.log(max(self.rng.random(), 1e-12)) * self.ml), MAX_LEVEL)

    def _links(self, slot: int, layer: int) -> np.ndarray:
        if layer == 0:
            row = self.nbr0[slot]
            return row[row >= 0]
        return self.upper[layer - 1].get(slot, np.zeros(0, np.int32))

    def _upper_packed(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The upper layers as flat arrays for the compiled descent (rebuilt after a change)."""
        if self._packed is None:
            self._packed = _jit.pack_upper(self.upper, self.M)
        return self._packed

    def _set_links(self, slot: int, layer: int, links: np.ndarray) -> None:
        self._packed = None
        links = np.asarray(links, dtype=np.int32)
        if layer == 0:
            self.nbr0[slot] = -1
            self.nbr0[slot, : len(links)] = links
        else:
            self.upper[layer - 1][slot] = links

    def _heuristic(self, cand: np.ndarray, cand_d: np.ndarray, m: int, fill: bool = False) -> np.ndarray:
        """HNSW neighbour selection among candidates sorted by distance (true distances)."""
        if len(cand) <= m:
            return cand
        pair = self._pairwise(self.vectors[cand], self.sqnorms[cand])
        chosen: list[int] = []
        for j in range(len(cand)):
            if not chosen or bool((pair[j, chosen] >= cand_d[j]).all()):
                chosen.append(j)
                if len(chosen) >= m:
                    break
        if fill and len(chosen) < m:  # keep the nearest pruned candidates in the free slots
            taken = set(chosen)
            chosen += [j for j in range(len(cand)) if j not in taken][: m - len(chosen)]
            chosen.sort()
        return cand[chosen]

    def _connect(self, node: int, new: int, layer: int) -> None:
        """Add the link node -> new, re-pruning node's links with the heuristic when full."""
        current = self._links(node, layer)
        if new in current:
            return
        limit = self.M0 if layer == 0 else self.M
        if len(current) < limit:
            self._set_links(node, layer, np.append(current, new))
            return
        cand = np.append(current, new).astype(np.int64)
        d = self._full(cand, self.vectors[node], float(self.sqnorms[node]))
        order = np.argsort(d, kind="stable")
        self._set_links(node, layer, self._heuristic(cand[order], d[order], limit, fill=self.fill))

    def _insert(self, slot: int, level: int | None = None, min_layer: int = 0) -> None:
        self._packed = None
        level = self._draw_level() if level is None else level
        self.levels[slot] = level
        if level >= PIVOT_LEVEL:
            self._pivots = None
            self._packed = None
        while len(self.upper) < level:
            self.upper.append({})
        if self.entry < 0:
            self.entry, self.max_level = slot, level
            for layer in range(1, level + 1):
                self.upper[layer - 1][slot] = np.zeros(0, np.int32)
            return
        q = self.vectors[slot]
        q_sq = float(self.sqnorms[slot])
        cur = self._descend(q, level)
        for layer in range(min(level, self.max_level), min_layer - 1, -1):
            ids, dist, _ = self._beam(q, np.array([cur]), self.ef_construction, layer, self.expand)
            keep = ids != slot
            ids, dist = ids[keep], dist[keep]
            if self.metric == "euclidean":
                dist = dist + q_sq
            chosen = self._heuristic(ids, dist, self.M)
            self._set_links(slot, layer, chosen)
            for nb in chosen.tolist():
                self._connect(nb, slot, layer)
            if len(ids):
                cur = int(ids[0])
        for layer in range(self.max_level + 1, level + 1):
            self.upper[layer - 1][slot] = np.zeros(0, np.int32)
        if level > self.max_level:
            self.entry, self.max_level = slot, level

    # --- bulk build --------------------------------------------------------------------------
    def build(self, ids: np.ndarray, vectors: np.ndarray, progress: Progress | None = None) -> None:
        report = progress or _no_progress
        self._reset()
        ids = np.asarray(ids, dtype=np.int64).ravel()
        groups = None
        if len(ids) >= BULK_MIN and len(np.unique(ids)) == len(ids):
            # Lay the vectors out group by group (k-means), so that graph neighbours, which are
            # mostly in the same group, sit close in memory: searches gather fewer cache lines.
            prepared = self.prepare(vectors)
            n_groups = max(2, len(ids) // 256)
            report(0.01, "grouping")
            _, labels = kmeans(prepared, n_groups, iters=6, sample=min(len(ids), 40 * n_groups), seed=self.seed)
            order = np.argsort(labels, kind="stable")
            ids, vectors, groups = ids[order], prepared[order], (labels[order], n_groups)
        self._bulk_loading = True
        try:
            self.upsert(ids, vectors)
        finally:
            self._bulk_loading = False
        n = self.size
        if n < BULK_MIN:  # small: plain inserts are fast enough and make the better graph
            for slot in range(n):
                self._insert(slot)
                if slot % 200 == 0:
                    report(slot / max(n, 1), "inserting")
            report(1.0, "built")
            return
        levels = np.minimum(np.floor(-np.log(np.maximum(self.rng.random(n), 1e-12)) * self.ml), MAX_LEVEL)
        self.levels[:n] = levels.astype(np.int8)
        self._pivots = None
        self._packed = None
        self.max_level = int(levels.max())
        self.entry = int(np.argmax(levels))
        self.upper = [{} for _ in range(self.max_level)]
        self._building = True
        try:
            self._build_graph(n, levels, groups, report)
        finally:
            self._building = False
            self._packed = None
        report(1.0, "built")

    def _build_graph(self, n: int, levels: np.ndarray, groups: tuple | None, report: Progress) -> None:
        nodes = np.arange(n, dtype=np.int64)
        report(0.02, "layer 0: candidates")
        cand, cand_d = self._candidates(nodes, min(self.ef_construction, self.bulk_width), report, groups)
        report(0.45, "layer 0: selecting neighbours")
        links, links_d = self._select_batch(cand, cand_d, self.fwd or self.M0, alpha=self.alpha, fill=self.fill)
        report(0.7, "layer 0: reverse links")
        self.nbr0[:n] = self._merge_reverse(nodes, links, links_d, self.M0)
        # The upper layers (n/M nodes in all) are built by plain HNSW inserts, highest level
        # first: their long links are what lets the descent reach the right region.
        report(0.9, "upper layers")
        top = self.max_level
        self.entry, self.max_level = -1, -1
        self.upper = []
        upper_nodes = np.flatnonzero(levels >= 1)
        for slot in upper_nodes[np.argsort(-levels[upper_nodes], kind="stable")].tolist():
            self._insert(slot, level=int(levels[slot]), min_layer=1)
        if self.entry < 0:
            self.entry, self.max_level = 0, 0
        assert self.max_level == top
        # k-NN links alone can leave well-separated groups unreachable: link every part that the
        # entry point cannot reach, top layer first (as incremental HNSW inserts would have).
        report(0.97, "connecting")
        for layer in range(self.max_level, -1, -1):
            members = nodes if layer == 0 else np.flatnonzero(levels >= layer).astype(np.int64)
            self._repair(layer, members)

    def _reach(self, layer: int, start: np.ndarray, seen: np.ndarray) -> None:
        """Mark in `seen` every node reachable from `start` on `layer` (breadth-first, vectorised)."""
        frontier = np.asarray(start, dtype=np.int64)
        frontier = frontier[~seen[frontier]]
        seen[frontier] = True
        while frontier.size:
            nb = self._neighbours(layer, frontier)
            nb = nb[~seen[nb]]
            if nb.size == 0:
                break
            nb = np.unique(nb)
            seen[nb] = True
            frontier = nb.astype(np.int64)

    def _repair(self, layer: int, members: np.ndarray) -> None:
        """Link unreachable parts of a layer to the part reachable from the entry point."""
        if self.entry < 0 or len(members) < 2 or self.metric == "dot":
            # Under inner product, small-norm vectors are nobody's nearest neighbour and few
            # queries' either: the graph leaves them unlinked by design, as hnswlib's does.
            return
        for _ in range(4):  # a later repair's pruning can cut an earlier bridge: check again
            seen = np.zeros(self.size, dtype=bool)
            self._reach(layer, np.array([self.entry]), seen)
            todo = members[~seen[members]]
            if len(todo) == 0:
                return
            self._bridge(layer, todo, seen)

    def _bridge(self, layer: int, todo: np.ndarray, seen: np.ndarray) -> None:
        limit = self.M0 if layer == 0 else self.M
        for node in todo.tolist():
            if seen[node]:
                continue
            q = self.vectors[node]
            # from the entry point on this layer itself, so the beam stays in the reached part
            ids, dist, _ = self._beam(q, np.array([self.entry]), self.ef_construction, layer, self.expand)
            keep = seen[ids] & (ids != node)
            ids, dist = ids[keep], self._full(ids[keep], q, float(self.sqnorms[node]))
            if len(ids) == 0:
                continue
            order = np.argsort(dist, kind="stable")
            chosen = self._heuristic(ids[order], dist[order], self.M)
            for nb in chosen.tolist():
                self._connect(nb, node, layer)
                self._connect(node, nb, layer)
            anchor = int(chosen[0])
            links = self._links(anchor, layer)
            if node not in links:  # pruned away: force one way in, replacing the farthest link
                links = links.copy() if len(links) else links
                if len(links) >= limit:
                    links[-1] = node
                else:
                    links = np.append(links, node)
                self._set_links(anchor, layer, links)
            self._reach(layer, np.array([node]), seen)

    def _candidates(
        self, nodes: np.ndarray, width: int, report: Progress | None, groups: tuple | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Approximate `width` nearest other nodes of each node (global slots, true distances);
        `groups` = (labels, count) of a k-means grouping of `nodes` already computed."""
        m = len(nodes)
        width = min(width, m - 1)
        x = self.vectors[nodes]
        sq = self.sqnorms[nodes]
        cand = np.full((m, width), -1, dtype=np.int64)
        cand_d = np.full((m, width), np.inf, dtype=np.float32)
        if m <= 6000:
            groups = [(np.arange(m), np.arange(m))]
        else:
            if groups is not None:
                labels, n_groups = groups
                centroids = np.zeros((n_groups, self.dim), dtype=np.float32)
                np.add.at(centroids, labels, x)
                centroids /= np.maximum(np.bincount(labels, minlength=n_groups), 1)[:, None]
            else:
                n_groups = max(2, m // 256)
                centroids, labels = kmeans(x, n_groups, iters=6, sample=min(m, 40 * n_groups), seed=self.seed)
            order = np.argsort(labels, kind="stable")
            offsets = np.concatenate([[0], np.cumsum(np.bincount(labels, minlength=n_groups))])
            c_sq = np.einsum("ij,ij->i", centroids, centroids)
            cc = c_sq[:, None] + c_sq[None, :] - 2.0 * (centroids @ centroids.T)
            probe = min(n_groups, self.probe)
            near = np.argsort(cc, axis=1)[:, :probe]
            groups = []
            for g in range(n_groups):
                members = order[offsets[g] : offsets[g + 1]]
                if len(members) == 0:
                    continue
                pool = np.concatenate([order[offsets[h] : offsets[h + 1]] for h in near[g].tolist()])
                groups.append((members, pool))
        total = len(groups)
        for i, (members, pool) in enumerate(groups):
            for start in range(0, len(members), 2048):
                rows = members[start : start + 2048]
                d = -(x[rows] @ x[pool].T)
                if self.metric == "euclidean":
                    d = sq[rows][:, None] + sq[pool][None, :] + 2.0 * d
                d[rows[:, None] == pool[None, :]] = np.inf
                w = min(width, len(pool) - 1)
                part = np.argpartition(d, w - 1, axis=1)[:, :w]
                pd = np.take_along_axis(d, part, axis=1)
                srt = np.argsort(pd, axis=1, kind="stable")
                cand[rows, :w] = pool[np.take_along_axis(part, srt, axis=1)]
                cand_d[rows, :w] = np.take_along_axis(pd, srt, axis=1)
            if report is not None and i % 16 == 0:
                report(0.02 + 0.43 * i / total, "layer 0: candidates")
        bad = ~np.isfinite(cand_d)
        cand[bad] = -1
        return np.where(cand >= 0, nodes[np.maximum(cand, 0)], -1), cand_d

    def _prune_scale(self, d: np.ndarray) -> np.ndarray:
        """Distances on a non-negative scale where `alpha` (> 1 keeps longer links) makes sense."""
        if self.metric == "cosine":
            return 1.0 + d
        if self.metric == "euclidean":
            return np.sqrt(np.maximum(d, 0.0))
        return d

    def _select_batch(
        self, cand: np.ndarray, cand_d: np.ndarray, m: int, alpha: float = 1.0, fill: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """The heuristic for many nodes at once: rows of candidates (sorted) -> ≤ m links each."""
        rows_n, width = cand.shape
        out = np.full((rows_n, m), -1, dtype=np.int64)
        out_d = np.full((rows_n, m), np.inf, dtype=np.float32)
        batch = max(16, int(2**25 // max(width * width * 4 + width * self.dim * 4, 1)))
        for start in range(0, rows_n, batch):
            c = cand[start : start + batch]
            cd = cand_d[start : start + batch]
            valid = c >= 0
            safe = np.maximum(c, 0)
            pair = self._prune_scale(self._pairwise(self.vectors[safe], self.sqnorms[safe])) * alpha
            cd = self._prune_scale(cd)
            sel = np.zeros(c.shape, dtype=bool)
            count = np.zeros(len(c), dtype=np.int64)
            for j in range(width):
                ok = valid[:, j] & (count < m)
                if j:
                    ok &= ~(sel[:, :j] & (pair[:, j, :j] < cd[:, j : j + 1])).any(axis=1)
                sel[:, j] = ok
                count += ok
            if fill:  # keep the nearest pruned candidates in the slots left free
                spare = valid & ~sel
                room = m - count
                sel |= spare & (np.cumsum(spare, axis=1) <= room[:, None])
            rank = np.cumsum(sel, axis=1) - 1
            r, col = np.nonzero(sel)
            out[start + r, rank[r, col]] = c[r, col]
            out_d[start + r, rank[r, col]] = cand_d[start : start + batch][r, col]
        return out, out_d

    def _merge_reverse(self, nodes: np.ndarray, links: np.ndarray, links_d: np.ndarray, m: int) -> np.ndarray:
        """Add the reverse of every link, then keep ≤ m per node (heuristic where over m)."""
        rows = len(nodes)
        local = np.full(self.size, -1, dtype=np.int64)
        local[nodes] = np.arange(rows)
        src = np.repeat(np.arange(rows), links.shape[1])
        dst_global = links.ravel()
        d = links_d.ravel()
        ok = dst_global >= 0
        src, dst, d = src[ok], local[dst_global[ok]], d[ok]
        a = np.concatenate([src, dst])
        b = np.concatenate([dst, src])
        dd = np.concatenate([d, d])
        key = a * rows + b
        order = np.lexsort((dd, key))
        key, a, b, dd = key[order], a[order], b[order], dd[order]
        first = np.concatenate([[True], key[1:] != key[:-1]])
        a, b, dd = a[first], b[first], dd[first]
        order = np.lexsort((dd, a))
        a, b, dd = a[order], b[order], dd[order]
        counts = np.bincount(a, minlength=rows)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        rank = np.arange(len(a)) - starts[a]
        width = int(min(counts.max(initial=0), 2 * m))
        cand = np.full((rows, max(width, 1)), -1, dtype=np.int64)
        cand_d = np.full((rows, max(width, 1)), np.inf, dtype=np.float32)
        keep = rank < width
        cand[a[keep], rank[keep]] = nodes[b[keep]]
        cand_d[a[keep], rank[keep]] = dd[keep]
        out = np.full((rows, m), -1, dtype=np.int32)
        small = counts <= m
        out[small] = (
            cand[small, :m] if width >= m else np.pad(cand[small], ((0, 0), (0, m - width)), constant_values=-1)
        )
        big = np.flatnonzero(~small)
        if len(big):
            chosen, _ = self._select_batch(cand[big], cand_d[big], m, fill=self.fill)
            out[big] = chosen
        return out

    # --- persistence -------------------------------------------------------------------------
    def _extra_state(self) -> dict[str, np.ndarray]:
        up_level, up_node, up_ptr, up_links = [], [], [0], []
        for layer, links in enumerate(self.upper, start=1):
            for node, row in links.items():
                up_level.append(layer)
                up_node.append(node)
                up_links.append(row)
                up_ptr.append(up_ptr[-1] + len(row))
        return {
            "levels": self.levels[: self.size],
            "nbr0": self.nbr0[: self.size],
            "graph": np.array([self.entry, self.max_level, self.tombstones], dtype=np.int64),
            "up_level": np.asarray(up_level, dtype=np.int32),
            "up_node": np.asarray(up_node, dtype=np.int64),
            "up_ptr": np.asarray(up_ptr, dtype=np.int64),
            "up_links": np.concatenate(up_links).astype(np.int32) if up_links else np.zeros(0, np.int32),
        }

    def _load_extra_state(self, state: dict) -> None:
        self.levels = np.asarray(state["levels"], dtype=np.int8).copy()
        self._pivots = None
        self._packed = None
        self.nbr0 = np.asarray(state["nbr0"], dtype=np.int32).copy()
        self.entry, self.max_level, self.tombstones = (int(v) for v in state["graph"])
        self.upper = [{} for _ in range(max(self.max_level, 0))]
        ptr = state["up_ptr"]
        links = state["up_links"]
        for i, (layer, node) in enumerate(zip(state["up_level"].tolist(), state["up_node"].tolist(), strict=True)):
            self.upper[layer - 1][node] = links[ptr[i] : ptr[i + 1]].copy()
        self.rng = np.random.default_rng(self.seed + self.size)
