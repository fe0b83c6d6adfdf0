"""The LLM query parser: Anthropic's Messages API with one forced tool call (structured output).

The model fills `search_request` (product term, canonical product, location phrase, coordinates if
it knows them, result count, radius). Nothing it says is trusted as is:
- the product must be a catalog name; otherwise its product term goes through the offline resolver;
- the location phrase must geocode with the offline gazetteer; otherwise the offline parser's is used;
  its coordinates are kept only by `search.interpret`, for a city-wide place, within 30 km of it;
- any failure (timeout, HTTP error, refusal, malformed output) answers with the offline parser.
Answers are cached by normalised query (and model) so a repeated query costs no call.
Pure Python (the SDK and a cache object are passed in): no Django.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any, Protocol

from search.geo.gazetteer import Gazetteer, GeocodeError, PlaceAmbiguous
from search.parsing.base import ParsedQuery
from search.parsing.offline import OfflineParser
from search.parsing.products import CATALOG, ProductMatch, ProductResolver
from search.parsing.text import normalise

logger = logging.getLogger(__name__)

TOOL_NAME = "search_request"
CACHE_SECONDS = 60 * 60 * 24
MAX_LIMIT = 50
MAX_RADIUS_KM = 500.0

TOOL: dict[str, Any] = {
    "name": TOOL_NAME,
    "description": "Record what a person searching for a vending machine wants and where.",
    "input_schema": {
        "type": "object",
        "properties": {
            "product_term": {
                "type": ["string", "null"],
                "description": "The words of the query that name or describe the product, as written.",
            },
            "canonical_product": {
                "type": ["string", "null"],
                "enum": [*CATALOG, None],
                "description": "The catalog product meant (e.g. 'coke' -> 'Cola'); null if none fits or unsure.",
            },
            "location_phrase": {
                "type": ["string", "null"],
                "description": "The place as written, with its city if given, e.g. 'West 42nd Street, New York'.",
            },
            "latitude": {"type": ["number", "null"], "description": "Only if you know the place's coordinates."},
            "longitude": {"type": ["number", "null"]},
            "result_count": {"type": ["integer", "null"], "description": "How many machines they asked for."},
            "radius_km": {"type": ["number", "null"], "description": "A distance limit they gave, in km."},
        },
        "required": ["product_term", "canonical_product", "location_phrase"],
    },
}

SYSTEM = (
    "You turn a search for the nearest vending machine into a structured request. The catalog has exactly "
    f"these products: {', '.join(CATALOG)}. Map brands and everyday words to them (coke -> Cola, "
    "sprite -> Lemon-Lime Soda, red bull -> Energy Drink, lays -> Potato Chips). If the product is not in the "
    "catalog, set canonical_product to null. Never invent a place: copy the location words from the query."
)


class Cache(Protocol):
    def get(self, key: str) -> Any: ...

    def set(self, key: str, value: Any, timeout: int | None = ...) -> None: ...


class LlmParser:
    name = "llm"

    def __init__(
        self,
        *,
        client: Any,  # anthropic.Anthropic
        model: str,
        fallback: OfflineParser,
        resolver: ProductResolver,
        gazetteer: Gazetteer,
        cache: Cache | None = None,
        timeout: float = 4.0,
    ) -> None:
        self.client = client
        self.model = model
        self.fallback = fallback
        self.resolver = resolver
        self.gazetteer = gazetteer
        self.cache = cache
        self.timeout = timeout

    def cache_key(self, query: str) -> str:
        digest = hashlib.sha256(f"{self.model}\n{normalise(query)}".encode()).hexdigest()[:32]
        return f"search:llm:{digest}"

    def parse(self, query: str) -> ParsedQuery:
        offline = self.fallback.parse(query)
        try:
            answer = self._answer(query)
        except Exception as exc:  # timeouts, HTTP errors, malformed output: the offline parser answers
            logger.warning("LLM parser failed, offline parser answers: %s", exc)
            return _with_note(offline, f"LLM unavailable ({type(exc).__name__}); offline parser used")
        return self._validated(query, answer, offline)

    def _answer(self, query: str) -> dict[str, Any]:
        key = self.cache_key(query)
        if self.cache is not None:
            cached = self.cache.get(key)
            if isinstance(cached, dict):
                return cached
        message = self.client.messages.create(
            model=self.model,
            max_tokens=300,
            system=SYSTEM,
            tools=[TOOL],
            tool_choice={"type": "tool", "name": TOOL_NAME},
            messages=[{"role": "user", "content": query[:500]}],
            timeout=self.timeout,
        )
        for block in message.content:
            if getattr(block, "type", None) == "tool_use" and block.name == TOOL_NAME and isinstance(block.input, dict):
                answer = json.loads(json.dumps(block.input))  # plain JSON types only
                if self.cache is not None:
                    self.cache.set(key, answer, CACHE_SECONDS)
                return answer
        raise ValueError("the model did not call the search_request tool")

    def _validated(self, query: str, answer: dict[str, Any], offline: ParsedQuery) -> ParsedQuery:
        notes: list[str] = []
        term = _text(answer.get("product_term")) or offline.product.term
        product = self._product(term, _text(answer.get("canonical_product")), offline.product, notes)

        location = _text(answer.get("location_phrase"))
        if location and not self._geocodes(location):
            notes.append(f"LLM place '{location}' is not in the gazetteer; offline reading used")
            location = offline.location_phrase
        location = location or offline.location_phrase

        coordinates, source = offline.coordinates, offline.coordinates_source
        lat, lon = _number(answer.get("latitude")), _number(answer.get("longitude"))
        if coordinates is None and lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
            coordinates, source = (lat, lon), "llm"

        limit = _number(answer.get("result_count"))
        radius = _number(answer.get("radius_km"))
        return ParsedQuery(
            query=query,
            product=product,
            location_phrase=location,
            coordinates=coordinates,
            coordinates_source=source,
            limit=int(limit) if limit is not None and 1 <= limit <= MAX_LIMIT else offline.limit,
            radius_km=radius if radius is not None and 0 < radius <= MAX_RADIUS_KM else offline.radius_km,
            parser=self.name,
            notes=tuple(notes),
        )

    def _product(self, term: str, canonical: str | None, offline: ProductMatch, notes: list[str]) -> ProductMatch:
        by_lower = {name.lower(): name for name in CATALOG}
        if canonical and canonical.lower() in by_lower:
            name = by_lower[canonical.lower()]
            if offline.how == "ambiguous" and name not in offline.alternatives and offline.alternatives:
                notes.append(f"LLM chose {name}, outside the candidates of '{offline.term}'")
            return ProductMatch(term=term, product=name, how="llm")
        if canonical:
            notes.append(f"LLM product '{canonical}' is not in the catalog")
        if term and term != offline.term:
            resolved = self.resolver.resolve(term)
            if resolved.found:
                return resolved
        return offline

    def _geocodes(self, phrase: str) -> bool:
        try:
            self.gazetteer.geocode(phrase)
        except PlaceAmbiguous:
            return True  # a real place; interpret() asks which one
        except GeocodeError:
            return False
        return True


def _text(value: Any) -> str | None:
    return value.strip()[:200] or None if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _with_note(parsed: ParsedQuery, note: str) -> ParsedQuery:
    return ParsedQuery(
        query=parsed.query,
        product=parsed.product,
        location_phrase=parsed.location_phrase,
        coordinates=parsed.coordinates,
        coordinates_source=parsed.coordinates_source,
        limit=parsed.limit,
        radius_km=parsed.radius_km,
        parser=parsed.parser,
        notes=(*parsed.notes, note),
    )
