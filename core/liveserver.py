"""Real platform processes for tests, benchmarks and the click-case runner.

`database_url()` names the database this process uses now (the test or bench database), so child
processes (uvicorn servers, consumers) work on the same data; `free_port()` finds a loopback port;
`UvicornServer` starts a multi-worker uvicorn on them and stops its whole process group.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import quote

from django.conf import settings
from django.db import connection

#: Postgres connections each worker process keeps in its pool (see DB_POOL_MAX_SIZE in settings).
POOL_SIZE_PER_WORKER = 4


def database_url() -> str:
    """The URL of the database this process uses now (the test database under pytest)."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = quote(db.get("USER") or "", safe="")
        if db.get("PASSWORD"):
            auth += ":" + quote(db["PASSWORD"], safe="")
        host = db.get("HOST") or "localhost"
        port = f":{db['PORT']}" if db.get("PORT") else ""
        return f"postgres://{auth}@{host}{port}/{quote(db['NAME'], safe='')}"
    if connection.vendor == "sqlite":
        name = str(db["NAME"])
        if name == ":memory:" or name.startswith("file:memorydb"):
            raise RuntimeError("a multi-process server needs a file or server database, not in-memory SQLite")
        return f"sqlite:///{name}"
    raise RuntimeError(f"unsupported database vendor {connection.vendor!r}")


def free_port(candidates: range | None = None) -> int:
    """A loopback port nothing listens on: the first free one of `candidates`, or one the OS picks."""
    for port in candidates or [0]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in {candidates.start}-{candidates.stop - 1}")


class UvicornServer:
    """`with UvicornServer(workers=3) as server:` → server.base_url; stopped (whole group) on exit."""

    def __init__(
        self,
        *,
        workers: int = 3,
        port: int | None = None,
        ready_timeout: float = 90.0,
        env: dict | None = None,
        ready_path: str = "/",
        app: str = "config.asgi:application",
    ) -> None:
        self.app = app
        self.workers = workers
        self.extra_env = env or {}
        self.port = port or free_port()
        self.ready_timeout = ready_timeout
        self.ready_path = ready_path
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": settings.REDIS_URL, **self.extra_env}
        env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        # ASGI runs each request in a new thread: pool the connections instead of one per thread.
        env.setdefault("DB_POOL_MAX_SIZE", str(POOL_SIZE_PER_WORKER))
        env.setdefault("LOG_LEVEL", "ERROR")  # errors only: no line per expected 404
        command = [
            sys.executable, "-m", "uvicorn", self.app,
            "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers),
            "--no-access-log", "--log-level", "warning", "--lifespan", "off",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, start_new_session=True)
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.ready_timeout
        url = f"{self.base_url}{self.ready_path}"
        # Every worker must be up: ask until `workers` answers in a row succeed after the first one.
        ok_in_a_row = 0
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"the server exited with code {self.process.returncode} while starting")
            try:
                with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback http)
                    ok_in_a_row = ok_in_a_row + 1 if response.status == 200 else 0
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                ok_in_a_row = 0
            if ok_in_a_row >= 3:
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the server did not answer on {url} within {self.ready_timeout:.0f} s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)  # the uvicorn supervisor and its workers only
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass

    def __enter__(self) -> UvicornServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
