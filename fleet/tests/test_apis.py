import uuid

import pytest

from fleet.models import InventoryItem, Machine
from fleet.tests.factories import InventoryItemFactory, MachineFactory, ServiceLogFactory

pytestmark = pytest.mark.django_db

NEW_MACHINE = {
    "name": "Gym #1 — Boston",
    "latitude": 42.35,
    "longitude": -71.06,
    "city": "Boston",
    "region": "ma",
    "inventory": [{"product": "Cola", "quantity": 4}, {"product": "Gum", "quantity": 0}],
}


def test_the_machine_list_is_paginated_and_filtered(api_client):
    MachineFactory.create_batch(3, city="Denver", region="CO", status="offline")
    MachineFactory(city="Boston", region="MA")
    body = api_client.get("/api/machines", {"limit": 2, "region": "co"}).json()
    assert body["total"] == 3 and body["limit"] == 2 and body["offset"] == 0 and len(body["items"]) == 2
    assert api_client.get("/api/machines", {"q": "bost"}).json()["total"] == 1
    assert api_client.get("/api/machines", {"status": "offline"}).json()["total"] == 3


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"status": "broken"}, {"q": "a\x00"}])
def test_it_rejects_bad_list_parameters_with_a_400(api_client, params):
    response = api_client.get("/api/machines", params)
    assert response.status_code == 422
    assert response.json()["code"]


def test_a_machine_shows_its_products_and_recent_service_logs(api_client):
    item = InventoryItemFactory(quantity=3)
    ServiceLogFactory(machine=item.machine, type="repair")
    body = api_client.get(f"/api/machines/{item.machine_id}").json()
    assert body["products"] == [{"product": "Cola", "quantity": 3}]
    assert body["service_logs"][0]["type"] == "repair"
    assert api_client.get(f"/api/machines/{uuid.uuid4()}").status_code == 404
    assert api_client.get("/api/machines/not-a-uuid").status_code == 404


def test_writes_need_staff_or_an_api_key(api_client, key_client, staff_client):
    assert api_client.post("/api/machines", NEW_MACHINE, format="json").status_code == 401
    response = key_client.post("/api/machines", NEW_MACHINE, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["region"] == "MA" and body["last_serviced_at"] is None
    assert {p["product"] for p in body["products"]} == {"Cola", "Gum"}
    assert staff_client.post("/api/machines", {**NEW_MACHINE, "inventory": []}, format="json").status_code == 201


def test_it_rejects_unknown_products_and_bad_coordinates(key_client):
    bad = {**NEW_MACHINE, "latitude": 123, "inventory": [{"product": "Caviar", "quantity": 1}]}
    response = key_client.post("/api/machines", bad, format="json")
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"latitude", "inventory"}


def test_a_bulk_insert_is_validated_and_all_or_nothing(key_client):
    MachineFactory(asset_tag="VM-TAKEN")
    rows = [{**NEW_MACHINE, "asset_tag": f"VM-B{i:04d}"} for i in range(300)]
    response = key_client.post("/api/machines/bulk", {"machines": rows}, format="json")
    assert response.status_code == 201 and response.json()["created"] == 300
    assert InventoryItem.objects.filter(machine__asset_tag__startswith="VM-B").count() == 600
    clash = [{**NEW_MACHINE, "asset_tag": "VM-NEW1"}, {**NEW_MACHINE, "asset_tag": "VM-TAKEN"}]
    assert key_client.post("/api/machines/bulk", {"machines": clash}, format="json").status_code == 422
    broken = [{**NEW_MACHINE, "asset_tag": "VM-NEW2"}, {**NEW_MACHINE, "latitude": "north"}]
    assert key_client.post("/api/machines/bulk", {"machines": broken}, format="json").status_code == 422
    assert not Machine.objects.filter(asset_tag__in=["VM-NEW1", "VM-NEW2"]).exists()


def test_putting_inventory_replaces_it(key_client, api_client):
    item = InventoryItemFactory(quantity=3)
    url = f"/api/machines/{item.machine_id}/inventory"
    assert api_client.put(url, {"items": []}, format="json").status_code == 401
    response = key_client.put(url, {"items": [{"product": "Gum", "quantity": 9}]}, format="json")
    assert response.status_code == 200
    assert response.json() == [{"product": "Gum", "quantity": 9}]
    merged = key_client.put(url, {"items": [{"product": "Cola", "quantity": 1}], "replace": False}, format="json")
    assert merged.json() == [{"product": "Cola", "quantity": 1}, {"product": "Gum", "quantity": 9}]
    assert key_client.put(url, {"items": [{"product": "Gum", "quantity": -1}]}, format="json").status_code == 422


def test_the_map_is_cached_and_refreshed_when_the_fleet_changes(
    api_client, key_client, django_capture_on_commit_callbacks
):
    MachineFactory()
    assert api_client.get("/api/machines/map").json()["total"] == 1
    Machine.objects.create(name="sneaked in", latitude=1, longitude=1, city="X", region="NY", asset_tag="VM-SNEAK")
    assert api_client.get("/api/machines/map").json()["total"] == 1  # served from the cache
    with django_capture_on_commit_callbacks(execute=True):
        key_client.post("/api/machines", NEW_MACHINE, format="json")
    markers = api_client.get("/api/machines/map").json()
    assert markers["total"] == 3
    assert set(markers["items"][0]) == {"id", "name", "status", "latitude", "longitude", "city", "region"}


def test_products_are_the_sorted_canonical_names(api_client):
    names = api_client.get("/api/products").json()
    assert len(names) == 27 and names == sorted(names) and "Peanut M&Ms" in names


def test_a_refill_visit_restocks_the_machine(key_client, api_client):
    item = InventoryItemFactory(quantity=0, machine__status="needs_service")
    response = key_client.post(
        "/api/service/logs", {"machine_id": str(item.machine_id), "type": "refill", "technician": "Ana"}, format="json"
    )
    assert response.status_code == 201
    item.refresh_from_db()
    assert item.quantity == 12
    assert api_client.get(f"/api/machines/{item.machine_id}").json()["status"] == "operational"
    logs = api_client.get("/api/service/logs", {"machine_id": str(item.machine_id)}).json()
    assert logs["total"] == 1 and logs["items"][0]["technician"] == "Ana"
    unknown = {"machine_id": str(uuid.uuid4()), "type": "refill", "technician": "Ana"}
    assert key_client.post("/api/service/logs", unknown, format="json").status_code == 422


def test_stats_count_the_fleet(api_client):
    InventoryItemFactory(quantity=0, machine__status="offline")
    MachineFactory(last_serviced_at=None)
    body = api_client.get("/api/stats").json()
    assert body["machines"] == 2
    assert body["by_status"]["offline"] == 1
    assert body["sold_out_slots"] == 1
    assert body["by_region"] == [{"region": "NY", "machines": 2}]


def test_machines_can_be_patched_and_deleted(key_client):
    machine = MachineFactory()
    response = key_client.patch(f"/api/machines/{machine.id}", {"status": "offline"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "offline"
    assert key_client.delete(f"/api/machines/{machine.id}").status_code == 204
    assert not Machine.objects.filter(pk=machine.id).exists()
