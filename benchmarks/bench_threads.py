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

Knobs (environment): BENCH_THREADS_N (default 100000; BENCH_THREADS_FULL=1 for 1000000),
BENCH_THREADS_CHATS (300 per variant), BENCH_THREADS_WORKER_SECONDS (60), CELERY_CONCURRENCY (2),
THREADS_CLASSIFY_CONCURRENCY (64), THREADS_BACKFILL_CHUNK_SIZE (512).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
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
    url = f"/query/v1/projects/{project_id}/chat"
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
    purged = _purge("default")
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


def _insert_threads(n: int, projects: int) -> float:
    """N unlabelled threads spread over `projects` projects (each with the two default categories)."""
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
            "COPY threads_thread (project_id, created_at, first_question, total_questions, last_question_at) FROM STDIN"
        ) as copy:
            for i in range(n):
                created = start + timedelta(seconds=30 * i)
                copy.write_row((project_ids[i % projects], created, f"{questions[i % 5]} #{i}", 1 + i % 4, created))
        cursor.execute("ANALYZE threads_thread")
    return time.perf_counter() - started


class _worker:
    """A real Celery worker (prefork, CELERY_CONCURRENCY processes) consuming only `low`, on the bench DB."""

    def __init__(self, connection, concurrency: int) -> None:
        self.connection, self.concurrency = connection, concurrency
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> _worker:
        s = self.connection.settings_dict
        env = dict(os.environ)
        host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
        env["DATABASE_URL"] = f"postgres://{s['USER']}:{s.get('PASSWORD') or ''}@{host}:{port}/{s['NAME']}"
        env["PYTHONWARNINGS"] = "ignore"  # celery's warning about running as root in containers
        env["THREADS_CLASSIFIER_DELAY"] = os.environ.get("THREADS_CLASSIFIER_DELAY", "2.0")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "low", "--concurrency",
             str(self.concurrency), "--loglevel", "WARNING", "--without-heartbeat", "--without-gossip",
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


def main() -> None:
    setup_django()
    full = os.environ.get("BENCH_THREADS_FULL", "") in {"1", "true", "yes"}
    n = int(os.environ.get("BENCH_THREADS_N", "1000000" if full else "100000"))
    chats = int(os.environ.get("BENCH_THREADS_CHATS", "300"))
    worker_seconds = float(os.environ.get("BENCH_THREADS_WORKER_SECONDS", "60"))
    with bench_database():
        bench_chat(chats)
        bench_backfill(n, worker_seconds)
