"""Reads of the search app: understand a query, find the nearest in-stock machines, hydrate them.

`machine_search(q=..., lat=, lon=, limit=, radius_km=)` is what the API and the page call. The
parser is the LLM one when `ANTHROPIC_API_KEY` is set (falling back to the offline parser on any
failure), the offline one otherwise. The gazetteer, the product resolver and the parsers are built
once per process: they hold only reference data shipped with the code.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache

from fleet import selectors as fleet_selectors
from search.geo.gazetteer import Gazetteer
from search.index import Hit
from search.interpret import Plan, Unresolved, interpret
from search.parsing.base import ParsedQuery, QueryParser
from search.parsing.offline import OfflineParser
from search.parsing.products import ProductResolver
from search.parsing.semantic import default_matcher
from search.parsing.text import KM_PER_MILE
from search.services import geo_index, search_index_heal

__all__ = ["SearchAnswer", "Unresolved", "machine_search", "parser"]

_lock = threading.Lock()
_built: dict[str, Any] = {}


def _components() -> tuple[Gazetteer, ProductResolver, OfflineParser]:
    if "offline" not in _built:
        with _lock:
            if "offline" not in _built:
                gazetteer = Gazetteer()
                resolver = ProductResolver(semantic=_LazyMatcher())
                _built["gazetteer"], _built["resolver"] = gazetteer, resolver
                _built["offline"] = OfflineParser(gazetteer, resolver)
    return _built["gazetteer"], _built["resolver"], _built["offline"]


class _LazyMatcher:
    """Loads the semantic matcher (and its model) only when a description first needs it."""

    def __init__(self) -> None:
        self._matcher = None

    @property
    def threshold(self) -> float:
        return self._load().threshold

    def _load(self):
        if self._matcher is None:
            with _lock:
                if self._matcher is None:
                    self._matcher = default_matcher()
        return self._matcher

    def __call__(self, phrase: str):
        return self._load()(phrase)


def gazetteer() -> Gazetteer:
    return _components()[0]


def offline_parser() -> OfflineParser:
    return _components()[2]


def parser() -> QueryParser:
    """The LLM parser when ANTHROPIC_API_KEY is set, else the offline parser. The LLM parser (and its
    HTTP client, which keeps its connections) is built once per process and key."""
    gaz, resolver, offline = _components()
    if not settings.ANTHROPIC_API_KEY:
        return offline
    key = (settings.ANTHROPIC_API_KEY, settings.ANTHROPIC_MODEL, settings.ANTHROPIC_TIMEOUT)
    built = _built.get("llm")
    if built is not None and built[0] == key:
        return built[1]
    import anthropic

    from search.parsing.llm import LlmParser

    llm = LlmParser(
        client=anthropic.Anthropic(api_key=settings.ANTHROPIC_API_KEY, max_retries=0),
        model=settings.ANTHROPIC_MODEL,
        fallback=offline,
        resolver=resolver,
        gazetteer=gaz,
        cache=cache,
        timeout=min(settings.ANTHROPIC_TIMEOUT, 5.0),
    )
    _built["llm"] = (key, llm)
    return llm


@dataclass(frozen=True)
class SearchAnswer:
    query: str
    parsed: ParsedQuery
    plan: Plan
    results: list[dict[str, Any]]
    index_state: str = "ok"  # ok | rebuilding (the index was missing and is being rebuilt by itself)


def machine_search(
    *,
    q: str,
    lat: float | None = None,
    lon: float | None = None,
    limit: int | None = None,
    radius_km: float | None = None,
    query_parser: QueryParser | None = None,
) -> SearchAnswer:
    """Raises `Unresolved` (which: product | location) when the query cannot be answered as written."""
    parsed = (query_parser or parser()).parse(q)
    plan = interpret(parsed, gazetteer(), lat=lat, lon=lon, limit=limit, radius_km=radius_km)
    state = search_index_heal()
    results = _nearest_hydrated(plan)
    return SearchAnswer(query=q, parsed=parsed, plan=plan, results=results, index_state=state)


def _nearest_hydrated(plan: Plan) -> list[dict[str, Any]]:
    index = geo_index()
    lat, lon = plan.place.point
    excluded: set[str] = set()
    for _ in range(3):  # an entry the database contradicts (sold out this instant) is skipped
        hits = index.nearest(plan.products, lat, lon, limit=plan.limit, radius_km=plan.radius_km, exclude=excluded)
        rows, stale = _hydrate(hits, plan.products)
        if not stale:
            return rows
        excluded |= stale
    return rows


def _hydrate(hits: list[Hit], products: tuple[str, ...]) -> tuple[list[dict[str, Any]], set[str]]:
    """Machines from the database (one query); the stock from the index, which the same committed
    change that wrote the database wrote too. A machine the database says is gone or offline is stale."""
    if not hits:
        return [], set()
    machines = fleet_selectors.machine_cards_by_ids(ids=[uuid.UUID(h.machine_id) for h in hits])
    results, stale = [], set()
    for hit in hits:
        machine = machines.get(uuid.UUID(hit.machine_id))
        if machine is None or hit.quantity <= 0 or machine["status"] == "offline":
            stale.add(hit.machine_id)
            continue
        results.append(
            {
                "machine": {**machine, "id": str(machine["id"])},
                "product": hit.product,
                "quantity": hit.quantity,
                "distance_km": round(hit.distance_km, 3),
                "distance_miles": round(hit.distance_km / KM_PER_MILE, 3),
            }
        )
    return results, stale
