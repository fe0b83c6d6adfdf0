"""Fleet (issue: fleet and live revenue): seeding speed (goal: 100,000 machines in under a minute on
Postgres) against the ORM bulk_create baseline, and the read API's latency on a 100,000-machine fleet.

Seeding is timed with the fleet's domain-event receivers muted (the search index rebuild that a
reset triggers is the search app's cost, reported by its own benchmark)."""

from __future__ import annotations

import os
import time

from benchmarks.support import bench_database, setup_django, summary

MACHINES = int(os.environ.get("BENCH_FLEET_MACHINES", "100000"))


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    setup_django()
    from django.db import connection, transaction
    from django.test import Client
    from factory.django import mute_signals

    from fleet import services
    from fleet.events import fleet_reset, machines_changed
    from fleet.generator import generate_fleet
    from fleet.models import InventoryItem, Machine

    with bench_database(), mute_signals(machines_changed, fleet_reset):
        count = MACHINES if connection.vendor == "postgresql" else min(MACHINES, 20_000)
        seconds = _timed(lambda: services.fleet_seed(count=count, seed=42, reset=True))
        rows = InventoryItem.objects.count()
        rate = count / seconds
        print(f"seed_fleet {count:,} machines + {rows:,} inventory rows: {seconds:6.1f} s "
              f"({rate:,.0f} machines/s; goal 100,000 in < 60 s on Postgres)", flush=True)  # fmt: skip

        baseline_n = 5000

        def orm_seed() -> None:
            with transaction.atomic():
                machines = list(generate_fleet(baseline_n, seed=7, start=900_001))
                services._orm_seed(machines, services.catalog_sync())
                transaction.set_rollback(True)

        orm_rate = baseline_n / _timed(orm_seed)
        print(f"baseline: ORM bulk_create of {baseline_n:,} machines: {orm_rate:,.0f} machines/s "
              f"-> the seeder is {rate / orm_rate:.1f}x faster", flush=True)  # fmt: skip

        client = Client()
        machine_id = Machine.objects.values_list("id", flat=True).first()
        for label, url, rounds in (
            ("GET /api/machines?limit=50", "/api/machines?limit=50", 60),
            ("GET /api/machines?q=campus&region=TX", "/api/machines?q=campus&region=TX", 30),
            ("GET /api/machines/{id}", f"/api/machines/{machine_id}", 60),
            ("GET /api/stats", "/api/stats", 5),
        ):
            client.get(url)
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                assert client.get(url).status_code == 200
                times.append((time.perf_counter() - started) * 1000)
            print(f"{label:<40} {summary(times)} ms", flush=True)
        services.map_cache_invalidate()
        cold = _timed(lambda: client.get("/api/machines/map")) * 1000
        warm = [_timed(lambda: client.get("/api/machines/map")) * 1000 for _ in range(10)]
        print(f"GET /api/machines/map ({count:,} markers): uncached {cold:.0f} ms, cached {summary(warm)} ms")
        services.map_cache_invalidate()
        cold = _timed(lambda: client.get("/api/machines/markers")) * 1000
        warm = [_timed(lambda: client.get("/api/machines/markers")) * 1000 for _ in range(10)]
        print(f"baseline: GET /api/machines/markers (no labels): uncached {cold:.0f} ms, cached {summary(warm)} ms")
