"""Health of the services the platform depends on."""

from __future__ import annotations

import time

import redis
from django.conf import settings
from django.db import connection
from kombu import Connection


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        check()
    except Exception as exc:
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    return {"ok": True, "latency_ms": round((time.perf_counter() - started) * 1000, 2)}


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _redis() -> None:
    redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2).ping()


def _broker() -> None:
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def _search_index() -> dict:
    """The search index (its own Redis database): ok, or rebuilding / missing (a search starts the rebuild)."""
    from search.services import search_index_heal

    try:
        state = search_index_heal(force=True)  # a missing index starts rebuilding now
    except Exception as exc:
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:200]}
    return {"ok": state == "ok", "state": state}


# Derived state the platform repairs by itself: reported (status "degraded"), never a 503, so that a
# load balancer does not take every web process out of service while a rebuild runs.
SELF_HEALING = ("search_index",)


def health_status() -> dict:
    """`{"status": "ok"|"degraded", "checks": {name: {ok, ...}}, "down": [dependencies], "healing": [...]}`."""
    checks = {"database": _timed(_database), "redis": _timed(_redis), "broker": _timed(_broker)}
    checks["search_index"] = _search_index()
    failing = [name for name, result in checks.items() if not result["ok"]]
    down = [name for name in failing if name not in SELF_HEALING]
    healing = [name for name in failing if name in SELF_HEALING]
    return {"status": "degraded" if failing else "ok", "checks": checks, "down": down, "healing": healing}
