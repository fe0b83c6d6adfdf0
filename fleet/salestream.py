"""The revenue stream contract (no Django): where sales go and how an entry looks.

Stream `vendomo:revenue:events`, one entry a sale, every field a string: `machine_id` (UUID),
`region` (state code), `item` (product name), `amount` (USD, "2.50"), `ts` (epoch milliseconds).
Appended with `XADD … MAXLEN ~ 50000`.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

STREAM_KEY = "vendomo:revenue:events"
STREAM_MAXLEN = 50_000
FIELDS = ("machine_id", "region", "item", "amount", "ts")


def sale_entry(*, machine_id: uuid.UUID | str, region: str, item: str, amount: Decimal, ts_ms: int) -> dict[str, str]:
    return {
        "machine_id": str(machine_id),
        "region": region,
        "item": item,
        "amount": f"{amount:.2f}",
        "ts": str(int(ts_ms)),
    }
