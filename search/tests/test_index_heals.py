"""A missing index (Redis flushed or restarted empty) is noticed and rebuilt by itself; health says so."""

import time

import pytest

from search.services import REBUILD_LOCK
from search.tests.support import make_machine


@pytest.mark.django_db(transaction=True)
def test_a_flushed_index_is_rebuilt_by_itself_and_health_says_so_meanwhile(api_client, redis_client, settings):
    settings.SEARCH_INDEX_AUTOREBUILD = True
    make_machine(lat=40.7570, lon=-73.9860, stock={"Cola": 3})
    redis_client.flushdb()  # Redis restarted empty
    redis_client.set(REBUILD_LOCK, "another process")  # a rebuild under way elsewhere
    health = api_client.get("/api/health")
    assert health.status_code == 200  # the web process still serves: the index heals itself
    assert health.json()["status"] == "degraded" and health.json()["healing"] == ["search_index"]
    assert health.json()["checks"]["search_index"] == {"ok": False, "state": "rebuilding"}
    redis_client.delete(REBUILD_LOCK)  # that process died: the next look starts one here

    body = api_client.get("/api/search", {"q": "coke near times square"}).json()
    assert any("being rebuilt" in note for note in body["interpretation"]["notes"])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and redis_client.exists(REBUILD_LOCK):
        time.sleep(0.1)
    health = api_client.get("/api/health").json()
    assert health["checks"]["search_index"] == {"ok": True, "state": "ok"}
    body = api_client.get("/api/search", {"q": "coke near times square"}).json()
    assert len(body["results"]) == 1
    assert body["interpretation"]["notes"] == []


def test_the_index_has_its_own_redis_database(settings):
    assert settings.SEARCH_REDIS_URL != settings.REDIS_URL


@pytest.mark.django_db
def test_the_minutely_task_rebuilds_a_missing_index_in_place(
    redis_client, settings, django_capture_on_commit_callbacks
):
    from search.services import geo_index
    from search.tasks import heal_index

    settings.SEARCH_INDEX_AUTOREBUILD = True
    with django_capture_on_commit_callbacks(execute=True):
        make_machine(lat=40.7570, lon=-73.9860, stock={"Cola": 3, "Gum": 1})
    redis_client.flushdb()
    assert heal_index() == "rebuilding"
    assert not redis_client.exists(REBUILD_LOCK)
    assert geo_index().size()["Gum"] == 1
    assert heal_index() == "ok"


def test_the_default_search_redis_url_is_the_next_database():
    from config.env import search_redis_url

    assert search_redis_url("redis://127.0.0.1:6379/11") == "redis://127.0.0.1:6379/12"
    assert search_redis_url("redis://127.0.0.1:6379") == "redis://127.0.0.1:6379/1"
    assert search_redis_url("unix:///tmp/redis.sock") == "unix:///tmp/redis.sock?db=1"
