"""The durable query pipeline: the pure rerank/answer parts, and the Celery chain through its API
(tasks run eagerly: the worker's code path without a broker; state in the real Redis)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import include, path
from rest_framework.test import APIClient

from vectordb import pipeline, services
from vectordb.embeddings.rerank import bm25_scores, extractive_answer, normalise_question, rerank, split_sentences

urlpatterns = [path("", include("config.urls")), path("", include("vectordb.pipeline_urls"))]

TEXTS = [
    "Refunds are paid back to the card within 30 days of purchase. Keep the printed receipt.",
    "Machines accept cards, phones and coins. Notes are not accepted.",
    "Cold drinks are restocked every morning before 7am by the route technician.",
    "The quarterly revenue report is emailed to every team on Mondays.",
]


# --- the pure parts ------------------------------------------------------------------------------
def test_a_question_is_normalised():
    assert normalise_question("  Where\u00a0is\tthe\x00 coke?\n ") == "Where is the coke?"
    assert normalise_question("x" * 5000, max_chars=10) == "x" * 10


def test_bm25_prefers_the_text_with_the_rare_question_words():
    scores = bm25_scores("receipt refund", ["the machine takes coins", "keep the receipt for a refund", "the the"])
    assert scores.argmax() == 1 and scores[0] == 0


def test_rerank_keeps_k_and_lifts_the_passage_that_names_the_question():
    candidates = [{"chunk_id": i, "text": t} for i, t in enumerate(TEXTS)]
    ranked = rerank("how do refunds work with a receipt?", candidates, k=2, provider="minilm")
    assert ranked[0]["chunk_id"] == 0
    assert len(ranked) == 2
    assert {"semantic", "lexical", "rerank_score"} <= set(ranked[0])


def test_the_extractive_answer_quotes_the_nearest_sentences_with_their_chunks():
    passages = [{"chunk_id": 10 + i, "text": t} for i, t in enumerate(TEXTS)]
    answer = extractive_answer(
        "What payment methods do the machines accept?", passages, provider="minilm", max_sentences=1
    )
    assert answer["text"] == "Machines accept cards, phones and coins."
    assert answer["citations"] == [11]


def test_sentences_are_split_on_ends_and_blank_lines():
    assert split_sentences("One. Two!\n\nThree") == ["One.", "Two!", "Three"]


# --- the pipeline ------------------------------------------------------------------------------------
@pytest.fixture
def eager(redis_client):
    from config.celery import app

    # Eager retries re-run in place only when exceptions are not propagated (as on a worker).
    keys = ("CELERY_TASK_ALWAYS_EAGER", "CELERY_TASK_EAGER_PROPAGATES")
    old = [app.conf.task_always_eager, app.conf.task_eager_propagates]
    app.conf["CELERY_TASK_ALWAYS_EAGER"] = True
    app.conf["CELERY_TASK_EAGER_PROPAGATES"] = False
    yield app
    for key, value in zip(keys, old, strict=True):
        app.conf[key] = value


@pytest.fixture
def library(project):
    library = services.library_create(project=project, name="faq", embedding_provider="minilm")
    doc = services.document_create(library=library, title="FAQ")
    services.chunks_upsert(
        library=library, chunks=[{"document_id": doc.id, "text": t, "metadata": {"n": i}} for i, t in enumerate(TEXTS)]
    )
    return library


def start(client: APIClient, library, **body):
    return client.post(
        f"/api/vectordb/libraries/{library.id}/pipelines", {"question": "How do I get a refund?", **body}, format="json"
    )


pytestmark = pytest.mark.urls(__name__)


@pytest.mark.django_db(transaction=True)
def test_a_run_goes_through_the_four_steps_and_answers(key_client, library, eager):
    response = start(key_client, library, k=2)
    assert response.status_code == 202, response.json()
    run_id = response.json()["id"]
    run = key_client.get(f"/api/vectordb/pipelines/{run_id}").json()
    assert run["status"] == "succeeded" and run["current_step"] is None
    assert [(s["name"], s["status"], s["attempts"]) for s in run["steps"]] == [
        ("preprocess", "succeeded", 1),
        ("retrieve", "succeeded", 1),
        ("rerank", "succeeded", 1),
        ("answer", "succeeded", 1),
    ]
    assert all(s["task_id"] for s in run["steps"])
    result = run["result"]
    assert result["query"] == "How do I get a refund?"
    assert len(result["hits"]) == 2 and "Refunds" in result["hits"][0]["text"]
    assert result["answer"]["source"] == "extractive"
    assert "Refunds are paid back" in result["answer"]["text"]
    assert result["answer"]["citations"][0] == result["hits"][0]["chunk_id"]


@pytest.mark.django_db(transaction=True)
def test_a_filter_and_retrieval_only_runs(key_client, library, eager):
    run = start(key_client, library, k=3, filter={"n": {"$gte": 2}}, answer="none").json()
    assert run["status"] == "succeeded"
    assert {h["metadata"]["n"] for h in run["result"]["hits"]} <= {2, 3}
    assert run["result"]["answer"] is None


@pytest.mark.django_db(transaction=True)
def test_a_transient_failure_is_retried_and_recorded(key_client, library, eager, monkeypatch):
    real = pipeline._WORK["retrieve"]
    calls = []

    def flaky(state, final_attempt):
        calls.append(final_attempt)
        if len(calls) == 1:
            raise pipeline.TransientStepError("database hiccup")
        return real(state, final_attempt)

    monkeypatch.setitem(pipeline._WORK, "retrieve", flaky)
    run = start(key_client, library).json()
    run = key_client.get(f"/api/vectordb/pipelines/{run['id']}").json()
    retrieve = run["steps"][1]
    assert run["status"] == "succeeded"
    assert retrieve["attempts"] == 2 and retrieve["error"] == ""


@pytest.mark.django_db(transaction=True)
def test_it_gives_up_after_its_retries_and_fails_the_run(key_client, library, eager, monkeypatch):
    def down(state, final_attempt):
        raise pipeline.TransientStepError("embedding service down")

    monkeypatch.setitem(pipeline._WORK, "rerank", down)
    run_id = start(key_client, library).json()["id"]
    run = key_client.get(f"/api/vectordb/pipelines/{run_id}").json()
    assert run["status"] == "failed"
    assert run["steps"][2]["status"] == "failed" and run["steps"][2]["attempts"] == pipeline.MAX_RETRIES + 1
    assert "embedding service down" in run["error"]
    assert run["steps"][3]["status"] == "pending"
    assert run["result"] is None


@pytest.mark.django_db(transaction=True)
def test_a_permanent_failure_stops_the_chain_at_once(key_client, library, eager, monkeypatch):
    def gone(state, final_attempt):
        raise pipeline.StepFailed("the library was deleted")

    monkeypatch.setitem(pipeline._WORK, "retrieve", gone)
    run_id = start(key_client, library).json()["id"]
    run = key_client.get(f"/api/vectordb/pipelines/{run_id}").json()
    assert run["status"] == "failed" and run["error"] == "retrieve: the library was deleted"
    assert run["steps"][1]["attempts"] == 1
    assert [s["status"] for s in run["steps"][2:]] == ["pending", "pending"]


@pytest.mark.django_db(transaction=True)
def test_a_redelivered_step_does_not_run_again(key_client, library, eager, monkeypatch):
    run_id = start(key_client, library).json()["id"]
    before = pipeline.pipeline_status(run_id=run_id)
    monkeypatch.setitem(pipeline._WORK, "retrieve", lambda *a: pytest.fail("a finished step ran again"))
    pipeline.pipeline_retrieve.apply(args=[run_id])
    after = pipeline.pipeline_status(run_id=run_id)
    assert after["steps"][1]["attempts"] == before["steps"][1]["attempts"] == 1
    assert after["result"] == before["result"]


@pytest.mark.django_db(transaction=True)
def test_the_language_model_answers_when_configured_and_is_retried(key_client, library, eager, settings, monkeypatch):
    import anthropic
    import httpx

    settings.ANTHROPIC_API_KEY = "sk-ant-test"
    settings.ANTHROPIC_MODEL = "claude-test"
    attempts = []

    class FakeMessages:
        def create(self, **kwargs):
            attempts.append(kwargs)
            if len(attempts) == 1:
                raise anthropic.APIConnectionError(request=httpx.Request("POST", "https://api.anthropic.test"))
            return SimpleNamespace(content=[SimpleNamespace(text="Refunds take up to 30 days [chunk].")])

    monkeypatch.setattr(anthropic, "Anthropic", lambda **kwargs: SimpleNamespace(messages=FakeMessages()))
    run_id = start(key_client, library, k=2).json()["id"]
    run = key_client.get(f"/api/vectordb/pipelines/{run_id}").json()
    assert run["result"]["answer"]["source"] == "llm"
    assert run["result"]["answer"]["text"] == "Refunds take up to 30 days [chunk]."
    assert run["steps"][3]["attempts"] == 2
    assert "<passages>" in attempts[1]["system"] and "Refunds are paid back" in attempts[1]["system"]


@pytest.mark.django_db(transaction=True)
def test_when_the_model_keeps_failing_it_answers_extractively(key_client, library, eager, settings, monkeypatch):
    import anthropic
    import httpx

    settings.ANTHROPIC_API_KEY = "sk-ant-test"

    class DownMessages:
        def create(self, **kwargs):
            raise anthropic.APIConnectionError(request=httpx.Request("POST", "https://api.anthropic.test"))

    monkeypatch.setattr(anthropic, "Anthropic", lambda **kwargs: SimpleNamespace(messages=DownMessages()))
    run_id = start(key_client, library).json()["id"]
    run = key_client.get(f"/api/vectordb/pipelines/{run_id}").json()
    assert run["status"] == "succeeded"
    assert run["result"]["answer"]["source"] == "extractive-fallback"


@pytest.mark.django_db(transaction=True)
def test_a_broker_outage_is_a_503_and_leaves_no_queued_run(key_client, library, redis_client, monkeypatch):
    from celery.canvas import _chain

    def broker_down(self, *args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(_chain, "apply_async", broker_down)
    response = start(key_client, library)
    assert response.status_code == 503
    assert "broker" in response.json()["detail"]
    runs = [k for k in redis_client.keys("vectordb:pipeline:*")]
    assert len(runs) == 1
    assert redis_client.hget(runs[0], "meta") and '"status": "failed"' in redis_client.hget(runs[0], "meta")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"question": ""}, 400, "question"),
        ({"k": 0}, 400, "k"),
        ({"answer": "poetry"}, 400, "answer"),
        ({"filter": {"$bogus": 1}}, 422, "filter"),
        ({"candidates": 10_000}, 400, "candidates"),
    ],
)
def test_bad_input_is_refused_with_the_field(key_client, library, redis_client, body, status, field):
    response = start(key_client, library, **body)
    assert response.status_code == status
    assert field in response.json()["errors"]


@pytest.mark.django_db
def test_a_library_without_a_provider_cannot_take_questions(key_client, project, redis_client):
    library = services.library_create(project=project, name="vectors only", dimension=3)
    response = start(key_client, library)
    assert response.status_code == 422 and "library" in response.json()["errors"]


@pytest.mark.django_db
def test_a_non_object_body_is_a_400(key_client, library, redis_client):
    response = key_client.post(f"/api/vectordb/libraries/{library.id}/pipelines", [1, 2], format="json")
    assert response.status_code == 400


@pytest.mark.django_db(transaction=True)
def test_other_projects_cannot_start_or_read_runs(key_client, library, eager, api_key_for):
    from accounts.tests.factories import ProjectFactory

    stranger = APIClient()
    stranger.credentials(HTTP_X_API_KEY=api_key_for(ProjectFactory()))
    assert start(stranger, library).status_code == 404
    run_id = start(key_client, library).json()["id"]
    assert stranger.get(f"/api/vectordb/pipelines/{run_id}").status_code == 404
    assert APIClient().get(f"/api/vectordb/pipelines/{run_id}").status_code in (401, 403)


@pytest.mark.django_db
def test_an_unknown_run_or_library_is_a_404(key_client, redis_client):
    assert key_client.get("/api/vectordb/pipelines/nope").status_code == 404
    assert (
        key_client.post("/api/vectordb/libraries/999999/pipelines", {"question": "x"}, format="json").status_code == 404
    )


@pytest.mark.django_db(transaction=True)
def test_an_embedding_provider_outage_during_retrieve_is_retried(key_client, library, eager, monkeypatch):
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
    run_id = start(key_client, library).json()["id"]
    run = key_client.get(f"/api/vectordb/pipelines/{run_id}").json()
    assert run["status"] == "succeeded" and run["steps"][1]["attempts"] == 2


@pytest.mark.django_db
def test_a_redis_outage_is_a_503_not_a_500(key_client, library, redis_client, monkeypatch):
    import redis

    def down(*args, **kwargs):
        raise redis.exceptions.ConnectionError("Redis is down")

    monkeypatch.setattr(redis.Redis, "hgetall", down)
    monkeypatch.setattr(redis.client.Pipeline, "execute", down)
    assert key_client.get("/api/vectordb/pipelines/abc").status_code == 503
    assert start(key_client, library).status_code == 503
