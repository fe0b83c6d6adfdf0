"""Applying a write request on the leader: fenced by epoch, idempotent by request id, one transaction.

`write_apply` is what the leader runs for each request it takes from the write stream. In ONE
Postgres transaction it (1) locks this cluster's `ReplicationFence` row and refuses the write if a
higher epoch is recorded there (`Fenced`), else records its own epoch; (2) returns the stored
result if the request id was already applied; (3) runs the existing service (`chunks_upsert`, ...),
which takes the library's next `version` and appends to the change log as every write does;
(4) records the request id with its result. So a request is applied at most once, by the current
leader only, and when the transaction commits the write and its record are durable together.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import DataError, IntegrityError, transaction
from rest_framework.exceptions import APIException

from vectordb import services
from vectordb.models import Document, Library
from vectordb.public_ids import parse as parse_public_id
from vectordb.replication.models import ReplicatedWrite, ReplicationFence


class Fenced(Exception):
    """A leader with an older epoch tried to write after a newer leader had recorded its epoch."""

    def __init__(self, epoch: int, recorded: int) -> None:
        super().__init__(f"epoch {epoch} is fenced: epoch {recorded} has taken over")
        self.epoch = epoch
        self.recorded = recorded


class BadRequest(Exception):
    """The request cannot be applied as sent (unknown op, malformed payload, unknown library)."""

    def __init__(self, detail: str, errors: dict | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or {}


@dataclass(frozen=True)
class WriteOutcome:
    request_id: str
    ok: bool
    result: dict
    version: int | None
    epoch: int
    duplicate: bool = False
    library_pk: int | None = None  # internal: whose replicas must catch up (not in the reply)

    def as_message(self) -> dict:
        return {
            "request_id": self.request_id,
            "ok": self.ok,
            "result": self.result,
            "version": self.version,
            "epoch": self.epoch,
        }


def _outcome(row: ReplicatedWrite, *, duplicate: bool) -> WriteOutcome:
    return WriteOutcome(row.request_id, row.ok, row.result, row.version, row.epoch, duplicate, row.library_id)


def fence_recorded_epoch(*, cluster: str) -> int:
    return ReplicationFence.objects.filter(cluster=cluster).values_list("epoch", flat=True).first() or 0


def fence_claim(*, cluster: str, epoch: int, leader: str) -> None:
    """Lock the cluster's fence row (inside a transaction) and record `epoch` there, or raise
    `Fenced` if a higher epoch is recorded. A new leader calls it once on taking over, so the old
    leader's next write is refused even before the new one writes anything."""
    if not ReplicationFence.objects.filter(cluster=cluster).exists():
        try:
            with transaction.atomic():
                ReplicationFence.objects.create(cluster=cluster, epoch=0)
        except IntegrityError:
            pass  # created meanwhile by another node
    fence = ReplicationFence.objects.select_for_update().get(cluster=cluster)
    if fence.epoch > epoch:
        raise Fenced(epoch, fence.epoch)
    if fence.epoch != epoch or fence.leader != leader:
        ReplicationFence.objects.filter(pk=fence.pk).update(epoch=epoch, leader=leader)


def fence_take_over(*, cluster: str, epoch: int, leader: str) -> None:
    with transaction.atomic():
        fence_claim(cluster=cluster, epoch=epoch, leader=leader)


# --- the operations --------------------------------------------------------------------------
def _public_id(payload: dict, name: str) -> uuid.UUID:
    """A public id (UUID) of the payload; the API's ids, never the internal integer keys."""
    value = payload.get(name)
    parsed = parse_public_id(value) if isinstance(value, str) else None
    if parsed is not None:
        return parsed
    raise BadRequest(f"{name} must be a UUID", {name: ["a UUID is required"]})


def _library(payload: dict) -> Library:
    library = Library.objects.filter(uuid=_public_id(payload, "library_id")).first()
    if library is None:
        raise BadRequest("no such library", {"library_id": ["no such library"]})
    return library


def _op_chunks_upsert(payload: dict) -> tuple[Library, dict]:
    library = _library(payload)
    chunks = services.chunks_upsert(library=library, chunks=payload.get("chunks"))
    return library, {"ids": [str(c.uuid) for c in chunks]}


