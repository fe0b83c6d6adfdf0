"""Talking to Temporal from Django's synchronous code: connect, start a run, read it, signal it.

Each call opens its own connection on a private event loop (`asyncio.run`), bounded by short
timeouts, so an unreachable server is a `ServiceUnavailable` (503) within seconds, never a hang.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

from django.conf import settings
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle
from temporalio.service import RPCError, RPCStatusCode

from core.exceptions import ServiceUnavailable
from vectordb.workflows.shared import ACTIVITIES, STEP_OF_ACTIVITY, STEPS, WORKFLOW_TYPE

CONNECT_TIMEOUT = 3.0
RPC_TIMEOUT = timedelta(seconds=5)
QUERY_TIMEOUT = timedelta(seconds=3)
T = TypeVar("T")


async def connect() -> Client:
    try:
        return await asyncio.wait_for(
            Client.connect(settings.TEMPORAL_ADDRESS, namespace=settings.TEMPORAL_NAMESPACE), CONNECT_TIMEOUT
        )
    except (TimeoutError, RuntimeError, RPCError, OSError) as exc:
        raise ServiceUnavailable(
            f"the workflow engine (Temporal at {settings.TEMPORAL_ADDRESS}) is unavailable; nothing was started"
        ) from exc


def run_sync(call: Callable[[Client], Awaitable[T]]) -> T:
    async def main() -> T:
        client = await connect()
        try:
            return await call(client)
        except RPCError as exc:
            if exc.status in (RPCStatusCode.UNAVAILABLE, RPCStatusCode.DEADLINE_EXCEEDED):
                raise ServiceUnavailable(f"the workflow engine (Temporal) is unavailable: {exc.message}") from exc
            raise

    return asyncio.run(main())


def start(params: dict[str, Any]) -> None:
    async def call(client: Client) -> None:
        await client.start_workflow(
            WORKFLOW_TYPE,
            params,
            id=params["id"],
            task_queue=settings.TEMPORAL_TASK_QUEUE,
            memo={"project": params["project"], "library": params["library"]},
            execution_timeout=timedelta(days=1),
            rpc_timeout=RPC_TIMEOUT,
        )

    run_sync(call)


def signal(run_id: str, name: str, arg: Any) -> bool:
    """Send a signal to a run; False when there is no such running workflow."""

    async def call(client: Client) -> bool:
        try:
            await client.get_workflow_handle(run_id).signal(name, arg, rpc_timeout=RPC_TIMEOUT)
        except RPCError as exc:
            if exc.status in (RPCStatusCode.NOT_FOUND, RPCStatusCode.FAILED_PRECONDITION):
                return False
            raise
        return True

    return run_sync(call)


def describe(run_id: str) -> dict[str, Any] | None:
    """A run's public view (None when Temporal has no such workflow)."""

    async def call(client: Client) -> dict[str, Any] | None:
        handle = client.get_workflow_handle(run_id)
        try:
            desc = await handle.describe(rpc_timeout=RPC_TIMEOUT)
        except RPCError as exc:
            if exc.status == RPCStatusCode.NOT_FOUND:
                return None
            raise
        if desc.workflow_type != WORKFLOW_TYPE:
            return None
        memo = await desc.memo()
        if not isinstance(memo.get("project"), str):  # not a run this API started (memo: public UUIDs)
            return None
        if desc.status == WorkflowExecutionStatus.RUNNING:
            run = await _live(client, handle, desc)
        elif desc.status == WorkflowExecutionStatus.COMPLETED:
            run = await handle.result(rpc_timeout=RPC_TIMEOUT)
        else:
            run = await _from_history(client, handle, desc)
        return {**run, "project": memo["project"], "library": memo["library"], "engine_status": desc.status.name}

    return run_sync(call)


