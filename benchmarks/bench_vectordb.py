"""Vector database: recall@10, queries/s, build time and memory of each index on pydocs-minilm.

    python -m benchmarks vectordb
    VECTORDB_BENCH_N=20000 VECTORDB_BENCH_QUERIES=300 python -m benchmarks vectordb   # quicker

Single thread (BLAS limited to one thread when this module loads first), one query at a time;
queries/s is the best of 3 passes (`VECTORDB_BENCH_REPEATS`), as the machine is shared.
The baseline, exact search with numpy (`base @ q` + `argpartition`), is measured in the same run,
at the start and at the end (the machine is shared: the spread says how noisy the run was).
hnswlib is measured side by side when installed (`pip install hnswlib==0.8.0`); the
product never imports it. Filtered queries use the product's planner and metadata filters.
"""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("VECTORDB_BENCH_DATA", ROOT.parent / "shared" / "datasets" / "pydocs-minilm"))
K = 10


def _rss() -> int:
    try:
        import psutil
    except ImportError:
        return 0
    return psutil.Process().memory_info().rss


def _load() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = int(os.environ.get("VECTORDB_BENCH_N", "0") or 0)
    nq = int(os.environ.get("VECTORDB_BENCH_QUERIES", "1000"))
    base = np.load(DATA / "base.f16.npy").astype(np.float32)
    queries = np.load(DATA / "queries.f16.npy").astype(np.float32)[:nq]
    if n and n < len(base):
        base = base[:n]
        truth = np.argsort(-(queries @ base.T), axis=1)[:, :K]
    else:
        truth = np.load(DATA / "groundtruth.k100.npy")[:nq, :K]
    return base, queries, truth


def _recall(found: list[np.ndarray], truth: np.ndarray) -> float:
    hits = sum(len(set(f[:K].tolist()) & set(t.tolist())) for f, t in zip(found, truth, strict=True))
    return hits / (K * len(truth))


REPEATS = int(os.environ.get("VECTORDB_BENCH_REPEATS", "3"))


def _run(search, queries: np.ndarray) -> tuple[list[np.ndarray], float]:
    """Answers to every query (for recall) and queries/s: the best of `REPEATS` timed passes
    (the first over all queries, the others over up to 300), since on a shared machine the
    fastest pass is the one least disturbed by other processes."""
    for q in queries[:20]:  # warm up
        search(q)
    found = []
    started = time.thread_time()
    for q in queries:
        found.append(search(q))
    best = len(queries) / (time.thread_time() - started)
    block = queries[:300]
    for _ in range(REPEATS - 1):
        started = time.thread_time()
        for q in block:
            search(q)
        best = max(best, len(block) / (time.thread_time() - started))
    return found, best


def _exact(base: np.ndarray):
    def search(q: np.ndarray) -> np.ndarray:
        scores = base @ q
        top = np.argpartition(-scores, K)[:K]
        return top[np.argsort(-scores[top])]

    return search


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple] = []

    def add(self, name: str, params: str, recall: float, qps: float, build: float | None, mem: float | None) -> None:
        self.rows.append((name, params, recall, qps, build, mem))
        b = f"{build:8.1f}" if build is not None else "       -"
        m = f"{mem:8.1f}" if mem is not None else "       -"
        print(f"  {name:<18} {params:<22} {recall:8.3f} {qps:10.0f} {b} {m}", flush=True)

    @staticmethod
    def header() -> None:
        print(f"  {'index':<18} {'parameters':<22} {'recall@10':>8} {'queries/s':>10} {'build s':>8} {'mem MB':>8}")


