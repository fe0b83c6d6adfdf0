import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError

from fleet import selectors, services
from fleet.events import fleet_reset, machines_changed
from fleet.models import InventoryItem, Machine, MachineStatus
from fleet.tests.factories import InventoryItemFactory, MachineFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed():
    received: list[list] = []

    def receiver(sender, machine_ids, **kwargs):
        received.append(list(machine_ids))

    machines_changed.connect(receiver, weak=False)
    yield received
    machines_changed.disconnect(receiver)


def test_seeding_is_deterministic_and_fills_inventory(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.fleet_seed(count=60, seed=3) == 60
    first = sorted(str(i) for i in Machine.objects.values_list("id", flat=True))
    services.fleet_seed(count=60, seed=3, reset=True)
    assert sorted(str(i) for i in Machine.objects.values_list("id", flat=True)) == first
    assert InventoryItem.objects.count() >= 60 * 8
    assert selectors.product_names()[0] == "Apple Juice"


def test_seeding_refuses_a_fleet_that_has_machines():
    MachineFactory()
    with pytest.raises(services.FleetNotEmpty):
        services.fleet_seed(count=5)
    with pytest.raises(CommandError):
        call_command("seed_fleet", "--count", "5")
    call_command("seed_fleet", "--count", "5", "--if-empty")
    assert Machine.objects.count() == 1


def test_reset_sends_fleet_reset(django_capture_on_commit_callbacks):
    calls = []
    fleet_reset.connect(lambda sender, **kw: calls.append(sender), weak=False, dispatch_uid="t-reset")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.fleet_seed(count=5, reset=True)
    finally:
        fleet_reset.disconnect(dispatch_uid="t-reset")
    assert calls == [Machine]


def test_a_sale_takes_one_unit_and_announces_the_machine(changed, django_capture_on_commit_callbacks):
    item = InventoryItemFactory(quantity=1)
    with django_capture_on_commit_callbacks(execute=True):
        done = services.sales_record(sales=[(item.machine_id, "Cola"), (item.machine_id, "Cola")])
    assert done == [True, False]
    item.refresh_from_db()
    assert item.quantity == 0
    assert changed == [[item.machine_id]]


def test_quantity_can_never_go_negative():
    item = InventoryItemFactory(quantity=0)
    with pytest.raises(IntegrityError):
        InventoryItem.objects.filter(pk=item.pk).update(quantity=-1)


def test_a_refill_restocks_and_a_visit_turns_needs_service_operational(changed, django_capture_on_commit_callbacks):
    item = InventoryItemFactory(quantity=2, machine__status=MachineStatus.NEEDS_SERVICE, machine__last_serviced_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.service_log_create(machine=item.machine, type="refill", technician="Sam")
    item.refresh_from_db()
    item.machine.refresh_from_db()
    assert item.quantity == 12
    assert item.machine.status == MachineStatus.OPERATIONAL
    assert item.machine.last_serviced_at is not None
    assert changed == [[item.machine_id]]


def test_setting_inventory_upserts_or_replaces(changed, django_capture_on_commit_callbacks):
    machine = MachineFactory()
    ProductFactory(name="Cola")
    ProductFactory(name="Gum", price="1.25")
    with django_capture_on_commit_callbacks(execute=True):
        services.inventory_set(
            machine=machine, items=[{"product": "Cola", "quantity": 3}, {"product": "Gum", "quantity": 1}]
        )
        services.inventory_set(machine=machine, items=[{"product": "Cola", "quantity": 7}])
    assert dict(machine.inventory.values_list("product__name", "quantity")) == {"Cola": 7, "Gum": 1}
    services.inventory_set(machine=machine, items=[{"product": "Gum", "quantity": 4}], replace=True)
    assert dict(machine.inventory.values_list("product__name", "quantity")) == {"Gum": 4}
    assert changed == [[machine.id], [machine.id]]
    with pytest.raises(services.UnknownProduct):
        services.inventory_set(machine=machine, items=[{"product": "Caviar", "quantity": 1}])


def test_stock_rows_stream_every_inventory_row_of_the_machines_asked_for():
    a = InventoryItemFactory(quantity=4)
    InventoryItemFactory(quantity=2)
    rows = list(selectors.stock_rows(machine_ids=[a.machine_id]))
    assert rows == [(a.machine_id, "Cola", 4, "operational", 40.75, -73.98)]
    assert len(list(selectors.stock_rows())) == 2
    assert selectors.machines_by_ids(ids=[a.machine_id, uuid.uuid4()]).keys() == {a.machine_id}


def test_a_bulk_create_is_all_or_nothing():
    MachineFactory(asset_tag="VM-DUP")
    rows = [
        {"name": "A", "latitude": 1, "longitude": 1, "city": "X", "region": "NY", "asset_tag": "VM-NEW"},
        {"name": "B", "latitude": 1, "longitude": 1, "city": "X", "region": "NY", "asset_tag": "VM-DUP"},
    ]
    with pytest.raises(IntegrityError):
        services.machines_bulk_create(rows=rows)
    assert not Machine.objects.filter(asset_tag="VM-NEW").exists()
