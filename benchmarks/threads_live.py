"""`bench_threads` parts `live`, `live-capacity`, `live-backfill` and `sweep`: real workers and beat."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from benchmarks.support import percentile, setup_django
from benchmarks.threads_support import (
    _beat,
    _chat_at_rate,
    _insert_threads,
    _purge,
    _queue_depth,
    _steady_rate,
    _worker,
    timezone_now,
)


def _chat_process_main() -> None:
    """A load generator process (started by `_chat_from_processes`): its own Django, client and outbox."""
    setup_django()
    from django.conf import settings
    from django.test import Client

    from threads.services.classification import classification_outbox

    settings.THREADS_EMBEDDING_PROVIDER = "hash"
    settings.ANTHROPIC_API_KEY = ""
    url, raw, rate, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    _chat_at_rate(Client(HTTP_X_API_KEY=raw), url, rate, seconds)
    classification_outbox().flush(timeout=30)


def _chat_from_processes(url: str, raw: str, rate: float, seconds: float, generators: int) -> None:
    """`rate`/s of new-thread chats from `generators` processes on the bench database (one process tops
    out near 20/s on this machine: each chat costs tens of ms of CPU). Separate interpreters, not forks:
    a fork would share this process's broker and database sockets."""
    from django.db import connection

    s = connection.settings_dict
    env = dict(os.environ)
    env["DATABASE_URL"] = (
        f"postgres://{s['USER']}:{s.get('PASSWORD') or ''}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    )
    code = "import sys; from benchmarks.threads_live import _chat_process_main; _chat_process_main()"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, url, raw, str(rate / generators), str(seconds)], env=env)
        for _ in range(generators)
    ]
    for proc in procs:
        proc.wait(timeout=seconds + 120)


