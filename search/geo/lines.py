"""Plane geometry of the streets' centre lines (polylines of (lat, lon) vertices) at city scale, on a local flat
projection: where two lines cross, and how far a point lies from a line. Used by `search.geo.corners` and the
gazetteer. Pure Python."""

from __future__ import annotations

import math
from itertools import pairwise

KM_PER_DEGREE = 111.2


def crossing(a: tuple, b: tuple) -> tuple[float, float] | None:
    """Where two polylines cross (local flat projection: fine at city scale), or the nearest approach if the lines
    pass within ~120 m of each other (streets drawn with few vertices, a street ending at another)."""
    scale = math.cos(math.radians(a[0][0]))
    best: tuple[float, tuple[float, float]] | None = None
    for p1, p2 in pairwise(a):
        for q1, q2 in pairwise(b):
            hit = _segments(p1, p2, q1, q2, scale)
            if hit is not None:
                return (round(hit[0], 5), round(hit[1], 5))
            if _parallel(p1, p2, q1, q2, scale):  # neighbouring parallel streets a block apart never meet
                continue
            for p, seg in ((p1, (q1, q2)), (p2, (q1, q2)), (q1, (p1, p2)), (q2, (p1, p2))):
                d, foot = _to_segment(p, seg, scale)
                if best is None or d < best[0]:
                    best = (d, ((p[0] + foot[0]) / 2, (p[1] + foot[1]) / 2))
    if best is not None and best[0] * KM_PER_DEGREE <= 0.12:
        return (round(best[1][0], 5), round(best[1][1], 5))
    return None


def _parallel(p1, p2, q1, q2, scale) -> bool:
    """Whether two segments run within 12 degrees of each other (a street ending at another crosses it at more)."""
    ax, ay = (p2[1] - p1[1]) * scale, p2[0] - p1[0]
    bx, by = (q2[1] - q1[1]) * scale, q2[0] - q1[0]
    norms = math.hypot(ax, ay) * math.hypot(bx, by)
    return norms == 0 or abs(ax * by - ay * bx) / norms < math.sin(math.radians(12))


def _segments(p1, p2, q1, q2, scale):
    (y1, x1), (y2, x2), (y3, x3), (y4, x4) = p1, p2, q1, q2
    x1, x2, x3, x4 = x1 * scale, x2 * scale, x3 * scale, x4 * scale
    den = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
    if abs(den) < 1e-14:
        return None
    t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / den
    u = -((x1 - x2) * (y1 - y3) - (y1 - y2) * (x1 - x3)) / den
    if 0 <= t <= 1 and 0 <= u <= 1:
        return (y1 + t * (y2 - y1), (x1 + t * (x2 - x1)) / scale)
    return None


def _to_segment(p, seg, scale):
    (py, px), ((ay, ax), (by, bx)) = p, seg
    px, ax, bx = px * scale, ax * scale, bx * scale
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    fx, fy = ax + t * dx, ay + t * dy
    return math.hypot(px - fx, py - fy), (fy, fx / scale)


def distance_km(point: tuple[float, float], line: tuple) -> float:
    """How far `point` lies from the polyline `line` (its nearest segment), in km."""
    scale = math.cos(math.radians(point[0]))
    return min(_to_segment(point, seg, scale)[0] for seg in pairwise(line)) * KM_PER_DEGREE
