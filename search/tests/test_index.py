"""The Redis geo index on the real Redis: exact nearest-in-stock answers, updates, rebuilds."""

import random
import uuid

import pytest

from fleet.catalog import PRODUCT_NAMES
from search.geo.gazetteer import haversine_km
from search.index import GeoIndex


@pytest.fixture
def index(redis_client):
    import redis
    from django.conf import settings

    return GeoIndex(redis.Redis.from_url(settings.REDIS_URL), PRODUCT_NAMES)


def rows_for(machines):
    for machine_id, (lat, lon, status, stock) in machines.items():
        for product, quantity in stock.items():
            yield machine_id, product, quantity, status, lat, lon


def test_it_answers_the_exact_nearest_in_stock_machines(index):
    rng = random.Random(7)
    machines = {}
    for _ in range(400):
        stock = {p: rng.randint(0, 3) for p in rng.sample(PRODUCT_NAMES, 5)}
        status = rng.choice(["operational", "needs_service", "offline"])
        machines[uuid.uuid4()] = (40.7 + rng.uniform(-0.1, 0.1), -73.95 + rng.uniform(-0.1, 0.1), status, stock)
    index.rebuild(rows_for(machines))
    origin = (40.71, -73.96)
    for product in PRODUCT_NAMES[:6]:
        expected = sorted(
            (haversine_km(origin, (lat, lon)), str(mid))
            for mid, (lat, lon, status, stock) in machines.items()
            if stock.get(product, 0) > 0 and status != "offline"
        )[:5]
        hits = index.nearest([product], *origin, limit=5)
        assert [h.machine_id for h in hits] == [mid for _, mid in expected]
        for hit, (distance, _) in zip(hits, expected, strict=True):
            assert abs(hit.distance_km - distance) < 0.01


def test_an_update_moves_a_machine_in_and_out_of_product_sets(index):
    machine = uuid.uuid4()
    index.update([machine], [(machine, "Cola", 3, "operational", 40.75, -73.99)])
    hits = index.nearest(["Cola"], 40.75, -73.99, limit=1)
    assert [(h.machine_id, h.quantity) for h in hits] == [(str(machine), 3)]
    index.update([machine], [(machine, "Cola", 7, "operational", 40.75, -73.99)])  # refill
    assert index.nearest(["Cola"], 40.75, -73.99, limit=1)[0].quantity == 7
    index.update([machine], [(machine, "Cola", 0, "operational", 40.75, -73.99)])  # sold out
    assert index.nearest(["Cola"], 40.75, -73.99, limit=1) == []
    index.update([machine], [(machine, "Cola", 5, "offline", 40.75, -73.99)])  # offline
    assert index.nearest(["Cola"], 40.75, -73.99, limit=1) == []
    index.update([machine], [(machine, "Gum", 5, "needs_service", 40.75, -73.99)])
    assert index.nearest(["Gum"], 40.75, -73.99, limit=1)[0].machine_id == str(machine)
    index.update([machine], [])  # deleted
    assert index.size()["Gum"] == 0


def test_it_searches_several_products_and_keeps_one_hit_per_machine(index):
    a, b = uuid.uuid4(), uuid.uuid4()
    index.rebuild(
        [
            (a, "Cola", 1, "operational", 40.750, -73.990),
            (a, "Root Beer", 1, "operational", 40.750, -73.990),
            (b, "Ginger Ale", 1, "operational", 40.760, -73.990),
        ]
    )
    hits = index.nearest(["Cola", "Root Beer", "Ginger Ale"], 40.75, -73.99, limit=5)
    assert [h.machine_id for h in hits] == [str(a), str(b)]


def test_a_radius_limits_the_answer(index):
    near, far = uuid.uuid4(), uuid.uuid4()
    index.rebuild([(near, "Cola", 1, "operational", 40.75, -73.99), (far, "Cola", 1, "operational", 41.75, -73.99)])
    assert [h.machine_id for h in index.nearest(["Cola"], 40.75, -73.99, limit=5, radius_km=10)] == [str(near)]
    assert len(index.nearest(["Cola"], 40.75, -73.99, limit=5)) == 2  # no radius: grows until it finds them


def test_a_rebuild_replaces_everything(index):
    old, new = uuid.uuid4(), uuid.uuid4()
    index.rebuild([(old, "Cola", 1, "operational", 40.75, -73.99)])
    index.rebuild([(new, "Gum", 1, "operational", 40.75, -73.99)])
    assert index.size()["Cola"] == 0
    assert index.size()["Gum"] == 1


def test_rebuilt_sets_do_not_expire_and_leave_no_temporary_keys(index):
    index.rebuild([(uuid.uuid4(), "Cola", 1, "operational", 40.75, -73.99)])
    assert index.redis.ttl("search:geo:Cola") == -1
    assert index.redis.ttl("search:qty:Cola") == -1
    assert not list(index.redis.scan_iter("search:*-build:*"))
