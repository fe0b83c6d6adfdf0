import pytest
import redis as redis_lib
from django.conf import settings


@pytest.fixture
def redis_client() -> redis_lib.Redis:
    """The search index's Redis database (SEARCH_REDIS_URL), emptied before the test, with the platform's."""
    redis_lib.Redis.from_url(settings.REDIS_URL).flushdb()
    client = redis_lib.Redis.from_url(settings.SEARCH_REDIS_URL, decode_responses=True)
    client.flushdb()
    return client
