"""A live platform (uvicorn, the revenue consumer) and a headless Chromium page for the browser tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from config import env
from core.liveserver import UvicornServer, database_url

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", env.VAR_DIR / "screenshots"))


@pytest.fixture
def live(redis_client) -> Iterator[dict]:
    from django.conf import settings

    child_env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": settings.REDIS_URL, "LOG_LEVEL": "ERROR"}
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    with UvicornServer(workers=1, env={"LOG_LEVEL": "ERROR"}) as server:
        procs: list[subprocess.Popen] = []
        try:
            yield {"base": server.base_url, "env": child_env, "manage": manage, "procs": procs}
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()


@pytest.fixture
def page(live, monkeypatch) -> Iterator:
    """A Chromium page that records every request made anywhere but the live server."""
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # test-side ORM calls while playwright's loop runs

    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.elsewhere = []  # type: ignore[attr-defined]
        local = (live["base"], live["base"].replace("http", "ws"), "data:", "blob:")
        page.on("request", lambda r: None if r.url.startswith(local) else page.elsewhere.append(r.url))
        try:
            yield page
        finally:
            browser.close()


def shoot(page, name: str) -> Path:
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 1000
    return path
