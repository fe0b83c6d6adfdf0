"""Reads of the clicks app. Each read of a page's clusters is one SQL statement: a committed snapshot."""

from __future__ import annotations

from clicks import clustering
from clicks.models import ClickCluster


def page_cluster_states(*, page_uuid: str) -> list[clustering.ClusterState]:
    """The page's clusters as the rule sees them (empty for a page with no clicks), in index order."""
    rows = (
        ClickCluster.objects.filter(page__uuid=page_uuid)
        .order_by("idx")
        .values_list("idx", "count", "sum_x", "sum_y", "sum_sq")
    )
    return [clustering.ClusterState(idx=i, count=n, sum_x=sx, sum_y=sy, sum_sq=sq) for i, n, sx, sy, sq in rows]


def cluster_predict(*, page_uuid: str, x: float, y: float) -> int | None:
    """The cluster a click at (x, y) would join on this page, or None; stores and changes nothing."""
    return clustering.predict(page_cluster_states(page_uuid=page_uuid), x, y)
