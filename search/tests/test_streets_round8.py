"""Issue 16, eighth round: Broadway's corners on Manhattan's grid, Spanish grid corners ("calle 34", "la octava
avenida"), corners written "X/Y", and Martin Luther King Jr boulevards by the names people write. Through
`interpret`; points are the real intersections (OpenStreetMap), written independently of the data."""

import pytest

from search.geo.gazetteer import haversine_km
from search.tests.offline import plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke broadway and 34th st", (40.7496, -73.9879)),  # Herald Square
        ("coke w 72nd st & broadway", (40.7785, -73.9819)),  # Sherman Square
        ("pepsi broadway at 59th", (40.7681, -73.9819)),  # Columbus Circle
        ("water broadway and 23rd street", (40.7411, -73.9897)),  # the Flatiron
        ("chips broadway and 96th", (40.7940, -73.9723)),
        ("agua en broadway y calle 42", (40.7560, -73.9865)),  # Times Square's south end
        ("un refresco en la calle 42 y la octava avenida", (40.7575, -73.9903)),  # 8th Ave & 42nd
        ("coca en la quinta avenida y calle 57", (40.7636, -73.9738)),  # 5th Ave & 57th
    ],
)
def test_broadway_and_spanish_corners_on_manhattan_s_grid(query, point):
    place = plan(query).place
    assert place.metro == "new-york"
    assert haversine_km(place.point, point) <= 0.3, place


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("pepsi zero queen anne ave n/denny way", (47.6183, -122.3569)),
        ("coke colfax/broadway denver", (39.7402, -104.9875)),
        ("water at hollywood blvd / vine st", (34.1016, -118.3267)),
    ],
)
def test_a_corner_written_with_a_slash(query, point):
    place = plan(query).place
    assert place.kind == "corner"
    assert haversine_km(place.point, point) <= 0.5, place


def test_with_written_w_slash_is_no_corner():
    place = plan("coke w/ ice near times square").place
    assert place.kind == "landmark" and "Times Square" in place.name


@pytest.mark.parametrize(
    "query",
    [
        "coke mlk jr blvd and burnside portland",
        "coke martin luther king blvd and burnside portland",
        "coke ne martin luther king jr blvd & e burnside st portland",
    ],
)
def test_martin_luther_king_jr_boulevard_by_any_of_its_names(query):
    place = plan(query).place
    assert place.kind == "corner"
    assert haversine_km(place.point, (45.5230, -122.6610)) <= 0.3, place


def test_a_street_drawn_in_two_pieces_makes_one_corner():
    place = plan("sprite at flagler and miami avenue miami").place  # Flagler St is two lines in the data
    assert place.kind == "corner"
    assert haversine_km(place.point, (25.7742, -80.1937)) <= 0.3


def test_a_slash_before_a_numbered_street():
    place = plan("coke james st/4th ave seattle").place
    assert place.kind == "corner"
    assert haversine_km(place.point, (47.6030, -122.3300)) <= 0.3
