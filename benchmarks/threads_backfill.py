"""`bench_threads` part `backfill`: plan + enqueue, the label writes of a chunk, real workers' rate."""

from __future__ import annotations

import os
import time

from benchmarks.support import percentile
from benchmarks.threads_support import _insert_threads, _purge, _reset_peak_rss, _rss_kb, _steady_rate, _worker


def bench_backfill(n: int, worker_seconds: float) -> None:
    from django.conf import settings
    from django.db import connection

    from threads.models import BackfillRun
    from threads.services import backfill_plan, backfill_start

    if connection.vendor != "postgresql":
        print("backfill: needs Postgres (set DATABASE_URL); skipped")
        return
    insert_s = _insert_threads(n, projects=100)
    print(f"backfill: inserted {n:,} synthetic unlabelled threads with COPY in {insert_s:.1f} s")

    chunk_size = settings.THREADS_BACKFILL_CHUNK_SIZE
    _purge("low")
    rss_before = _rss_kb()
    peak_tracked = _reset_peak_rss()
    started = time.perf_counter()
    run = backfill_start(chunk_size=chunk_size)
    run = backfill_plan(run_id=run.pk)
    plan_s = time.perf_counter() - started
    peak = _rss_kb("VmHWM") if peak_tracked else _rss_kb()
    print(
        f"  plan + enqueue: {run.planned:,} threads in {run.chunks:,} chunks of {chunk_size} to queue `low` in "
        f"{plan_s:.1f} s ({run.planned / plan_s:,.0f} threads/s; goal for 1M: <= 60 s, "
        f"projected {1_000_000 / (run.planned / plan_s):.1f} s)"
    )
    print(
        f"  memory while planning: peak RSS {peak / 1024:.0f} MiB, {max(0, peak - rss_before) / 1024:.1f} MiB above "
        "the start (one keyset page of ids at a time)"
    )

    _bench_label_writes()
    processes = int(os.environ.get("CELERY_CONCURRENCY", "2"))
    workers = int(os.environ.get("BENCH_THREADS_BACKFILL_WORKERS", "4"))
    delay = float(os.environ.get("THREADS_CLASSIFIER_DELAY", "2.0"))
    variants = [int(c) for c in os.environ.get("BENCH_THREADS_BACKFILL_CONCURRENCY", "64,128").split(",")]
    for per_task in variants:  # the first is the baseline (64: the concurrency before issue 15's fix)
        rate = _backfill_rate(connection, workers, processes, per_task, worker_seconds)
        ideal = workers * processes * per_task / delay
        minutes = 1_000_000 / rate / 60 if rate else float("inf")
        print(
            f"  classification, {workers} workers x {processes} processes x {per_task} calls in flight per chunk "
            f"({delay:g} s per call): {rate:.1f} threads/s (ideal {ideal:.0f}/s, {rate / ideal:.0%}); "
            f"1,000,000 threads projected in {minutes:.0f} min (goal <= 60 min with 4 workers)"
        )
    run.refresh_from_db()
    purged = _purge("low")
    print(f"  run #{run.pk}: {run.processed:,}/{run.total:,} processed when stopped; {purged} chunks left purged")
    BackfillRun.objects.filter(pk=run.pk).update(status=BackfillRun.Status.SUPERSEDED)


def _backfill_rate(connection, workers: int, processes: int, per_task: int, seconds: float) -> float:
    """Labels per second of `workers` real workers (`-Q low`) consuming the queued chunks, measured after
    the first labels of this variant come in (the workers booted) over `seconds`."""
    from threads.models import Thread

    labelled = Thread.objects.filter(category_source="classifier")
    env = {"THREADS_BACKFILL_CONCURRENCY": str(per_task)}
    pool = [_worker(connection, processes, "low", f"backfill{i}", env) for i in range(workers)]
    warm_until = labelled.count() + workers * processes * per_task  # every process has a chunk going
    return _steady_rate(pool, labelled, warm_until, warm_seconds=90, seconds=seconds, strict=True)


def _bench_label_writes(batches: int = 7) -> None:
    """The label writes of one backfill chunk (512 consecutive threads over 100 projects, flushed 64 at a
    time): one conditional UPDATE per category (before) vs one `UPDATE ... FROM (VALUES ...)` per flush.
    Each batch is rolled back, so both variants write the same unlabelled rows."""
    from django.db import transaction

    from threads.models import Category, Thread
    from threads.services.classification import thread_label_by_classifier, threads_label_by_classifier

    first = dict(Category.objects.order_by("project_id", "pk").values_list("project_id", "pk").distinct())
    unlabelled = Thread.objects.filter(category_source__isnull=True, project_id__in=_insert_threads.project_ids)  # type: ignore[attr-defined]
    rows = list(unlabelled.order_by("pk").values_list("pk", "project_id"))  # the 100 projects just inserted
    timings: dict[str, list[float]] = {"per category": [], "one UPDATE FROM VALUES": []}
    for b in range(batches):
        chunk = rows[b * 512 : (b + 1) * 512]
        for name in timings:
            with transaction.atomic():
                started = time.perf_counter()
                for at in range(0, len(chunk), 64):
                    labels: dict[int, list[int]] = {}
                    for pk, pid in chunk[at : at + 64]:
                        labels.setdefault(first[pid], []).append(pk)
                    if name == "per category":
                        for category_id, ids in labels.items():
                            thread_label_by_classifier(thread_ids=ids, category_id=category_id)
                    else:
                        threads_label_by_classifier(labels=labels)
                timings[name].append((time.perf_counter() - started) * 1000)
                transaction.set_rollback(True)
    before, after = percentile(timings["per category"], 50), percentile(timings["one UPDATE FROM VALUES"], 50)
    print(
        f"  label writes of one 512-thread chunk over 100 projects: {after:.0f} ms with one UPDATE FROM VALUES "
        f"per 64 labels; baseline one UPDATE per category: {before:.0f} ms (p50 of {batches})"
    )