def bench_live(rate: float, seconds: float, workers: int, with_backfill: int = 0, backfill_workers: int = 0) -> None:
    """New threads chatted at `rate`/s for `seconds` (from one forked load generator per 20/s) while
    `workers` workers started as the Procfile does (`-Q live,default,low`, CELERY_CONCURRENCY processes,
    2 s classifier) label them; optionally with a backfill of `with_backfill` threads queued on `low` and
    `backfill_workers` more workers on `-Q low` only. Reports creation → label, and the backfill's rate."""
    from django.conf import settings
    from django.db import connection
    from django.db.models import Max, Min

    from accounts.tests.factories import ApiKeyFactory
    from threads import live
    from threads.models import BackfillRun, Thread
    from threads.services import backfill_plan, backfill_start

    settings.THREADS_EMBEDDING_PROVIDER = "hash"
    settings.ANTHROPIC_API_KEY = ""
    settings.THREADS_CLASSIFY_ON_CHAT = True
    live.client().delete(live.QUEUE_KEY, live.KICK_KEY)
    for queue in ("live", "default", "low"):
        _purge(queue)
    backfill_note = ""
    if with_backfill:
        BackfillRun.objects.filter(status__in=["planning", "running"]).update(status=BackfillRun.Status.SUPERSEDED)
        Thread.objects.filter(category_source__isnull=False).update(category_source=None, category=None)
        if Thread.objects.count() < with_backfill:
            _insert_threads(with_backfill - Thread.objects.count(), projects=10)
        run = backfill_start(new=True)
        run = backfill_plan(run_id=run.pk)
        backfill_note = f", a backfill of {run.planned:,} threads ({run.chunks:,} chunks) queued on `low`"
        if backfill_workers:
            backfill_note += f" and {backfill_workers} more worker(s) on `-Q low`"
    api_key, raw = ApiKeyFactory.create_with_secret()
    url = f"/query/v1/projects/{api_key.project.uuid}/chat"
    processes = int(os.environ.get("CELERY_CONCURRENCY", "2"))
    pool = [_worker(connection, processes, "live,default,low", f"live{i}") for i in range(workers)]
    pool += [_worker(connection, processes, "low", f"lowonly{i}") for i in range(backfill_workers)]
    for w in pool:
        w.__enter__()
    backfilled = Thread.objects.exclude(project_id=api_key.project_id).filter(category_source="classifier")
    try:
        time.sleep(8)  # the workers boot
        if with_backfill:  # the backfill is running on every process before the live load starts
            deadline = time.monotonic() + 60
            while backfilled.count() < len(pool) * processes * 64 and time.monotonic() < deadline:
                time.sleep(0.5)
        b0, t0 = backfilled.count(), time.perf_counter()
        first_id = (Thread.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        generators = max(1, round(rate / 20))
        _chat_from_processes(url, raw, rate, seconds, generators)
        sent_s = time.perf_counter() - t0
        mine = Thread.objects.filter(pk__gte=first_id, project_id=api_key.project_id)
        sent = mine.count()
        span = mine.aggregate(first=Min("created_at"), last=Max("created_at"))
        if sent > 1:  # the achieved rate, from the threads' own creation times
            sent_s = (span["last"] - span["first"]).total_seconds() * sent / (sent - 1)
        deadline = time.monotonic() + 150
        while mine.filter(category_source__isnull=True).exists() and time.monotonic() < deadline:
            time.sleep(1)
        b1, t1 = backfilled.count(), time.perf_counter()
        queued_low = _queue_depth("low")
    finally:
        for w in pool:
            w.__exit__(None, None, None)
    lags = [
        (labelled - created).total_seconds()
        for created, labelled in mine.values_list("created_at", "labelled_at")
        if labelled
    ]
    left = mine.filter(category_source__isnull=True).count()
    print(
        f"live labelling: {sent:,} new threads at {sent / sent_s:.1f}/s (target {rate:g}/s, {generators} load "
        f"process(es)) for {seconds:g} s, {workers} worker(s) x {processes} processes{backfill_note}:"
    )
    print(
        f"  creation → label: p50 {percentile(lags, 50):5.1f} s  p95 {percentile(lags, 95):5.1f} s  "
        f"max {max(lags, default=float('nan')):5.1f} s; {left} unlabelled after 150 s "
        f"(goal: all within 120 s, p95 <= 60 s; baseline before batching: one task per thread, ~1/s per worker)"
    )
    if with_backfill:
        print(
            f"  backfill meanwhile: {b1 - b0:,} threads labelled in {t1 - t0:.0f} s ({(b1 - b0) / (t1 - t0):.1f}/s), "
            f"{queued_low:,} chunks still queued on `low` at the end (it was saturated throughout)"
        )
        BackfillRun.objects.filter(status__in=["planning", "running"]).update(status=BackfillRun.Status.SUPERSEDED)
        _purge("low")
    live.client().delete(live.QUEUE_KEY, live.KICK_KEY)


def bench_live_capacity(workers_list: list[int], backlog: int, seconds: float) -> None:
    """The live path's capacity curve: `backlog` new unlabelled threads pushed onto the live list at
    once, drained by 1, 2, ... workers started as the Procfile does; labels per second in steady state.
    (The chat is not in the loop here, so the load generator's CPU does not cap the curve.)"""
    from django.db import connection

    from threads import live
    from threads.models import Thread

    processes = int(os.environ.get("CELERY_CONCURRENCY", "2"))
    delay = float(os.environ.get("THREADS_CLASSIFIER_DELAY", "2.0"))
    print(f"live capacity: a backlog of {backlog:,} new threads on the live list, workers as the Procfile:")
    first_id = (Thread.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    _insert_threads(backlog, projects=10)
    backlog_rows = Thread.objects.filter(pk__gte=first_id)
    ids = list(backlog_rows.values_list("pk", flat=True))
    for workers in workers_list:
        live.client().delete(live.QUEUE_KEY, live.KICK_KEY)
        _purge("live")
        backlog_rows.update(category_source=None, category=None, labelled_at=None)
        for at in range(0, len(ids), 1000):
            live.push(ids[at : at + 1000])
        labelled = backlog_rows.filter(category_source="classifier")
        pool = [_worker(connection, processes, "live,default,low", f"cap{i}") for i in range(workers)]
        rate = _steady_rate(pool, labelled, workers * processes * 64, warm_seconds=60, seconds=seconds, strict=False)
        ideal = workers * processes * 64 / delay
        print(
            f"  {workers} worker(s) x {processes} processes: {rate:6.1f} threads/s (ideal {ideal:.0f}/s, "
            f"{rate / ideal:.0%}; {rate / workers:.1f}/s per worker)"
        )
    live.client().delete(live.QUEUE_KEY, live.KICK_KEY)
    _purge("live")


def bench_sweep(lost: int, backfill: int) -> None:
    """A lost live job, end to end at the documented settings (grace THREADS_SWEEP_GRACE_SECONDS = 60 s,
    a sweep every THREADS_SWEEP_INTERVAL_SECONDS = 120 s): `lost` new threads chatted, popped by a worker
    that is then killed (kill -9) while its classifier thinks, so nothing but the unlabelled rows is
    left; then a worker as the Procfile and `celery beat` as the Procfile, with a backfill of `backfill`
    threads queued on `low`. Reports creation → label of the lost threads (the README says: found 60-180 s
    after creation, labelled seconds later)."""
    import signal

    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from accounts.tests.factories import ApiKeyFactory
    from threads import live
    from threads.models import BackfillRun, Thread
    from threads.services import backfill_plan, backfill_start
    from threads.services.classification import classification_outbox

    settings.THREADS_EMBEDDING_PROVIDER = "hash"
    settings.ANTHROPIC_API_KEY = ""
    settings.THREADS_CLASSIFY_ON_CHAT = True
    live.client().delete(live.QUEUE_KEY, live.KICK_KEY)
    for queue in ("live", "default", "low"):
        _purge(queue)
    api_key, raw = ApiKeyFactory.create_with_secret()
    client = Client(HTTP_X_API_KEY=raw)
    url = f"/query/v1/projects/{api_key.project.uuid}/chat"
    client.get(f"/query/v1/projects/{api_key.project.uuid}/categories/")  # the defaults: the sweep needs categories
    first_id = (Thread.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    for i in range(lost):  # queued before the worker starts, so one task pops them all (lost <= 64)
        client.post(url, {"question": f"How do I export my invoices? ({i})"}, "application/json")
    classification_outbox().flush(timeout=30)
    doomed = _worker(connection, 2, "live,default,low", "doomed", {"THREADS_CLASSIFIER_DELAY": "120"}, group=True)
    doomed.__enter__()
    try:
        deadline = time.monotonic() + 60
        while live.pending() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)
    finally:
        doomed.kill(signal.SIGKILL)
    mine = Thread.objects.filter(pk__gte=first_id, project_id=api_key.project_id)
    assert not mine.filter(category_source__isnull=False).exists() and live.pending() == 0, "the job was not lost"
    note = ""
    if backfill:
        BackfillRun.objects.filter(status__in=["planning", "running"]).update(status=BackfillRun.Status.SUPERSEDED)
        _insert_threads(backfill, projects=1)  # its own project: the backfill must not label the lost threads
        run = backfill_plan(run_id=backfill_start(project_id=_insert_threads.project_ids[0], new=True).pk)  # type: ignore[attr-defined]
        note = f", a backfill of {run.planned:,} threads queued on `low`"
    killed = timezone_now()
    worker = _worker(connection, 2, "live,default,low", "procfile")
    beat = _beat(connection)
    with worker, beat:
        deadline = time.monotonic() + 300
        while mine.filter(category_source__isnull=True).exists() and time.monotonic() < deadline:
            time.sleep(1)
    lags = [(lab - created).total_seconds() for created, lab in mine.values_list("created_at", "labelled_at") if lab]
    after_kill = [(lab - killed).total_seconds() for lab in mine.values_list("labelled_at", flat=True) if lab]
    left = mine.filter(category_source__isnull=True).count()
    grace, interval = (
        settings.THREADS_SWEEP_GRACE_SECONDS,
        settings.CELERY_BEAT_SCHEDULE["threads-sweep-unlabelled"]["schedule"],
    )
    print(
        f"sweep: {lost} live jobs lost (worker killed mid-classification), then a Procfile worker and beat "
        f"(grace {grace:g} s, a sweep every {interval:g} s{note}):"
    )
    print(
        f"  creation → label: min {min(lags, default=float('nan')):.0f} s, max {max(lags, default=float('nan')):.0f} s"
        f" (labelled {min(after_kill, default=float('nan')):.0f}-{max(after_kill, default=float('nan')):.0f} s "
        f"after the crash and beat's start); {left} left after 300 s (goal: found within 180 s)"
    )
    BackfillRun.objects.filter(status__in=["planning", "running"]).update(status=BackfillRun.Status.SUPERSEDED)
    _purge("low")
    live.client().delete(live.QUEUE_KEY, live.KICK_KEY)
