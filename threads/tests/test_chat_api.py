"""POST /query/v1/projects/{project_id}/chat"""

import logging

import pytest
from django.db import DatabaseError

from accounts.tests.factories import ProjectFactory
from threads import llm
from threads.models import QuestionAnswer, Thread
from threads.tests.factories import QuestionAnswerFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def chat_url(project_id):
    return f"/query/v1/projects/{project_id}/chat"


def test_a_question_without_a_thread_starts_a_conversation(key_client, project):
    response = key_client.post(chat_url(project.uuid), {"question": "How do I reset my password?"})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert set(body) == {"question", "answer", "question_answer_id", "thread_id"}
    assert body["question"] == "How do I reset my password?"
    thread = Thread.objects.get(uuid=body["thread_id"])
    assert thread.project_id == project.pk
    assert thread.first_question == "How do I reset my password?"
    assert thread.total_questions == 1
    assert thread.category_source is None
    qa = QuestionAnswer.objects.get(uuid=body["question_answer_id"])
    assert (qa.thread_id, qa.question, qa.answer) == (thread.pk, body["question"], body["answer"])


def test_without_an_anthropic_key_the_answer_is_marked_offline(key_client, project, settings):
    settings.ANTHROPIC_API_KEY = ""
    body = key_client.post(chat_url(project.uuid), {"question": "Anything?"}).json()
    assert body["answer"].startswith(llm.OFFLINE_MARKER)
    assert QuestionAnswer.objects.get(uuid=body["question_answer_id"]).answer_source == "offline"


def test_with_an_anthropic_key_the_answer_comes_from_the_messages_api(key_client, project, fake_anthropic):
    fake_anthropic.text = "Open Settings, then Security."
    body = key_client.post(chat_url(project.uuid), {"question": "How do I reset my password?"}).json()
    assert body["answer"] == "Open Settings, then Security."
    assert len(fake_anthropic.requests) == 1
    request = fake_anthropic.requests[0]
    assert request["url"].endswith("/v1/messages")
    assert request["body"]["model"] == "claude-test"
    assert request["body"]["messages"] == [{"role": "user", "content": "How do I reset my password?"}]
    qa = QuestionAnswer.objects.get(uuid=body["question_answer_id"])
    assert (qa.answer_source, qa.model) == ("llm", "claude-test")


def test_continuing_a_thread_puts_its_history_in_the_prompt(key_client, project, fake_anthropic):
    fake_anthropic.text = "First answer."
    first = key_client.post(chat_url(project.uuid), {"question": "First question?"}).json()
    fake_anthropic.text = "Second answer."
    second = key_client.post(chat_url(project.uuid), {"question": "And then?", "thread_id": first["thread_id"]}).json()
    assert second["thread_id"] == first["thread_id"]
    assert fake_anthropic.requests[1]["body"]["messages"] == [
        {"role": "user", "content": "First question?"},
        {"role": "assistant", "content": "First answer."},
        {"role": "user", "content": "And then?"},
    ]
    thread = Thread.objects.get(uuid=first["thread_id"])
    assert thread.total_questions == 2
    assert thread.first_question == "First question?"
    assert Thread.objects.count() == 1


def test_an_unreachable_model_still_answers_offline_and_says_so(key_client, project, fake_anthropic):
    fake_anthropic.status = 400
    body = key_client.post(chat_url(project.uuid), {"question": "Hello?"}).json()
    assert body["answer"].startswith(llm.UNAVAILABLE_MARKER)


def test_question_and_answer_are_saved_atomically(key_client, project, monkeypatch):
    def fail(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(QuestionAnswer.objects, "create", fail)
    key_client.raise_request_exception = False
    response = key_client.post(chat_url(project.uuid), {"question": "Will this be half saved?"})
    assert response.status_code == 500
    assert not Thread.objects.exists()  # no thread without its question and answer


def test_a_failed_save_does_not_count_a_question_on_an_existing_thread(key_client, project, monkeypatch):
    thread = ThreadFactory(project=project, total_questions=1)
    monkeypatch.setattr(QuestionAnswer.objects, "create", lambda **kw: (_ for _ in ()).throw(DatabaseError("x")))
    key_client.raise_request_exception = False
    key_client.post(chat_url(project.uuid), {"question": "q", "thread_id": str(thread.uuid)})
    thread.refresh_from_db()
    assert thread.total_questions == 1


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"question": ""},
        {"question": "   "},
        {"question": 5 * [1]},
        {"question": "x" * 4001},
        {"question": "q", "thread_id": "abc"},
        {"question": "q", "thread_id": "1234"},
        {"question": "q", "thread_id": "0000000-0000-0000-0000-000000000000z"},
    ],
)
def test_it_rejects_bad_input_with_a_400(key_client, project, payload):
    response = key_client.post(chat_url(project.uuid), payload, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]


