"""Vector database over HTTP: one keep-alive client, k=10 queries on a pydocs-minilm HNSW library.

    python -m benchmarks vectordb_http
    VECTORDB_HTTP_N=10000 python -m benchmarks vectordb_http      # quicker (default: all 60,000)

A throwaway database gets the library (chunks written through the services, a snapshot saved so
the server loads it instead of rebuilding), then a one-worker uvicorn is started as the Procfile
starts it and one `httpx` keep-alive client sends, in the same run:

- `GET` of an unrouted path (404 from Django: uvicorn + the ASGI hop + the middleware, no DRF),
- `GET libraries/{id}` (the smallest authenticated DRF endpoint: key check + one row),
- `POST libraries/{id}/query` k=10 (and with `"fields": ["chunk_id", "score"]`, no hydration),
- `POST libraries/{id}/query/batch` of 100 vectors;

and the first three also to a second server running the previous ASGI handler
(`benchmarks/previous_asgi.py`), the query also to a third server with the query's lean path off
(`VECTORDB_LEAN_QUERY=0`: every query through the DRF view, as before it), all in turn in blocks,
and the CPU time each server spends per request (user + system, psutil), which the machine's load
hardly changes, and each server's memory (RSS) at the end.

Next to them, in this process: the same query through the Django test client (the whole stack but
uvicorn and the socket) and through `selectors.library_query`, and a breakdown of the request's
stages each timed alone (key check, library row, version read + catch-up, search, hydration,
parsing, serialization and rendering). Wall-clock: the machine is shared, so p50s are the figure to
read; the spread between the trivial endpoints and the query is what the query itself costs.
Each server keeps a pool of 4 Postgres connections (`core.liveserver`), one worker each.
"""

from __future__ import annotations

import json
import logging
import os
import time

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

from benchmarks.support import bench_database, percentile, setup_django  # noqa: E402

N = int(os.environ.get("VECTORDB_HTTP_N", "60000"))
REQUESTS = int(os.environ.get("VECTORDB_HTTP_REQUESTS", "500"))
BATCH = 100
#: Rounds of 3 batch requests and 75 single queries, for the batch's queries/s next to single requests'.
BATCH_ROUNDS = 8
#: The ASGI app before the one-hop handler, measured side by side (benchmarks/previous_asgi.py).
PREVIOUS_APP = "benchmarks.previous_asgi:application"
K = 10


def _timed(fn, count: int) -> list[float]:
    """Milliseconds of each of `count` calls of fn(i)."""
    times = []
    for i in range(count):
        started = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - started) * 1000)
    return times


#: Requests a case sends before the next case takes its turn.
BLOCK = 25


def _interleaved(cases: list[tuple[str, object]], count: int) -> list[tuple[str, list[float]]]:
    """Each case's milliseconds, the cases taking turns in blocks of `BLOCK` requests, so that the
    machine's changing load hits all alike (blocks, not single requests: a server still finishing
    a request after its response, as Django's stock handler does, would slow the next case's)."""
    times: list[list[float]] = [[] for _ in cases]
    for start in range(0, count, BLOCK):
        for (_label, fn), mine in zip(cases, times, strict=True):
            for i in range(start, min(start + BLOCK, count)):
                began = time.perf_counter()
                fn(i)
                mine.append((time.perf_counter() - began) * 1000)
    return [(label, mine) for (label, _fn), mine in zip(cases, times, strict=True)]


def _server_cpu_ms(server, fn, count: int) -> float | None:
    """CPU milliseconds the server process (with its children) spent per call of fn."""
    try:
        import psutil
    except ImportError:
        return None
    proc = psutil.Process(server.process.pid)

    def cpu() -> float:
        total = 0.0
        for p in [proc, *proc.children(recursive=True)]:
            t = p.cpu_times()
            total += t.user + t.system
        return total

    before = cpu()
    for i in range(count):
        fn(i)
    return (cpu() - before) * 1000 / count


def _line(label: str, times: list[float]) -> str:
    p50, p95, p99 = (percentile(times, p) for p in (50, 95, 99))
    return f"  {label:58} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  p99 {p99:6.2f} ms"


def _rss_mb(server) -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    proc = psutil.Process(server.process.pid)
    return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / 1e6


