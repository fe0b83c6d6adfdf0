"""Corners of main streets in every fleet metro: "Colfax and Broadway Denver", "Peachtree St & 10th St NE",
"corner of Hollywood and Vine". `data/streets.tsv` holds each main street's centre line (a few vertices,
with its source); a corner is where two named streets' lines cross. Manhattan's numbered grid stays in
`search.geo.manhattan`. Pure Python: no Django.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from search.parsing.text import normalise

DATA = Path(__file__).with_name("data") / "streets.tsv"
CONNECTORS = frozenset(["and", "at", "y", "con", "&"])
SUFFIXES = {
    "st": "street", "street": "street", "ave": "avenue", "av": "avenue", "avenue": "avenue", "blvd": "boulevard",
    "boulevard": "boulevard", "rd": "road", "road": "road", "dr": "drive", "drive": "drive",
    "calle": "street", "avenida": "avenue",
}  # fmt: skip
ARTICLES = frozenset(["la", "el"])
DIRECTIONS = frozenset(["n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west"])


class CornerAmbiguous(Exception):
    """Two streets of these names cross in several metros, and the phrase says none of them."""

    def __init__(self, corners: list[tuple[str, str]]) -> None:
        super().__init__(corners)
        self.corners = corners  # (label, metro key)


@dataclass(frozen=True)
class Street:
    metro: str
    name: str
    points: tuple[tuple[float, float], ...]


_FULL_DIRECTION = {"n": "north", "s": "south", "e": "east", "w": "west"}


def _base(words: list[str]) -> str:
    """A street's name without its type and direction: "10th st ne" -> "10th", "colfax ave" -> "colfax". A plain
    number followed by its direction is Salt Lake City's grid and keeps it: "900 s" -> "900 south" ("900 south and
    900 east" are two streets), and so does its local ordinal: "13th east" -> "1300 east"."""
    words = _spanish(words)
    if len(words) >= 2 and words[0].isdigit() and words[1] in DIRECTIONS:
        return f"{words[0]} {_FULL_DIRECTION.get(words[1], words[1])}"
    ordinal = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", words[0]) if len(words) == 2 else None
    if ordinal is not None and words[1] in _FULL_DIRECTION.values():  # "13th east" is 1300 East
        return f"{ordinal.group(1)}00 {words[1]}"
    kept = [w for w in words if w not in SUFFIXES and w not in DIRECTIONS]
    return " ".join(kept or words)


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _spanish(words: list[str]) -> list[str]:
    """Spanish numbered streets as their English names: "calle 8" -> "8th street", "avenida 27" /
    "la 27 avenida" -> "27th avenue". Named ones ("calle ocho" aliased in the file) are matched as written too."""
    if words and words[0] in ARTICLES and len(words) > 1 and (words[1].isdigit() or words[1] in SUFFIXES):
        words = words[1:]
    if len(words) == 2 and words[0] in ("calle", "avenida"):
        kind, num = words
    elif len(words) == 2 and words[1] in ("calle", "avenida"):
        num, kind = words
    else:
        return words
    if not num.isdigit():  # "calle ocho" is Miami's own name (an alias in the file), not any city's 8th St
        return words
    return [_ordinal(int(num)), SUFFIXES[kind]]


