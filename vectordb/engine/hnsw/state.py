"""The HNSW graph as a dict of plain numpy arrays (what a snapshot stores) and back.

Keys: `levels` (int8, a slot's level), `nbr0` (int32 [n, 2M], layer-0 links, -1 padded),
`graph` (int64 [entry, max_level, tombstones]), `up_off` (int32 [n], a node's first row in
`up_nbr`, -1 below level 1) and `up_nbr` (int32 [rows, M], one row a node and level ≥ 1). These are
the arrays the compiled kernels walk, so loading is a copy (or a memory map), not a rebuild.
Snapshots written before this layout (upper layers as `up_level`/`up_node`/`up_ptr`/`up_links`)
still load: `load` converts them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from vectordb.engine.hnsw.index import HNSWIndex


def dump(index: HNSWIndex) -> dict[str, np.ndarray]:
    n = index.size
    return {
        "levels": index.levels[:n],
        "nbr0": index.nbr0[:n],
        "graph": np.array([index.entry, index.max_level, index.tombstones], dtype=np.int64),
        "up_off": index.up_off[:n],
        "up_nbr": index.up_nbr[: index.up_rows],
    }


def load(index: HNSWIndex, state: dict) -> None:
    n = index.size
    index.levels[:n] = np.asarray(state["levels"], dtype=np.int8)
    index.nbr0[:n] = np.asarray(state["nbr0"], dtype=np.int32)
    index.entry, index.max_level, index.tombstones = (int(v) for v in state["graph"])
    if "up_off" in state:
        index.up_off[:n] = np.asarray(state["up_off"], dtype=np.int32)
        up_nbr = np.asarray(state["up_nbr"], dtype=np.int32)
        index.up_nbr = up_nbr.copy() if len(up_nbr) else np.full((0, index.M), -1, dtype=np.int32)
        index.up_rows = len(up_nbr)
    else:
        _load_legacy_upper(index, state)
    index.rng = np.random.default_rng(index.seed + index.size)


def _load_legacy_upper(index: HNSWIndex, state: dict) -> None:
    """Upper layers saved as one (level, node, links) record each."""
    n = index.size
    levels = index.levels[:n].astype(np.int64)
    upper = np.flatnonzero(levels >= 1)
    offsets = np.concatenate([[0], np.cumsum(levels[upper])])
    index.up_off[:n] = -1
    index.up_off[upper] = offsets[:-1]
    index.up_rows = int(offsets[-1])
    index.up_nbr = np.full((index.up_rows, index.M), -1, dtype=np.int32)
    ptr, links = state["up_ptr"], state["up_links"]
    for i, (layer, node) in enumerate(zip(state["up_level"].tolist(), state["up_node"].tolist(), strict=True)):
        if layer > levels[node]:
            continue
        row = links[ptr[i] : ptr[i + 1]][: index.M]
        index.up_nbr[index.up_off[node] + layer - 1, : len(row)] = row
