"""Revenue consumer (issue: fleet and live revenue): throughput into Postgres with 1,000 and
100,000 machines (goal >= 20,000 events/s with 1,000), XADD -> websocket latency at the default rate
(goal p95 < 1 s), and the exactly-once check with kill -9 at random moments.

Throughput runs the consumer loop in this process (`consume_revenue --no-push`) over a pre-filled
stream; the baseline is the same consumer with one entry per transaction (`--batch 1`). Latency and
the kill run start real processes (uvicorn, consume_revenue) and therefore need Postgres.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

from benchmarks.support import bench_database, percentile, setup_django
from core.liveserver import UvicornServer, database_url

ROOT = Path(__file__).resolve().parent.parent
EVENTS = int(os.environ.get("BENCH_REVENUE_EVENTS", "60000"))
LATENCY_SECONDS = float(os.environ.get("BENCH_REVENUE_LATENCY_SECONDS", "20"))
STREAM = "bench:revenue:events"


def _redis():
    import redis
    from django.conf import settings

    return redis.Redis.from_url(settings.REDIS_URL)


def _reset_revenue() -> None:
    from revenue.models import (
        DeadLetter,
        MachineRevenue,
        MinuteRevenue,
        ProcessedEntry,
        ProductRevenue,
        RegionRevenue,
        RevenueTotals,
        TrimLoss,
    )

    for model in (ProcessedEntry, MachineRevenue, RegionRevenue, ProductRevenue, MinuteRevenue, RevenueTotals):
        model.objects.all().delete()
    DeadLetter.objects.all().delete()
    TrimLoss.objects.all().delete()


def _fill(stream: str, count: int) -> Decimal:
    from fleet.simulator import SalesSimulator

    client = _redis()
    client.delete(stream, stream + ":trim-losses")
    _, total = SalesSimulator(client, seed=1, stream=stream).load(count, batch=2000, maxlen=None)
    return total


def _consume(stream: str, *args: str) -> tuple[float, float]:
    """Wall seconds and this process's CPU seconds to drain the stream."""
    from django.core.management import call_command

    idle = 0.3
    started, cpu = time.perf_counter(), time.process_time()
    call_command("consume_revenue", "--stream", stream, "--no-push", "--exit-when-idle", str(idle), *args)
    return time.perf_counter() - started - idle, time.process_time() - cpu


def throughput(machines: int, events: int, batch: int, *extra: str) -> float:
    from revenue.models import RevenueTotals

    _reset_revenue()
    expected = _fill(STREAM, events)
    elapsed, cpu = _consume(STREAM, "--batch", str(batch), *extra)
    totals = RevenueTotals.objects.get(stream=STREAM)
    assert totals.count == events and totals.total == expected, "throughput run lost or double counted"
    rate = events / elapsed
    label = f"batch {batch:>5}{' (no read-ahead)' if extra else ''}"
    print(f"consumer throughput, {machines:>7,} machines, {label}: {rate:>9,.0f} events/s "
          f"({events:,} events in {elapsed:.2f} s; consumer CPU {cpu / events * 1e6:.0f} µs/event)",
          flush=True)  # fmt: skip
    _redis().delete(STREAM)
    return rate


# --- processes on the bench database (Postgres) ------------------------------------------------


