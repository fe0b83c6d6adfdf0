"""The offline parser on the real gazetteer, built once per test process for every module that plans queries
(building the gazetteer takes ~1.7 s; each test module used to build its own)."""

from __future__ import annotations

from search.geo.gazetteer import Gazetteer, haversine_km
from search.geo.model import Place
from search.interpret import Plan, Unresolved, interpret
from search.parsing.offline import OfflineParser
from search.parsing.products import ProductResolver
from search.parsing.semantic import LexicalMatcher

gazetteer = Gazetteer()
parser = OfflineParser(gazetteer, ProductResolver(LexicalMatcher()))


def plan(query: str, **kwargs) -> Plan:
    """What the search makes of `query` (raises `Unresolved` as the API's interpretation does)."""
    return interpret(parser.parse(query), gazetteer, **kwargs)


def km_from(query: str, point: tuple[float, float]) -> float:
    """How far the place `query` resolves to lies from `point`."""
    return haversine_km(plan(query).place.point, point)


def assert_corner(query: str, point: tuple[float, float], km: float = 0.3) -> Place:
    """`query` is answered as a corner within `km` of `point`."""
    place = plan(query).place
    assert place.kind == "corner", place
    assert haversine_km(place.point, point) <= km, place
    return place


def assert_no_corner(query: str) -> None:
    """`query` is refused, or answered with something other than a corner (two streets that do not meet)."""
    try:
        place = plan(query).place
    except Unresolved:
        return
    assert place.kind != "corner", place


def assert_venue(query: str, name: str, point: tuple[float, float], km: float = 0.5) -> Place:
    """`query` is answered with the place called `name` (the city the answer adds after a comma aside), less than
    `km` from `point`."""
    place = plan(query).place
    assert place.name.split(", ")[0] == name, place
    assert haversine_km(place.point, point) < km, place
    return place
