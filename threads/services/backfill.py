"""The backfill: label every unlabelled thread (a million past conversations) without starving live
classification.

A run walks the unlabelled threads in id order, in keyset pages (`id > cursor`, served by a partial
index, so memory stays at one page), cuts each page into chunks of consecutive ids and sends one task
per chunk, `(run, first_id, last_id, count)`, to the low-priority `low` queue. The run's cursor is
saved after each page, so planning resumes where it stopped. A chunk task classifies the threads of
its range that are *still* unlabelled, many classifier calls at once, and adds to the run's counters.
Every write is conditional, so a second run, a redelivered chunk or a chunk racing the live
classifier never repeats or overwrites work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from threads.models import BackfillChunk, BackfillRun, Thread
from threads.selectors import backfill_run_active, unlabelled_count
from threads.services.classification import backfill_concurrency, threads_classify

logger = logging.getLogger(__name__)

PAGE_TARGET = 10_000  # ids read per keyset page while planning


def chunk_size_default() -> int:
    return getattr(settings, "THREADS_BACKFILL_CHUNK_SIZE", 512)


@dataclass(frozen=True)
class Chunk:
    run_id: int
    first_id: int
    last_id: int
    count: int


Enqueue = Callable[[Chunk], None]


def enqueue_chunk_task(chunk: Chunk) -> None:
    from threads.tasks import backfill_chunk

    backfill_chunk.delay(chunk.run_id, chunk.first_id, chunk.last_id, chunk.count)


def backfill_start(*, project_id: int | None = None, chunk_size: int | None = None, new: bool = False) -> BackfillRun:
    """The unfinished run of this scope to resume, or a new one. `new=True` supersedes an unfinished
    run (e.g. its queued chunks were lost): the new run plans whatever is still unlabelled.

    One unfinished run per scope is a unique index (`threads_one_active_backfill_per_scope`), not a
    convention: when two commands or admin clicks start one at the same moment, the second INSERT
    waits for the first to commit, fails, and this returns the winner's run."""
    size = chunk_size or chunk_size_default()
    if size < 1:
        raise ValueError("chunk_size must be at least 1")
    for _ in range(3):
        try:
            with transaction.atomic():
                active = backfill_run_active(project_id=project_id)
                if active is not None and not new:
                    return active
                if active is not None:
                    BackfillRun.objects.filter(pk=active.pk).update(
                        status=BackfillRun.Status.SUPERSEDED, updated_at=timezone.now()
                    )
                return BackfillRun.objects.create(
                    project_id=project_id, chunk_size=size, total=unlabelled_count(project_id=project_id)
                )
        except IntegrityError:
            new = False  # someone else started one just now: theirs is the run
    active = backfill_run_active(project_id=project_id)
    if active is None:  # pragma: no cover - needs three lost races in a row
        raise RuntimeError("Could not start or find a backfill run")
    return active


PLAN_LOCK_NAMESPACE = 0x7468  # "th": the first key of the (namespace, run id) advisory lock