def main() -> None:
    from vectordb.engine import FlatIndex, HNSWIndex, IVFIndex, planner
    from vectordb.engine.filters import MetadataTable, compile_filter

    started_all = time.perf_counter()
    if not (DATA / "base.f16.npy").is_file():
        print(f"dataset not found at {DATA} (set VECTORDB_BENCH_DATA): skipped")
        return
    base, queries, truth = _load()
    n, dim = base.shape
    ids = np.arange(n, dtype=np.int64)
    n_exact = min(len(queries), 300)
    print(f"pydocs-minilm: {n} vectors x {dim}, {len(queries)} queries, k={K}, one thread, one query at a time")
    table = Table()
    table.header()

    _, exact_qps_start = _run(_exact(base), queries[:n_exact])
    table.add("exact numpy", "base @ q", 1.0, exact_qps_start, None, base.nbytes / 1e6)

    flat = FlatIndex(dim=dim, metric="cosine")
    t = time.thread_time()
    flat.build(ids, base)
    flat_build = time.thread_time() - t
    found, qps = _run(lambda q: flat.search(q, K).ids, queries[:n_exact])
    table.add("flat (ours)", "exact", _recall(found, truth[:n_exact]), qps, flat_build, flat.memory_bytes() / 1e6)
    flat = None  # free the memory before the next index
    gc.collect()

    ivf = IVFIndex(dim=dim, metric="cosine")
    t = time.thread_time()
    ivf.build(ids, base)
    ivf_build = time.thread_time() - t
    for nprobe in (8, 16, 32):
        found, qps = _run(lambda q, p=nprobe: ivf.search(q, K, nprobe=p).ids, queries)
        mem = ivf.memory_bytes() / 1e6
        table.add(
            "ivf (ours)", f"nlist={len(ivf.centroids)} nprobe={nprobe}", _recall(found, truth), qps, ivf_build, mem
        )
    ivf = None
    gc.collect()

    rss = _rss()
    hnsw = HNSWIndex(dim=dim, metric="cosine", M=16, ef_construction=100)
    t = time.thread_time()
    hnsw.build(ids, base)
    hnsw_build = time.thread_time() - t
    hnsw_rss = (_rss() - rss) / 1e6
    ours: list[tuple[int, float, float]] = []
    for ef in (16, 24, 32, 48, 64, 96, 128):
        found, qps = _run(lambda q, e=ef: hnsw.search(q, K, ef=e).ids, queries)
        rec = _recall(found, truth)
        ours.append((ef, rec, qps))
        table.add("hnsw (ours)", f"M=16 ef={ef}", rec, qps, hnsw_build, hnsw.memory_bytes() / 1e6)
    print(f"  (hnsw build: process memory grew {hnsw_rss:.0f} MB)")

    theirs: list[tuple[int, float, float]] = []
    try:
        import hnswlib
    except ImportError:
        print("  hnswlib             not installed (pip install hnswlib==0.8.0): row skipped")
    else:
        other = hnswlib.Index(space="ip", dim=dim)
        t = time.thread_time()
        other.init_index(max_elements=n, ef_construction=100, M=16)  # the same M and ef_construction as ours
        other.set_num_threads(1)
        other.add_items(base, ids)
        other_build = time.thread_time() - t
        other_mem = n * (2 * 16 * 4 + 4 + dim * 4 + 8 + 2 * 16 * 4 / 16) / 1e6  # its documented layout
        for ef in (16, 24, 32, 48, 64, 96):
            other.set_ef(ef)
            found, qps = _run(lambda q: other.knn_query(q, k=K)[0][0], queries)
            rec = _recall(found, truth)
            theirs.append((ef, rec, qps))
            table.add("hnswlib", f"M=16 efC=100 ef={ef}", rec, qps, other_build, other_mem)
        other = None

    # Filtered queries: the product's path (metadata filter -> mask -> planner) on the HNSW index.
    meta = MetadataTable()
    buckets = np.random.default_rng(0).integers(0, 100, n)
    for slot in range(hnsw.size):
        meta.set(slot, {"bucket": int(buckets[hnsw.ids[slot]])})
    for share, flt in (
        (0.01, {"bucket": 7}),
        (0.10, {"bucket": {"$in": list(range(10))}}),
        (0.50, {"bucket": {"$lt": 50}}),
        (0.90, {"bucket": {"$lt": 90}}),
    ):
        node = compile_filter(flt)
        keep = np.flatnonzero(buckets == 7 if share == 0.01 else buckets < int(share * 100))
        sub_truth = np.array([keep[np.argsort(-(base[keep] @ q))[:K]] for q in queries])
        plans: list[str] = []

        def filtered(q: np.ndarray, node=node, plans=plans) -> np.ndarray:
            prepared = hnsw.prepare_query(q)
            mask = meta.mask(node, hnsw.size)
            slots, _, plan = planner.search(hnsw, prepared, K, mask=mask, params={"ef": 64})
            plans.append(plan.strategy)
            return hnsw.ids[slots]

        found, qps = _run(filtered, queries)
        table.add(f"filtered {int(share * 100)}%", f"hnsw ({plans[-1]})", _recall(found, sub_truth), qps, None, None)

    _, exact_qps_end = _run(_exact(base), queries[:n_exact])
    table.add("exact numpy (again)", "base @ q", 1.0, exact_qps_end, None, None)
    exact_qps = (exact_qps_start + exact_qps_end) / 2

    print()
    print(f"exact numpy search: {exact_qps:.0f} queries/s (start {exact_qps_start:.0f}, end {exact_qps_end:.0f})")
    for target in (0.95, 0.98):
        good = [row for row in ours if row[1] >= target]
        if not good:
            print(f"hnsw (ours) did not reach recall {target} at the efs tried")
            continue
        ef, rec, qps = max(good, key=lambda r: r[2])
        print(f"hnsw (ours) at recall >= {target}: ef={ef} recall {rec:.3f} {qps:.0f} q/s", end=" ")
        print(f"= {qps / exact_qps:.1f}x exact")
        match = [row for row in theirs if row[1] >= target]
        if match:
            t_ef, t_rec, t_qps = max(match, key=lambda r: r[2])
            print(
                f"hnswlib at recall >= {target}: ef={t_ef} recall {t_rec:.3f} {t_qps:.0f} q/s; "
                f"ours = {qps / t_qps:.2f} of hnswlib's queries/s"
            )
    if theirs:
        ratio = hnsw_build / other_build
        print(f"build (CPU): ours {hnsw_build:.1f} s, hnswlib {other_build:.1f} s = {ratio:.2f}x hnswlib's")
    _api(base, queries)
    print(f"(the whole benchmark took {time.perf_counter() - started_all:.0f} s)")


