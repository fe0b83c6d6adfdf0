"""The durable RAG query pipeline: preprocess → retrieve → rerank → answer, as a Temporal workflow.

This module is the service the API calls: it validates a question, starts a `QueryWorkflow`
(`vectordb/workflows/`) whose workflow id is the run id, reads a run back, and signals it. Temporal
is the engine of record: the run's inputs, each step's attempts, errors and outputs, and its result
live in the workflow's history on the Temporal server, not in a second store here. A `PipelineRun`
row records only which project a run belongs to (so unknown and foreign ids are answered without
Temporal); the workflow's memo carries the same. Why Temporal and what it guarantees: PIPELINE.md.

The Temporal client (`vectordb.workflows.client`, which imports `temporalio`: ~0.15 s of CPU) is
imported by the functions that talk to Temporal, not here: the URL conf imports this module, so
every web process would pay it before its first answer whether or not it ever runs a pipeline.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from django.db import transaction

from core.exceptions import Unprocessable
from vectordb.engine.filters import FilterError, compile_filter
from vectordb.models import Library
from vectordb.workflows.models import PipelineRun
from vectordb.workflows.shared import ANSWER_MODES, MAX_CANDIDATES, MAX_K, MAX_QUESTION_CHARS, STEPS

__all__ = [
    "ANSWER_MODES",
    "MAX_CANDIDATES",
    "MAX_K",
    "MAX_QUESTION_CHARS",
    "STEPS",
    "pipeline_run_get",
    "pipeline_signal",
    "pipeline_start",
    "pipeline_status",
]


def pipeline_start(
    *,
    library: Library,
    question: str,
    k: int = 5,
    candidates: int | None = None,
    filter: dict | None = None,
    answer: str = "auto",
) -> dict[str, Any]:
    """Validate and start a run; the run as `pipeline_status` shows it before any step ran.

    422 for bad values; 503 when Temporal is unreachable (then nothing was started)."""
    errors: dict[str, list[str]] = {}
    if not isinstance(question, str) or not question.strip():
        errors["question"] = ["a non-empty text is required"]
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        errors["k"] = [f"must be an integer from 1 to {MAX_K}"]
    if candidates is not None and (
        isinstance(candidates, bool) or not isinstance(candidates, int) or not 1 <= candidates <= MAX_CANDIDATES
    ):
        errors["candidates"] = [f"must be an integer from 1 to {MAX_CANDIDATES}"]
    if answer not in ANSWER_MODES:
        errors["answer"] = [f"must be one of {', '.join(ANSWER_MODES)}"]
    if filter is not None:
        try:
            compile_filter(filter)
        except FilterError as exc:
            errors["filter"] = [str(exc)]
    if not library.embedding_provider:
        errors["library"] = ["this library has no embedding_provider, so questions cannot be embedded"]
    if errors:
        raise Unprocessable(errors)
    if candidates is not None and candidates < k:
        candidates = k
    now = datetime.now(UTC).isoformat()
    params = {
        "id": uuid.uuid4().hex,
        "library": str(library.uuid),  # public ids: the run's view shows them as they are
        "project": str(library.project.uuid),
        "question": question,
        "k": k,
        "candidates": candidates or min(max(4 * k, 20), MAX_CANDIDATES),
        "filter": filter,
        "answer_mode": answer,
        "created_at": now,
    }
    from vectordb.workflows import client

    with transaction.atomic():  # no row without a workflow: a failed start rolls the row back
        PipelineRun.objects.create(id=params["id"], project_id=library.project_id, library_id_at_start=library.pk)
        client.start(params)
    return {
        **params,
        "status": "queued",
        "error": "",
        "current_step": None,
        "steps": [{"name": name, "status": "pending", "attempts": 0, "output": None} for name in STEPS],
        "result": None,
        "updated_at": now,
    }


def pipeline_run_get(*, run_id: uuid.UUID) -> PipelineRun | None:
    """The run's row (its project), without asking Temporal; None for an unknown id."""
    return PipelineRun.objects.filter(pk=run_id.hex).select_related("project").first()


def pipeline_status(*, run: PipelineRun) -> dict[str, Any] | None:
    """A run's public view (None when Temporal no longer has it; 503 when it is unreachable): from
    the workflow's `progress` query while it runs, from its result or history once closed."""
    from vectordb.workflows import client

    view = client.describe(run.pk)
    if view is None or view["project"] != str(run.project.uuid):
        return None
    return view


def pipeline_signal(*, run: PipelineRun, cancel: bool = False, answer: str | None = None) -> bool:
    """Cancel a run and/or change its answer mode (before the answer step); False once it is closed."""
    from vectordb.workflows import client

    sent = True
    if answer is not None:
        sent = client.signal(run.pk, "set_answer_mode", answer)
    if cancel:
        sent = client.signal(run.pk, "cancel", "asked through the API") and sent
    return sent
