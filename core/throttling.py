"""Throttles keyed on the real client address, counted in one Redis round trip.

DRF's own `get_ident` trusts the first `X-Forwarded-For` hop whenever `NUM_PROXIES` is unset, so a
client picks its own throttle bucket by sending the header. Here the connecting address
(`REMOTE_ADDR`) is the client unless it is one of `settings.TRUSTED_PROXIES` (IPs or CIDRs); then
`X-Forwarded-For` is read from the right, skipping trusted proxies, and the first other address
is the client.

DRF's `SimpleRateThrottle` keeps a client's history as a pickled list in the cache: a `get` and a `set`
of the whole list on every request, so a client allowed 600 searches a minute moves up to 600 floats
each way per request (0.75 ms for two cache calls here, the largest part of a search after the
hydration). With a Redis cache, `SlidingWindowThrottle` keeps the same sliding window as a sorted set
(one member per request, scored by its time) and decides in one Lua call: drop the members older than
the window, count, add. Same limits, same `Retry-After`, a few bytes per request. A cache that is not
Redis (tests' locmem) gets DRF's own code. Redis down raises as before (a 503 from core.exceptions).
"""

from __future__ import annotations

import ipaddress
import secrets
from functools import lru_cache

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache
from django.utils.connection import ConnectionProxy
from rest_framework import throttling

# KEYS[1]: the window; ARGV: now, window seconds, limit, a new member. Returns '' when allowed, else the
# oldest member's time (when the window frees a slot).
WINDOW_SCRIPT = """
local key, now, window = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < tonumber(ARGV[3]) then
  redis.call('ZADD', key, now, ARGV[4])
  redis.call('PEXPIRE', key, math.ceil(window * 1000))
  return ''
end
return redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2]
"""
_scripts: dict[str, object] = {}


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(meta: dict) -> str:
    """The client's address for throttling, from a request's META."""
    remote = meta.get("REMOTE_ADDR") or ""
    if not _is_trusted(remote):
        return remote
    hops = [h.strip() for h in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a garbled header from behind the proxy: count the proxy
    return remote


class RealAddressMixin:
    def get_ident(self, request) -> str:
        return client_address(request.META)


class SlidingWindowThrottle(throttling.SimpleRateThrottle):
    """DRF's sliding window, kept in a Redis sorted set and decided in one round trip (see the module's doc).

    Placed after DRF's own throttle classes in the bases below, so that `ScopedRateThrottle` first reads
    the view's scope and rate, then its `super().allow_request` is this one."""

    def allow_request(self, request, view) -> bool:
        backend = caches[DEFAULT_CACHE_ALIAS] if isinstance(self.cache, ConnectionProxy) else self.cache
        if self.rate is None or not isinstance(backend, RedisCache):
            return super().allow_request(request, view)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        # ":window": a key of its own, never the pickled list an older release (DRF's own code) left there
        key = backend.make_and_validate_key(self.key + ":window")
        client = backend._cache.get_client(key, write=True)  # the cache's shared pool (core.cache)
        script = _scripts.get("window") or _scripts.setdefault("window", client.register_script(WINDOW_SCRIPT))
        now = self.timer()
        member = f"{now!r}:{secrets.token_hex(4)}"
        oldest = script(keys=[key], args=[repr(now), self.duration, self.num_requests, member], client=client)
        if not oldest:
            return True
        self._wait = max(0.0, self.duration - (now - float(oldest)))
        return False

    def wait(self) -> float | None:
        if hasattr(self, "_wait"):
            return self._wait
        return super().wait()


class AnonRateThrottle(RealAddressMixin, throttling.AnonRateThrottle, SlidingWindowThrottle):
    pass


class UserRateThrottle(RealAddressMixin, throttling.UserRateThrottle, SlidingWindowThrottle):
    pass


class ScopedRateThrottle(RealAddressMixin, throttling.ScopedRateThrottle, SlidingWindowThrottle):
    pass
