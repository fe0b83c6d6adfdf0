"""How street names are written, for the corners of `search.geo.corners`: types ("st", "avenida"), directions, the
key a name is indexed by ("10th st ne" -> "10th"), Spanish numbered streets ("calle 8"), address numbers of
numbered streets. Pure Python: no Django."""

from __future__ import annotations

import re

from search.parsing.text import normalise

SUFFIXES = {
    "st": "street", "street": "street", "ave": "avenue", "av": "avenue", "avenue": "avenue", "blvd": "boulevard",
    "boulevard": "boulevard", "rd": "road", "road": "road", "dr": "drive", "drive": "drive",
    "calle": "street", "avenida": "avenue",
}  # fmt: skip
ARTICLES = frozenset(["la", "el"])
QUADRANTS = frozenset(["ne", "nw", "se", "sw"])  # a city quarter's streets ("NW 36th St"), never Manhattan's
DIRECTIONS = frozenset(["n", "s", "e", "w", *QUADRANTS, "north", "south", "east", "west"])
SPANISH_DIRECTION = {"norte": "north", "sur": "south", "este": "east", "oeste": "west"}
FULL_DIRECTION = {"n": "north", "s": "south", "e": "east", "w": "west"}


def base_name(words: list[str]) -> str:
    """A street's name without its type and direction: "10th st ne" -> "10th", "colfax ave" -> "colfax". A plain
    number followed by its direction is Salt Lake City's grid and keeps it: "900 s" -> "900 south" ("900 south and
    900 east" are two streets), and so does its local ordinal: "13th east" -> "1300 east"."""
    words = spanish_street(words)
    if len(words) == 2 and words[0].isdigit() and words[1] in SPANISH_DIRECTION:  # "400 sur", "700 este"
        words = [words[0], SPANISH_DIRECTION[words[1]]]
    # "Martin Luther King Jr Blvd" is also "mlk", "mlk jr blvd", "martin luther king blvd"
    text = " ".join(w for w in words if w != "jr").replace("martin luther king", "mlk")
    words = text.split() or words
    if len(words) >= 2 and words[0].isdigit() and words[1] in DIRECTIONS:
        return f"{words[0]} {FULL_DIRECTION.get(words[1], words[1])}"
    ordinal = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", words[0]) if len(words) == 2 else None
    if ordinal is not None and words[1] in FULL_DIRECTION.values():  # "13th east" is 1300 East
        return f"{ordinal.group(1)}00 {words[1]}"
    kept = [w for w in words if w not in SUFFIXES and w not in DIRECTIONS]
    return " ".join(kept or words)


def street_type(name: str) -> str | None:
    """A street name's type, spelt out, after any direction: "Sunset Rd" -> "road", "12th Ave S" -> "avenue"; None for
    "Broadway"."""
    words = normalise(name).split()
    while len(words) > 1 and words[-1] in DIRECTIONS:
        words.pop()
    return SUFFIXES.get(words[-1]) if words else None


def directed_name(words: list[str]) -> str | None:
    """A street's name with the direction it starts with, for a street whose direction is part of its name: "w
    peachtree st" -> "west peachtree" (West Peachtree St runs a block or three west of Peachtree St, a street of its
    own). None if the name starts with no direction or is only a direction and a type ("north ave")."""
    if len(words) < 2 or words[0] not in DIRECTIONS or words[0] in QUADRANTS:
        return None
    rest = [w for w in words[1:] if w not in SUFFIXES and w not in DIRECTIONS]
    if not rest or any(c.isdigit() for w in rest for c in w):
        return None
    return " ".join([FULL_DIRECTION.get(words[0], words[0]), *rest])


def type_inside(words: list[str]) -> bool:
    """A street type written before another word of the name: "east blvd charlotte" (the type ends East Blvd, and
    Charlotte is the city), "16th st mall"; not "st charles", "calle ocho", "avenue a" (a type first) nor "n st paul
    st" ("saint" after the direction)."""
    words = spanish_street(words)
    start = next((k for k, w in enumerate(words) if w not in DIRECTIONS and w not in ARTICLES), len(words))
    start += start == 0 or (start < len(words) and words[start] == "st")
    return any(
        w in SUFFIXES and any(v not in SUFFIXES and v not in DIRECTIONS for v in words[k + 1 :])
        for k, w in enumerate(words[start:], start)
    )


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def spanish_street(words: list[str]) -> list[str]:
    """Spanish numbered streets as their English names: "calle 8" -> "8th street", "avenida 27" /
    "la 27 avenida" -> "27th avenue", "la 36" -> "36th". Named ones ("calle ocho" aliased in the file) are matched
    as written too."""
    if words and words[0] in ARTICLES and len(words) > 1 and (words[1].isdigit() or words[1] in SUFFIXES):
        words = words[1:]
        if len(words) == 1 and words[0].isdigit():  # "biscayne y la 36": the 36th (street), as Miami says it
            return [ordinal(int(words[0]))]
    if len(words) == 2 and words[0] in ("calle", "avenida"):
        kind, num = words
    elif len(words) == 2 and words[1] in ("calle", "avenida", "street", "avenue"):  # "la 15 avenida" in English
        num, kind = words
    else:
        return words
    if not num.isdigit():  # "calle ocho" is Miami's own name (an alias in the file), not any city's 8th St
        return words
    return [ordinal(int(num)), SUFFIXES[kind]]


def numbered_span(words: list[str], start: int, step: int) -> tuple[int, str | None, int] | None:
    """A numbered street written at `start` (ending there if step is -1): "15th ave", "sw 15th ave", "la 15 avenida",
    "calle 15" -> (1500, "avenue", words used); None if there is none."""
    for size in (4, 3, 2, 1):
        lo, hi = (start - size + 1, start + 1) if step < 0 else (start, start + size)
        if lo < 0 or hi > len(words):
            continue
        span = [w for w in spanish_street(words[lo:hi]) if w not in DIRECTIONS]
        if not span or (span[-1] not in SUFFIXES and len(span) > 1):
            continue
        ordinal = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", span[0])
        if ordinal is not None and len(span) <= 2 and 0 < int(ordinal.group(1)) < 200:
            return int(ordinal.group(1)) * 100, SUFFIXES[span[1]] if len(span) == 2 else None, hi - lo
    return None


def street_number(name: str) -> tuple[int, str] | None:
    """A numbered street's address number and family: "15th St" -> (1500, "street"), "24th Ave" -> (2400, "avenue"),
    "200 South" -> (200, "south"); None for a named street."""
    words = normalise(name).split()
    if len(words) > 2 and words[0] in DIRECTIONS:  # "NW 12th Ave"
        words = words[1:]
    ordinal = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", words[0])
    if ordinal is not None:
        return int(ordinal.group(1)) * 100, SUFFIXES.get(words[-1], "street")
    if len(words) >= 2 and words[0].isdigit() and words[1] in DIRECTIONS:
        return int(words[0]), FULL_DIRECTION.get(words[1], words[1])
    return None


def quadrant(name: str) -> bool:
    """The street's name starts with its direction ("SW 8th St", "N Broad St")."""
    return normalise(name).split()[0] in DIRECTIONS


def written_types(words: list[str]) -> set[str]:
    """The street types written in a street's words; "st" first is "saint" ("st charles"), not a type."""
    words = spanish_street(words)
    return {SUFFIXES[w] for k, w in enumerate(words) if w in SUFFIXES and not (k == 0 and w == "st" and len(words) > 1)}
