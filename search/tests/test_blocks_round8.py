"""Issue 16, eighth round: street sections written as address blocks ("1800 block of Spruce St"), corners with a
numbered street the data lacks (read between its numbered neighbours), misspelt street names beside a known one,
misspelt suburbs named alone, and a town's own word not read as a kind of place ("gardena" is no garden). Each is
answered with confidence medium: what it reads is inferred, not known. Through `interpret`, as the API does."""

import pytest

from search.geo.gazetteer import haversine_km
from search.interpret import Unresolved
from search.tests.offline import plan

# points of the real intersections / block middles (OpenStreetMap), written independently of streets.tsv's lines
BLOCKS = [
    ("coke 1800 block of spruce st philadelphia", (39.9480, -75.1718)),  # between 18th and 19th
    ("pepsi by the 3200 block of e indian school rd", (33.4950, -112.0120)),  # at 32nd St, Phoenix
    ("water 400 block of s state st salt lake city", (40.7584, -111.8880)),  # between 400 and 500 South
    ("agua en el 1500 block of sw 8th st miami", (25.7656, -80.2195)),  # Calle Ocho at SW 15th Ave
    ("chips 2800 block of w camelback rd", (33.5094, -112.1210)),  # at 27th/29th Ave, west of Central
]


@pytest.mark.parametrize(("query", "point"), BLOCKS)
def test_a_block_is_the_middle_of_that_stretch_of_the_street(query, point):
    place = plan(query).place
    assert haversine_km(place.point, point) <= 0.5, place
    assert place.kind == "corner" and place.source == "streets:block"
    assert place.confidence == "medium"  # a city's numbering is assumed, not known
    assert "block of" in place.name


def test_a_block_of_a_street_of_several_cities_asks_which():
    with pytest.raises(Unresolved) as caught:
        plan("coke 1500 block of broadway")
    assert "Portland" in str(caught.value) and "Denver" in str(caught.value)


def test_a_block_number_of_five_digits_is_no_zip_code():
    with pytest.raises(Unresolved) as caught:
        plan("coke 10400 block of n 7th st")  # beyond the stretch the data draws: refused, but not as a ZIP
    assert "ZIP code 10400" not in str(caught.value)


INTERPOLATED = [
    ("coke camelback and 28th st", (33.5094, -112.0215)),  # Phoenix: between 24th and 32nd St
    ("pepsi market st and 14th st philadelphia", (39.9524, -75.1636)),  # 14th St is Broad St at City Hall
    ("un refresco en la calle ocho y la 16 avenida", (25.7656, -80.2215)),  # Little Havana
]


@pytest.mark.parametrize(("query", "point"), INTERPOLATED)
def test_a_numbered_street_the_data_lacks_is_read_between_its_neighbours(query, point):
    place = plan(query).place
    assert haversine_km(place.point, point) <= 0.5, place
    assert place.kind == "corner" and place.confidence == "medium"


def test_parallel_streets_make_no_corner():
    # Denver's numbered avenues run beside Colfax: there is no corner to read
    try:
        place = plan("coke colfax and 9th ave denver").place
    except Unresolved:
        return
    assert place.kind != "corner"


MISSPELT_STREETS = [
    ("coke colfx and broadway denver", (39.7402, -104.9875)),
    ("pepsi camelbak and 24th st", (33.5093, -112.0302)),
]


@pytest.mark.parametrize(("query", "point"), MISSPELT_STREETS)
def test_a_misspelt_street_beside_a_known_one_is_that_city_s_street(query, point):
    place = plan(query).place
    assert haversine_km(place.point, point) <= 0.5, place
    assert place.kind == "corner" and place.confidence == "medium"


TOWNS = [
    ("canada dry in scotsdale", "Scottsdale, AZ", (33.4942, -111.9261)),
    ("coke in balch springs", "Balch Springs, TX", (32.7287, -96.6228)),  # "balch" is not "beach"
    ("water in gardena", "Gardena, CA", (33.8883, -118.3090)),  # nor "gardena" a garden
]


@pytest.mark.parametrize(("query", "name", "point"), TOWNS)
def test_a_suburb_named_alone_misspelt_or_looking_like_a_kind_of_place(query, name, point):
    place = plan(query).place
    assert place.name == name
    assert haversine_km(place.point, point) <= 3


@pytest.mark.parametrize(
    "query",
    [
        "coke in pasadina",  # Pasadena, CA and Pasadena, TX are as close: no guess
        "coke near springfield",  # a town of many states, spelt right: refused as before
        "root beer near washington park",  # a park (Denver's, Portland's), not Washington Pk, IL
    ],
)
def test_a_misspelling_close_to_several_towns_or_a_park_is_not_guessed(query):
    try:
        place = plan(query).place
    except Unresolved:
        return
    assert place.confidence == "low" or place.kind not in ("city",), place


def test_spanish_fruit_snacks():
    assert plan("snacks de fruta cerca de union station denver").product == "Fruit Snacks"
