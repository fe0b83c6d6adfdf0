"""Reads of the accounts domain, including who may touch which project."""

from __future__ import annotations

import contextlib
import threading
import time

import redis.exceptions
from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import ApiKey, Project, hash_api_key

# Checking a key is one SHA-256 and one Redis GET; the database is read at most once per
# settings.API_KEY_CACHE_SECONDS (60) per key (and per unknown key, so guessing cannot hammer it).
# Revoking or editing a key drops its entry (retried until Redis answers, see api_key_forget).
# In front of Redis, each process keeps the keys it verified as active for API_KEY_LOCAL_CACHE_SECONDS
# (settings; 0 turns it off), so a busy key costs no round trip at all. A revoked or edited key is
# dropped at once in the process that changed it and stops working everywhere else within that time
# (a Redis failure empties it, and keys checked without Redis are held by the fallback cache only);
# expiry is still checked on every request. Unknown keys are never held here (guesses cannot grow it).
API_KEY_LOCAL_CACHE_MAX = 10_000
_API_KEY_FIELDS = ("id", "project_id", "name", "prefix", "hashed_key", "expires_at", "revoked_at", "last_used_at")


def api_key_cache_key(hashed_key: str) -> str:
    return f"accounts:apikey:{hashed_key}"


# Redis down: keys are checked against the database behind this per-process cache instead, for at
# most settings.API_KEY_FALLBACK_CACHE_SECONDS (10; so a revocation takes effect within that time
# during an outage), holding at most FALLBACK_CACHE_MAX keys. Once Redis answers again the shared
# cache is used again.
FALLBACK_CACHE_MAX = 10_000
REDIS_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class _RowCache:
    """A per-process map of hashed key -> row, each entry kept for a given number of seconds, holding at
    most `limit` entries (emptied when full, so guesses cannot grow it without bound); thread-safe."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._rows: dict[str, tuple[float, dict]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, hashed: str, now: float) -> dict | None:
        with self._lock:
            hit = self._rows.get(hashed)
        return hit[1] if hit is not None and hit[0] > now else None

    def put(self, hashed: str, row: dict, until: float) -> None:
        with self._lock:
            if len(self._rows) >= self.limit:
                self._rows.clear()
            self._rows[hashed] = (until, row)

    def forget(self, hashed: str | None = None) -> None:
        with self._lock:
            if hashed is None:
                self._rows.clear()
            else:
                self._rows.pop(hashed, None)


_local = _RowCache(API_KEY_LOCAL_CACHE_MAX)
_fallback = _RowCache(FALLBACK_CACHE_MAX)


def _api_key_row_from_database(hashed: str) -> dict:
    row = ApiKey.objects.filter(hashed_key=hashed).order_by().values(*_API_KEY_FIELDS).first() or {}
    if row:
        from accounts.services import api_key_touch  # a cache miss is when a use gets recorded

        row["last_used_at"] = api_key_touch(api_key_id=row["id"])
    return row


def _api_key_row_without_redis(hashed: str) -> dict:
    now = time.monotonic()
    row = _fallback.get(hashed, now)
    if row is None:
        row = _api_key_row_from_database(hashed)
        _fallback.put(hashed, row, now + settings.API_KEY_FALLBACK_CACHE_SECONDS)
    return row


# Wall-clock time this process last failed to reach Redis. An entry cached before then may predate
# a revocation whose cache delete could not reach Redis either, so it is read again from the database
# once Redis is back (the revoking process also retries its delete, see accounts.services).
_redis_failed_at = [0.0]


def _api_key_row_from_redis(hashed: str) -> dict | None:
    """The cached row, or None when absent or possibly stale (cached before this process's last
    Redis failure, or in the format of an older release)."""
    entry = cache.get(api_key_cache_key(hashed))
    if not isinstance(entry, tuple) or len(entry) != 2 or entry[0] <= _redis_failed_at[0]:
        return None
    return entry[1]


def api_key_local_forget(hashed_key: str | None = None) -> None:
    """Drop one key (or, with None, every key) from this process's cache of verified keys."""
    _local.forget(hashed_key)


def _api_key_row(hashed: str) -> dict:
    now = time.monotonic()
    hit = _local.get(hashed, now)
    if hit is not None:
        return hit
    try:
        row = _api_key_row_from_redis(hashed)
    except REDIS_DOWN:
        _redis_failed_at[0] = time.time()
        api_key_local_forget()  # like Redis entries, verified before the failure: read again later
        return _api_key_row_without_redis(hashed)  # held by the fallback cache, not the local one
    if row is None:
        cached_at = time.time()
        row = _api_key_row_from_database(hashed)
        with contextlib.suppress(*REDIS_DOWN):
            cache.set(api_key_cache_key(hashed), (cached_at, row), settings.API_KEY_CACHE_SECONDS)
    ttl = settings.API_KEY_LOCAL_CACHE_SECONDS
    if row and row["revoked_at"] is None and ttl > 0:
        _local.put(hashed, row, now + ttl)
    return row


def api_key_get_active(*, raw_key: str) -> ApiKey | None:
    """The active key for a raw secret, or None if unknown, revoked or expired."""
    row = _api_key_row(hash_api_key(raw_key))
    if not row or row["revoked_at"] is not None:
        return None
    if row["expires_at"] is not None and row["expires_at"] <= timezone.now():
        return None
    return ApiKey(**row)


def project_ids_for(*, user, auth) -> set[int] | None:
    """Projects a request may act on: the key's project, a member's teams' projects, or None for
    staff (all projects)."""
    if isinstance(auth, ApiKey):
        return {auth.project_id}
    if user is None or not user.is_authenticated:
        return set()
    if user.is_staff:
        return None
    return set(Project.objects.filter(team__members=user).values_list("id", flat=True))


def project_is_accessible(*, user, auth, project_id: int) -> bool:
    allowed = project_ids_for(user=user, auth=auth)
    return allowed is None or int(project_id) in allowed


def project_list_accessible(*, user, auth) -> QuerySet[Project]:
    allowed = project_ids_for(user=user, auth=auth)
    projects = Project.objects.select_related("team")
    return projects if allowed is None else projects.filter(id__in=allowed)
