"""Issue 16, sixth round (c): corners of main streets added in Atlanta (Northside, Memorial),
Nashville (Church St) and Houston (San Felipe), through `interpret`. Each expected point is the intersection as
known, independently of the lines drawn in streets.tsv."""

import pytest

from search.geo.gazetteer import haversine_km
from search.tests.offline import plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water at northside drive and 10th st atlanta", (33.7817, -84.4045)),
        ("water at northside dr and north ave atlanta", (33.7713, -84.4035)),
        ("water at memorial dr and moreland ave atlanta", (33.7467, -84.3490)),
        ("water at church st and 5th ave nashville", (36.1628, -86.7812)),
        ("water at church street and 5th avenue north nashville", (36.1628, -86.7812)),
        ("water at san felipe and post oak blvd houston", (29.7497, -95.4610)),
        ("water at san felipe and kirby dr houston", (29.7515, -95.4180)),
    ],
)
def test_corners_of_main_streets_round6c(query, point):
    place = plan(query).place
    assert place.kind == "corner" and haversine_km(place.point, point) < 0.3


def test_memorial_and_moreland_names_atlanta_without_the_city():
    # both streets are drawn in Atlanta alone, so their corner needs no city
    place = plan("water at memorial dr and moreland ave").place
    assert place.kind == "corner" and haversine_km(place.point, (33.7467, -84.3490)) < 0.3
