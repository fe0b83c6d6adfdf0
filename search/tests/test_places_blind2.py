"""Issue 16, third round: the classes of the blind-2 dev misses (coordinates, served area, corners, airfields,
venues), each tested on other instances than the dev queries."""

import pytest

from search.geo.gazetteer import GeocodeError, PlaceAmbiguous, haversine_km
from search.interpret import Unresolved
from search.parsing.text import extract_numbers
from search.tests.offline import gazetteer, plan


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("39°44'N 104°59'W", (39.733333, -104.983333)),  # degrees and minutes, no seconds
        ("41°52′55″N 87°37′40″W", (41.881944, -87.627778)),  # with seconds, typographic primes
        ("33°44.9'N, 84°23.3'W", (33.748333, -84.388333)),  # decimal minutes
        ("N 39.74 W 104.99", (39.74, -104.99)),  # hemisphere before decimal degrees
        ("N 29°25' W 98°29'", (29.416667, -98.483333)),  # hemisphere before degrees and minutes
    ],
)
def test_degree_minute_forms_are_coordinates(text, point):
    found = extract_numbers(f"pretzels {text}")
    assert found.coordinates == point
    assert "pretzels" in found.text


def test_degree_minute_coordinates_resolve_inside_their_metro():
    place = plan("chips 39°44'N 104°59'W").place
    assert place.resolution == "coordinates"
    assert haversine_km((place.latitude, place.longitude), (39.7392, -104.9903)) < 2


@pytest.mark.parametrize("query", ["coke 96813", "coke 83702", "coke 21.3069, -157.8583", "coke 61°13'N 149°54'W"])
def test_a_zip_code_or_coordinates_outside_every_metro_are_refused_with_the_distance(query):
    # Honolulu, Boise, Anchorage: no machine within hundreds of km
    with pytest.raises(Unresolved) as caught:
        plan(query)
    assert caught.value.which == "location"
    assert "outside the metros we serve" in caught.value.message
    assert " km away" in caught.value.message


@pytest.mark.parametrize("query", ["coke in boise", "coke in anchorage alaska", "coke in new haven ct"])
def test_a_town_outside_every_metro_is_refused_with_the_distance(query):
    with pytest.raises(Unresolved) as caught:
        plan(query)
    assert "outside the metros we serve" in caught.value.message


def test_a_town_beside_a_metro_is_still_served():
    assert plan("coke in boulder co").place.name.startswith("Boulder")  # ~40 km from Denver's centre


def test_a_zip_code_inside_a_metro_still_resolves():
    place = plan("coke 80202").place  # downtown Denver
    assert place.resolution == "zip"


@pytest.mark.parametrize(
    ("query", "code_name"),
    [
        ("laurence g hanscom field", "Hanscom"),  # the package's name
        ("hanscom field", "Hanscom"),  # its person's name and the head word
        ("king county airport", "Boeing Field"),  # one of the names a joined package name holds, qualifier left out
        ("daugherty field", "Long Beach"),  # the name in parentheses
        ("coleman young municipal airport", "Coleman A Young"),  # without the initial
        ("holman field", "Holman Field"),  # Holman is a town in New Mexico: the two words are not
        ("near BFI", "Boeing Field"),  # a small airfield's code, in capitals
    ],
)
def test_a_small_airfield_named_in_full_or_by_code_resolves(query, code_name):
    place = gazetteer.geocode(query)
    assert place.kind == "airport"
    assert code_name in place.name
    assert place.confidence == "high"


def test_a_joined_name_that_is_only_a_city_is_not_the_airfield():
    # "Gary/Chicago International Airport" does not make "chicago international airport" Gary's
    assert "Gary" not in gazetteer.geocode("chicago international airport").name


@pytest.mark.parametrize("word", ["downtown", "executive", "downtown field"])
def test_bare_generic_words_still_name_no_airfield(word):
    try:
        place = gazetteer.geocode(word)
    except GeocodeError:
        return  # unknown or ambiguous
    assert place.kind != "airport"


@pytest.mark.parametrize(("query", "code"), [("memphis airport", "Memphis International"), ("philadelphia airport",
                         "Philadelphia International")])  # fmt: skip
def test_an_airfield_named_after_a_metro_lends_no_metro_airport_name(query, code):
    # "West Memphis Municipal Airport", "Northeast Philadelphia Airport": the last word is the metro's city
    assert code in gazetteer.geocode(query).name


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("16th st and thomas", (33.4802, -112.0475)),  # Phoenix: a numbered street and one only Phoenix has
        ("11th and guadalupe", (30.2760, -97.7427)),  # Austin
        ("western and fullerton", (41.9250, -87.6866)),  # Chicago, no city named
        ("flatbush and atlantic brooklyn", (40.6843, -73.9776)),  # a borough scopes the corner
        ("university and park blvd north park", (32.7485, -117.1462)),  # a neighbourhood scopes it
        ("melrose and fairfax", (34.0837, -118.3615)),  # Los Angeles
        ("16th and college indianapolis", (39.7905, -86.1456)),
    ],
)
def test_corners_of_main_streets_outside_manhattan(query, point):
    place = gazetteer.geocode(query)
    assert place.kind == "corner"
    assert haversine_km((place.latitude, place.longitude), point) < 0.5
    assert place.ignored == ()


def test_a_numbered_street_type_written_picks_among_same_named_streets():
    assert "7th Ave" in gazetteer.geocode("7th ave and thomas").name
    assert "7th St" in gazetteer.geocode("7th st and thomas").name


@pytest.mark.parametrize("query", ["7th and thomas", "main and broadway"])
def test_a_corner_several_places_have_is_ambiguous_never_one_silently(query):
    try:
        place = gazetteer.geocode(query)
    except PlaceAmbiguous as caught:
        assert caught.suggestions
    else:
        assert place.kind != "corner", place


def test_a_numbered_street_and_a_street_every_city_has_is_not_a_corner_without_a_city():
    with pytest.raises(GeocodeError):
        gazetteer.geocode("5th and main")


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("city museum in st louis", "City Museum"),  # a name holding a filler word ("city"), its metro named
        ("ponce city markit", "Ponce City Market"),  # misspelt, its first word a town (Ponce, PR)
        ("city musuem in st louis", "City Museum"),  # misspelt, a name that counts only with its metro
    ],
)
def test_venue_names_holding_filler_words_and_their_misspellings(query, name):
    assert name in gazetteer.geocode(query).name


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("poydras and st charles", (29.9490, -90.0724)),  # a street named "St ...": "st" is not its type
        ("colfax and downing", (39.7401, -104.9731)),
        ("lake and lyndale", (44.9485, -93.2880)),
        ("broad and chestnut", (39.9507, -75.1639)),
        ("delmar and kingshighway", (38.6560, -90.2640)),
    ],
)
def test_corners_in_more_metros(query, point):
    place = gazetteer.geocode(query)
    assert place.kind == "corner"
    assert haversine_km((place.latitude, place.longitude), point) < 0.5
