"""Corners of main streets in every fleet metro: "Colfax and Broadway Denver", "Peachtree St & 10th St NE",
"corner of Hollywood and Vine". `data/streets.tsv` holds each main street's centre line (a few vertices,
with its source); a corner is where two named streets' lines cross. Manhattan's numbered grid stays in
`search.geo.manhattan`. Where a city numbers its streets in order, the numbered streets drawn also place the ones
that are not ("calle ocho y la 15 avenida", between 12th and 17th Avenues) and address blocks ("1500 block of
Walnut St", between 15th and 16th Streets), each answered with confidence medium; a misspelt street beside a known
one ("kingshighway and lindel") is that city's street, medium too. Pure Python: no Django.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz, process

from search.geo.grids import grid_point
from search.geo.lines import crossing
from search.geo.streetnames import (
    ARTICLES,
    DIRECTIONS,
    FULL_DIRECTION,
    QUADRANTS,
    SUFFIXES,
    base_name,
    directed_name,
    numbered_span,
    ordinal,
    quadrant,
    street_number,
    street_type,
    type_inside,
    written_types,
)
from search.parsing.text import normalise

DATA = Path(__file__).with_name("data") / "streets.tsv"
CONNECTORS = frozenset(["and", "at", "y", "con", "&"])
# Words after which a number is no house number: "calle 8 y ...", "route 66 diner", "gate 12", "suite 400"
NOT_BEFORE_AN_ADDRESS = frozenset(
    ["calle", "avenida", "carrera", "route", "highway", "hwy", "interstate", "i", "us", "sr", "pier", "gate",
     "terminal", "exit", "suite", "ste", "apt", "unit", "level", "floor", "platform", "door", "lot",
     "concourse", "number", "no", "track", "bay", "dock", "stall", "room"]
)  # fmt: skip


class CornerAmbiguous(Exception):
    """Two streets of these names cross in several metros, and the phrase says none of them."""

    def __init__(self, corners: list[tuple[str, str]]) -> None:
        super().__init__(corners)
        self.corners = corners  # (label, metro key)


class Corner(NamedTuple):
    label: str  # "Colfax Ave & Broadway", "1500 block of Walnut St"
    point: tuple[float, float]
    metro: str
    used: set[int]  # the indices of the phrase's words it explains
    source: str = "streets:corner"
    confidence: str = "high"


@dataclass(frozen=True)
class Street:
    metro: str
    name: str
    points: tuple[tuple[float, float], ...]


class Corners:
    def __init__(self, path: Path = DATA) -> None:
        self.streets: dict[str, list[Street]] = {}  # base name -> streets (several metros have a Broadway)
        self._typed_inside: set[str] = set()  # the keys of names written with their type inside ("16th st mall")
        with path.open(encoding="utf-8") as handle:
            rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
            streets = []
            for metro, name, aliases, points, _source in rows:
                line = tuple(tuple(float(v) for v in p.split(",")) for p in points.split(";"))
                streets.append((Street(metro, name, line), {name, *filter(None, aliases.split(";"))}))  # type: ignore[arg-type]
        # a street whose name starts with a direction is also found with it ("west peachtree"); where the metro has
        # a street of the same name without it (Peachtree St), the bare name is that one's alone
        plain = {
            (s.metro, base_name(normalise(s.name).split()))
            for s, _ in streets
            if directed_name(normalise(s.name).split()) is None
        }
        for street, aliases in streets:
            own = directed_name(normalise(street.name).split()) is not None
            for alias in aliases:
                words = normalise(alias).split()
                keys = {base_name(words), directed_name(words)} - {None}
                if own and (street.metro, base_name(words)) in plain:
                    keys.discard(base_name(words))
                if type_inside(words):  # "16th st mall", "5th ave brooklyn": a name that holds its type inside
                    self._typed_inside.update(keys)
                for key in keys:
                    if street not in self.streets.setdefault(key, []):
                        self.streets[key].append(street)
        # "north and damen", "south and broad": a street named by a direction and its type alone (North Ave, South St)
        # loses its type in a corner, as other streets do; the bare direction is its key for corners only (`named`
        # and addresses never take it: "200 south" is Salt Lake City's grid, not a house on South St)
        self._bare: set[str] = set()
        for street, _ in streets:
            words = normalise(street.name).split()
            if len(words) == 2 and words[0] in FULL_DIRECTION.values() and words[1] in SUFFIXES:
                self._bare.add(words[0])
                if street not in self.streets.setdefault(words[0], []):
                    self.streets[words[0]].append(street)
        self.max_words = max(len(k.split()) for k in self.streets)
        self._keys_by_metro: dict[str, set[str]] = {}
        for key, lines in self.streets.items():
            for line in lines:
                self._keys_by_metro.setdefault(line.metro, set()).add(key)
        # per metro, its numbered streets with their address number and family, for blocks ("1500 block of walnut")
        self._numbered: dict[str, list[tuple[int, str, Street]]] = {}
        for street in {s for lines in self.streets.values() for s in lines}:
            numbered = street_number(street.name)
            if numbered is not None:
                self._numbered.setdefault(street.metro, []).append((*numbered, street))

    def named(self, words: list[str]) -> list[Street]:
        """The streets, of any metro, that `words` names whole ("state street": Chicago's and Salt Lake City's), of
        the type written if one is ("sunset blvd" is no Sunset Rd)."""
        written = written_types(words)
        key = directed_name(words) or base_name(words) if words else ""
        lines = self.streets.get(key, []) if key not in self._bare else []
        return [s for s in lines if not written or street_type(s.name) in written]

    def _street_at(
        self, words: list[str], start: int, step: int, inside: frozenset[int] = frozenset()
    ) -> tuple[str, int] | None:
        """The longest street name that ends (step -1) or starts (step 1) at `start`, ignoring type/direction, that
        does not end or start `inside` a metro's name (between two of its words: "grand st louis" is Grand Blvd in
        St. Louis, not a Grand St; "la brea" or "chicago ave" take a metro's whole name, and may)."""
        best = None
        for size in range(1, self.max_words + 3):
            lo, hi = (start - size + 1, start + 1) if step < 0 else (start, start + size)
            if lo < 0 or hi > len(words):
                break
            if lo in inside or hi in inside:
                continue
            key = directed_name(words[lo:hi])
            if key not in self.streets:
                key = base_name(words[lo:hi])
            if (
                key in self.streets
                and (
                    words[lo] not in SUFFIXES
                    or (words[lo] in ("st", "calle", "avenida", "avenue", "ave") and hi - lo > 1)
                )  # "st charles", "calle 8", "avenue a", "avenue of the americas"
                and (key in self._typed_inside or not type_inside(words[lo:hi]))
            ):  # "east blvd charlotte" is East Blvd in Charlotte, not a Charlotte Ave whose type and direction fell out
                best = (key, hi - lo)
        return best

    def _misspelt_street_at(self, words: list[str], start: int, step: int, known: str) -> tuple[str, int] | None:
        """A misspelt name (one or two words, no number) at `start` of a street in the metros where the street
        `known` is: "lindel" beside "kingshighway" is Lindell Blvd. Same first letter, ratio >= 85."""
        names = sorted({key for line in self.streets[known] for key in self._keys_by_metro[line.metro]} - {known})
        for size in (2, 1):
            lo, hi = (start - size + 1, start + 1) if step < 0 else (start, start + size)
            if lo < 0 or hi > len(words) or any(c.isdigit() for w in words[lo:hi] for c in w):
                continue
            written = base_name(words[lo:hi])
            if len(written) < 5 or words[lo] in CONNECTORS:
                continue
            hit = process.extractOne(written, names, scorer=fuzz.ratio, score_cutoff=85)
            if hit is not None and hit[0][0] == written[0]:
                return hit[0], hi - lo
        return None

    def _distinctive(self, left: str, right: str, typed: dict[str, list[Street]] | None = None) -> bool:
        """Two streets whose corner needs no city: not numbered, or the named one known in one metro only among those
        that have the numbered one ("7th st and mcdowell"; "6th and lamar": Dallas has a Lamar St but no 6th St), or a
        number with its direction ("400 south and state": only Salt Lake City numbers streets so). A bare number is
        never enough: every city has a 23rd St, whether or not this file lists it. `typed`: the streets of each key of
        the type written, when the phrase writes one."""
        numbered = [k for k in (left, right) if any(c.isdigit() for c in k)]
        if not numbered:
            return True
        named = [k for k in (left, right) if k not in numbered or k.split()[-1] in DIRECTIONS]
        if not named:
            return False
        lines = typed or self.streets  # of the type written, where given ("peoria and 32nd st": no 32nd Ave)
        for key in named:  # either one will do: "main st and 200 south" as "200 south and main st"
            metros = {s.metro for s in lines[key]}
            if len(numbered) == 1 and key != numbered[0]:
                # Manhattan's numbered streets are computed (search.geo.manhattan), not drawn here: it has them all
                metros &= {s.metro for s in lines[numbered[0]]} | {"new-york"}
            if len(metros) == 1:
                return True
        return False

    def locate(
        self,
        words: list[str],
        metro_at: dict[int, str],
        near: tuple[float, float] | None = None,
        *,
        any_metro: bool = False,
        inside: frozenset[int] = frozenset(),
        named: frozenset[int] = frozenset(),
    ) -> Corner | None:
        """The corner named in `words` (or a street's block, see `_block`), in the metro the phrase names
        (`metro_at`: word index -> metro key, outside the streets' names), else the one near the user, else the
        only metro where the two streets cross (never for numbered streets: every city has a 5th and a 10th);
        None if no two known streets are joined by a connector or they do not cross. Without a metro, a corner with
        a numbered street counts only when the other street is known in one metro alone ("7th st and mcdowell" is
        Phoenix; "5th and main" is in every city)."""
        block = self._block(words, metro_at, near, any_metro, named)
        if block is not None:
            return block
        for i, word in enumerate(words):
            if word not in CONNECTORS or i == 0:
                continue
            left = self._street_at(words, i - 1, -1, inside)
            right = self._street_at(words, i + 1, 1, inside)
            misspelt = None  # "kingshighway and lindel": the other street of the known one's metro, misspelt
            if left is not None and right is None:
                right = misspelt = self._misspelt_street_at(words, i + 1, 1, left[0])
            elif right is not None and left is None:
                left = misspelt = self._misspelt_street_at(words, i - 1, -1, right[0])
            if left is None or right is None or left[0] == right[0]:
                continue
            # "colfax and broadway denver": the street types/directions after the right name belong to it
            end = i + 1 + right[1]
            while end < len(words) and end + 1 not in inside and (words[end] in SUFFIXES or words[end] in DIRECTIONS):
                end += 1
            used = set(range(i - left[1], end))
            # the type written ("7th st", not "7th ave") picks among same-named streets that have one
            left_type = written_types(words[i - left[1] : i])
            right_type = written_types(words[i + 1 : end])
            lefts = _quartered(_typed(self.streets[left[0]], left_type), words[i - left[1] : i])
            rights = _quartered(_typed(self.streets[right[0]], right_type), words[i + 1 : end])
            # "en la calle ocho y ...": the article before the corner is no city (Los Angeles)
            metros = {m for at, m in metro_at.items() if at not in used and not _article_before(words, at, used)}
            found = []
            for a in lefts:
                for b in rights:
                    if a.metro != b.metro or (metros and a.metro not in metros):
                        continue
                    point = crossing(a.points, b.points)
                    if point is not None:
                        sure = "medium" if misspelt else "high"
                        found.append(Corner(f"{a.name} & {b.name}", point, a.metro, used, confidence=sure))
            # a street drawn in two pieces (Miami's Flagler St) crosses the other once, not twice
            found = [f for k, f in enumerate(found) if not any(
                g.metro == f.metro and math.dist(g.point, f.point) < 0.003 for g in found[:k])]  # fmt: skip
            if found and any_metro:
                return found[0]
            if found and near is not None and not metros:
                return min(found, key=lambda f: math.dist(f.point, near))
            typed = {left[0]: lefts, right[0]: rights}
            if len(found) == 1 and (metros or self._distinctive(left[0], right[0], typed)):
                # a numbered street's corner without its city is only as sure as this file is complete: "11th and
                # woodland" is Kansas City's here, and Nashville's Five Points too
                numbered = not metros and any(c.isdigit() for c in left[0] + right[0])
                return found[0]._replace(confidence="medium") if numbered else found[0]
            # two numbered streets crossing twice in one metro (Miami's NW and NE 2nd Aves, "2nd ave and 14th st")
            # are no choice to offer: such a corner needs its city (or is Manhattan's grid), as one crossing does
            one_metro = len({f.metro for f in found}) == 1
            if len(found) > 1 and not metros and not (one_metro and not self._distinctive(left[0], right[0], typed)):
                raise CornerAmbiguous([(f.label, f.metro) for f in found])
        return self._interpolated(words, metro_at, near, any_metro)

    def _block(
        self,
        words: list[str],
        metro_at: dict[int, str],
        near: tuple[float, float] | None,
        any_metro: bool,
        named: frozenset[int] = frozenset(),
    ) -> Corner | None:
        """A street section written as an address block ("1500 block of Walnut St", "2400 block of e camelback rd",
        "200 block of S Main St"), or an address ("1500 walnut st", "1500 n wells"). Where a city numbers its
        addresses by its numbered streets (Philadelphia's 15th St is the 1500 block, Phoenix's 24th St the 2400 block
        east, Salt Lake City's 200 South the 200 block south), the N00 block runs from the street's crossing with the
        Nth numbered street to the next one; a block's point is its middle, an address's its number, read between
        the nearest numbered crossings on either side; in a city whose numbers count miles from two baselines
        (Chicago, `search.geo.grids`), from there. Not every city numbers so, and nothing here says which do: such a
        point is answered with confidence medium, never high. None if the phrase names no block or address, or the
        street has no numbered crossings around it, or the number begins a known place's name (`named`: word indices;
        "900 north michigan" is the mall)."""
        at = next((i for i in range(1, len(words)) if words[i] == "block" and re.fullmatch(r"\d+", words[i - 1])), None)
        # Spanish: "la cuadra 1500 de east lake st"
        cuadra = next((i for i in range(len(words) - 1) if words[i] == "cuadra" and words[i + 1].isdigit()), None)
        if at is not None or cuadra is not None:
            first, number_at, at = (at - 1, at - 1, at) if at is not None else (cuadra, cuadra + 1, cuadra + 1)
            start = at + 1 + (at + 1 < len(words) and words[at + 1] in ("of", "de", "del"))
            return self._numbered_point(words, first, start, int(words[number_at]) // 100 * 100, metro_at, near,
                                        any_metro, block=True)  # fmt: skip
        for i, word in enumerate(words[:-1]):  # "1500 n wells", "2400 e camelback rd": an address
            if i in named or not re.fullmatch(r"[1-9]\d{0,4}", word):
                continue
            if i == 0 or words[i - 1] not in NOT_BEFORE_AN_ADDRESS:
                found = self._numbered_point(words, i, i + 1, int(word), metro_at, near, any_metro, block=False)
                if found is not None:
                    return found
        return None

    def _numbered_point(
        self,
        words: list[str],
        first: int,
        start: int,
        number: int,
        metro_at: dict[int, str],
        near: tuple[float, float] | None,
        any_metro: bool,
        *,
        block: bool,
    ) -> Corner | None:
        """The point of house `number` (the middle of its block if `block`) on the street named from `start`."""
        street = self._street_at(words, start, 1)
        if street is None or street[0] in self._bare:
            return None
        end = start + street[1]
        while end < len(words) and (words[end] in SUFFIXES or words[end] in DIRECTIONS):
            end += 1
        span = words[start:end]
        side = next((FULL_DIRECTION.get(w, w) for w in span if w in DIRECTIONS), None)
        used = set(range(first, end))
        metros = {m for i, m in metro_at.items() if i not in used}
        # "200 s main st": South Main St where a metro has one (Los Angeles), Main St's south side in the others
        base = base_name(words[start : start + street[1]])
        also = self.streets.get(base, []) if base != street[0] else []
        lines = list(dict.fromkeys([*self.streets[street[0]], *also]))  # a line both keys name, once
        found = []
        for line in _typed(lines, written_types(span)):
            if metros and line.metro not in metros:
                continue
            if block:
                point = self._at(line, number + 50, side) or self._at(line, number, side)
            else:
                point = self._at(line, number, side)
            point = point or grid_point(line.metro, line.points, number + 50 * block, side)
            if point is not None:
                prefix = side.title() + " " if side in FULL_DIRECTION.values() and not quadrant(line.name) else ""
                label = f"{number} block of {prefix}{line.name}" if block else f"{number} {prefix}{line.name}"
                found.append(Corner(label, point, line.metro, used, "streets:block", "medium"))
        if found and near is not None and not metros:
            return min(found, key=lambda f: math.dist(f.point, near))
        if found and any_metro:
            return found[0]
        # a street of several metros, none named ("1500 block of broadway"): not the one whose block could be read
        by_metro = {line.metro: line for line in self.streets[street[0]]}
        if found and not metros and len(by_metro) > 1:
            what = f"{number} block of " if block else f"{number} "
            raise CornerAmbiguous([(f"{what}{line.name}", key) for key, line in sorted(by_metro.items())])
        return found[0] if len(found) == 1 else None

    def _at(self, line: Street, value: int, side: str | None, family: str | None = None) -> tuple[float, float] | None:
        """The point of `line` at address `value`, read from its crossings with the metro's numbered streets ("15th St"
        is 1500, "200 South" is 200 south): the crossing of that number, else between the nearest numbered crossings
        on either side (at most 30 blocks apart). Numbered streets come in families (Phoenix's "Nth St" east of
        Central Ave, its "Nth Ave" west): the family written, else the one on the side written ("e camelback"), else
        the only one that crosses the street."""
        crossings = []
        if side not in FULL_DIRECTION.values():  # "sw 8th st": a quadrant in the name, no side of the grid
            side = None
        for number, kind, other in self._numbered.get(line.metro, ()):
            if (
                other is line
                or (family is not None and kind != family)
                or (kind in FULL_DIRECTION.values() and side is not None and kind != side)
            ):
                continue
            point = crossing(line.points, other.points)
            if point is not None:
                crossings.append((kind, number, point))
        families = [list(group) for _, group in groupby(sorted(crossings), key=lambda c: c[0])]
        if side is not None and len(families) > 1:  # the family lying furthest that way
            axis = 1 if side in ("east", "west") else 0
            sign = 1 if side in ("east", "north") else -1
            families = [max(families, key=lambda f: sign * sum(c[2][axis] for c in f) / len(f))]
        if len(families) != 1:
            return None
        exact = [point for _, number, point in families[0] if number == value]
        lower = [c for c in families[0] if c[1] < value]
        upper = [c for c in families[0] if c[1] > value]
        if exact or not lower or not upper:
            return exact[0] if exact else None
        (_, a, pa), (_, b, pb) = lower[-1], upper[0]
        if b - a > 3000:  # too far apart to read a number between them (a grid holds over 30 blocks)
            return None
        t = (value - a) / (b - a)
        return (round(pa[0] + t * (pb[0] - pa[0]), 5), round(pa[1] + t * (pb[1] - pa[1]), 5))

    def _interpolated(
        self, words: list[str], metro_at: dict[int, str], near: tuple[float, float] | None, any_metro: bool
    ) -> Corner | None:
        """A corner of a known street and a numbered one this file lacks, in a city whose numbered streets run in
        order: "calle ocho y la 15 avenida" lies between Calle Ocho's crossings with 12th and 17th Avenues.
        Confidence medium: the numbered street is placed between its neighbours, not known."""
        for i, word in enumerate(words):
            if word not in CONNECTORS or i == 0:
                continue
            left, right = self._street_at(words, i - 1, -1), self._street_at(words, i + 1, 1)
            left_number, right_number = numbered_span(words, i - 1, -1), numbered_span(words, i + 1, 1)
            if left is not None and right_number is not None:
                (value, family, size), key = right_number, left[0]
                lo, hi = i - left[1], i + 1 + size
                typed = written_types(words[lo:i])
            elif right is not None and left_number is not None:
                (value, family, size), key = left_number, right[0]
                lo, hi = i - size, i + 1 + right[1]
                typed = written_types(words[i + 1 : hi])
            else:
                continue
            used = set(range(lo, hi))
            metros = {m for at, m in metro_at.items() if at not in used and not _article_before(words, at, used)}
            found = []
            for line in _typed(self.streets[key], typed):
                if metros and line.metro not in metros:
                    continue
                point = self._at(line, value, None, family)
                if point is not None:
                    label = f"{line.name} & {ordinal(value // 100)} {(family or 'street').title()}"
                    found.append(Corner(label, point, line.metro, used, "streets:interpolated", "medium"))
            if found and (any_metro or metros or len({line.metro for line in self.streets[key]}) == 1):
                return found[0]
            if found and near is not None:
                return min(found, key=lambda f: math.dist(f.point, near))
        return None