def _api(base: np.ndarray, queries: np.ndarray) -> None:
    """The same data through the REST API, in-process, on a throwaway database (wall-clock time:
    the database's share happens in another process)."""
    from benchmarks.support import bench_database, percentile, setup_django

    setup_django()
    from rest_framework.test import APIClient

    from accounts.tests.factories import ApiKeyFactory
    from vectordb.runtime import registry

    n = min(10_000, len(base))
    with bench_database():
        _, raw = ApiKeyFactory.create_with_secret()
        client = APIClient()
        client.credentials(HTTP_X_API_KEY=raw)
        lib = client.post(
            "/api/vectordb/libraries", {"name": "bench", "dimension": base.shape[1], "index_type": "hnsw"}
        )
        lib_id = lib.json()["id"]
        doc_id = client.post(f"/api/vectordb/libraries/{lib_id}/documents", {"title": "bench"}).json()["id"]
        chunks = [
            {"document_id": doc_id, "text": f"chunk {i}", "embedding": v.tolist(), "metadata": {"bucket": i % 100}}
            for i, v in enumerate(base[:n])
        ]
        started = time.perf_counter()
        response = client.post(f"/api/vectordb/libraries/{lib_id}/chunks", {"chunks": chunks}, format="json")
        upsert_s = time.perf_counter() - started
        assert response.status_code == 200, response.content[:300]
        registry.clear()
        path = f"/api/vectordb/libraries/{lib_id}/query"
        started = time.perf_counter()
        client.post(path, {"embedding": queries[0].tolist(), "k": 10}, format="json")
        first_s = time.perf_counter() - started
        times = []
        for q in queries[:200]:
            started = time.perf_counter()
            client.post(path, {"embedding": q.tolist(), "k": 10}, format="json")
            times.append((time.perf_counter() - started) * 1000)
        single_qps = len(times) / (sum(times) / 1000)
        batch_path = f"/api/vectordb/libraries/{lib_id}/query/batch"
        batch = [q.tolist() for q in queries[:100]]
        batch_times = []
        for _ in range(5):
            started = time.perf_counter()
            response = client.post(batch_path, {"embeddings": batch, "k": 10}, format="json")
            batch_times.append(time.perf_counter() - started)
            assert response.status_code == 200, response.content[:300]
        batch_qps = len(batch) / min(batch_times)
        filtered = []
        for q in queries[:200]:
            started = time.perf_counter()
            client.post(path, {"embedding": q.tolist(), "k": 10, "filter": {"bucket": 3}}, format="json")
            filtered.append((time.perf_counter() - started) * 1000)
    print()
    print(f"REST API (in-process, {n:,} chunks of {base.shape[1]}-d, HNSW library):")
    print(f"  bulk upsert of {n:,} chunks in one request: {upsert_s:.1f} s ({n / upsert_s:,.0f} chunks/s)")
    print(f"  first query (loads and builds the index in this process): {first_s:.1f} s")
    print(f"  query: p50 {percentile(times, 50):.1f} ms  p95 {percentile(times, 95):.1f} ms")
    print(
        f"  batch query, {len(batch)} vectors a request: {batch_qps:,.0f} queries/s "
        f"vs {single_qps:,.0f} queries/s one per request ({batch_qps / single_qps:.1f}x)"
    )
    print(f"  query with a 1% filter: p50 {percentile(filtered, 50):.1f} ms  p95 {percentile(filtered, 95):.1f} ms")


if __name__ == "__main__":
    main()
