"""Fixtures of the threads tests: a fast classifier, Celery run in-process, a fake Anthropic API."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from threads import llm


@pytest.fixture(autouse=True)
def _fast_classifier(settings) -> None:
    settings.THREADS_CLASSIFIER_DELAY = 0
    settings.THREADS_EMBEDDING_PROVIDER = "hash"


@pytest.fixture(autouse=True)
def _empty_live_list():
    """The live classification list is in Redis, outside the test's transaction: each test starts empty."""
    from threads import live

    live.client().delete(live.QUEUE_KEY, live.KICK_KEY)
    yield
    live.client().delete(live.QUEUE_KEY, live.KICK_KEY)


@pytest.fixture
def eager_celery():
    """Tasks run in the calling process when published (the worker path, minus the broker)."""
    from config.celery import app

    # The app reads Django settings with the CELERY_ namespace: overrides use the prefixed names.
    keys = ("CELERY_TASK_ALWAYS_EAGER", "CELERY_TASK_EAGER_PROPAGATES")
    old = [app.conf.task_always_eager, app.conf.task_eager_propagates]
    for key in keys:
        app.conf[key] = True
    assert app.conf.task_always_eager
    yield app
    for key, value in zip(keys, old, strict=True):
        app.conf[key] = value


class FakeAnthropic:
    """Answers Messages API calls through an httpx MockTransport and records the requests."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.status = 200
        self.text = "Reset it from Settings → Security."

    def handler(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.requests.append({"url": str(request.url), "headers": dict(request.headers), "body": body})
        if self.status != 200:
            return httpx.Response(
                self.status, json={"type": "error", "error": {"type": "invalid_request_error", "message": "bad"}}
            )
        return httpx.Response(
            200,
            json={
                "id": "msg_test",
                "type": "message",
                "role": "assistant",
                "model": body["model"],
                "content": [{"type": "text", "text": self.text}],
                "stop_reason": "end_turn",
                "stop_sequence": None,
                "usage": {"input_tokens": 10, "output_tokens": 5},
            },
        )

    def client_factory(self) -> Callable:
        original = llm.make_client

        def make(config, http_client=None):
            return original(config, http_client=httpx.Client(transport=httpx.MockTransport(self.handler)))

        return make


@pytest.fixture
def fake_anthropic(settings, monkeypatch) -> FakeAnthropic:
    settings.ANTHROPIC_API_KEY = "sk-ant-test"
    settings.ANTHROPIC_MODEL = "claude-test"
    fake = FakeAnthropic()
    monkeypatch.setattr(llm, "make_client", fake.client_factory())
    return fake


@pytest.fixture
def calls(monkeypatch):
    """Counts classifier calls (the expensive part)."""
    from threads.classifier import DummyClassifier

    seen = []

    class Counting(DummyClassifier):
        def classify(self, question, categories):
            seen.append(question)
            return super().classify(question, categories)

    from threads.services import classification

    monkeypatch.setattr(classification, "classifier_get", lambda: Counting(delay=0))
    return seen
