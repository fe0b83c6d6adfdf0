"""Celery against a real prefork worker on the broker: an `acks_late` task whose pool child is
killed mid-task is redelivered and completes (not acknowledged and lost); every `acks_late` task is
configured so; an index build the broker cannot take is a 503 over HTTP and leaves no build."""

from __future__ import annotations

import json
import os
import signal
import time
import uuid

import numpy as np
import pytest
from django.conf import settings

from core.liveserver import CeleryWorker, UvicornServer, postgres_client_ports
from tests.hostile.test_live import call
from vectordb.models import IndexBuild, Library

LIBS = "/api/vectordb/libraries"


def test_every_acks_late_task_is_rejected_and_requeued_when_its_pool_child_dies():
    """Each registered task that acknowledges late is requeued when its pool child is lost
    (`WorkerLostError`); a task that fails or hits its hard time limit is still acknowledged, so a
    task that always fails cannot loop forever."""
    from config.celery import app

    app.loader.import_default_modules()
    assert app.conf.task_acks_late is False  # opt-in per task: only idempotent tasks acknowledge late
    assert app.conf.task_reject_on_worker_lost is True
    late = sorted(name for name, t in app.tasks.items() if t.acks_late and not name.startswith("celery."))
    expected = {
        "search.tasks.rebuild_index",
        "vectordb.tasks.index_build_run",
        "threads.tasks.classify_thread",
        "threads.tasks.classify_threads",
        "threads.tasks.backfill_plan",
        "threads.tasks.backfill_chunk",
        "threads.tasks.send_team_usage_report",
    }
    assert expected <= set(late), set(expected) - set(late)
    for name in late:
        task = app.tasks[name]
        assert task.reject_on_worker_lost is True, name  # bound from task_reject_on_worker_lost, not None
        assert task.acks_on_failure_or_timeout is True, name  # a task that fails is not redelivered forever


def _library_with_vectors(key_client, count: int, dimension: int = 32) -> str:
    lib = key_client.post(LIBS, {"name": "big", "dimension": dimension}, format="json").json()
    doc = key_client.post(f"{LIBS}/{lib['id']}/documents", {"title": "d"}, format="json").json()
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((count, dimension)).round(4).tolist()
    for start in range(0, count, 5000):
        batch = enumerate(vectors[start : start + 5000], start)
        chunks = [{"document_id": doc["id"], "text": f"c{i}", "embedding": v} for i, v in batch]
        response = key_client.post(f"{LIBS}/{lib['id']}/chunks", {"chunks": chunks}, format="json")
        assert response.status_code in (200, 201), response.content[:300]
    return lib["id"]


def _queue_depth(queue: str) -> int:
    from kombu import Connection

    with Connection(settings.CELERY_BROKER_URL, connect_timeout=5) as conn:
        channel = conn.channel()
        return channel.queue_declare(queue=queue, passive=True).message_count


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)  # the worker process reads what the test committed
def test_an_acks_late_task_whose_pool_child_is_killed_mid_task_is_redelivered_and_completes(key_client):
    from vectordb.tasks import index_build_run

    if not settings.CELERY_BROKER_URL.startswith("amqp"):
        pytest.skip("needs the RabbitMQ broker (set CELERY_BROKER_URL=amqp://...)")
    library_id = _library_with_vectors(key_client, count=int(os.environ.get("TEST_REDELIVERY_VECTORS", "8000")))
    queue = f"test-redelivery-{uuid.uuid4().hex[:8]}"
    with CeleryWorker(queues=[queue], concurrency=1) as worker:
        [first_child] = worker.pool_pids()
        library_pk = Library.objects.get(uuid=library_id).pk  # the API gives the public id
        build = IndexBuild.objects.create(library_id=library_pk, index_type="hnsw", index_params={})
        index_build_run.apply_async((build.pk,), queue=queue)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            build.refresh_from_db()
            if build.status == IndexBuild.Status.RUNNING:
                break
            time.sleep(0.05)
        assert build.status == IndexBuild.Status.RUNNING, (build.status, worker.log()[-2000:])
        first_start = build.started_at
        os.kill(first_child, signal.SIGKILL)  # the pool child dies mid-build (OOM killer, a crash)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            build.refresh_from_db()
            if build.status in (IndexBuild.Status.SUCCEEDED, IndexBuild.Status.FAILED):
                break
            time.sleep(0.2)
        log = worker.log()
        assert build.status == IndexBuild.Status.SUCCEEDED, (build.status, build.error, log[-3000:])
        assert build.started_at > first_start  # it ran a second time: the message came back
        assert first_child not in worker.pool_pids()  # the pool replaced the killed child
        assert "WorkerLostError" in log or "signal 9" in log, log[-3000:]
        assert _queue_depth(queue) == 0  # acknowledged once it succeeded, not left to run again
    response = key_client.get(f"{LIBS}/{library_id}")
    assert response.json()["index_type"] == "hnsw", response.json()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)  # the server process reads what the test committed
def test_an_index_build_requested_while_the_broker_is_down_is_a_503_and_not_recorded(project, api_key_for):
    key = api_key_for(project)
    headers = {"X-API-KEY": key, "Content-Type": "application/json"}
    with UvicornServer(workers=1, env={"CELERY_BROKER_URL": "amqp://guest:guest@127.0.0.1:1//"}) as server:
        status, _, body, _ = call(
            f"{server.base_url}{LIBS}", method="POST", body=b'{"name": "lib", "dimension": 4}', headers=headers
        )
        assert status == 201, body
        library = json.loads(body)
        index_url = f"{server.base_url}{LIBS}/{library['id']}/index"
        status, response_headers, body, elapsed = call(
            index_url, method="POST", body=b'{"index_type": "ivf"}', headers=headers
        )
        assert status == 503, body
        assert response_headers.get("Retry-After"), response_headers
        payload = json.loads(body)
        assert payload["code"] == "service_unavailable" and "broker" in payload["detail"]
        assert elapsed < 10, elapsed
        status, _, body, _ = call(index_url, headers=headers)
        assert status == 200, body
        listed = json.loads(body)
        assert (listed.get("results", listed) if isinstance(listed, dict) else listed) == []  # not recorded at all
        status, _, body, _ = call(f"{server.base_url}{LIBS}/{library['id']}", headers=headers)
        assert json.loads(body)["index_type"] == library["index_type"]  # the library is unchanged


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_holds_at_most_one_postgres_connection_per_pool_child():
    """The Procfile's worker shape (prefork, --concurrency 2): each child runs one task at a time
    on one persistent connection (DB_CONN_MAX_AGE); the parent process holds none."""
    from vectordb.tasks import index_builds_sweep

    queue = f"test-connections-{uuid.uuid4().hex[:8]}"
    with CeleryWorker(queues=[queue], concurrency=2) as worker:
        for _ in range(30):
            index_builds_sweep.apply_async(queue=queue)  # a few database queries each
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and worker.log().count("succeeded in") < 30:
            time.sleep(0.2)
        assert worker.log().count("succeeded in") == 30, worker.log()[-3000:]
        assert postgres_client_ports(worker.process.pid) == []
        per_child = [len(postgres_client_ports(pid)) for pid in worker.pool_pids()]
        assert len(per_child) == 2 and all(n <= 1 for n in per_child), per_child
        assert sum(per_child) >= 1  # the measure sees them: a child keeps its connection between tasks
