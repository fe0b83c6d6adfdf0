"""`manage.py simulate_sales [--rate 8] [--count N] [--load]`: the fleet's sales into the revenue stream."""

from __future__ import annotations

import logging
import signal
import time

import redis as redis_lib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from fleet.simulator import SalesSimulator

logger = logging.getLogger("fleet.simulator")
TICK_SECONDS = 0.25


class Command(BaseCommand):
    help = "Simulate the fleet's sales: append them to vendomo:revenue:events (and take them from inventory)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rate", type=float, default=8.0, help="sales per second (default 8)")
        parser.add_argument("--count", type=int, default=0, help="stop after this many sales (default: run forever)")
        parser.add_argument(
            "--load", action="store_true", help="load mode: pipelined appends as fast as possible, inventory untouched"
        )
        parser.add_argument("--machines", type=int, default=0, help="load mode: sell at the first N machines only")
        parser.add_argument("--seed", type=int, default=None, help="random seed")

    def handle(self, *args, rate: float, count: int, load: bool, machines: int, seed: int | None, **options) -> None:
        if rate <= 0 or rate > 100_000:
            raise CommandError("--rate must be between 0 and 100,000 sales per second.")
        if count < 0:
            raise CommandError("--count must be positive.")
        client = redis_lib.Redis.from_url(settings.REDIS_URL)
        simulator = SalesSimulator(client, seed=seed)
        if load:
            if not count:
                raise CommandError("--load needs --count.")
            started = time.perf_counter()
            sent, _ = simulator.load(count, machines=machines or None)
            elapsed = time.perf_counter() - started
            self.stdout.write(f"Appended {sent} sales in {elapsed:.2f} s ({sent / max(elapsed, 1e-9):,.0f}/s).")
            return
        self._stop = False
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        sold, owed, backoff = 0, 0.0, 0.5
        next_tick = time.monotonic()
        logger.info("simulating %.1f sales/s into the revenue stream", rate)
        while not self._stop and (not count or sold < count):
            owed += rate * TICK_SECONDS
            want = int(owed)
            if count:
                want = min(want, count - sold)
            if want:
                try:
                    done = simulator.tick(want)
                    backoff = 0.5
                except (redis_lib.RedisError, DatabaseError) as exc:
                    logger.warning("sale not recorded (%s); retrying in %.1f s", exc, backoff)
                    self._sleep(backoff)
                    backoff = min(backoff * 2, 10.0)
                    next_tick = time.monotonic()
                    continue
                sold += done
                owed -= done if done else want  # nothing in stock at the picks: don't pile up a debt
            next_tick += TICK_SECONDS
            self._sleep(max(0.0, next_tick - time.monotonic()))
        self.stdout.write(f"Simulated {sold} sales.")

    def _on_signal(self, signum, frame) -> None:
        self._stop = True

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self._stop and time.monotonic() < deadline:
            time.sleep(max(0.0, min(0.1, deadline - time.monotonic())))
