"""A node's replicas of library indexes, applied up to a known version and fed by the change log.

Unlike the web process's `runtime.registry` (which reads the library's `version` before every
query), a node answers from what it has applied and keeps applying in the background: the
change notifications (Redis pub/sub) wake it, and a poll of the loaded libraries' versions every
`poll_interval` seconds catches anything a notification missed. The durable feed is the
`ChunkChange` log by sequence: catching up replays it from the replica's `applied_seq`; a
replica whose `applied_seq` is below the library's `log_floor` (the log was pruned past it, e.g.
after it was down for long) reloads from the newest snapshot and replays from there.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import close_old_connections

from vectordb.models import Library
from vectordb.runtime import LibraryState, LiveIndex, library_state, load

logger = logging.getLogger(__name__)


class Replicas:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._live: dict[int, LiveIndex] = {}
        self._loading: dict[int, threading.Lock] = {}
        self._changed = threading.Condition()
        self.reloads = 0  # loads from a snapshot (or the chunks) after the first one
        self.applied_total = 0

    # --- state -------------------------------------------------------------------------------
    def loaded(self) -> dict[int, int]:
        """Library id -> version applied here."""
        with self._lock:
            return {lib: live.applied_seq for lib, live in self._live.items()}

    def applied(self, library_id: int) -> int | None:
        live = self._live.get(library_id)
        return live.applied_seq if live else None

    def discard(self, library_id: int) -> None:
        with self._lock:
            self._live.pop(library_id, None)

    # --- loading and catching up -------------------------------------------------------------
    def _needs_load(self, live: LiveIndex | None, state: LibraryState) -> bool:
        return live is None or live.config != state.config or live.applied_seq < state.log_floor

    def sync(
        self, library_id: int, state: LibraryState | None = None, *, load_missing: bool = False
    ) -> LiveIndex | None:
        """Bring the replica of a library up to the version Postgres has now (loading it first if
        `load_missing`, or reloading it if its index changed or the log was pruned past it)."""
        state = state or library_state(library_id)
        if state is None:
            self.discard(library_id)
            return None
        live = self._live.get(library_id)
        if live is None and not load_missing:
            return None
        if self._needs_load(live, state):
            with self._lock:
                loading = self._loading.setdefault(library_id, threading.Lock())
            with loading:
                live = self._live.get(library_id)
                if self._needs_load(live, state):
                    if live is not None:
                        self.reloads += 1
                        logger.info(
                            "library %s: reloading (applied %s, log floor %s)",
                            library_id,
                            live.applied_seq,
                            state.log_floor,
                        )
                    live = load(state)
                    with self._lock:
                        self._live[library_id] = live
        with live.lock:
            before = live.applied_seq
            live.catch_up(state)
            self.applied_total += max(0, live.applied_seq - before)
        with self._changed:
            self._changed.notify_all()
        return live

    def sync_loaded(self) -> None:
        """Catch every loaded library up (one query for all their states)."""
        ids = list(self._live)
        if not ids:
            return
        fields = ("id", "version", "index_generation", "log_floor", "index_type", "index_params", "dimension", "metric")
        states = {row["id"]: LibraryState(**row) for row in Library.objects.filter(pk__in=ids).values(*fields)}
        for library_id in ids:
            state = states.get(library_id)
            if state is None:
                self.discard(library_id)
                continue
            live = self._live.get(library_id)
            if live is not None and live.applied_seq >= state.version and not self._needs_load(live, state):
                continue
            self.sync(library_id, state)

    def get(self, library_id: int, *, min_version: int = 0, strong: bool = False, timeout: float = 5.0):
        """The replica of a library for a read: loaded on first use; with `strong`, caught up to
        Postgres' current version first; with `min_version`, waited for until it has applied at
        least that version (or `timeout` passes: returns what it has, the caller decides).
        Returns `(live, applied_version)` or None if the library does not exist."""
        live = self._live.get(library_id)
        if live is None or strong or live.applied_seq < min_version:
            live = self.sync(library_id, load_missing=True)
            if live is None:
                return None
        deadline = time.monotonic() + timeout
        while live.applied_seq < min_version and time.monotonic() < deadline:
            with self._changed:
                self._changed.wait(timeout=min(0.05, max(0.0, deadline - time.monotonic())))
            live = self.sync(library_id, load_missing=True)
            if live is None:
                return None
        return live, live.applied_seq


def follow(replicas: Replicas, pubsub_factory, *, poll_interval: float, stop: threading.Event) -> None:
    """The follower loop: apply on each change notification, and poll every `poll_interval`.

    `pubsub_factory()` returns a subscribed redis-py PubSub; while Redis is unreachable the loop
    keeps polling Postgres (the notifications are only a wake-up; the log is the feed)."""
    pubsub = None
    next_poll = 0.0
    while not stop.is_set():
        try:
            if pubsub is None:
                try:
                    pubsub = pubsub_factory()
                except Exception:  # Redis down: poll Postgres only, retry later
                    pubsub = None
            message = None
            if pubsub is not None:
                try:
                    message = pubsub.get_message(ignore_subscribe_messages=True, timeout=min(poll_interval, 0.5))
                except Exception:
                    pubsub = None
            else:
                stop.wait(min(poll_interval, 0.5))
            if message and message.get("type") == "message":
                _on_notification(replicas, message.get("data"))
            if time.monotonic() >= next_poll:
                replicas.sync_loaded()
                next_poll = time.monotonic() + poll_interval
        except Exception:
            logger.exception("follower loop")
            close_old_connections()
            stop.wait(0.5)


def _on_notification(replicas: Replicas, data) -> None:
    import json

    try:
        note = json.loads(data)
        library_id, version = int(note["library_id"]), int(note["version"])
    except (TypeError, ValueError, KeyError):
        return
    applied = replicas.applied(library_id)
    if applied is not None and applied < version:
        replicas.sync(library_id)
