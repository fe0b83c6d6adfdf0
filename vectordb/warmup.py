"""Warm the compiled HNSW search when a long-running process starts (web, worker, node).

numba compiles (first time on a machine for this engine version, ~6-16 s) or loads from its
on-disk cache (~0.15 s of CPU for every kernel, see engine/_jit.py for how the cache is keyed and
guarded) each compiled function on its first call. A daemon thread does that at start,
while the process is still importing and binding its port, so a fresh process's first query does
not pay it. Off with `VECTORDB_JIT_WARMUP=0`. Short-lived commands (migrate, shell) do not call it.
"""

from __future__ import annotations

import logging
import threading
import time

logger = logging.getLogger(__name__)

_started = threading.Event()
done = threading.Event()


def start_jit_warmup() -> bool:
    """Start the background warm-up once per process; False if it is off or already started."""
    from django.conf import settings

    if not getattr(settings, "VECTORDB_JIT_WARMUP", True) or _started.is_set():
        return False
    _started.set()
    threading.Thread(target=_warm, name="vectordb-jit-warmup", daemon=True).start()
    return True


def _warm() -> None:
    started = time.perf_counter()
    try:
        from vectordb.engine import _jit

        _jit.warm()
        logger.info("vectordb: compiled search ready in %.1f s", time.perf_counter() - started)
        _jit.sweep_stale_caches()  # other engine versions' cache directories, long unused
    except Exception:  # a failed warm-up only means the first query compiles
        logger.exception("vectordb: warming the compiled search failed")
    finally:
        done.set()