def test_an_unknown_thread_is_a_404(key_client, project):
    unknown = "00000000-0000-4000-8000-000000000000"
    response = key_client.post(chat_url(project.uuid), {"question": "q", "thread_id": unknown})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_key_for_project_a_gets_404_on_project_bs_chat(key_client):
    other = ProjectFactory()
    response = key_client.post(chat_url(other.uuid), {"question": "Let me in"})
    assert response.status_code == 404
    assert not Thread.objects.exists()


def test_a_key_can_never_append_to_another_projects_thread(key_client, project):
    foreign = QuestionAnswerFactory(thread__project=ProjectFactory()).thread
    response = key_client.post(chat_url(project.uuid), {"question": "Append me", "thread_id": str(foreign.uuid)})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.total_questions == 1
    assert foreign.question_answers.count() == 1


def test_without_a_key_the_chat_is_401(api_client, project):
    assert api_client.post(chat_url(project.uuid), {"question": "q"}).status_code == 401


def test_a_new_thread_is_sent_to_classification_after_the_commit(
    key_client, project, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        body = key_client.post(chat_url(project.uuid), {"question": "I have a problem, please help"}).json()
    assert len(callbacks) == 1
    thread = Thread.objects.select_related("category").get(uuid=body["thread_id"])
    assert thread.category_source == "classifier"
    assert thread.category.name in {"Discovery", "Troubleshooting"}


def test_continuing_a_thread_enqueues_no_classification(key_client, project, django_capture_on_commit_callbacks):
    thread = ThreadFactory(project=project)
    with django_capture_on_commit_callbacks() as callbacks:
        key_client.post(chat_url(project.uuid), {"question": "more", "thread_id": str(thread.uuid)})
    assert callbacks == []


@pytest.mark.parametrize("publish", ["background", "inline"])
def test_a_broker_outage_never_fails_a_chat(
    key_client, project, settings, monkeypatch, django_capture_on_commit_callbacks, caplog, publish
):
    """The broker URL points at a port where nothing listens: the chat still answers 200 and is saved,
    and the thread waits unlabelled for the sweep (publishing from the outbox thread or inline)."""
    from config.celery import app
    from threads.services.classification import classification_outbox

    settings.THREADS_CLASSIFY_PUBLISH = publish
    dead = "amqp://guest:guest@127.0.0.1:1//"
    settings.CELERY_BROKER_URL = dead
    monkeypatch.setenv("CELERY_BROKER_URL", dead)  # Celery reads the environment variable first
    old = app.conf.broker_url, app._pool, app.amqp._producer_pool
    # A fresh connection pool for the dead URL (the app caches its pools).
    app.conf["CELERY_BROKER_URL"], app._pool, app.amqp._producer_pool = dead, None, None
    assert app.conf.broker_url == dead
    try:
        with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
            response = key_client.post(chat_url(project.uuid), {"question": "Is anyone there?"})
        assert classification_outbox().flush(timeout=30)
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        app.conf["CELERY_BROKER_URL"], app._pool, app.amqp._producer_pool = old
    assert response.status_code == 200, response.content
    thread = Thread.objects.get(uuid=response.json()["thread_id"])
    assert thread.category_source is None
    assert f"Could not enqueue classification of thread {thread.pk}" in caplog.text
    assert "the sweep will label it" in caplog.text


def test_by_default_the_job_is_published_by_the_outbox_thread_not_the_request(
    key_client, project, monkeypatch, django_capture_on_commit_callbacks
):
    import threading

    from threads.services import classification

    published = []
    monkeypatch.setattr(
        classification,
        "classification_publish",
        lambda *, thread_id: published.append((thread_id, threading.current_thread().name)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        body = key_client.post(chat_url(project.uuid), {"question": "Hello"}).json()
    assert classification.classification_outbox().flush(timeout=10)
    assert published == [(Thread.objects.get(uuid=body["thread_id"]).pk, "classification-outbox")]
