"""Issue 16, ninth round (block "venues round 9i" of venues.tsv): courthouses and civic towers, cathedrals, historic
hotels, a bridge, a garden, a hospital and a golf club of ten metros, found by the names people write, through the
parser and the gazetteer. Each expected point is the place's own, written apart from its row."""

import pytest

from search.tests.offline import assert_venue


@pytest.mark.parametrize(
    ("query", "name", "point"),
    [
        ("water at travis county courthouse", "Heman Marion Sweatt Travis County Courthouse", (30.2730, -97.7450)),
        ("coke at zilker botanical garden", "Zilker Botanical Garden", (30.2689, -97.7714)),
        ("snacks at austin state hospital", "Austin State Hospital", (30.3074, -97.7372)),
        ("water in the rhodes tower columbus", "Rhodes State Office Tower", (39.9626, -82.9994)),
        ("coke near the franklin county courthouse columbus", "Franklin County Government Center", (39.9539, -83.0003)),
        ("chips near the union station arch", "Union Station arch", (39.9681, -83.0074)),
        ("water at quail hollow club", "Quail Hollow Club", (35.1160, -80.8420)),
        ("coke in one wells fargo center charlotte", "One Wells Fargo Center", (35.2238, -80.8446)),
        ("water at the city county building indianapolis", "City-County Building Indianapolis", (39.7679, -86.1535)),
        ("snacks at the athenaeum indianapolis", "Athenaeum Indianapolis", (39.7733, -86.1503)),
        (
            "water near the cathedral basilica denver",
            "Cathedral Basilica of the Immaculate Conception Denver",
            (39.7403, -104.9819),
        ),
        ("coke at the hermitage hotel nashville", "Hermitage Hotel", (36.1643, -86.7824)),
        ("water near the cathedral of the incarnation", "Cathedral of the Incarnation Nashville", (36.1508, -86.7996)),
        ("gum near the steel bridge portland", "Steel Bridge", (45.5275, -122.6692)),
        ("water at the landmark center st paul", "Landmark Center St. Paul", (44.9456, -93.0972)),
        ("coke at the muehlebach hotel", "Muehlebach Hotel", (39.0994, -94.5849)),
        ("water near st johns cathedral jacksonville", "St. John's Cathedral Jacksonville", (30.3285, -81.6534)),
    ],
)
def test_round9i_venues_are_found(query, name, point):
    assert_venue(query, name, point)
