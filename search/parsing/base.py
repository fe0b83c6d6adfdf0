"""The query parser interface: a free-text query -> a `ParsedQuery`. Two implementations:
`search.parsing.offline.OfflineParser` (rules + lexicons, the default) and
`search.parsing.llm.LlmParser` (Anthropic tool use, validated, falling back to the offline parser).
Pure Python: no Django."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from search.parsing.products import ProductMatch


@dataclass(frozen=True)
class ParsedQuery:
    query: str
    product: ProductMatch
    location_phrase: str | None = None  # what to geocode ("west 42nd street new york city")
    coordinates: tuple[float, float] | None = None  # explicit in the text, or checked LLM knowledge
    coordinates_source: str | None = None  # "text" | "llm"
    limit: int | None = None
    radius_km: float | None = None
    parser: str = "offline"
    notes: tuple[str, ...] = field(default=())  # e.g. why the LLM answer was not used


class QueryParser(Protocol):
    name: str

    def parse(self, query: str) -> ParsedQuery: ...
