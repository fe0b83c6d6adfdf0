"""Reads of the revenue aggregates (and of the stream's bookkeeping, for lag)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from decimal import Decimal

import redis as redis_lib
from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone

from fleet.salestream import STREAM_KEY
from fleet.selectors import machines_by_ids
from revenue.models import (
    DeadLetter,
    MachineRevenue,
    MinuteRevenue,
    ProductRevenue,
    RegionRevenue,
    RevenueTotals,
    TrimLoss,
)
from revenue.stream import GROUP, RevenueStream

logger = logging.getLogger(__name__)
ZERO = Decimal("0.00")


def _money(value: Decimal | None) -> str:
    return f"{(value or ZERO):.2f}"


_clients: dict[str, redis_lib.Redis] = {}


def redis_client() -> redis_lib.Redis:
    """A client (with its connection pool) per Redis URL, reused across calls in this process."""
    client = _clients.get(settings.REDIS_URL)
    if client is None:
        client = redis_lib.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
        _clients[settings.REDIS_URL] = client
    return client


def stream_status(*, stream: str = STREAM_KEY, group: str = GROUP) -> dict | None:
    """Length, lag and pending count of the consumer group; None when Redis is unreachable."""
    try:
        return RevenueStream(redis_client(), stream=stream, group=group).status()
    except redis_lib.RedisError as exc:
        logger.warning("stream status unavailable: %s", exc)
        return None


def events_per_second(*, now: datetime | None = None) -> float:
    """Sales per second over the last minute, from the per-minute counts (the current minute, plus
    the share of the previous one that falls inside the window)."""
    now = now or timezone.now()
    current = now.replace(second=0, microsecond=0)
    previous = current - timedelta(minutes=1)
    counts = dict(MinuteRevenue.objects.filter(minute__in=[current, previous]).values_list("minute", "count"))
    elapsed = (now - current).total_seconds()
    share = max(0.0, (60 - elapsed) / 60)
    return round((counts.get(current, 0) + counts.get(previous, 0) * share) / 60, 2)


def losses() -> dict:
    agg = TrimLoss.objects.aggregate(
        n_lost=Sum("lost"), n_gaps=Count("id"), n_uncounted=Count("id", filter=Q(lost__isnull=True))
    )
    return {"entries_lost": agg["n_lost"] or 0, "trim_gaps": agg["n_gaps"], "uncounted_gaps": agg["n_uncounted"]}


def summary(*, stream: str = STREAM_KEY, with_stream_status: bool = True) -> dict:
    totals = RevenueTotals.objects.filter(stream=stream).first()
    status = stream_status(stream=stream) if with_stream_status else None
    return {
        "total": _money(totals.total if totals else None),
        "count": totals.count if totals else 0,
        "events_per_second": events_per_second(),
        "lag": status["lag"] if status else None,
        "pending": status["pending"] if status else None,
        "stream_length": status["length"] if status else None,
        "redis_available": status is not None,
        **losses(),
        "lost_counts_exact": bool(status and status["exact"]),
        "dead_letters": DeadLetter.objects.count(),
        "last_event_at": totals.last_event_at if totals else None,
    }


def top_machines(*, top: int = 10) -> list[dict]:
    rows = list(MachineRevenue.objects.order_by("-total", "machine_id")[:top])
    machines = machines_by_ids(ids=[r.machine_id for r in rows])
    out = []
    for r in rows:
        m = machines.get(r.machine_id)
        out.append(
            {
                "machine_id": r.machine_id,
                "name": m.name if m else None,
                "city": m.city if m else None,
                "region": m.region if m else r.region,
                "total": _money(r.total),
                "count": r.count,
                "last_sale_at": r.last_sale_at,
            }
        )
    return out


def regions() -> list[dict]:
    return [
        {"region": r.region, "total": _money(r.total), "count": r.count}
        for r in RegionRevenue.objects.order_by("-total", "region")
    ]


def products() -> list[dict]:
    return [
        {"product": p.product, "total": _money(p.total), "count": p.count}
        for p in ProductRevenue.objects.order_by("-total", "product")
    ]


def timeseries(*, minutes: int = 60, now: datetime | None = None) -> list[dict]:
    """One point per minute for the last `minutes` minutes (zeros where nothing sold)."""
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    start = now - timedelta(minutes=minutes - 1)
    found = {m.minute: m for m in MinuteRevenue.objects.filter(minute__gte=start, minute__lte=now)}
    points = []
    for i in range(minutes):
        minute = start + timedelta(minutes=i)
        row = found.get(minute)
        points.append({"minute": minute, "total": _money(row.total if row else None), "count": row.count if row else 0})
    return points


def dashboard_snapshot(*, top: int = 10, minutes: int = 60) -> dict:
    """Everything the dashboard shows, JSON-ready."""

    def iso(value):
        return value.isoformat() if isinstance(value, datetime) else value

    data = summary()
    data["last_event_at"] = iso(data["last_event_at"])
    return {
        "summary": data,
        "top_machines": [
            {**m, "machine_id": str(m["machine_id"]), "last_sale_at": iso(m["last_sale_at"])}
            for m in top_machines(top=top)
        ],
        "regions": regions(),
        "timeseries": [{**p, "minute": iso(p["minute"])} for p in timeseries(minutes=minutes)],
    }