def _article_before(words: list[str], at: int, used: set[int]) -> bool:
    return words[at] in ARTICLES and at + 1 == min(used)


def _typed(streets: list[Street], written: set[str]) -> list[Street]:
    """The streets whose type is the one written, if any has it; else all of them. A type before the street's direction
    is its type: "21st Ave S" is an avenue, as "NW 21st Ave" is."""
    typed = [s for s in streets if street_type(s.name) in written]
    return typed or streets


def _quartered(streets: list[Street], words: list[str]) -> list[Street]:
    """The streets of the quadrant written, where same-numbered streets of two quadrants are drawn apart: Miami's "NE
    2nd Ave" runs east of Miami Ave, half a kilometre from NW 2nd Ave (whose line is also SW 2nd Ave's). The quadrant
    written in the name, else the one on its east/west side ("se 2nd ave" is NE 2nd Ave's line); all of them if none
    is ("ne 54th st" is NW 54th St's line, drawn across Miami Ave)."""
    written = next((w for w in words if w in QUADRANTS), None)
    if written is None or len(streets) < 2:
        return streets
    named = [(s, normalise(s.name).split()[0]) for s in streets]
    exact = [s for s, q in named if q == written]
    side = [s for s, q in named if q in QUADRANTS and q[1] == written[1]]
    return exact or side or streets
