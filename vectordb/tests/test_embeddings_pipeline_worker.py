"""The pipeline on real Celery workers through RabbitMQ: a worker killed mid-step loses nothing.

Postgres (the workers are other processes and must see the test's committed rows) and an AMQP broker
(redelivery of unacknowledged messages) are needed; the run uses a queue of its own, so no other
test's leftover messages reach these workers.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from vectordb import pipeline, services

REPO = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def start_worker(queue: str, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "PYTHONUNBUFFERED": "1",
    }
    with log.open("ab") as out:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-I",
                "vectordb.pipeline",
                "-Q",
                queue,
                "--pool",
                "solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"pipeline-test-{uuid.uuid4().hex[:6]}@%h",
            ],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _test_database_url() -> str:
    db = connection.settings_dict
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def wait_for(predicate, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}; worker log:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_during_a_step_loses_nothing(project, redis_client, tmp_path, settings):
    if not settings.CELERY_BROKER_URL.startswith("amqp"):
        pytest.skip("needs RabbitMQ (CELERY_BROKER_URL=amqp://...) for redelivery after a crash")
    queue = f"pipeline-test-{uuid.uuid4().hex[:8]}"
    settings.VECTORDB_PIPELINE_QUEUE = queue
    library = services.library_create(project=project, name="faq", embedding_provider="minilm")
    doc = services.document_create(library=library, title="FAQ")
    services.chunks_upsert(
        library=library,
        chunks=[
            {"document_id": doc.id, "text": "Refunds are paid back to the card within 30 days."},
            {"document_id": doc.id, "text": "Machines accept cards, phones and coins."},
        ],
    )
    log = tmp_path / "worker.log"
    first = start_worker(queue, log)
    second = None
    try:
        run = pipeline.pipeline_start(library=library, question="How long do refunds take?", k=1, answer="extractive")
        # The first worker loads the model inside `retrieve` (cold): kill it there, with the message unacked.
        wait_for(
            lambda: (pipeline.pipeline_status(run_id=run["id"]) or {}).get("current_step") == "retrieve",
            120,
            "the retrieve step to start",
            log,
        )
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        killed = pipeline.pipeline_status(run_id=run["id"])
        assert killed["steps"][1]["status"] == "running"

        second = start_worker(queue, log)
        done = wait_for(
            lambda: (s := pipeline.pipeline_status(run_id=run["id"]))["status"] in ("succeeded", "failed") and s,
            180,
            "the run to finish on the second worker",
            log,
        )
        assert done["status"] == "succeeded", done
        retrieve = done["steps"][1]
        assert retrieve["attempts"] == 2  # once on the killed worker, once on the new one
        assert done["steps"][0]["attempts"] == 1  # a finished step is not run again
        assert "30 days" in done["result"]["answer"]["text"]
    finally:
        stop(first)
        if second is not None:
            stop(second)
        from config.celery import app

        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
