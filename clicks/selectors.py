"""Reads of the clicks app. Each read of a page's clusters is one SQL statement: a committed snapshot."""

from __future__ import annotations

from django.db import connection

from clicks import clustering
from clicks.models import ClickCluster, ClickPage

# Hand-written because it is the hot path of every predict: the ORM takes ~3x longer to build it.
_CLUSTERS_OF_PAGE = f"""
SELECT c.idx, c.count, c.sum_x, c.sum_y, c.sum_sq
FROM {ClickCluster._meta.db_table} c JOIN {ClickPage._meta.db_table} p ON p.id = c.page_id
WHERE p.uuid = %s ORDER BY c.idx
"""  # noqa: S608  (table names from the models, the value is a parameter)


def page_cluster_states(*, page_uuid: str) -> list[clustering.ClusterState]:
    """The page's clusters as the rule sees them (empty for a page with no clicks), in index order."""
    with connection.cursor() as cursor:
        cursor.execute(_CLUSTERS_OF_PAGE, [page_uuid])
        rows = cursor.fetchall()
    return [clustering.ClusterState(idx=i, count=n, sum_x=sx, sum_y=sy, sum_sq=sq) for i, n, sx, sy, sq in rows]


def cluster_predict(*, page_uuid: str, x: float, y: float) -> int | None:
    """The cluster a click at (x, y) would join on this page, or None; stores and changes nothing."""
    return clustering.predict(page_cluster_states(page_uuid=page_uuid), x, y)