def _env() -> dict:
    from django.conf import settings

    return {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": settings.REDIS_URL, "LOG_LEVEL": "WARNING"}


def latency(seconds: float, rate: float = 8.0) -> list[float]:
    """XADD at `rate`/s into the real stream; time until each entry's id arrives on ws/revenue/."""
    from django.test import Client
    from websockets.sync.client import connect

    from accounts.tests.factories import UserFactory
    from fleet.salestream import STREAM_KEY, sale_entry
    from fleet.selectors import machine_regions

    _reset_revenue()
    client = _redis()
    client.delete(STREAM_KEY, STREAM_KEY + ":trim-losses")
    env = _env()
    server = UvicornServer(workers=1, env={"LOG_LEVEL": "WARNING"})
    server.start()
    port = server.port
    procs = [
        subprocess.Popen([sys.executable, "manage.py", "consume_revenue", "--name", "bench"], cwd=ROOT, env=env),
    ]
    try:
        browser = Client()
        browser.force_login(UserFactory(is_staff=True))
        cookie = f"sessionid={browser.cookies['sessionid'].value}"
        sent: dict[str, float] = {}
        latencies: list[float] = []
        with connect(
            f"ws://127.0.0.1:{port}/ws/revenue/",
            additional_headers={"Cookie": cookie, "Origin": f"http://127.0.0.1:{port}"},
        ) as ws:
            json.loads(ws.recv(timeout=30))  # the snapshot
            stop = threading.Event()

            def receive() -> None:
                while not stop.is_set():
                    try:
                        message = json.loads(ws.recv(timeout=0.5))
                    except TimeoutError:
                        continue
                    except Exception:
                        return
                    arrived = time.perf_counter()
                    for stream_id in message.get("stream_ids", []):
                        if stream_id in sent:
                            latencies.append((arrived - sent.pop(stream_id)) * 1000)

            reader = threading.Thread(target=receive, daemon=True)
            reader.start()
            time.sleep(2)  # the consumer process is up and blocking on the stream
            machines = machine_regions(limit=1000)
            rng = random.Random(3)
            interval = 1 / rate
            next_at = time.perf_counter()
            end = next_at + seconds
            while time.perf_counter() < end:
                machine_id, region = machines[rng.randrange(len(machines))]
                entry = sale_entry(machine_id=machine_id, region=region, item="Cola", amount=Decimal("2.00"),
                                   ts_ms=int(time.time() * 1000))  # fmt: skip
                t0 = time.perf_counter()
                stream_id = client.xadd(STREAM_KEY, entry, maxlen=50_000, approximate=True).decode()
                sent[stream_id] = t0
                next_at += rng.expovariate(1 / interval)  # Poisson arrivals at `rate`
                time.sleep(max(0.0, next_at - time.perf_counter()))
            time.sleep(2)
            stop.set()
            reader.join(timeout=3)
        if sent:
            print(f"  ({len(sent)} entries never reached the websocket)")
        return latencies
    finally:
        server.stop()
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def throughput_processes(processes: int, events: int) -> float:
    """`processes` consumer processes of the same group draining one pre-filled stream."""
    from revenue.models import ProcessedEntry, RevenueTotals

    _reset_revenue()
    expected = _fill(STREAM, events)
    env = _env()
    command = [sys.executable, "manage.py", "consume_revenue", "--stream", STREAM, "--no-push"]
    # start them blocked on an empty group position, then release the stream to all at once
    client = _redis()
    client.rename(STREAM, STREAM + ":hold")
    procs = [
        subprocess.Popen([*command, "--name", f"p{i}", "--exit-when-idle", "10"], cwd=ROOT, env=env)
        for i in range(processes)
    ]
    time.sleep(6)  # Django start-up of every process
    client.rename(STREAM + ":hold", STREAM)
    started = time.perf_counter()
    while ProcessedEntry.objects.count() < events:
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    for proc in procs:
        proc.wait(timeout=60)
    totals = RevenueTotals.objects.get(stream=STREAM)
    assert (totals.total, totals.count) == (expected, events), "multi-process run lost or double counted"
    rate = events / elapsed
    print(f"consumer throughput, {processes} processes, 1,000 machines: {rate:>9,.0f} events/s "
          f"({events:,} events in {elapsed:.2f} s, totals exact)", flush=True)  # fmt: skip
    client.delete(STREAM)
    return rate


def kill_run(events: int, kills: int) -> None:
    from revenue.models import ProcessedEntry, RevenueTotals

    _reset_revenue()
    expected = _fill(STREAM, events)
    env = _env()
    rng = random.Random(42)
    command = [sys.executable, "manage.py", "consume_revenue", "--stream", STREAM, "--no-push", "--name", "k"]
    for _ in range(kills):
        proc = subprocess.Popen([*command, "--batch", str(rng.choice([50, 200, 1000]))], cwd=ROOT, env=env)
        start = ProcessedEntry.objects.count()
        target = start + rng.randint(200, max(400, events // (kills + 1)))
        deadline = time.monotonic() + 60
        while ProcessedEntry.objects.count() < target and time.monotonic() < deadline:
            time.sleep(rng.uniform(0.01, 0.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    subprocess.run([*command, "--exit-when-idle", "1"], cwd=ROOT, env=env, check=True, capture_output=True)
    totals = RevenueTotals.objects.get(stream=STREAM)
    pending = _redis().xpending(STREAM, "revenue")["pending"]
    print(f"exactly once, {kills} x kill -9 at random points over {events:,} events:")
    print(f"  expected  total {expected:>12}  count {events:>7,}")
    equal = (totals.total, totals.count) == (expected, events)
    print(f"  persisted total {totals.total:>12}  count {totals.count:>7,}  pending {pending}  "
          f"-> {'EQUAL to the cent' if equal else 'MISMATCH'}")  # fmt: skip
    _redis().delete(STREAM)


def main() -> None:
    setup_django()
    from django.db import connection
    from factory.django import mute_signals

    from fleet.events import fleet_reset, machines_changed
    from fleet.services import fleet_seed

    # The search index follows the fleet through these signals; its rebuild is not what is measured.
    with bench_database(), mute_signals(machines_changed, fleet_reset):
        postgres = connection.vendor == "postgresql"
        fleet_seed(count=1000, seed=42)
        baseline = throughput(1000, 400, 1, "--no-read-ahead")
        throughput(1000, EVENTS, 5000, "--no-read-ahead")
        rate_1k = throughput(1000, EVENTS, batch=5000)
        print(f"  -> {rate_1k / baseline:.0f}x the one-entry-per-transaction baseline; goal 20,000/s: "
              f"{'met' if rate_1k >= 20_000 else 'NOT met on this machine'}")  # fmt: skip
        throughput(1000, EVENTS, batch=2000)
        if not postgres:
            print("latency and the kill run need Postgres (processes share the database): skipped")
            return
        throughput_processes(2, EVENTS)
        started = time.perf_counter()
        fleet_seed(count=100_000, seed=42, reset=True)
        print(f"(seeded 100,000 machines in {time.perf_counter() - started:.1f} s)")
        throughput(100_000, EVENTS, batch=5000)
        fleet_seed(count=1000, seed=42, reset=True)
        lat = latency(LATENCY_SECONDS)
        if lat:
            print(f"XADD -> websocket latency at 8 events/s ({len(lat)} events): p50 {percentile(lat, 50):.0f} ms  "
                  f"p95 {percentile(lat, 95):.0f} ms  max {max(lat):.0f} ms (goal p95 < 1000 ms)")  # fmt: skip
        kill_run(20_000, kills=5)
