"""RAG chat and thread classification (issue 8).

1. Chat latency p50/p95 with classification wired in (each new thread's id handed after commit to the
   outbox thread that publishes its job) vs without, in the same run, requests interleaved; the ratio
   should be <= 1.05. Also the cost of one publish, which the outbox keeps out of the request.
   The chat runs in-process through the whole Django/DRF stack with an API key, retrieval from a
   knowledge library of 200 chunks ("hash" embeddings) and the offline answer (no LLM call), so the
   request is as cheap as it gets and any classification cost would show.
2. Backfill on Postgres: N synthetic unlabelled threads inserted with COPY, then the time (and peak
   memory) to plan and enqueue every chunk to the `low` queue (goal for 1M: <= 60 s); then a real
   Celery worker (`-Q low`, CELERY_CONCURRENCY processes) with the 2 s DummyClassifier consumes the
   chunks for BENCH_THREADS_WORKER_SECONDS, and the measured labelling rate gives the projected time
   for 1M threads (goal < 6 h on one worker machine).

3. The threads list (limit/offset with `count`) on one project with BENCH_THREADS_LIST_N threads
   (default N): page 1 and a deep page (offset N/2) through the API, against the bare page query.
4. Live labelling (issue 15): new threads chatted at BENCH_THREADS_LIVE_RATE (20/s) for
   BENCH_THREADS_LIVE_SECONDS (60) while workers started as the Procfile does (`-Q live,default,low`)
   label them: creation → label p50/p95/max (goal: all within 120 s, p95 <= 60 s), for each count of
   workers in BENCH_THREADS_LIVE_WORKERS (1; e.g. "1,2": the rate scales with the workers), and
   `live-backfill`: the same with a backfill of N threads queued on `low`.
BENCH_THREADS_PARTS picks the parts (default chat,list,live,backfill; add live-backfill).

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
            {
                "document_id": str(document.uuid),
                "text": f"How to handle {topics[i % 10]} case {i}: open Settings, step {i}.",
            }
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

    def __init__(self, connection, concurrency: int, queues: str = "low", name: str = "bench") -> None:
        self.connection, self.concurrency, self.queues, self.name = connection, concurrency, queues, name
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> _worker:
        s = self.connection.settings_dict
        env = dict(os.environ)
        host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
        env["DATABASE_URL"] = f"postgres://{s['USER']}:{s.get('PASSWORD') or ''}@{host}:{port}/{s['NAME']}"
        env["PYTHONWARNINGS"] = "ignore"  # celery's warning about running as root in containers
        env["THREADS_CLASSIFIER_DELAY"] = os.environ.get("THREADS_CLASSIFIER_DELAY", "2.0")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-n", f"{self.name}@%h", "-Q", self.queues,
             "--concurrency", str(self.concurrency), "--loglevel", "WARNING", "--without-heartbeat", "--without-gossip",
             "--without-mingle"],
            env=env,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
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

    from threads.models import BackfillRun, Thread
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

    processes = int(os.environ.get("CELERY_CONCURRENCY", "2"))
    per_task = settings.THREADS_CLASSIFY_CONCURRENCY
    delay = float(os.environ.get("THREADS_CLASSIFIER_DELAY", "2.0"))
    with _worker(connection, processes):
        deadline = time.monotonic() + 60
        while not Thread.objects.filter(category_source="classifier").exists():  # worker up, first labels in
            if time.monotonic() > deadline:
                raise RuntimeError("the benchmark's worker labelled nothing within 60 s")
            time.sleep(0.5)
        t0, c0 = time.perf_counter(), Thread.objects.filter(category_source="classifier").count()
        time.sleep(worker_seconds)
        t1, c1 = time.perf_counter(), Thread.objects.filter(category_source="classifier").count()
    rate = (c1 - c0) / (t1 - t0)
    ideal = processes * per_task / delay
    print(
        f"  classification: {c1 - c0:,} threads labelled in {t1 - t0:.0f} s by one worker "
        f"({processes} processes x {per_task} concurrent calls, {delay:g} s per call): {rate:.1f} threads/s "
        f"(ideal {ideal:.0f}/s)"
    )
    hours = 1_000_000 / rate / 3600 if rate else float("inf")
    print(f"  projected time for 1,000,000 threads: {hours:.2f} h (goal < 6 h)")
    run.refresh_from_db()
    purged = _purge("low")
    print(f"  run #{run.pk}: {run.processed:,}/{run.total:,} processed when stopped; {purged} chunks left purged")
    BackfillRun.objects.filter(pk=run.pk).update(status=BackfillRun.Status.SUPERSEDED)


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
    for label, offset in (("page 1", 0), ("deep page", n // 2)):
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


def bench_live(rate: float, seconds: float, workers: int, with_backfill: int = 0) -> None:
    """New threads chatted at `rate`/s for `seconds` while `workers` workers started as the Procfile does
    (`-Q live,default,low`, CELERY_CONCURRENCY processes, 2 s classifier) label them; optionally with a
    backfill of `with_backfill` threads queued on `low` at the same time. Reports creation → label."""
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
    backfill_note = ""
    if with_backfill:
        _insert_threads(with_backfill, projects=10)
        run = backfill_start(new=True)
        run = backfill_plan(run_id=run.pk)
        backfill_note = f", with a backfill of {run.planned:,} threads ({run.chunks:,} chunks) queued on `low`"
    api_key, raw = ApiKeyFactory.create_with_secret()
    client = Client(HTTP_X_API_KEY=raw)
    url = f"/query/v1/projects/{api_key.project.uuid}/chat"
    processes = int(os.environ.get("CELERY_CONCURRENCY", "2"))
    workers_ctx = [_worker(connection, processes, "live,default,low", f"live{i}") for i in range(workers)]
    for w in workers_ctx:
        w.__enter__()
    try:
        time.sleep(8)  # the workers boot
        first_id = (Thread.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        sent = _chat_at_rate(client, url, rate, seconds)
        classification_outbox().flush(timeout=30)
        mine = Thread.objects.filter(pk__gte=first_id, project_id=api_key.project_id)
        deadline = time.monotonic() + 150
        while mine.filter(category_source__isnull=True).exists() and time.monotonic() < deadline:
            time.sleep(1)
        backfill_done = 0
        if with_backfill:
            backfill_done = (
                Thread.objects.exclude(project_id=api_key.project_id).filter(category_source="classifier").count()
            )
    finally:
        for w in workers_ctx:
            w.__exit__(None, None, None)
    lags = [
        (labelled - created).total_seconds()
        for created, labelled in mine.values_list("created_at", "labelled_at")
        if labelled
    ]
    left = mine.filter(category_source__isnull=True).count()
    print(
        f"live labelling: {sent:,} new threads at {sent / seconds:.1f}/s (target {rate:g}/s) for {seconds:g} s, "
        f"{workers} worker(s) x {processes} "
        f"processes{backfill_note}:"
    )
    print(
        f"  creation → label: p50 {percentile(lags, 50):5.1f} s  p95 {percentile(lags, 95):5.1f} s  "
        f"max {max(lags, default=float('nan')):5.1f} s; {left} unlabelled after 150 s "
        f"(goal: all within 120 s, p95 <= 60 s; baseline before batching: one task per thread, ~1/s per worker)"
    )
    if with_backfill:
        print(f"  backfill meanwhile: {backfill_done:,} threads labelled")
        BackfillRun.objects.filter(status__in=["planning", "running"]).update(status=BackfillRun.Status.SUPERSEDED)
        _purge("low")
    live.client().delete(live.QUEUE_KEY, live.KICK_KEY)


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
        if "live-backfill" in parts:
            bench_live(rate, live_seconds, 1, with_backfill=n)
        if "backfill" in parts:
            bench_backfill(n, worker_seconds)
