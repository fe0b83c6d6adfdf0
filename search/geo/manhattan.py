"""Manhattan's street grid: numbered streets and avenues -> coordinates, computed, not listed.

The Commissioners' Plan of 1811 laid Manhattan out as a grid rotated about 29° east of true north.
Above 14th Street a numbered street sits every ~79 m along the avenues (20 blocks a mile), and the
avenues sit at fixed cross-town offsets from Fifth Avenue (Fifth divides East from West). A point is

    anchor (5th Ave & 42nd St) + (street - 42) * 79 m along 29° + avenue offset along 299°

The anchor and spacings are public survey facts (the grid's 1811 plan; block lengths from NYC DOT);
checked against known corners: 7th Ave & 34th St (Penn Station), 1st Ave & 42nd St (UN),
5th Ave & 59th St (Grand Army Plaza), 8th Ave & 14th St: each within ~100 m.
Valid for streets 14 to 155 (south of 14th Street the grid gives way to older streets).
Pure Python: no Django.
"""

from __future__ import annotations

import math
import re
from itertools import pairwise

ANCHOR = (40.7532, -73.9806)  # Fifth Avenue & 42nd Street
STREET_SPACING_M = 79.0
BEARING_DEG = 29.0
M_PER_DEG_LAT = 111_000.0

# Cross-town offset from Fifth Avenue in metres, positive westwards.
AVENUES: dict[str, float] = {
    "york": -1180.0, "1st": -980.0, "2nd": -780.0, "3rd": -580.0, "lexington": -390.0, "park": -260.0,
    "madison": -130.0, "5th": 0.0, "6th": 280.0, "7th": 560.0, "8th": 840.0, "9th": 1120.0, "10th": 1400.0,
    "11th": 1680.0, "12th": 1960.0,
}  # fmt: skip
AVENUE_ALIASES = {
    "first": "1st", "second": "2nd", "third": "3rd", "fifth": "5th", "sixth": "6th", "seventh": "7th",
    "eighth": "8th", "ninth": "9th", "tenth": "10th", "eleventh": "11th", "twelfth": "12th", "lex": "lexington",
    "avenue of the americas": "6th", "americas": "6th", "central park west": "8th", "columbus": "9th",
    "amsterdam": "10th", "west end": "11th", "lenox": "6th", "malcolm x": "6th", "adam clayton powell": "7th",
    "frederick douglass": "8th", "1": "1st", "2": "2nd", "3": "3rd", "5": "5th", "6": "6th", "7": "7th", "8": "8th",
    "9": "9th", "10": "10th", "11": "11th", "12": "12th", "4th": "park", "4": "park", "fourth": "park",
    "primera": "1st", "segunda": "2nd", "tercera": "3rd", "cuarta": "park", "quinta": "5th", "sexta": "6th",
    "septima": "7th", "octava": "8th", "novena": "9th", "decima": "10th",  # Spanish: "la quinta avenida"
}  # fmt: skip
# Broadway runs across the grid: its offset from Fifth Avenue (as AVENUES) where it crosses these streets, read
# between them. It meets Fifth at 23rd St (Madison Square), Sixth at 34th (Herald Square), Seventh at 45th (Times
# Square), Eighth at 59th (Columbus Circle), Columbus (Ninth) at 65th (Lincoln Square) and Amsterdam (Tenth) at
# 72nd (Sherman Square); above, it runs about halfway to West End Avenue. Union Square West at 14th.
BROADWAY: tuple[tuple[int, float], ...] = (
    (14, -150.0), (23, 0.0), (34, 280.0), (45, 560.0), (59, 840.0), (65, 1120.0), (72, 1400.0), (96, 1540.0),
    (125, 1540.0),
)  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
STREET_RANGE = (14, 155)

_AVE_NAMES = "|".join(sorted((re.escape(k) for k in (*AVENUES, *AVENUE_ALIASES)), key=len, reverse=True))
_NUM = r"(\d{1,3})(?:st|nd|rd|th)?|" + "|".join(_ORDINALS)
_AVE_WORD = r"(?:avenue|ave|av|avenida)"
_STREET_WORD = r"(?:street|st|calle)"
_AND = r"(?:and|&|at|by|x|n|y)"

