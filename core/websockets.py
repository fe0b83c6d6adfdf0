"""Websocket plumbing shared by every app's routes.

`RejectUnknownRoutes` wraps the Channels URL router: a handshake on a path no app routes is refused
cleanly (the handshake is closed with code 4404, which the server answers as HTTP 403) instead of
the router's "No route found" error turning into an HTTP 500.
"""

from __future__ import annotations

from typing import Any


class RejectUnknownRoutes:
    def __init__(self, router: Any) -> None:
        self.router = router

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        try:
            return await self.router(scope, receive, send)
        except ValueError as exc:
            if scope["type"] != "websocket" or not str(exc).startswith("No route found"):
                raise
        message = await receive()
        if message["type"] == "websocket.connect":
            await send({"type": "websocket.close", "code": 4404})
