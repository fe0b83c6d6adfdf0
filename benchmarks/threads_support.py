"""Shared pieces of `bench_threads`: synthetic threads by COPY, real Celery workers and beat, queues."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path


def _rss_kb(field: str = "VmRSS") -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak_rss() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _purge(queue: str) -> int:
    from config.celery import app

    with app.connection_for_write() as conn:
        try:
            return conn.default_channel.queue_purge(queue) or 0
        except Exception:
            return 0


def _insert_threads(n: int, projects: int, labelled: bool = False) -> float:
    """N unlabelled (or user-labelled) threads spread over `projects` projects (each with the two default
    categories). Returns the seconds taken; the project ids are in `_insert_threads.project_ids`."""
    from django.db import connection

    from accounts.tests.factories import ProjectFactory
    from threads.services import categories_seed_defaults

    project_ids = [ProjectFactory().pk for _ in range(projects)]
    categories_seed_defaults(project_ids=project_ids)
    questions = [
        "How do I export my data to CSV?",
        "The app crashes when I upload a photo",
        "Where can I change my billing address?",
        "I get an error 500 after login",
        "How to invite a teammate?",
    ]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(
            "COPY threads_thread (project_id, uuid, created_at, first_question, total_questions, last_question_at, "
            "category_source) FROM STDIN"
        ) as copy:
            source = "user" if labelled else None
            for i in range(n):
                created = start + timedelta(seconds=30 * i)
                copy.write_row(
                    (
                        project_ids[i % projects],
                        uuid.uuid4(),
                        created,
                        f"{questions[i % 5]} #{i}",
                        1 + i % 4,
                        created,
                        source,
                    )
                )
        cursor.execute("ANALYZE threads_thread")
    _insert_threads.project_ids = project_ids  # type: ignore[attr-defined]
    return time.perf_counter() - started


class _worker:
    """A real Celery worker (prefork, CELERY_CONCURRENCY processes) consuming only `low`, on the bench DB."""

    def __init__(
        self,
        connection,
        concurrency: int,
        queues: str = "low",
        name: str = "bench",
        env: dict | None = None,
        group: bool = False,
    ) -> None:
        self.connection, self.concurrency, self.queues, self.name = connection, concurrency, queues, name
        self.extra_env = env or {}
        self.group = group
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        return [sys.executable, "-m", "celery", "-A", "config", "worker", "-n", f"{self.name}@%h", "-Q", self.queues,
                "--concurrency", str(self.concurrency), "--loglevel", "WARNING", "--without-heartbeat",
                "--without-gossip", "--without-mingle"]  # fmt: skip

    def kill(self, sig: int) -> None:
        """A crash: `sig` to the worker and its pool processes at once (`group=True` workers only)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def __enter__(self) -> _worker:
        s = self.connection.settings_dict
        env = dict(os.environ)
        host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
        env["DATABASE_URL"] = f"postgres://{s['USER']}:{s.get('PASSWORD') or ''}@{host}:{port}/{s['NAME']}"
        env["PYTHONWARNINGS"] = "ignore"  # celery's warning about running as root in containers
        env["THREADS_CLASSIFIER_DELAY"] = os.environ.get("THREADS_CLASSIFIER_DELAY", "2.0")
        env.update(self.extra_env)
        self.process = subprocess.Popen(
            self.command(), env=env, stdout=subprocess.DEVNULL, start_new_session=self.group
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


class _beat(_worker):
    """`celery -A config beat` as the Procfile starts it (DatabaseScheduler), on the bench database."""

    def command(self) -> list[str]:
        return [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel", "WARNING",
                "--schedule", "/tmp/bench-threads-celerybeat-schedule"]  # fmt: skip

    def __init__(self, connection) -> None:
        super().__init__(connection, 0, name="beat")


def _queue_depth(queue: str) -> int:
    from config.celery import app

    with app.connection_for_write() as conn:
        try:
            return conn.default_channel.queue_declare(queue, passive=True).message_count
        except Exception:
            return -1


def timezone_now():
    from django.utils import timezone

    return timezone.now()


def _chat_at_rate(client, url: str, rate: float, seconds: float) -> int:
    """POST new-thread chats at `rate` per second for `seconds` (paced, in this process)."""
    sent = 0
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        due = int(elapsed * rate) + 1
        while sent < due:
            response = client.post(url, {"question": f"How do I export my invoices? ({sent})"}, "application/json")
            assert response.status_code == 200, response.content
            sent += 1
        time.sleep(max(0.0, (sent / rate) - (time.perf_counter() - started)))
    return sent


def _steady_rate(pool: list, labelled, warm_until: int, warm_seconds: float, seconds: float, strict: bool) -> float:
    """Start `pool` (worker context managers), wait until `labelled.count()` reaches `warm_until` (every
    process has work going; past `warm_seconds` raise if `strict`, else measure anyway), then return the
    labelled rows per second over `seconds`, and stop the workers."""
    with contextlib.ExitStack() as stack:
        for worker in pool:
            stack.enter_context(worker)
        deadline = time.monotonic() + warm_seconds
        while labelled.count() < warm_until:
            if time.monotonic() > deadline:
                if strict:
                    raise RuntimeError(f"the benchmark's workers labelled too little within {warm_seconds:g} s")
                break
            time.sleep(0.5)
        t0, c0 = time.perf_counter(), labelled.count()
        time.sleep(seconds)
        t1, c1 = time.perf_counter(), labelled.count()
    return (c1 - c0) / (t1 - t0)
