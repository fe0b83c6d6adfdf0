"""A per-process background publisher, so a request never waits for the broker.

The chat hands a new thread's id to `submit` after its transaction commits (a queue put, a few
microseconds); one daemon thread per process publishes the classification jobs. If the broker is
slow or down, only that thread waits or fails (and logs); if the process dies with ids still queued,
those threads stay unlabelled until the periodic sweep enqueues them. So nothing here is state that
must survive: the database (unlabelled threads) is the source of truth.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable

logger = logging.getLogger(__name__)

MAX_PENDING = 10_000  # beyond this (a long broker outage) ids are dropped: the sweep finds them


class Outbox:
    def __init__(self, publish: Callable[[int], object], max_pending: int = MAX_PENDING) -> None:
        self._publish = publish
        self._queue: queue.Queue[int] = queue.Queue(maxsize=max_pending)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None

    def submit(self, item: int) -> bool:
        """Queue an id for publishing; False when the outbox is full (the item is dropped)."""
        self._ensure_running()
        try:
            self._queue.put_nowait(item)
        except queue.Full:
            logger.warning("Classification outbox full; thread %s is left to the sweep", item)
            return False
        return True

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted so far was handed to the broker (or failed); for tests and
        shutdown. True when drained in time."""
        done = threading.Event()
        waiter = threading.Thread(target=lambda: (self._queue.join(), done.set()), daemon=True)
        waiter.start()
        return done.wait(timeout)

    def _ensure_running(self) -> None:
        pid = os.getpid()
        if self._thread is not None and self._pid == pid and self._thread.is_alive():
            return
        with self._lock:
            if self._thread is not None and self._pid == pid and self._thread.is_alive():
                return
            if self._pid != pid:  # forked: the parent's thread and queue do not exist here
                self._queue = queue.Queue(maxsize=self._queue.maxsize)
            self._pid = pid
            self._thread = threading.Thread(target=self._run, name="classification-outbox", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            try:
                self._publish(item)
            except Exception:  # the publisher logs its own failures; never let the thread die
                logger.exception("Publishing %s from the outbox failed", item)
            finally:
                self._queue.task_done()
