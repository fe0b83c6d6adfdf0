"""Summing a batch of sales in memory (no Django): per machine, region, product and minute."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

ZERO = Decimal("0.00")


@dataclass(slots=True)
class Bucket:
    total: Decimal = ZERO
    count: int = 0


@dataclass(slots=True)
class MachineBucket(Bucket):
    region: str = ""
    last_ms: int = 0


@dataclass(slots=True)
class BatchAggregate:
    machines: dict[uuid.UUID, MachineBucket] = field(default_factory=dict)
    regions: dict[str, Bucket] = field(default_factory=dict)
    products: dict[str, Bucket] = field(default_factory=dict)
    minutes: dict[datetime, Bucket] = field(default_factory=dict)
    total: Decimal = ZERO
    count: int = 0
    last_ms: int = 0


def minute_of(ts_ms: int) -> datetime:
    return datetime.fromtimestamp((ts_ms // 60_000) * 60, tz=UTC)


def aggregate(sales: Iterable) -> BatchAggregate:
    """`sales`: objects with machine_id, region, item, amount (Decimal) and ts_ms."""
    out = BatchAggregate()
    machines, regions, products = out.machines, out.regions, out.products
    by_minute: dict[int, Bucket] = {}  # keyed by epoch minute; turned into datetimes once at the end
    total, count, last_ms = ZERO, 0, 0
    for sale in sales:
        amount, ts_ms = sale.amount, sale.ts_ms
        m = machines.get(sale.machine_id)
        if m is None:
            m = machines[sale.machine_id] = MachineBucket(region=sale.region)
        m.total += amount
        m.count += 1
        if ts_ms >= m.last_ms:
            m.last_ms = ts_ms
            m.region = sale.region
        for key, table in ((sale.region, regions), (sale.item, products), (ts_ms // 60_000, by_minute)):
            b = table.get(key)
            if b is None:
                b = table[key] = Bucket()
            b.total += amount
            b.count += 1
        total += amount
        count += 1
        if ts_ms > last_ms:
            last_ms = ts_ms
    out.minutes = {minute_of(minute * 60_000): b for minute, b in by_minute.items()}
    out.total, out.count, out.last_ms = total, count, last_ms
    return out
