"""Issue 16: find the place people name, and say so when it cannot (gazetteer, parser, interpretation)."""

import pytest

from search.geo.gazetteer import PlaceAmbiguous, PlaceNotFound, haversine_km
from search.interpret import Unresolved
from search.parsing.text import extract_numbers
from search.tests.offline import gazetteer, plan


@pytest.mark.parametrize(
    "query",
    [
        "diet coke near hogwarts castle",  # Castle, OK
        "snickers close to the Golden Gate Bridge",  # Golden Gate, IL
        "mints near sunnyvale beach bridge",
    ],
)
def test_an_unknown_place_is_refused_never_moved_to_a_far_away_town(query):
    with pytest.raises(Unresolved) as caught:
        plan(query)
    assert caught.value.which == "location"
    assert caught.value.understood["product"] in {"Diet Cola", "Chocolate Bar", "Mints"}


def test_a_lone_hamlet_far_from_every_metro_is_named_as_a_candidate_not_answered():
    with pytest.raises(PlaceNotFound) as caught:
        gazetteer.geocode("castle")
    assert "Castle, OK" in caught.value.suggestions[0]
    assert "km from" in caught.value.suggestions[0]  # how far it is from our nearest metro


def test_towns_of_one_name_outside_the_metros_ask_which_with_distances():
    with pytest.raises(PlaceAmbiguous) as caught:
        gazetteer.geocode("greenville")
    assert any("Greenville, SC" in s for s in caught.value.suggestions)
    assert all("km from the next" in s for s in caught.value.suggestions)


def test_a_landmark_the_metro_does_not_have_is_refused_not_replaced_by_the_city_centre():
    with pytest.raises(PlaceNotFound) as caught:
        gazetteer.geocode("wizard tower in denver")
    assert "Denver" in caught.value.message


@pytest.mark.parametrize(
    ("query", "point", "resolution"),
    [
        ("topo chico south beach", (25.7826, -80.1341), "neighbourhood"),
        ("chewing gum harvard square", (42.3734, -71.1189), "neighbourhood"),
        ("coke near graceland", (35.0477, -90.0260), "landmark"),
        ("mints in the galleria houston", (29.7391, -95.4640), "landmark"),
        ("water at the parthenon nashville", (36.1497, -86.8133), "landmark"),
        ("jerky at red rocks", (39.6654, -105.2057), "landmark"),
        ("pretzels jacksonville beach", (30.2947, -81.3931), "neighbourhood"),
        ("coke at o'hare", (41.9769, -87.9081), "airport"),
        ("doritos near LAX", (33.9425, -118.4081), "airport"),
        ("pepsi at DFW airport", (32.8972, -97.0377), "airport"),
        ("coffee near JFK", (40.6399, -73.7787), "airport"),
        ("water sky harbor", (33.4343, -112.0116), "airport"),
        ("gum at hartsfield jackson", (33.6367, -84.4279), "airport"),
    ],
)
def test_neighbourhoods_landmarks_and_airports_of_the_issue_are_found(query, point, resolution):
    place = plan(query).place
    assert haversine_km(place.point, point) < 1.0, place
    assert place.resolution == resolution
    assert place.confidence == "high"


def test_every_metro_has_its_airports_from_airportsdata():
    airports = [p for p in gazetteer.places if p.source == "airportsdata"]
    assert {p.metro for p in airports} == set(gazetteer.metros)
    assert len(airports) >= 45


@pytest.mark.parametrize(
    ("query", "product"),
    [
        ("jugo de naranja cerca de times square", "Orange Juice"),
        ("palomitas en central park", "Popcorn"),
        ("galletas al lado de bryant park", "Cookies"),
        ("limonada cerca de union square nyc", "Lemonade"),
        ("chicle en times square", "Gum"),
        ("cafe frio cerca de grand central", "Iced Coffee"),
        ("palomitas de maíz en central park", "Popcorn"),
    ],
)
def test_spanish_catalog_words_and_place_words(query, product):
    result = plan(query)
    assert result.product == product
    assert result.place.metro == "new-york"


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("40.7527° N, 73.9772° W", (40.7527, -73.9772)),
        ("lat 32.7157 long -117.1611", (32.7157, -117.1611)),
        ("latitude 41.88 longitude -87.62", (41.88, -87.62)),
        ("33.8688° S, 151.2093° E", (-33.8688, 151.2093)),
        ("40.75,-73.99", (40.75, -73.99)),
    ],
)
def test_coordinates_in_decimal_degree_sign_and_lat_long_forms(text, point):
    assert extract_numbers(f"coke {text}").coordinates == point


