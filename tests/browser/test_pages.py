"""The first hour in a browser: each page renders, from the server alone, and is photographed."""

from __future__ import annotations

import subprocess

import pytest

from accounts.tests.factories import UserFactory
from fleet.services import fleet_seed
from tests.browser.conftest import shoot

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_landing_admin_login_and_the_live_revenue_dashboard(live, page):
    UserFactory(email="boss@example.com", password="s3cret-pass!", is_staff=True, is_superuser=True)
    fleet_seed(count=20, seed=7)
    page.goto(f"{live['base']}/")
    assert "Vendomo platform" in page.title()
    assert "Django administration" not in page.content()
    shoot(page, "landing")

    page.goto(f"{live['base']}/admin/login/?next=/admin/")
    page.fill("#id_username", "boss@example.com")
    page.fill("#id_password", "s3cret-pass!")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    assert "Vendomo administration" in page.inner_text("#site-name")
    assert "Trim losses" in page.content()
    shoot(page, "admin")

    live["procs"].append(
        subprocess.Popen([*live["manage"], "consume_revenue", "--name", "browser-pages"], env=live["env"])
    )
    page.goto(f"{live['base']}/dashboard/revenue/")
    page.wait_for_selector("#connection-status.rv-status--live", timeout=30_000)
    live["procs"].append(
        subprocess.Popen([*live["manage"], "simulate_sales", "--rate", "20", "--count", "60"], env=live["env"])
    )
    page.wait_for_function("document.getElementById('sales-count').textContent !== '0'", timeout=60_000)
    assert page.text_content("#total-revenue") != "$0.00"
    shoot(page, "revenue-dashboard")
    assert page.elsewhere == []


def test_the_search_page_answers_a_query(live, page):
    from search.tests.support import make_machine

    make_machine(lat=40.7570, lon=-73.9860, stock={"Cola": 3}, name="Times Tower #1 — New York")
    page.goto(f"{live['base']}/search/")
    page.fill("#q", "coke near West 42nd Street in New York City")
    page.click("#go")
    page.wait_for_selector("#results li", timeout=30_000)
    assert "Times Tower #1" in page.locator("#results li").first.inner_text()
    shoot(page, "search")
    assert page.elsewhere == []


def test_swagger_ui_and_redoc_render_offline(live, page):
    page.goto(f"{live['base']}/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert "Vendomo platform API" in page.inner_text(".swagger-ui .info")
    assert page.locator(".swagger-ui .opblock").count() > 20
    shoot(page, "swagger-ui")

    page.goto(f"{live['base']}/redoc/")
    page.wait_for_selector("text=Vendomo platform API", timeout=30_000)
    page.wait_for_selector("[data-section-id]", timeout=30_000)
    shoot(page, "redoc")
    # Redoc's bundle links its sidebar logo from its CDN; unreachable, the image hides itself.
    assert [url for url in page.elsewhere if url != "https://cdn.redoc.ly/redoc/logo-mini.svg"] == []
