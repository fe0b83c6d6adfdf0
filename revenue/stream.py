"""The Redis side of the revenue consumer: the consumer group, reads that detect trimmed history
atomically, pending entries, claims, acks and the stream's bookkeeping (no Django).

Trimmed history. Redis 7 keeps `entries-added` for the stream and `entries-read` for each group.
When the stream's first entry lies beyond the group's last delivered id, the entries the group never
read and the stream no longer holds were trimmed away: `lost = entries-added - entries-read - length`.
`READ_SCRIPT` checks that and reads the next batch in one atomic step (so no trim can slip in between),
records the loss in a Redis hash (durable until the consumer has written it to Postgres), and sets the
group's `entries-read` past the gap so that the group's lag stays right and the loss is counted once.
Redis 6.2 has neither counter: a gap is then reported as possible, with no count.
"""

from __future__ import annotations

from dataclasses import dataclass

import redis as redis_lib

GROUP = "revenue"
LOSSES_SUFFIX = ":trim-losses"

READ_SCRIPT = """
local stream, losses = KEYS[1], KEYS[2]
local group, consumer, count = ARGV[1], ARGV[2], ARGV[3]
local function parts(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local function gt(a, b)
  local am, as = parts(a)
  local bm, bs = parts(b)
  if am ~= bm then return am > bm end
  return as > bs
end
local function as_map(flat)
  local m = {}
  for i = 1, #flat, 2 do m[flat[i]] = flat[i + 1] end
  return m
end
local gap = {}
local last = '0-0'
if redis.call('EXISTS', stream) == 1 then
  local info = as_map(redis.call('XINFO', 'STREAM', stream))
  local g = nil
  for _, raw in ipairs(redis.call('XINFO', 'GROUPS', stream)) do
    local m = as_map(raw)
    if m['name'] == group then g = m end
  end
  if g then
    last = g['last-delivered-id']
    local length = tonumber(info['length'])
    local first = nil
    if info['recorded-first-entry-id'] then
      first = info['recorded-first-entry-id']
    elseif info['first-entry'] then
      first = info['first-entry'][1]
    end
    local added = info['entries-added']
    local read = g['entries-read']
    if added then
      if read then
        local unread = tonumber(added) - tonumber(read)
        local behind = (length == 0) or (first ~= nil and gt(first, last))
        if behind and unread > length then
          redis.call('XGROUP', 'SETID', stream, group, last, 'ENTRIESREAD', tonumber(added) - length)
          gap = {last, first or '', tostring(unread - length)}
        end
      end
    elseif last ~= '0-0' and length > 0 and first ~= nil and gt(first, last) then
      gap = {last, first, '-1'}
    end
    if #gap > 0 then
      redis.call('HSET', losses, gap[1], gap[2] .. '|' .. gap[3])
    end
  end
end
local entries = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', count, 'STREAMS', stream, '>')
return {gap, entries, last}
"""

Entry = tuple[str, dict | None]  # (stream id, raw fields; None when the entry was trimmed away)


@dataclass(slots=True)
class Gap:
    after_id: str
    before_id: str
    lost: int | None  # None: Redis < 7 cannot count


