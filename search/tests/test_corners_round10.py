"""Issue 16, tenth round: a street named with its direction beside a street of the same name without it is a street
of its own. West Peachtree St runs a block to three blocks west of Peachtree St, and Salt Lake City's North and West
Temple border Temple Square with South Temple. Each expected point is the corner as known from what stands on it,
independently of the lines drawn in streets.tsv."""

import pytest

from search.tests.offline import assert_corner, plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke at west peachtree and 10th", (33.7815, -84.3866)),  # Midtown station, between 10th and 11th
        ("water at w peachtree st & north ave atlanta", (33.7717, -84.3871)),  # North Avenue station
        ("pepsi on West Peachtree St NW at 14th St", (33.7866, -84.3868)),  # One Atlantic Center
        ("water at north temple and main salt lake", (40.7713, -111.8910)),  # Temple Square's north-east corner
        ("water at west temple & south temple", (40.7692, -111.8939)),  # Temple Square's south-west corner
    ],
)
def test_a_street_with_its_direction_is_found(query, point):
    assert_corner(query, point)


@pytest.mark.parametrize(
    ("query", "street"),
    [
        ("coke at peachtree and 10th atlanta", "Peachtree St"),
        ("coke at peachtree st & 14th st", "Peachtree St"),
        ("water at south temple and state", "South Temple"),
        # a direction written before a street that has no namesake is still that street
        ("coke at w colfax and federal", "Colfax Ave"),
        ("snacks at e colfax & colorado blvd", "Colfax Ave"),
    ],
)
def test_the_bare_name_is_the_street_without_the_direction(query, street):
    place = plan(query).place
    assert place.kind == "corner", place
    assert place.name.split(" & ")[0] == street, place
