"""The client side: submit a write to the cluster's leader and wait for its acknowledgement.

    from vectordb.replication.client import submit_write
    ack = submit_write("chunks_upsert", {"library_id": str(library.uuid), "chunks": [...]}, timeout=10)
    ack.result["ids"], ack.version   # committed in Postgres at library version `ack.version`

`submit_write` appends the request (with a request id) to the cluster's write stream and waits
(`BLPOP`) for the leader's reply. An acknowledgement means the write committed in Postgres. On
`WriteTimeout` the write may or may not have been applied: submit it again with the SAME
`request_id` (it is applied at most once) or ask `write_status(request_id)`.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass

import redis
from django.conf import settings

from vectordb.replication.keys import DEFAULT_CLUSTER, Keys
from vectordb.replication.models import ReplicatedWrite

STREAM_MAXLEN = 100_000  # approximate trim of old (acknowledged) requests


class WriteTimeout(Exception):
    def __init__(self, request_id: str, timeout: float) -> None:
        super().__init__(f"no acknowledgement for write {request_id} within {timeout:g}s (no leader?)")
        self.request_id = request_id


class WriteRejected(Exception):
    """The leader refused the write (validation): `detail`, `errors` and `status` as the API would."""

    def __init__(self, request_id: str, detail: str, errors: dict, status: int) -> None:
        super().__init__(detail)
        self.request_id = request_id
        self.detail = detail
        self.errors = errors
        self.status = status


@dataclass(frozen=True)
class WriteAck:
    request_id: str
    result: dict
    version: int | None
    epoch: int
    leader: str


_clients: dict[str, redis.Redis] = {}


def redis_client() -> redis.Redis:
    url = settings.REDIS_URL
    if url not in _clients:
        _clients[url] = redis.Redis.from_url(url, socket_timeout=None, health_check_interval=30)
    return _clients[url]


def submit_write(
    op: str,
    payload: dict,
    *,
    cluster: str = DEFAULT_CLUSTER,
    timeout: float = 10.0,
    request_id: str | None = None,
    client: redis.Redis | None = None,
) -> WriteAck:
    """Send a write (`chunks_upsert`, `chunks_delete`, `document_create`, `document_delete`) to
    the leader and wait up to `timeout` seconds for its acknowledgement."""
    client = client or redis_client()
    keys = Keys(cluster)
    request_id = request_id or uuid.uuid4().hex
    client.xadd(
        keys.writes,
        {"request_id": request_id, "op": op, "payload": json.dumps(payload), "sent_at": f"{time.time():.3f}"},
        maxlen=STREAM_MAXLEN,
        approximate=True,
    )
    got = client.blpop([keys.reply(request_id)], timeout=max(timeout, 0.01))
    if got is None:
        raise WriteTimeout(request_id, timeout)
    message = json.loads(got[1])
    if not message.get("ok"):
        result = message.get("result") or {}
        raise WriteRejected(
            request_id, result.get("detail", "rejected"), result.get("errors", {}), result.get("status", 400)
        )
    return WriteAck(request_id, message["result"], message.get("version"), message["epoch"], message.get("leader", ""))


def write_status(request_id: str) -> ReplicatedWrite | None:
    """The applied write with this request id (None: not applied, or not yet)."""
    return ReplicatedWrite.objects.filter(request_id=request_id).first()
