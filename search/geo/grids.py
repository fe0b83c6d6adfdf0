"""Address grids: cities whose house numbers count miles from two baselines at a fixed rate, so that a number on a
known street's line is a point on it ("1500 N Wells St" lies 1500 / 800 miles north of Madison St, on Wells St's
line). Where a city numbers its addresses by its numbered streets instead (Philadelphia, Phoenix), the numbered
crossings say it (`Corners._at`); this is for grids whose streets carry names, not numbers. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from math import cos, radians

KM_PER_MILE = 1.609344
KM_PER_DEGREE = 111.2


@dataclass(frozen=True)
class AddressGrid:
    origin: tuple[float, float]  # the crossing of the baselines: 0 north/south, 0 east/west
    # (house number, miles from the baseline) where the rate changes, per side; beyond the last, its rate goes on
    north: tuple[tuple[int, float], ...]
    south: tuple[tuple[int, float], ...]
    east: tuple[tuple[int, float], ...]
    west: tuple[tuple[int, float], ...]


# Chicago: State St (0 E/W) and Madison St (0 N/S), 800 numbers to the mile ("eight blocks"), except south of Madison
# where Roosevelt Rd (1 mile) is 1200, Cermak Rd (2 miles) 2200, 31st St 3100, Pershing Rd (39th) 3900, 800 on from
# there (City of Chicago, "Chicago's street numbering system"). Origin: State & Madison on OpenStreetMap.
GRIDS: dict[str, AddressGrid] = {
    "chicago": AddressGrid(
        origin=(41.8820, -87.6278),
        north=((0, 0.0), (800, 1.0)),
        south=((0, 0.0), (1200, 1.0), (2200, 2.0), (3100, 3.0), (3900, 4.0), (4700, 5.0)),
        east=((0, 0.0), (800, 1.0)),
        west=((0, 0.0), (800, 1.0)),
    ),
}


def _miles(breaks: tuple[tuple[int, float], ...], number: int) -> float:
    for (n0, m0), (n1, m1) in pairwise(breaks):
        if number <= n1:
            return m0 + (number - n0) * (m1 - m0) / (n1 - n0)
    (n0, m0), (n1, m1) = breaks[-2], breaks[-1]
    return m1 + (number - n1) * (m1 - m0) / (n1 - n0)


def grid_point(
    metro: str, line: tuple[tuple[float, float], ...], number: int, side: str | None
) -> tuple[float, float] | None:
    """The point of the street `line` (a polyline of the metro) at house `number` on `side` of the grid ("north",
    ...): where the line crosses that number's latitude (north/south) or longitude (east/west). None if the metro
    has no such grid, no side is written, or the line does not reach that far."""
    grid = GRIDS.get(metro)
    if grid is None or side not in ("north", "south", "east", "west"):
        return None
    lat0, lon0 = grid.origin
    miles = _miles(getattr(grid, side), number)
    sign = 1 if side in ("north", "east") else -1
    if side in ("north", "south"):
        axis, target = 0, lat0 + sign * miles * KM_PER_MILE / KM_PER_DEGREE
    else:
        axis, target = 1, lon0 + sign * miles * KM_PER_MILE / (KM_PER_DEGREE * cos(radians(lat0)))
    for a, b in pairwise(line):
        if a[axis] == b[axis] or not min(a[axis], b[axis]) <= target <= max(a[axis], b[axis]):
            continue
        t = (target - a[axis]) / (b[axis] - a[axis])
        return (round(a[0] + t * (b[0] - a[0]), 5), round(a[1] + t * (b[1] - a[1]), 5))
    return None
