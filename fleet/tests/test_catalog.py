"""The reference data and the generator, without a database."""

from decimal import Decimal

from fleet.catalog import METROS, PRODUCT_PRICES, REGIONS, SORTED_PRODUCT_NAMES
from fleet.generator import generate_fleet


def test_the_catalog_has_the_27_canonical_products_with_prices():
    assert len(PRODUCT_PRICES) == 27
    assert PRODUCT_PRICES["Cola"] == Decimal("2.00")
    assert PRODUCT_PRICES["Protein Bar"] == Decimal("3.25")
    assert "Peanut M&Ms" in PRODUCT_PRICES
    assert all(Decimal("0.50") <= p <= Decimal("5.00") for p in PRODUCT_PRICES.values())
    assert list(SORTED_PRODUCT_NAMES) == sorted(PRODUCT_PRICES)


def test_there_are_30_metros_whose_boxes_hold_their_centroid():
    assert len(METROS) == 30
    assert len({m.name for m in METROS}) == 30
    assert all(m.contains(m.latitude, m.longitude) for m in METROS)
    assert "NY" in REGIONS and "TX" in REGIONS


def test_the_generator_is_deterministic_for_a_seed():
    first = list(generate_fleet(50, seed=7))
    again = list(generate_fleet(50, seed=7))
    other = list(generate_fleet(50, seed=8))
    assert [m.id for m in first] == [m.id for m in again]
    assert [m.id for m in first] != [m.id for m in other]
    assert first[0].asset_tag == "VM-000001"


def test_generated_machines_follow_the_world_rules():
    machines = list(generate_fleet(3000, seed=1))
    by_name = {m.label.split(",")[0]: m for m in METROS}
    for machine in machines:
        metro = by_name[machine.city]
        assert metro.contains(machine.latitude, machine.longitude)
        assert machine.region == metro.state
        products = [p for p, _ in machine.inventory]
        assert 8 <= len(products) <= 14 and len(set(products)) == len(products)
        assert all(0 <= q <= 12 for _, q in machine.inventory)
        assert machine.name.endswith(f"— {machine.city}")
    statuses = [m.status for m in machines]
    assert 0.55 < statuses.count("operational") / len(machines) < 0.65
    assert 0.19 < statuses.count("needs_service") / len(machines) < 0.27
    assert 0.13 < statuses.count("offline") / len(machines) < 0.21
    never = sum(m.last_serviced_at is None for m in machines) / len(machines)
    assert 0.07 < never < 0.13
    assert len({m.city for m in machines}) == 30
