"""`manage.py seed_fleet --count N [--seed S] [--reset | --if-empty]`: the generator's world."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fleet.selectors import fleet_is_empty
from fleet.services import FleetNotEmpty, fleet_seed


class Command(BaseCommand):
    help = "Create N machines of the generator's world (30 metros, venues, inventory, statuses)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=1000, help="machines to create (default 1000)")
        parser.add_argument("--seed", type=int, default=42, help="random seed: same seed, same fleet")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--reset", action="store_true", help="replace the whole fleet")
        mode.add_argument("--if-empty", action="store_true", help="do nothing if there are machines already")

    def handle(self, *args, count: int, seed: int, reset: bool, if_empty: bool, **options) -> None:
        if count < 0 or count > 2_000_000:
            raise CommandError("--count must be between 0 and 2,000,000.")
        if if_empty and not fleet_is_empty():
            self.stdout.write("The fleet has machines already; nothing seeded.")
            return
        started = time.perf_counter()
        try:
            created = fleet_seed(count=count, seed=seed, reset=reset)
        except FleetNotEmpty as exc:
            raise CommandError(f"{exc} (--reset replaces it, --if-empty skips)") from exc
        self.stdout.write(f"Seeded {created} machines (seed {seed}) in {time.perf_counter() - started:.1f} s.")
