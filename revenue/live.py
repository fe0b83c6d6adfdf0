"""Helpers of the consumer process: which machines exist, and the coalesced live push."""

from __future__ import annotations

import logging
import time
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from fleet.selectors import existing_machine_ids
from revenue import selectors
from revenue.services import BatchOutcome

logger = logging.getLogger(__name__)
LIVE_GROUP = "revenue.live"


class KnownMachines:
    """Machine ids known to exist, refreshed in full every few minutes (deleted machines drop out);
    ids not seen yet are looked up in the fleet when they first appear."""

    def __init__(self, refresh_seconds: float = 300.0) -> None:
        self.refresh_seconds = refresh_seconds
        self._known: set[uuid.UUID] = set()
        self._loaded_at = -1e18

    def __call__(self, ids: set[uuid.UUID]) -> set[uuid.UUID]:
        if time.monotonic() - self._loaded_at > self.refresh_seconds:
            self._known = set()
            self._loaded_at = time.monotonic()
        missing = ids - self._known
        if missing:
            self._known |= existing_machine_ids(ids=missing)
        return ids & self._known


class LivePusher:
    """Coalesces committed batches into at most one websocket message per `interval` seconds,
    plus a status heartbeat every `heartbeat` seconds. Pushing is best effort: the data is in Postgres."""

    def __init__(self, interval: float = 0.25, heartbeat: float = 5.0, top: int = 10) -> None:
        self.interval = interval
        self.heartbeat = heartbeat
        self.top = top
        self.layer = get_channel_layer()
        self._dirty = False
        self._ids: list[str] = []
        self._minutes: dict = {}
        self._products: dict = {}
        self._last_sent = 0.0

    def add(self, outcome: BatchOutcome) -> None:
        if not outcome.changes:
            return
        self._dirty = True
        self._minutes.update(outcome.changes.get("minutes", {}))
        self._products.update(outcome.changes.get("products", {}))
        if len(self._ids) < 500:
            self._ids.extend(outcome.ids[: 500 - len(self._ids)])

    def seconds_until_due(self) -> float:
        wait = self.interval if self._dirty else self.heartbeat
        return max(0.0, self._last_sent + wait - time.monotonic())

    def flush(self, *, force: bool = False) -> bool:
        if not force and self.seconds_until_due() > 0:
            return False
        self._last_sent = time.monotonic()
        message = {
            "type": "update" if self._dirty else "status",
            "summary": _jsonable(selectors.summary()),
            "stream_ids": self._ids,
            "sent_ms": int(time.time() * 1000),
        }
        if self._dirty:
            message["top_machines"] = _jsonable(selectors.top_machines(top=self.top))
            message["regions"] = selectors.regions()
            message["products"] = self._products
            message["minutes"] = self._minutes
        self._dirty, self._ids, self._minutes, self._products = False, [], {}, {}
        if self.layer is None:
            return False
        try:
            async_to_sync(self.layer.group_send)(LIVE_GROUP, {"type": "revenue.update", "message": message})
        except Exception as exc:  # the channel layer's Redis may be down; the next push catches up
            logger.warning("live push failed: %s", exc)
            return False
        return True


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, uuid.UUID):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
