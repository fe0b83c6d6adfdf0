"""`ws/revenue/`: live revenue for staff. On connect: a snapshot; then each coalesced update the
revenue consumer process pushes (at most a few a second)."""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from revenue.live import LIVE_GROUP
from revenue.selectors import dashboard_snapshot


class RevenueConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        user = self.scope.get("user")
        if not (user and user.is_authenticated and user.is_staff):
            await self.close(code=4403)
            return
        await self.channel_layer.group_add(LIVE_GROUP, self.channel_name)
        await self.accept()
        snapshot = await database_sync_to_async(dashboard_snapshot)()
        await self.send_json({"type": "snapshot", **snapshot})

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(LIVE_GROUP, self.channel_name)

    async def receive_json(self, content, **kwargs) -> None:
        if isinstance(content, dict) and content.get("type") == "snapshot":
            snapshot = await database_sync_to_async(dashboard_snapshot)()
            await self.send_json({"type": "snapshot", **snapshot})

    async def revenue_update(self, event: dict) -> None:
        await self.send_json(event["message"])
