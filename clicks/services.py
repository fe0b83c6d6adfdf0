"""Writes of the clicks app: saving a click (assign + store), and removing pages.

Concurrency: every save of a page runs in one transaction that first upserts the page row with
`INSERT ... ON CONFLICT (uuid) DO UPDATE ... RETURNING id`. On Postgres that statement takes the page
row's lock (creating the row if needed, race-free thanks to the unique index), so saves of one page,
from any thread or process, run one after the other: each reads the clusters as the previous save
committed them, decides with the pure rule, and writes the cluster's new sums and the click. Saves of
different pages never wait for each other. On SQLite the transaction takes the database write lock
up front (`transaction_mode=IMMEDIATE` in settings), which serialises all saves: simpler, and enough
for one machine. A predict reads the page's clusters in a single statement, so it sees a committed
state, never half of a save.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from clicks import clustering
from clicks.models import Click, ClickCluster, ClickPage

_UPSERT_PAGE = f"""
INSERT INTO {ClickPage._meta.db_table} (uuid, click_count, created_at, last_click_at)
VALUES (%s, 1, %s, %s)
ON CONFLICT (uuid) DO UPDATE
SET click_count = {ClickPage._meta.db_table}.click_count + 1, last_click_at = EXCLUDED.last_click_at
RETURNING id
"""  # noqa: S608  (table name from the model, values are parameters)


_CLUSTERS_OF_LOCKED_PAGE = f"""
SELECT id, idx, count, sum_x, sum_y, sum_sq FROM {ClickCluster._meta.db_table} WHERE page_id = %s ORDER BY idx
"""  # noqa: S608


def _page_lock(*, page_uuid: str, now) -> int:
    """Create or lock the page row (held until the transaction ends); returns its id."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not settings.CLICKS_DURABLE_SAVES:
            cursor.execute("SET LOCAL synchronous_commit TO off")
        stamp = connection.ops.adapt_datetimefield_value(now)
        cursor.execute(_UPSERT_PAGE, [page_uuid, stamp, stamp])
        return cursor.fetchone()[0]


@transaction.atomic
def click_save(*, page_uuid: str, x: float, y: float) -> clustering.Assignment:
    """Store a click of `page_uuid` at (x, y) and assign it to a cluster of its page (or a new one)."""
    now = timezone.now()
    page_id = _page_lock(page_uuid=page_uuid, now=now)
    with connection.cursor() as cursor:
        cursor.execute(_CLUSTERS_OF_LOCKED_PAGE, [page_id])
        rows = cursor.fetchall()
    ids = {idx: pk for pk, idx, *_ in rows}
    states = [
        clustering.ClusterState(idx=idx, count=count, sum_x=sx, sum_y=sy, sum_sq=sq)
        for _, idx, count, sx, sy, sq in rows
    ]
    result = clustering.assign(states, x, y)
    state = result.cluster
    if result.is_new:
        cluster_id = ClickCluster.objects.create(
            page_id=page_id,
            idx=state.idx,
            count=state.count,
            sum_x=state.sum_x,
            sum_y=state.sum_y,
            sum_sq=state.sum_sq,
            created_at=now,
            updated_at=now,
        ).pk
    else:
        cluster_id = ids[state.idx]
        ClickCluster.objects.filter(pk=cluster_id).update(
            count=state.count, sum_x=state.sum_x, sum_y=state.sum_y, sum_sq=state.sum_sq, updated_at=now
        )
    Click.objects.create(page_id=page_id, cluster_id=cluster_id, x=x, y=y, is_new_cluster=result.is_new, created_at=now)
    return result


@transaction.atomic
def page_delete(*, page_uuid: str) -> bool:
    """Remove a page with its clusters and clicks; False if there was no such page."""
    deleted, _ = ClickPage.objects.filter(uuid=page_uuid).delete()
    return bool(deleted)


@transaction.atomic
def pages_delete_by_prefix(*, prefix: str) -> int:
    """Remove every page whose uuid starts with `prefix` (e.g. one case run's session); returns how many."""
    if not prefix:
        raise ValueError("a non-empty prefix is required")
    pages = ClickPage.objects.filter(uuid__startswith=prefix)
    count = pages.count()
    pages.delete()
    return count
