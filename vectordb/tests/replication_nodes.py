"""Real `manage.py vectordb_node` processes for the replication tests: start, signal, ask."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.conf import settings

from vectordb.tests.test_concurrency import ROOT, _database_url

PORTS = range(8410, 8450)  # this app's port range on the shared machine


def free_port(taken: set[int]) -> int:
    for port in PORTS:
        if port in taken:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port in 8410-8449")


def call(port: int, method: str, path: str, body=None, key: str = "", timeout: float = 30) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"X-API-KEY": key, "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (loopback only)
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


class Cluster:
    def __init__(self, name: str, *, ttl_ms: int = 1500, poll_interval: float = 0.5) -> None:
        self.name = name
        self.ttl_ms = ttl_ms
        self.poll_interval = poll_interval
        self.procs: dict[str, subprocess.Popen] = {}
        self.ports: dict[str, int] = {}

    def start(self, node_id: str, *, wait: bool = True) -> int:
        port = self.ports.get(node_id) or free_port(set(self.ports.values()))
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "OPENBLAS_NUM_THREADS": "1",
        }
        args = [sys.executable, "manage.py", "vectordb_node", "--node-id", node_id, "--port", str(port)]
        args += ["--cluster", self.name, "--lease-ttl-ms", str(self.ttl_ms), "--poll-interval", str(self.poll_interval)]
        self.procs[node_id] = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.ports[node_id] = port
        if wait:
            self.wait_healthy(node_id)
        return port

    def wait_healthy(self, node_id: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.procs[node_id].poll() is not None:
                raise RuntimeError(f"node {node_id} exited with {self.procs[node_id].returncode}")
            try:
                status, body = call(self.ports[node_id], "GET", "/health", timeout=2)
                if status == 200:
                    return body
            except OSError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"node {node_id} did not come up")

    def health(self, node_id: str) -> dict:
        return call(self.ports[node_id], "GET", "/health", timeout=5)[1]

    def wait_for(self, predicate, timeout: float = 20, what: str = "condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = predicate()
            if got:
                return got
            time.sleep(0.05)
        raise TimeoutError(f"timed out waiting for {what}")

    def leader(self, among: list[str]) -> str | None:
        for node_id in among:
            try:
                if self.health(node_id)["role"] == "leader":
                    return node_id
            except OSError:
                continue
        return None

    def signal(self, node_id: str, sig: int) -> None:
        os.kill(self.procs[node_id].pid, sig)
        if sig == signal.SIGKILL:
            self.procs[node_id].wait(timeout=10)

    def query(self, node_id: str, library_id: str, key: str, body: dict, timeout: float = 30) -> tuple[int, dict]:
        return call(self.ports[node_id], "POST", f"/libraries/{library_id}/query", body, key=key, timeout=timeout)

    def stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                with contextlib.suppress(OSError):
                    os.kill(proc.pid, signal.SIGCONT)
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
