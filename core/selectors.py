"""Health of the services the platform depends on."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

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
    redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1).ping()


def _broker() -> None:
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=1, transport_options={"max_retries": 0}) as conn:
        conn.ensure_connection(max_retries=0, timeout=1)


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


def _in_thread(check):
    def run():
        try:
            return check()
        finally:
            connection.close()  # this thread's database connection (back to the pool, if any)

    return run


def health_status() -> dict:
    """`{"status": "ok"|"degraded", "checks": {name: {ok, ...}}, "down": [dependencies], "healing": [...]}`.

    The checks run at once, each in its own thread, so a health check takes as long as the slowest
    one (each bounded by its own timeout, 1-2 s), not their sum."""
    checks_to_run = {
        "database": lambda: _timed(_database),
        "redis": lambda: _timed(_redis),
        "broker": lambda: _timed(_broker),
        "search_index": _search_index,
    }
    with ThreadPoolExecutor(max_workers=len(checks_to_run), thread_name_prefix="health") as pool:
        futures = {name: pool.submit(_in_thread(check)) for name, check in checks_to_run.items()}
        checks = {name: future.result() for name, future in futures.items()}
    failing = [name for name, result in checks.items() if not result["ok"]]
    down = [name for name in failing if name not in SELF_HEALING]
    healing = [name for name in failing if name in SELF_HEALING]
    return {"status": "degraded" if failing else "ok", "checks": checks, "down": down, "healing": healing}
