"""RAG chat and thread classification (issues 8 and 15).

1. `chat`: latency p50/p95 with classification wired in (each new thread's id handed after commit to
   the outbox thread that publishes its job) vs without, in the same run, requests interleaved; the
   ratio should be <= 1.05. Also the cost of one publish, which the outbox keeps out of the request.
   The chat runs in-process through the whole Django/DRF stack with an API key, retrieval from a
   knowledge library of 200 chunks ("hash" embeddings) and the offline answer (no LLM call), so the
   request is as cheap as it gets and any classification cost would show.
2. `backfill` (Postgres): N synthetic unlabelled threads inserted with COPY, then the time (and peak
   memory) to plan and enqueue every chunk to the `low` queue (goal for 1M: <= 60 s); the label writes
   of one chunk (one UPDATE FROM VALUES vs one UPDATE per category, same rows); then
   BENCH_THREADS_BACKFILL_WORKERS (4) real Celery workers (`-Q low`, CELERY_CONCURRENCY processes, the
   2 s DummyClassifier per question, real chunks as the backfill sends them) consume the chunks for
   BENCH_THREADS_WORKER_SECONDS once each process has a chunk going, for each calls-in-flight setting in
   BENCH_THREADS_BACKFILL_CONCURRENCY ("64,128": 64 is the baseline); the measured rate gives the
   projected time for 1M threads (goal <= 60 min with 4 workers).
3. `list`: the threads list (limit/offset with `count`) on one project with BENCH_THREADS_LIST_N
   threads (default N): page 1, a deep page (offset N/2) and the last page through the API, against
   the bare plain-OFFSET page query; and the first deep page after the anchors expired.
4. `live` (issue 15): new threads chatted at BENCH_THREADS_LIVE_RATE (20/s) per worker for
   BENCH_THREADS_LIVE_SECONDS (60), from one load process per 20/s, while workers started as the
   Procfile does (`-Q live,default,low`) label them: creation → label p50/p95/max (goal: all within
   120 s, p95 <= 60 s), for each count of workers in BENCH_THREADS_LIVE_WORKERS (1; e.g. "1,2").
   `live-capacity`: a backlog of new threads on the live list drained by 1, 2, ... workers
   (BENCH_THREADS_CAPACITY_WORKERS, "1,2,3,4"): labels/s, the scaling curve without the load
   generator's CPU in the way. `live-backfill`: `live` at 20/s with one worker while a backfill of
   BENCH_THREADS_LIVE_BACKFILL_N threads (N) is queued on `low` and running on the same worker (and
   BENCH_THREADS_LIVE_BACKFILL_WORKERS more on `-Q low`).
5. `sweep`: live jobs lost with a worker killed mid-classification, then a Procfile worker and
   `celery beat` at the documented sweep settings, a backfill queued: creation → label of the lost
   threads (the README's bound: found within 180 s).
BENCH_THREADS_PARTS picks the parts (default chat,list,live,backfill).

Knobs (environment): BENCH_THREADS_N (default 100000; BENCH_THREADS_FULL=1 for 1000000),
BENCH_THREADS_CHATS (300 per variant), BENCH_THREADS_WORKER_SECONDS (60), CELERY_CONCURRENCY (2),
THREADS_CLASSIFY_CONCURRENCY (64), THREADS_BACKFILL_CHUNK_SIZE (512).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.support import bench_database, percentile, setup_django


def _rss_kb(field: str = "VmRSS") -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak_rss() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _purge(queue: str) -> int:
    from config.celery import app

    with app.connection_for_write() as conn:
        try:
            return conn.default_channel.queue_purge(queue) or 0
        except Exception:
            return 0


def bench_chat(requests: int) -> None:
    from django.conf import settings
    from django.test import Client

    from accounts.tests.factories import ApiKeyFactory
    from threads.retrieval import knowledge_library_get_or_create
    from vectordb.services import chunks_upsert, document_create

    settings.THREADS_EMBEDDING_PROVIDER = "hash"
    settings.ANTHROPIC_API_KEY = ""
    api_key, raw = ApiKeyFactory.create_with_secret()
    project_id = api_key.project_id
    project_uuid = api_key.project.uuid
    library = knowledge_library_get_or_create(project_id=project_id)
    document = document_create(library=library, title="Help center")
    topics = ["password", "invoice", "shipping", "refund", "account", "login", "billing", "export", "api", "team"]
    chunks_upsert(
        library=library,
        chunks=[
            {"document_id": document.pk, "text": f"How to handle {topics[i % 10]} case {i}: open Settings, step {i}."}
            for i in range(200)
        ],
    )
    client = Client(HTTP_X_API_KEY=raw)
    url = f"/query/v1/projects/{project_uuid}/chat"
    timings: dict[bool, list[float]] = {True: [], False: []}

    def ask(i: int) -> float:
        started = time.perf_counter()
        response = client.post(url, {"question": f"How do I reset my {topics[i % 10]}? ({i})"}, "application/json")
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.content
        return elapsed

    for i in range(40):  # warm up both paths (connections, broker channel, index load)
        settings.THREADS_CLASSIFY_ON_CHAT = bool(i % 2)
        ask(i)
    for i in range(2 * requests):  # interleaved: drift hits both variants alike
        wired = i % 2 == 0
        settings.THREADS_CLASSIFY_ON_CHAT = wired
        timings[wired].append(ask(i))
    settings.THREADS_CLASSIFY_ON_CHAT = True
    from threads.services.classification import classification_outbox, classification_publish

    classification_outbox().flush(timeout=30)
    started = time.perf_counter()
    for i in range(requests):
        classification_publish(thread_id=i + 1)
    publish_ms = (time.perf_counter() - started) * 1000 / requests
    purged = _purge("live")
    from threads import live

    live.client().delete(live.QUEUE_KEY)
    on, off = timings[True], timings[False]
    print(f"chat (new thread, offline answer, {requests} requests per variant, in-process):")
    print(f"  without classification:  p50 {percentile(off, 50):6.2f} ms   p95 {percentile(off, 95):6.2f} ms")
    print(f"  with classification:     p50 {percentile(on, 50):6.2f} ms   p95 {percentile(on, 95):6.2f} ms")
    print(
        f"  ratio with/without:      p50 {percentile(on, 50) / percentile(off, 50):.3f}    "
        f"p95 {percentile(on, 95) / percentile(off, 95):.3f}   (goal <= 1.05)"
    )
    print(
        f"  publishing one job to the broker: {publish_ms:.2f} ms, done by the outbox thread, not the request "
        f"(THREADS_CLASSIFY_PUBLISH=background; {purged} jobs purged after)"
    )


def _insert_threads(n: int, projects: int, labelled: bool = False) -> float:
    """N unlabelled (or user-labelled) threads spread over `projects` projects (each with the two default
    categories). Returns the seconds taken; the project ids are in `_insert_threads.project_ids`."""
    from django.db import connection

    from accounts.tests.factories import ProjectFactory
    from threads.services import categories_seed_defaults

    project_ids = [ProjectFactory().pk for _ in range(projects)]
    categories_seed_defaults(project_ids=project_ids)
    questions = [
        "How do I export my data to CSV?",
        "The app crashes when I upload a photo",
        "Where can I change my billing address?",
        "I get an error 500 after login",
        "How to invite a teammate?",
    ]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(
            "COPY threads_thread (project_id, uuid, created_at, first_question, total_questions, last_question_at, "
            "category_source) FROM STDIN"
        ) as copy:
            source = "user" if labelled else None
            for i in range(n):
                created = start + timedelta(seconds=30 * i)
                copy.write_row(
                    (
                        project_ids[i % projects],
                        uuid.uuid4(),
                        created,
                        f"{questions[i % 5]} #{i}",
                        1 + i % 4,
                        created,
                        source,
                    )
                )
        cursor.execute("ANALYZE threads_thread")
    _insert_threads.project_ids = project_ids  # type: ignore[attr-defined]
    return time.perf_counter() - started


class _worker:
    """A real Celery worker (prefork, CELERY_CONCURRENCY processes) consuming only `low`, on the bench DB."""

    def __init__(
        self,
        connection,
        concurrency: int,
        queues: str = "low",
        name: str = "bench",
        env: dict | None = None,
        group: bool = False,
    ) -> None:
        self.connection, self.concurrency, self.queues, self.name = connection, concurrency, queues, name
        self.extra_env = env or {}
        self.group = group
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        return [sys.executable, "-m", "celery", "-A", "config", "worker", "-n", f"{self.name}@%h", "-Q", self.queues,
                "--concurrency", str(self.concurrency), "--loglevel", "WARNING", "--without-heartbeat",
                "--without-gossip", "--without-mingle"]  # fmt: skip

    def kill(self, sig: int) -> None:
        """A crash: `sig` to the worker and its pool processes at once (`group=True` workers only)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def __enter__(self) -> _worker:
        s = self.connection.settings_dict
        env = dict(os.environ)
        host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
        env["DATABASE_URL"] = f"postgres://{s['USER']}:{s.get('PASSWORD') or ''}@{host}:{port}/{s['NAME']}"
        env["PYTHONWARNINGS"] = "ignore"  # celery's warning about running as root in containers
        env["THREADS_CLASSIFIER_DELAY"] = os.environ.get("THREADS_CLASSIFIER_DELAY", "2.0")
        env.update(self.extra_env)
        self.process = subprocess.Popen(
            self.command(), env=env, stdout=subprocess.DEVNULL, start_new_session=self.group
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


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
    before = labelled.count()
    for w in pool:
        w.__enter__()
    try:
        deadline = time.monotonic() + 90
        while labelled.count() < before + workers * processes * per_task:  # every process has a chunk going
            if time.monotonic() > deadline:
                raise RuntimeError("the benchmark's workers labelled too little within 90 s")
            time.sleep(0.5)
        t0, c0 = time.perf_counter(), labelled.count()
        time.sleep(seconds)
        t1, c1 = time.perf_counter(), labelled.count()
    finally:
        for w in pool:
            w.__exit__(None, None, None)
    return (c1 - c0) / (t1 - t0)


def _bench_label_writes(batches: int = 7) -> None:
    """The label writes of one backfill chunk (512 consecutive threads over 100 projects, flushed 64 at a
    time): one conditional UPDATE per category (before) vs one `UPDATE ... FROM (VALUES ...)` per flush.
    Each batch is rolled back, so both variants write the same unlabelled rows."""
    from django.db import transaction

    from threads.models import Category, Thread
    from threads.services.classification import thread_label_by_classifier, threads_label_by_classifier

    first = dict(Category.objects.order_by("project_id", "pk").values_list("project_id", "pk").distinct())
    rows = list(Thread.objects.filter(category_source__isnull=True).order_by("pk").values_list("pk", "project_id"))
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


def bench_list(n: int) -> None:
    """The threads list (limit/offset with `count`, as the original) on one project with N threads:
    page 1 and a deep page, through the whole stack, against the cost of the bare page query."""
    from django.db import connection
    from django.test import Client

    from accounts.models import Project
    from accounts.tests.factories import ApiKeyFactory
    from threads.models import Thread

    insert_s = _insert_threads(n, projects=1, labelled=True)
    project_id = _insert_threads.project_ids[0]  # type: ignore[attr-defined]
    project = Project.objects.get(pk=project_id)
    _, raw = ApiKeyFactory.create_with_secret(project=project)
    project_uuid = project.uuid
    client = Client(HTTP_X_API_KEY=raw)
    url = f"/query/v1/projects/{project_uuid}/threads/"
    print(f"threads list: {n:,} threads in one project (inserted in {insert_s:.1f} s)")

    def timed(query: str, repeat: int = 7) -> tuple[float, dict]:
        samples, body = [], {}
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url + query)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content
            body = response.json()
        return percentile(samples, 50), body

    def bare(offset: int) -> float:
        samples = []
        for _ in range(7):
            started = time.perf_counter()
            list(Thread.objects.filter(project_id=project_id).order_by("-created_at", "-id")[offset : offset + 100])
            samples.append((time.perf_counter() - started) * 1000)
        return percentile(samples, 50)

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE threads_thread")
    timed("")  # warm up
    from django.core.cache import cache

    from threads import paging

    cache.delete(f"threads:list-anchors:{project_id}")
    ms, _ = timed(f"?limit=100&offset={n // 2}", repeat=3)  # schedules the build task; no worker runs it here
    started = time.perf_counter()
    built = paging.anchors_build_task(project_id=project_id)  # what the `build_list_anchors` task does
    print(
        f"  deep page before the anchors exist (plain OFFSET): p50 {ms:.1f} ms; the build_list_anchors task "
        f"(one index-only scan, on a worker): {(time.perf_counter() - started) * 1000:.0f} ms, {built} anchors, "
        f"cached {paging.ANCHOR_TTL_SECONDS} s"
    )
    _purge("default")
    for label, offset in (("page 1", 0), ("deep page", n // 2), ("deepest", n - 100)):
        ms, body = timed(f"?limit=100&offset={offset}")
        assert body["count"] == n and len(body["results"]) == 100
        print(
            f"  {label:9} (offset {offset:>9,}): p50 {ms:7.1f} ms through the API with count={body['count']:,}; "
            f"baseline: the bare page query p50 {bare(offset):7.1f} ms"
        )
    started = time.perf_counter()
    for _ in range(7):
        Thread.objects.filter(project_id=project_id).count()
    print(f"  of which COUNT(*) of the project: {(time.perf_counter() - started) * 1000 / 7:.1f} ms")


def _chat_at_rate(client, url: str, rate: float, seconds: float) -> int:
    """POST new-thread chats at `rate` per second for `seconds` (paced, in this process)."""
    sent = 0
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        due = int(elapsed * rate) + 1
        while sent < due:
            response = client.post(url, {"question": f"How do I export my invoices? ({sent})"}, "application/json")
            assert response.status_code == 200, response.content
            sent += 1
        time.sleep(max(0.0, (sent / rate) - (time.perf_counter() - started)))
    return sent


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
    code = "import sys; from benchmarks.bench_threads import _chat_process_main; _chat_process_main()"
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


def _queue_depth(queue: str) -> int:
    from config.celery import app

    with app.connection_for_write() as conn:
        try:
            return conn.default_channel.queue_declare(queue, passive=True).message_count
        except Exception:
            return -1


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
        for w in pool:
            w.__enter__()
        try:
            deadline = time.monotonic() + 60
            while labelled.count() < workers * processes * 64 and time.monotonic() < deadline:
                time.sleep(0.5)
            t0, c0 = time.perf_counter(), labelled.count()
            time.sleep(seconds)
            t1, c1 = time.perf_counter(), labelled.count()
        finally:
            for w in pool:
                w.__exit__(None, None, None)
        rate = (c1 - c0) / (t1 - t0)
        ideal = workers * processes * 64 / delay
        print(
            f"  {workers} worker(s) x {processes} processes: {rate:6.1f} threads/s (ideal {ideal:.0f}/s, "
            f"{rate / ideal:.0%}; {rate / workers:.1f}/s per worker)"
        )
    live.client().delete(live.QUEUE_KEY, live.KICK_KEY)
    _purge("live")


def timezone_now():
    from django.utils import timezone

    return timezone.now()


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


class _beat(_worker):
    """`celery -A config beat` as the Procfile starts it (DatabaseScheduler), on the bench database."""

    def command(self) -> list[str]:
        return [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel", "WARNING",
                "--schedule", "/tmp/bench-threads-celerybeat-schedule"]  # fmt: skip

    def __init__(self, connection) -> None:
        super().__init__(connection, 0, name="beat")


def main() -> None:
    setup_django()
    full = os.environ.get("BENCH_THREADS_FULL", "") in {"1", "true", "yes"}
    n = int(os.environ.get("BENCH_THREADS_N", "1000000" if full else "100000"))
    chats = int(os.environ.get("BENCH_THREADS_CHATS", "300"))
    worker_seconds = float(os.environ.get("BENCH_THREADS_WORKER_SECONDS", "60"))
    parts = os.environ.get("BENCH_THREADS_PARTS", "chat,list,live,backfill").split(",")
    rate = float(os.environ.get("BENCH_THREADS_LIVE_RATE", "20"))
    live_seconds = float(os.environ.get("BENCH_THREADS_LIVE_SECONDS", "60"))
    with bench_database():
        if "chat" in parts:
            bench_chat(chats)
        if "list" in parts:
            bench_list(int(os.environ.get("BENCH_THREADS_LIST_N", str(n))))
        if "live" in parts:
            for workers in [int(w) for w in os.environ.get("BENCH_THREADS_LIVE_WORKERS", "1").split(",")]:
                bench_live(rate * workers, live_seconds, workers)
        if "live-capacity" in parts:
            workers_list = [int(w) for w in os.environ.get("BENCH_THREADS_CAPACITY_WORKERS", "1,2,3,4").split(",")]
            bench_live_capacity(workers_list, int(os.environ.get("BENCH_THREADS_CAPACITY_BACKLOG", "40000")), 40)
        if "live-backfill" in parts:
            bench_live(
                rate,
                live_seconds,
                1,
                with_backfill=int(os.environ.get("BENCH_THREADS_LIVE_BACKFILL_N", str(n))),
                backfill_workers=int(os.environ.get("BENCH_THREADS_LIVE_BACKFILL_WORKERS", "0")),
            )
        if "sweep" in parts:
            lost = int(os.environ.get("BENCH_THREADS_SWEEP_LOST", "64"))
            bench_sweep(lost, backfill=int(os.environ.get("BENCH_THREADS_SWEEP_BACKFILL_N", "100000")))
        if "backfill" in parts:
            bench_backfill(n, worker_seconds)
