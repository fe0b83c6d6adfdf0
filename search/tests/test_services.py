"""The index follows the fleet: every committed change reaches Redis through fleet events."""

import pytest

from fleet import services as fleet_services
from search import services
from search.services import geo_index, search_index_rebuild
from search.tests.support import make_machine

pytestmark = pytest.mark.django_db


def nearest_ids(product, lat=40.75, lon=-73.99):
    return [h.machine_id for h in geo_index().nearest([product], lat, lon, limit=10)]


def test_a_new_machine_enters_the_index_after_commit(redis_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        machine = make_machine(lat=40.75, lon=-73.99, stock={"Cola": 2, "Gum": 0})
    assert nearest_ids("Cola") == [str(machine.id)]
    assert nearest_ids("Gum") == []


def test_an_inventory_change_updates_the_index(redis_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        machine = make_machine(lat=40.75, lon=-73.99, stock={"Cola": 2})
    with django_capture_on_commit_callbacks(execute=True):
        fleet_services.inventory_set(machine=machine, items=[{"product": "Cola", "quantity": 0}])
    assert nearest_ids("Cola") == []
    with django_capture_on_commit_callbacks(execute=True):
        fleet_services.inventory_set(machine=machine, items=[{"product": "Cola", "quantity": 4}])
    assert nearest_ids("Cola") == [str(machine.id)]


def test_a_sale_of_the_last_unit_takes_the_machine_out(redis_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        machine = make_machine(lat=40.75, lon=-73.99, stock={"Pretzels": 1})
    with django_capture_on_commit_callbacks(execute=True):
        assert fleet_services.sales_record(sales=[(machine.id, "Pretzels")]) == [True]
    assert nearest_ids("Pretzels") == []


def test_going_offline_and_moving_are_followed(redis_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        machine = make_machine(lat=40.75, lon=-73.99, stock={"Cola": 2})
    with django_capture_on_commit_callbacks(execute=True):
        fleet_services.machine_update(machine=machine, data={"latitude": 41.88, "longitude": -87.63})
    hit = geo_index().nearest(["Cola"], 41.88, -87.63, limit=1)[0]
    assert hit.machine_id == str(machine.id)
    assert hit.distance_km < 0.01
    with django_capture_on_commit_callbacks(execute=True):
        fleet_services.machine_update(machine=machine, data={"status": "offline"})
    assert nearest_ids("Cola") == []


def test_a_deleted_machine_leaves_the_index(redis_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        machine = make_machine(lat=40.75, lon=-73.99, stock={"Cola": 2})
    with django_capture_on_commit_callbacks(execute=True):
        fleet_services.machine_delete(machine=machine)
    assert nearest_ids("Cola") == []


def test_nothing_changes_before_commit(redis_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        make_machine(lat=40.75, lon=-73.99, stock={"Cola": 2})
    assert nearest_ids("Cola") == []


def test_a_rebuild_reads_the_whole_fleet(redis_client):
    a = make_machine(lat=40.75, lon=-73.99, stock={"Cola": 2})
    make_machine(lat=40.76, lon=-73.99, stock={"Cola": 0})
    redis_client.flushdb()
    assert search_index_rebuild() == 1
    assert nearest_ids("Cola") == [str(a.id)]


def test_a_failing_index_update_never_raises_into_the_fleet(redis_client, monkeypatch, caplog):
    def broken(**kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(services, "search_index_update", broken)
    services.on_machines_changed(machine_ids=["x"])  # no exception
    assert "search index update failed" in caplog.text


def test_a_fleet_reset_rebuilds_the_index(redis_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fleet_services.fleet_seed(count=30, seed=3, reset=True)
    assert sum(geo_index().size().values()) > 0


def test_the_periodic_task_rebuilds_the_index(redis_client):
    from search.tasks import rebuild_index

    machine = make_machine(lat=40.75, lon=-73.99, stock={"Cola": 2})
    redis_client.flushdb()
    assert rebuild_index() == 1
    assert nearest_ids("Cola") == [str(machine.id)]


def test_a_redis_without_an_index_gets_one_and_a_built_one_is_left_alone(redis_client):
    from search.services import search_index_ensure

    machine = make_machine(lat=40.75, lon=-73.99, stock={"Cola": 2})
    redis_client.flushdb()
    assert search_index_ensure() == 1
    assert nearest_ids("Cola") == [str(machine.id)]
    assert search_index_ensure() is None