def test_typed_coordinates_resolve_as_coordinates():
    place = plan("coke 40.7527° N, 73.9772° W").place
    assert place.resolution == "coordinates"
    assert place.point == (40.7527, -73.9772)


def test_a_refused_product_still_says_which_place_was_understood():
    with pytest.raises(Unresolved) as caught:
        plan("pizza near times square")
    assert caught.value.which == "product"
    assert caught.value.understood["place"] == "Times Square, New York"
    assert "/api/products" not in caught.value.message


def test_a_misspelt_place_has_medium_confidence():
    assert plan("coke near tims square nyc").place.confidence == "medium"


def test_a_town_inside_a_metro_is_preferred_to_its_smaller_namesakes_with_medium_confidence():
    place = gazetteer.geocode("mesa")  # Mesa, AZ; Mesa, CO and WA are hamlets
    assert place.name == "Mesa, AZ"
    assert place.confidence == "medium"


@pytest.mark.parametrize("town", ["lexington", "arlington", "des moines"])
def test_a_metro_town_whose_namesake_elsewhere_is_as_big_is_asked_about(town):
    # Lexington, MA (Boston) is not what most people mean by "lexington" (Kentucky's); nor Des Moines, WA
    with pytest.raises(PlaceAmbiguous) as caught:
        gazetteer.geocode(town)
    assert len(caught.value.suggestions) >= 2


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke colfax and broadway denver", (39.7402, -104.9875)),
        ("diet coke peachtree st & 10th st ne atlanta", (33.7815, -84.3850)),
        ("coke broadway and houston st", (40.7254, -73.9970)),
        ("galletas cerca de Hollywood and Vine los angeles", (34.1016, -118.3267)),
        ("gum state and madison chicago", (41.8820, -87.6278)),
        ("water at broad and market philadelphia", (39.9526, -75.1636)),
        ("mints near 5th ave and broadway san diego", (32.7157, -117.1600)),
    ],
)
def test_corners_of_main_streets_outside_manhattans_grid(query, point):
    place = plan(query).place
    assert place.resolution == "corner"
    assert haversine_km(place.point, point) < 0.3, place


def test_a_numbered_corner_without_a_city_is_not_guessed():
    with pytest.raises(Unresolved):
        plan("water at 5th and broadway")


def test_every_metro_has_main_streets_that_cross():
    from itertools import combinations

    from search.geo.lines import crossing as _crossing

    streets = {s for group in gazetteer.corners.streets.values() for s in group}
    crossing = {a.metro for a, b in combinations(streets, 2) if a.metro == b.metro and _crossing(a.points, b.points)}
    assert crossing == set(gazetteer.metros)


def test_every_curated_addition_and_street_records_its_source():
    from search.geo.corners import DATA as STREETS
    from search.geo.gazetteer import DATA as PLACES

    lines = PLACES.read_text(encoding="utf-8").splitlines()
    added = lines[next(i for i, line in enumerate(lines) if line.startswith("# Issue 16")) + 1 :]
    assert len(added) >= 30
    for line in [*added, *(x for x in STREETS.read_text(encoding="utf-8").splitlines() if not x.startswith("#"))]:
        assert line.split("\t")[-1].strip(), line
        assert len(line.split("\t")) in (5, 7), line


def test_a_landmark_named_with_the_users_location_resolves_in_their_metro():
    assert plan("coke near union station", lat=39.0849, lon=-94.5857).place.metro == "kansas-city"
    assert plan("coke near union station kansas city").place.metro == "kansas-city"
