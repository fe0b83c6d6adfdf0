"""Click clustering over HTTP: save and predict latency (p50/p99) and throughput (issue #5).

A uvicorn server with several worker processes runs on a throwaway database (Postgres when
DATABASE_URL is set); client processes send requests over keep-alive connections to many pages whose
clicks fall in blobs (plus some noise), like the click clients' traffic. Each figure is measured once
with one client (latency with no queueing) and once with several concurrent clients (throughput).
Baseline in the same run: `GET /api/clicks/` (the version answer: the same server, framework and
HTTP path, no database), i.e. the floor any endpoint pays. Goals: predict p50 <= 3 ms, save p50 <= 8 ms.

Knobs (environment): CLICKS_BENCH_WORKERS (3), CLICKS_BENCH_CLIENTS (4), CLICKS_BENCH_SECONDS (5 per phase).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor

from benchmarks.support import bench_database, percentile, setup_django

PAGES = 40
BLOBS_PER_PAGE = 8
NOISE_SHARE = 0.1


def _page_blobs(page: int) -> list[tuple[float, float]]:
    rng = random.Random(page)
    return [(rng.uniform(0.05, 0.95), rng.uniform(0.05, 0.95)) for _ in range(BLOBS_PER_PAGE)]


def _click(rng: random.Random, session: str) -> dict:
    page = rng.randrange(PAGES)
    if rng.random() < NOISE_SHARE:
        x, y = rng.random(), rng.random()
    else:
        cx, cy = rng.choice(_page_blobs(page))
        x = min(1.0, max(0.0, rng.gauss(cx, 0.012)))
        y = min(1.0, max(0.0, rng.gauss(cy, 0.012)))
    return {"page_uuid": f"{session}/{page}", "coordinates": {"x": x, "y": y}}


def _client(base_url: str, operation: str, seconds: float, seed: int, session: str) -> tuple[list[float], int]:
    """Send `operation` requests for `seconds`; returns the latencies (ms) and the count of non-200s."""
    from clicks.cases import HttpTransport

    transport = HttpTransport(f"{base_url}/api/clicks")
    rng = random.Random(seed)
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if operation == "version":
            method, name, payload = "GET", "", {}
        else:
            method, name, payload = "POST", operation, _click(rng, session)
        started = time.perf_counter()
        status, _ = transport(method, name, payload)
        latencies.append((time.perf_counter() - started) * 1000)
        errors += status != 200
    transport.close()
    return latencies, errors


def _phase(pool, base_url: str, operation: str, clients: int, seconds: float, session: str) -> str:
    started = time.perf_counter()
    futures = [pool.submit(_client, base_url, operation, seconds, seed, session) for seed in range(clients)]
    results = [f.result() for f in futures]
    elapsed = time.perf_counter() - started
    latencies = [ms for lat, _ in results for ms in lat]
    errors = sum(e for _, e in results)
    return (
        f"{operation:32s} {clients:2d} client(s)  p50 {percentile(latencies, 50):6.2f} ms  "
        f"p99 {percentile(latencies, 99):6.2f} ms  {len(latencies) / elapsed:7.0f} req/s  "
        f"({len(latencies)} requests, {errors} non-200)"
    )


def main() -> None:
    setup_django()
    from django.db import connection

    from clicks.models import Click, ClickCluster
    from core.liveserver import UvicornServer

    workers = int(os.environ.get("CLICKS_BENCH_WORKERS", "3"))
    clients = int(os.environ.get("CLICKS_BENCH_CLIENTS", "4"))
    seconds = float(os.environ.get("CLICKS_BENCH_SECONDS", "5"))
    context = multiprocessing.get_context("spawn")
    save = "save_click_and_predict_cluster"
    if connection.vendor == "sqlite":  # the server processes need a file, not the in-memory test database
        from django.conf import settings

        connection.settings_dict["TEST"]["NAME"] = str(settings.VAR_DIR / "bench_clicks.sqlite3")
    with bench_database(), ProcessPoolExecutor(max_workers=clients, mp_context=context) as pool:
        print(f"database: {connection.vendor}; server: uvicorn, {workers} worker processes; {os.cpu_count()} CPUs")
        with UvicornServer(workers=workers, env={"CLICKS_DURABLE_SAVES": "1"}) as server:
            # Warm every worker's imports and pool, and give the pages their clusters before measuring.
            _phase(pool, server.base_url, save, clients, 2.0, "warm")
            if connection.vendor == "postgresql":
                print("durable saves (default: the answer waits for the commit to reach the disk):")
            else:
                print("SQLite (WAL, synchronous=NORMAL; all saves share one write lock):")
            for operation, count in [("version", 1), (save, 1), ("predict_cluster", 1),
                                     ("version", clients), (save, clients), ("predict_cluster", clients)]:  # fmt: skip
                print("  " + _phase(pool, server.base_url, operation, count, seconds, "bench"))
        if connection.vendor == "postgresql":
            with UvicornServer(workers=workers, env={"CLICKS_DURABLE_SAVES": "0"}) as server:
                _phase(pool, server.base_url, save, clients, 1.0, "warm")
                print("CLICKS_DURABLE_SAVES=0 (synchronous_commit=off for saves):")
                for count in (1, clients):
                    print("  " + _phase(pool, server.base_url, save, count, seconds, "bench"))
        clusters = ClickCluster.objects.filter(page__uuid__startswith="bench/")
        print(
            f"state after the run: {Click.objects.filter(page__uuid__startswith='bench/').count()} clicks in "
            f"{clusters.count()} clusters over {PAGES} pages (baseline: `version`, the same path with no database)"
        )
        print("goals: predict p50 <= 3 ms, save p50 <= 8 ms")


if __name__ == "__main__":
    main()
