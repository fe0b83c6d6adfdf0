"""Request body limits, enforced in ASGI as the body arrives (before Django buffers it).

- A body larger than its path's limit answers **413**: at once when `Content-Length` says so (the
  body is never read), or as soon as a chunked body passes the limit. Public endpoints that take a
  body (`PUBLIC_BODY_PREFIXES`, the click endpoints) allow `REQUEST_BODY_PUBLIC_MAX_BYTES` (64 KiB);
  everything else `REQUEST_BODY_MAX_BYTES` (256 MiB: a 50,000-chunk vectordb bulk upsert of
  384-d vectors is ~200 MB of JSON).
- A body that does not arrive completely within `REQUEST_BODY_TIMEOUT_SECONDS` (a slow client, or a
  body shorter than its `Content-Length`) answers **408** and the connection is closed.
- A `Content-Length` that is not a number answers 400.

Once the body is complete, `receive` is passed through untouched (Django listens on it for the
client's disconnect while the view runs).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestAborted

PUBLIC_BODY_PREFIXES = ("/api/clicks/",)

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


def body_limit_for(path: str) -> int:
    if path.startswith(PUBLIC_BODY_PREFIXES):
        return settings.REQUEST_BODY_PUBLIC_MAX_BYTES
    return settings.REQUEST_BODY_MAX_BYTES


async def _send_json(send: Send, status: int, detail: str, code: str) -> None:
    body = json.dumps({"detail": detail, "code": code}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = body_limit_for(scope.get("path", ""))
        too_big = (
            413,
            f"The request body is larger than this endpoint's limit of {limit:,} bytes.",
            "request_too_large",
        )
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    return await _send_json(send, 400, "The Content-Length header is not a number.", "bad_request")
                if length > limit:
                    return await _send_json(send, *too_big)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + settings.REQUEST_BODY_TIMEOUT_SECONDS
        state: dict[str, Any] = {"received": 0, "done": False, "refusal": None, "started": False}

        async def limited_receive() -> dict:
            if state["done"]:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(deadline - loop.time(), 0.001))
            except TimeoutError:
                state["refusal"] = (
                    408,
                    f"The request body did not arrive within {settings.REQUEST_BODY_TIMEOUT_SECONDS:g} s "
                    "(is it shorter than its Content-Length?).",
                    "request_timeout",
                )
                raise RequestAborted() from None
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    state["refusal"] = too_big
                    raise RequestAborted()
                if not message.get("more_body", False):
                    state["done"] = True
            return message

        async def tracking_send(message: dict) -> None:
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        await self.app(scope, limited_receive, tracking_send)
        if state["refusal"] is not None and not state["started"]:
            await _send_json(send, *state["refusal"])
