"""The Celery sweep of index builds stranded by a lost worker or a lost message (beat task)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from vectordb import tasks
from vectordb.models import IndexBuild
from vectordb.tests.factories import DocumentFactory


@pytest.mark.django_db
def test_the_sweep_fails_dead_running_builds_and_requeues_lost_queued_ones(monkeypatch, settings):
    queued = []
    monkeypatch.setattr(tasks.index_build_run, "delay", lambda build_id: queued.append(build_id))
    library = DocumentFactory().library
    now = timezone.now()

    def build(status, **times):
        b = IndexBuild.objects.create(library=library, index_type="flat", status=status)
        IndexBuild.objects.filter(pk=b.pk).update(**times)
        return b.pk

    dead = build("running", started_at=now - timedelta(hours=2))
    alive = build("running", started_at=now - timedelta(minutes=10))
    lost = build("queued", created_at=now - timedelta(hours=1))
    fresh = build("queued", created_at=now - timedelta(minutes=1))
    done = build("succeeded", started_at=now - timedelta(hours=3), created_at=now - timedelta(hours=3))

    assert tasks.index_builds_sweep.apply().get() == {"failed": 1, "requeued": 1}
    status = dict(IndexBuild.objects.values_list("pk", "status"))
    assert status == {dead: "failed", alive: "running", lost: "queued", fresh: "queued", done: "succeeded"}
    assert "worker running this build was lost" in IndexBuild.objects.get(pk=dead).error
    assert queued == [lost]
    # a second sweep changes nothing more (the lost build was requeued, not failed)
    queued.clear()
    IndexBuild.objects.filter(pk=lost).update(status="succeeded")
    assert tasks.index_builds_sweep.apply().get() == {"failed": 0, "requeued": 0}


def test_every_acks_late_task_is_requeued_when_its_worker_dies():
    from config.celery import app

    assert app.conf.task_reject_on_worker_lost is True
    late = [t for name, t in app.tasks.items() if getattr(t, "acks_late", False) and not name.startswith("celery.")]
    assert late, "no acks_late task found"
    for task in late:
        assert task.reject_on_worker_lost in (None, True), task.name
