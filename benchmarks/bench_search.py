"""Natural-language machine search (issue 4): latency of GET /api/search on 100,000 machines.

Measured in one run on a throwaway database:
- `/api/search` p50/p99 through the HTTP stack with the offline parser: a real HTTP server
  (uvicorn on 127.0.0.1, Django's ASGI app with every middleware, DRF, the throttle) and a keep-alive
  client (the standard library's http.client; httpx's figure beside it), over queries of the evaluation
  set; also Django's in-process WSGI client for reference;
- the baseline: the same plans (product, point, count) answered by a plain SQL scan (the inventory
  joined to machines, filtered to in stock and not offline, ordered by great-circle distance),
  checked to return the same machines, and the ratio of the two;
- the cost of one inventory change on the index (the receiver's work after commit), and its share
  of the whole write (`fleet.services.inventory_set` + commit + index);
- the evaluation set's accuracy (products, locations within 2 km) with the offline parser.
Machines: BENCH_SEARCH_MACHINES (default 100000). Requests: BENCH_SEARCH_REQUESTS (default 600).
"""

from __future__ import annotations

import logging
import math
import os
import random
import subprocess
import sys
import threading
import time

from benchmarks.support import bench_database, percentile, setup_django, summary
from core.liveserver import free_port

# the uvicorn server's port range (BENCH_SEARCH_PORTS="8220-8239" where several runs share a machine)
PORT_RANGE = range(*(int(p) for p in os.environ.get("BENCH_SEARCH_PORTS", "8160-8200").split("-")))
POOLED_SETTINGS = """from config.settings import *  # noqa

DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {"min_size": 2, "max_size": 8}
"""


def sql_nearest(*, product: str, lat: float, lon: float, limit: int, with_distance: bool = False) -> list:
    """The baseline without the index: one SQL scan ordered by haversine distance."""
    from django.db.models import F, FloatField, Value
    from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

    from fleet.models import InventoryItem

    lat_r, lon_r = Radians(F("machine__latitude")), Radians(F("machine__longitude"))
    plat, plon = Value(math.radians(lat), FloatField()), Value(math.radians(lon), FloatField())
    haversine = Power(Sin((lat_r - plat) / 2), 2) + Cos(plat) * Cos(lat_r) * Power(Sin((lon_r - plon) / 2), 2)
    distance = Value(2 * 6371.0088, FloatField()) * ASin(Sqrt(haversine))
    rows = (
        InventoryItem.objects.filter(product__name=product, quantity__gt=0)
        .exclude(machine__status="offline")
        .annotate(distance=distance)
        .order_by("distance", "machine_id")
        .values_list("machine_id", "distance")[:limit]
    )
    if with_distance:
        return [(str(machine_id), float(distance)) for machine_id, distance in rows]
    return [str(machine_id) for machine_id, _ in rows]


def _timed_requests(port: int, queries: list[str], *, warmup: list[str]) -> list[float]:
    """Milliseconds per GET /api/search?q=... on one keep-alive connection, from the standard library's
    http.client: its own cost is ~0.1 ms a request here, against ~1.5 ms for httpx, so the figure is the
    server's (and the loopback's), not the client library's. Every answer must be a 200."""
    import http.client
    from urllib.parse import urlencode

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    timings = []
    try:
        for n, query in enumerate([*warmup, *queries]):
            path = "/api/search?" + urlencode({"q": query})
            t0 = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
            if n >= len(warmup):
                timings.append((time.perf_counter() - t0) * 1000)
            assert response.status == 200, body[:500]
    finally:
        conn.close()
    return timings


class _server:
    """uvicorn serving config.asgi on 127.0.0.1:port against the benchmark's database."""

    def __init__(self, port: int, connection, *, pooled: bool = False) -> None:
        self.port, self.connection, self.pooled = port, connection, pooled
        self.process: subprocess.Popen | None = None
        self.thread_server = None

    def __enter__(self) -> str:
        import httpx

        settings = self.connection.settings_dict
        if self.connection.vendor == "postgresql":
            env = dict(os.environ)
            env["DATABASE_URL"] = (
                f"postgres://{settings['USER']}:{settings.get('PASSWORD') or ''}@{settings['HOST'] or '127.0.0.1'}:"
                f"{settings['PORT'] or 5432}/{settings['NAME']}"
            )
            env["THROTTLE_SEARCH"] = "100000000/minute"
            if (
                self.pooled
            ):  # the same app with psycopg's connection pool (Django >= 5.1) instead of a connection a request
                import tempfile

                folder = tempfile.mkdtemp(prefix="bench_search_")
                with open(os.path.join(folder, "bench_search_pooled_settings.py"), "w") as handle:
                    handle.write(POOLED_SETTINGS)
                env["PYTHONPATH"] = os.pathsep.join([folder, os.getcwd(), env.get("PYTHONPATH", "")])
                env["DJANGO_SETTINGS_MODULE"] = "bench_search_pooled_settings"
            self.process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1", "--port",
                 str(self.port), "--log-level", "warning", "--no-access-log"],
                env=env,
            )  # fmt: skip
        else:
            import uvicorn

            config = uvicorn.Config("config.asgi:application", host="127.0.0.1", port=self.port, log_level="warning")
            self.thread_server = uvicorn.Server(config)
            threading.Thread(target=self.thread_server.run, daemon=True).start()
        url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/api/search", params={"q": "coke in chicago"}, timeout=2).status_code < 500:
                    return url
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("the benchmark's web server did not start")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
        if self.thread_server is not None:
            self.thread_server.should_exit = True
            time.sleep(0.5)


