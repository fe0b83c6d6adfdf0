"""Writes of the revenue app: applying a batch of stream entries exactly once, dead letters, losses.

`revenue_batch_apply` runs in ONE transaction: it records the batch's stream ids in
`ProcessedEntry` (insert-or-skip), and only the entries whose id was not there before are added to
the aggregates or dead-lettered. An entry redelivered after a crash, a claim by another consumer or
a Redis outage finds its id and is skipped, so the totals count every entry exactly once; the ids are
acknowledged in Redis only after this commit.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from revenue.aggregation import BatchAggregate, aggregate
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
from revenue.validation import Rejected, Sale, decode_fields, parse_entry, parse_stream_id


@dataclass(slots=True)
class BatchOutcome:
    read: int = 0
    applied: int = 0
    dead: int = 0
    duplicates: int = 0
    gone: int = 0  # ids whose entry had been trimmed away before it could be (re)read
    changes: dict = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)  # every id handled (to acknowledge)
    max_ts_ms: int = 0


def _ms_to_dt(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


# --- claiming ids -------------------------------------------------------------------------------


def _claim_postgres(keys: list[tuple[int, int]]) -> set[tuple[int, int]]:
    keys = sorted(set(keys))  # one lock order for every consumer
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ProcessedEntry._meta.db_table} (ms, seq) "  # noqa: S608
            "SELECT * FROM unnest(%s::bigint[], %s::bigint[]) ON CONFLICT DO NOTHING RETURNING ms, seq",
            [[k[0] for k in keys], [k[1] for k in keys]],
        )
        return {(ms, seq) for ms, seq in cursor.fetchall()}


def _claim_orm(keys: list[tuple[int, int]]) -> set[tuple[int, int]]:
    # SQLite: write transactions are serialized (BEGIN IMMEDIATE), so read-then-insert is safe.
    wanted = set(keys)
    seen: set[tuple[int, int]] = set()
    by_ms: dict[int, list[int]] = {}
    for ms, seq in wanted:
        by_ms.setdefault(ms, []).append(seq)
    ms_values = list(by_ms)
    for start in range(0, len(ms_values), 500):
        seen.update(ProcessedEntry.objects.filter(ms__in=ms_values[start : start + 500]).values_list("ms", "seq"))
    fresh = wanted - seen
    ProcessedEntry.objects.bulk_create([ProcessedEntry(ms=ms, seq=seq) for ms, seq in sorted(fresh)], batch_size=500)
    return fresh


# --- applying aggregates -----------------------------------------------------------------------


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _apply_postgres(stream: str, agg: BatchAggregate, dead: int) -> dict:
    machines = sorted(agg.machines.items(), key=lambda kv: kv[0])  # one lock order for every consumer
    changes: dict = {"machines": 0, "regions": {}, "products": {}, "minutes": {}}
    with connection.cursor() as cursor:

        def upsert(
            table: str, key: str, types: tuple[str, ...], columns: tuple[str, ...], rows: list, extra=""
        ) -> list:
            if not rows:
                return []
            arrays = [list(col) for col in zip(*rows, strict=True)]
            unnest = ", ".join(f"%s::{t}[]" for t in types)
            sets = "total = t.total + EXCLUDED.total, count = t.count + EXCLUDED.count"
            cursor.execute(
                f"INSERT INTO {table} AS t ({', '.join(columns)}) SELECT * FROM unnest({unnest}) "  # noqa: S608
                f"ON CONFLICT ({key}) DO UPDATE SET {sets} RETURNING {', '.join(columns)}",
                arrays,
            )
            return cursor.fetchall()

        if machines:  # per-machine rows are not pushed live, so nothing is read back
            cursor.execute(
                f"INSERT INTO {MachineRevenue._meta.db_table} AS t (machine_id, region, total, count, last_sale_at) "  # noqa: S608
                "SELECT * FROM unnest(%s::uuid[], %s::varchar[], %s::numeric[], %s::bigint[], %s::timestamptz[]) "
                "ON CONFLICT (machine_id) DO UPDATE SET total = t.total + EXCLUDED.total, "
                "count = t.count + EXCLUDED.count, "
                "region = CASE WHEN t.last_sale_at IS NULL OR EXCLUDED.last_sale_at >= t.last_sale_at "
                "THEN EXCLUDED.region ELSE t.region END, "
                "last_sale_at = GREATEST(t.last_sale_at, EXCLUDED.last_sale_at)",
                [
                    [mid for mid, _ in machines],
                    [b.region for _, b in machines],
                    [b.total for _, b in machines],
                    [b.count for _, b in machines],
                    [_ms_to_dt(b.last_ms) for _, b in machines],
                ],
            )
            changes["machines"] = len(machines)
        for name, table, key, pytype, data in (
            ("regions", RegionRevenue._meta.db_table, "region", "varchar", agg.regions),
            ("products", ProductRevenue._meta.db_table, "product", "varchar", agg.products),
            ("minutes", MinuteRevenue._meta.db_table, "minute", "timestamptz", agg.minutes),
        ):
            rows = upsert(
                table, key, (pytype, "numeric", "bigint"), (key, "total", "count"),
                [(k, b.total, b.count) for k, b in sorted(data.items())],
            )  # fmt: skip
            for k, total, count in rows:
                changes[name][_iso(k) if name == "minutes" else k] = {"total": _money(total), "count": count}
        cursor.execute(
            f"INSERT INTO {RevenueTotals._meta.db_table} AS t "  # noqa: S608
            "(stream, total, count, dead_letters, last_event_at, updated_at) VALUES (%s, %s, %s, %s, %s, now()) "
            "ON CONFLICT (stream) DO UPDATE SET total = t.total + EXCLUDED.total, count = t.count + EXCLUDED.count, "
            "dead_letters = t.dead_letters + EXCLUDED.dead_letters, updated_at = now(), "
            "last_event_at = GREATEST(t.last_event_at, EXCLUDED.last_event_at) "
            "RETURNING total, count, dead_letters, last_event_at",
            [stream, agg.total, agg.count, dead, _ms_to_dt(agg.last_ms) if agg.last_ms else None],
        )
        total, count, dead_letters, last_event = cursor.fetchone()
    changes["totals"] = {
        "total": _money(total), "count": count, "dead_letters": dead_letters, "last_event_at": _iso(last_event),
    }  # fmt: skip
    return changes


def _apply_orm(stream: str, agg: BatchAggregate, dead: int) -> dict:
    changes: dict = {"machines": len(agg.machines), "regions": {}, "products": {}, "minutes": {}}
    existing = MachineRevenue.objects.in_bulk(list(agg.machines))
    create, update = [], []
    for mid, b in agg.machines.items():
        last = _ms_to_dt(b.last_ms)
        row = existing.get(mid)
        if row is None:
            row = MachineRevenue(machine_id=mid, region=b.region, total=b.total, count=b.count, last_sale_at=last)
            create.append(row)
        else:
            row.total += b.total
            row.count += b.count
            if row.last_sale_at is None or last >= row.last_sale_at:
                row.last_sale_at, row.region = last, b.region
            update.append(row)
    MachineRevenue.objects.bulk_create(create, batch_size=500)
    MachineRevenue.objects.bulk_update(update, ["total", "count", "last_sale_at", "region"], batch_size=500)
    for name, model, data in (
        ("regions", RegionRevenue, agg.regions),
        ("products", ProductRevenue, agg.products),
        ("minutes", MinuteRevenue, agg.minutes),
    ):
        existing = model.objects.in_bulk(list(data))
        create, update = [], []
        for key, b in data.items():
            row = existing.get(key)
            if row is None:
                row = model(pk=key, total=b.total, count=b.count)
                create.append(row)
            else:
                row.total += b.total
                row.count += b.count
                update.append(row)
            changes[name][_iso(key) if name == "minutes" else key] = {"total": _money(row.total), "count": row.count}
        model.objects.bulk_create(create)
        model.objects.bulk_update(update, ["total", "count"])
    totals, _ = RevenueTotals.objects.get_or_create(stream=stream)
    totals.total += agg.total
    totals.count += agg.count
    totals.dead_letters += dead
    if agg.last_ms:
        last = _ms_to_dt(agg.last_ms)
        totals.last_event_at = max(totals.last_event_at, last) if totals.last_event_at else last
    totals.updated_at = timezone.now()
    totals.save()
    changes["totals"] = {
        "total": _money(totals.total), "count": totals.count, "dead_letters": totals.dead_letters,
        "last_event_at": _iso(totals.last_event_at),
    }  # fmt: skip
    return changes


@dataclass(slots=True)
class ParsedBatch:
    """A batch parsed and checked against the contract, not yet applied (no database involved)."""

    ids: list[str]
    parsed: list[Sale | Rejected]
    gone: list[str]


def revenue_batch_parse(*, entries: Iterable[tuple[str, dict | None]]) -> ParsedBatch:
    """Parse a batch of stream entries (`(id, raw fields)`; fields None = trimmed away). Pure: the
    consumer parses the next batch while the previous one is being written."""
    now_ms = int(time.time() * 1000)
    batch = ParsedBatch(ids=[], parsed=[], gone=[])
    for stream_id, raw in entries:
        batch.ids.append(stream_id)
        if raw is None:
            batch.gone.append(stream_id)
        else:
            batch.parsed.append(parse_entry(stream_id, decode_fields(raw), now_ms=now_ms))
    return batch


def revenue_batch_apply(
    *,
    stream: str,
    known_machines: Callable[[set[uuid.UUID]], set[uuid.UUID]],
    entries: Iterable[tuple[str, dict | None]] | None = None,
    parsed: ParsedBatch | None = None,
) -> BatchOutcome:
    """Apply a batch of stream entries (raw `entries`, or a `parsed` batch) exactly once.
    `known_machines(ids)` returns which of the ids are machines of the fleet."""
    batch = parsed if parsed is not None else revenue_batch_parse(entries=entries or [])
    outcome = BatchOutcome(ids=batch.ids, read=len(batch.ids))
    gone = batch.gone
    sale_machines = {p.machine_id for p in batch.parsed if isinstance(p, Sale)}
    known = known_machines(sale_machines) if sale_machines else set()
    checked: list[Sale | Rejected] = []
    for p in batch.parsed:
        if isinstance(p, Sale) and p.machine_id not in known:
            p = Rejected(
                p.stream_id,
                {"machine_id": str(p.machine_id), "region": p.region, "item": p.item, "amount": str(p.amount),
                 "ts": str(p.ts_ms)},
                f"unknown machine: {p.machine_id}",
            )  # fmt: skip
        checked.append(p)
    keys = {p.stream_id: parse_stream_id(p.stream_id) for p in checked}
    with transaction.atomic():
        if keys:
            claim = _claim_postgres if connection.vendor == "postgresql" else _claim_orm
            fresh = claim(list(keys.values()))
        else:
            fresh = set()
        sales = [p for p in checked if isinstance(p, Sale) and keys[p.stream_id] in fresh]
        rejected = [p for p in checked if isinstance(p, Rejected) and keys[p.stream_id] in fresh]
        if rejected:
            DeadLetter.objects.bulk_create(
                [
                    DeadLetter(stream_id=r.stream_id, fields=_storable(r.fields), reason=_text(r.reason)[:500])
                    for r in rejected
                ],
                ignore_conflicts=True,
            )
        agg = aggregate(sales)
        if sales or rejected:
            apply = _apply_postgres if connection.vendor == "postgresql" else _apply_orm
            outcome.changes = apply(stream, agg, len(rejected))
    outcome.applied = len(sales)
    outcome.dead = len(rejected)
    outcome.duplicates = len(checked) - len(sales) - len(rejected)
    outcome.max_ts_ms = agg.last_ms
    if gone:
        outcome.gone = len(gone) - _already_processed(gone)
    return outcome


def _text(value: str) -> str:
    """Postgres text and JSON cannot hold NUL: a producer's stray NUL must not block the stream."""
    return value.replace("\x00", "\ufffd")


def _storable(fields: dict[str, str]) -> dict[str, str]:
    return {_text(k)[:200]: _text(v)[:2000] for k, v in list(fields.items())[:50]}


def _already_processed(stream_ids: list[str]) -> int:
    keys = [parse_stream_id(i) for i in stream_ids]
    ms_values = {k[0] for k in keys}
    seen = set(ProcessedEntry.objects.filter(ms__in=ms_values).values_list("ms", "seq"))
    return sum(1 for k in keys if k in seen)


@transaction.atomic
def trim_loss_record(*, after_id: str, before_id: str, lost: int | None) -> bool:
    """Record entries lost to trimming (once per gap: `after_id` is the group's last delivered id)."""
    _, created = TrimLoss.objects.get_or_create(after_id=after_id, defaults={"before_id": before_id, "lost": lost})
    return created


def processed_entries_prune(*, before_ms: int) -> int:
    """Forget ids older than the stream's first entry: such entries can never be delivered again."""
    deleted, _ = ProcessedEntry.objects.filter(ms__lt=before_ms).delete()
    return deleted
