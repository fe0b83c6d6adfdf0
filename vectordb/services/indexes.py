"""Index builds (queued, run by a worker, swept when stuck) and snapshots of the in-memory index."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from vectordb import schema
from vectordb.models import ChunkChange, IndexBuild, IndexSnapshot, Library
from vectordb.schema import SchemaError
from vectordb.services.libraries import _raise

logger = logging.getLogger(__name__)


# --- index builds and snapshots --------------------------------------------------------------
@transaction.atomic
def index_build_request(*, library: Library, index_type: str | None = None, index_params: dict | None = None):
    """Queue a rebuild of the library's index (optionally with a new type/parameters)."""
    try:
        kind, params = schema.clean_index(
            index_type or library.index_type, index_params if index_params is not None else library.index_params
        )
    except SchemaError as exc:
        _raise(exc)
    build = IndexBuild.objects.create(library=library, index_type=kind, index_params=params)
    transaction.on_commit(lambda: _enqueue_build(build.pk))
    return build


def _enqueue_build(build_id: int) -> None:
    """Queue the build task; if the broker cannot take it, the build is dropped (it never ran, so it
    is not recorded as failed) and the API answers 503 (`IndexBuildApi` finds it gone)."""
    from vectordb.tasks import index_build_run

    try:
        index_build_run.delay(build_id)
    except Exception:
        logger.warning("Could not queue index build %s: the broker is unreachable", build_id, exc_info=True)
        IndexBuild.objects.filter(pk=build_id, status=IndexBuild.Status.QUEUED).delete()


def index_build_execute(*, build_id: int) -> IndexBuild | None:
    """Run a queued build: build from the chunks, save a snapshot, switch the library to it.

    Idempotent: a build that already finished is left alone."""
    from vectordb.runtime import LibraryState, build_from_database, library_state

    with transaction.atomic():
        build = IndexBuild.objects.select_for_update().filter(pk=build_id).first()
        if build is None or build.status in (IndexBuild.Status.SUCCEEDED, IndexBuild.Status.FAILED):
            return build
        build.status = IndexBuild.Status.RUNNING
        build.started_at = timezone.now()
        build.save(update_fields=["status", "started_at"])
    last = [0.0]

    def progress(fraction: float, message: str) -> None:
        if fraction - last[0] >= 0.02 or fraction >= 1.0:
            last[0] = fraction
            IndexBuild.objects.filter(pk=build_id).update(progress=round(min(fraction, 0.99), 4), message=message[:200])

    try:
        current = library_state(build.library_id)
        if current is None:
            raise ValueError("the library was deleted")
        target = LibraryState(
            **{
                **current.__dict__,
                "index_type": build.index_type,
                "index_params": build.index_params,
                "index_generation": current.index_generation + 1,
            }
        )
        live = build_from_database(target, progress=progress)
        progress(0.99, "saving")
        data = live.to_bytes()
        with transaction.atomic():
            Library.objects.select_for_update().filter(pk=build.library_id).values_list("pk", flat=True).first()
            lib = Library.objects.get(pk=build.library_id)
            generation = lib.index_generation + 1
            IndexSnapshot.objects.create(
                library=lib,
                generation=generation,
                index_type=build.index_type,
                index_params=build.index_params,
                seq=live.applied_seq,
                vector_count=len(live.index),
                data=data,
                size_bytes=len(data),
            )
            Library.objects.filter(pk=lib.pk).update(
                index_type=build.index_type, index_params=build.index_params, index_generation=generation
            )
            IndexSnapshot.objects.filter(library=lib, generation__lt=generation).delete()
            IndexBuild.objects.filter(pk=build_id).update(
                status=IndexBuild.Status.SUCCEEDED,
                progress=1.0,
                message="done",
                seq=live.applied_seq,
                vector_count=len(live.index),
                finished_at=timezone.now(),
            )
    except Exception as exc:
        IndexBuild.objects.filter(pk=build_id).update(
            status=IndexBuild.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now()
        )
        raise
    return IndexBuild.objects.get(pk=build_id)


BUILD_TIME_LIMIT = 3600  # the build task's hard time limit (vectordb.tasks.index_build_run)


def index_builds_sweep(*, queued_for: float = 900.0, grace: float = 300.0) -> dict[str, int]:
    """Heal builds Celery stranded: `running` past the task's hard time limit (its worker is gone,
    whatever happened) fail with a clear error; `queued` for `queued_for` seconds (their message was
    lost) are queued again. Returns the counts."""
    now = timezone.now()
    failed = IndexBuild.objects.filter(
        status=IndexBuild.Status.RUNNING, started_at__lt=now - timedelta(seconds=BUILD_TIME_LIMIT + grace)
    ).update(
        status=IndexBuild.Status.FAILED,
        error="the worker running this build was lost (swept after its time limit); request it again",
        finished_at=now,
    )
    stuck = list(
        IndexBuild.objects.filter(
            status=IndexBuild.Status.QUEUED, created_at__lt=now - timedelta(seconds=queued_for)
        ).values_list("pk", flat=True)
    )
    for build_id in stuck:
        _enqueue_build(build_id)
    return {"failed": failed, "requeued": len(stuck)}


def index_snapshot_save(*, library_id: int, min_changes: int = 0) -> IndexSnapshot | None:
    """Save this process's caught-up index of a library (if `min_changes` writes happened since the
    last snapshot), then prune the change log up to the previous snapshot."""
    from vectordb.runtime import registry

    was_loaded = registry.is_loaded(library_id)
    try:
        return _snapshot_save(library_id=library_id, min_changes=min_changes)
    finally:
        if not was_loaded:  # a worker saving snapshots should not keep every library in memory
            registry.discard(library_id)


def _snapshot_save(*, library_id: int, min_changes: int) -> IndexSnapshot | None:
    from vectordb.runtime import registry

    got = registry.get(library_id)
    if got is None:
        return None
    live, state = got
    last = (
        IndexSnapshot.objects.filter(library_id=library_id, generation=state.index_generation)
        .order_by("-seq")
        .values_list("seq", flat=True)
        .first()
    )
    if last is not None and live.applied_seq - last < max(min_changes, 1):
        return None
    with live.lock:
        seq = live.applied_seq
        data = live.to_bytes()
        count = len(live.index)
    with transaction.atomic():
        lib = Library.objects.select_for_update().filter(pk=library_id).first()
        if lib is None or lib.index_generation != state.index_generation:
            return None  # a rebuild switched generations meanwhile; its snapshot wins
        snap = IndexSnapshot.objects.create(
            library=lib,
            generation=state.index_generation,
            index_type=state.index_type,
            index_params=state.index_params,
            seq=seq,
            vector_count=count,
            data=data,
            size_bytes=len(data),
        )
        older = IndexSnapshot.objects.filter(library=lib).exclude(pk=snap.pk).order_by("-seq")
        previous = older.filter(generation=state.index_generation).first()
        if previous is not None:
            IndexSnapshot.objects.filter(library=lib).exclude(pk__in=[snap.pk, previous.pk]).delete()
            # keep one older snapshot; log entries it no longer needs can go
            ChunkChange.objects.filter(library=lib, seq__lte=previous.seq).delete()
            Library.objects.filter(pk=lib.pk, log_floor__lt=previous.seq).update(log_floor=previous.seq)
    return snap
