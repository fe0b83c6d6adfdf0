"""The live dashboard in headless Chromium: the numbers change as sales arrive, without a reload.

Runs the real processes on the test database: uvicorn (HTTP + websockets), `consume_revenue` and
`simulate_sales`. Postgres only (the processes must share the database)."""

import os
import subprocess
import sys

import pytest

from accounts.tests.factories import UserFactory
from core.liveserver import UvicornServer
from fleet.services import fleet_seed
from revenue.tests.support import ROOT, database_url

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture
def platform(redis_client):
    from django.conf import settings

    fleet_seed(count=30, seed=11)
    env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": settings.REDIS_URL, "LOG_LEVEL": "WARNING"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    with UvicornServer(workers=1, env={"LOG_LEVEL": "WARNING"}) as server:
        procs = [subprocess.Popen([*manage, "consume_revenue", "--name", "browser-test"], cwd=ROOT, env=env)]
        try:
            yield {"base": server.base_url, "env": env, "manage": manage, "procs": procs}
        finally:
            for proc in reversed(procs):
                proc.terminate()
            for proc in procs:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()


def test_the_dashboard_numbers_change_as_sales_arrive(platform):
    from playwright.sync_api import sync_playwright

    UserFactory(email="boss@example.com", password="s3cret-pass!", is_staff=True)
    requested: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{platform['base']}/admin/login/?next=/dashboard/revenue/")
        page.fill("#id_username", "boss@example.com")
        page.fill("#id_password", "s3cret-pass!")
        page.click("input[type=submit]")
        page.wait_for_selector("#connection-status.rv-status--live", timeout=30_000)
        assert page.text_content("#sales-count") == "0"
        assert page.text_content("#total-revenue") == "$0.00"

        simulator = subprocess.Popen(
            [*platform["manage"], "simulate_sales", "--rate", "20", "--count", "60"], cwd=ROOT, env=platform["env"]
        )
        platform["procs"].append(simulator)
        page.wait_for_function("document.getElementById('sales-count').textContent !== '0'", timeout=60_000)
        first = int(page.text_content("#sales-count").replace(",", ""))
        page.wait_for_function(
            f"parseInt(document.getElementById('sales-count').textContent.replace(/,/g, '')) > {first}",
            timeout=60_000,
        )
        assert page.text_content("#total-revenue") != "$0.00"
        assert page.locator("#top-machines tbody tr").count() > 0
        assert int(page.get_attribute("body", "data-revenue-updates")) >= 2  # live, no reload
        browser.close()
    local = (platform["base"], platform["base"].replace("http", "ws"))
    assert requested and all(url.startswith(local) for url in requested), [
        u for u in requested if not u.startswith(local)
    ]
