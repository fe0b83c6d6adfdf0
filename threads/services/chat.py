"""The chat: retrieve, answer, record the question and answer; and users' corrections of labels."""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from threads import llm, retrieval
from threads.models import Category, QuestionAnswer, Thread
from threads.selectors import thread_history

logger = logging.getLogger(__name__)

QUESTION_MAX_LENGTH = 4000
# Said of a missing category and of another project's alike (the id is not echoed: nothing to compare).
CATEGORY_NOT_IN_PROJECT = "No category with this id exists in this project."


class ThreadNotFound(ObjectDoesNotExist):
    """The thread does not exist in this project (a thread of another project is not found either)."""


def llm_config() -> llm.LlmConfig | None:
    if not settings.ANTHROPIC_API_KEY:
        return None
    return llm.LlmConfig(
        api_key=settings.ANTHROPIC_API_KEY, model=settings.ANTHROPIC_MODEL, timeout=settings.ANTHROPIC_TIMEOUT
    )


def history_turns() -> int:
    return getattr(settings, "THREADS_HISTORY_TURNS", 10)


def chat_ask(*, project_id: int, question: str, thread_id: int | None = None, client=None) -> QuestionAnswer:
    """Answer `question` in a new conversation, or in `thread_id`'s with its history in the prompt.

    Retrieval and the model call happen outside any transaction (they can take seconds); the question
    and answer are then saved in one transaction, and a new thread's classification is enqueued only
    after it commits. Raises `ThreadNotFound` for a thread that is not this project's."""
    question = question.strip()
    if not question:
        raise ValidationError({"question": ["Ask a question: it cannot be blank."]})
    history: list[llm.Turn] = []
    if thread_id is not None:
        if not Thread.objects.filter(pk=thread_id, project_id=project_id).exists():
            raise ThreadNotFound(f"Thread {thread_id} does not exist in this project.")
        history = thread_history(thread_id=thread_id, limit=history_turns())
    passages = retrieval.retrieve(project_id=project_id, question=question)
    answer = llm.answer_question(
        question=question, passages=passages, history=history, config=llm_config(), client=client
    )
    return chat_record(project_id=project_id, thread_id=thread_id, question=question, answer=answer, passages=passages)


@transaction.atomic
def chat_record(
    *, project_id: int, thread_id: int | None, question: str, answer: llm.Answer, passages: list[llm.Passage]
) -> QuestionAnswer:
    now = timezone.now()
    if thread_id is None:
        thread = Thread.objects.create(
            project_id=project_id, first_question=question, total_questions=1, created_at=now, last_question_at=now
        )
        if getattr(settings, "THREADS_CLASSIFY_ON_CHAT", True):
            from threads.services.classification import classification_enqueue

            transaction.on_commit(partial(classification_enqueue, thread_id=thread.pk))
        thread_id = thread.pk
        new_thread: Thread | None = thread
    else:
        new_thread = None
        # Scoped to the project in the write itself, so a thread can only ever grow in its own project.
        updated = Thread.objects.filter(pk=thread_id, project_id=project_id).update(
            total_questions=F("total_questions") + 1, last_question_at=now
        )
        if not updated:
            raise ThreadNotFound(f"Thread {thread_id} does not exist in this project.")
    return QuestionAnswer.objects.create(
        **({"thread": new_thread} if new_thread is not None else {"thread_id": thread_id}),
        project_id=project_id,
        question=question,
        answer=answer.text,
        answer_source=answer.source,
        model=answer.model,
        sources=[
            {"chunk_id": p.chunk_id, "document_id": p.document_id, "title": p.document_title, "score": p.score}
            for p in passages
        ],
        created_at=now,
    )


@transaction.atomic
def thread_set_category_by_user(*, project_id: int, thread_id: int, category_id: int | None) -> Thread:
    """A person labels a thread (or says it has no category). Always wins: the classifier only ever
    writes to threads nobody labelled (see `thread_label_by_classifier`)."""
    if category_id is not None:
        # Locked so a concurrent delete of the category cannot leave the thread pointing at nothing.
        category = Category.objects.select_for_update().filter(pk=category_id, project_id=project_id).first()
        if category is None:
            raise ValidationError({"category_id": [CATEGORY_NOT_IN_PROJECT]})
    updated = Thread.objects.filter(pk=thread_id, project_id=project_id).update(
        category_id=category_id, category_source=Thread.Source.USER, labelled_at=timezone.now()
    )
    if not updated:
        raise ThreadNotFound(f"Thread {thread_id} does not exist in this project.")
    return Thread.objects.select_related("category").get(pk=thread_id)
