"""The leader lease: one Redis key held with `SET key value NX PX ttl`, renewed by compare-and-extend.

Whoever holds the key is the leader until it stops renewing it (a crash, a pause, a partition):
then the key expires and another node's `SET NX` succeeds. Each acquisition takes a new fencing
epoch from a Redis counter (`INCR`), strictly greater than every earlier one; the epoch goes into
the lease's value and into every write the leader applies, where Postgres refuses it once a
higher epoch has been recorded (`vectordb.replication.applier`). The lease alone only makes two
leaders unlikely; the fence in Postgres makes two leaders' writes impossible.

Plain Python and redis-py only: no Django, testable against any Redis.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import redis

# KEYS[1] = lease key, ARGV[1] = our value, ARGV[2] = ttl ms: extend only if we still hold it.
_EXTEND = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
# KEYS[1] = lease key, ARGV[1] = our value: delete only if we still hold it.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""
# KEYS[1] = epoch counter, ARGV[1] = a floor: raise the counter to at least the floor, return it.
_RAISE = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1])
  return tonumber(ARGV[1])
end
return current
"""


@dataclass(frozen=True)
class Holder:
    node_id: str
    epoch: int

    @classmethod
    def parse(cls, raw: str | bytes | None) -> Holder | None:
        if raw is None:
            return None
        text = raw.decode() if isinstance(raw, bytes) else raw
        node, _, epoch = text.rpartition("|")
        try:
            return cls(node, int(epoch))
        except ValueError:
            return None

    def value(self) -> str:
        return f"{self.node_id}|{self.epoch}"


class Lease:
    """This node's view of the leader lease of one cluster.

    `try_acquire()` and `renew()` return whether we hold the lease; `held()` is the local answer,
    which errs on the safe side: it turns false `safety` of the ttl after the last successful
    renewal began, before the key can expire in Redis (clocks are only compared within this
    process: `time.monotonic`)."""

    def __init__(
        self, client: redis.Redis, *, key: str, epoch_key: str, node_id: str, ttl_ms: int, safety: float = 0.8
    ) -> None:
        if "|" in node_id or not node_id:
            raise ValueError("a node id is a non-empty string without '|'")
        self.client = client
        self.key = key
        self.epoch_key = epoch_key
        self.node_id = node_id
        self.ttl_ms = int(ttl_ms)
        self.safety = safety
        self.holder: Holder | None = None
        self._valid_until = 0.0
        self._extend = client.register_script(_EXTEND)
        self._release = client.register_script(_RELEASE)
        self._raise = client.register_script(_RAISE)

    @property
    def epoch(self) -> int | None:
        return self.holder.epoch if self.holder else None

    def held(self) -> bool:
        return self.holder is not None and time.monotonic() < self._valid_until

    def current(self) -> Holder | None:
        """Who holds the lease now, as Redis says."""
        return Holder.parse(self.client.get(self.key))

    def try_acquire(self, *, epoch_floor: int = 0) -> bool:
        """Take the lease if nobody holds it, with a new epoch above every earlier one and above
        `epoch_floor` (the highest epoch Postgres has recorded, in case Redis lost its counter)."""
        if self.held():
            return self.renew()
        if self.client.exists(self.key):  # held by someone: do not burn an epoch number
            self.holder = None
            return False
        started = time.monotonic()
        epoch = int(self.client.incr(self.epoch_key))
        if epoch <= epoch_floor:
            epoch = int(self._raise(keys=[self.epoch_key], args=[epoch_floor + 1]))
            if epoch <= epoch_floor:  # pragma: no cover (the script raised it)
                return False
        holder = Holder(self.node_id, epoch)
        if self.client.set(self.key, holder.value(), nx=True, px=self.ttl_ms):
            self.holder = holder
            self._valid_until = started + self.ttl_ms / 1000 * self.safety
            return True
        self.holder = None
        return False

    def renew(self) -> bool:
        """Extend our lease by a full ttl if it is still ours; False (and we are no longer leader)
        if it expired or someone else holds it."""
        if self.holder is None:
            return False
        started = time.monotonic()
        if self._extend(keys=[self.key], args=[self.holder.value(), self.ttl_ms]):
            self._valid_until = started + self.ttl_ms / 1000 * self.safety
            return True
        self.holder = None
        self._valid_until = 0.0
        return False

    def release(self) -> bool:
        """Give the lease up (clean shutdown), so another node need not wait for it to expire."""
        holder, self.holder, self._valid_until = self.holder, None, 0.0
        if holder is None:
            return False
        return bool(self._release(keys=[self.key], args=[holder.value()]))
