"""The leader's loop: take write requests from the Redis stream, apply, reply, acknowledge, notify.

Write requests are entries of one Redis stream per cluster, read through one consumer group
(`leader`), by the current leader only (it reads only while its lease is valid). For each entry:
`applier.write_apply` (one Postgres transaction, fenced by epoch, idempotent by request id) →
the result is pushed to the request's reply list (the client waits on it with `BLPOP`) →
`XACK` → a change notification is published for the followers. An entry whose write did not
commit is not acknowledged, so it stays pending; a leader that takes over first claims every
pending entry of the group (`XAUTOCLAIM`, min idle 0: the dead leader's and its own) and applies
them before new ones; those that had committed are recognised by their request id and only
answered again.
"""

from __future__ import annotations

import json
import logging
import threading
import time

import redis
from django.db import close_old_connections

from vectordb.replication.applier import BadRequest, Fenced, fence_take_over, write_apply
from vectordb.replication.keys import GROUP, Keys
from vectordb.replication.lease import Lease

logger = logging.getLogger(__name__)

REPLY_TTL_MS = 10 * 60 * 1000
READ_COUNT = 32
BLOCK_MS = 200


def ensure_group(client: redis.Redis, keys: Keys) -> None:
    try:
        client.xgroup_create(keys.writes, GROUP, id="0", mkstream=True)
    except redis.ResponseError as exc:
        if "BUSYGROUP" not in str(exc):
            raise


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class Leader:
    def __init__(self, client: redis.Redis, keys: Keys, lease: Lease, node_id: str) -> None:
        self.client = client
        self.keys = keys
        self.lease = lease
        self.node_id = node_id
        self.epoch: int | None = None  # the epoch we have taken over with (fence recorded)
        self.applied = 0
        self.duplicates = 0
        self.fenced = 0

    def _take_over(self, epoch: int) -> bool:
        """New epoch: record it in Postgres (fencing the previous leader), then finish every
        pending entry of the group before reading new ones. False if that could not complete
        (it is tried again on the next round)."""
        fence_take_over(cluster=self.keys.cluster, epoch=epoch, leader=self.node_id)
        ensure_group(self.client, self.keys)
        logger.info("node %s is the leader (epoch %s)", self.node_id, epoch)
        if not self._drain_pending():
            return False
        self.epoch = epoch
        return True

    def _drain_pending(self) -> bool:
        start = "0-0"
        while self.lease.held():
            reply = self.client.xautoclaim(
                self.keys.writes, GROUP, self.node_id, min_idle_time=0, start_id=start, count=READ_COUNT
            )
            start, entries = _text(reply[0]), reply[1]
            for entry_id, fields in entries:
                if fields is not None and not self._process(entry_id, fields):
                    return False
            if start == "0-0":
                return True
        return False

    def step(self) -> None:
        """One round as leader (call only while the lease is held)."""
        epoch = self.lease.epoch
        if epoch is None or not self.lease.held():
            return
        if self.epoch != epoch and not self._take_over(epoch):
            return
        entries = self.client.xreadgroup(GROUP, self.node_id, {self.keys.writes: ">"}, count=READ_COUNT, block=BLOCK_MS)
        for _stream, items in entries or []:
            for entry_id, fields in items:
                if not self._process(entry_id, fields):
                    self.epoch = None  # re-claim what is left pending on the next round
                    return

    def _process(self, entry_id, fields: dict) -> bool:
        """Apply one entry; False if we must stop (fenced, lease gone, database error)."""
        if not self.lease.held():
            return False
        decoded = {_text(k): _text(v) for k, v in fields.items()}
        request_id = decoded.get("request_id", "")
        try:
            payload = json.loads(decoded.get("payload", "null"))
        except ValueError:
            payload = None
        try:
            outcome = write_apply(
                cluster=self.keys.cluster,
                epoch=self.lease.epoch or 0,
                leader=self.node_id,
                request_id=request_id,
                op=decoded.get("op", ""),
                payload=payload,
            )
        except Fenced as exc:
            self.fenced += 1
            logger.warning("node %s: %s; stepping down", self.node_id, exc)
            self.lease.holder = None
            return False
        except BadRequest as exc:  # no usable request id: nothing to answer, drop it
            logger.warning("dropping write entry %s: %s", entry_id, exc)
            self.client.xack(self.keys.writes, GROUP, entry_id)
            return True
        except Exception:
            logger.exception("write %s not applied; it stays pending", request_id)
            close_old_connections()
            time.sleep(0.2)
            return False
        if outcome.duplicate:
            self.duplicates += 1
        else:
            self.applied += 1
        message = json.dumps({**outcome.as_message(), "leader": self.node_id})
        reply_key = self.keys.reply(request_id)
        pipe = self.client.pipeline(transaction=False)
        pipe.rpush(reply_key, message)
        pipe.pexpire(reply_key, REPLY_TTL_MS)
        pipe.xack(self.keys.writes, GROUP, entry_id)
        if outcome.ok and outcome.version is not None and outcome.library_pk is not None:
            note = {"library_id": outcome.library_pk, "version": outcome.version}  # internal key, as replicas hold it
            pipe.publish(self.keys.changes, json.dumps(note))
        pipe.execute()
        return True


def lead(leader: Leader, lease: Lease, *, stop: threading.Event) -> None:
    """The leader thread: works while this node holds the lease, idles otherwise."""
    while not stop.is_set():
        if not lease.held():
            leader.epoch = None
            stop.wait(0.05)
            continue
        try:
            leader.step()
        except redis.RedisError:
            logger.exception("leader: Redis error")
            leader.epoch = None
            stop.wait(0.5)
        except Exception:
            logger.exception("leader loop")
            leader.epoch = None
            close_old_connections()
            stop.wait(0.5)


def keep_lease(lease: Lease, *, fence_floor, stop: threading.Event, on_change=None) -> None:
    """The lease thread: renew every ttl/3 while leader; otherwise try to take it as often."""
    interval = lease.ttl_ms / 3000
    was_leader = False
    while not stop.is_set():
        try:
            is_leader = lease.renew() if lease.holder is not None else lease.try_acquire(epoch_floor=fence_floor())
        except Exception:
            logger.exception("lease")
            close_old_connections()
            is_leader = lease.held()
        if is_leader != was_leader and on_change:
            on_change(is_leader)
        was_leader = is_leader
        stop.wait(interval)
