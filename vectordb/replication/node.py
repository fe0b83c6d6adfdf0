"""An index node: a small ASGI app (run by uvicorn) serving reads from this node's replicas, plus
the threads that keep them fed, hold or seek the leader lease, and apply writes while leader.

HTTP (JSON, `X-API-KEY` of the library's project):
Libraries are named by their public id (UUID), as in the main API; another project's library
answers exactly like a missing one (404).

- `GET /health` → `{node_id, cluster, role, epoch, leader, libraries: {id: applied version}, ...}`
- `POST /libraries/{id}/query` → `{embedding | text, k, filter, index, params, min_version,
  consistency: "bounded" | "strong", wait}` → `{hits, version, node_id, role, plan}`;
  409 if `min_version` was not reached within `wait` seconds.
- `POST /writes` → `{op, payload, request_id?, timeout?}` forwarded to the leader with
  `submit_write`: 200 with the acknowledgement, 422/400 if rejected, 504 on timeout.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import redis
from django.conf import settings
from django.db import close_old_connections
from rest_framework.exceptions import APIException

from vectordb.public_ids import parse as parse_public_id
from vectordb.replication.applier import fence_recorded_epoch
from vectordb.replication.client import WriteRejected, WriteTimeout, submit_write
from vectordb.replication.keys import Keys
from vectordb.replication.leader import Leader, keep_lease, lead
from vectordb.replication.lease import Lease
from vectordb.replication.reads import NotCaughtUp, replica_query
from vectordb.replication.replica import Replicas, follow

logger = logging.getLogger(__name__)

MAX_BODY = 64 * 1024 * 1024


class Node:
    def __init__(self, *, node_id: str, cluster: str, lease_ttl_ms: int = 3000, poll_interval: float = 1.0) -> None:
        self.node_id = node_id
        self.keys = Keys(cluster)
        self.redis = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=10, socket_connect_timeout=5)
        self.lease = Lease(
            self.redis, key=self.keys.lease, epoch_key=self.keys.epoch, node_id=node_id, ttl_ms=lease_ttl_ms
        )
        self.leader = Leader(self.redis, self.keys, self.lease, node_id)
        self.replicas = Replicas()
        self.poll_interval = poll_interval
        self.stop_event = threading.Event()
        self.threads: list[threading.Thread] = []

    @property
    def role(self) -> str:
        return "leader" if self.lease.held() else "follower"

    def start(self) -> None:
        def pubsub():
            ps = self.redis.pubsub(ignore_subscribe_messages=True)
            ps.subscribe(self.keys.changes)
            return ps

        def floor() -> int:
            try:
                return fence_recorded_epoch(cluster=self.keys.cluster)
            finally:
                close_old_connections()

        targets = [
            ("lease", lambda: keep_lease(self.lease, fence_floor=floor, stop=self.stop_event)),
            ("leader", lambda: lead(self.leader, self.lease, stop=self.stop_event)),
            (
                "follower",
                lambda: follow(self.replicas, pubsub, poll_interval=self.poll_interval, stop=self.stop_event),
            ),
        ]
        for name, target in targets:
            thread = threading.Thread(target=target, name=f"vectordb-node-{name}", daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self) -> None:
        """Clean shutdown: stop the loops, then give the lease up for a fast hand-over."""
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=5)
        try:
            if self.lease.release():
                logger.info("node %s released the lease", self.node_id)
        except redis.RedisError:
            pass

    def health(self) -> dict:
        try:
            holder = self.lease.current()
        except redis.RedisError:
            holder = None
        return {
            "node_id": self.node_id,
            "cluster": self.keys.cluster,
            "role": self.role,
            "epoch": self.lease.epoch,
            "leader": holder.node_id if holder else None,
            "leader_epoch": holder.epoch if holder else None,
            "libraries": self._public_libraries(self.replicas.loaded()),
            "reloads": self.replicas.reloads,
            "writes_applied": self.leader.applied,
            "writes_duplicate": self.leader.duplicates,
        }

    @staticmethod
    def _public_libraries(loaded: dict[int, int]) -> dict[str, int]:
        """The loaded replicas' applied versions by public library id (replicas hold internal keys)."""
        from vectordb.models import Library

        if not loaded:
            return {}
        try:
            public = dict(Library.objects.filter(pk__in=list(loaded)).values_list("pk", "uuid"))
        finally:
            close_old_connections()
        return {str(public[pk]): version for pk, version in loaded.items() if pk in public}


