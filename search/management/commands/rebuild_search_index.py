"""Rebuild the Redis geo index of in-stock machines from the database."""

import time

from django.core.management.base import BaseCommand, CommandError

from search.services import geo_index, search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index (per-product Redis GEO sets of in-stock, not-offline machines) from the database."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        try:
            written = search_index_rebuild()
            sizes = geo_index().size()
        except Exception as exc:
            raise CommandError(f"Rebuilding the search index failed: {exc}") from exc
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Search index rebuilt: {written} entries over {len(sizes)} products in {elapsed:.2f}s")
        )
        for product, size in sorted(sizes.items()):
            self.stdout.write(f"  {product:<18} {size:>8}")
