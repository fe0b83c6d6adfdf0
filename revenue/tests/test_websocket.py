"""`ws/revenue/`: staff only; a snapshot on connect, then the consumer's pushes."""

import json

import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from channels.layers import get_channel_layer
from django.contrib.auth.models import AnonymousUser

from accounts.tests.factories import UserFactory
from revenue.live import LIVE_GROUP
from revenue.routing import websocket_urlpatterns

# Sync tests driving async code with async_to_sync: database_sync_to_async then runs on this thread,
# with the test's own database connection.
pytestmark = pytest.mark.django_db(transaction=True)


class Socket(ApplicationCommunicator):
    """A websocket client speaking ASGI to the routed app (what channels' test communicator does)."""

    def __init__(self, user) -> None:
        from channels.routing import URLRouter

        scope = {"type": "websocket", "path": "/ws/revenue/", "headers": [], "subprotocols": [], "user": user}
        super().__init__(URLRouter(websocket_urlpatterns), scope)

    async def connect(self) -> tuple[bool, int | None]:
        await self.send_input({"type": "websocket.connect"})
        message = await self.receive_output(10)
        if message["type"] == "websocket.accept":
            return True, None
        return False, message.get("code")

    async def receive_json_from(self, timeout: float = 10) -> dict:
        message = await self.receive_output(timeout)
        return json.loads(message["text"])

    async def disconnect(self) -> None:
        await self.send_input({"type": "websocket.disconnect", "code": 1000})
        await self.wait(2)


def communicator(user) -> Socket:
    return Socket(user)


def test_anonymous_and_non_staff_users_are_refused(redis_client):
    user = UserFactory(is_staff=False)

    async def scenario():
        for who in (AnonymousUser(), user):
            connected, code = await communicator(who).connect()
            assert not connected and code == 4403

    async_to_sync(scenario)()


def test_staff_get_a_snapshot_then_live_updates(redis_client):
    async_to_sync(_staff_scenario)(UserFactory(is_staff=True))


async def _staff_scenario(staff):
    ws = communicator(staff)
    connected, _ = await ws.connect()
    assert connected
    snapshot = await ws.receive_json_from(timeout=10)
    assert snapshot["type"] == "snapshot" and snapshot["summary"]["total"] == "0.00"
    assert len(snapshot["timeseries"]) == 60
    await get_channel_layer().group_send(
        LIVE_GROUP, {"type": "revenue.update", "message": {"type": "update", "summary": {"total": "5.00"}}}
    )
    update = await ws.receive_json_from(timeout=10)
    assert update == {"type": "update", "summary": {"total": "5.00"}}
    await ws.disconnect()
