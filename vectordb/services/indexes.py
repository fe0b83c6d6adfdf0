"""Index builds (queued, run by a worker, swept when stuck) and snapshots of the in-memory index."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from vectordb import schema
from vectordb.models import IndexBuild, IndexSnapshot, Library
from vectordb.schema import SchemaError
from vectordb.services.libraries import _raise
from vectordb.snapshots import store as snapshot_store

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
        _build_switch(build, live, generation=target.index_generation)
    except Exception as exc:
        IndexBuild.objects.filter(pk=build_id).update(
            status=IndexBuild.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now()
        )
        raise
    return IndexBuild.objects.get(pk=build_id)


def _build_switch(build: IndexBuild, live, *, generation: int) -> None:
    """Save the built index as a snapshot of `generation`, switch the library to it, mark the build done.

    The snapshot is written before the transaction, so the library row is locked only for the
    switch itself; should another build have switched first, the snapshot is written again for
    the generation after it."""
    for _ in range(5):
        info, written, count = snapshot_store.snapshot_of(
            live, library_id=build.library_id, generation=generation, index_type=build.index_type
        )
        with transaction.atomic():
            Library.objects.select_for_update().filter(pk=build.library_id).values_list("pk", flat=True).first()
            current = Library.objects.filter(pk=build.library_id).values_list("index_generation", flat=True).first()
            if current is None:
                raise ValueError("the library was deleted")
            if current + 1 == generation:
                IndexSnapshot.objects.create(
                    library_id=build.library_id,
                    generation=generation,
                    index_type=build.index_type,
                    index_params=build.index_params,
                    vector_count=count,
                    **snapshot_store.row_fields(info, written),
                )
                Library.objects.filter(pk=build.library_id).update(
                    index_type=build.index_type, index_params=build.index_params, index_generation=generation
                )
                older = IndexSnapshot.objects.filter(library_id=build.library_id, generation__lt=generation)
                removed = list(older.values_list("file_name", flat=True))
                older.delete()
                IndexBuild.objects.filter(pk=build.pk).update(
                    status=IndexBuild.Status.SUCCEEDED,
                    progress=1.0,
                    message="done",
                    seq=info.seq,
                    vector_count=count,
                    finished_at=timezone.now(),
                )
                transaction.on_commit(lambda removed=removed: snapshot_store.remove_files(removed))
                return
        snapshot_store.remove_files([written.file_name])
        generation = current + 1
    raise RuntimeError("other builds kept switching the library's index; request the build again")


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


# Snapshots are saved by `vectordb/snapshots/store.py` (format, location, catalog, log pruning).
from vectordb.snapshots.store import index_snapshot_save  # noqa: E402, F401
