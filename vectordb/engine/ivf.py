"""IVF (inverted file): k-means partitions of the vectors, a query scans the `nprobe` nearest.

Why: a simple, predictable approximate index whose speed/recall knob (`nprobe`) is easy to reason
about; it trains in seconds and keeps inserts O(nlist · d). Good when a library is large and a
recall of ~0.9-0.99 is enough, and as a coarse partitioner.

Training: k-means (`kmeans.py`) with `nlist` centroids (default ≈ 2·√n) when the index is built,
or automatically once an untrained index holds `train_min` vectors (until then it answers exactly).
Inserts go to the nearest centroid's list; updates move a vector between lists; deletes drop it.
The centroids are not retrained on writes: a rebuild (API) retrains them when the data has drifted
or grown well past the training size.

Time: build O(iters · s · nlist · d) + O(n · nlist · d); insert/update O(nlist · d); delete O(1)
(the list layout is refreshed lazily, O(n), on the next query after writes); query
O(nlist · d + (nprobe / nlist) · n · d), the probed lists scanned by a compiled kernel
(`scan_lists`: rows scored in place, a k-heap, no gather). Space: vectors + nlist · d centroids + 8 bytes a vector.
"""

from __future__ import annotations

import numpy as np

from vectordb.engine._jit import distance, drain_max_heap, heap_pop, heap_push, jit, prefetch
from vectordb.engine.base import Progress, VectorIndex, _no_progress
from vectordb.engine.kmeans import assign, kmeans

_NO_MASK = np.zeros(0, dtype=bool)


@jit
def scan_lists(vectors, sqnorms, order, offsets, lists, q, euclidean, k, mask):
    """The k nearest slots (and distances) among the members of `lists` that `mask` keeps (all
    when it is empty), scored in place: no gather of the rows, a k-heap instead of a sort."""
    filtered = mask.shape[0] > 0
    heap_d = np.empty(k + 1, dtype=np.float32)  # a max-heap: the min-heap of negated distances
    heap_i = np.empty(k + 1, dtype=np.int64)
    n = 0
    for c in lists:
        lo = offsets[c]
        hi = offsets[c + 1]
        for j in range(lo, hi):
            if j + 4 < hi:
                prefetch(vectors, order[j + 4], 0)
            slot = order[j]
            if filtered and not mask[slot]:
                continue
            d = distance(vectors, sqnorms, slot, q, np.float32(0.0), euclidean)
            if n < k:
                heap_push(heap_d, heap_i, n, -d, slot)
                n += 1
            elif d < -heap_d[0]:
                heap_pop(heap_d, heap_i, n)
                heap_push(heap_d, heap_i, n - 1, -d, slot)
    return drain_max_heap(heap_d, heap_i, n)


