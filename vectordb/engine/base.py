"""The storage every index shares: vectors in slots, addressed by external int64 ids.

A slot is a row of `vectors`; `ids[slot]` is the chunk id stored there and `alive[slot]` says
whether it still counts. Subclasses add their structure (IVF lists, HNSW graph) through the hooks
`_on_insert`, `_on_update` and `_on_remove`, and implement `search`.

Metrics, all answered as a "distance" internally (lower is better) and a score outside (higher is
better):

| metric      | stored vector        | internal distance        | score returned        |
|-------------|----------------------|--------------------------|-----------------------|
| `cosine`    | L2-normalised        | `-(x · q)`               | cosine similarity     |
| `dot`       | as given             | `-(x · q)`               | dot product           |
| `euclidean` | as given (+ ‖x‖²)    | `‖x‖² - 2 x · q`         | `-‖x - q‖` (negated)  |

Space: `n × dim × 4` bytes of vectors plus `~17 n` bytes of bookkeeping.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

METRICS = ("cosine", "dot", "euclidean")

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class SearchResult:
    ids: np.ndarray  # int64 chunk ids, best first
    scores: np.ndarray  # float32, higher is better (see the module docstring)


def _no_progress(fraction: float, message: str) -> None:
    return None


class VectorIndex:
    """Base class: slot storage, exact search over any subset of slots, (de)serialisation."""

    kind = "base"
    #: Whether an updated vector keeps its slot (flat, IVF) or gets a new one (HNSW: tombstones).
    update_in_place = True

    def __init__(self, *, dim: int, metric: str = "cosine") -> None:
        if metric not in METRICS:
            raise ValueError(f"unknown metric {metric!r}; use one of {', '.join(METRICS)}")
        if int(dim) < 1:
            raise ValueError("dim must be a positive integer")
        self.dim = int(dim)
        self.metric = metric
        self.vectors = np.zeros((0, self.dim), dtype=np.float32)
        self.sqnorms = np.zeros(0, dtype=np.float32)
        self.ids = np.zeros(0, dtype=np.int64)
        self.alive = np.zeros(0, dtype=bool)
        self.size = 0  # slots in use (high-water mark); slots >= size are free capacity
        self.slot_of: dict[int, int] = {}
        self.free: list[int] = []

    # --- parameters --------------------------------------------------------------------------
    @classmethod
    def clean_params(cls, params: dict) -> dict:
        """Validated constructor keyword arguments from a user's `index_params` (ValueError if bad)."""
        if params:
            raise ValueError(f"the {cls.kind} index takes no parameters (got {sorted(params)})")
        return {}

    def params(self) -> dict:
        return {}

    @classmethod
    def clean_search_params(cls, params: dict) -> dict:
        if params:
            raise ValueError(f"the {cls.kind} index takes no search parameters (got {sorted(params)})")
        return {}

    # --- sizes -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.slot_of)

    def __contains__(self, chunk_id: int) -> bool:
        return int(chunk_id) in self.slot_of

    @property
    def capacity(self) -> int:
        return self.vectors.shape[0]

    def memory_bytes(self) -> int:
        return int(self.vectors.nbytes + self.sqnorms.nbytes + self.ids.nbytes + self.alive.nbytes)

    # --- vectors -----------------------------------------------------------------------------
    def prepare(self, vectors: np.ndarray) -> np.ndarray:
        """float32 rows in the stored form (normalised for cosine). Raises ValueError on bad input."""
        arr = np.asarray(vectors, dtype=np.float32)
        if arr.ndim == 1:
            arr = arr[None, :]
        if arr.ndim != 2 or arr.shape[1] != self.dim:
            raise ValueError(f"vectors must have {self.dim} dimensions, got shape {arr.shape}")
        if not np.isfinite(arr).all():
            raise ValueError("vectors must be finite (no NaN or infinity)")
        if self.metric == "cosine":
            norms = np.linalg.norm(arr, axis=1, keepdims=True)
            if (norms == 0).any():
                raise ValueError("a zero vector has no direction: it cannot be used with the cosine metric")
            arr = arr / norms
        return np.ascontiguousarray(arr, dtype=np.float32)

    def _reserve(self, extra: int) -> None:
        need = self.size + extra
        if need <= self.capacity:
            return
        cap = max(need, int(self.capacity * 1.5) + 64)
        self.vectors = _grow(self.vectors, cap)
        self.sqnorms = _grow(self.sqnorms, cap)
        self.ids = _grow(self.ids, cap, fill=-1)
        self.alive = _grow(self.alive, cap)
        self._on_grow(cap)

    def _alloc(self, count: int) -> np.ndarray:
        reuse: list[int] = []
        if self.update_in_place:
            while self.free and len(reuse) < count:
                reuse.append(self.free.pop())
        fresh = count - len(reuse)
        self._reserve(fresh)
        new = np.arange(self.size, self.size + fresh, dtype=np.int64)
        self.size += fresh
        return np.concatenate([np.asarray(reuse, dtype=np.int64), new])

    def upsert(self, ids: np.ndarray, vectors: np.ndarray) -> np.ndarray:
        """Insert or replace vectors by id; returns the slot now holding each given id."""
        ids = np.asarray(ids, dtype=np.int64).ravel()
        vecs = self.prepare(vectors) if len(ids) else np.zeros((0, self.dim), np.float32)
        if len(ids) != len(vecs):
            raise ValueError("ids and vectors differ in length")
        # The last occurrence of a repeated id wins.
        _, last = np.unique(ids[::-1], return_index=True)
        keep = np.sort(len(ids) - 1 - last)
        ids, vecs = ids[keep], vecs[keep]
        existing = np.fromiter((int(i) in self.slot_of for i in ids), dtype=bool, count=len(ids))
        slots = np.empty(len(ids), dtype=np.int64)
        if self.update_in_place and existing.any():
            upd = np.fromiter((self.slot_of[int(i)] for i in ids[existing]), dtype=np.int64)
            self.vectors[upd] = vecs[existing]
            self.sqnorms[upd] = np.einsum("ij,ij->i", vecs[existing], vecs[existing])
            slots[existing] = upd
            self._on_update(upd)
            new_mask = ~existing
        else:
            if existing.any():
                self.remove(ids[existing])
            new_mask = np.ones(len(ids), dtype=bool)
        if new_mask.any():
            new_slots = self._alloc(int(new_mask.sum()))
            self.vectors[new_slots] = vecs[new_mask]
            self.sqnorms[new_slots] = np.einsum("ij,ij->i", vecs[new_mask], vecs[new_mask])
            self.ids[new_slots] = ids[new_mask]
            self.alive[new_slots] = True
            for chunk_id, slot in zip(ids[new_mask].tolist(), new_slots.tolist(), strict=True):
                self.slot_of[chunk_id] = slot
            slots[new_mask] = new_slots
            self._on_insert(new_slots)
        return slots

    def remove(self, ids: np.ndarray) -> np.ndarray:
        """Delete by id (unknown ids are ignored); returns the slots that were freed."""
        slots = [self.slot_of.pop(int(i)) for i in np.asarray(ids, dtype=np.int64).ravel() if int(i) in self.slot_of]
        arr = np.asarray(slots, dtype=np.int64)
        if len(arr):
            self.alive[arr] = False
            self._on_remove(arr)
            if self.update_in_place:
                self.ids[arr] = -1
                self.free.extend(slots)
        return arr

    def build(self, ids: np.ndarray, vectors: np.ndarray, progress: Progress | None = None) -> None:
        """Replace the whole content with `ids`/`vectors` and build the structure in bulk."""
        self._reset()
        self.upsert(ids, vectors)
        (progress or _no_progress)(1.0, "built")

    def _reset(self) -> None:
        self.__init__(dim=self.dim, metric=self.metric, **self.params())

    # --- hooks for subclasses ----------------------------------------------------------------
    def _on_grow(self, capacity: int) -> None:
        return None

    def _on_insert(self, slots: np.ndarray) -> None:
        return None

    def _on_update(self, slots: np.ndarray) -> None:
        return None

    def _on_remove(self, slots: np.ndarray) -> None:
        return None

    # --- distances and search ----------------------------------------------------------------
    def prepare_query(self, query: np.ndarray) -> np.ndarray:
        return self.prepare(query)[0]

    def distances(self, slots: np.ndarray | slice, q: np.ndarray) -> np.ndarray:
        """Internal distances (lower is better) from query `q` (prepared) to the given slots."""
        ip = self.vectors[slots] @ q
        if self.metric == "euclidean":
            return self.sqnorms[slots] - 2.0 * ip
        return -ip

    def to_scores(self, dist: np.ndarray, q: np.ndarray) -> np.ndarray:
        if self.metric == "euclidean":
            return -np.sqrt(np.maximum(dist + float(q @ q), 0.0)).astype(np.float32)
        return (-dist).astype(np.float32)

    def exact_search(self, q: np.ndarray, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Exact top-k over the alive slots (and, if given, `mask[slot]`): (slots, distances)."""
        keep_mask = None if mask is None else mask[: self.size] & self.alive[: self.size]
        if keep_mask is not None and np.count_nonzero(keep_mask) * 4 < self.size:
            slots = np.flatnonzero(keep_mask)  # few matches: gather and score only them
            dist = self.distances(slots, q)
        elif keep_mask is not None:  # many: one contiguous mat-vec beats a gather of most rows
            dist = self.distances(slice(0, self.size), q)
            dist[~keep_mask] = np.inf
            slots = None
        else:
            dist = self.distances(slice(0, self.size), q)
            slots = None
            if len(self.slot_of) < self.size:
                dist[~self.alive[: self.size]] = np.inf
        top = _top_k(dist, k)
        chosen = top if slots is None else slots[top]
        keep = np.isfinite(dist[top])
        return chosen[keep], dist[top][keep]

    def search_slots(self, q: np.ndarray, k: int, mask: np.ndarray | None = None, **params) -> tuple:
        """Index search (subclasses): best slots and their distances. The base is exact."""
        return self.exact_search(q, k, mask)

    def search(self, query: np.ndarray, k: int = 10, mask: np.ndarray | None = None, **params) -> SearchResult:
        """The k nearest ids to `query` among alive slots (and `mask`), best first."""
        q = self.prepare_query(query)
        slots, dist = self.search_slots(q, int(k), mask, **params)
        return SearchResult(ids=self.ids[slots], scores=self.to_scores(dist, q))

    def search_exact(self, query: np.ndarray, k: int = 10, mask: np.ndarray | None = None) -> SearchResult:
        q = self.prepare_query(query)
        slots, dist = self.exact_search(q, int(k), mask)
        return SearchResult(ids=self.ids[slots], scores=self.to_scores(dist, q))

    # --- persistence -------------------------------------------------------------------------
    def to_state(self) -> dict[str, np.ndarray]:
        """Arrays that `from_state` turns back into an equal index (save with `numpy.savez`)."""
        n = self.size
        return {
            "__type__": np.array(self.kind),
            "__meta__": np.array(json.dumps({"dim": self.dim, "metric": self.metric, "params": self.params()})),
            "vectors": self.vectors[:n],
            "ids": self.ids[:n],
            "alive": self.alive[:n],
            **self._extra_state(),
        }

    def _extra_state(self) -> dict[str, np.ndarray]:
        return {}

    @classmethod
    def from_state(cls, state: dict) -> VectorIndex:
        meta = json.loads(str(state["__meta__"]))
        index = cls(dim=meta["dim"], metric=meta["metric"], **meta["params"])
        vectors = np.ascontiguousarray(state["vectors"], dtype=np.float32)
        n = len(vectors)
        index.vectors = vectors.copy()
        index.sqnorms = np.einsum("ij,ij->i", vectors, vectors).astype(np.float32)
        index.ids = np.asarray(state["ids"], dtype=np.int64).copy()
        index.alive = np.asarray(state["alive"], dtype=bool).copy()
        index.size = n
        alive_slots = np.flatnonzero(index.alive)
        index.slot_of = dict(zip(index.ids[alive_slots].tolist(), alive_slots.tolist(), strict=True))
        index.free = np.flatnonzero(~index.alive).tolist() if cls.update_in_place else []
        index._on_grow(n)
        index._load_extra_state(state)
        return index

    def _load_extra_state(self, state: dict) -> None:
        return None


def _grow(arr: np.ndarray, capacity: int, fill: float = 0) -> np.ndarray:
    shape = (capacity, *arr.shape[1:])
    out = np.full(shape, fill, dtype=arr.dtype) if fill else np.zeros(shape, dtype=arr.dtype)
    out[: arr.shape[0]] = arr
    return out


def _top_k(dist: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k smallest values, smallest first."""
    if k <= 0 or dist.size == 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(dist, k - 1)[:k] if k < dist.size else np.arange(dist.size)
    return part[np.argsort(dist[part], kind="stable")]


def top_k(dist: np.ndarray, k: int) -> np.ndarray:
    return _top_k(dist, k)
