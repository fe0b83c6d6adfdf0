"""One Redis connection pool per process for Django's cache, instead of one per request under ASGI.

Django keeps its cache backends in a context-local (`caches`), and under ASGI every request runs in a
new context, so every request builds a new `RedisCache`, a new `redis.ConnectionPool`, opens a new
TCP connection to Redis for its first cache call (the throttle's, on every API request), and drops it
when the pool is garbage-collected. Measured with py-spy on `GET /api/search` under uvicorn on this
2-core machine: the throttle's one cache read was as costly as the whole search (connect, read,
disconnect). Under WSGI a thread keeps its backend, so the cost never showed in-process.

`SharedConnectionPool` is given to Django as the cache's `pool_class`: its `from_url` returns the
process's pool for the same URL and options, so connections are reused across requests and threads
(redis-py's pools are thread-safe and reset themselves in a forked child). A Redis that goes away
is noticed per connection as before: the request that meets a dead connection fails fast
(`socket_connect_timeout`), and the pool connects again once Redis is back.
"""

from __future__ import annotations

import threading
from typing import Any, ClassVar

import redis


class SharedConnectionPool(redis.ConnectionPool):
    _shared: ClassVar[dict[tuple[str, str], redis.ConnectionPool]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> redis.ConnectionPool:
        key = (url, repr(sorted(kwargs.items())))
        pool = cls._shared.get(key)
        if pool is None:
            with cls._lock:
                pool = cls._shared.get(key)
                if pool is None:
                    pool = cls._shared[key] = super().from_url(url, **kwargs)
        return pool
