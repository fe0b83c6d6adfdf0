"""The fleet phoning home: sales at machines that are not offline, of products they have in stock,
at catalog prices; each sale takes a unit from inventory and is appended to the revenue stream.

`SalesSimulator.tick(n)` sells up to `n` items (one DB transaction + one pipelined XADD; the
inventory change rolls back if Redis refuses the entries, so no sale is recorded without its event).
`load(n)` is the benchmark's load mode: pipelined XADDs of plausible sales, inventory untouched.
"""

from __future__ import annotations

import random
import time
import uuid
from decimal import Decimal

import redis as redis_lib
from django.db import transaction

from fleet import selectors, services
from fleet.catalog import PRODUCT_PRICES
from fleet.salestream import STREAM_KEY, STREAM_MAXLEN, sale_entry

MACHINE_REFRESH_SECONDS = 60


class SalesSimulator:
    def __init__(self, client: redis_lib.Redis, *, seed: int | None = None, stream: str = STREAM_KEY) -> None:
        self.redis = client
        self.stream = stream
        self.rng = random.Random(seed)
        self._machines: list[tuple[uuid.UUID, str]] = []
        self._loaded_at = 0.0
        self._prices: dict[str, Decimal] = {}

    def _refresh(self) -> None:
        if self._machines and time.monotonic() - self._loaded_at < MACHINE_REFRESH_SECONDS:
            return
        self._machines = selectors.machine_regions()
        self._prices = {**PRODUCT_PRICES, **selectors.product_prices()}
        self._loaded_at = time.monotonic()

    def tick(self, n: int) -> int:
        """Sell up to `n` items; returns how many were sold (fewer if picked machines have nothing)."""
        self._refresh()
        if not self._machines or n <= 0:
            return 0
        picks = [self._machines[self.rng.randrange(len(self._machines))] for _ in range(n * 2)]
        stock = selectors.in_stock_products(machine_ids=[m for m, _ in picks])
        sales: list[tuple[uuid.UUID, str, str]] = []
        for machine_id, region in picks:
            products = stock.get(machine_id)
            if products and len(sales) < n:
                sales.append((machine_id, region, self.rng.choice(products)))
        if not sales:
            return 0
        now_ms = int(time.time() * 1000)
        with transaction.atomic():
            done = services.sales_record(sales=[(m, p) for m, _, p in sales])
            pipe = self.redis.pipeline(transaction=False)
            sold = 0
            for (machine_id, region, product), ok in zip(sales, done, strict=True):
                if ok:
                    entry = sale_entry(
                        machine_id=machine_id, region=region, item=product, amount=self._prices[product], ts_ms=now_ms
                    )
                    pipe.xadd(self.stream, entry, maxlen=STREAM_MAXLEN, approximate=True)
                    sold += 1
            pipe.execute()  # raises (and rolls the inventory back) if Redis is down
        return sold

    def load(
        self, count: int, *, batch: int = 1000, machines: int | None = None, maxlen: int | None = STREAM_MAXLEN
    ) -> tuple[int, Decimal]:
        """Append `count` plausible sales as fast as Redis takes them (inventory untouched).
        Returns how many were appended and the sum of their amounts."""
        self._refresh()
        pool = self._machines[:machines] if machines else self._machines
        if not pool:
            return 0, Decimal("0")
        names = list(self._prices)
        sent, total = 0, Decimal("0")
        while sent < count:
            size = min(batch, count - sent)
            now_ms = int(time.time() * 1000)
            pipe = self.redis.pipeline(transaction=False)
            for _ in range(size):
                machine_id, region = pool[self.rng.randrange(len(pool))]
                item = names[self.rng.randrange(len(names))]
                total += self._prices[item]
                pipe.xadd(
                    self.stream,
                    sale_entry(
                        machine_id=machine_id, region=region, item=item, amount=self._prices[item], ts_ms=now_ms
                    ),
                    maxlen=maxlen,
                    approximate=True,
                )
            pipe.execute()
            sent += size
        return sent, total
