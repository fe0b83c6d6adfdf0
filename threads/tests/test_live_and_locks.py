"""Live classification in batches, the sweep on the live list, one backfill run per scope, exact
counters after a redelivered chunk, and a database outage answered 503 on every endpoint."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections

from accounts.tests.factories import ProjectFactory
from threads import live
from threads.models import BackfillChunk, BackfillRun, Category, Thread
from threads.services import backfill_plan, backfill_start, sweep_enqueue
from threads.services.backfill import Chunk, backfill_chunk_process
from threads.tests.factories import ThreadFactory


@pytest.mark.django_db
def test_live_threads_are_classified_in_concurrent_batches_of_64(eager_celery, calls, monkeypatch):
    from threads.services import classification

    batches = []
    original = classification.threads_classify
    monkeypatch.setattr(
        classification, "threads_classify", lambda **kw: batches.append(len(kw["thread_ids"])) or original(**kw)
    )
    threads = [ThreadFactory() for _ in range(150)]
    live.push([t.pk for t in threads])  # the kick runs classify_live; each batch publishes the next
    assert sorted(batches) == [22, 64, 64]  # eagerly, the next batch runs inside the first one's pop
    assert not Thread.objects.filter(category_source__isnull=True).exists()
    assert live.pending() == 0
    assert len(calls) == 150


@pytest.mark.django_db
def test_a_chat_hands_its_new_thread_to_the_live_list_and_it_is_labelled(
    eager_celery, key_client, project, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        body = key_client.post(f"/query/v1/projects/{project.uuid}/chat", {"question": "How do I reset it?"}).json()
    thread = Thread.objects.get(uuid=body["thread_id"])
    assert thread.category_source == "classifier"


@pytest.mark.django_db
def test_the_sweep_pushes_lost_threads_onto_the_live_list(settings, monkeypatch):
    from django.core.cache import cache
    from django.utils import timezone

    settings.THREADS_SWEEP_GRACE_SECONDS = 0
    kicks = []
    monkeypatch.setattr(live, "kick", lambda: kicks.append(1))
    project = ProjectFactory()
    Category.objects.create(project=project, name="Billing")
    lost = [ThreadFactory(project=project, created_at=timezone.now()) for _ in range(3)]
    for t in lost:
        cache.delete(f"threads:sweep-claim:{t.pk}")
    assert sweep_enqueue(now=timezone.now()) == 3
    assert sorted(int(x) for x in live.client().lrange(live.QUEUE_KEY, 0, -1)) == sorted(t.pk for t in lost)
    assert kicks == [1]


def test_live_and_sweep_tasks_have_their_own_queue_and_the_procfile_worker_consumes_it(settings):
    from pathlib import Path

    from config.celery import app

    for name in ("classify_live", "sweep_unlabelled_threads"):
        assert app.amqp.router.route({}, f"threads.tasks.{name}")["queue"].name == "live"
    assert app.amqp.router.route({}, "threads.tasks.backfill_chunk")["queue"].name == "low"
    worker = next(
        line for line in Path(settings.BASE_DIR, "Procfile").read_text().splitlines() if line.startswith("worker:")
    )
    assert "-Q live,default,low" in worker


@pytest.mark.django_db(transaction=True)
def test_two_backfills_started_together_share_one_run():
    project = ProjectFactory()
    for _ in range(5):
        ThreadFactory(project=project)
    barrier = threading.Barrier(4)
    runs: list[int] = []

    def start() -> None:
        try:
            barrier.wait()
            runs.append(backfill_start(project_id=project.pk).pk)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=start) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(set(runs)) == 1
    assert BackfillRun.objects.filter(project=project, status__in=["planning", "running"]).count() == 1


@pytest.mark.postgres  # advisory locks; a dead Postgres
@pytest.mark.django_db(transaction=True)
def test_a_second_planner_of_the_same_run_plans_nothing():
    for _ in range(6):
        ThreadFactory()
    run = backfill_start(chunk_size=2)
    sent: list[Chunk] = []
    inside = threading.Event()
    release = threading.Event()

    def slow_enqueue(chunk: Chunk) -> None:
        sent.append(chunk)
        inside.set()
        release.wait(10)

    first = threading.Thread(
        target=lambda: (backfill_plan(run_id=run.pk, enqueue=slow_enqueue), connections.close_all())
    )
    first.start()
    assert inside.wait(10)
    backfill_plan(run_id=run.pk, enqueue=sent.append)  # another command, same run: the lock is held
    release.set()
    first.join()
    assert len(sent) == 3  # 6 threads in chunks of 2, once
    run.refresh_from_db()
    assert (run.planned, run.chunks) == (6, 3)


@pytest.mark.django_db
def test_a_redelivered_chunk_counts_once_and_the_split_comes_from_the_rows(calls):
    threads = [ThreadFactory() for _ in range(4)]
    run = backfill_start(chunk_size=4)
    chunks: list[Chunk] = []
    backfill_plan(run_id=run.pk, enqueue=chunks.append)
    [chunk] = chunks
    # A worker labelled two of them, then was killed before counting: the redelivery finds two to do.
    from threads.services import threads_classify

    threads_classify(thread_ids=[threads[0].pk, threads[1].pk])
    for _ in range(2):  # the redelivery, and a duplicate message
        backfill_chunk_process(run_id=run.pk, first_id=chunk.first_id, last_id=chunk.last_id, count=chunk.count)
    run.refresh_from_db()
    assert (run.processed, run.labelled, run.skipped, run.failed, run.status) == (4, 4, 0, 0, "finished")
    assert BackfillChunk.objects.filter(run=run).count() == 1


@pytest.mark.postgres  # advisory locks; a dead Postgres
@pytest.mark.django_db(transaction=True)
def test_every_threads_endpoint_answers_503_with_retry_after_when_the_database_is_down(key_client, project):
    thread = ThreadFactory(project=project)
    category = Category.objects.create(project=project, name="Billing")
    base = f"/query/v1/projects/{project.uuid}"
    calls_ = [
        ("post", f"{base}/chat", {"question": "Anyone?"}),
        ("get", f"{base}/threads/", None),
        ("get", f"{base}/threads/{thread.uuid}/", None),
        ("patch", f"{base}/threads/{thread.uuid}/", {"category_id": str(category.uuid)}),
        ("get", f"{base}/categories/", None),
        ("post", f"{base}/categories/", {"name": "Legal"}),
        ("get", f"{base}/categories/{category.uuid}/", None),
        ("delete", f"{base}/categories/{category.uuid}/", None),
        ("get", f"{base}/knowledge", None),
    ]
    connection.close()
    port = connection.settings_dict["PORT"]
    connection.settings_dict["PORT"] = "1"  # nothing listens there: connections are refused
    try:
        for method, url, body in calls_:
            started = time.perf_counter()
            response = getattr(key_client, method)(url, body, format="json")
            elapsed = time.perf_counter() - started
            assert response.status_code == 503, (method, url, response.content)
            assert response["Retry-After"].isdigit()
            assert response.json()["code"] == "service_unavailable"
            assert elapsed < 2
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port


def test_an_id_pushed_at_any_moment_is_seen_by_a_pending_task_or_publishes_one(monkeypatch):
    kicks = []
    monkeypatch.setattr(live, "kick", lambda: kicks.append(1))
    live.push([1])
    live.push([2])  # a task is pending (published, not yet popped): it will see this one
    assert len(kicks) == 1
    assert live.pop() == [1, 2]
    live.push([3])  # the pending task has popped: a new one is published, nothing is stranded
    assert len(kicks) == 2
    assert live.pop() == [3]
    assert live.pop() == []


def test_a_failed_publish_clears_the_pending_flag(monkeypatch):
    def down():
        raise OSError("broker down")

    monkeypatch.setattr(live, "kick", down)
    with pytest.raises(OSError):
        live.push([1])
    kicks = []
    monkeypatch.setattr(live, "kick", lambda: kicks.append(1))
    live.push([2])
    assert kicks == [1]


@pytest.mark.django_db
def test_a_live_task_keeps_draining_through_a_burst_within_its_budget(monkeypatch, calls):
    from threads.services import classify_live_batch

    kicks = []
    monkeypatch.setattr(live, "kick", lambda: kicks.append(1))
    live.push([ThreadFactory().pk for _ in range(150)])
    assert classify_live_batch(budget_seconds=0).labelled == 64  # out of budget after one batch
    assert live.pending() == 86
    assert len(kicks) == 2  # the next task was published when the first batch was popped
    assert classify_live_batch().labelled == 86  # within budget: batch after batch until empty
    assert live.pending() == 0
    assert not Thread.objects.filter(category_source__isnull=True).exists()
