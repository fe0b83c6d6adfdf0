"""The per-process cache of verified API keys (API_KEY_LOCAL_CACHE_SECONDS): no round trip for a busy
key, a revocation effective at once in the revoking process and within the TTL in every other."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiKey
from accounts.selectors import api_key_cache_key
from accounts.services import api_key_create, api_key_revoke, api_key_update

pytestmark = pytest.mark.django_db


def _client(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw)
    return client


def _url(project) -> str:
    return reverse("accounts:project-detail", kwargs={"project_id": project.uuid})


def _revoked_by_another_process(api_key: ApiKey) -> None:
    """What another web process's revocation leaves behind: the row revoked, the Redis entry gone,
    and this process's own cache untouched."""
    ApiKey.objects.filter(pk=api_key.pk).update(revoked_at=timezone.now())
    cache.delete(api_key_cache_key(api_key.hashed_key))


def test_a_verified_key_costs_no_round_trip_until_its_ttl_passes(project, settings, monkeypatch):
    settings.API_KEY_LOCAL_CACHE_SECONDS = 0.5
    _, raw = api_key_create(project=project, name="busy")
    client = _client(raw)
    assert client.get(_url(project)).status_code == 200
    redis_gets = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda *a, **kw: redis_gets.append(a) or real_get(*a, **kw))
    for _ in range(5):
        assert client.get(_url(project)).status_code == 200
    assert redis_gets == []
    time.sleep(0.6)
    assert client.get(_url(project)).status_code == 200
    assert len(redis_gets) == 1


def test_a_key_revoked_elsewhere_stops_working_within_the_ttl(project, settings):
    settings.API_KEY_LOCAL_CACHE_SECONDS = 0.5
    api_key, raw = api_key_create(project=project, name="elsewhere")
    client = _client(raw)
    assert client.get(_url(project)).status_code == 200
    _revoked_by_another_process(api_key)
    time.sleep(0.6)
    response = client.get(_url(project))
    assert response.status_code == 403 and "revoked" in response.json()["detail"]


def test_a_key_revoked_or_edited_in_this_process_stops_working_at_once(
    project, settings, django_capture_on_commit_callbacks
):
    settings.API_KEY_LOCAL_CACHE_SECONDS = 60
    revoked, raw_revoked = api_key_create(project=project, name="revoked")
    expired, raw_expired = api_key_create(project=project, name="expired")
    for raw in (raw_revoked, raw_expired):
        assert _client(raw).get(_url(project)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the cache entries go on commit
        api_key_revoke(api_key=revoked)
        api_key_update(api_key=expired, name="expired", expires_at=timezone.now() - timedelta(seconds=1))
    for raw in (raw_revoked, raw_expired):
        assert _client(raw).get(_url(project)).status_code == 403


def test_expiry_is_checked_on_every_request_even_from_the_local_cache(project, settings):
    settings.API_KEY_LOCAL_CACHE_SECONDS = 60
    _, raw = api_key_create(project=project, name="short", expires_at=timezone.now() + timedelta(seconds=0.5))
    client = _client(raw)
    assert client.get(_url(project)).status_code == 200
    time.sleep(0.6)
    assert client.get(_url(project)).status_code == 403


def test_unknown_keys_are_not_held_in_the_local_cache(project, settings):
    from accounts import selectors

    settings.API_KEY_LOCAL_CACHE_SECONDS = 60
    for i in range(20):
        assert _client(f"vdm_guess_{i}").get(_url(project)).status_code == 403
    assert len(selectors._local) == 0


def test_with_the_local_cache_off_each_request_reads_the_shared_cache(project, settings):
    settings.API_KEY_LOCAL_CACHE_SECONDS = 0
    api_key, raw = api_key_create(project=project, name="off")
    client = _client(raw)
    assert client.get(_url(project)).status_code == 200
    _revoked_by_another_process(api_key)
    assert client.get(_url(project)).status_code == 403
