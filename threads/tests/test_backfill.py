"""The backfill: command, admin, keyset planning, idempotence, resumption, progress."""

import io

import pytest
from django.core.management import call_command

from accounts.tests.factories import ProjectFactory
from threads.models import BackfillRun, CategorySeed, Thread
from threads.selectors import backfill_progress
from threads.services import backfill_plan, backfill_start
from threads.services.backfill import Chunk
from threads.tests.factories import ThreadFactory

pytestmark = pytest.mark.django_db


def run_command(*args):
    out = io.StringIO()
    call_command("backfill_thread_categories", *args, "--interval", "0", stdout=out)
    return out.getvalue()


def test_the_command_labels_every_unlabelled_thread_through_the_low_queue_tasks(eager_celery, calls):
    projects = [ProjectFactory(), ProjectFactory()]
    threads = [ThreadFactory(project=projects[i % 2]) for i in range(25)]
    user_labelled = ThreadFactory(project=projects[0], category_source="user")
    output = run_command("--chunk-size", "4")
    assert "Planned 25 threads in 7 chunks" in output
    assert "25/25 (100.0%)" in output
    assert "finished: 25 labelled, 0 skipped, 0 failed" in output
    assert not Thread.objects.filter(category_source__isnull=True).exists()
    assert len(calls) == 25
    user_labelled.refresh_from_db()
    assert (user_labelled.category_id, user_labelled.category_source) == (None, "user")
    assert {t.category_source for t in Thread.objects.filter(pk__in=[t.pk for t in threads])} == {"classifier"}


def test_a_second_run_does_no_repeated_work(eager_celery, calls):
    for _ in range(10):
        ThreadFactory()
    run_command()
    assert len(calls) == 10
    output = run_command()
    assert len(calls) == 10
    assert "0 unlabelled threads" in output
    assert BackfillRun.objects.order_by("-id").first().status == "finished"


def test_inline_runs_without_workers_and_can_be_limited_to_one_project(calls):
    project = ProjectFactory()
    mine = [ThreadFactory(project=project) for _ in range(5)]
    other = ThreadFactory()
    run_command("--inline", "--project", str(project.pk))
    assert all(Thread.objects.get(pk=t.pk).category_source == "classifier" for t in mine)
    other.refresh_from_db()
    assert other.category_source is None


def test_planning_walks_keyset_pages_and_sends_contiguous_chunks(monkeypatch):
    from threads.services import backfill

    monkeypatch.setattr(backfill, "PAGE_TARGET", 6)
    threads = [ThreadFactory() for _ in range(14)]
    Thread.objects.filter(pk=threads[3].pk).update(category_source="user")
    run = backfill_start(chunk_size=3)
    sent: list[Chunk] = []
    run = backfill_plan(run_id=run.pk, enqueue=sent.append)
    ids = [t.pk for t in threads if t.pk != threads[3].pk]
    assert [c.count for c in sent] == [3, 3, 3, 3, 1]
    assert sent[0] == Chunk(run_id=run.pk, first_id=ids[0], last_id=ids[2], count=3)
    assert sum(c.count for c in sent) == 13
    assert (run.status, run.planned, run.total, run.chunks, run.cursor) == ("running", 13, 13, 5, ids[-1])


def test_planning_resumes_after_a_crash_from_its_cursor(monkeypatch):
    from threads.services import backfill

    monkeypatch.setattr(backfill, "PAGE_TARGET", 4)
    for _ in range(12):
        ThreadFactory()
    run = backfill_start(chunk_size=2)
    sent: list[Chunk] = []

    def crash_on_the_second_page(chunk):
        if len(sent) == 2:
            raise ConnectionError("broker went away")
        sent.append(chunk)

    with pytest.raises(ConnectionError):
        backfill_plan(run_id=run.pk, enqueue=crash_on_the_second_page)
    run.refresh_from_db()
    assert (run.status, run.planned) == ("planning", 4)
    assert backfill_start(chunk_size=2).pk == run.pk  # the command resumes the unfinished run
    backfill_plan(run_id=run.pk, enqueue=sent.append)
    run.refresh_from_db()
    assert (run.status, run.planned) == ("running", 12)
    assert sum(c.count for c in sent) == 12  # no chunk sent twice, none skipped


def test_chunks_are_idempotent_when_redelivered(calls):
    from threads.services import backfill_chunk_process

    threads = [ThreadFactory() for _ in range(4)]
    run = backfill_start(chunk_size=4)
    backfill_plan(run_id=run.pk, enqueue=lambda c: None)
    first, last = threads[0].pk, threads[-1].pk
    backfill_chunk_process(run_id=run.pk, first_id=first, last_id=last, count=4)
    backfill_chunk_process(run_id=run.pk, first_id=first, last_id=last, count=4)
    assert len(calls) == 4


def test_threads_of_a_project_without_categories_are_skipped_not_failed(calls):
    project = ProjectFactory()
    CategorySeed.objects.create(project=project)
    ThreadFactory(project=project)
    run = BackfillRun.objects.get(pk=backfill_start().pk)
    from threads.services import backfill_run_inline

    run = backfill_run_inline(run_id=run.pk)
    assert (run.status, run.labelled, run.skipped, run.failed) == ("finished", 0, 1, 0)
    assert calls == []


def test_new_supersedes_an_unfinished_run():
    ThreadFactory()
    old = backfill_start()
    new = backfill_start(new=True)
    assert new.pk != old.pk
    old.refresh_from_db()
    assert old.status == "superseded"


def test_progress_reports_done_total_rate_and_eta():
    from datetime import timedelta

    run = BackfillRun(chunk_size=10, total=1000, planned=1000, processed=250, status="running")
    run.started_at = run.started_at - timedelta(seconds=100)
    progress = backfill_progress(run=run, now=run.started_at + timedelta(seconds=100))
    assert (progress.done, progress.total, progress.percent) == (250, 1000, 25.0)
    assert progress.rate == pytest.approx(2.5)
    assert progress.eta_seconds == pytest.approx(300)


def test_backfill_tasks_go_to_the_low_queue_and_keep_no_results():
    from config.celery import app
    from threads.tasks import backfill_chunk
    from threads.tasks import backfill_plan as plan_task

    for task in (backfill_chunk, plan_task):
        assert app.amqp.router.route({}, task.name)["queue"].name == "low"
        assert task.ignore_result is True
        assert task.acks_late is True
