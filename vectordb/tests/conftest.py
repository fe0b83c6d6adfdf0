import os

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


@pytest.fixture(scope="session", autouse=True)
def _snapshot_dir(tmp_path_factory):
    """Snapshot files of the test run go to a temporary directory (also for the processes tests
    start, which read the environment), not to var/."""
    from django.conf import settings

    path = str(tmp_path_factory.mktemp("vectordb-snapshots"))
    old = os.environ.get("VECTORDB_SNAPSHOT_DIR")
    os.environ["VECTORDB_SNAPSHOT_DIR"] = path
    settings.VECTORDB_SNAPSHOT_DIR = path
    yield path
    if old is None:
        os.environ.pop("VECTORDB_SNAPSHOT_DIR", None)
    else:
        os.environ["VECTORDB_SNAPSHOT_DIR"] = old