def _load_library(base: np.ndarray):
    from accounts.tests.factories import ApiKeyFactory
    from vectordb import services

    api_key, raw = ApiKeyFactory.create_with_secret()
    library = services.library_create(
        project=api_key.project, name="bench", dimension=base.shape[1], metric="cosine", index_type="hnsw"
    )
    doc = services.document_create(library=library, title="bench")
    started = time.perf_counter()
    for start in range(0, len(base), 10_000):
        services.chunks_upsert(
            library=library,
            chunks=[
                {
                    "document_id": doc.uuid,
                    "text": f"chunk {start + i}: " + "lorem ipsum " * 20,
                    "embedding": v,
                    "metadata": {"bucket": (start + i) % 100, "source": "pydocs"},
                }
                for i, v in enumerate(base[start : start + 10_000])
            ],
        )
    print(f"wrote {len(base):,} chunks in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    services.index_snapshot_save(library_id=library.pk)  # builds the index here, saves it for the server
    print(f"built the index and saved a snapshot in {time.perf_counter() - started:.0f} s", flush=True)
    return library, raw


def _breakdown(library, raw: str, queries: np.ndarray, bodies: list[bytes]) -> list[tuple[str, list[float]]]:
    """Each stage of a query request timed alone, in this process, on the code the view runs."""
    from io import BytesIO

    from rest_framework.renderers import JSONRenderer

    from accounts.selectors import api_key_get_active
    from core.parsers import PlatformJSONParser
    from vectordb import selectors
    from vectordb.models import Library
    from vectordb.runtime import registry

    n = min(REQUESTS, 300)
    rows = []
    rows.append(("API key check (SHA-256 + cache)", _timed(lambda i: api_key_get_active(raw_key=raw), n)))
    rows.append(("library row (one indexed SELECT)", _timed(lambda i: Library.objects.get(pk=library.pk), n)))
    rows.append(("version read + catch-up (registry.get)", _timed(lambda i: registry.get(library.pk), n)))
    parser = PlatformJSONParser()
    rows.append(("JSON body parse (depth check + json.loads)", _timed(lambda i: parser.parse(BytesIO(bodies[i])), n)))
    live, _state = registry.get(library.pk)
    found = []

    def search(i: int) -> None:
        got, _plan, _applied = selectors._search_live(live, [queries[i]], k=K, node=None, index=None, params=None)
        found.append(got[0])

    rows.append(("index search, k=10 (HNSW, under the lock)", _timed(search, n)))
    hydrated = []

    def hydrate(i: int) -> None:
        hydrated.append(selectors._hydrate(library, [found[i]])[0])

    rows.append(("hydration of 10 hits (one SELECT)", _timed(hydrate, n)))
    from vectordb.hot_query import read_library_and_rows

    def row_and_hits(i: int) -> None:
        read_library_and_rows(library.uuid, found[i][0], narrow=False)

    rows.append(("lean path: library row + 10 hits (one SELECT, raw SQL)", _timed(row_and_hits, n)))
    renderer = JSONRenderer()
    from vectordb.apis import QueryHitSerializer

    payload = getattr(selectors, "hits_payload", None) or (lambda hits: QueryHitSerializer(hits, many=True).data)

    def render(i: int) -> None:
        renderer.render({"hits": payload(hydrated[i])})

    rows.append(("hits to JSON (serialize + render)", _timed(render, n)))
    return rows


def main() -> None:
    setup_django()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    import httpx
    from django.db import connection
    from django.test import Client

    from benchmarks.bench_vectordb import DATA
    from core.liveserver import UvicornServer
    from vectordb import selectors

    base = np.load(DATA / "base.f16.npy").astype(np.float32)[:N]
    queries = np.load(DATA / "queries.f16.npy").astype(np.float32)[:REQUESTS]
    bodies = [json.dumps({"embedding": q.tolist(), "k": K}).encode() for q in queries]
    ids_only = {"k": K, "fields": ["chunk_id", "score"]}
    ids_bodies = [json.dumps({"embedding": q.tolist(), **ids_only}).encode() for q in queries]
    batch_body = json.dumps({"embeddings": [q.tolist() for q in queries[:BATCH]], "k": K}).encode()

    with bench_database():
        library, raw = _load_library(base)
        lib_path = f"/api/vectordb/libraries/{library.uuid}"
        headers = {"X-API-KEY": raw, "Content-Type": "application/json"}
        rows: list[tuple[str, list[float]]] = []

        # in-process: the library function, then the whole Django stack without uvicorn
        def in_process(i: int) -> None:
            selectors.library_query(library=library, embedding=queries[i], k=K)

        rows.append(("in-process selectors.library_query", _timed(in_process, REQUESTS)))
        client = Client(headers={"X-API-KEY": raw})

        def django_query(i: int) -> None:
            response = client.post(f"{lib_path}/query", bodies[i], content_type="application/json")
            assert response.status_code == 200, response.content[:300]

        django_query(0)
        rows.append(("in-process Django test client, POST query", _timed(django_query, REQUESTS)))
        breakdown = _breakdown(library, raw, queries, bodies)

        env = {"WEB_CONCURRENCY": "1"}
        load = os.getloadavg()[0]
        with (
            UvicornServer(workers=1, env=env, ready_path="/api/health", ready_timeout=300) as server,
            UvicornServer(
                workers=1, env=env, ready_path="/api/health", ready_timeout=300, app=PREVIOUS_APP
            ) as previous_server,
            UvicornServer(
                workers=1, env={**env, "VECTORDB_LEAN_QUERY": "0"}, ready_path="/api/health", ready_timeout=300
            ) as drf_server,
            httpx.Client(base_url=server.base_url, headers=headers, timeout=120) as http,
            httpx.Client(base_url=previous_server.base_url, headers=headers, timeout=120) as previous,
            httpx.Client(base_url=drf_server.base_url, headers=headers, timeout=120) as drf,
        ):
            started = time.perf_counter()
            response = http.post(f"{lib_path}/query", content=bodies[0])
            assert response.status_code == 200, response.text[:300]
            first_s = time.perf_counter() - started
            first = response.json()["hits"]
            expected = selectors.library_query(library=library, embedding=queries[0], k=K)
            assert [h["chunk_id"] for h in first] == [h.chunk_id for h in expected], "HTTP and in-process differ"
            assert previous.post(f"{lib_path}/query", content=bodies[0]).json()["hits"] == first
            assert drf.post(f"{lib_path}/query", content=bodies[0]).content == response.content

            def get(client, path: str, status: int):
                def call(i: int) -> None:
                    r = client.get(path)
                    assert r.status_code == status, r.text[:300]

                return call

            def post(client, path: str, payloads: list[bytes]):
                def call(i: int) -> None:
                    r = client.post(path, content=payloads[i % len(payloads)])
                    assert r.status_code == 200, r.text[:300]

                return call

            for _ in range(50):  # warm the connections and the workers
                get(http, lib_path, 200)(0)
                get(previous, lib_path, 200)(0)
                get(drf, lib_path, 200)(0)
            http_cases = [
                ("HTTP GET unrouted path (404: uvicorn + ASGI + middleware)", get(http, "/api/vectordb/nope", 404)),
                ("  same, previous ASGI handler", get(previous, "/api/vectordb/nope", 404)),
                ("HTTP GET libraries/{id} (key check + one row, DRF)", get(http, lib_path, 200)),
                ("  same, previous ASGI handler", get(previous, lib_path, 200)),
                ("HTTP POST query k=10", post(http, f"{lib_path}/query", bodies)),
                ("  same, previous ASGI handler", post(previous, f"{lib_path}/query", bodies)),
                ("  same, lean path off (DRF view, VECTORDB_LEAN_QUERY=0)", post(drf, f"{lib_path}/query", bodies)),
                ("HTTP POST query k=10, fields chunk_id+score", post(http, f"{lib_path}/query", ids_bodies)),
            ]
            http_rows = _interleaved(http_cases, REQUESTS)
            servers = [server, previous_server] * 3 + [drf_server, server]
            cpu = [
                (label, _server_cpu_ms(srv, fn, REQUESTS)) for (label, fn), srv in zip(http_cases, servers, strict=True)
            ]
            # before the batch, which only this server takes (its 100-vector bodies and answers grow the heap)
            memory = [("this server", _rss_mb(server)), ("previous ASGI handler", _rss_mb(previous_server))]
            memory.append(("lean path off", _rss_mb(drf_server)))
            # batches and single queries taking turns (the load moves: measured apart, the ratio was
            # anything from 3x to 6x on this machine); queries/s from the total time of each
            batch_times: list[float] = []
            single_times: list[float] = []
            for _ in range(BATCH_ROUNDS):
                batch_times += _timed(post(http, f"{lib_path}/query/batch", [batch_body]), 3)
                single_times += _timed(post(http, f"{lib_path}/query", bodies), 3 * BLOCK)
        single_qps = 1000 * len(single_times) / sum(single_times)
        batch_qps = BATCH * 1000 * len(batch_times) / sum(batch_times)

    print()
    print(
        f"{N:,} × {base.shape[1]} HNSW library (M 16, ef 64), k={K}, {REQUESTS} requests each, one keep-alive client, "
        f"uvicorn --workers 1, database {connection.vendor}; load average {load:.1f} on {os.cpu_count()} cores"
    )
    print(f"  first HTTP query of the server (loads the snapshot): {first_s:.1f} s")
    for label, times in rows + http_rows:
        print(_line(label, times))
    print(
        f"  batch of {BATCH} vectors a request: {batch_qps:,.0f} queries/s vs {single_qps:,.0f} queries/s "
        f"one per request ({batch_qps / single_qps:.1f}x; taking turns, from total times)"
    )
    if any(ms is not None for _label, ms in cpu):
        print("CPU time of the server process per request (user + system, all its threads; load-independent):")
        for label, ms in cpu:
            print(f"  {label:58} {ms:6.2f} ms")
    if all(mb is not None for _label, mb in memory):
        print("  memory (RSS) of each server at the end: " + ", ".join(f"{label} {mb:.0f} MB" for label, mb in memory))
    print("breakdown of a query request, each stage timed alone in this process:")
    for label, times in breakdown:
        print(_line(label, times))


if __name__ == "__main__":
    main()
