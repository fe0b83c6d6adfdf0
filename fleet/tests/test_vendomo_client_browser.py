"""The Vendomo web client's write path in headless Chromium, against a real uvicorn server.

The page is a minimal re-implementation of the client's fetch layer (relative `/api` paths,
`Content-Type: application/json` on every call, no credentials option, no API key, no CSRF token,
"STATUS TEXT: BODY" on any non-2xx), served from the platform's own origin as the documented dev proxy
makes it appear. It renders what the client's screens read (header counts with `toLocaleString`, the
map array, the service feed with `.map`) and performs the client's three writes: refused before a
staff login, accepted after it.
"""

from __future__ import annotations

import pytest

from accounts.tests.factories import UserFactory
from core.liveserver import UvicornServer
from fleet.services import fleet_seed

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip

CLIENT_PAGE = """<!doctype html><meta charset="utf-8"><title>Vendomo client (fetch layer)</title>
<header><span id="total"></span> machines · <span id="needs"></span> need service</header>
<pre id="log"></pre>
<script>
const API_BASE = "/api";
async function request(path, options = {}) {
  const res = await fetch(`${API_BASE}${path}`, {
    headers: { "Content-Type": "application/json" },
    ...options,
  });
  if (!res.ok) {
    const text = await res.text();
    throw new Error(`${res.status} ${res.statusText}: ${text}`);
  }
  return res.json();
}
const api = {
  stats: () => request("/stats"),
  map: () => request("/machines/map"),
  machine: (id) => request(`/machines/${id}`),
  serviceLogs: (limit = 30) => request(`/service/logs?limit=${limit}`),
  createMachine: (body) => request("/machines", { method: "POST", body: JSON.stringify(body) }),
  bulk: (rows) => request("/machines/bulk", { method: "POST", body: JSON.stringify(rows) }),
  logService: (body) => request("/service/logs", { method: "POST", body: JSON.stringify(body) }),
};
async function attempt(fn) {
  try { return { ok: true, value: await fn() }; } catch (e) { return { ok: false, error: String(e.message) }; }
}
window.runReads = async () => {
  const stats = await api.stats();
  document.getElementById("total").textContent = stats.total_machines.toLocaleString();
  document.getElementById("needs").textContent = stats.needs_service.toLocaleString();
  const markers = await api.map();
  const bad = markers.filter((m) => typeof m.lat !== "number" || typeof m.lng !== "number");
  const feed = (await api.serviceLogs()).map((l) => `${l.type.replace(/_/g, " ")} by ${l.technician}`);
  return { markers: markers.length, bad: bad.length, feed: feed.length, regions: Object.keys(stats.by_region) };
};
window.runWrites = async () => {
  const created = await attempt(() => api.createMachine({
    name: "Browser Test #1 — Austin", model: "VendoMax 3000", manufacturer: "Vendomo", status: "operational",
    latitude: 30.2672, longitude: -97.7431, address: "", location_description: "", city: "Austin",
    region: "TX", capacity: 40,
  }));
  const bulk = await attempt(() => api.bulk([
    { name: "Browser Bulk A — Denver", city: "Denver", region: "CO", latitude: 39.8561, longitude: -104.6737 },
    { name: "Browser Bulk B — Boston", city: "Boston", region: "MA", latitude: 42.3601, longitude: -71.0589 },
  ]));
  let visit = { ok: false, error: "no machine" }, detail = null;
  if (created.ok) {
    visit = await attempt(() => api.logService({
      machine_id: created.value.id, type: "inspection", technician: "Browser Tech", notes: "",
    }));
    detail = await api.machine(created.value.id);
  }
  return { created, bulk, visit, detail };
};
</script>"""


@pytest.fixture
def platform():
    fleet_seed(count=40, seed=5)
    with UvicornServer(workers=1, env={"LOG_LEVEL": "WARNING"}) as server:
        yield server.base_url


def test_the_clients_three_writes_work_with_a_staff_session_and_not_without(platform):
    from playwright.sync_api import sync_playwright

    UserFactory(email="ops@example.com", password="s3cret-pass!", is_staff=True)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.route(
            f"{platform}/vendomo-client/", lambda route: route.fulfill(body=CLIENT_PAGE, content_type="text/html")
        )

        page.goto(f"{platform}/vendomo-client/")
        reads = page.evaluate("runReads()")
        assert reads["markers"] == 40 and reads["bad"] == 0 and reads["feed"] == 30
        assert page.text_content("#total") == "40" and reads["regions"]
        anonymous = page.evaluate("runWrites()")
        assert not anonymous["created"]["ok"] and anonymous["created"]["error"].startswith("401 ")
        assert not anonymous["bulk"]["ok"] and anonymous["bulk"]["error"].startswith("401 ")

        page.goto(f"{platform}/admin/login/?next=/admin/")
        page.fill("#id_username", "ops@example.com")
        page.fill("#id_password", "s3cret-pass!")
        page.click("input[type=submit]")
        page.wait_for_url(f"{platform}/admin/")

        page.goto(f"{platform}/vendomo-client/")
        result = page.evaluate("runWrites()")
        assert result["created"]["ok"], result["created"]
        assert result["created"]["value"]["asset_tag"].startswith("VM-")
        assert result["bulk"] == {"ok": True, "value": {"created": 2}}
        assert result["visit"]["ok"], result["visit"]
        assert result["visit"]["value"]["type"] == "inspection"
        detail = result["detail"]
        assert detail["recent_service_logs"][0]["technician"] == "Browser Tech"
        assert detail["last_serviced_at"] == detail["recent_service_logs"][0]["created_at"]
        assert page.evaluate("runReads()")["markers"] == 43
        assert page.text_content("#total") == "43"
        browser.close()
    assert errors == []
