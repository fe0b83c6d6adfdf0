"""HNSW, our own code compiled with numba (see `index.py` for the design).

index.py  HNSWIndex: parameters, storage hooks, search, bulk build, repair
walk.py   compiled greedy descent and beam search (the query path)
build.py  compiled HNSW inserts: heuristic neighbour selection, reverse links
state.py  the graph as plain numpy arrays for snapshots (and the older layout)
"""

from vectordb.engine.hnsw.index import HNSWIndex

__all__ = ["HNSWIndex"]
