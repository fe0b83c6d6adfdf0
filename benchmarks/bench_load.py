"""Load: 32 concurrent keep-alive connections for BENCH_LOAD_SECONDS (60) per endpoint, over HTTP to
a 2-worker uvicorn on the platform's defaults (the Postgres pool config.asgi turns on, 8 per
process), `GET /api/machines`, `GET /api/search` and the clicks save, next to the trivial landing
page `GET /` (a template: no database, no Redis) measured in the same run, each after an untimed
warm-up (BENCH_LOAD_WARMUP_SECONDS, 5). Prints requests/s,
p50/p99 (ms) and errors (anything but 2xx), then the idle Postgres connections each web process
holds after the run. Fails loudly on any error, or past IDLE_MAX idle connections in a process."""

from __future__ import annotations

import collections
import logging
import os
import threading
import time

from benchmarks.support import bench_database, percentile, setup_django

CONNECTIONS = int(os.environ.get("BENCH_LOAD_CONNECTIONS", "32"))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
WARMUP_SECONDS = float(os.environ.get("BENCH_LOAD_WARMUP_SECONDS", "5"))  # untimed: first-request loads
WORKERS = 2
IDLE_MAX = 10  # the bound: idle Postgres connections per web process after a load run


class Outcome:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors: collections.Counter[str] = collections.Counter()
        self.samples: list[str] = []
        self.lock = threading.Lock()
        self.elapsed = 0.0


def _hammer(base: str, method: str, path: str, body: bytes | None, seconds: float = SECONDS) -> Outcome:
    import httpx

    outcome = Outcome()
    # Every client is built (an httpx.Client costs tens of ms here) before the clock starts.
    clients = [httpx.Client(base_url=base, timeout=30) for _ in range(CONNECTIONS)]
    deadline = time.monotonic() + seconds

    def worker(n: int) -> None:
        mine: list[float] = []
        bad: collections.Counter[str] = collections.Counter()
        samples: list[str] = []
        with clients[n] as client:
            i = 0
            while time.monotonic() < deadline:
                i += 1
                content = body.replace(b"{n}", f"{n}-{i % 50}".encode()) if body else None
                started = time.perf_counter()
                try:
                    response = client.request(
                        method, path, content=content, headers={"Content-Type": "application/json"}
                    )
                    if not 200 <= response.status_code < 300:
                        bad[str(response.status_code)] += 1
                        if len(samples) < 3:
                            samples.append(f"{response.status_code} {response.text[:200]}")
                except httpx.HTTPError as exc:
                    bad[type(exc).__name__] += 1
                    if len(samples) < 3:
                        samples.append(f"{type(exc).__name__}: {exc}")
                mine.append((time.perf_counter() - started) * 1000)
        with outcome.lock:
            outcome.latencies.extend(mine)
            outcome.errors.update(bad)
            outcome.samples.extend(samples[: max(0, 5 - len(outcome.samples))])

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(CONNECTIONS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    outcome.elapsed = time.monotonic() - started  # to the last answer (requests in flight at the deadline)
    return outcome


def idle_connections_per_process(worker_pids: list[int]) -> dict[int, tuple[int, int]]:
    """{web process pid: (idle, total) Postgres connections}: each process's TCP sockets to the
    database server, matched to `pg_stat_activity` by the client port."""
    from django.db import connection

    from core.liveserver import postgres_client_ports

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT client_port, state FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND client_port IS NOT NULL"
        )
        states = dict(cursor.fetchall())
    result = {}
    for pid in worker_pids:
        ports = postgres_client_ports(pid)
        result[pid] = (sum(states.get(p) == "idle" for p in ports), len(ports))
    return result


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
            ("GET / (trivial baseline)", "GET", "/", None),
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
        pool = os.environ.get("DB_POOL_MAX_SIZE", "unset: config.asgi's default")
        print(f"{CONNECTIONS} connections, {SECONDS:g} s per endpoint, uvicorn --workers {WORKERS}, "
              f"database {connection.vendor}, DB_POOL_MAX_SIZE {pool}; "
              f"load average {load:.1f} on {os.cpu_count()} cores")  # fmt: skip
        failures: list[str] = []
        # pool_size=None: the server runs on the platform's default pool, as `make run` / the Procfile.
        with UvicornServer(workers=WORKERS, env=env, pool_size=None) as server:
            for label, method, path, body in cases:
                pids = sorted(server.worker_pids())
                # Warm up every worker (the search parser loads its models on first use), errors counted too.
                warmup = _hammer(server.base_url, method, path, body, seconds=WARMUP_SECONDS)
                if warmup.errors:
                    failures.append(f"{label} (warm-up): {dict(warmup.errors)}; e.g. {warmup.samples}")
                outcome = _hammer(server.base_url, method, path, body)
                errors = sum(outcome.errors.values())
                p50, p99 = percentile(outcome.latencies, 50), percentile(outcome.latencies, 99)
                print(
                    f"{label:28} {len(outcome.latencies) / outcome.elapsed:8.0f} req/s  "
                    f"p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  "
                    f"errors {errors}" + (f" {dict(outcome.errors)}" if errors else ""),
                    flush=True,
                )
                if errors:
                    failures.append(f"{label}: {errors} errors {dict(outcome.errors)}; e.g. {outcome.samples}")
                if sorted(server.worker_pids()) != pids:  # uvicorn restarts a worker that died or hung > 5 s
                    failures.append(f"{label}: web processes {pids} became {sorted(server.worker_pids())}")
            if connection.vendor == "postgresql":
                time.sleep(1.0)  # the last requests' connections go back to their pools
                per_process = idle_connections_per_process(server.worker_pids())
                for pid, (idle, total) in sorted(per_process.items()):
                    print(f"web process {pid}: {idle} idle Postgres connections ({total} open) after the run")
                    if idle > IDLE_MAX:
                        failures.append(f"web process {pid} holds {idle} idle Postgres connections (> {IDLE_MAX})")
                if len(per_process) != WORKERS:
                    failures.append(f"found {len(per_process)} web processes, expected {WORKERS}")
        if failures:
            raise RuntimeError("load run failed:\n  " + "\n  ".join(failures))
