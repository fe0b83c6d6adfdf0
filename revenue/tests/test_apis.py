import pytest

from fleet.tests.factories import MachineFactory
from revenue.services import revenue_batch_apply, trim_loss_record

pytestmark = pytest.mark.django_db
STREAM = "vendomo:revenue:events"
URLS = ["summary", "machines", "regions", "products", "timeseries"]


def sell(machine, n, amount="2.25", start=0, item="Cola"):
    entries = [
        (
            f"{start + i + 1}-0",
            {
                "machine_id": str(machine.id),
                "region": machine.region,
                "item": item,
                "amount": amount,
                "ts": "1790000000000",
            },
        )
        for i in range(n)
    ]
    revenue_batch_apply(stream=STREAM, entries=entries, known_machines=lambda ids: ids)


@pytest.mark.parametrize("name", URLS)
def test_revenue_needs_staff_or_an_api_key(api_client, name):
    assert api_client.get(f"/api/revenue/{name}").status_code == 401


def test_the_summary_reports_totals_losses_and_the_stream(key_client, redis_client):
    sell(MachineFactory(), 4)
    trim_loss_record(after_id="1-0", before_id="9-0", lost=12)
    body = key_client.get("/api/revenue/summary").json()
    assert body["total"] == "9.00" and body["count"] == 4
    assert body["entries_lost"] == 12 and body["trim_gaps"] == 1
    assert body["redis_available"] is True
    assert body["last_event_at"].startswith("2026-09-21")
    assert {"events_per_second", "lag", "pending", "dead_letters", "lost_counts_exact"} <= set(body)


def test_top_machines_come_with_their_name_city_and_region(staff_client):
    big, small = MachineFactory(city="Austin", region="TX"), MachineFactory()
    sell(big, 3)
    sell(small, 1, start=10)
    rows = staff_client.get("/api/revenue/machines", {"top": 1}).json()
    assert rows == [
        {
            "machine_id": str(big.id), "name": big.name, "city": "Austin", "region": "TX", "total": "6.75",
            "count": 3, "last_sale_at": "2026-09-21T14:13:20Z",
        }
    ]  # fmt: skip
    assert staff_client.get("/api/revenue/machines", {"top": 0}).status_code == 422
    assert staff_client.get("/api/revenue/machines", {"top": "many"}).status_code == 422


def test_regions_products_and_timeseries(key_client):
    sell(MachineFactory(region="TX"), 2, amount="1.00", item="Gum")
    assert key_client.get("/api/revenue/regions").json() == [{"region": "TX", "total": "2.00", "count": 2}]
    assert key_client.get("/api/revenue/products").json() == [{"product": "Gum", "total": "2.00", "count": 2}]
    points = key_client.get("/api/revenue/timeseries", {"minutes": 5}).json()
    assert len(points) == 5 and all(p["total"] == "0.00" for p in points)  # the sales are from September
    assert key_client.get("/api/revenue/timeseries", {"minutes": 99999}).status_code == 422


def test_the_dashboard_is_for_staff(client, staff_user):
    response = client.get("/dashboard/revenue/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(staff_user)
    page = client.get("/dashboard/revenue/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="total-revenue"' in html and "revenue/dashboard.js" in html and "cdn" not in html.lower()


def test_the_landing_page_links_the_dashboard(client):
    assert "/dashboard/revenue/" in client.get("/").content.decode()
