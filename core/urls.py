from django.urls import path

from core import apis, views

app_name = "core"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("api/health", apis.HealthApi.as_view(), name="health"),
]
