"""Websocket routes of every app, gathered in one list for `config.asgi`."""

from revenue.routing import websocket_urlpatterns as revenue_websockets

websocket_urlpatterns = [*revenue_websockets]