def _plan_lock(run_id: int) -> bool:
    """A session advisory lock on the run: one planner at a time, released if the planner's process or
    connection dies (so a crash never leaves a run unplannable). SQLite (the single-machine dev default)
    has no advisory locks; there the unique index on active runs alone keeps it to one run per scope."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [PLAN_LOCK_NAMESPACE, run_id])
        return bool(cursor.fetchone()[0])


def _plan_unlock(run_id: int) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [PLAN_LOCK_NAMESPACE, run_id])


def backfill_plan(
    *,
    run_id: int,
    enqueue: Enqueue = enqueue_chunk_task,
    on_page: Callable[[BackfillRun], None] | None = None,
) -> BackfillRun:
    """Enqueue the run's chunks from its cursor on. Safe to call again after a crash: chunks sent
    before the last saved cursor may be sent twice, which costs nothing (chunks are idempotent)."""
    if not _plan_lock(run_id):
        logger.info("backfill #%s is being planned by another process", run_id)
        return BackfillRun.objects.get(pk=run_id)
    try:
        return _plan_locked(run_id=run_id, enqueue=enqueue, on_page=on_page)
    finally:
        _plan_unlock(run_id)


def _plan_locked(*, run_id: int, enqueue: Enqueue, on_page: Callable[[BackfillRun], None] | None) -> BackfillRun:
    run = BackfillRun.objects.get(pk=run_id)
    if run.status != BackfillRun.Status.PLANNING:
        return run
    size = run.chunk_size
    page_size = max(size, (PAGE_TARGET // size) * size)  # whole chunks per page
    unlabelled = Thread.objects.filter(category_source__isnull=True)
    if run.project_id is not None:
        unlabelled = unlabelled.filter(project_id=run.project_id)
    cursor = run.cursor
    while True:
        ids = list(unlabelled.filter(pk__gt=cursor).order_by("pk").values_list("pk", flat=True)[:page_size])
        if not ids:
            break
        chunks = [ids[i : i + size] for i in range(0, len(ids), size)]
        for chunk in chunks:
            enqueue(Chunk(run_id=run.pk, first_id=chunk[0], last_id=chunk[-1], count=len(chunk)))
        cursor = ids[-1]
        BackfillRun.objects.filter(pk=run.pk).update(
            cursor=cursor, planned=F("planned") + len(ids), chunks=F("chunks") + len(chunks), updated_at=timezone.now()
        )
        if on_page is not None:
            run.refresh_from_db()
            on_page(run)
    now = timezone.now()
    BackfillRun.objects.filter(pk=run.pk, status=BackfillRun.Status.PLANNING).update(
        status=BackfillRun.Status.RUNNING, planned_at=now, total=F("planned"), updated_at=now
    )
    _finish_if_done(run_id=run.pk)
    run.refresh_from_db()
    return run


def backfill_chunk_process(*, run_id: int, first_id: int, last_id: int, count: int) -> BackfillRun | None:
    """Classify what is still unlabelled in one chunk and count the chunk as processed."""
    run = BackfillRun.objects.filter(pk=run_id).first()
    if run is None or run.status == BackfillRun.Status.SUPERSEDED:
        return run  # a newer run plans whatever this one left
    if BackfillChunk.objects.filter(run_id=run_id, first_id=first_id).exists():
        return run  # counted already (a duplicate message)
    outcome = threads_classify(
        id_range=(first_id, last_id), project_id=run.project_id, concurrency=backfill_concurrency()
    )
    for error in outcome.errors[:5]:
        logger.warning("backfill #%s: %s", run_id, error)
    # The split comes from the rows, not from this attempt's outcome: after a worker was killed mid-chunk
    # the redelivered chunk finds part of it labelled already, and those are still this run's labels.
    in_range = Thread.objects.filter(pk__gte=first_id, pk__lte=last_id)
    if run.project_id is not None:
        in_range = in_range.filter(project_id=run.project_id)
    labelled = min(
        count,
        in_range.filter(category_source=Thread.Source.CLASSIFIER, labelled_at__gte=run.started_at).count(),
    )
    failed = min(outcome.failed, count - labelled)
    with transaction.atomic():
        _, created = BackfillChunk.objects.get_or_create(
            run_id=run_id,
            first_id=first_id,
            defaults={
                "last_id": last_id,
                "count": count,
                "labelled": labelled,
                "failed": failed,
                "skipped": count - labelled - failed,
            },
        )
        if created:
            BackfillRun.objects.filter(pk=run_id).update(
                processed=F("processed") + count,
                labelled=F("labelled") + labelled,
                failed=F("failed") + failed,
                skipped=F("skipped") + (count - labelled - failed),
                updated_at=timezone.now(),
            )
    _finish_if_done(run_id=run_id)
    return BackfillRun.objects.filter(pk=run_id).first()


def _finish_if_done(*, run_id: int) -> None:
    now = timezone.now()
    BackfillRun.objects.filter(pk=run_id, status=BackfillRun.Status.RUNNING, processed__gte=F("planned")).update(
        status=BackfillRun.Status.FINISHED, finished_at=now, updated_at=now
    )


def backfill_run_inline(*, run_id: int, on_page: Callable[[BackfillRun], None] | None = None) -> BackfillRun:
    """Plan and process a run in this process (no workers): for small installs and tests."""
    return backfill_plan(
        run_id=run_id,
        enqueue=lambda c: backfill_chunk_process(
            run_id=c.run_id, first_id=c.first_id, last_id=c.last_id, count=c.count
        ),
        on_page=on_page,
    )
