"""A live Vendomo server for the SDK's tests: uvicorn in a subprocess, on its own database.

The server gets a database of its own (a fresh `<DATABASE_URL db>_sdk` on Postgres, a temporary file
on SQLite), migrated before it starts, so it never sees the test runner's transactions and the
runner never sees its rows. Index builds run inside the server (CELERY_TASK_ALWAYS_EAGER), so no
Celery worker is needed; the query pipeline runs on a Temporal dev server and a `temporal_worker` of
their own (vectordb/PIPELINE.md). Two projects with a key each are created; the server is stopped afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from core.liveserver import free_port

REPO = Path(__file__).resolve().parents[2]
PORTS = range(int(os.environ.get("SDK_TEST_PORT_FIRST", "8300")), int(os.environ.get("SDK_TEST_PORT_LAST", "8349")) + 1)

SETUP = """
import json
from accounts.services import api_key_create, project_create, team_create
team = team_create(name="SDK tests", slug="sdk-tests")
keys = {}
for slug in ("main", "other"):
    project = project_create(team=team, name=f"SDK {slug}", slug=slug)
    _, raw = api_key_create(project=project, name="sdk tests")
    keys[slug] = {"project": str(project.uuid), "key": raw}
print("SDK-SETUP " + json.dumps(keys))
"""


@dataclass(frozen=True)
class LiveServer:
    url: str
    api_key: str
    project: str  # the project's public id (UUID)
    other_api_key: str
    other_project: str


def _postgres_admin(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.replace("postgresql", "postgres"), parts.netloc, "/postgres", "", ""))


def _recreate_postgres_db(url: str, name: str, *, create: bool) -> None:
    import psycopg

    dsn = _postgres_admin(url).replace("postgres://", "postgresql://", 1)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture(scope="session")
def sdk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from vectordb.tests.temporal_support import dev_server

    with dev_server(tmp_path_factory.mktemp("sdk-temporal")) as temporal_address:
        yield from _sdk_server(tmp_path_factory, temporal_address)


def _sdk_server(tmp_path_factory: pytest.TempPathFactory, temporal_address: str) -> Iterator[LiveServer]:
    from django.conf import settings

    base_db = os.environ.get("DATABASE_URL", "")
    pg_name = None
    if base_db.startswith(("postgres://", "postgresql://")):
        pg_name = urlsplit(base_db).path.lstrip("/") + "_sdk"
        _recreate_postgres_db(base_db, pg_name, create=True)
        parts = urlsplit(base_db)
        database_url = urlunsplit((parts.scheme, parts.netloc, "/" + pg_name, parts.query, ""))
    else:
        database_url = f"sqlite:///{tmp_path_factory.mktemp('sdk-live') / 'db.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "TEMPORAL_ADDRESS": temporal_address,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "sdk-tests-only"),
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, str(REPO / "manage.py")]
    server: subprocess.Popen[bytes] | None = None
    worker: subprocess.Popen[bytes] | None = None
    log = tmp_path_factory.mktemp("sdk-live-log") / "server.log"
    try:
        subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, cwd=REPO, check=True, timeout=600)
        setup = subprocess.run(
            [*manage, "shell", "-c", SETUP], env=env, cwd=REPO, check=True, timeout=120, capture_output=True, text=True
        )
        line = next(ln for ln in setup.stdout.splitlines() if ln.startswith("SDK-SETUP "))
        keys = json.loads(line.removeprefix("SDK-SETUP "))
        port = free_port(PORTS)
        with log.open("wb") as out:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "config.asgi:application",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                ],
                env=env,
                cwd=REPO,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            worker = subprocess.Popen(
                [*manage, "temporal_worker"], env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT
            )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"the test server exited: {log.read_text()[-3000:]}")
            try:
                httpx.get(f"{url}/api/vectordb/libraries", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the test server did not start: {log.read_text()[-3000:]}") from None
                time.sleep(0.2)
        yield LiveServer(
            url=url,
            api_key=keys["main"]["key"],
            project=keys["main"]["project"],
            other_api_key=keys["other"]["key"],
            other_project=keys["other"]["project"],
        )
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if pg_name:
            _recreate_postgres_db(base_db, pg_name, create=False)
