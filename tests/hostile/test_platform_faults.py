"""In-process faults: Redis outage and recovery, broker down for an index build, tenancy 404s,
throttle identity (Celery redelivery: test_celery_worker.py)."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings as django_settings
from rest_framework.test import APIClient

from accounts.tests.factories import ProjectFactory
from core.throttling import client_address
from vectordb.models import IndexBuild, Library

LIBS = "/api/vectordb/libraries"
DEAD_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        # the pool class of config.settings (core/cache.py), so the outage is met as in production
        "OPTIONS": {
            "socket_connect_timeout": 0.5,
            "socket_timeout": 0.5,
            "pool_class": "core.cache.SharedConnectionPool",
        },
    }
}

pytestmark = pytest.mark.django_db


def test_api_keys_authenticate_while_redis_is_down_and_the_cache_is_used_again_after(key_client, settings):
    assert key_client.get(LIBS).status_code == 200
    original = settings.CACHES
    settings.CACHES = DEAD_CACHE
    assert key_client.get(LIBS).status_code == 200  # from the database, via the in-process cache
    refused = APIClient()
    refused.credentials(HTTP_X_API_KEY="not-a-key")
    assert refused.get(LIBS).status_code == 403
    settings.CACHES = original  # Redis back: no restart needed
    assert key_client.get(LIBS).status_code == 200
    assert django_settings.CACHES["default"]["LOCATION"] != DEAD_CACHE["default"]["LOCATION"]


def test_an_endpoint_that_needs_redis_answers_503_with_retry_after_and_recovers(api_client, settings):
    original = settings.CACHES
    settings.CACHES = DEAD_CACHE
    response = api_client.get("/api/search", {"q": "coke near Times Square New York"})
    assert response.status_code == 503
    assert response["Retry-After"]
    assert response.json()["code"] == "service_unavailable"
    settings.CACHES = original
    assert api_client.get("/api/search", {"q": "coke near Times Square New York"}).status_code != 503


@pytest.mark.django_db(transaction=True)
def test_an_index_build_the_broker_cannot_take_is_a_503_and_leaves_no_build(key_client, monkeypatch):
    from vectordb import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    lib = key_client.post(LIBS, {"name": "lib", "dimension": 4}, format="json").json()
    monkeypatch.setattr(tasks.index_build_run, "delay", broker_down)
    response = key_client.post(f"{LIBS}/{lib['id']}/index", {"index_type": "ivf"}, format="json")
    assert response.status_code == 503, response.content
    assert response["Retry-After"]
    assert "broker" in response.json()["detail"]
    assert not IndexBuild.objects.filter(library__uuid=lib["id"]).exists()


def test_another_projects_library_answers_exactly_like_a_missing_one(key_client, api_key_for):
    lib = key_client.post(LIBS, {"name": "lib", "dimension": 4}, format="json").json()
    stranger = APIClient()
    stranger.credentials(HTTP_X_API_KEY=api_key_for(ProjectFactory()))
    missing_id = uuid.uuid4()  # ids are random UUIDs: nothing to count up from
    assert not Library.objects.filter(uuid=missing_id).exists()
    foreign = stranger.get(f"{LIBS}/{lib['id']}")
    missing = stranger.get(f"{LIBS}/{missing_id}")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.content == missing.content


def test_throttles_key_on_the_connecting_address_unless_it_is_a_trusted_proxy(settings):
    spoof = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}
    settings.TRUSTED_PROXIES = []
    assert client_address(spoof) == "203.0.113.9"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(spoof) == "203.0.113.9"
    proxied = {"REMOTE_ADDR": "10.1.2.3", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.7, 10.9.9.9"}
    assert client_address(proxied) == "198.51.100.7"
    assert client_address({"REMOTE_ADDR": "10.1.2.3", "HTTP_X_FORWARDED_FOR": "garbage"}) == "10.1.2.3"


def test_the_search_throttle_uses_the_real_address():
    from core.throttling import ScopedRateThrottle
    from search.apis import SearchApi

    assert all(issubclass(cls, ScopedRateThrottle) for cls in SearchApi.throttle_classes)