class Corners:
    def __init__(self, path: Path = DATA) -> None:
        self.streets: dict[str, list[Street]] = {}  # base name -> streets (several metros have a Broadway)
        with path.open(encoding="utf-8") as handle:
            rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
            for metro, name, aliases, points, _source in rows:
                line = tuple(tuple(float(v) for v in p.split(",")) for p in points.split(";"))
                street = Street(metro, name, line)  # type: ignore[arg-type]
                for alias in {name, *filter(None, aliases.split(";"))}:
                    key = _base(normalise(alias).split())
                    if street not in self.streets.setdefault(key, []):
                        self.streets[key].append(street)
        self.max_words = max(len(k.split()) for k in self.streets)

    def _street_at(self, words: list[str], start: int, step: int) -> tuple[str, int] | None:
        """The longest street name that ends (step -1) or starts (step 1) at `start`, ignoring type/direction."""
        best = None
        for size in range(1, self.max_words + 3):
            lo, hi = (start - size + 1, start + 1) if step < 0 else (start, start + size)
            if lo < 0 or hi > len(words):
                break
            key = _base(words[lo:hi])
            if key in self.streets and (
                words[lo] not in SUFFIXES or (words[lo] in ("st", "calle", "avenida") and hi - lo > 1)
            ):  # "st charles", "calle 8"
                best = (key, hi - lo)
        return best

    def _distinctive(self, left: str, right: str) -> bool:
        """Two streets whose corner needs no city: not numbered, or the named one known in one metro only ("7th st and
        mcdowell"), or a number with its direction ("400 south and state": only Salt Lake City numbers streets so).
        A bare number is never enough: every city has a 23rd St, whether or not this file lists it."""
        numbered = [k for k in (left, right) if any(c.isdigit() for c in k)]
        if not numbered:
            return True
        named = [k for k in (left, right) if k not in numbered or k.split()[-1] in DIRECTIONS]
        return bool(named) and len({s.metro for s in self.streets[named[0]]}) == 1

    def locate(
        self,
        words: list[str],
        metro_at: dict[int, str],
        near: tuple[float, float] | None = None,
        *,
        any_metro: bool = False,
    ) -> tuple[str, tuple[float, float], str, set[int]] | None:
        """(label, point, metro, word indices used) of a corner named in `words`, in the metro the phrase names
        (`metro_at`: word index -> metro key, outside the streets' names), else the one near the user, else the
        only metro where the two streets cross (never for numbered streets: every city has a 5th and a 10th);
        None if no two known streets are joined by a connector or they do not cross. Without a metro, a corner with
        a numbered street counts only when the other street is known in one metro alone ("7th st and mcdowell" is
        Phoenix; "5th and main" is in every city)."""
        for i, word in enumerate(words):
            if word not in CONNECTORS or i == 0:
                continue
            left = self._street_at(words, i - 1, -1)
            right = self._street_at(words, i + 1, 1)
            if left is None or right is None or left[0] == right[0]:
                continue
            # "colfax and broadway denver": the street types/directions after the right name belong to it
            end = i + 1 + right[1]
            while end < len(words) and (words[end] in SUFFIXES or words[end] in DIRECTIONS):
                end += 1
            used = set(range(i - left[1], end))
            # the type written ("7th st", not "7th ave") picks among same-named streets that have one
            left_type = _types(words[i - left[1] : i])
            right_type = _types(words[i + 1 : end])
            lefts = _typed(self.streets[left[0]], left_type)
            rights = _typed(self.streets[right[0]], right_type)
            metros = {m for at, m in metro_at.items() if at not in used}
            found = []
            for a in lefts:
                for b in rights:
                    if a.metro != b.metro or (metros and a.metro not in metros):
                        continue
                    point = _crossing(a.points, b.points)
                    if point is not None:
                        found.append((f"{a.name} & {b.name}", point, a.metro, used))
            if found and any_metro:
                return found[0]
            if found and near is not None and not metros:
                return min(found, key=lambda f: math.dist(f[1], near))
            if len(found) == 1 and (metros or self._distinctive(left[0], right[0])):
                return found[0]
            if len(found) > 1 and not metros:
                raise CornerAmbiguous([(f[0], f[2]) for f in found])
        return None


def _types(words: list[str]) -> set[str]:
    """The street types written in a street's words; "st" first is "saint" ("st charles"), not a type."""
    words = _spanish(words)
    return {SUFFIXES[w] for k, w in enumerate(words) if w in SUFFIXES and not (k == 0 and w == "st" and len(words) > 1)}


def _typed(streets: list[Street], written: set[str]) -> list[Street]:
    """The streets whose type is the one written, if any has it; else all of them."""
    typed = [s for s in streets if SUFFIXES.get(normalise(s.name).split()[-1]) in written]
    return typed or streets


def _crossing(a: tuple, b: tuple) -> tuple[float, float] | None:
    """Where two polylines cross (local flat projection: fine at city scale), or the nearest approach if the lines
    pass within ~120 m of each other (streets drawn with few vertices, a street ending at another)."""
    scale = math.cos(math.radians(a[0][0]))
    best: tuple[float, tuple[float, float]] | None = None
    for p1, p2 in pairwise(a):
        for q1, q2 in pairwise(b):
            hit = _segments(p1, p2, q1, q2, scale)
            if hit is not None:
                return (round(hit[0], 5), round(hit[1], 5))
            for p, seg in ((p1, (q1, q2)), (p2, (q1, q2)), (q1, (p1, p2)), (q2, (p1, p2))):
                d, foot = _to_segment(p, seg, scale)
                if best is None or d < best[0]:
                    best = (d, ((p[0] + foot[0]) / 2, (p[1] + foot[1]) / 2))
    if best is not None and best[0] * 111.2 <= 0.12:
        return (round(best[1][0], 5), round(best[1][1], 5))
    return None


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
