"""A real Celery worker (optionally with its embedded beat) on the test database, for end-to-end tests of
what only a worker process shows: a job lost when the worker is killed, found again by the sweep."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


class CeleryWorker:
    """`celery -A config worker -Q live,default,low` (as the Procfile), in its own process group so
    `kill()` can take down the main process and its pool at once (a crash, not a shutdown)."""

    def __init__(self, *, beat: bool = False, env: dict[str, str] | None = None, log: Path | None = None) -> None:
        self.beat, self.extra_env, self.log = beat, env or {}, log
        self.process: subprocess.Popen | None = None

    def start(self) -> CeleryWorker:
        s = connection.settings_dict
        env = dict(os.environ)
        env.update(
            {
                "DATABASE_URL": f"postgres://{s['USER']}:{s.get('PASSWORD') or ''}@{s['HOST'] or '127.0.0.1'}:"
                f"{s['PORT'] or 5432}/{s['NAME']}",
                "REDIS_URL": settings.REDIS_URL,
                "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
                "PYTHONWARNINGS": "ignore",
                **self.extra_env,
            }
        )
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "live,default,low",
                   "--concurrency", "2", "--loglevel", "INFO", "--without-heartbeat", "--without-gossip",
                   "--without-mingle"]  # fmt: skip
        if self.beat:  # the embedded beat, with the DatabaseScheduler and its own schedule file
            command += ["-B", "--schedule", str((self.log or Path("/tmp/celerybeat")).with_suffix(".schedule"))]
        out = self.log.open("ab") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def kill(self) -> None:
        """SIGKILL to the whole group: tasks in progress die with it, nothing is acknowledged or cleaned."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()
