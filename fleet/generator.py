"""The fleet generator's world: deterministic machines spread over the 30 metros (no Django).

`generate_fleet(count, seed)` yields the same machines for the same seed: ids, names, coordinates
(centroid + uniform jitter inside the metro's box), venues, statuses (~60% operational, ~23% needs
service, ~17% offline), ~10% never serviced, and 8–14 distinct products each at quantity 0–12.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from fleet.catalog import (
    METROS,
    NEVER_SERVICED_SHARE,
    PRODUCT_NAMES,
    PRODUCTS_PER_MACHINE,
    QUANTITY_RANGE,
    STATUS_WEIGHTS,
    VENUE_TYPES,
)

# Seeded worlds are anchored at a fixed instant so a seed always gives the same rows.
ANCHOR = datetime(2026, 11, 1, tzinfo=UTC)

MODELS: tuple[tuple[str, str, int], ...] = (
    ("Crane", "BevMax 4", 40),
    ("Crane", "Merchant Media 6", 56),
    ("Royal Vendors", "RVV 660", 66),
    ("Dixie-Narco", "5800 Glassfront", 45),
    ("AMS", "Sensit 39", 58),
    ("Seaga", "Infinity INF5S", 30),
    ("Vendo", "V21 721", 36),
)
STREETS: tuple[str, ...] = (
    "Main St", "Market St", "Broadway", "Oak Ave", "Maple Ave", "Park Ave", "Elm St", "Washington Blvd",
    "Lincoln Ave", "Center St", "Lake St", "Hill St", "Pine St", "2nd Ave", "5th Ave", "Church St",
    "Spring St", "Union St", "Commerce St", "Jefferson Ave", "Madison Ave", "Franklin St", "River Rd",
    "Grand Ave", "Highland Ave", "University Ave", "Airport Blvd", "Convention Way", "Stadium Dr", "Station Sq",
)  # fmt: skip
SPOTS: tuple[str, ...] = (
    "In the lobby next to the ATM", "By the main entrance", "Near the elevators", "Outside the restrooms",
    "In the food court", "At gate area B", "Next to the ticket machines", "On the second floor landing",
    "In the break room", "By the east stairwell", "Next to the information desk", "In the waiting area",
    "Beside the coffee bar", "Near the security checkpoint", "By the parking pay stations",
)  # fmt: skip
TECHNICIAN_DAYS = 400  # last service within this many days of the anchor
_STATUSES = [s for s, _ in STATUS_WEIGHTS]
_STATUS_CUM = []
_acc = 0.0
for _, weight in STATUS_WEIGHTS:
    _acc += weight
    _STATUS_CUM.append(_acc)


@dataclass(slots=True)
class GeneratedMachine:
    id: uuid.UUID
    asset_tag: str
    name: str
    model: str
    manufacturer: str
    status: str
    latitude: float
    longitude: float
    address: str
    location_description: str
    city: str
    region: str
    country: str
    capacity: int
    installed_at: datetime
    last_serviced_at: datetime | None
    created_at: datetime
    inventory: list[tuple[str, int]] = field(default_factory=list)


def asset_tag(number: int) -> str:
    return f"VM-{number:06d}"


def generate_fleet(count: int, *, seed: int = 42, start: int = 1) -> Iterator[GeneratedMachine]:
    """`count` machines numbered from `start` (asset tags VM-000001…), spread uniformly over the metros."""
    rng = random.Random(seed)
    venue_numbers: dict[tuple[str, str], int] = {}
    n_products = len(PRODUCT_NAMES)
    lo_products, hi_products = PRODUCTS_PER_MACHINE
    lo_qty, hi_qty = QUANTITY_RANGE
    for index in range(count):
        number = start + index
        metro = METROS[index % len(METROS)]
        venue = VENUE_TYPES[rng.randrange(len(VENUE_TYPES))]
        key = (venue, metro.name)
        venue_numbers[key] = venue_numbers.get(key, 0) + 1
        manufacturer, model, capacity = MODELS[rng.randrange(len(MODELS))]
        draw = rng.random()
        status = _STATUSES[-1]
        for name, bound in zip(_STATUSES, _STATUS_CUM, strict=True):
            if draw < bound:
                status = name
                break
        installed_at = ANCHOR - timedelta(days=30 + rng.randrange(5 * 365), seconds=rng.randrange(86400))
        if rng.random() < NEVER_SERVICED_SHARE:
            last_serviced_at = None
        else:
            span = max(1, min(TECHNICIAN_DAYS, (ANCHOR - installed_at).days))
            last_serviced_at = ANCHOR - timedelta(days=rng.randrange(span), seconds=rng.randrange(86400))
        picked = rng.sample(range(n_products), rng.randint(lo_products, hi_products))
        picked.sort()
        inventory = [(PRODUCT_NAMES[p], rng.randint(lo_qty, hi_qty)) for p in picked]
        yield GeneratedMachine(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            asset_tag=asset_tag(number),
            name=f"{venue} #{venue_numbers[key]} — {metro.name}",
            model=model,
            manufacturer=manufacturer,
            status=status,
            latitude=round(metro.latitude + rng.uniform(metro.lat_min, metro.lat_max), 6),
            longitude=round(metro.longitude + rng.uniform(metro.lon_min, metro.lon_max), 6),
            address=f"{rng.randint(1, 9999)} {STREETS[rng.randrange(len(STREETS))]}",
            location_description=SPOTS[rng.randrange(len(SPOTS))],
            city=metro.name,
            region=metro.state,
            country="USA",
            capacity=capacity,
            installed_at=installed_at,
            last_serviced_at=last_serviced_at,
            created_at=ANCHOR,
            inventory=inventory,
        )


TECHNICIANS: tuple[str, ...] = (
    "Quinn Ortiz", "Robin Diaz", "Drew Nguyen", "Taylor Kim", "Jordan Lee", "Avery Patel", "Casey Morgan",
    "Riley Chen",
)  # fmt: skip
SERVICE_NOTES: tuple[str, ...] = ("", "Routine refill", "Cleaned coils", "Cleared jam", "Replaced card reader")
SERVICE_TYPES: tuple[str, ...] = ("inspection", "refill", "repair")


@dataclass(slots=True)
class GeneratedServiceLog:
    id: uuid.UUID
    machine_id: uuid.UUID
    type: str
    technician: str
    notes: str
    created_at: datetime


def generate_service_logs(machines: list[GeneratedMachine], *, seed: int = 42) -> Iterator[GeneratedServiceLog]:
    """The original's history: 1 to 3 past visits per serviced machine (none for a never-serviced one),
    the newest at the machine's `last_serviced_at`, the others up to 90 days before it."""
    rng = random.Random(seed * 7919 + 1)
    for machine in machines:
        if machine.last_serviced_at is None:
            continue
        for visit in range(rng.randint(1, 3)):
            at = machine.last_serviced_at
            if visit:
                at -= timedelta(days=rng.randint(1, 90), seconds=rng.randrange(86400))
                at = max(at, machine.installed_at)
            yield GeneratedServiceLog(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                machine_id=machine.id,
                type=SERVICE_TYPES[rng.randrange(len(SERVICE_TYPES))],
                technician=TECHNICIANS[rng.randrange(len(TECHNICIANS))],
                notes=SERVICE_NOTES[rng.randrange(len(SERVICE_NOTES))],
                created_at=at,
            )
