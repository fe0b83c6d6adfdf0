"""The offline parser on the real gazetteer, built once per test process for every module that plans queries
(building the gazetteer takes ~1.7 s; each test module used to build its own)."""

from __future__ import annotations

from search.geo.gazetteer import Gazetteer, haversine_km
from search.interpret import Plan, interpret
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
