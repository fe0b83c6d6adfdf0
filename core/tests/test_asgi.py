"""The ASGI handler (config.asgi.SyncChainASGIHandler) under a real uvicorn: one thread hop a
request for the signal, the chain and the close; streaming responses still streamed whole."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from core.liveserver import POOL_SIZE_PER_WORKER, UvicornServer

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_plain_streaming_and_error_responses_and_connections_go_back_to_the_pool(project, api_key_for):
    key = api_key_for(project)
    favicon = (Path(settings.BASE_DIR) / "core" / "static" / "core" / "favicon.svg").read_bytes()
    with UvicornServer(workers=1, ready_path="/api/health") as server:
        status, _headers, body = _get(f"{server.base_url}/static/core/favicon.svg")  # a FileResponse: streamed
        assert status == 200 and body == favicon
        status, _headers, body = _get(f"{server.base_url}/api/projects/{project.uuid}", {"X-API-KEY": key})
        assert status == 200 and b'"id"' in body
        assert (
            _get(f"{server.base_url}/api/vectordb/libraries/00000000-0000-4000-8000-000000000000", {"X-API-KEY": key})[
                0
            ]
            == 404
        )
        assert _get(f"{server.base_url}/api/projects/{project.uuid}", {"X-API-KEY": "vdm_wrong"})[0] == 403
        for _ in range(40):
            assert _get(f"{server.base_url}/api/vectordb/libraries", {"X-API-KEY": key})[0] == 200
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            others = cursor.fetchone()[0]
    assert others <= POOL_SIZE_PER_WORKER  # every connection went back to the pool
