"""Load: 32 concurrent keep-alive connections for BENCH_LOAD_SECONDS (60) per endpoint, over HTTP to
a 2-worker uvicorn, `GET /api/machines`, `GET /api/search` and the clicks save, next to the trivial
`GET /api/health` measured in the same run. Prints requests/s, p50/p99 (ms) and errors (anything
but 2xx; the run fails on any), then the idle Postgres connections left per web process."""

from __future__ import annotations

import logging
import os
import threading
import time

from benchmarks.support import bench_database, percentile, setup_django

CONNECTIONS = int(os.environ.get("BENCH_LOAD_CONNECTIONS", "32"))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
WORKERS = 2


def _hammer(base: str, method: str, path: str, body: bytes | None) -> tuple[int, int, list[float]]:
    import httpx

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def worker(n: int) -> None:
        mine: list[float] = []
        bad = 0
        with httpx.Client(base_url=base, timeout=30) as client:
            i = 0
            while time.monotonic() < deadline:
                i += 1
                content = body.replace(b"{n}", f"{n}-{i % 50}".encode()) if body else None
                started = time.perf_counter()
                try:
                    response = client.request(
                        method, path, content=content, headers={"Content-Type": "application/json"}
                    )
                    ok = 200 <= response.status_code < 300
                except httpx.HTTPError:
                    ok = False
                mine.append((time.perf_counter() - started) * 1000)
                bad += not ok
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), errors[0], latencies


def main() -> None:
    setup_django()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from django.db import connection

    from core.liveserver import UvicornServer
    from fleet import services as fleet_services
    from search import services as search_services

    with bench_database():
        fleet_services.fleet_seed(count=int(os.environ.get("BENCH_LOAD_MACHINES", "2000")), seed=42)
        search_services.search_index_rebuild()
        env = {"THROTTLE_SEARCH": "100000000/minute", "THROTTLE_ANON": "100000000/minute"}
        cases = [
            ("GET /api/health (baseline)", "GET", "/api/health", None),
            ("GET /api/machines", "GET", "/api/machines", None),
            ("GET /api/search", "GET", "/api/search?q=coke%20near%20Times%20Square%20in%20New%20York", None),
            (
                "POST clicks save",
                "POST",
                "/api/clicks/save_click_and_predict_cluster",
                b'{"page_uuid": "bench/{n}", "coordinates": {"x": 0.5, "y": 0.5}}',
            ),
        ]
        load = os.getloadavg()[0]
        print(f"{CONNECTIONS} connections, {SECONDS:g} s per endpoint, uvicorn --workers {WORKERS}, "
              f"database {connection.vendor}; load average {load:.1f} on {os.cpu_count()} cores")  # fmt: skip
        total_errors = 0
        with UvicornServer(workers=WORKERS, env=env) as server:
            for label, method, path, body in cases:
                count, errors, latencies = _hammer(server.base_url, method, path, body)
                total_errors += errors
                print(
                    f"{label:30} {count / SECONDS:8.0f} req/s  p50 {percentile(latencies, 50):7.1f} ms  "
                    f"p99 {percentile(latencies, 99):7.1f} ms  errors {errors}",
                    flush=True,
                )
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND state = 'idle' AND pid <> pg_backend_pid()"
                    )
                    idle = cursor.fetchone()[0]
                print(f"idle Postgres connections after the run: {idle} for {WORKERS} web processes "
                      f"({idle / WORKERS:.1f} per process)")  # fmt: skip
        if total_errors:
            raise RuntimeError(f"{total_errors} requests failed")
