"""Issue 16, eleventh round (block "venues.tsv round 11n1"): neighbourhoods of the first 15 fleet metros that neither
"coke in <name>" nor "coke in <name> <city>" placed near their centre, found by the names people write. Each expected
point is something that stands in the neighbourhood (a park, a station, a campus, a museum), written apart from its
row, so the tolerance is that of a district's centre (2 km)."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import km_from, plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke in alphabet city", (40.7265, -73.9817)),  # Tompkins Square Park
        ("water in carnegie hill nyc", (40.7843, -73.9578)),  # Cooper Hewitt museum, 5th Ave & 91st St
        ("snacks in hudson square", (40.7262, -74.0037)),  # Spring Street station (A, C, E)
        ("coke in tudor city", (40.7489, -73.9680)),  # United Nations headquarters
        ("water in manhattanville", (40.8158, -73.9585)),  # 125th Street station (1), Broadway
        ("coke in midwood brooklyn", (40.6250, -73.9605)),  # Avenue J station
        ("water in ditmas park", (40.6409, -73.9637)),  # Cortelyou Road station
        ("chips in windsor terrace", (40.6603, -73.9797)),  # 15th Street-Prospect Park station
        ("coke in austin chicago", (41.8880, -87.7650)),  # Austin Town Hall Park, Lake St & Central Ave
        ("water in hegewisch", (41.6470, -87.5460)),  # Hegewisch station (South Shore Line)
        ("chips in back of the yards", (41.8185, -87.6470)),  # Union Stock Yard Gate
        ("coke in edison park chicago", (42.0039, -87.8175)),  # Edison Park fieldhouse, Northwest Hwy
        ("water in grays ferry philly", (39.9411, -75.2050)),  # Grays Ferry Bridge
        ("coke in wynnefield", (39.9950, -75.2390)),  # Saint Joseph's University
        ("snacks in mount airy philadelphia", (40.0626, -75.1932)),  # Allens Lane station, Mt Airy
        ("coke in coolidge corner", (42.3428, -71.1218)),  # Coolidge Corner Theatre, Harvard St
        ("water in delridge seattle", (47.5485, -122.3530)),  # South Seattle College (Riverview)
        ("coke in dutchtown st louis", (38.5795, -90.2430)),  # Marquette Park
        ("chips in pico union", (34.0436, -118.2741)),  # Pico Blvd & Union Ave
        ("coke in acres homes", (29.8600, -95.4510)),  # Acres Homes Multi-Service Center, W Montgomery Rd
    ],
)
def test_round_11n1_neighbourhoods_are_found(query, point):
    assert km_from(query, point) < 2.0


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("coke in austin", "Austin, TX"),  # the bare word is still the Texas metro
        ("coke in austin tx", "Austin, TX"),
        ("coke in astoria queens", "Astoria, New York"),
        ("coke in lincoln square chicago", "Lincoln Square, Chicago"),
    ],
)
def test_what_was_right_stays_right(query, name):
    assert plan(query).place.name.startswith(name.split(", ")[0])


@pytest.mark.parametrize("query", ["coke in mount airy", "coke in norwood"])
def test_names_of_several_towns_are_still_asked_about(query):
    with pytest.raises(Unresolved):
        plan(query)
