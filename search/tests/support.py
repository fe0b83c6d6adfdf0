"""Helpers for the search tests: machines created through the fleet's own services."""

from __future__ import annotations

import itertools

from fleet import services as fleet_services

_counter = itertools.count(1)


def make_machine(*, lat: float, lon: float, stock: dict[str, int], status: str = "operational", **extra):
    """A machine at (lat, lon) carrying `stock` ({product: quantity}), created by `fleet.services`."""
    fleet_services.catalog_sync()
    n = next(_counter)
    data = {
        "name": extra.pop("name", f"Test Machine #{n} — New York"),
        "latitude": lat,
        "longitude": lon,
        "city": extra.pop("city", "New York"),
        "region": extra.pop("region", "NY"),
        "address": extra.pop("address", f"{n} Test St"),
        "location_description": extra.pop("location_description", "In the lobby"),
        "status": status,
        **extra,
    }
    inventory = [{"product": product, "quantity": quantity} for product, quantity in stock.items()]
    return fleet_services.machine_create(data=data, inventory=inventory)
