"""The evaluation set (`queries.tsv`) and its scoring: product accuracy and located-within-tolerance.
Pure Python: no Django."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from search.geo.gazetteer import Gazetteer, haversine_km
from search.interpret import Unresolved, interpret
from search.parsing.base import QueryParser

QUERIES = Path(__file__).with_name("queries.tsv")
# Held-out queries (issue 16): written before tuning, never tuned on. Scored with TOLERANCE_KM by kind.
HELDOUT = Path(__file__).with_name("heldout.tsv")
# Blind queries (issue 16): written 2026-12-01 without reading the parser or the gazetteer; never tuned on.
BLIND = Path(__file__).with_name("blind.tsv")
# A located place is right within this distance of the expected point, by what kind of place it is.
TOLERANCE_KM = {"coordinates": 0.3, "corner": 1.0, "landmark": 2.0, "park": 2.0, "airport": 3.0,
                "neighbourhood": 3.0, "zip": 3.0}  # fmt: skip


@dataclass(frozen=True)
class Case:
    query: str
    product: str
    latitude: float
    longitude: float
    place: str
    kind: str = ""  # coordinates | corner | landmark | park | airport | neighbourhood | zip ("" = one tolerance)


@dataclass(frozen=True)
class Outcome:
    case: Case
    product: str | None
    distance_km: float | None
    error: str | None

    def product_ok(self) -> bool:
        return self.product == self.case.product

    def location_ok(self, tolerance_km: float) -> bool:
        """Within `tolerance_km`, or within the tolerance of the case's kind when it has one."""
        limit = TOLERANCE_KM.get(self.case.kind, tolerance_km)
        return self.distance_km is not None and self.distance_km <= limit


def load_cases(path: Path = QUERIES) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, product, lat, lon, place, *kind = line.split("\t")
        cases.append(Case(query, product, float(lat), float(lon), place, kind[0] if kind else ""))
    return cases


def run_case(case: Case, parser: QueryParser, gazetteer: Gazetteer) -> Outcome:
    parsed = parser.parse(case.query)
    product = parsed.product.product
    try:
        plan = interpret(parsed, gazetteer)
    except Unresolved as exc:
        return Outcome(case, product, None, f"{exc.which}: {exc.message}")
    distance = haversine_km(plan.place.point, (case.latitude, case.longitude))
    return Outcome(case, product, distance, None)


def evaluate(parser: QueryParser, gazetteer: Gazetteer, cases: list[Case] | None = None) -> list[Outcome]:
    return [run_case(case, parser, gazetteer) for case in (cases if cases is not None else load_cases())]
