"""Hand-written vector indexes: numpy, and our own kernels compiled by numba (`_jit.py`), no Django.

`base.VectorIndex` owns the vectors (slots addressed by external int64 ids) and the metric;
`flat.FlatIndex` (exact), `ivf.IVFIndex` (k-means partitions) and `hnsw.HNSWIndex` (graph, the `hnsw/` package) add
their structure on top. `filters` evaluates metadata filters into slot masks.
"""

from vectordb.engine.base import METRICS, SearchResult, VectorIndex
from vectordb.engine.flat import FlatIndex
from vectordb.engine.hnsw import HNSWIndex
from vectordb.engine.ivf import IVFIndex

INDEX_TYPES: dict[str, type[VectorIndex]] = {"flat": FlatIndex, "ivf": IVFIndex, "hnsw": HNSWIndex}


def make_index(index_type: str, *, dim: int, metric: str, params: dict | None = None) -> VectorIndex:
    """A new empty index of `index_type` ("flat", "ivf", "hnsw")."""
    try:
        cls = INDEX_TYPES[index_type]
    except KeyError:
        raise ValueError(f"unknown index type {index_type!r}; use one of {sorted(INDEX_TYPES)}") from None
    return cls(dim=dim, metric=metric, **cls.clean_params(params or {}))


def index_from_state(state: dict) -> VectorIndex:
    """Rebuild an index saved with `VectorIndex.to_state()`."""
    kind = str(state["__type__"])
    return INDEX_TYPES[kind].from_state(state)


__all__ = [
    "INDEX_TYPES",
    "METRICS",
    "FlatIndex",
    "HNSWIndex",
    "IVFIndex",
    "SearchResult",
    "VectorIndex",
    "index_from_state",
    "make_index",
]
