"""Score the query parser on the evaluation set: product accuracy and locations within tolerance."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search import selectors
from search.evaluation import SETS, evaluate, load_cases


class Command(BaseCommand):
    help = "Print the parser's product accuracy and the share of locations within tolerance on the evaluation set."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--tolerance-km", type=float, default=2.0, help="A location within this is right.")
        parser.add_argument(
            "--file", action="append", help="TSV: query, product, lat, lon, place[, kind] (default: every set)."
        )
        parser.add_argument("--parser", choices=["configured", "offline"], default="configured")
        parser.add_argument("--show-failures", action="store_true", help="List every miss.")

    def handle(self, *args, tolerance_km: float, file: list | None, parser: str, show_failures: bool, **options):
        chosen = selectors.parser() if parser == "configured" else selectors.offline_parser()
        for path in file or [str(p) for p in SETS]:
            try:
                cases = load_cases(Path(path))
            except (OSError, ValueError) as exc:
                raise CommandError(f"Cannot read the evaluation set {path}: {exc}") from exc
            if not cases:
                raise CommandError(f"The evaluation set {path} is empty.")
            self._report(Path(path).name, evaluate(chosen, selectors.gazetteer(), cases), chosen.name, tolerance_km,
                         show_failures)  # fmt: skip

    def _report(self, name: str, outcomes: list, parser_name: str, tolerance_km: float, show_failures: bool) -> None:
        products = sum(o.product_ok() for o in outcomes)
        located = sum(o.location_ok(tolerance_km) for o in outcomes)
        n = len(outcomes)
        by_kind = any(o.case.kind for o in outcomes)
        within = "within the tolerance of its kind" if by_kind else f"within {tolerance_km:g} km"
        self.stdout.write(f"{name}: parser {parser_name}; {n} queries")
        self.stdout.write(f"  products right:  {products}/{n} = {products / n:.1%}")
        self.stdout.write(f"  places right ({within}): {located}/{n} = {located / n:.1%}")
        if by_kind:
            self.stdout.write(f"  places right by kind: {self._by_kind(outcomes, tolerance_km)}")
        refusals = [o for o in outcomes if o.case.expects_refusal]
        if refusals:
            refused = sum(o.location_ok(tolerance_km) for o in refusals)
            self.stdout.write(f"  expected refusals refused (or flagged low): {refused}/{len(refusals)}")
        silent = sum(o.silent_wrong(tolerance_km) for o in outcomes)
        flagged = sum(o.wrong_place(tolerance_km) and not o.silent_wrong(tolerance_km) for o in outcomes)
        far = sum(o.far_wrong(tolerance_km) for o in outcomes)
        self.stdout.write(f"  silent wrong places (confidence high): {silent}; wrong but flagged medium/low: "
                          f"{flagged}; wrong and > 100 km away (or refusal expected): {far}")  # fmt: skip
        if show_failures:
            self._failures(outcomes, tolerance_km)

    @staticmethod
    def _by_kind(outcomes: list, tolerance_km: float) -> str:
        """Counts by kind ("corner 7/12, landmark 18/21"): a held-out set read by kind without its misses."""
        kinds: dict[str, list[int]] = {}
        for o in outcomes:
            tally = kinds.setdefault(o.case.kind or "-", [0, 0])
            tally[0] += o.location_ok(tolerance_km)
            tally[1] += 1
        return ", ".join(f"{kind} {right}/{n}" for kind, (right, n) in sorted(kinds.items()))

    def _failures(self, outcomes: list, tolerance_km: float) -> None:
        for o in outcomes:
            if not o.product_ok() or not o.location_ok(tolerance_km):
                if o.error is not None:
                    where = o.error
                elif o.distance_km is None:
                    where = f"answered {o.place!r} ({o.confidence}), a refusal was expected"
                else:
                    where = f"{o.distance_km:.2f} km off: {o.place!r} ({o.confidence})"
                tag = "SILENT" if o.silent_wrong(tolerance_km) else "MISS"
                self.stdout.write(f"    {tag} {o.case.query!r}: product {o.product} (want {o.case.product}); {where}")
