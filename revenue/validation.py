"""Parsing and checking one stream entry against the contract (no Django).

A good entry becomes a `Sale`; a bad one (missing field, wrong type, non-numeric or negative amount,
malformed UUID, absurd timestamp) becomes a `Rejected` with the reason, for the dead letters.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

REQUIRED = ("machine_id", "region", "item", "amount", "ts")
MAX_AMOUNT = Decimal("100000")
MIN_TS_MS = 946_684_800_000  # 2000-01-01
FUTURE_SLACK_MS = 24 * 3600 * 1000
_CENTS = Decimal("0.01")


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs several times more per entry
class Sale:
    stream_id: str
    machine_id: uuid.UUID
    region: str
    item: str
    amount: Decimal
    ts_ms: int

    @property
    def at(self) -> datetime:
        return datetime.fromtimestamp(self.ts_ms / 1000, tz=UTC)


@dataclass(frozen=True, slots=True)
class Rejected:
    stream_id: str
    fields: dict[str, str]
    reason: str


def decode_fields(raw: dict) -> dict[str, str]:
    """Fields as text (a client with decode_responses gives str already; bytes are decoded leniently)."""
    if not raw:
        return {}
    if type(next(iter(raw))) is str:  # a client with decode_responses: all text already
        return raw
    out: dict[str, str] = {}
    for key, value in raw.items():
        k = key.decode("utf-8", "replace") if isinstance(key, bytes) else str(key)
        v = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        out[k] = v
    return out


_I64 = 1 << 63


def _signed(value: int) -> int:
    """Stream id parts are unsigned 64-bit; map them one-to-one onto signed BIGINT."""
    return value - (1 << 64) if value >= _I64 else value


def parse_stream_id(stream_id: str) -> tuple[int, int]:
    ms, _, seq = stream_id.partition("-")
    return _signed(int(ms)), _signed(int(seq or 0))


def parse_entry(stream_id: str, fields: dict[str, str], *, now_ms: int) -> Sale | Rejected:
    def reject(reason: str) -> Rejected:
        return Rejected(stream_id, fields, reason)

    try:
        raw_id = fields["machine_id"].strip()
        region = fields["region"].strip()
        item = fields["item"].strip()
        raw_amount = fields["amount"].strip()
        ts_raw = fields["ts"].strip()
    except (KeyError, AttributeError):
        raw_id = region = item = raw_amount = ts_raw = ""
    if not (raw_id and region and item and raw_amount and ts_raw):
        missing = [name for name in REQUIRED if not fields.get(name, "").strip()]
        return reject(f"missing field(s): {', '.join(missing)}")
    try:
        machine_id = uuid.UUID(raw_id)
    except ValueError:
        return reject(f"machine_id is not a UUID: {raw_id[:60]!r}")
    if not (2 <= len(region) <= 8 and region.isascii() and region.isalpha()):
        return reject(f"region is not a state code: {region[:20]!r}")
    if len(item) > 100 or "\x00" in item:
        return reject("item is longer than 100 characters or has a NUL")
    try:
        amount = Decimal(raw_amount)
    except InvalidOperation:
        return reject(f"amount is not a number: {raw_amount[:40]!r}")
    if not amount.is_finite():
        return reject(f"amount is not a finite number: {raw_amount[:40]!r}")
    if amount < 0:
        return reject(f"amount is negative: {amount}")
    if amount > MAX_AMOUNT:
        return reject(f"amount is implausibly large: {amount}")
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(_CENTS):
        return reject(f"amount has fractions of a cent: {amount}")
    if not (ts_raw.isascii() and ts_raw.isdigit()):
        return reject(f"ts is not epoch milliseconds: {ts_raw[:40]!r}")
    ts_ms = int(ts_raw)
    if ts_ms < MIN_TS_MS or ts_ms > now_ms + FUTURE_SLACK_MS:
        return reject(f"ts is out of range: {ts_ms}")
    return Sale(stream_id, machine_id, region.upper(), item, amount.quantize(_CENTS), ts_ms)
