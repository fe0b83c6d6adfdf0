"""Score the query parser on the evaluation set: product accuracy and locations within tolerance."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search import selectors
from search.evaluation import QUERIES, evaluate, load_cases


class Command(BaseCommand):
    help = "Print the parser's product accuracy and the share of locations within tolerance on the evaluation set."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--tolerance-km", type=float, default=2.0, help="A location within this is right.")
        parser.add_argument("--file", default=str(QUERIES), help="TSV: query, product, lat, lon, place.")
        parser.add_argument("--parser", choices=["configured", "offline"], default="configured")
        parser.add_argument("--show-failures", action="store_true", help="List every miss.")

    def handle(self, *args, tolerance_km: float, file: str, parser: str, show_failures: bool, **options) -> None:
        try:
            cases = load_cases(Path(file))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read the evaluation set {file}: {exc}") from exc
        if not cases:
            raise CommandError("The evaluation set is empty.")
        chosen = selectors.parser() if parser == "configured" else selectors.offline_parser()
        outcomes = evaluate(chosen, selectors.gazetteer(), cases)
        products = sum(o.product_ok() for o in outcomes)
        located = sum(o.location_ok(tolerance_km) for o in outcomes)
        n = len(outcomes)
        self.stdout.write(f"parser: {chosen.name}; {n} queries")
        self.stdout.write(f"products right:               {products}/{n} = {products / n:.1%}  (goal 95%)")
        self.stdout.write(f"locations within {tolerance_km:g} km:      {located}/{n} = {located / n:.1%}  (goal 90%)")
        if show_failures:
            for o in outcomes:
                if not o.product_ok() or not o.location_ok(tolerance_km):
                    where = f"{o.distance_km:.2f} km off" if o.distance_km is not None else o.error
                    self.stdout.write(f"  MISS {o.case.query!r}: product {o.product} (want {o.case.product}); {where}")
