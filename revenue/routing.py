from django.urls import path

from revenue.consumers import RevenueConsumer

websocket_urlpatterns: list = [
    path("ws/revenue/", RevenueConsumer.as_asgi()),
]
