"""The indexes and filters alone: plain numpy, no database."""

import numpy as np
import pytest

from vectordb.engine import FlatIndex, HNSWIndex, IVFIndex, index_from_state, make_index, planner
from vectordb.engine.filters import FilterError, MetadataTable, compile_filter
from vectordb.engine.hnsw import index as hnsw_index


def clustered(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centers = rng.standard_normal((20, dim))
    x = centers[rng.integers(0, 20, n)] + 0.5 * rng.standard_normal((n, dim))
    return x.astype(np.float32)


def exact_top(x: np.ndarray, q: np.ndarray, k: int, metric: str) -> np.ndarray:
    if metric == "cosine":
        xn = x / np.linalg.norm(x, axis=1, keepdims=True)
        return np.argsort(-(xn @ (q / np.linalg.norm(q))), kind="stable")[:k]
    if metric == "dot":
        return np.argsort(-(x @ q), kind="stable")[:k]
    return np.argsort(((x - q) ** 2).sum(axis=1), kind="stable")[:k]


def recall(index, x, queries, metric, k=10, **params) -> float:
    found = 0
    for q in queries:
        got = index.search(q, k, **params).ids
        found += len(set(got.tolist()) & set(exact_top(x, q, k, metric).tolist()))
    return found / (k * len(queries))


@pytest.mark.parametrize("metric", ["cosine", "dot", "euclidean"])
def test_flat_search_is_exact_and_scores_follow_the_metric(metric):
    x = clustered(500, seed=1)
    index = FlatIndex(dim=32, metric=metric)
    index.build(np.arange(500), x)
    q = x[17] + 0.01
    result = index.search(q, 10)
    assert result.ids.tolist() == exact_top(x, q, 10, metric).tolist()
    assert np.all(np.diff(result.scores) <= 1e-6)
    if metric == "euclidean":
        assert result.scores[0] == pytest.approx(-np.linalg.norm(x[17] - q), rel=1e-4)


def blobs(n: int, seed: int, dim: int = 32) -> np.ndarray:
    """Points around 20 fixed centres (queries drawn like the data, as real queries are)."""
    centers = np.random.default_rng(99).standard_normal((20, dim))
    rng = np.random.default_rng(seed)
    return (centers[rng.integers(0, 20, n)] + 0.5 * rng.standard_normal((n, dim))).astype(np.float32)


@pytest.mark.parametrize("metric", ["cosine", "dot", "euclidean"])
def test_hnsw_built_in_bulk_finds_the_true_neighbours(metric, monkeypatch):
    monkeypatch.setattr(hnsw_index, "LAYOUT_MIN", 1000)  # the k-means memory layout on a test-sized set
    x = blobs(3000, seed=2)
    index = HNSWIndex(dim=32, metric=metric, M=12)
    index.build(np.arange(3000), x)
    queries = blobs(40, seed=3)
    assert recall(index, x, queries, metric, ef=200) >= 0.9
    if metric != "dot":  # (inner product leaves small-norm vectors unreachable by design)
        seen = np.zeros(index.size, dtype=bool)
        index._reach(0, np.array([index.entry]), seen)
        assert seen.all()  # every node can be reached from the entry point


def test_hnsw_built_by_single_inserts_finds_the_true_neighbours():
    x = clustered(1000, seed=4)
    index = HNSWIndex(dim=32, M=12)
    for start in range(0, 1000, 100):
        index.upsert(np.arange(start, start + 100), x[start : start + 100])
    assert recall(index, x, clustered(50, seed=5), "cosine", ef=64) >= 0.95


def test_ivf_recall_grows_with_nprobe_and_reaches_exact_with_all_lists():
    x = clustered(4000, seed=6)
    index = IVFIndex(dim=32, nlist=40)
    index.build(np.arange(4000), x)
    queries = clustered(30, seed=7)
    low = recall(index, x, queries, "cosine", nprobe=1)
    assert recall(index, x, queries, "cosine", nprobe=40) == 1.0
    assert low < 1.0


def test_an_untrained_ivf_trains_itself_once_it_holds_enough_vectors():
    x = clustered(600, seed=8)
    index = IVFIndex(dim=32, train_min=500)
    index.upsert(np.arange(400), x[:400])
    assert not index.trained
    index.upsert(np.arange(400, 600), x[400:])
    assert index.trained and (index.assignment[:600] >= 0).all()


@pytest.mark.parametrize("kind", ["flat", "ivf", "hnsw"])
def test_updates_and_deletes_apply_without_a_rebuild(kind):
    x = clustered(1000, seed=9)
    index = make_index(kind, dim=32, metric="cosine", params={"nlist": 20} if kind == "ivf" else {})
    index.build(np.arange(1000), x)
    index.remove(np.arange(0, 1000, 2))  # half of them
    assert len(index) == 500
    far = -x[1]  # move chunk 1 to the opposite direction
    index.upsert(np.array([1]), far[None, :])
    index.upsert(np.array([5000]), x[4][None, :])  # a new id where a deleted one was
    top = index.search(x[4], 5, **({"ef": 64} if kind == "hnsw" else {"nprobe": 20} if kind == "ivf" else {}))
    assert top.ids[0] == 5000
    assert not set(top.ids.tolist()) & set(range(0, 1000, 2))
    assert index.search(far, 1, **({"ef": 64} if kind == "hnsw" else {})).ids[0] == 1


@pytest.mark.parametrize("kind", ["flat", "ivf", "hnsw"])
def test_a_saved_index_searches_the_same_after_loading(kind):
    x = clustered(800, seed=10)
    index = make_index(kind, dim=32, metric="euclidean", params={"train_min": 500} if kind == "ivf" else {})
    index.build(np.arange(100, 900), x)
    index.remove(np.array([100, 101]))
    loaded = index_from_state(index.to_state())
    for q in clustered(10, seed=11):
        a, b = index.search(q, 10), loaded.search(q, 10)
        assert a.ids.tolist() == b.ids.tolist() and np.allclose(a.scores, b.scores)
    loaded.upsert(np.array([9999]), x[:1])
    assert 9999 in loaded and 100 not in loaded


def test_an_hnsw_snapshot_in_the_older_layout_still_loads():
    """Snapshots written before the flat upper-layer arrays stored one (level, node, links) record
    per upper-layer node; they load into the same graph."""
    x = clustered(1500, seed=13)
    index = HNSWIndex(dim=32, M=8)
    index.build(np.arange(1500), x)
    state = index.to_state()
    level, node, ptr, links = [], [], [0], []
    for slot in np.flatnonzero(state["up_off"] >= 0).tolist():
        for layer in range(1, int(state["levels"][slot]) + 1):
            row = state["up_nbr"][state["up_off"][slot] + layer - 1]
            row = row[row >= 0]
            level.append(layer)
            node.append(slot)
            links.append(row)
            ptr.append(ptr[-1] + len(row))
    old = {key: value for key, value in state.items() if key not in ("up_off", "up_nbr")}
    old.update(
        up_level=np.array(level, np.int32),
        up_node=np.array(node, np.int64),
        up_ptr=np.array(ptr, np.int64),
        up_links=np.concatenate(links).astype(np.int32),
    )
    loaded = index_from_state(old)
    for slot, layer, row in zip(node, level, links, strict=True):
        got = loaded.up_nbr[loaded.up_off[slot] + layer - 1]
        assert got[got >= 0].tolist() == row.tolist()
    assert loaded.entry == index.entry and loaded.max_level == index.max_level
    for q in clustered(10, seed=14):
        assert loaded.search(q, 10).ids.tolist() == index.search(q, 10).ids.tolist()


def test_hnsw_filtered_search_returns_only_allowed_nodes():
    x = clustered(1000, seed=12)
    index = HNSWIndex(dim=32)
    index.build(np.arange(1000), x)
    mask = np.zeros(index.size, dtype=bool)
    mask[np.arange(0, index.size, 3)] = True
    slots, _ = index.search_slots(index.prepare_query(x[5]), 10, mask, selectivity=1 / 3)
    assert len(slots) == 10 and mask[slots].all()


@pytest.mark.parametrize("share", [0.01, 0.10, 0.50, 0.90])
def test_filtered_queries_keep_recall_at_every_selectivity(share, monkeypatch):
    """Through the planner, as the API answers: at 1 % and 10 % the exact scan of the matches, at
    50 % and 90 % the filtered HNSW walk (forced here on a test-sized set), recall@10 >= 0.99."""
    monkeypatch.setattr(planner, "EXACT_MAX_MATCHES", 0)
    x = blobs(8000, seed=20)
    index = HNSWIndex(dim=32, M=12)
    index.build(np.arange(8000), x)
    buckets = np.random.default_rng(21).integers(0, 100, 8000)
    table = MetadataTable()
    for slot in range(index.size):
        table.set(slot, {"bucket": int(buckets[index.ids[slot]])})
    node = compile_filter({"bucket": {"$lt": int(share * 100)}} if share > 0.01 else {"bucket": 7})
    keep = np.flatnonzero(buckets < int(share * 100) if share > 0.01 else buckets == 7)
    xn = x / np.linalg.norm(x, axis=1, keepdims=True)
    found = 0
    queries = blobs(100, seed=22)
    for q in queries:
        prepared = index.prepare_query(q)
        slots, _, plan = planner.search(index, prepared, 10, mask=table.mask(node, index.size), params={"ef": 64})
        assert plan.strategy == ("exact-filtered" if share <= 0.25 else "index-filtered")
        truth = keep[np.argsort(-(xn[keep] @ prepared), kind="stable")[:10]]
        found += len(set(index.ids[slots].tolist()) & set(truth.tolist()))
    assert found / (10 * len(queries)) >= 0.99


def test_it_rejects_vectors_of_the_wrong_size_nan_and_unknown_parameters():
    index = FlatIndex(dim=4)
    with pytest.raises(ValueError):
        index.upsert(np.array([1]), np.ones((1, 5)))
    with pytest.raises(ValueError):
        index.upsert(np.array([1]), np.array([[np.nan, 1, 1, 1]]))
    with pytest.raises(ValueError):
        make_index("hnsw", dim=4, metric="cosine", params={"M": 0})
    with pytest.raises(ValueError):
        make_index("ivf", dim=4, metric="cosine", params={"lists": 3})
    with pytest.raises(ValueError):
        make_index("flat", dim=4, metric="jaccard")


ROWS = [
    {"author": "ada", "year": 2020, "tags": ["a", "b"], "created_at": "2024-01-05T00:00:00+00:00", "title": "Intro"},
    {"author": "bob", "year": 2021, "tags": ["b"], "created_at": "2024-02-05T00:00:00+00:00", "title": "Deep Dive"},
    {"author": "cy", "year": 2022.5, "created_at": "2023-12-31", "title": "introduction"},
    None,
    {"author": "ada", "year": "2023", "title": None},
]


def table() -> MetadataTable:
    t = MetadataTable()
    for slot, row in enumerate(ROWS):
        t.set(slot, row)
    return t


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        ({"author": "ada"}, [0, 4]),
        ({"author": {"$in": ["bob", "cy"]}}, [1, 2]),
        ({"author": {"$nin": ["ada"]}}, [1, 2, 3]),
        ({"tags": "b"}, [0, 1]),
        ({"year": {"$gte": 2021}}, [1, 2]),
        ({"year": {"$gt": 2020, "$lt": 2022}}, [1]),
        ({"created_at": {"$gte": "2024-01-01"}}, [0, 1]),
        ({"created_at": {"$lt": "2024-01-01T00:00:00Z"}}, [2]),
        ({"title": {"$contains": "Intro"}}, [0]),
        ({"title": {"$icontains": "intro"}}, [0, 2]),
        ({"$or": [{"author": "cy"}, {"year": 2020}]}, [0, 2]),
        ({"$and": [{"author": "ada"}, {"year": {"$exists": True}}], "tags": {"$exists": False}}, [4]),
        ({"$not": {"author": "ada"}}, [1, 2, 3]),
        ({"year": 2020.0}, [0]),
    ],
)
def test_filters_select_the_right_rows(flt, expected):
    assert np.flatnonzero(table().mask(compile_filter(flt), 5)).tolist() == expected


def test_filter_columns_follow_row_changes():
    t = table()
    node = compile_filter({"year": {"$gte": 2021}})
    assert np.flatnonzero(t.mask(node, 5)).tolist() == [1, 2]
    t.set(0, {"year": 2030})
    t.clear(1)
    assert np.flatnonzero(t.mask(node, 5)).tolist() == [0, 2]
    eq = compile_filter({"author": "ada"})
    assert np.flatnonzero(t.mask(eq, 5)).tolist() == [4]


@pytest.mark.parametrize(
    "bad",
    [
        [],
        {"$xor": []},
        {"a": {"$near": 1}},
        {"a": {"$in": "x"}},
        {"a": {"$gt": "yesterday"}},
        {"a": {"$gt": True}},
        {"$or": []},
        {"a": {}},
        {"a": {"$eq": [1]}},
        {"a": {"$contains": 3}},
    ],
)
def test_malformed_filters_are_rejected_with_a_reason(bad):
    with pytest.raises(FilterError):
        compile_filter(bad)
