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
import time

from benchmarks.support import bench_database, percentile, setup_django
from benchmarks.threads_backfill import bench_backfill
from benchmarks.threads_live import bench_live, bench_live_capacity, bench_sweep
from benchmarks.threads_support import _insert_threads, _purge


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
