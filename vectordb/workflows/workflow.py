"""`QueryWorkflow`: preprocess → retrieve → rerank → answer, each step an activity.

Deterministic: it only schedules activities, keeps the run's progress in memory (rebuilt by replay
after a worker crash) and reads the clock through `workflow.now()`. It imports nothing that does I/O
(activities are named by their type, not imported), so the sandbox has nothing to refuse.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from vectordb.workflows.shared import ACTIVITIES, ANSWER_MODES, MAX_ATTEMPTS, PERMANENT, STEPS, WORKFLOW_TYPE

RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=10),
    maximum_attempts=MAX_ATTEMPTS,
    non_retryable_error_types=[PERMANENT],
)
# start-to-close bounds one attempt; the heartbeat timeout is how soon a dead worker's attempt is
# retried elsewhere (the sync activities heartbeat every 2 s while they work).
TIMEOUTS = {
    "preprocess": {"start_to_close_timeout": timedelta(seconds=30), "heartbeat_timeout": timedelta(seconds=6)},
    "retrieve": {"start_to_close_timeout": timedelta(seconds=120), "heartbeat_timeout": timedelta(seconds=6)},
    "rerank": {"start_to_close_timeout": timedelta(seconds=120), "heartbeat_timeout": timedelta(seconds=6)},
    "answer": {"start_to_close_timeout": timedelta(seconds=90), "heartbeat_timeout": timedelta(seconds=20)},
}


@workflow.defn(name=WORKFLOW_TYPE)
class QueryWorkflow:
    @workflow.init
    def __init__(self, params: dict[str, Any]) -> None:
        self._run: dict[str, Any] = {**params, "status": "queued", "error": ""}
        self._steps: dict[str, dict[str, Any]] = {name: {"status": "pending", "attempts": 0} for name in STEPS}
        self._cancel_reason: str | None = None

    @workflow.run
    async def run(self, params: dict[str, Any]) -> dict[str, Any]:
        self._run.update(status="running", updated_at=workflow.now().isoformat())
        outputs: dict[str, Any] = {}
        for step in STEPS:
            if self._cancel_reason is not None:
                return self._finish("cancelled", f"cancelled before {step}: {self._cancel_reason}")
            if step == "answer" and self._run["answer_mode"] == "none":
                self._record(step, status="skipped", output={"answer": None})
                outputs[step] = {"answer": None}
                continue
            record = self._record(step, status="running", started_at=workflow.now().isoformat())
            handle = workflow.start_activity(
                ACTIVITIES[step],
                {**self._run, "outputs": outputs},
                retry_policy=RETRY,
                activity_id=step,
                **TIMEOUTS[step],
            )
            await workflow.wait_condition(lambda h=handle: h.done() or self._cancel_reason is not None)
            if not handle.done():  # cancelled mid-step: stop the attempt, do not start the next step
                handle.cancel()
                self._record(step, status="cancelled", finished_at=workflow.now().isoformat())
                return self._finish("cancelled", f"cancelled during {step}: {self._cancel_reason}")
            try:
                output = handle.result()
            except ActivityError as exc:
                cause = exc.cause
                message = getattr(cause, "message", None) or str(cause or exc)
                details = getattr(cause, "details", None) or ()
                attempts = details[0].get("attempt") if details and isinstance(details[0], dict) else None
                self._record(
                    step,
                    status="failed",
                    error=message,
                    attempts=attempts or record["attempts"],
                    finished_at=workflow.now().isoformat(),
                )
                self._run.update(status="failed", error=f"{step}: {message}", finished_at=workflow.now().isoformat())
                raise ApplicationError(f"{step}: {message}", type=getattr(cause, "type", None), non_retryable=True)
            attempt = output.pop("_attempt", 1)
            self._record(step, status="succeeded", error="", attempts=attempt, output=output)
            self._steps[step]["finished_at"] = workflow.now().isoformat()
            outputs[step] = output
        return self._finish("succeeded", "")

    def _record(self, step: str, **changes: Any) -> dict[str, Any]:
        record = self._steps[step]
        record.update(changes, updated_at=workflow.now().isoformat())
        self._run["updated_at"] = record["updated_at"]
        return record

    def _finish(self, status: str, error: str) -> dict[str, Any]:
        self._run.update(status=status, error=error, finished_at=workflow.now().isoformat())
        return self.progress()

    @workflow.query
    def progress(self) -> dict[str, Any]:
        """The run as the API shows it: its fields, the current step, each step's record, the result."""
        steps = [{"name": name, "task_id": ACTIVITIES[name], **self._steps[name]} for name in STEPS]
        for record in steps:
            record.setdefault("output", None)
        current = next((s["name"] for s in steps if s["status"] == "running"), None)
        result = None
        if self._run.get("status") == "succeeded":
            out = {s["name"]: s["output"] or {} for s in steps}
            result = {
                "query": out["preprocess"].get("query"),
                "hits": out["rerank"].get("hits", []),
                "answer": out["answer"].get("answer"),
            }
        return {**self._run, "current_step": current, "steps": steps, "result": result}

    @workflow.signal
    def cancel(self, reason: str = "asked by the user") -> None:
        """Stop the run: the current step's attempt is cancelled and no further step starts."""
        if self._run["status"] in ("queued", "running") and self._cancel_reason is None:
            self._cancel_reason = reason or "asked by the user"

    @workflow.signal
    def set_answer_mode(self, mode: str) -> None:
        """Change how the answer step answers; it counts only until that step has started."""
        if mode in ANSWER_MODES and self._steps["answer"]["status"] == "pending":
            self._run["answer_mode"] = mode
