"""Helpers for the revenue tests: a stream of real sales, and consumer processes on the test database."""

from __future__ import annotations

import contextlib
import os
import random
import socket
import subprocess
import sys
import threading
import time
import uuid
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from core.liveserver import database_url
from fleet.catalog import PRODUCT_PRICES
from fleet.salestream import sale_entry

ROOT = Path(__file__).resolve().parents[2]


def produce(client, stream: str, machines: list[tuple[uuid.UUID, str]], n: int, *, seed: int = 1) -> Decimal:
    """Append `n` sales at `machines`; returns the sum of their amounts."""
    rng = random.Random(seed)
    names = list(PRODUCT_PRICES)
    total = Decimal("0")
    pipe = client.pipeline(transaction=False)
    now = int(time.time() * 1000)
    for i in range(n):
        machine_id, region = machines[rng.randrange(len(machines))]
        item = names[rng.randrange(len(names))]
        amount = PRODUCT_PRICES[item]
        total += amount
        pipe.xadd(stream, sale_entry(machine_id=machine_id, region=region, item=item, amount=amount, ts_ms=now + i))
        if i % 1000 == 999:
            pipe.execute()
    pipe.execute()
    return total


def consumer(stream: str, *args: str, database: str | None = None) -> subprocess.Popen:
    """`manage.py consume_revenue` in its own process, on the test database and the test Redis."""
    env = {
        **os.environ,
        "DATABASE_URL": database or database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "consume_revenue", "--stream", stream, "--no-push", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_until(predicate, timeout: float = 60.0, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


class TcpProxy:
    """A TCP relay to a service, which the test can cut (every connection dropped, the port closed)
    and restore: an outage of that service as its clients see it."""

    def __init__(self, target: tuple[str, int], port: int) -> None:
        self.target, self.port = target, port
        self._server: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(64)
        self._server = server
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        if self._server:
            self._server.close()
            self._server = None
        with self._lock:
            conns, self._conns = self._conns, []
        for s in conns:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass
