"""The fleet's reference data: the canonical product catalog and the generator's 30 metros.

Pure Python (no Django): shared by the seeder, the simulator, the search parser and tests. Names are
canonical and spelled exactly as the fleet's clients expect ("Cola", not "coke").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# 27 canonical products and their list prices in USD. Fifteen prices are the fleet's published ones;
# the other twelve (marked) are set in line with comparable items.
PRODUCT_PRICES: dict[str, Decimal] = {
    "Cola": Decimal("2.00"),
    "Diet Cola": Decimal("2.00"),
    "Lemon-Lime Soda": Decimal("2.00"),  # chosen: same as the other sodas
    "Root Beer": Decimal("2.00"),  # chosen
    "Ginger Ale": Decimal("2.00"),  # chosen
    "Spring Water": Decimal("1.50"),
    "Sparkling Water": Decimal("1.75"),
    "Orange Juice": Decimal("2.50"),  # chosen: juices a little above sodas
    "Apple Juice": Decimal("2.50"),  # chosen
    "Energy Drink": Decimal("3.50"),
    "Iced Coffee": Decimal("3.00"),
    "Green Tea": Decimal("2.25"),  # chosen
    "Lemonade": Decimal("2.25"),  # chosen
    "Potato Chips": Decimal("1.75"),
    "Pretzels": Decimal("1.50"),
    "Tortilla Chips": Decimal("1.75"),  # chosen: like potato chips
    "Popcorn": Decimal("1.50"),  # chosen: like pretzels
    "Chocolate Bar": Decimal("2.25"),
    "Peanut M&Ms": Decimal("2.25"),  # chosen: like a chocolate bar
    "Granola Bar": Decimal("2.00"),
    "Trail Mix": Decimal("2.75"),
    "Gum": Decimal("1.25"),
    "Mints": Decimal("1.25"),  # chosen: like gum
    "Fruit Snacks": Decimal("1.75"),
    "Cookies": Decimal("2.25"),
    "Protein Bar": Decimal("3.25"),
    "Beef Jerky": Decimal("3.75"),  # chosen: the premium snack
}

PRODUCT_NAMES: tuple[str, ...] = tuple(PRODUCT_PRICES)  # catalog order
SORTED_PRODUCT_NAMES: tuple[str, ...] = tuple(sorted(PRODUCT_PRICES))


@dataclass(frozen=True, slots=True)
class Metro:
    """A metro of the generator's world: machines are placed at centroid + uniform jitter in the box."""

    name: str  # "New York"
    state: str  # "NY"
    latitude: float
    longitude: float
    lat_min: float = -0.05  # offsets from the centroid, degrees
    lat_max: float = 0.05
    lon_min: float = -0.05
    lon_max: float = 0.05

    @property
    def label(self) -> str:
        return f"{self.name}, {self.state}"

    def contains(self, latitude: float, longitude: float) -> bool:
        return (
            self.latitude + self.lat_min <= latitude <= self.latitude + self.lat_max
            and self.longitude + self.lon_min <= longitude <= self.longitude + self.lon_max
        )


def _m(name: str, state: str, lat: float, lon: float, box_lat: tuple = (-0.05, 0.05), box_lon: tuple = (-0.05, 0.05)):
    return Metro(name, state, lat, lon, box_lat[0], box_lat[1], box_lon[0], box_lon[1])


