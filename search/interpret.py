"""From a parsed query to a search plan: which products, around which point, how many, how far.

Pure Python (no Django): the API, the page, the evaluation command and the benchmark all go through
`interpret`, so they agree on what a query means. Failures are `Unresolved` with a message that
says what was not understood and how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from search.geo.airports import METRO_RADIUS_KM
from search.geo.gazetteer import Gazetteer, GeocodeError, Place, PlaceAmbiguous, haversine_km
from search.parsing.base import ParsedQuery
from search.parsing.products import CATALOG, ProductMatch
from search.parsing.text import normalise

DEFAULT_LIMIT = 5
MAX_LIMIT = 50
LLM_COORDINATE_TOLERANCE_KM = 30.0


class Unresolved(Exception):
    """The query cannot be answered as written: `which` is "product" or "location"."""

    def __init__(
        self, which: str, message: str, suggestions: list[str] | None = None, code: str = "", term: str = ""
    ) -> None:
        super().__init__(message)
        self.which = which
        self.term = term  # the words not understood
        self.message = message
        self.suggestions = suggestions or []
        self.code = code or f"unknown_{which}"
        self.understood: dict[str, str | None] = {"product": None, "place": None}  # what was understood anyway


@dataclass(frozen=True)
class Plan:
    products: tuple[str, ...]  # one product, or the candidates of an ambiguous word
    product: str | None  # set when exactly one product is meant
    product_term: str
    match: str  # exact | fuzzy | semantic | ambiguous | any (no product named)
    alternatives: tuple[str, ...]
    place: Place
    limit: int
    radius_km: float | None
    parser: str
    notes: tuple[str, ...] = field(default=())


def interpret(
    parsed: ParsedQuery,
    gazetteer: Gazetteer,
    *,
    lat: float | None = None,
    lon: float | None = None,
    limit: int | None = None,
    radius_km: float | None = None,
) -> Plan:
    match = parsed.product
    if match.product is None and not match.term:  # "vending machines near renton airport": any product in stock
        match = ProductMatch(term="", product=None, alternatives=CATALOG, how="any")
    if match.product is None and not (match.how in ("ambiguous", "any") and match.alternatives):
        hint = f" Did you mean {', '.join(match.suggestions)}?" if match.suggestions else ""
        problem = Unresolved(
            "product",
            f"We don't sell '{match.term}': it matches nothing in the catalog.{hint}",
            list(match.suggestions),
            term=match.term,
        )
        problem.understood["place"] = _place_or_none(parsed, gazetteer, lat, lon)
        raise problem

    near = (lat, lon) if lat is not None and lon is not None else None
    try:
        place = _place(parsed, gazetteer, near)
    except Unresolved as problem:
        problem.understood["product"] = match.product or " or ".join(match.alternatives)
        raise
    if match.product is not None:
        products, alternatives = (match.product,), match.alternatives
    else:  # an ambiguous word's candidates are offered to narrow the search; "any product" offers none
        products, alternatives = match.alternatives, (() if match.how == "any" else match.alternatives)
    chosen_limit = limit or parsed.limit or DEFAULT_LIMIT
    return Plan(
        products=products,
        product=match.product,
        product_term=match.term,
        match=match.how,
        alternatives=tuple(alternatives),
        place=place,
        limit=max(1, min(MAX_LIMIT, chosen_limit)),
        radius_km=radius_km if radius_km is not None else parsed.radius_km,
        parser=parsed.parser,
        notes=parsed.notes,
    )


def _place(parsed: ParsedQuery, gazetteer: Gazetteer, near: tuple[float, float] | None) -> Place:
    if parsed.coordinates is not None and parsed.coordinates_source == "text":
        lat, lon = parsed.coordinates
        outside = gazetteer.outside_metros((lat, lon), f"{lat:.4f}, {lon:.4f}", f"{lat}, {lon}")
        if outside is not None:
            raise Unresolved("location", outside.message, outside.suggestions, term=outside.phrase)
        return Place(f"{lat:.5f}, {lon:.5f}", lat, lon, "coordinates", gazetteer.metro_for_point((lat, lon)), "query")
    if parsed.location_phrase:
        try:
            place = gazetteer.geocode(parsed.location_phrase, near=near)
        except PlaceAmbiguous as exc:
            raise Unresolved(
                "location", exc.message, exc.suggestions, code="ambiguous_location", term=parsed.location_phrase
            )
        except GeocodeError as exc:
            if near is not None and not _names_a_place(parsed.location_phrase):
                return _browser(near, gazetteer)
            placed = _llm_place(parsed, gazetteer, near)
            if placed is not None:
                return placed
            raise Unresolved("location", exc.message, exc.suggestions, term=parsed.location_phrase)
        # a town the gazetteer knows outside every metro ("anchorage", "boise") has no machine near it
        outside = (
            gazetteer.outside_metros(place.point, place.name, parsed.location_phrase) if place.metro is None else None
        )
        if outside is not None:
            raise Unresolved("location", outside.message, outside.suggestions, term=parsed.location_phrase)
        # the LLM's own coordinates, only for a city-wide place and only where they agree with the gazetteer's
        if (
            parsed.coordinates is not None
            and parsed.coordinates_source == "llm"
            and place.kind in ("metro", "city")
            and haversine_km(parsed.coordinates, place.point) <= LLM_COORDINATE_TOLERANCE_KM
        ):
            lat, lon = parsed.coordinates
            return Place(place.name, lat, lon, place.kind, place.metro, "llm (checked against gazetteer)")
        return place
    if near is not None:
        return _browser(near, gazetteer)
    raise Unresolved(
        "location",
        "The query says no place. Add one ('near Times Square', 'in Chicago', a ZIP code, '40.75,-73.99') "
        "or send lat and lon (the page's 'use my location').",
        ["near Times Square, New York", "in Chicago", "10036"],
        code="missing_location",
    )


def _llm_place(parsed: ParsedQuery, gazetteer: Gazetteer, near: tuple[float, float] | None) -> Place | None:
    """The language model's point for a place the gazetteer lacks, only inside the bounds of the metro the query
    names (or, naming none, the metro of the user's location): never a point elsewhere."""
    if parsed.coordinates is None or parsed.coordinates_source != "llm" or not parsed.location_phrase:
        return None
    words = normalise(parsed.location_phrase).split()
    named = [gazetteer.metro_names[" ".join(words[s:e])] for s, e, kind in gazetteer.spans(words) if kind == "metro"]
    metro_key = named[-1] if named else (gazetteer.metro_for_point(near) if near is not None else None)
    metro = gazetteer.metros.get(metro_key or "")
    if metro is None or haversine_km(parsed.coordinates, (metro.latitude, metro.longitude)) > METRO_RADIUS_KM:
        return None
    lat, lon = parsed.coordinates
    name = f"{parsed.location_phrase.strip().title()} ({metro.name})"
    return Place(name, lat, lon, "landmark", metro.key, f"llm (inside {metro.name})", (), "medium")


def _place_or_none(parsed: ParsedQuery, gazetteer: Gazetteer, lat: float | None, lon: float | None) -> str | None:
    near = (lat, lon) if lat is not None and lon is not None else None
    try:
        return _place(parsed, gazetteer, near).name
    except Unresolved:
        return None


def _names_a_place(phrase: str) -> bool:
    return any(len(word) > 2 for word in phrase.split() if word not in {"me", "here", "my", "location"})


def _browser(near: tuple[float, float], gazetteer: Gazetteer) -> Place:
    lat, lon = near
    return Place("your location", lat, lon, "coordinates", gazetteer.metro_for_point(near), "browser")