# --- HTTP -------------------------------------------------------------------------------------
class HttpError(Exception):
    def __init__(self, status: int, detail: str, code: str = "error", errors: dict | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.body: dict[str, Any] = {"detail": detail, "code": code}
        if errors:
            self.body["errors"] = errors


def _authorize(headers: dict[str, str], project_id: int) -> None:
    from accounts.selectors import api_key_get_active

    raw = (headers.get("x-api-key") or "").strip()
    if not raw:
        raise HttpError(401, "Authentication credentials were not provided (X-API-KEY).", "not_authenticated")
    key = api_key_get_active(raw_key=raw)
    if key is None:
        raise HttpError(403, "This API key is unknown, revoked or expired.", "permission_denied")
    if key.project_id != project_id:  # another project's library: exactly like a missing one
        raise HttpError(404, NO_SUCH_LIBRARY, "not_found")


NO_SUCH_LIBRARY = "No such library."


def _library_uuid(value: Any, field: str) -> uuid.UUID:
    parsed = parse_public_id(value) if isinstance(value, str) else None
    if parsed is not None:
        return parsed
    raise HttpError(422, f"{field} must be a UUID", "unprocessable", {field: ["a UUID (the library's id)"]})


def _int_field(body: dict, name: str, default: int) -> int:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > 2**62:
        raise HttpError(
            422, f"{name} must be a non-negative integer", "unprocessable", {name: ["a non-negative integer"]}
        )
    return value


def _float_field(body: dict, name: str, default: float, high: float) -> float:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= high:
        raise HttpError(422, f"{name} must be a number from 0 to {high:g}", "unprocessable", {name: [f"0 to {high:g}"]})
    return float(value)


def _query(node: Node, library_id: str, headers: dict[str, str], body: Any) -> dict:
    from vectordb.models import Library

    try:
        library = Library.objects.filter(uuid=_library_uuid(library_id, "library_id")).first()
        if library is None:
            raise HttpError(404, NO_SUCH_LIBRARY, "not_found")
        _authorize(headers, library.project_id)
        if not isinstance(body, dict):
            raise HttpError(400, "The body must be a JSON object.", "parse_error")
        consistency = body.get("consistency", "bounded")
        if consistency not in ("bounded", "strong"):
            raise HttpError(
                422, "consistency is 'bounded' or 'strong'", "unprocessable", {"consistency": ["bounded or strong"]}
            )
        for name in ("filter", "params"):
            if body.get(name) is not None and not isinstance(body[name], dict):
                raise HttpError(422, f"{name} must be an object", "unprocessable", {name: ["an object"]})
        if body.get("index") is not None and not isinstance(body["index"], str):
            raise HttpError(422, "index must be a string", "unprocessable", {"index": ["a string"]})
        hits, plan, version = replica_query(
            replicas=node.replicas,
            library=library,
            embedding=body.get("embedding"),
            text=body.get("text"),
            k=body.get("k", 10),
            filter=body.get("filter"),
            index=body.get("index"),
            params=body.get("params"),
            min_version=_int_field(body, "min_version", 0),
            strong=consistency == "strong",
            wait=_float_field(body, "wait", 5.0, 60.0),
        )
    except NotCaughtUp as exc:
        raise HttpError(
            409, f"This node has applied version {exc.applied}, not {exc.wanted} yet.", "not_caught_up"
        ) from None
    except APIException as exc:
        detail = exc.detail
        errors = detail if isinstance(detail, dict) else None
        raise HttpError(
            exc.status_code, "Invalid input: see `errors`." if errors else str(detail), "unprocessable", errors
        ) from None
    finally:
        close_old_connections()
    return {
        "hits": [h.__dict__ for h in hits],
        "version": version,
        "node_id": node.node_id,
        "role": node.role,
        "plan": plan,
    }


def _write(node: Node, headers: dict[str, str], body: Any) -> dict:
    from vectordb.models import Library

    try:
        if not isinstance(body, dict) or not isinstance(body.get("payload"), dict):
            raise HttpError(400, "The body is {op, payload: {library_id, ...}, request_id?, timeout?}.", "parse_error")
        library_uuid = _library_uuid(body["payload"].get("library_id"), "payload.library_id")
        library = Library.objects.filter(uuid=library_uuid).first()
        if library is None:
            raise HttpError(404, NO_SUCH_LIBRARY, "not_found")
        _authorize(headers, library.project_id)
        request_id = body.get("request_id")
        if request_id is not None and (
            not isinstance(request_id, str) or not re.fullmatch(r"[A-Za-z0-9_.:-]{1,100}", request_id)
        ):
            raise HttpError(
                422, "request_id: 1 to 100 of [A-Za-z0-9_.:-]", "unprocessable", {"request_id": ["invalid"]}
            )
        op = body.get("op")
        if not isinstance(op, str):
            raise HttpError(422, "op must be a string", "unprocessable", {"op": ["a string"]})
        timeout = _float_field(body, "timeout", 10.0, 120.0)
    finally:
        close_old_connections()
    try:
        ack = submit_write(
            op, body["payload"], cluster=node.keys.cluster, timeout=timeout, request_id=request_id, client=node.redis
        )
    except WriteTimeout as exc:
        raise HttpError(504, str(exc), "write_timeout") from None
    except WriteRejected as exc:
        raise HttpError(
            exc.status if 400 <= exc.status < 600 else 400, exc.detail, "rejected", exc.errors or None
        ) from None
    finally:
        close_old_connections()
    return {
        "request_id": ack.request_id,
        "result": ack.result,
        "version": ack.version,
        "epoch": ack.epoch,
        "leader": ack.leader,
    }


_QUERY_PATH = re.compile(r"^/libraries/([^/]{1,64})/query/?$")


def make_app(node: Node):
    async def read_body(receive) -> bytes:
        chunks, size = [], 0
        while True:
            message = await receive()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY:
                raise HttpError(413, "The body is too large.", "too_large")
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)

    async def send_json(send, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        await send(
            {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]}
        )
        await send({"type": "http.response.body", "body": data})

    async def app(scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    # Requests run in a fixed pool of threads, each with one persistent Postgres
                    # connection: the node holds at most this many plus one per background thread
                    # (asyncio's default executor would grow to min(32, cores + 4)).
                    asyncio.get_running_loop().set_default_executor(
                        ThreadPoolExecutor(
                            max_workers=settings.VECTORDB_NODE_REQUEST_THREADS,
                            thread_name_prefix="vectordb-node-request",
                        )
                    )
                    node.start()
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await asyncio.to_thread(node.stop)
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        path, method = scope["path"], scope["method"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        try:
            if path in ("/health", "/health/") and method == "GET":
                await send_json(send, 200, await asyncio.to_thread(node.health))
                return
            match = _QUERY_PATH.match(path)
            if match is None and path not in ("/writes", "/writes/"):
                raise HttpError(404, "Not found.", "not_found")
            if method != "POST":
                raise HttpError(405, f"Method {method} not allowed.", "method_not_allowed")
            raw = await read_body(receive)
            try:
                body = json.loads(raw or b"null")
            except ValueError:
                raise HttpError(400, "The body is not valid JSON.", "parse_error") from None
            if match is not None:
                out = await asyncio.to_thread(_query, node, match.group(1), headers, body)
            else:
                out = await asyncio.to_thread(_write, node, headers, body)
            await send_json(send, 200, out)
        except HttpError as exc:
            await send_json(send, exc.status, exc.body)
        except Exception:
            logger.exception("node request failed")
            await send_json(send, 500, {"detail": "Internal error.", "code": "error"})

    return app


def serve(*, node_id: str, cluster: str, host: str, port: int, lease_ttl_ms: int, poll_interval: float) -> None:
    import uvicorn

    node = Node(node_id=node_id, cluster=cluster, lease_ttl_ms=lease_ttl_ms, poll_interval=poll_interval)
    config = uvicorn.Config(make_app(node), host=host, port=port, lifespan="on", log_level="warning", access_log=False)
    uvicorn.Server(config).run()
