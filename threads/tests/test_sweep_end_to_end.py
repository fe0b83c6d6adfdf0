"""A live classification job lost with its worker (kill -9 while the classifier is thinking) is found by
the sweep and labelled, end to end: real workers, the embedded beat, Redis and the broker. Short
settings here (grace 1 s, a sweep every 2 s); `python -m benchmarks threads` (part `sweep`) measures the
same at the documented 60 s grace and 2-minute interval."""

from __future__ import annotations

import time

import pytest

from threads import live
from threads.models import Thread
from threads.services.classification import classification_outbox
from threads.tests.worker import CeleryWorker

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _purge_live_queue() -> None:
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_declare("live", passive=False, durable=True, auto_delete=False)
        conn.default_channel.queue_purge("live")


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.2)


def test_a_job_lost_with_a_killed_worker_is_labelled_through_the_sweep(key_client, project, tmp_path):
    _purge_live_queue()
    base = f"/query/v1/projects/{project.uuid}"
    key_client.get(f"{base}/categories/")  # the project's default categories
    # A worker whose classifier takes 60 s, and no sweep: it pops the batch, then dies before labelling.
    doomed = CeleryWorker(
        env={"THREADS_CLASSIFIER_DELAY": "60", "THREADS_SWEEP_INTERVAL_SECONDS": "3600"}, log=tmp_path / "doomed.log"
    )
    healthy = CeleryWorker(
        beat=True,
        env={
            "THREADS_CLASSIFIER_DELAY": "0",
            "THREADS_SWEEP_INTERVAL_SECONDS": "2",
            "THREADS_SWEEP_GRACE_SECONDS": "1",
        },
        log=tmp_path / "healthy.log",
    )
    try:
        uuids = [
            key_client.post(f"{base}/chat", {"question": f"How do I export report {i}?"}, format="json").json()[
                "thread_id"
            ]
            for i in range(3)
        ]
        assert classification_outbox().flush(timeout=10)
        doomed.start()  # now, so that one task pops the whole batch
        _wait(lambda: live.pending() == 0, 60, "the worker to pop the live batch")
        time.sleep(1)  # the popped batch is in the classifier's hands
        doomed.kill()
        killed_at = time.time()
        threads = Thread.objects.filter(uuid__in=uuids)
        assert threads.count() == 3
        assert not threads.filter(category_source__isnull=False).exists()
        assert live.pending() == 0  # nothing left anywhere but the unlabelled rows: the job is lost

        healthy.start()
        _wait(lambda: not threads.filter(category_source__isnull=True).exists(), 90, "the sweep to label them")
    finally:
        doomed.kill()
        healthy.stop()
    for thread in threads:
        assert thread.category_source == Thread.Source.CLASSIFIER
        assert thread.labelled_at.timestamp() > killed_at
    assert "sweep_unlabelled_threads" in (tmp_path / "healthy.log").read_text()
