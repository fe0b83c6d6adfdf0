"""Faults and hostile transports against a live uvicorn (`core.liveserver`): outages, body sizes,
slow or short bodies, websocket handshakes on unknown paths and malformed frames."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request

import pytest

from core.liveserver import UvicornServer

DEAD_REDIS = "redis://127.0.0.1:1/0"
DEAD_POSTGRES = "postgres://postgres@127.0.0.1:1/nothing"

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]  # live servers share the test database


def call(url: str, *, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})  # noqa: S310
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.headers, response.read(), time.monotonic() - started
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read(), time.monotonic() - started


def raw_exchange(port: int, data: bytes, *, timeout: float = 10.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


@pytest.fixture
def key(project, api_key_for) -> str:
    return api_key_for(project)


def test_with_redis_down_api_keys_still_authenticate_and_redis_features_answer_503(key):
    with UvicornServer(workers=1, env={"REDIS_URL": DEAD_REDIS}) as server:
        status, _, body, _ = call(f"{server.base_url}/api/vectordb/libraries", headers={"X-API-KEY": key})
        assert status == 200, body
        status, headers, body, _ = call(f"{server.base_url}/api/vectordb/libraries", headers={"X-API-KEY": "nope"})
        assert status == 403, body
        for path in ("/api/search?q=coke%20near%20Times%20Square%20New%20York", "/api/machines/map"):
            status, headers, body, elapsed = call(server.base_url + path)
            assert status == 503, (path, body)
            assert headers.get("Retry-After"), (path, headers, body)
            assert json.loads(body)["unavailable"] == "redis"
            assert elapsed < 3
        status, _, body, _ = call(f"{server.base_url}/api/health")
        assert status == 503 and "redis" in json.loads(body)["down"]


def test_with_postgres_down_every_endpoint_answers_503_within_2_seconds():
    with UvicornServer(workers=1, env={"DATABASE_URL": DEAD_POSTGRES}, ready_path="/api/schema/") as server:
        for method, path, body in [
            ("GET", "/api/machines", None),
            ("GET", "/api/vectordb/libraries", None),
            (
                "POST",
                "/api/clicks/save_click_and_predict_cluster",
                b'{"page_uuid":"a","coordinates":{"x":0.1,"y":0.2}}',
            ),
            ("GET", "/api/stats", None),
        ]:
            headers = {"Content-Type": "application/json", "X-API-KEY": "some-key", "Accept": "application/json"}
            status, response_headers, content, elapsed = call(
                server.base_url + path, method=method, body=body, headers=headers
            )
            assert status == 503, (path, status, content[:300])
            assert response_headers.get("Retry-After"), (path, response_headers, content)
            assert json.loads(content)["code"] == "service_unavailable"
            assert elapsed < 2.0, (path, elapsed)


def test_body_limits_and_slow_bodies():
    env = {"REQUEST_BODY_TIMEOUT_SECONDS": "1.5", "REQUEST_BODY_MAX_BYTES": str(2 * 1024 * 1024)}
    with UvicornServer(workers=1, env=env) as server:
        # Content-Length past the limit: 413 at once, before the body is read (a 100 MB body is never sent).
        for path, length in [
            ("/api/clicks/save_click_and_predict_cluster", 200_000),
            ("/api/vectordb/libraries", 100 << 20),
        ]:
            reply = raw_exchange(
                server.port,
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                f"Content-Length: {length}\r\n\r\n".encode()
                + b'{"a": "',
            )
            assert reply.startswith(b"HTTP/1.1 413"), (path, reply[:200])
            assert b"request_too_large" in reply
        # Under the limit: parsed as usual (a small click is saved).
        status, _, body, _ = call(
            f"{server.base_url}/api/clicks/save_click_and_predict_cluster",
            method="POST",
            body=b'{"page_uuid": "a/1", "coordinates": {"x": 0.5, "y": 0.5}}',
            headers={"Content-Type": "application/json"},
        )
        assert status == 200, body
        # Chunked, past the limit, no Content-Length.
        chunk = b"x" * 40_000
        chunked = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(2))  # 80 KB and counting
        reply = raw_exchange(
            server.port,
            b"POST /api/clicks/new_click HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n" + chunked,
        )
        assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
        # A body shorter than its Content-Length: refused after the timeout, the connection closed.
        started = time.monotonic()
        reply = raw_exchange(
            server.port,
            b"POST /api/clicks/new_click HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b'Content-Length: 100\r\n\r\n{"page_uuid":',
        )
        assert reply.startswith(b"HTTP/1.1 408"), reply[:200]
        assert time.monotonic() - started < 5
        # A non-numeric Content-Length is refused (by the server or by us), never a 5xx.
        reply = raw_exchange(
            server.port, b"POST /api/clicks/new_click HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n"
        )
        assert reply.startswith(b"HTTP/1.1 4"), reply[:200]


def _handshake(path: str) -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    ).encode()


def test_websocket_handshakes_on_unknown_paths_are_refused_and_garbage_frames_do_not_crash():
    with UvicornServer(workers=1) as server:
        for path in ("/ws/nothing-here/", "/ws/%00/", "/"):
            reply = raw_exchange(server.port, _handshake(path), timeout=3)
            assert reply.startswith(b"HTTP/1.1 403"), (path, reply[:200])
        # A known route, then an unmasked, oversized, garbage frame: the connection ends, the server lives.
        reply = raw_exchange(server.port, _handshake("/ws/revenue/") + b"\x81\x7f" + b"\xff" * 20, timeout=3)
        assert not reply.startswith(b"HTTP/1.1 5"), reply[:200]
        status, _, _, _ = call(f"{server.base_url}/api/health")
        assert status in (200, 503)
        status, _, _, _ = call(f"{server.base_url}/api/machines")
        assert status == 200
