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


def test_websocket_handshakes_on_unknown_paths_are_refused():
    with UvicornServer(workers=1) as server:
        for path in ("/ws/nothing-here/", "/ws/%00/", "/"):
            reply = raw_exchange(server.port, _handshake(path), timeout=3)
            assert reply.startswith(b"HTTP/1.1 403"), (path, reply[:200])
        # A known route without an allowed Origin is refused too (malformed frames on an accepted
        # connection: test_malformed_websocket_frames_...).
        reply = raw_exchange(server.port, _handshake("/ws/revenue/") + b"\x81\x7f" + b"\xff" * 20, timeout=3)
        assert reply.startswith(b"HTTP/1.1 403"), reply[:200]
        status, _, _, _ = call(f"{server.base_url}/api/health")
        assert status in (200, 503)
        status, _, _, _ = call(f"{server.base_url}/api/machines")
        assert status == 200


def test_a_100_mb_body_to_a_public_endpoint_is_refused_on_the_default_limits():
    """Declared (Content-Length) or streamed (chunked), 100 MB to the public clicks API: a 413 as
    soon as the public limit (64 KiB) is passed; the server stops reading and stays up."""
    hundred_mb = 100 * 1024 * 1024
    with UvicornServer(workers=1) as server:
        head = (
            "POST /api/clicks/save_click_and_predict_cluster HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/json\r\n"
        )
        for framing in (f"Content-Length: {hundred_mb}\r\n\r\n", "Transfer-Encoding: chunked\r\n\r\n"):
            started = time.monotonic()
            with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
                sock.sendall((head + framing).encode())
                block = b"x" * (1 << 20)
                sent = 0
                try:
                    while sent < hundred_mb:
                        sock.sendall(b"%x\r\n%s\r\n" % (len(block), block) if "chunked" in framing else block)
                        sent += len(block)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the server answered and closed: it did not take the 100 MB
                reply = b""
                try:
                    while chunk := sock.recv(65536):
                        reply += chunk
                except (ConnectionResetError, TimeoutError):
                    pass
            assert reply.startswith(b"HTTP/1.1 413"), (framing, reply[:200])
            assert sent < hundred_mb or time.monotonic() - started < 10
        status, _, _, _ = call(f"{server.base_url}/api/clicks/")
        assert status == 200


def _ws_frame(opcode: int, payload: bytes, *, fin: bool = True, masked: bool = True) -> bytes:
    first = (0x80 if fin else 0) | opcode
    mask = b"\x01\x02\x03\x04"
    length = len(payload)
    header = bytes([first, (0x80 if masked else 0) | length]) if length < 126 else None
    if header is None:
        header = bytes([first, (0x80 if masked else 0) | 126]) + length.to_bytes(2, "big")
    body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload)) if masked else payload
    return header + (mask if masked else b"") + body


MALFORMED_FRAMES = {
    "bad-utf8": _ws_frame(0x1, b"\xff\xfe not utf-8"),  # a text frame that is not UTF-8
    "reserved-opcode": _ws_frame(0x3, b"reserved opcode"),
    "long-ping": _ws_frame(0x9, b"p" * 200),  # a control frame past 125 bytes
    "short-close": _ws_frame(0x8, b"\x03"),  # a close frame with a 1-byte code
    "bad-fragments": _ws_frame(0x1, b"frag", fin=False) + _ws_frame(0x1, b"ment"),  # a new message mid-message
    "deep-json": _ws_frame(0x1, b'{"a": ' * 5000 + b"}"),  # a deeply nested JSON text
    "rsv-bits": b"\xf1\x85" + b"\x00" * 9,  # reserved bits set
    "unmasked": _ws_frame(0x1, b"{}", masked=False),  # a client frame without a mask
    "oversized-length": b"\x81\xff" + b"\xff" * 8 + b"\x00" * 4,  # a 2**64-1 byte frame announced
}


def test_malformed_websocket_frames_on_an_accepted_connection_end_that_connection_only(django_user_model):
    from django.test import Client

    staff = django_user_model.objects.create_user(email="ops@example.com", password="x" * 12, is_staff=True)
    client = Client()
    client.force_login(staff)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    with UvicornServer(workers=1) as server:
        pids = server.worker_pids()
        origin = f"Origin: {server.base_url}\r\nCookie: {cookie}\r\n"
        for name, frames in MALFORMED_FRAMES.items():
            handshake = _handshake("/ws/revenue/").replace(b"\r\n\r\n", b"\r\n" + origin.encode() + b"\r\n")
            reply = raw_exchange(server.port, handshake + frames, timeout=3)
            assert reply.startswith(b"HTTP/1.1 101"), (name, reply[:200])  # accepted: the frames were parsed
            status, _, _, _ = call(f"{server.base_url}/api/clicks/")
            assert status == 200, name
            assert server.worker_pids() == pids, name  # the worker did not die
