"""Issue 16, sixth round: hospitals, malls, stadiums, museums, stations and districts of the twelve thinnest metros
(venues.tsv, block "venues round 6"), found by their names through the parser and the gazetteer."""

import pytest

from search.tests.offline import km_from, plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water at methodist university hospital memphis", (35.1369, -90.0322)),
        ("coke near baptist medical center jacksonville", (30.3150, -81.6620)),
        ("snickers at levine childrens hospital", (35.2050, -80.8390)),
        ("gum near saint lukes hospital of kansas city", (39.0450, -94.5940)),
        ("coke at grant medical center columbus", (39.9600, -82.9900)),
        ("water at harper university hospital detroit", (42.3540, -83.0550)),
        ("coke at st davids medical center austin", (30.2900, -97.7240)),
        ("pretzels at primary childrens hospital salt lake city", (40.7710, -111.8380)),
        ("water near iu health university hospital", (39.7750, -86.1790)),
        ("cookies at st louis childrens hospital", (38.6370, -90.2650)),
        ("coke at uc san diego medical center hillcrest", (32.7540, -117.1660)),
    ],
)
def test_hospitals_of_the_thinnest_metros_are_found(query, point):
    assert km_from(query, point) < 1.0
    assert plan(query).place.confidence in ("high", "medium")
