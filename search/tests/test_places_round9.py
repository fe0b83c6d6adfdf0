"""Issue 16, ninth round: towns that no ZIP code names (GeoNames), districts named with their state, towns beyond
the metros' reach, corners written in Spanish with "la 36" and as "corner of ...", names without their "Memorial",
and product words around the place. Through `interpret`; points are the places' published coordinates, written
independently of the data."""

import pytest

from search.geo.gazetteer import haversine_km
from search.interpret import Unresolved
from search.tests.offline import assert_corner, plan


@pytest.mark.parametrize(
    ("query", "metro", "point", "source"),
    [
        ("pepsi in paradise nv", "las-vegas", (36.0972, -115.1467), "geonames:city"),  # its ZIP codes say Las Vegas
        ("coke sunrise manor nevada", "las-vegas", (36.2111, -115.0731), "geonames:city"),
        ("chips at atascocita", "houston", (29.9988, -95.1766), "geonames:city"),  # 32 km from Houston's centre
        # an "acceptable" city of Littleton's ZIP codes, placed at GeoNames' centre since the fourteenth round
        ("water in highlands ranch", "denver", (39.5539, -104.9694), "zipcodes:city"),
    ],
)
def test_a_town_no_zip_code_names_is_its_metro_s(query, metro, point, source):
    place = plan(query).place
    assert place.kind == "city" and place.metro == metro, place
    assert place.source == source
    assert haversine_km(place.point, point) <= 2.0


@pytest.mark.parametrize("query", ["diet coke in kenwood", "snickers in kensington", "pretzels at lincoln square"])
def test_a_district_of_several_metros_stays_ambiguous_though_geonames_calls_it_a_town(query):
    with pytest.raises(Unresolved):
        plan(query)


def test_a_district_named_with_its_state_instead_of_its_metro():
    place = plan("beef jerky spring valley nv").place
    assert place.metro == "las-vegas"
    assert haversine_km(place.point, (36.1080, -115.2450)) <= 2.0


@pytest.mark.parametrize(
    ("query", "nearest"),
    [
        ("diet coke in providence rhode island", "Boston"),
        ("coke in san francisco", "San Jose"),
        ("coke provo utah", "Salt Lake City"),
    ],
)
def test_a_town_beyond_every_metro_s_machines_says_the_nearest_metro(query, nearest):
    with pytest.raises(Unresolved) as caught:
        plan(query)
    assert "outside the metros we serve" in str(caught.value) and nearest in str(caught.value)


def test_a_town_with_words_it_does_not_explain_is_not_sure():
    place = plan("gum at king and alum rock san jose").place
    assert place.confidence != "high" or place.kind == "corner", place


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("esquina de biscayne y la 36, hay maquina con galletas?", (25.8096, -80.1865)),  # NE 36th St, Miami
        ("corner of summer and washington, dasani?", (42.3555, -71.0604)),  # Downtown Crossing, Boston
        ("coke summer st & washington st boston", (42.3555, -71.0604)),
    ],
)
def test_corners_written_in_spanish_and_with_corner_of(query, point):
    assert_corner(query, point, km=0.4)


@pytest.mark.parametrize(
    ("query", "product", "place_words"),
    [
        ("anywhere to get trail mix near ping tom park", "Trail Mix", "Ping Tom"),  # "Ping Tom Memorial Park"
        ("anywhere to get a pepsi in camden nj", "Cola", "Camden"),
        ("need a coke zero in brookline", "Diet Cola", "Brookline"),
        ("santa fe depot arizona green tea", "Green Tea", "Santa Fe Depot, San Diego"),  # AriZona, the brand
        ("hay alguna máquina en eastridge con jugo de naranja", "Orange Juice", "Eastridge"),
        ("barra de proteína cerca de west u", "Protein Bar", "West University Place"),
        ("kenmore air harbor - pringles", "Potato Chips", "Kenmore Air Harbor"),
    ],
)
def test_words_around_the_place_and_the_product(query, product, place_words):
    result = plan(query)
    assert result.product == product
    assert place_words in result.place.name, result.place


def test_a_coke_is_still_a_cola():
    assert plan("get a coke at fenway").product == "Cola"


@pytest.mark.parametrize("query", ["coke larimer and market denver", "coke texas ave and prairie houston"])
def test_parallel_streets_a_block_apart_are_no_corner(query):
    with pytest.raises(Unresolved):
        plan(query)


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke lyndale and 26th minneapolis", (44.9557, -93.2880)),
        ("2600 block of lyndale ave s, minneapolis - slim jim", (44.9548, -93.2880)),  # between 26th and 27th
        ("water at 28th st and nicollet ave minneapolis", (44.9521, -93.2778)),
    ],
)
def test_south_minneapolis_numbered_streets(query, point):
    assert_corner(query, point)


