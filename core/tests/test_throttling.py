"""The throttle's sliding window in Redis (core/throttling.py), through the HTTP API: limits, Retry-After,
per-client buckets, a spoofed X-Forwarded-For, an old-format key left by DRF's code; the shared cache pool.
Redis down (a 503 with Retry-After): tests/hostile/test_platform_faults.py, with the same pool class."""

from __future__ import annotations

import pytest
from django.core.cache import cache, caches
from rest_framework.test import APIClient

from core.throttling import ScopedRateThrottle

SEARCH = "/api/search"
Q = {"q": "coke near Times Square New York"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute(monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {**ScopedRateThrottle.THROTTLE_RATES, "search": "3/min"})
    cache.clear()
    yield
    cache.clear()


def _get(address: str, **headers):
    return APIClient(REMOTE_ADDR=address, **headers).get(SEARCH, Q)


def test_the_fourth_search_in_a_minute_is_refused_with_retry_after(three_a_minute):
    codes = [_get("203.0.113.7").status_code for _ in range(3)]
    assert all(code != 429 for code in codes)
    refused = _get("203.0.113.7")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert _get("203.0.113.8").status_code != 429  # another client has its own window
    window = cache.make_and_validate_key("throttle_search_203.0.113.7:window")
    assert caches["default"]._cache.get_client().zcard(window) == 3  # one sorted set, one member a request


def test_a_spoofed_forwarded_for_does_not_open_a_new_window(three_a_minute):
    for n in range(3):
        _get("203.0.113.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert _get("203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_the_window_slides(three_a_minute, monkeypatch):
    clock = {"now": 1_000_000.0}
    monkeypatch.setattr(ScopedRateThrottle, "timer", lambda self: clock["now"])
    for _ in range(3):
        assert _get("203.0.113.10").status_code != 429
        clock["now"] += 10
    assert _get("203.0.113.10").status_code == 429  # three in the last 30 s
    clock["now"] += 31  # the first of the three is now more than 60 s old
    assert _get("203.0.113.10").status_code != 429
    assert _get("203.0.113.10").status_code == 429


def test_a_key_in_the_old_format_does_not_break_the_throttle(three_a_minute):
    cache.set("throttle_search_203.0.113.11", [1.0, 2.0], 60)  # what DRF's own code kept there
    assert _get("203.0.113.11").status_code != 429


def test_every_cache_backend_of_the_process_shares_one_redis_pool():
    """Under ASGI each request builds its own cache backend (core/cache.py): they must not each connect."""
    first, second = caches.create_connection("default"), caches.create_connection("default")
    assert first is not second
    assert first._cache._get_connection_pool(True) is second._cache._get_connection_pool(True)