def main() -> None:
    setup_django()
    import httpx
    from django.db import connection
    from django.test import Client
    from rest_framework.throttling import ScopedRateThrottle

    from fleet import selectors as fleet_selectors
    from fleet import services as fleet_services
    from search import selectors, services
    from search.evaluation import evaluate, load_cases
    from search.interpret import interpret

    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("search").setLevel(logging.WARNING)
    machines = int(os.environ.get("BENCH_SEARCH_MACHINES", "100000"))
    requests = int(os.environ.get("BENCH_SEARCH_REQUESTS", "600"))
    # The throttle stays in the stack (its cache read and write are measured) but must not refuse us.
    ScopedRateThrottle.THROTTLE_RATES = {**ScopedRateThrottle.THROTTLE_RATES, "search": "100000000/minute"}

    with bench_database():
        print(f"database: {connection.vendor}; redis: {services.geo_index().redis.connection_pool}; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
        from fleet.events import machines_changed

        started = time.perf_counter()
        machines_changed.disconnect(dispatch_uid="search.index.machines_changed")  # the rebuild is timed below
        try:
            fleet_services.fleet_seed(count=machines, seed=42)
        finally:
            machines_changed.connect(services.on_machines_changed, dispatch_uid="search.index.machines_changed")
        print(f"seeded {machines:,} machines in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        entries = services.search_index_rebuild()
        print(f"rebuild_search_index: {entries:,} entries in {time.perf_counter() - started:.1f} s")

        # Queries: the evaluation set's, those the offline parser answers from its lexicons (the
        # semantic fallback embeds text with a model: a different cost, reported separately).
        offline = selectors.offline_parser()
        gazetteer = selectors.gazetteer()
        queries, plans = [], []
        for case in load_cases():
            if case.expects_refusal:
                continue
            parsed = offline.parse(case.query)
            if parsed.product.how not in ("exact", "fuzzy"):
                continue
            plan = interpret(parsed, gazetteer)
            queries.append(case.query)
            plans.append(plan)
        print(f"queries: {len(queries)} of the evaluation set, {requests} requests, limit 5")

        # correctness: the index answers what the SQL scan answers (the same machines, in the same order,
        # but for machines at distances equal to within 1 m, whose order the index's 52-bit geohash
        # coordinates cannot tell apart)
        agree, ties = 0, 0
        for plan in plans:
            lat, lon = plan.place.point
            hits = services.geo_index().nearest(plan.products, lat, lon, limit=5)
            expected = sql_nearest(product=plan.products[0], lat=lat, lon=lon, limit=6, with_distance=True)
            if [h.machine_id for h in hits] == [m for m, _ in expected[:5]]:
                agree += 1
            elif all(abs(h.distance_km - d) < 0.001 for h, (_, d) in zip(hits, expected, strict=False)):
                ties += 1
            else:
                ours = [(h.machine_id[:8], round(h.distance_km, 4)) for h in hits]
                theirs = [(m[:8], round(d, 4)) for m, d in expected]
                print(f"  MISMATCH {plan.products} at {lat},{lon}: index {ours} sql {theirs}")
        print(
            f"index == SQL scan on {agree}/{len(plans)} queries "
            f"({ties} more differ only in the order of equidistant machines)"
        )

        rng = random.Random(1)
        order = [rng.randrange(len(queries)) for _ in range(requests)]

        # 1. real HTTP: a uvicorn server (its own process on Postgres; a thread on the in-memory SQLite
        #    test database, which another process cannot open), and a keep-alive client. On Postgres,
        #    once as configured and once with a connection pool (Django under ASGI otherwise opens a
        #    database connection for every request).
        variants = [False, True] if connection.vendor == "postgresql" else [False]
        http: dict[bool, list[float]] = {}
        httpx_ms: list[float] = []
        for pooled in variants:
            port = free_port(PORT_RANGE)
            with _server(port, connection, pooled=pooled) as base_url:
                http[pooled] = _timed_requests(port, [queries[i] for i in order], warmup=queries[:50])
                if not pooled:  # the same requests from httpx, as in earlier runs: its own cost shows
                    with httpx.Client(base_url=base_url, timeout=10) as c:
                        for i in order:
                            t0 = time.perf_counter()
                            response = c.get("/api/search", params={"q": queries[i]})
                            httpx_ms.append((time.perf_counter() - t0) * 1000)
                            assert response.status_code == 200, response.text
        http_ms = http[False]

        # 2. in-process WSGI (Django's test client: middleware + DRF, no sockets)
        client = Client()
        wsgi_ms = []
        for i in order:
            t0 = time.perf_counter()
            response = client.get("/api/search", {"q": queries[i]})
            wsgi_ms.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200

        # 3. retrieval alone: index + hydration vs the SQL scan, same plans
        index_ms, sql_ms = [], []
        for i in order[:300]:
            plan = plans[i]
            lat, lon = plan.place.point
            t0 = time.perf_counter()
            selectors._nearest_hydrated(plan)
            index_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            ids = sql_nearest(product=plan.products[0], lat=lat, lon=lon, limit=plan.limit)
            fleet_selectors.machines_by_ids(ids=ids)
            sql_ms.append((time.perf_counter() - t0) * 1000)

        p50_http, p50_sql = percentile(http_ms, 50), percentile(sql_ms, 50)
        print(f"GET /api/search over HTTP (uvicorn):   {summary(http_ms)} ms")
        print(f"  ... the same, timed from httpx:      {summary(httpx_ms)} ms (the client library's own cost included)")
        if True in http:
            print(f"  ... with a DB connection pool:       {summary(http[True])} ms")
        print(f"GET /api/search in-process (WSGI):     {summary(wsgi_ms)} ms")
        print(f"retrieval: Redis index + hydration:    {summary(index_ms)} ms")
        print(f"retrieval: plain SQL scan + hydration: {summary(sql_ms)} ms")
        print(f"baseline ratio: SQL scan p50 / whole HTTP request p50 = {p50_sql / p50_http:.1f}x; "
              f"SQL scan p50 / index retrieval p50 = {p50_sql / percentile(index_ms, 50):.0f}x")  # fmt: skip
        print(f"goal p50 <= 10 ms over HTTP: {'met' if p50_http <= 10 else 'NOT met'} ({p50_http:.1f} ms)")
        if True in http:
            p50_pool = percentile(http[True], 50)
            print(f"  with a DB connection pool: {'met' if p50_pool <= 10 else 'NOT met'} ({p50_pool:.1f} ms)")

        # 4. cost of one inventory change on the index
        ids = [m for m, _ in zip(fleet_selectors.machine_regions(limit=400), range(400), strict=False)]
        update_ms, write_ms = [], []
        for machine_id, _region in ids[:200]:
            t0 = time.perf_counter()
            services.search_index_update(machine_ids=[machine_id])
            update_ms.append((time.perf_counter() - t0) * 1000)
        from fleet.models import Machine

        for machine_id, _region in ids[200:400]:
            machine = Machine.objects.get(pk=machine_id)
            t0 = time.perf_counter()
            fleet_services.inventory_set(machine=machine, items=[{"product": "Cola", "quantity": rng.randint(0, 12)}])
            write_ms.append((time.perf_counter() - t0) * 1000)  # autocommit: includes commit and the receiver
        print(f"one inventory change on the index (receiver work): {summary(update_ms)} ms")
        print(f"one whole inventory write (service + commit + index): {summary(write_ms)} ms "
              f"(index share at p50: {percentile(update_ms, 50) / percentile(write_ms, 50):.0%})")  # fmt: skip

        # 5. the semantic fallback's cost (a description, embedded by the model on each call)
        t0 = time.perf_counter()
        offline.parse("a healthy snack for after the gym in denver")
        first = (time.perf_counter() - t0) * 1000
        semantic_ms = []
        for _ in range(20):
            t0 = time.perf_counter()
            offline.parse("something to keep me awake near penn station")
            semantic_ms.append((time.perf_counter() - t0) * 1000)
        print(
            f"a description (semantic fallback): first {first:.0f} ms (loads the model), then {summary(semantic_ms)} ms"
        )

    # 6. the gazetteer's load at process start (a fresh instance; the same run, without venues.tsv for comparison)
    from search.geo.gazetteer import VENUES, Gazetteer

    loads: dict[str, list[float]] = {"with venues.tsv": [], "without venues.tsv (baseline)": []}
    for _ in range(3):
        for label, venues in (("with venues.tsv", VENUES), ("without venues.tsv (baseline)", None)):
            t0 = time.perf_counter()
            Gazetteer(venues=venues)
            loads[label].append((time.perf_counter() - t0) * 1000)
    print("gazetteer load (median of 3): " + "; ".join(f"{k} {sorted(v)[1]:.0f} ms" for k, v in loads.items()))

    # 7. accuracy
    outcomes = evaluate(offline, gazetteer)
    n = len(outcomes)
    products = sum(o.product_ok() for o in outcomes)
    located = sum(o.location_ok(2.0) for o in outcomes)
    print(f"evaluation ({n} queries, offline parser): products {products / n:.1%} (goal 95%), "
          f"locations within 2 km {located / n:.1%} (goal 90%)")  # fmt: skip