async def _live(client: Client, handle: WorkflowHandle, desc: Any) -> dict[str, Any]:
    """A running run from its query, with the in-flight attempt's number and last error from Temporal
    (the workflow sees an activity's retries only when it ends); from history when no worker answers."""
    try:
        run = await handle.query("progress", rpc_timeout=QUERY_TIMEOUT)
    except Exception:  # no worker polls (RPC deadline) or it failed to answer
        run = await _from_history(client, handle, desc)
        run["status"] = "queued" if run["current_step"] is None else "running"
    pending = {p.activity_type.name: p for p in desc.raw_description.pending_activities}
    for step in run["steps"]:
        if step["status"] == "running":  # scheduled after `desc` was read: Temporal numbers its first attempt 1
            step["attempts"] = max(step.get("attempts") or 0, 1)
        info = pending.get(ACTIVITIES[step["name"]])
        if info is None:
            continue
        step["attempts"] = max(step.get("attempts") or 0, info.attempt)
        if info.HasField("last_failure") and info.last_failure.message:
            step["error"] = info.last_failure.message
            step["status"] = "retrying"
    return run


async def _from_history(client: Client, handle: WorkflowHandle, desc: Any) -> dict[str, Any]:
    """Rebuild a run's view from its event history (failed, cancelled, terminated or unanswered)."""
    params: dict[str, Any] = {}
    steps = {name: {"name": name, "status": "pending", "attempts": 0, "output": None} for name in STEPS}
    by_event: dict[int, str] = {}
    error = ""
    status = desc.status.name.lower()
    convert = client.data_converter
    async for event in handle.fetch_history_events(rpc_timeout=RPC_TIMEOUT):
        when = event.event_time.ToDatetime().isoformat() + "+00:00"
        kind = event.event_type
        if kind == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
            params = (await convert.decode(event.workflow_execution_started_event_attributes.input.payloads))[0]
        elif kind == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            name = STEP_OF_ACTIVITY.get(event.activity_task_scheduled_event_attributes.activity_type.name)
            if name:
                by_event[event.event_id] = name
                steps[name].update(status="scheduled", started_at=when, updated_at=when)
        elif kind == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
            attrs = event.activity_task_started_event_attributes
            name = by_event.get(attrs.scheduled_event_id)
            if name:
                steps[name].update(status="running", attempts=attrs.attempt, updated_at=when)
                if attrs.HasField("last_failure"):
                    steps[name]["error"] = attrs.last_failure.message
        elif kind == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
            attrs = event.activity_task_completed_event_attributes
            name = by_event.get(attrs.scheduled_event_id)
            if name:
                output = (await convert.decode(attrs.result.payloads))[0]
                output.pop("_attempt", None)
                steps[name].update(status="succeeded", error="", output=output, finished_at=when, updated_at=when)
        elif kind in (EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED, EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT):
            attrs = (
                event.activity_task_failed_event_attributes
                if kind == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED
                else event.activity_task_timed_out_event_attributes
            )
            name = by_event.get(attrs.scheduled_event_id)
            if name:
                steps[name].update(status="failed", error=attrs.failure.message, finished_at=when, updated_at=when)
        elif kind == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED:
            error = event.workflow_execution_failed_event_attributes.failure.message
        elif kind == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED:
            error = f"terminated: {event.workflow_execution_terminated_event_attributes.reason}"
        elif kind == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT:
            error = "the run timed out"
    ordered = [steps[name] for name in STEPS]
    current = next((s["name"] for s in ordered if s["status"] in ("running", "scheduled")), None)
    created = desc.start_time.isoformat() if desc.start_time else ""
    closed = desc.close_time.isoformat() if desc.close_time else None
    run = {
        **params,
        "status": {"failed": "failed", "terminated": "failed", "timed_out": "failed"}.get(status, status),
        "error": error,
        "current_step": current,
        "steps": ordered,
        "result": None,
        "created_at": params.get("created_at", created),
        "updated_at": closed or created,
    }
    if closed:
        run["finished_at"] = closed
    return run


__all__ = ["connect", "describe", "run_sync", "signal", "start"]
