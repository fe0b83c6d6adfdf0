"""Redis outages against a live uvicorn on a throwaway redis-server that the test stops and starts
(`core.liveserver.RedisServer`): API keys keep authenticating from the database, a revocation made
during the outage takes effect within the documented fallback TTL and stays in effect after Redis
comes back, what needs Redis answers 503 JSON with Retry-After, health names Redis, and the same
server recovers without a restart."""

from __future__ import annotations

import json
import time

import pytest

from accounts.models import ApiKey
from accounts.services import api_key_revoke
from core.liveserver import RedisServer, UvicornServer
from tests.hostile.test_live import call

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]  # the server reads committed rows

LIBS = "/api/vectordb/libraries"
FALLBACK_TTL = 2.0  # API_KEY_FALLBACK_CACHE_SECONDS for the server under test (documented default: 10)


def _cache_on(settings, url: str) -> None:
    """Point this (the test) process's cache at `url`, as the admin's process would be."""
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "retry_on_timeout": False},
        }
    }


def _status(server: UvicornServer, key: str) -> int:
    status, _, body, elapsed = call(f"{server.base_url}{LIBS}", headers={"X-API-KEY": key})
    assert status in (200, 403), (status, body[:300])
    assert elapsed < 3.0, elapsed
    return status


def test_a_key_revoked_while_redis_is_unreachable_is_refused_within_the_fallback_ttl_and_after(
    project, api_key_for, settings
):
    key = api_key_for(project)
    env = {"API_KEY_FALLBACK_CACHE_SECONDS": str(FALLBACK_TTL), "API_KEY_CACHE_SECONDS": "60"}
    with RedisServer() as redis_server:
        env["REDIS_URL"] = redis_server.url
        _cache_on(settings, redis_server.url)
        with UvicornServer(workers=1, env=env) as server:
            assert _status(server, key) == 200  # now cached in Redis, for 60 s
            redis_server.pause()  # unreachable, but it keeps the entry: the worst case for a revocation
            assert _status(server, key) == 200  # from the database, behind the in-process cache
            api_key_revoke(api_key=ApiKey.objects.get(project=project))  # commits although Redis is unreachable
            revoked_at = time.monotonic()
            while _status(server, key) == 200:
                assert time.monotonic() - revoked_at < FALLBACK_TTL + 3.0, "the revocation was not applied in time"
                time.sleep(0.2)
            assert _status(server, key) == 403
            redis_server.resume()  # back, with the stale entry; the revoking process removes it
            deadline = time.monotonic() + 5.0
            while time.monotonic() < deadline:  # the stale entry never lets the key in again
                assert _status(server, key) == 403
                time.sleep(0.25)


def test_redis_down_then_back_on_the_same_server_without_a_restart(project, api_key_for, settings):
    key = api_key_for(project)
    with RedisServer() as redis_server:
        _cache_on(settings, redis_server.url)
        env = {"REDIS_URL": redis_server.url, "SEARCH_INDEX_AUTOREBUILD": "1"}
        with UvicornServer(workers=1, env=env) as server:
            pids = server.worker_pids()
            search = "/api/search?q=coke%20near%20Times%20Square%20New%20York"
            status, _, body, _ = call(server.base_url + search)
            assert status == 200, body[:300]
            redis_server.kill()  # down: connections refused
            status, _, body, _ = call(f"{server.base_url}{LIBS}", headers={"X-API-KEY": key})
            assert status == 200, body[:300]  # keys still authenticate
            for path in (search, "/api/machines/map"):
                status, headers, body, elapsed = call(server.base_url + path)
                assert status == 503, (path, body[:300])
                assert headers.get("Retry-After") and headers["Content-Type"].startswith("application/json")
                assert json.loads(body)["unavailable"] == "redis"
                assert elapsed < 2.0, (path, elapsed)
            status, _, body, elapsed = call(f"{server.base_url}/api/health")
            assert status == 503 and "redis" in json.loads(body)["down"], body[:300]
            assert elapsed < 2.0
            redis_server.start()  # back on the same port, empty
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                status, _, body, _ = call(f"{server.base_url}/api/health")
                if status == 200:
                    break
                time.sleep(0.5)
            assert status == 200, body[:300]
            for path in (search, "/api/machines/map"):
                status, _, body, _ = call(server.base_url + path)
                assert status == 200, (path, body[:300])
            status, _, body, _ = call(f"{server.base_url}{LIBS}", headers={"X-API-KEY": key})
            assert status == 200, body[:300]
            assert server.worker_pids() == pids  # the same process recovered: no restart
