"""The search page in headless Chromium: type the example query, read the first result."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest

from search.tests.support import make_machine

if TYPE_CHECKING:
    from playwright.sync_api import Page

EXAMPLE = "what's the closest vending machine that has coke near West 42nd Street in New York City"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium_page(**context: object) -> Iterator["Page"]:
    """A page of Debian's headless Chromium (Playwright cannot download browsers here), closed afterwards."""
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the live server thread is sync; playwright runs a loop here
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            try:
                yield browser.new_context(**context).new_page()
            finally:
                browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.mark.browser
def test_a_person_types_the_example_query_and_sees_the_nearest_machine(live_server, transactional_db, redis_client):
    make_machine(
        lat=40.7570, lon=-73.9860, stock={"Cola": 3}, name="Times Tower #1 — New York", location_description="Lobby"
    )
    make_machine(lat=40.7300, lon=-73.9950, stock={"Cola": 9}, name="Union Hall #2 — New York")
    make_machine(lat=40.7566, lon=-73.9870, stock={"Cola": 0}, name="Sold Out #3 — New York")

    with chromium_page() as page:
        requests_elsewhere = []
        page.on(
            "request",
            lambda r: requests_elsewhere.append(r.url) if not r.url.startswith(live_server.url) else None,
        )
        page.goto(f"{live_server.url}/search/")
        page.fill("#q", EXAMPLE)
        page.click("#go")
        page.wait_for_selector("#results li")
        first = page.locator("#results li").first
        assert "Times Tower #1" in first.inner_text()
        assert "3 × Cola in stock" in first.inner_text()
        assert "km" in first.inner_text() and "mi" in first.inner_text()
        chips = page.locator("#chips").inner_text()
        assert "Cola · near West 42nd St, New York" in chips
        assert page.locator("#plot circle.dot").count() == 2
        assert page.locator("#results li").count() == 2
        assert requests_elsewhere == []  # no tiles, no CDN


@pytest.mark.browser
def test_use_my_location_searches_around_the_browsers_position(live_server, transactional_db, redis_client):
    make_machine(
        lat=41.8830, lon=-87.6240, stock={"Gum": 2}, name="Loop Lobby #1 — Chicago", city="Chicago", region="IL"
    )
    make_machine(
        lat=41.9000, lon=-87.6300, stock={"Gum": 5}, name="Gold Coast #2 — Chicago", city="Chicago", region="IL"
    )

    with chromium_page(geolocation={"latitude": 41.8827, "longitude": -87.6233}, permissions=["geolocation"]) as page:
        page.goto(f"{live_server.url}/search/")
        page.fill("#q", "gum")
        page.click("#locate")
        page.wait_for_selector("#results li")
        assert "Loop Lobby #1" in page.locator("#results li").first.inner_text()
        assert "Gum · near your location" in page.locator("#chips").inner_text()


@pytest.mark.browser
def test_keyboard_reaches_results_and_markers_and_they_highlight_each_other(
    live_server, transactional_db, redis_client
):
    make_machine(lat=40.7570, lon=-73.9860, stock={"Cola": 3}, name="Times Tower #1 — New York")
    make_machine(lat=40.7300, lon=-73.9950, stock={"Cola": 9}, name="Union Hall #2 — New York")

    with chromium_page() as page:
        page.goto(f"{live_server.url}/search/")
        page.fill("#q", "coke near times square")
        page.keyboard.press("Enter")
        page.wait_for_selector("#results li")
        assert "landmark · sure" in page.locator("#chips").inner_text()
        page.focus("#result-0")
        assert page.locator("#marker-0").get_attribute("class") == "dot active"
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.id") == "result-1"
        assert page.locator("#marker-1").get_attribute("class") == "dot active"
        page.keyboard.press("Enter")  # to its marker on the map
        assert page.evaluate("document.activeElement.id") == "marker-1"
        page.keyboard.press("ArrowUp")
        assert page.evaluate("document.activeElement.id") == "marker-0"
        assert "active" in page.locator("#result-0").get_attribute("class")
        page.keyboard.press("Enter")  # back to the list
        assert page.evaluate("document.activeElement.id") == "result-0"

        page.fill("#q", "diet coke near hogwarts castle")
        page.keyboard.press("Enter")
        page.wait_for_selector("#status.error")
        assert "understood product: Diet Cola" in page.locator("#chips").inner_text()
        assert "/api/" not in page.locator("#status").inner_text()


@pytest.mark.browser
def test_a_person_asking_for_any_machine_or_a_soda_is_told_what_was_understood(
    live_server, transactional_db, redis_client
):
    make_machine(lat=40.7580, lon=-73.9855, stock={"Green Tea": 2}, name="Tea Only #1 — New York")
    make_machine(lat=40.7570, lon=-73.9860, stock={"Cola": 3, "Root Beer": 1}, name="Times Tower #2 — New York")

    with chromium_page() as page:
        page.goto(f"{live_server.url}/search/")
        page.fill("#q", "vending machines near times square")
        page.click("#go")
        page.wait_for_selector("#results li")
        chips = page.locator("#chips").inner_text()
        assert "anything in stock · near Times Square" in chips
        assert "no product named" in chips
        assert page.locator("#results li").count() == 2
        assert "Tea Only #1" in page.locator("#results li").first.inner_text()

        page.fill("#q", "pop near times square")
        page.click("#go")
        page.wait_for_function("document.querySelector('#chips').innerText.includes('Cola · near')")
        assert page.locator("#results li").count() == 1  # only the machine with Cola
        page.get_by_role("button", name="Root Beer").click()  # the other sodas are one click away
        page.wait_for_function("document.querySelector('#chips').innerText.includes('Root Beer · near')")
        assert "Times Tower #2" in page.locator("#results li").first.inner_text()