# "west 42nd street", "w 42nd st", "42nd street"
STREET = re.compile(rf"\b(?:(?P<side>west|east|w|e)\s+)?(?P<num>{_NUM})\s+{_STREET_WORD}\b")
# "8th avenue", "avenue of the americas", "lexington ave", "park avenue"
AVENUE = re.compile(rf"\b(?P<ave>{_AVE_NAMES})\s+{_AVE_WORD}\b|\b(?P<ave2>avenue of the americas)\b")
# "42nd and 8th", "42nd st and 8th ave", "8th ave and 42nd", "42nd & lex", "42 and 8"
CORNER = re.compile(
    rf"\b(?:(?:west|east|w|e)\s+)?(?P<s>{_NUM})(?:\s+{_STREET_WORD})?\s+{_AND}\s+"
    rf"(?P<a>{_AVE_NAMES})(?:\s+{_AVE_WORD})?\b"
    rf"|\b(?P<a2>{_AVE_NAMES})(?:\s+{_AVE_WORD})?\s+{_AND}\s+(?:(?:west|east|w|e)\s+)?"
    rf"(?P<s2>{_NUM})(?:\s+{_STREET_WORD})?\b"
)
# "broadway and 34th", "w 72nd st & broadway"
BROADWAY_CORNER = re.compile(
    rf"\bbroadway\s+{_AND}\s+(?:(?:west|east|w|e)\s+)?(?P<s>{_NUM})(?:\s+{_STREET_WORD})?\b"
    rf"|\b(?:(?:west|east|w|e)\s+)?(?P<s2>{_NUM})(?:\s+{_STREET_WORD})?\s+{_AND}\s+broadway\b"
)


def _number(text: str) -> int:
    text = text.strip()
    if text in _ORDINALS:
        return _ORDINALS[text]
    return int(re.match(r"\d+", text).group(0))  # type: ignore[union-attr]


def _avenue(name: str) -> str | None:
    name = name.strip()
    name = AVENUE_ALIASES.get(name, name)
    return name if name in AVENUES else None


def point(street: float, avenue_offset_m: float) -> tuple[float, float]:
    along = (street - 42) * STREET_SPACING_M
    bearing = math.radians(BEARING_DEG)
    north = along * math.cos(bearing) + avenue_offset_m * math.cos(bearing + math.radians(270))
    east = along * math.sin(bearing) + avenue_offset_m * math.sin(bearing + math.radians(270))
    lat = ANCHOR[0] + north / M_PER_DEG_LAT
    lon = ANCHOR[1] + east / (M_PER_DEG_LAT * math.cos(math.radians(ANCHOR[0])))
    return round(lat, 5), round(lon, 5)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _avenue_label(avenue: str) -> str:
    return {"lexington": "Lexington Ave", "park": "Park Ave", "madison": "Madison Ave", "york": "York Ave"}.get(
        avenue, f"{avenue} Ave"
    )


def locate(text: str) -> tuple[str, tuple[float, float], tuple[int, int]] | None:
    """Find a Manhattan grid reference in normalised `text`: (label, (lat, lon), span) or None.

    A corner ("42nd and 8th") is exact; a street alone ("West 42nd Street") is placed at the middle
    of its west (between 5th and 9th, i.e. at 7th) or east (Lexington) side, or at Fifth Avenue when
    no side is given; an avenue alone is placed at 42nd Street.
    """
    # Spanish order, "calle 34" / "street 34" -> "34 calle" (same length: the span stays that of `text`)
    text = re.sub(r"\b(calle|street)\s+(\d{1,3})\b", lambda m: f"{m[2]} {m[1]}", text)
    match = CORNER.search(text)
    if match:
        s, a = (match["s"], match["a"]) if match["s"] else (match["s2"], match["a2"])
        street, avenue = _number(s), _avenue(a)
        if avenue is not None and STREET_RANGE[0] <= street <= STREET_RANGE[1]:
            label = f"{_ordinal(street)} St & {_avenue_label(avenue)}"
            return label, point(street, AVENUES[avenue]), match.span()
    match = BROADWAY_CORNER.search(text)
    if match:
        street = _number(match["s"] or match["s2"])
        if BROADWAY[0][0] <= street <= BROADWAY[-1][0]:
            (a, pa), (b, pb) = next((lo, hi) for lo, hi in pairwise(BROADWAY) if lo[0] <= street <= hi[0])
            offset = pa + (pb - pa) * (street - a) / (b - a)
            return f"Broadway & {_ordinal(street)} St", point(street, offset), match.span()
    match = STREET.search(text)
    if match:
        street = _number(match["num"])
        if STREET_RANGE[0] <= street <= STREET_RANGE[1]:
            side = (match["side"] or "")[:1]
            offset = {"w": AVENUES["7th"], "e": AVENUES["lexington"]}.get(side, 0.0)
            prefix = {"w": "West ", "e": "East "}.get(side, "")
            return f"{prefix}{_ordinal(street)} St", point(street, offset), match.span()
    match = AVENUE.search(text)
    if match:
        avenue = _avenue(match["ave"] or match["ave2"] or "")
        if avenue is not None:
            return f"{_avenue_label(avenue)} & 42nd St", point(42, AVENUES[avenue]), match.span()
    return None
