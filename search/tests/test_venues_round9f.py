"""Issue 16, ninth round (block "venues round 9f" of venues.tsv): Jacksonville's bridges, towers, federal courthouse,
basilica, Skyway hub, River City Marketplace and arboretum, and downtown Kansas City's towers, courthouses and Federal
Reserve, found by the names people write, through the parser and the gazetteer. Each expected point is the place's
own, written apart from its row."""

import pytest

from search.tests.offline import assert_venue


@pytest.mark.parametrize(
    ("query", "name", "point"),
    [
        ("water near the acosta bridge", "Acosta Bridge", (30.3214, -81.6639)),
        ("coke near the hart bridge jacksonville", "Hart Bridge", (30.3150, -81.6266)),
        ("snacks near the mathews bridge", "Mathews Bridge", (30.3270, -81.6180)),
        ("water at riverplace tower jacksonville", "Riverplace Tower", (30.3194, -81.6565)),
        ("coke at the wells fargo center jacksonville", "1 Independent Square", (30.3258, -81.6589)),
        (
            "water near the federal courthouse jacksonville",
            "Bryan Simpson United States Courthouse",
            (30.3291, -81.6600),
        ),
        ("water near the bryan simpson courthouse", "Bryan Simpson United States Courthouse", (30.3291, -81.6600)),
        (
            "coke near the basilica of the immaculate conception jacksonville",
            "Basilica of the Immaculate Conception Jacksonville",
            (30.3303, -81.6555),
        ),
        ("water at skyway central station", "Skyway Central Station", (30.3271, -81.6623)),
        ("chips at river city marketplace", "River City Marketplace", (30.4775, -81.6407)),
        ("water near the jacksonville arboretum", "Jacksonville Arboretum and Gardens", (30.3470, -81.5397)),
    ],
)
def test_jacksonville_venues_are_found(query, name, point):
    assert_venue(query, name, point)


@pytest.mark.parametrize(
    ("query", "name", "point"),
    [
        (
            "water at the jackson county courthouse kansas city",
            "Jackson County Courthouse Kansas City",
            (39.0992, -94.5780),
        ),
        ("coke near one kansas city place", "One Kansas City Place", (39.0997, -94.5837)),
        ("snacks at the town pavilion kc", "Town Pavilion", (39.1006, -94.5828)),
        (
            "water near the whittaker courthouse",
            "Charles Evans Whittaker United States Courthouse",
            (39.1030, -94.5780),
        ),
        ("coke near the kansas city fed", "Federal Reserve Bank of Kansas City", (39.0760, -94.5850)),
        ("water at the money museum kansas city", "Federal Reserve Bank of Kansas City", (39.0760, -94.5850)),
    ],
)
def test_kansas_city_venues_are_found(query, name, point):
    assert_venue(query, name, point)
