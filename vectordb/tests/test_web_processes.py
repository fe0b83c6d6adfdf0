"""Two real web processes (uvicorn) on one Postgres database: a write acknowledged by one is in the
very next answer of the other, and a delete too, while both take concurrent traffic."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import numpy as np
import pytest

from vectordb.tests.factories import DocumentFactory, LibraryFactory
from vectordb.tests.test_concurrency import ROOT, _database_url

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _call(port: int, key: str, method: str, path: str, body=None) -> tuple[int, object]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method=method,
        data=data,
        headers={"X-API-KEY": key, "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback only)
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


@pytest.fixture
def two_servers():
    env = {**os.environ, "DATABASE_URL": _database_url(), "OPENBLAS_NUM_THREADS": "1"}
    ports = [_free_port(), _free_port()]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1", "--port", str(p)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for p in ports
    ]
    try:
        for port in ports:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    time.sleep(0.2)
        yield ports
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_each_web_process_answers_with_writes_acknowledged_by_the_other(two_servers, api_key_for):
    a, b = two_servers
    library = LibraryFactory(dimension=16, index_type="hnsw")
    document = DocumentFactory(library=library)
    key = api_key_for(library.project)
    base = f"/api/vectordb/libraries/{library.uuid}"
    rng = np.random.default_rng(0)
    errors: list[str] = []
    stop = threading.Event()

    def background_reader(port: int) -> None:  # concurrent load on both processes
        while not stop.is_set():
            status, body = _call(port, key, "POST", f"{base}/query", {"embedding": [1.0] * 16, "k": 50})
            if status != 200:
                errors.append(f"background query {status}: {body}")

    readers = [threading.Thread(target=background_reader, args=(p,)) for p in (a, b)]
    for t in readers:
        t.start()
    try:
        for r in range(16):
            writer, reader = (a, b) if r % 2 == 0 else (b, a)
            vectors = rng.standard_normal((10, 16))
            chunks = [
                {"document_id": str(document.uuid), "text": f"{r}-{i}", "embedding": v.tolist()}
                for i, v in enumerate(vectors)
            ]
            status, out = _call(writer, key, "POST", f"{base}/chunks", {"chunks": chunks})
            assert status == 200, out
            status, hits = _call(reader, key, "POST", f"{base}/query", {"embedding": vectors[3].tolist(), "k": 1})
            assert status == 200 and hits["hits"][0]["chunk_id"] == out["ids"][3], (r, hits)
            assert _call(writer, key, "DELETE", f"{base}/chunks/{out['ids'][3]}")[0] == 204
            status, hits = _call(reader, key, "POST", f"{base}/query", {"embedding": vectors[3].tolist(), "k": 1})
            assert status == 200 and hits["hits"][0]["chunk_id"] != out["ids"][3], (r, hits)
    finally:
        stop.set()
        for t in readers:
            t.join(timeout=60)
    assert not errors, errors[:3]
