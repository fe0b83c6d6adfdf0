"""Issue 16, seventh round: military airfields by the names people write ("nellis afb", "luke air force base",
"dobbins air reserve base"), from the abbreviations in airportsdata's names ("Nellis Afb Airport"), through
`interpret`; a town of the same name ("Nellis AFB, NV", a census place) no longer wins over the airfield."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import km_from, plan

NELLIS, LUKE, DOBBINS = (36.2362, -115.0343), (33.5350, -112.3832), (33.9144, -84.5143)


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("pepsi at nellis afb", NELLIS),
        ("pepsi at nellis air force base", NELLIS),
        ("pepsi at nellis afb las vegas", NELLIS),
        ("water near luke afb", LUKE),
        ("water near luke air force base phoenix", LUKE),
        ("coke near dobbins arb", DOBBINS),
        ("coke near dobbins air reserve base", DOBBINS),
    ],
)
def test_a_military_airfield_by_its_abbreviation_or_its_words(query, point):
    assert plan(query).place.kind == "airport"
    assert km_from(query, point) < 1


def test_an_airfield_abbreviation_alone_is_no_airport():
    with pytest.raises(Unresolved):
        plan("pepsi at afb")


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke near CHD", (33.2691, -111.8111)),  # Chandler Municipal, Phoenix: no IATA code, the FAA's CHD
        ("water at the gky airport", (32.6639, -97.0943)),  # Arlington Municipal, Dallas
        ("pepsi by FFC airport peachtree city", (33.3577, -84.5725)),  # Atlanta Regional Falcon Field
    ],
)
def test_an_airfield_without_an_iata_code_by_the_faa_code_pilots_write(query, point):
    assert plan(query).place.kind == "airport"
    assert km_from(query, point) < 1


def test_an_faa_code_in_lower_case_without_airport_is_a_word():
    with pytest.raises(Unresolved):
        plan("coke near chd")  # "chd" alone: no airport is read into it


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke near nas north island", (32.6992, -117.2153)),  # "North Island Nas (Halsey Field)"
        ("coke near naval air station north island", (32.6992, -117.2153)),
        ("water near buckley sfb", (39.7018, -104.7520)),  # a Space Force base
        ("water near buckley air force base", (39.7018, -104.7520)),  # its name until 2021
    ],
)
def test_a_base_by_the_order_and_the_names_people_write(query, point):
    assert plan(query).place.kind == "airport"
    assert km_from(query, point) < 1