def test_a_numbered_corner_needs_no_city_where_one_metro_has_both_streets():
    place = plan("clif bar 6th and lamar").place  # Dallas has a Lamar St, but no 6th St crossing it
    assert place.metro == "austin" and place.kind == "corner"
    with pytest.raises(Unresolved):
        plan("coke 5th and main")  # in every city


@pytest.mark.parametrize(
    ("query", "code_name"),
    [
        ("diet coke near scott afb", "Scott Afb"),  # "Scott Afb/Midamerica St Louis Airport": the base's own name
        ("coke at scott air force base", "Scott Afb"),
        ("kind bar at opa-locka airport", "Opa Locka"),  # "Miami-Opa Locka Executive Airport"
    ],
)
def test_airports_by_the_names_people_give_them(query, code_name):
    place = plan(query).place
    assert place.kind == "airport" and code_name in place.name, place


def test_a_misspelt_word_of_the_product_beside_it_is_no_place():
    result = plan("potatoe chips sunnyvale ca")
    assert result.product == "Potato Chips"
    assert result.place.name == "Sunnyvale, CA"


def test_two_metros_cities_of_one_name_are_asked_about():
    with pytest.raises(Unresolved):
        plan("coke pasadena")  # Pasadena, CA and Pasadena, TX are both cities


def test_umc_is_las_vegas_s_hospital_when_the_city_is_named():
    place = plan("umc hospital on w charleston in las vegas, need a granola bar").place
    assert place.name.startswith("University Medical Center of Southern Nevada")


def test_olmos_park_is_the_town_not_its_zip_code_s_point():
    assert haversine_km(plan("iced coffee olmos park tx").place.point, (29.4758, -98.4875)) <= 1.0


@pytest.mark.parametrize(
    ("query", "product", "place_words"),
    [
        ("latitud 33.7710 longitud -84.3850 galletas oreo", "Cookies", "33.77100"),
        ("ermita de la caridad en coconut grove, donde hay agua dasani?", "Spring Water", "Ermita"),  # "la": no LA
        ("agua mineral con gas cerca de la torre eiffel de las vegas", "Sparkling Water", "Paris Las Vegas"),
        ("biblioteca publica de detroit (la principal, en woodward), hay pepsi light?", "Diet Cola", "Detroit"),
        ("philly's magic gardens on south st, want pringles", "Potato Chips", "Magic Gardens"),
        ("east la takis", "Tortilla Chips", "East Los Angeles"),
        ("coke in la", "Cola", "Los Angeles"),  # the article only before more words or beside another metro
        ("agua en la", "Spring Water", "Los Angeles"),
    ],
)
def test_spanish_articles_coordinates_and_names(query, product, place_words):
    result = plan(query)
    assert result.product == product
    assert place_words in result.place.name, result.place


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("esquina de 400 sur y 700 este, salt lake - una coca", (40.7600, -111.8710)),  # Salt Lake City's grid
        ("coke cuadra 1500 de walnut st philadelphia", (39.9493, -75.1666)),  # "cuadra": a block
    ],
)
def test_spanish_grid_directions_and_blocks(query, point):
    assert_corner(query, point)


def test_names_of_several_metros_beside_each_other_say_the_one_they_share():
    place = plan("peanut m&m's near mill creek park by the plaza").place  # both Kansas City's
    assert place.metro == "kansas-city"
    with pytest.raises(Unresolved):
        plan("coke at the plaza")  # Kansas City, Las Vegas, New York


def test_a_town_just_beyond_a_metro_written_as_one_word_with_its_state():
    assert plan("sugarland tx slim jims").place.name == "Sugar Land, TX"
    with pytest.raises(Unresolved):
        plan("doritos near the white house")  # not White House, TN, 35 km from Nashville


def test_a_venue_named_with_downtown_before_its_city():
    place = plan("jack links near the central library in downtown san diego").place
    assert place.name == "San Diego Central Library"


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("mott's apple juice in dogtwon st. louis", "Dogtown"),  # two letters swapped
        ("coke at fenwya park", "Fenway Park"),
        ("coke in bostno", "Boston"),
    ],
)
def test_one_typo_in_a_short_name_is_a_guess_not_a_refusal(query, name):
    place = plan(query).place
    assert name in place.name and place.confidence == "medium", place


def test_w_slash_is_with():
    with pytest.raises(Unresolved):
        plan("brentwood - closest machine w/ gum")  # Los Angeles', Nashville's and St. Louis' Brentwood
    place = plan("coke w/ice near times square").place
    assert place.name.startswith("Times Square") and place.confidence == "high"