def _op_chunks_delete(payload: dict) -> tuple[Library, dict]:
    library = _library(payload)
    ids = payload.get("ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise BadRequest("ids must be a list of chunk ids (UUIDs)", {"ids": ["a list of chunk ids (UUIDs)"]})
    return library, {"deleted": services.chunks_delete(library=library, chunk_ids=ids)}


def _op_document_create(payload: dict) -> tuple[Library, dict]:
    library = _library(payload)
    title = payload.get("title", "")
    document = services.document_create(library=library, title=title, metadata=payload.get("metadata"))
    return library, {"document_id": str(document.uuid)}


def _op_document_delete(payload: dict) -> tuple[Library, dict]:
    library = _library(payload)
    document = Document.objects.filter(library=library, uuid=_public_id(payload, "document_id")).first()
    if document is None:
        raise BadRequest("no such document in this library", {"document_id": ["no such document"]})
    services.document_delete(document=document)
    return library, {"deleted": True}


OPERATIONS = {
    "chunks_upsert": _op_chunks_upsert,
    "chunks_delete": _op_chunks_delete,
    "document_create": _op_document_create,
    "document_delete": _op_document_delete,
}


def _error_result(exc: Exception) -> dict:
    if isinstance(exc, BadRequest):
        return {"detail": exc.detail, "errors": exc.errors, "status": 400}
    if isinstance(exc, APIException):  # Unprocessable (422), ServiceUnavailable (503), ...
        detail = exc.detail
        errors = detail if isinstance(detail, dict) else {}
        text = "Invalid input: see `errors` for each field." if errors else str(detail)
        return {"detail": text, "errors": _plain(errors), "status": exc.status_code}
    return {"detail": f"{type(exc).__name__}: {exc}"[:500], "errors": {}, "status": 500}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)


def write_apply(*, cluster: str, epoch: int, leader: str, request_id: str, op: str, payload: Any) -> WriteOutcome:
    """Apply one write request as the leader of `epoch` (see the module docstring). Raises
    `Fenced` if a newer leader has taken over; a write the services reject (422, unknown library,
    ...) is recorded as failed so that a retry gets the same answer."""
    if not isinstance(request_id, str) or not request_id or len(request_id) > 100:
        raise BadRequest("a request id of 1 to 100 characters is required")
    done = ReplicatedWrite.objects.filter(request_id=request_id).first()
    if done is not None:
        return _outcome(done, duplicate=True)
    try:
        with transaction.atomic():
            fence_claim(cluster=cluster, epoch=epoch, leader=leader)
            done = ReplicatedWrite.objects.filter(request_id=request_id).first()  # re-read under the fence
            if done is not None:
                return _outcome(done, duplicate=True)
            handler = OPERATIONS.get(op)
            if handler is None:
                raise BadRequest(f"unknown op {op!r}", {"op": [f"one of {sorted(OPERATIONS)}"]})
            if not isinstance(payload, dict):
                raise BadRequest("the payload must be a JSON object")
            library, result = handler(payload)
            version = Library.objects.filter(pk=library.pk).values_list("version", flat=True).first()
            row = ReplicatedWrite.objects.create(
                request_id=request_id,
                cluster=cluster,
                op=op,
                library_id=library.pk,
                epoch=epoch,
                leader=leader,
                ok=True,
                result=result,
                version=version,
            )
            return _outcome(row, duplicate=False)
    except Fenced:
        raise
    except (BadRequest, APIException) as exc:
        failure = _error_result(exc)
    except (DataError, IntegrityError, ValueError, TypeError) as exc:
        # refused for what it holds (a NUL byte in a text, a number out of range...): retrying
        # cannot help, so it is answered, not left pending to block the writes behind it
        failure = {
            "detail": f"the database refused this write: {type(exc).__name__}: {exc}"[:500],
            "errors": {},
            "status": 422,
        }
    if failure["status"] == 503:  # a provider that is down: transient, not recorded (a retry may work)
        return WriteOutcome(request_id, False, failure, None, epoch)
    library_id = None
    if isinstance(payload, dict):
        with contextlib.suppress(BadRequest):
            public = _public_id(payload, "library_id")
            library_id = Library.objects.filter(uuid=public).values_list("pk", flat=True).first()
    with transaction.atomic():
        fence_claim(cluster=cluster, epoch=epoch, leader=leader)
        row, created = ReplicatedWrite.objects.get_or_create(
            request_id=request_id,
            defaults={
                "cluster": cluster,
                "op": str(op)[:50],
                "library_id": library_id,
                "epoch": epoch,
                "leader": leader,
                "ok": False,
                "result": failure,
            },
        )
    return _outcome(row, duplicate=not created)