def _s(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _entries(raw) -> list[Entry]:
    out: list[Entry] = []
    for item in raw or []:
        stream_id, flat = item[0], item[1]
        if flat is None:
            out.append((_s(stream_id), None))
        elif isinstance(flat, dict):
            out.append((_s(stream_id), flat))
        else:
            out.append((_s(stream_id), {flat[i]: flat[i + 1] for i in range(0, len(flat), 2)}))
    return out


class RevenueStream:
    def __init__(self, client: redis_lib.Redis, *, stream: str, group: str = GROUP) -> None:
        self.redis = client
        self.stream = stream
        self.group = group
        self.losses_key = stream + LOSSES_SUFFIX
        self._read = client.register_script(READ_SCRIPT)

    def ensure_group(self) -> None:
        """Create the group at the start of the stream (so what the stream holds is counted)."""
        try:
            self.redis.xgroup_create(self.stream, self.group, id="0", mkstream=True)
        except redis_lib.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    def read_new(self, consumer: str, count: int) -> tuple[list[Entry], str]:
        """Entries never delivered to the group (and any trim gap before them, recorded as a loss).
        Returns the entries and the group's last delivered id before this read."""
        try:
            _gap, raw, last = self._read(keys=[self.stream, self.losses_key], args=[self.group, consumer, count])
        except redis_lib.ResponseError as exc:
            if "NOGROUP" in str(exc):
                self.ensure_group()
                return [], "0-0"
            raise
        entries: list[Entry] = []
        for _stream, items in raw or []:
            entries.extend(_entries(items))
        return entries, _s(last)

    def read_own_pending(self, consumer: str, count: int, after: str = "0") -> list[Entry]:
        """Entries delivered to this consumer and not yet acknowledged (e.g. before a crash)."""
        reply = self.redis.xreadgroup(self.group, consumer, {self.stream: after}, count=count)
        entries: list[Entry] = []
        for _, items in reply or []:
            entries.extend(_entries(items))
        return entries

    def claim_idle(self, consumer: str, *, min_idle_ms: int, count: int, start: str = "0-0") -> tuple[str, list[Entry]]:
        """Take over entries other consumers were given and did not acknowledge for `min_idle_ms`.
        Trimmed ones come back with no fields."""
        reply = self.redis.execute_command(
            "XAUTOCLAIM", self.stream, self.group, consumer, min_idle_ms, start, "COUNT", count
        )
        next_start = _s(reply[0])
        entries = _entries(reply[1])
        if len(reply) > 2:  # Redis 7: ids that were deleted, already dropped from the pending list
            entries.extend((_s(i), None) for i in reply[2] or [])
        return next_start, entries

    def forget_idle_consumers(self, *, idle_ms: int, keep: str) -> list[str]:
        """Remove consumers that hold nothing and were idle for `idle_ms` (restarted processes with
        host-pid names would otherwise pile up in the group)."""
        removed = []
        for info in self.redis.xinfo_consumers(self.stream, self.group):
            name = _s(info.get("name"))
            if name != keep and info.get("pending", 0) == 0 and info.get("idle", 0) >= idle_ms:
                self.redis.xgroup_delconsumer(self.stream, self.group, name)
                removed.append(name)
        return removed

    def ack(self, ids: list[str]) -> None:
        if ids:
            self.redis.xack(self.stream, self.group, *ids)

    def wait_for_entries(self, after_id: str, timeout_ms: int) -> None:
        """Block until the stream has an entry newer than `after_id` (or the timeout)."""
        if timeout_ms > 0:
            self.redis.xread({self.stream: after_id or "0-0"}, count=1, block=timeout_ms)

    def pending_losses(self) -> list[Gap]:
        gaps = []
        for after, value in (self.redis.hgetall(self.losses_key) or {}).items():
            before, _, lost = _s(value).partition("|")
            count = int(lost) if lost.lstrip("-").isdigit() else -1
            gaps.append(Gap(_s(after), before, None if count < 0 else count))
        return gaps

    def forget_losses(self, gaps: list[Gap]) -> None:
        if gaps:
            self.redis.hdel(self.losses_key, *[g.after_id for g in gaps])

    def first_entry_ms(self) -> int | None:
        first = self.redis.xrange(self.stream, count=1)
        return int(_s(first[0][0]).split("-")[0]) if first else None

    def status(self) -> dict:
        """Length, entries added, the group's lag and pending count (lag: Redis 7's own figure, or
        counted from the stream on 6.2, capped at 10,000)."""
        out = {"length": 0, "entries_added": None, "lag": None, "pending": 0, "consumers": 0, "exact": False}
        try:
            info = self.redis.xinfo_stream(self.stream)
        except redis_lib.ResponseError:
            return out  # no stream yet
        out["length"] = info.get("length", 0)
        out["entries_added"] = info.get("entries-added")
        out["exact"] = "entries-added" in info
        for group in self.redis.xinfo_groups(self.stream):
            if _s(group.get("name")) != self.group:
                continue
            out["pending"] = group.get("pending", 0)
            out["consumers"] = group.get("consumers", 0)
            lag = group.get("lag")
            if lag is None:
                last = _s(group.get("last-delivered-id", "0-0"))
                lag = len(self.redis.xrange(self.stream, min=f"({last}", count=10_000)) if last else None
            out["lag"] = lag
        return out
