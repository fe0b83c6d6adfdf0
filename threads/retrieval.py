"""Retrieval for the RAG agent: a project's knowledge library in the vector database, and the most
relevant passages of it for a question.

Every project has one knowledge library: the vectordb library named `THREADS_KNOWLEDGE_LIBRARY`
("knowledge" by default) in that project, created on first use with the text embedding provider
`THREADS_EMBEDDING_PROVIDER` ("minilm" by default), so documents added to it (vectordb API or SDK)
are embedded on upsert and questions are embedded at query time by the same model.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import IntegrityError, transaction

from core.exceptions import Unprocessable
from threads.llm import Passage

logger = logging.getLogger(__name__)


def library_name() -> str:
    return getattr(settings, "THREADS_KNOWLEDGE_LIBRARY", "knowledge")


def embedding_provider() -> str:
    return getattr(settings, "THREADS_EMBEDDING_PROVIDER", "minilm")


def top_k() -> int:
    return getattr(settings, "THREADS_RETRIEVAL_K", 5)


def knowledge_library_get(*, project_id: int):
    """The project's knowledge library, or None when it has none yet."""
    from vectordb.selectors import library_list

    return library_list(project_ids={project_id}).filter(name=library_name()).first()


def knowledge_library_get_or_create(*, project_id: int):
    """The project's knowledge library, created (empty) on first use."""
    from vectordb.services import library_create

    library = knowledge_library_get(project_id=project_id)
    if library is not None:
        return library
    try:
        with transaction.atomic():
            return library_create(
                project=_project(project_id),
                name=library_name(),
                metric="cosine",
                description="The chatbot's knowledge base: the chat retrieves its passages from here.",
                embedding_provider=embedding_provider(),
            )
    except (IntegrityError, Unprocessable):  # created concurrently (the name is unique per project)
        library = knowledge_library_get(project_id=project_id)
        if library is None:
            raise
        return library


def retrieve(*, project_id: int, question: str, k: int | None = None) -> list[Passage]:
    """The passages of the project's knowledge library closest to the question (best first); none when
    the project has no library yet. Retrieval failures are logged and answered with no passages, so a
    vector database problem degrades answers rather than failing the chat."""
    try:
        from vectordb.selectors import library_query

        library = knowledge_library_get(project_id=project_id)
        if library is None:
            return []
        hits = library_query(library=library, text=question, k=k or top_k())
    except Exception:
        logger.exception("Retrieval failed for project %s; answering without passages", project_id)
        return []
    return [
        Passage(
            text=hit.text,
            score=float(hit.score),
            document_title=hit.document_title or "",
            document_id=str(hit.document_id),
            chunk_id=str(hit.chunk_id),
        )
        for hit in hits
    ]


def _project(project_id: int):
    from accounts.models import Project

    return Project.objects.get(pk=project_id)
