"""Fixtures shared by every app's tests: API clients, keys, a clean Redis."""

from __future__ import annotations

import pytest
import redis as redis_lib
from django.conf import settings
from rest_framework.test import APIClient

from accounts.tests.factories import ApiKeyFactory, ProjectFactory, UserFactory


def pytest_collection_modifyitems(config, items) -> None:
    """`postgres` tests skip on the embedded SQLite default; `browser` tests skip without Chromium."""
    import shutil

    from django.db import connection

    no_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    no_browser = pytest.mark.skip(reason="needs Chromium at /usr/bin/chromium (apt-get install chromium)")
    for item in items:
        if "postgres" in item.keywords and connection.vendor != "postgresql":
            item.add_marker(no_pg)
        if "browser" in item.keywords and not shutil.which("chromium"):
            item.add_marker(no_browser)


@pytest.fixture
def redis_client() -> redis_lib.Redis:
    """The platform's Redis, emptied before the test (tests own their Redis database)."""
    client = redis_lib.Redis.from_url(settings.REDIS_URL, decode_responses=True)
    client.flushdb()
    return client


@pytest.fixture(autouse=True)
def _no_background_search_rebuild(settings) -> None:
    """Tests build the search index themselves: a health check or search must not start a rebuild thread
    that outlives its test and swaps an index built from another test's data into a later one
    (search/tests/test_index_heals.py turns the automatic rebuild back on)."""
    settings.SEARCH_INDEX_AUTOREBUILD = False


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    from django.core.cache import cache

    from accounts.selectors import api_key_local_forget

    cache.clear()
    api_key_local_forget()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def project(db):
    return ProjectFactory()


@pytest.fixture
def api_key_for():
    """`api_key_for(project) -> raw key`."""

    def make(project) -> str:
        _, raw = ApiKeyFactory.create_with_secret(project=project)
        return raw

    return make


@pytest.fixture
def key_client(project, api_key_for) -> APIClient:
    """An API client authenticated with a key of `project`."""
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=api_key_for(project))
    return client


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def staff_client(staff_user) -> APIClient:
    client = APIClient()
    client.force_login(staff_user)
    return client