class IVFIndex(VectorIndex):
    kind = "ivf"

    def __init__(
        self, *, dim: int, metric: str = "cosine", nlist: int | None = None, nprobe: int = 32, train_min: int = 2048
    ) -> None:
        super().__init__(dim=dim, metric=metric)
        self.nlist_param = nlist
        self.nprobe = int(nprobe)
        self.train_min = int(train_min)
        self.centroids = np.zeros((0, self.dim), dtype=np.float32)
        self.assignment = np.zeros(0, dtype=np.int32)  # list of each slot, -1 when none
        self._order: np.ndarray | None = None  # slots sorted by list (CSR), rebuilt lazily
        self.trained_on = 0  # vectors when the centroids were trained
        self._offsets: np.ndarray | None = None

    @classmethod
    def clean_params(cls, params: dict) -> dict:
        unknown = set(params) - {"nlist", "nprobe", "train_min"}
        if unknown:
            raise ValueError(f"unknown IVF parameters {sorted(unknown)}; use nlist, nprobe, train_min")
        out = {}
        for name, low, high in (("nlist", 1, 65536), ("nprobe", 1, 65536), ("train_min", 1, 10_000_000)):
            if name in params and params[name] is not None:
                value = params[name]
                if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                    raise ValueError(f"{name} must be an integer from {low} to {high}")
                out[name] = value
        return out

    def params(self) -> dict:
        return {"nlist": self.nlist_param, "nprobe": self.nprobe, "train_min": self.train_min}

    @classmethod
    def clean_search_params(cls, params: dict) -> dict:
        unknown = set(params) - {"nprobe"}
        if unknown:
            raise ValueError(f"unknown IVF search parameters {sorted(unknown)}; use nprobe")
        if "nprobe" in params:
            value = params["nprobe"]
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65536:
                raise ValueError("nprobe must be an integer from 1 to 65536")
        return dict(params)

    @property
    def trained(self) -> bool:
        return len(self.centroids) > 0

    def memory_bytes(self) -> int:
        return super().memory_bytes() + int(self.centroids.nbytes + self.assignment.nbytes)

    # --- structure ---------------------------------------------------------------------------
    def _on_grow(self, capacity: int) -> None:
        grown = np.full(capacity, -1, dtype=np.int32)
        grown[: min(len(self.assignment), capacity)] = self.assignment[:capacity]
        self.assignment = grown

    def _assign(self, slots: np.ndarray) -> None:
        if not self.trained or len(slots) == 0:
            return
        labels, _ = assign(self.vectors[slots], self.centroids)
        self.assignment[slots] = labels[:, 0]
        self._order = None

    def _on_insert(self, slots: np.ndarray) -> None:
        if (not self.trained and len(self) >= self.train_min) or (
            self.trained and self.nlist_param is None and len(self) > 4 * self.trained_on
        ):
            self.train()  # first training, or the library grew 4x: more and fresher lists
        else:
            self._assign(slots)

    def _on_update(self, slots: np.ndarray) -> None:
        self._assign(slots)

    def _on_remove(self, slots: np.ndarray) -> None:
        self.assignment[slots] = -1
        self._order = None

    def train(self, progress: Progress | None = None) -> None:
        """(Re)train the centroids on the alive vectors and re-assign every vector."""
        report = progress or _no_progress
        alive = np.flatnonzero(self.alive[: self.size])
        if len(alive) == 0:
            return
        nlist = self.nlist_param or max(1, round(2 * np.sqrt(len(alive))))
        nlist = min(nlist, len(alive))
        report(0.1, f"k-means, {nlist} lists")
        self.centroids, labels = kmeans(self.vectors[alive], nlist, seed=len(alive))
        self.trained_on = len(alive)
        self.assignment[:] = -1
        self.assignment[alive] = labels
        self._order = None
        report(1.0, "assigned")

    def build(self, ids: np.ndarray, vectors: np.ndarray, progress: Progress | None = None) -> None:
        self._reset()
        saved, self.train_min = self.train_min, 1 << 62  # no auto-training while loading
        self.upsert(ids, vectors)
        self.train_min = saved
        self.train(progress)

    def _lists(self) -> tuple[np.ndarray, np.ndarray]:
        if self._order is None or self._offsets is None:
            assignment = self.assignment[: self.size]
            order = np.argsort(assignment, kind="stable")
            counts = np.bincount(assignment[assignment >= 0], minlength=len(self.centroids))
            skip = int((assignment < 0).sum())
            self._order = order[skip:]
            self._offsets = np.concatenate([[0], np.cumsum(counts)])
        return self._order, self._offsets

    # --- search ------------------------------------------------------------------------------
    def probe_order(self, q: np.ndarray) -> np.ndarray:
        if self.metric == "dot":
            return np.argsort(-(self.centroids @ q))
        c_sq = np.einsum("ij,ij->i", self.centroids, self.centroids)
        return np.argsort(c_sq - 2.0 * (self.centroids @ q))

    def search_slots(
        self,
        q: np.ndarray,
        k: int,
        mask: np.ndarray | None = None,
        nprobe: int | None = None,
        selectivity: float = 1.0,
    ) -> tuple[np.ndarray, np.ndarray]:
        if not self.trained:
            return self.exact_search(q, k, mask)
        order, offsets = self._lists()
        nprobe = nprobe or self.nprobe
        # With a filter keeping a share s of the vectors, probe ~1/s as many lists.
        nprobe = min(len(self.centroids), int(np.ceil(nprobe / max(selectivity, 1e-6))))
        lists = self.probe_order(q)[:nprobe]
        if k <= 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        return scan_lists(
            self.vectors,
            self.sqnorms,
            order,
            offsets,
            lists,
            np.ascontiguousarray(q, dtype=np.float32),
            self.metric == "euclidean",
            int(k),
            _NO_MASK if mask is None else np.ascontiguousarray(mask[: self.size], dtype=bool),
        )

    # --- persistence -------------------------------------------------------------------------
    def _extra_state(self) -> dict[str, np.ndarray]:
        return {
            "centroids": self.centroids,
            "assignment": self.assignment[: self.size],
            "trained_on": np.array(self.trained_on),
        }

    def _load_extra_state(self, state: dict) -> None:
        self.centroids = np.asarray(state["centroids"], dtype=np.float32).copy()
        self.assignment = np.asarray(state["assignment"], dtype=np.int32).copy()
        self.trained_on = int(state["trained_on"])
        self._order = None
