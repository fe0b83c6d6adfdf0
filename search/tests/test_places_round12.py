"""Issue 16, twelfth round: readings the eleventh round's dev halves and probes showed wrong, fixed in general.

- Spanish "del" introduces a place ("cerca del parque balboa") but also begins town names ("Del Mar", "Del Rio"):
  it is dropped only where no town's name begins with it.
- A Spanish article before a name is the name's ("cerca de los cloisters" is The Cloisters, "cerca de la space
  needle" is not Los Angeles), while "la union station" stays Los Angeles'.
- A venue named with a long suburb ("taliesin west scottsdale", 15 km from Scottsdale's centre) is the venue when it
  lies near one of the suburb's ZIP codes' points.
- "<unknown> park st louis" was read as Boston's "park st" (Park Street Station) and "louis": a metro's name now goes
  before an as-long place name, and "st" that begins a town's name ("st paul") is the town's.
- A town of the metro's state named with the metro is the town up to 60 km out ("katy houston", 44 km).
- A name with its metro ("westlake los angeles") no longer takes the last word of a longer name ("harvard westlake
  los angeles" was Harvard University, Boston, with confidence high).
- Two names only found in two far-apart metros ("space needle venice beach") are asked about, not one answered.
- Airports' former names (Idlewild, Weir Cook, Montgomery Field), from each airport's Wikipedia history.
- "arizona biltmore" was an alias of Biltmore Fashion Park, so the hotel (its own row) was never reached.
Expected points are the places' published coordinates (Wikipedia), written apart from the gazetteer's rows."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import km_from, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        ("coke in del mar", (32.9595, -117.2653), 2.0),  # Del Mar, CA (Wikipedia)
        ("agua en del mar", (32.9595, -117.2653), 2.0),
        ("water del mar ca", (32.9595, -117.2653), 2.0),
        ("snacks at the del mar racetrack", (32.9770, -117.2600), 1.0),  # Del Mar Racetrack (Wikipedia)
        ("agua cerca del parque balboa", (32.7341, -117.1446), 1.5),  # Balboa Park, San Diego (Wikipedia)
        ("coca cerca del centro de miami", (25.7743, -80.1937), 2.0),  # Downtown Miami
        ("coke at the arizona biltmore", (33.5213, -112.0226), 1.0),  # Arizona Biltmore Hotel (Wikipedia)
        ("coke at biltmore fashion park", (33.5100, -112.0290), 1.0),  # Biltmore Fashion Park (Wikipedia)
        ("agua cerca de los cloisters", (40.8649, -73.9319), 1.0),  # The Cloisters (Wikipedia)
        ("agua cerca de la space needle", (47.6205, -122.3493), 0.5),  # Space Needle (Wikipedia)
        ("coke la union station", (34.0561, -118.2365), 0.5),  # Los Angeles Union Station (Wikipedia)
        ("coke taliesin west scottsdale", (33.6063, -111.8453), 1.0),  # Taliesin West (Wikipedia)
        ("coke taliesen west scottsdale", (33.6063, -111.8453), 1.0),
        ("coke katy houston", (29.7858, -95.8245), 3.0),  # Katy, TX (Wikipedia)
        ("agua en baytown houston", (29.7355, -94.9774), 3.0),  # Baytown, TX (Wikipedia)
        ("coke harvard westlake los angeles", (34.1394, -118.4128), 1.0),  # Harvard-Westlake School (Wikipedia)
        ("snacks at chaifetz arena SLU", (38.6301, -90.2292), 1.0),  # Chaifetz Arena (Wikipedia)
        ("coke at idlewild", (40.6398, -73.7789), 3.0),  # JFK, once Idlewild (Wikipedia)
        ("water near weir cook airport", (39.7173, -86.2944), 3.0),  # Indianapolis International (Wikipedia)
        ("coke by montgomery field", (32.8158, -117.1397), 3.0),  # Montgomery-Gibbs Executive Airport (Wikipedia)
    ],
)
def test_place(query: str, point: tuple[float, float], km: float) -> None:
    assert km_from(query, point) <= km


@pytest.mark.parametrize(
    "query", ["agua cerca de los cloisters", "agua cerca de la space needle", "coke taliesin west scottsdale"]
)
def test_sure(query: str) -> None:
    """The article and the suburb are explained, not words left over."""
    assert plan(query).place.confidence == "high"


@pytest.mark.parametrize("query", ["coke at zzyzx park st louis", "coke at zzyzx park st paul"])
def test_st_before_a_town_is_not_a_street(query: str) -> None:
    """Never Boston's Park Street Station: refused, or a place of the metro named, flagged."""
    try:
        place = plan(query).place
    except Unresolved:
        return
    assert place.metro == "minneapolis" and place.confidence != "high"


@pytest.mark.parametrize("query", ["coke space needle venice beach", "agua en times square south beach"])
def test_two_cities_are_asked_about(query: str) -> None:
    try:
        place = plan(query).place
    except Unresolved as exc:
        assert "several" in str(exc) or "two cities" in str(exc)
        return
    assert place.confidence != "high", place


def test_galveston_is_too_far_to_be_houston() -> None:
    """70 km out: not vouched for by the metro named; the metro, flagged."""
    place = plan("coke galveston houston").place
    assert place.confidence == "low"


def test_del_before_an_unknown_name_is_still_dropped() -> None:
    """ "cerca del" is a preposition there: the place read is the park, not a town called "del ..."."""
    assert plan("agua cerca del parque balboa").place.kind == "park"


@pytest.mark.parametrize(
    ("query", "product"),
    [("north ave and damen, snickers bar", "Chocolate Bar"), ("snikers bar at north ave and damen", "Chocolate Bar")],
)
def test_a_word_of_the_products_name_beside_its_brand_is_the_products(query: str, product: str) -> None:
    """ "bar" after "snickers" was read as part of the place ("north damen bar")."""
    result = plan(query)
    assert result.product == product
    assert result.place.kind == "corner"


def test_a_shared_street_beside_a_street_of_one_metro_is_that_metros() -> None:
    """Congress Ave is Austin's and Houston's; Oltorf St only Austin's: not asked which city."""
    place = plan("coke S Congress Ave & Oltorf St").place
    assert place.metro == "austin"


def test_a_shared_street_alone_is_still_asked_about() -> None:
    with pytest.raises(Unresolved):
        plan("coke congress ave")


def test_willow_grove_air_base() -> None:
    assert km_from("water at willow grove air base", (40.1997, -75.1480)) <= 3.0  # NAS JRB Willow Grove (Wikipedia)


@pytest.mark.parametrize(
    "query",
    ["coke at elysian fields and esplanade", "coke at the space needle scottsdale", "coke fenway park santa monica"],
)
def test_words_naming_another_metros_street_or_town_make_the_place_hardly_sure(query: str) -> None:
    """New Orleans' Elysian Fields beside Boston's Esplanade; Scottsdale beside Seattle's Space Needle."""
    try:
        place = plan(query).place
    except Unresolved:
        return
    assert place.confidence == "low", place


def test_a_misspelt_venue_followed_by_its_district() -> None:
    """ "voodo doughnut old town": the misspelt doughnut shop, in Portland's Old Town, flagged medium."""
    place = plan("mints near voodo doughnut old town").place
    assert place.confidence == "medium"
    assert km_from("mints near voodo doughnut old town", (45.5227, -122.6731)) <= 0.5  # Voodoo Doughnut (Wikipedia)


def test_an_unknown_name_before_a_district_of_that_name_elsewhere_is_still_refused() -> None:
    with pytest.raises(Unresolved):
        plan("coke zzyzx old town")
