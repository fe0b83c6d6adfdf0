"""Start a multi-process server, replay every public click case against it, print `N passed, M failed`."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from clicks import cases, services
from core.liveserver import UvicornServer


def default_cases_dir() -> Path:
    return Path(os.environ.get("CLICKS_CASES_DIR") or settings.BASE_DIR.parent / "shared" / "clicks-cases")


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=Path, default=None, help="case directory (default ../shared/clicks-cases)")
        parser.add_argument("--workers", type=int, default=3, help="uvicorn worker processes (default 3)")
        parser.add_argument("--port", type=int, default=None, help="port (default: the first free one of 8200-8249)")
        parser.add_argument("--concurrency", type=int, default=8, help="cases run at once (default 8)")
        parser.add_argument("--base-url", default="", help="run against this running server instead of starting one")
        parser.add_argument("--keep", action="store_true", help="keep the pages the run created")

    def handle(self, *args, **options) -> None:
        directory = options["cases"] or default_cases_dir()
        try:
            loaded = cases.load_cases(directory)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        started = time.perf_counter()
        if options["base_url"]:
            results = self._run(loaded, options["base_url"].rstrip("/"), options["concurrency"])
        else:
            with UvicornServer(workers=options["workers"], port=options["port"]) as server:
                self.stdout.write(f"server: {server.base_url} with {options['workers']} worker processes")
                results = self._run(loaded, server.base_url, options["concurrency"])
        elapsed = time.perf_counter() - started
        if not options["keep"] and not options["base_url"]:
            for result in results:
                services.pages_delete_by_prefix(prefix=f"{result.session}/")
        failed = [r for r in results if not r.passed]
        for result in failed:
            self.stdout.write(f"FAILED {result.case.name} (session {result.session}): {result.failure}")
        steps = sum(r.steps_run for r in results)
        self.stdout.write(f"{steps} requests in {elapsed:.1f} s")
        self.stdout.write(f"{len(results) - len(failed)} passed, {len(failed)} failed")
        if failed:
            raise SystemExit(1)

    def _run(self, loaded: list[cases.Case], base_url: str, concurrency: int) -> list[cases.CaseResult]:
        return cases.run_cases(loaded, lambda: cases.HttpTransport(f"{base_url}/api/clicks"), concurrency=concurrency)
