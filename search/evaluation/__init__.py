"""The evaluation sets and their scoring: product accuracy, located-within-tolerance, and silent wrong places.

A row is `query, product, lat, lon, place[, kind]`. Kind `refuse` (lat/lon `-`) expects no place: the
query names a place that is unknown or ambiguous, so the right answer is a refusal with candidates (or a
place flagged `low`). A *silent wrong place* is a place answered with confidence `high` that lies beyond
the tolerance of its kind (or any place answered so where a refusal was expected): nothing in the response
tells the user it may be wrong. Wrong places flagged `medium`/`low` are counted apart. Pure Python: no Django."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from search.geo.gazetteer import Gazetteer, haversine_km
from search.interpret import Unresolved, interpret
from search.parsing.base import QueryParser

QUERIES = Path(__file__).with_name("queries.tsv")
# Held-out queries (issue 16): written before tuning, never tuned on. Scored with TOLERANCE_KM by kind.
HELDOUT = Path(__file__).with_name("heldout.tsv")
# Formerly blind (issue 16): written 2026-12-01 without reading the parser or the gazetteer; blind for the
# 2026-12-01 figures only, looked at since (a dev set now).
BLIND1_DEV = Path(__file__).with_name("blind1_dev.tsv")
# Held-out slice 2 (issue 16): written and committed 2026-12-02 before the changes for the blind misses.
HELDOUT2 = Path(__file__).with_name("heldout2.tsv")
# Dev half of blind-2 (issue 16): written 2026-12-02 without seeing the code; looked at since (a dev set).
BLIND2_DEV = Path(__file__).with_name("blind2_dev.tsv")
REFUSALS2_DEV = Path(__file__).with_name("refusals2_dev.tsv")
# Formerly the held-out half of blind-2: split before any result was seen and scored once blind (places 92.0 %,
# refusals 9/10); its misses were read on 2026-12-02 (fourth round), so it is a dev set now (see its header).
BLIND2_HOLDOUT = Path(__file__).with_name("blind2_holdout.tsv")
REFUSALS2_HOLDOUT = Path(__file__).with_name("refusals2_holdout.tsv")
# Dev half of blind-3 (issue 16): written 2026-12-02 without seeing the code, split by the lead; scored once blind
# when it arrived (places 81.1 %, refusals 15/15: see its header), looked at since (a dev set). Its other half is
# held out by the lead.
BLIND3_DEV = Path(__file__).with_name("blind3_dev.tsv")
REFUSALS3_DEV = Path(__file__).with_name("refusals3_dev.tsv")
# Formerly the held-out half of blind-3: split by the lead before any result was seen, shown to nobody changing the
# search code, scored blind by the lead once before and once after the fourth round (places 84.4 % -> 92.2 %,
# refusals 14/15 both times, 0 silent; see its header). Its misses were read on 2026-12-02 (fifth round), so it is a
# dev set now; blind-4 is the blind measure.
BLIND3_HOLDOUT = Path(__file__).with_name("blind3_holdout.tsv")
REFUSALS3_HOLDOUT = Path(__file__).with_name("refusals3_holdout.tsv")
# Dev half of blind-4 (issue 16): written 2026-12-02 without seeing the code, split by the lead; scored once blind
# when it arrived (places 74.7 %, 8 silent wrong places, refusals 8/10: see its header), looked at since (a dev set).
# Its other half is held out by the lead.
BLIND4_DEV = Path(__file__).with_name("blind4_dev.tsv")
REFUSALS4_DEV = Path(__file__).with_name("refusals4_dev.tsv")
# Formerly the held-out half of blind-4: scored blind before and after the fifth round (places 84.0 % -> 93.3 %,
# products 90.7 % both times, silent 4 -> 0); its misses were read in the sixth round (2026-12-02), after blind-5
# and blind-6 had been written, so it is a dev set now.
BLIND4_HOLDOUT = Path(__file__).with_name("blind4_holdout.tsv")
REFUSALS4_HOLDOUT = Path(__file__).with_name("refusals4_holdout.tsv")
# Blind-5 and blind-6 (issue 16, sixth round): written 2026-12-02 by two helpers that never read the search code or
# data, each split by the lead (odd rows dev, even rows held out) before any result was seen. The dev halves were
# read and worked on; the held-out halves were scored by the lead only (summaries, misses not read), before the
# round at 7c9339a and after it (see their headers and search/README.md).
BLIND5_DEV = Path(__file__).with_name("blind5_dev.tsv")
REFUSALS5_DEV = Path(__file__).with_name("refusals5_dev.tsv")
BLIND5_HOLDOUT = Path(__file__).with_name("blind5_holdout.tsv")
REFUSALS5_HOLDOUT = Path(__file__).with_name("refusals5_holdout.tsv")
BLIND6_DEV = Path(__file__).with_name("blind6_dev.tsv")
REFUSALS6_DEV = Path(__file__).with_name("refusals6_dev.tsv")
BLIND6_HOLDOUT = Path(__file__).with_name("blind6_holdout.tsv")
REFUSALS6_HOLDOUT = Path(__file__).with_name("refusals6_holdout.tsv")
# Blind-7 (issue 16, seventh round): written 2026-12-02 by two helpers that never read the search code or data
# (one for each half of the metros), split by the lead (odd rows dev, even rows held out) before any result was
# seen, and scored on arrival at a72cfdb (see their headers).
BLIND7_DEV = Path(__file__).with_name("blind7_dev.tsv")
REFUSALS7_DEV = Path(__file__).with_name("refusals7_dev.tsv")
BLIND7_HOLDOUT = Path(__file__).with_name("blind7_holdout.tsv")
REFUSALS7_HOLDOUT = Path(__file__).with_name("refusals7_holdout.tsv")
BLIND8_DEV = Path(__file__).with_name("blind8_dev.tsv")
REFUSALS8_DEV = Path(__file__).with_name("refusals8_dev.tsv")
BLIND8_HOLDOUT = Path(__file__).with_name("blind8_holdout.tsv")
REFUSALS8_HOLDOUT = Path(__file__).with_name("refusals8_holdout.tsv")
BLIND9_DEV = Path(__file__).with_name("blind9_dev.tsv")
REFUSALS9_DEV = Path(__file__).with_name("refusals9_dev.tsv")
BLIND9_HOLDOUT = Path(__file__).with_name("blind9_holdout.tsv")
REFUSALS9_HOLDOUT = Path(__file__).with_name("refusals9_holdout.tsv")
SETS = (
    QUERIES, HELDOUT, BLIND1_DEV, HELDOUT2, BLIND2_DEV, REFUSALS2_DEV, BLIND2_HOLDOUT, REFUSALS2_HOLDOUT, BLIND3_DEV,
    REFUSALS3_DEV, BLIND3_HOLDOUT, REFUSALS3_HOLDOUT, BLIND4_DEV, REFUSALS4_DEV, BLIND4_HOLDOUT, REFUSALS4_HOLDOUT,
    BLIND5_DEV, REFUSALS5_DEV, BLIND5_HOLDOUT, REFUSALS5_HOLDOUT, BLIND6_DEV, REFUSALS6_DEV, BLIND6_HOLDOUT,
    REFUSALS6_HOLDOUT, BLIND7_DEV, REFUSALS7_DEV, BLIND7_HOLDOUT, REFUSALS7_HOLDOUT, BLIND8_DEV, REFUSALS8_DEV,
    BLIND8_HOLDOUT, REFUSALS8_HOLDOUT, BLIND9_DEV, REFUSALS9_DEV, BLIND9_HOLDOUT, REFUSALS9_HOLDOUT,
)  # fmt: skip
REFUSE = "refuse"
# A wrong place this far away is "far" (the "a town hundreds of km away").
FAR_KM = 100.0
# A located place is right within this distance of the expected point, by what kind of place it is.
TOLERANCE_KM = {"coordinates": 0.3, "corner": 1.0, "landmark": 2.0, "park": 2.0, "airport": 3.0,
                "neighbourhood": 3.0, "zip": 3.0}  # fmt: skip


@dataclass(frozen=True)
class Case:
    query: str
    product: str
    latitude: float | None  # None for a `refuse` row
    longitude: float | None
    place: str
    # coordinates | corner | landmark | park | airport | neighbourhood | zip | refuse ("" = one tolerance)
    kind: str = ""

    @property
    def expects_refusal(self) -> bool:
        return self.kind == REFUSE


@dataclass(frozen=True)
class Outcome:
    case: Case
    product: str | None
    distance_km: float | None  # None when refused, or when a refusal was expected
    error: str | None  # "<which>: <message>" when refused
    confidence: str | None = None  # high | medium | low of the place answered
    place: str | None = None  # the place answered

    def product_ok(self) -> bool:
        return self.product == self.case.product

    def location_ok(self, tolerance_km: float) -> bool:
        """Within `tolerance_km`, or within the tolerance of the case's kind when it has one; for a `refuse` row,
        refused or answered with confidence `low`."""
        if self.case.expects_refusal:
            return self.error is not None or self.confidence == "low"
        limit = TOLERANCE_KM.get(self.case.kind, tolerance_km)
        return self.distance_km is not None and self.distance_km <= limit

    def wrong_place(self, tolerance_km: float) -> bool:
        """A place was answered and it is not the expected one (a refusal is not a wrong place)."""
        return self.error is None and not self.location_ok(tolerance_km)

    def silent_wrong(self, tolerance_km: float) -> bool:
        """A wrong place answered with confidence `high`: nothing says it may be wrong."""
        return self.wrong_place(tolerance_km) and self.confidence == "high"

    def far_wrong(self, tolerance_km: float) -> bool:
        return self.wrong_place(tolerance_km) and (self.distance_km is None or self.distance_km > FAR_KM)


def load_cases(path: Path = QUERIES) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, product, lat, lon, place, *kind = line.split("\t")
        if kind and kind[0] == REFUSE:
            cases.append(Case(query, product, None, None, place, REFUSE))
            continue
        cases.append(Case(query, product, float(lat), float(lon), place, kind[0] if kind else ""))
    return cases


def run_case(case: Case, parser: QueryParser, gazetteer: Gazetteer) -> Outcome:
    parsed = parser.parse(case.query)
    product = parsed.product.product
    try:
        plan = interpret(parsed, gazetteer)
    except Unresolved as exc:
        return Outcome(case, product, None, f"{exc.which}: {exc.message}")
    distance = None
    if case.latitude is not None and case.longitude is not None:
        distance = haversine_km(plan.place.point, (case.latitude, case.longitude))
    return Outcome(case, product, distance, None, plan.place.confidence, plan.place.name)


def evaluate(parser: QueryParser, gazetteer: Gazetteer, cases: list[Case] | None = None) -> list[Outcome]:
    return [run_case(case, parser, gazetteer) for case in (cases if cases is not None else load_cases())]
