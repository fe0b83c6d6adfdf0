"""Live classification: new threads are labelled in concurrent batches, not one task per thread.

The chat's outbox thread (after commit, never in the request) pushes the new thread's id onto one
Redis list and publishes a `classify_live` task on the `live` queue unless one is already pending
(the `KICK_KEY` flag: set with NX when a task is published, deleted by the task just before it pops,
so an id pushed at any moment is either seen by the pending task or publishes a new one; the flag
expires after `KICK_TTL_MS` in case the published task is lost).
A `classify_live` task pops up to `BATCH` ids at once and classifies them concurrently (64 classifier
calls at a time, like a backfill chunk), and pops again while ids keep coming (for up to a minute),
so once a worker process is on live work it stays there through a burst rather than waiting behind
backfill chunks for each batch; if ids remain after a pop it first publishes another
`classify_live`, so a backlog is drained by every free worker slot in parallel. At the 2 s stand-in
classifier one worker slot labels up to 64 threads every 2 s (32/s); a burst builds up batches, never
a queue of tasks.

Nothing here must survive: ids popped by a worker that then dies, or pushed while Redis was down,
belong to threads that are still unlabelled in the database, and the sweep (on the same `live`
queue, every minute, 60 s grace) pushes them again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import redis
from django.conf import settings

logger = logging.getLogger(__name__)

QUEUE_KEY = "vendomo:threads:live"
KICK_KEY = "vendomo:threads:live:kick"
KICK_TTL_MS = 30_000
BATCH = 64

_client: redis.Redis | None = None


def client() -> redis.Redis:
    global _client
    if _client is None:
        _client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
    return _client


def batch_size() -> int:
    return max(1, getattr(settings, "THREADS_LIVE_BATCH", BATCH))


def kick() -> None:
    from threads.tasks import classify_live

    classify_live.apply_async(retry=False)


def push(thread_ids: Iterable[int]) -> int:
    """Queue threads for live classification and make sure a drain task is coming. Raises on a Redis or
    broker error (the caller logs it; the sweep finds the threads)."""
    ids = [int(pk) for pk in thread_ids]
    r = client()
    if not ids:  # an empty push only makes sure a task is coming for what is queued
        _kick_unless_pending(r)
        return 0
    with r.pipeline(transaction=False) as pipe:  # one round trip: push, then claim the kick
        pipe.rpush(QUEUE_KEY, *ids)
        pipe.set(KICK_KEY, 1, nx=True, px=KICK_TTL_MS)
        _, claimed = pipe.execute()
    if claimed:
        _kick(r)
    return len(ids)


def _kick_unless_pending(r: redis.Redis) -> None:
    if r.set(KICK_KEY, 1, nx=True, px=KICK_TTL_MS):
        _kick(r)


def _kick(r: redis.Redis) -> None:
    """Publish the drain task whose flag the caller just set."""
    try:
        kick()
    except Exception:
        r.delete(KICK_KEY)  # nothing is pending after all: let the next push try
        raise


def pop() -> list[int]:
    """Up to one batch of queued ids; publishes another drain task first when more are waiting."""
    r = client()
    with r.pipeline() as pipe:  # MULTI: the flag goes with this pop, atomically
        pipe.delete(KICK_KEY)
        pipe.lpop(QUEUE_KEY, batch_size())
        pipe.llen(QUEUE_KEY)
        _, popped, remaining = pipe.execute()
    if remaining:
        try:
            _kick_unless_pending(r)
        except Exception as exc:  # the next push, or the sweep, carries on
            logger.warning("Could not publish the next live classification batch (%s)", exc)
    return [int(pk) for pk in popped or []]


def pending() -> int:
    return int(client().llen(QUEUE_KEY))
