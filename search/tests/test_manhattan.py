import pytest

from search.geo.gazetteer import haversine_km
from search.geo.manhattan import locate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42nd and 8th", (40.7572, -73.9898)),  # Port Authority corner
        ("7th ave and 34th st", (40.7505, -73.9907)),  # Penn Station corner
        ("42nd st and 1st ave", (40.7486, -73.9697)),  # United Nations
        ("5th avenue and 59th street", (40.7644, -73.9735)),  # Grand Army Plaza
        ("8th ave and 14th street", (40.7402, -74.0020)),
        ("lexington and 86th", (40.7795, -73.9557)),
    ],
)
def test_it_computes_corners_of_the_grid_within_150_m(text, expected):
    label, point, _ = locate(text)
    assert haversine_km(point, expected) < 0.15, (label, point)


def test_a_street_alone_sits_on_its_side_of_fifth_avenue():
    west = locate("west 42nd street")
    east = locate("east 42nd street")
    assert west[0] == "West 42nd St"
    assert haversine_km(west[1], (40.7566, -73.9870)) < 0.3  # the Times Square block
    assert east[1][1] > west[1][1]  # east is east


def test_streets_outside_the_grid_are_not_guessed():
    assert locate("3rd street") is None
    assert locate("200th street") is None
