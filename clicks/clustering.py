"""The online click clustering rule: leader clustering on running centroids. Pure Python, no Django.

Clicks of one page arrive one at a time. Each page keeps a list of clusters, each summarised by its
running sums (count, Σx, Σy, Σ(x²+y²)), so its centroid is the mean of every click it has taken.

For a click at (x, y):

1. find the cluster whose centroid is nearest in Euclidean distance (ties: the oldest cluster);
2. if that distance is at most `JOIN_RADIUS`, the click belongs to it (a save adds the click to the
   cluster's sums, which moves its centroid);
3. otherwise the click is noise for a predict (`None`), and a save opens a new cluster, seeded by the
   click, whose index is the number of clusters the page had (zero-based, in creation order).

How the parameter was found (see `clicks/README.md` for the full analysis): replaying the 40 public
case files step by step, every click that joined a cluster lay at most 0.0385 from that cluster's
running centroid, every click that opened one lay at least 0.078 from every centroid, every predict
that named a cluster lay at most 0.0396 from it, and every predict answered `null` lay at least 0.0401
from every centroid, even when it lay as close as 0.022 to one of a cluster's clicks. So the decision
is taken against running centroids (not against the first click, nor the nearest member), and the
boundary sits between 0.0396 and 0.0401: the generator's round 0.04. Chebyshev and Manhattan
distances with any single threshold fail several cases; the Euclidean rule at 0.04 passes all.

The rule is deterministic given the order of clicks on a page, O(k) per click for k clusters, and
needs no stored clicks, which is what lets the service keep a page's state in a few rows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: A click joins the nearest cluster when its Euclidean distance to that cluster's running centroid is
#: at most this (coordinates are in the unit square). Clusters made by the click generator are tight
#: blobs (members within ~0.04 of their centre) whose centres lie far apart (more than 2 × 0.04), so
#: one radius separates "the same blob" from "another blob or noise" with margin on both sides.
JOIN_RADIUS: float = 0.04


@dataclass(frozen=True, slots=True)
class ClusterState:
    """What the rule needs of one cluster: its zero-based index and its running sums."""

    idx: int
    count: int
    sum_x: float
    sum_y: float
    sum_sq: float = 0.0  # Σ(x² + y²), only used for the spread (`radius`) shown to analysts

    @property
    def centroid(self) -> tuple[float, float]:
        return (self.sum_x / self.count, self.sum_y / self.count)

    @property
    def rms_radius(self) -> float:
        """Root-mean-square distance of the cluster's clicks from its centroid."""
        cx, cy = self.centroid
        variance = self.sum_sq / self.count - (cx * cx + cy * cy)
        return math.sqrt(max(variance, 0.0))

    def with_click(self, x: float, y: float) -> ClusterState:
        return ClusterState(
            idx=self.idx,
            count=self.count + 1,
            sum_x=self.sum_x + x,
            sum_y=self.sum_y + y,
            sum_sq=self.sum_sq + x * x + y * y,
        )

    @classmethod
    def seeded(cls, idx: int, x: float, y: float) -> ClusterState:
        return cls(idx=idx, count=1, sum_x=x, sum_y=y, sum_sq=x * x + y * y)


@dataclass(frozen=True, slots=True)
class Assignment:
    """The decision for one saved click: the cluster it joined (or opened) and its new state."""

    cluster: ClusterState
    is_new: bool

    @property
    def idx(self) -> int:
        return self.cluster.idx


def nearest(clusters: Iterable[ClusterState], x: float, y: float) -> tuple[ClusterState | None, float]:
    """The cluster whose centroid is nearest to (x, y) and its distance; ties go to the lowest index."""
    best: ClusterState | None = None
    best_distance = math.inf
    for cluster in sorted(clusters, key=lambda c: c.idx):
        cx, cy = cluster.centroid
        distance = math.hypot(x - cx, y - cy)
        if distance < best_distance:
            best, best_distance = cluster, distance
    return best, best_distance


def predict(clusters: Iterable[ClusterState], x: float, y: float, *, radius: float = JOIN_RADIUS) -> int | None:
    """The index of the cluster a click at (x, y) would join, or None if it would open a new one."""
    cluster, distance = nearest(clusters, x, y)
    if cluster is None or distance > radius:
        return None
    return cluster.idx


def assign(clusters: Sequence[ClusterState], x: float, y: float, *, radius: float = JOIN_RADIUS) -> Assignment:
    """Decide where a saved click goes; the caller stores `Assignment.cluster` as the new state.

    `clusters` must be all of the page's clusters (indices 0..k-1), so a new cluster gets index k.
    """
    idx = predict(clusters, x, y, radius=radius)
    if idx is None:
        return Assignment(cluster=ClusterState.seeded(len(clusters), x, y), is_new=True)
    joined = next(c for c in clusters if c.idx == idx)
    return Assignment(cluster=joined.with_click(x, y), is_new=False)


class PageClusters:
    """A page's clusters held in memory: the rule applied click after click (for replays and tests)."""

    def __init__(self, radius: float = JOIN_RADIUS) -> None:
        self.radius = radius
        self.clusters: list[ClusterState] = []

    def save(self, x: float, y: float) -> Assignment:
        result = assign(self.clusters, x, y, radius=self.radius)
        if result.is_new:
            self.clusters.append(result.cluster)
        else:
            self.clusters[result.idx] = result.cluster
        return result

    def predict(self, x: float, y: float) -> int | None:
        return predict(self.clusters, x, y, radius=self.radius)
