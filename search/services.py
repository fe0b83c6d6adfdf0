"""Writes of the search app: keeping the Redis geo index in step with the fleet.

`search_index_update(machine_ids=...)` runs after every committed fleet change (see `apps.py`:
receivers of `fleet.events.machines_changed`); `search_index_rebuild()` replaces the index from the
database (the `rebuild_search_index` command, `fleet_reset`, and large batches such as seeding).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterable
from functools import lru_cache

import redis
from django.conf import settings

from fleet import selectors as fleet_selectors
from fleet.catalog import PRODUCT_NAMES
from search.index import GeoIndex

logger = logging.getLogger(__name__)

# A change touching more machines than this rebuilds the whole index instead (seeding, bulk imports).
REBUILD_ABOVE = 20_000


@lru_cache(maxsize=4)
def _client(url: str, timeout: float) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=2)


def geo_index(*, writer: bool = False) -> GeoIndex:
    """The index on the platform's Redis. Writers get a long socket timeout (a rebuild sends big
    pipelines, and Redis is shared); searches a short one, so a stuck Redis fails a search fast."""
    return GeoIndex(_client(settings.SEARCH_REDIS_URL, 60.0 if writer else 5.0), PRODUCT_NAMES)


def search_index_update(*, machine_ids: Iterable) -> int:
    """Re-derive the index entries of these machines from their current inventory. Returns entries written."""
    ids = list(dict.fromkeys(machine_ids))
    if not ids:
        return 0
    if len(ids) > REBUILD_ABOVE:
        return search_index_rebuild()
    return geo_index(writer=True).update(ids, fleet_selectors.stock_rows(machine_ids=ids))


def search_index_rebuild() -> int:
    started = time.perf_counter()
    written = geo_index(writer=True).rebuild(fleet_selectors.stock_rows())
    logger.info("search index rebuilt: %d entries in %.1fs", written, time.perf_counter() - started)
    return written


def search_index_ensure() -> int | None:
    """Build the index if this Redis has none (new or flushed); returns the entries written, or None."""
    if geo_index(writer=True).built():
        return None
    return search_index_rebuild()


REBUILD_LOCK = "search:rebuilding"  # set while a rebuild runs (any process); expires if the process dies
CHECK_EVERY_S = 5.0  # a search looks at the index's presence at most this often per process
_checked = {"at": -CHECK_EVERY_S, "state": "ok"}


def search_index_state() -> str:
    """ok | rebuilding | missing: whether the index exists (a cache clear cannot touch it, a Redis restarted empty
    can), and whether a rebuild is running."""
    index = geo_index()
    if index.redis.exists(REBUILD_LOCK):
        return "rebuilding"
    return "ok" if index.built() else "missing"


def search_index_heal(*, background: bool = True, force: bool = False) -> str:
    """A missing index is rebuilt, once across processes (a Redis lock): in a thread for searches and health
    (`background`), in place for the minutely Celery task. Returns the state before the rebuild finished; at
    most one Redis round trip per CHECK_EVERY_S per process while the index is there."""
    now = time.monotonic()
    if not force and _checked["state"] == "ok" and now - _checked["at"] < CHECK_EVERY_S:
        return "ok"
    state = search_index_state()
    _checked.update(at=now, state=state)
    if state == "missing" and settings.SEARCH_INDEX_AUTOREBUILD:
        if geo_index().redis.set(REBUILD_LOCK, str(os.getpid()), nx=True, ex=600):
            logger.warning("the search index is missing (Redis flushed or restarted empty): rebuilding it")
            if background:
                threading.Thread(target=_rebuild_locked, name="search-index-rebuild", daemon=True).start()
            else:
                _rebuild_locked()
        state = "rebuilding"
        _checked["state"] = state
    return state


def _rebuild_locked() -> None:
    from django.db import connection

    try:
        search_index_rebuild()
    except Exception:
        logger.exception("automatic search index rebuild failed; run rebuild_search_index")
    finally:
        geo_index(writer=True).redis.delete(REBUILD_LOCK)
        _checked["at"] = -CHECK_EVERY_S
        if threading.current_thread() is not threading.main_thread():
            connection.close()


def on_post_migrate(sender=None, **kwargs) -> None:
    """After `migrate` (which `make run` and deploys run first): a Redis without an index gets one."""
    try:
        search_index_ensure()
    except Exception:
        logger.exception("could not build the search index after migrate; run rebuild_search_index")


def on_machines_changed(sender=None, machine_ids=None, **kwargs) -> None:
    """Receiver of `fleet.events.machines_changed`: never raises into the fleet's write path."""
    try:
        search_index_update(machine_ids=machine_ids or [])
    except Exception:
        logger.exception(
            "search index update failed for %d machine(s); run rebuild_search_index", len(machine_ids or [])
        )


def on_fleet_reset(sender=None, **kwargs) -> None:
    try:
        search_index_rebuild()
    except Exception:
        logger.exception("search index rebuild after a fleet reset failed; run rebuild_search_index")