METROS: tuple[Metro, ...] = (
    _m("New York", "NY", 40.7128, -74.0060, (-0.05, 0.09), (0.0, 0.10)),
    _m("Chicago", "IL", 41.8781, -87.6298, (-0.11, 0.11), (-0.14, 0.0)),
    _m("Philadelphia", "PA", 39.9526, -75.1652, box_lon=(-0.10, 0.02)),
    _m("Boston", "MA", 42.3601, -71.0589, box_lon=(-0.09, 0.01)),
    _m("Miami", "FL", 25.7617, -80.1918, box_lon=(-0.11, 0.0)),
    _m("San Diego", "CA", 32.7157, -117.1611, box_lon=(-0.01, 0.11)),
    _m("Seattle", "WA", 47.6062, -122.3321, (-0.09, 0.09), (-0.01, 0.05)),
    _m("Detroit", "MI", 42.3314, -83.0458, (-0.01, 0.11), (-0.10, 0.02)),
    _m("Memphis", "TN", 35.1495, -90.0490, box_lon=(0.0, 0.11)),
    _m("St. Louis", "MO", 38.6270, -90.1994, box_lon=(-0.10, 0.01)),
    _m("New Orleans", "LA", 29.9511, -90.0715, (-0.05, 0.01), (-0.06, 0.05)),
    _m("Jacksonville", "FL", 30.3322, -81.6557, box_lon=(-0.08, 0.02)),
    _m("Salt Lake City", "UT", 40.7608, -111.8910, box_lon=(-0.03, 0.07)),
    _m("Los Angeles", "CA", 34.0522, -118.2437, (-0.10, 0.10), (-0.12, 0.06)),
    _m("Houston", "TX", 29.7604, -95.3698, (-0.10, 0.10), (-0.10, 0.10)),
    _m("Phoenix", "AZ", 33.4484, -112.0740, (-0.10, 0.10), (-0.12, 0.12)),
    _m("Dallas", "TX", 32.7767, -96.7970, (-0.09, 0.09), (-0.10, 0.10)),
    _m("Atlanta", "GA", 33.7490, -84.3880, (-0.10, 0.10), (-0.10, 0.10)),
    _m("Las Vegas", "NV", 36.1699, -115.1398, (-0.08, 0.08), (-0.08, 0.06)),
    _m("San Antonio", "TX", 29.4241, -98.4936, (-0.07, 0.07), (-0.07, 0.07)),
    _m("San Jose", "CA", 37.3382, -121.8863, (-0.05, 0.07), (-0.06, 0.04)),
    _m("Austin", "TX", 30.2672, -97.7431, (-0.07, 0.07), (-0.06, 0.06)),
    _m("Columbus", "OH", 39.9612, -82.9988, (-0.07, 0.07), (-0.07, 0.07)),
    _m("Charlotte", "NC", 35.2271, -80.8431, (-0.07, 0.07), (-0.07, 0.07)),
    _m("Indianapolis", "IN", 39.7684, -86.1581, (-0.08, 0.08), (-0.08, 0.08)),
    _m("Denver", "CO", 39.7392, -104.9903, (-0.08, 0.08), (-0.08, 0.08)),
    _m("Nashville", "TN", 36.1627, -86.7816, (-0.07, 0.07), (-0.07, 0.07)),
    _m("Portland", "OR", 45.5152, -122.6784, (-0.06, 0.06), (-0.05, 0.06)),
    _m("Minneapolis", "MN", 44.9778, -93.2650, (-0.06, 0.06), (-0.06, 0.06)),
    _m("Kansas City", "MO", 39.0997, -94.5786, (-0.08, 0.08), (-0.08, 0.08)),
)

METRO_BY_NAME: dict[str, Metro] = {m.name: m for m in METROS}
REGIONS: tuple[str, ...] = tuple(sorted({m.state for m in METROS}))

VENUE_TYPES: tuple[str, ...] = (
    "Airport Terminal",
    "Office Tower",
    "University Hall",
    "Hospital Lobby",
    "Train Station",
    "Shopping Mall",
    "Convention Center",
    "Gym",
    "Hotel Lobby",
    "Transit Hub",
    "Tech Campus",
    "Stadium Concourse",
    "Library",
    "Parking Garage",
)

STATUS_WEIGHTS: tuple[tuple[str, float], ...] = (("operational", 0.60), ("needs_service", 0.23), ("offline", 0.17))
NEVER_SERVICED_SHARE = 0.10
PRODUCTS_PER_MACHINE = (8, 14)
QUANTITY_RANGE = (0, 12)
REFILL_LEVEL = 12  # a refill visit brings every product the machine carries to this quantity
