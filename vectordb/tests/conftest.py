import pytest

from vectordb.runtime import registry


@pytest.fixture(autouse=True)
def _fresh_registry():
    """Each test starts with no in-memory index (ids may be reused across rolled-back tests)."""
    registry.clear()
    yield
    registry.clear()


@pytest.fixture(scope="session", autouse=True)
def _compiled_search():
    """Compile the HNSW search once up front, so the worker processes some tests start load the
    numba cache instead of each compiling it (which would eat their time budget)."""
    from vectordb.engine import _jit

    _jit.warm()
