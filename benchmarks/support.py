"""Shared pieces of the benchmarks: Django setup on a throwaway database, and percentiles."""

from __future__ import annotations

import os
import statistics

from config.env import VAR_DIR


def setup_django() -> None:
    """Configure Django; benchmarks run against a separate `bench_*` database when on Postgres."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> str:
    return (
        f"p50 {percentile(values, 50):.1f}  p95 {percentile(values, 95):.1f}  p99 {percentile(values, 99):.1f}  "
        f"mean {statistics.fmean(values):.1f}"
    )


class bench_database:
    """A throwaway `bench_*` database with migrations applied (like the test runner's), removed after.

    Named apart from the test runner's `test_*` database so a benchmark and a test run can share a
    server without dropping each other's database."""

    def __enter__(self) -> bench_database:
        from django.db import connection
        from django.test.utils import setup_test_environment

        setup_test_environment(debug=False)
        self._old_name = connection.settings_dict["NAME"]
        if connection.vendor == "sqlite":
            connection.settings_dict["TEST"]["NAME"] = str(VAR_DIR / "bench.sqlite3")
        else:
            connection.settings_dict["TEST"]["NAME"] = f"bench_{self._old_name}"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        return self

    def __exit__(self, *exc: object) -> None:
        from django.db import connection
        from django.test.utils import teardown_test_environment

        connection.creation.destroy_test_db(self._old_name, verbosity=0)
        teardown_test_environment()
