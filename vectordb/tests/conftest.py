import pytest

from vectordb.runtime import registry


@pytest.fixture(autouse=True)
def _fresh_registry():
    """Each test starts with no in-memory index (ids may be reused across rolled-back tests)."""
    registry.clear()
    yield
    registry.clear()
