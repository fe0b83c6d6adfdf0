"""Deep offsets of the threads list without scanning them: anchors every `ANCHOR_EVERY` threads.

The list is newest first and paged by `offset` (the original's contract). `OFFSET 500000` makes
Postgres walk half a million index entries (~300 ms on a million-thread project). New threads only
ever arrive at the newest end, so a thread's rank counted from the *oldest* end does not change as
the project grows. The anchors are the `(created_at, id)` of every 10,000th thread from the oldest
(one index-only scan of the whole project, ~2 s for a million threads on this loaded machine, so it
is done by a `build_list_anchors` task on `default`, never in a request: until it is built, pages use
plain OFFSET), cached `ANCHOR_TTL_SECONDS` (1 h). A page at `offset`:

1. the exact current total = rank of the newest anchor + 1 + the threads newer than it (a short
   index-only count: the newest ~10,000 threads plus those created since the anchors were built);
2. the page's newest thread has rank `total - 1 - offset` from the oldest; the anchor at or just
   above that rank is found by arithmetic, and the page is `(created_at, id) <= anchor ORDER BY
   created_at DESC, id DESC OFFSET skip LIMIT limit`, with `skip` < 10,000.

So a deep page costs about what page 1 costs, and it is the page plain OFFSET would give on the
same data. Anchors are only built over threads older than `ANCHOR_MIN_AGE` (a chat's transaction
commits within seconds of its `created_at`, so nothing can still land below them) and only for the
unfiltered list (a label change moves a thread in or out of a category's list mid-way).

Deleting threads or importing threads dated in the past shifts ranks. The list's `count` catches
it: while anchors exist, the count (computed every 30 s, `selectors.thread_list_count`) is one scan
that also counts the threads at or below the newest anchor, in the same snapshot; if that is not the
anchor's rank + 1, the anchors are dropped and rebuilt. So a deep page can be off for at most the
count's own 30 s lag. Postgres only (row comparison on the `threads_project_newest_idx` index);
SQLite, the dev default, pages with plain OFFSET.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from threads.models import Thread

ANCHOR_EVERY = 10_000
ANCHOR_FROM_OFFSET = 20_000  # below this, plain OFFSET is already cheap (a few ms)
ANCHOR_MIN_AGE = timedelta(minutes=5)
ANCHOR_TTL_SECONDS = 3600
REBUILD_ABOVE = 5 * ANCHOR_EVERY  # this many threads newer than the newest anchor: build again
SCHEDULE_AGAIN_SECONDS = 600  # one build task per project at a time (or per 10 minutes if it was lost)

Anchor = tuple[datetime, int]


def _key(project_id: int) -> str:
    return f"threads:list-anchors:{project_id}"


def anchors_build(*, project_id: int) -> list[Anchor]:
    """`(created_at, id)` of the threads of ascending rank 0, K, 2K, ... (oldest first) among those
    older than `ANCHOR_MIN_AGE`; one index-only scan of the project."""
    table = Thread._meta.db_table
    sql = (
        "SELECT created_at, id FROM (SELECT created_at, id, row_number() OVER (ORDER BY created_at, id) - 1 AS pos "  # noqa: S608
        f"FROM {table} WHERE project_id = %s AND created_at <= %s) AS ranked WHERE pos %% %s = 0 ORDER BY pos"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [project_id, timezone.now() - ANCHOR_MIN_AGE, ANCHOR_EVERY])
        anchors = [(created, pk) for created, pk in cursor.fetchall()]
    cache.set(_key(project_id), anchors, ANCHOR_TTL_SECONDS)
    return anchors


def anchors_schedule(*, project_id: int) -> None:
    """Ask a worker to build the anchors (at most once per `SCHEDULE_AGAIN_SECONDS`); never raises: a
    broker outage only means deep pages keep using plain OFFSET."""
    if not cache.add(f"{_key(project_id)}:scheduled", 1, SCHEDULE_AGAIN_SECONDS):
        return
    try:
        from threads.tasks import build_list_anchors

        build_list_anchors.apply_async((project_id,), retry=False)
    except Exception:
        cache.delete(f"{_key(project_id)}:scheduled")


def anchors_build_task(*, project_id: int) -> int:
    anchors = anchors_build(project_id=project_id)
    cache.delete(f"{_key(project_id)}:scheduled")
    return len(anchors)


def count_checked(*, project_id: int) -> int | None:
    """The unfiltered list's exact count, checking the anchors in the same scan (see the module's
    docstring); None without anchors (the caller counts as usual)."""
    if connection.vendor != "postgresql":
        return None
    anchors = cache.get(_key(project_id))
    if not anchors:
        return None
    table = Thread._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), count(*) FILTER (WHERE (created_at, id) <= (%s, %s)) FROM {table} "  # noqa: S608
            "WHERE project_id = %s",
            [*anchors[-1], project_id],
        )
        total, at_or_below = cursor.fetchone()
    if at_or_below != (len(anchors) - 1) * ANCHOR_EVERY + 1:  # threads deleted or back-dated under them
        cache.delete(_key(project_id))
        anchors_schedule(project_id=project_id)
    return int(total)


def _newer_than(*, project_id: int, anchor: Anchor) -> int:
    table = Thread._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {table} WHERE project_id = %s AND (created_at, id) > (%s, %s)",  # noqa: S608
            [project_id, *anchor],
        )
        return int(cursor.fetchone()[0])


def page_ids(*, project_id: int, offset: int, limit: int) -> list[int] | None:
    """The ids of the unfiltered list's page at `offset`, newest first, as plain OFFSET would give them;
    None when anchors do not help (shallow offsets, SQLite, too few threads): use plain OFFSET."""
    if offset < ANCHOR_FROM_OFFSET or connection.vendor != "postgresql":
        return None
    anchors = cache.get(_key(project_id))
    if anchors is None:
        anchors_schedule(project_id=project_id)
        return None
    if len(anchors) < 2:
        return None
    top_rank = (len(anchors) - 1) * ANCHOR_EVERY
    above = _newer_than(project_id=project_id, anchor=anchors[-1])
    if above > REBUILD_ABOVE:  # still right, but the count above grows: a fresh set for later pages
        anchors_schedule(project_id=project_id)
    total = top_rank + 1 + above
    newest_rank = total - 1 - offset  # of the page's first thread, counted from the oldest
    if newest_rank < 0:
        return []
    if newest_rank > top_rank:
        return None  # within the newest threads: plain OFFSET scans less than `above` entries
    index = -(-newest_rank // ANCHOR_EVERY)  # the anchor at or above: ceil
    skip = index * ANCHOR_EVERY - newest_rank
    table = Thread._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE project_id = %s AND (created_at, id) <= (%s, %s) "  # noqa: S608
            "ORDER BY created_at DESC, id DESC OFFSET %s LIMIT %s",
            [project_id, *anchors[index], skip, limit],
        )
        return [pk for (pk,) in cursor.fetchall()]
