"""Helpers for the revenue tests: a stream of real sales, and consumer processes on the test database."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import connection

from fleet.catalog import PRODUCT_PRICES
from fleet.salestream import sale_entry

ROOT = Path(__file__).resolve().parents[2]


def produce(client, stream: str, machines: list[tuple[uuid.UUID, str]], n: int, *, seed: int = 1) -> Decimal:
    """Append `n` sales at `machines`; returns the sum of their amounts."""
    rng = random.Random(seed)
    names = list(PRODUCT_PRICES)
    total = Decimal("0")
    pipe = client.pipeline(transaction=False)
    now = int(time.time() * 1000)
    for i in range(n):
        machine_id, region = machines[rng.randrange(len(machines))]
        item = names[rng.randrange(len(names))]
        amount = PRODUCT_PRICES[item]
        total += amount
        pipe.xadd(stream, sale_entry(machine_id=machine_id, region=region, item=item, amount=amount, ts_ms=now + i))
        if i % 1000 == 999:
            pipe.execute()
    pipe.execute()
    return total


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def consumer(stream: str, *args: str) -> subprocess.Popen:
    """`manage.py consume_revenue` in its own process, on the test database and the test Redis."""
    env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": settings.REDIS_URL, "LOG_LEVEL": "WARNING"}
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "consume_revenue", "--stream", stream, "--no-push", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_until(predicate, timeout: float = 60.0, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
