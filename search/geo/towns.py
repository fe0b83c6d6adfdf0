"""Towns (the `zipcodes` package), names that count only with their metro and kind words: the parts of
`Gazetteer.geocode` that weigh a phrase against the towns and places around it. A mixin of
`search.geo.gazetteer.Gazetteer` (it uses its `metros`, `places`, `place_names`, `scoped_names`, `airport_codes`,
`_with_city` and `candidates`, the last from `search.geo.doubts`). Pure Python: no Django."""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from functools import cached_property

from rapidfuzz import fuzz, process

from search.geo.model import (
    AREA_KINDS,
    FILLER,
    MIN_TOWN_ZIPS,
    PLACE_NOUNS,
    STATE_BY_WORDS,
    STREET_WORDS,
    GeocodeError,
    Metro,
    Place,
    PlaceAmbiguous,
    PlaceNotFound,
    _fields,
    haversine_km,
)
from search.geo.towntable import TOWN_METRO_KM, UNINCORPORATED_KM, TownTableMixin
from search.parsing.text import normalise, singular

logger = logging.getLogger(__name__)
TOWN_OF_METRO_KM = 30.0  # a town named alone this close is the metro's (Ponte Vedra Beach: 28 km from Jacksonville)
NAMED_METRO_TOWN_KM = 60.0  # a town of the metro's state named with the metro (Katy, 44 km from Houston's centre)
RIVAL_PEOPLE = 10_000  # a town elsewhere this big (GeoNames) makes a metro's town of its name a question
TOWN_VENUE_KM = 12.0  # a venue named with its suburb lies this close to the suburb's centre
TOWN_ZIP_KM = 4.0  # ... or this close to one of the suburb's ZIP codes' points


class TownsMixin(TownTableMixin):
    def _scoped(self, leftover: list[str], metro: str, uncovered: list[str] | None = None) -> Place | None:
        """A name that counts only with its metro named ("fremont" + "seattle", "zoo" + "atlanta"), looked for in
        the words no other name explains, filler words included ("city museum" + "stl": "city" is a filler)."""
        words = uncovered if uncovered is not None else leftover
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                name = " ".join(words[start : start + size])
                places = [p for p in self.scoped_names.get(name, ()) if p.metro == metro]
                if places:
                    rest = tuple(w for w in words[:start] + words[start + size :] if w not in FILLER)
                    place = self._with_city(places[0], rest)
                    if not set(rest) - {"el", "la", "los", "las", "the", "de", "del"}:  # "el centro medico de houston"
                        return place
                    # words it does not explain: less sure; a corner's ("atlantic & southside jax"): hardly
                    corner = "&" in rest or "/" in rest or STREET_WORDS.intersection(rest)
                    return Place(*_fields(place), confidence="low" if corner else "medium")
        return self._by_words(leftover, metro)

    def _common_metro(self, place_phrases: list[str], words: list[str], spans: list) -> str | None:
        """The one metro that all the names of a phrase without a metro share, when one of them is in several: "mill
        creek park by the plaza" (Kansas City has both; Las Vegas and New York have a Plaza too). None otherwise."""
        covered = {i for s, e, _ in spans for i in range(s, e)}
        groups = [{p.metro for p in self.place_names.get(q, ())} for q in place_phrases]
        rest = [w if i not in covered else "|" for i, w in enumerate(words)]
        for part in " ".join(rest).split("|"):  # the names only a metro makes count ("@mill creek park")
            found = part.split()
            for size in range(len(found), 0, -1):
                hits = [" ".join(found[k : k + size]) for k in range(len(found) - size + 1)]
                named = [h for h in hits if h in self.scoped_names and h not in FILLER]
                if named:
                    groups.append({p.metro for p in self.scoped_names[named[0]]})
                    break
        if len(groups) < 2 or not any(len(g) > 1 for g in groups):
            return None
        common = set.intersection(*groups)
        return next(iter(common)) if len(common) == 1 and None not in common else None

    def _district_in_state(self, leftover: list[str], state: str, uncovered: list[str]) -> Place | None:
        """A district of one of the state's fleet metros named with the state instead of the metro ("spring valley
        nv", "kenwood il"): the one metro of the state that has it, else None."""
        found = [self._scoped(leftover, m.key, uncovered) for m in self.metros.values() if m.state == state]
        hits = [place for place in found if place is not None]
        return hits[0] if len(hits) == 1 else None

    def _by_words(self, leftover: list[str], metro: str) -> Place | None:
        """With the metro named, words that name a kind of place ("the zoo", "art museum", "convention center")
        and are all in the name of one place there (or of places within 3 km of each other): that place, with
        confidence medium ("the zoo in memphis" -> Memphis Zoo)."""
        content = [w for w in leftover if w not in ("the", "building")]  # "the capitol building in denver"
        if not content or not PLACE_NOUNS.intersection(content) or len(content) > 4:
            return None
        wanted = {singular(w) for w in content}
        if wanted == {"airport"}:  # the metro's main airport
            main = self.place_names.get(f"{normalise(self.metros[metro].city)} airport", [])
            if main:
                return Place(*_fields(self._with_city(main[0], ()))[:5], "gazetteer:words", (), "medium")
        hits = [
            p for p in self.places if p.metro == metro and wanted <= {singular(w) for w in normalise(p.name).split()}
        ]
        if not hits or any(haversine_km(hits[0].point, p.point) >= 3 for p in hits):
            return None
        place = self._with_city(hits[0], ())
        return Place(*_fields(place)[:5], "gazetteer:words", (), "medium")

    def _town_around(self, words: list[str], place_phrases: list[str], state: str | None) -> Place | None:
        """The whole phrase as a metro's town whose name holds a shorter known name ("brooklyn center" and "brooklyn
        park" are suburbs of Minneapolis, not Brooklyn plus a word; "brooklyn center mn"): the one such town in a fleet
        metro, else None."""
        longest = max((len(p.split()) for p in place_phrases), default=0)
        # the town's name may be followed by its metro's ("garden city new york": not Madison Square Garden)
        cuts = [len(words)] + [i for i in range(len(words) - 1, 1, -1) if " ".join(words[i:]) in self.metro_names]
        for cut in cuts:
            whole = " ".join(words[:cut])
            if not (place_phrases or state) or whole in self.place_names or cut <= max(longest, 1):
                continue
            towns = [self._town(r) for r in self.cities.get(whole, ()) if state is None or r[1] == state]
            ours = [t for t in towns if t.metro is not None]
            if cut < len(words):  # in the metro named
                ours = [t for t in ours if t.metro == self.metro_names[" ".join(words[cut:])]]
            if len(ours) == 1:
                return ours[0]
        return None

    def _town_named(self, name: str, state: str | None, metro: str | None) -> Place | None:
        """The one town called `name` in the state named, or near the metro named, that lies in a fleet metro."""
        if state is None and metro is None:
            return None
        towns = [self._town(r) for r in self.cities.get(name, ()) if state is None or r[1] == state]
        if metro is None:
            towns = [t for t in towns if t.metro is not None]
        else:  # the metro named vouches for a town at its edge too ("northridge los angeles", 33 km out)
            centre = self.metros[metro].latitude, self.metros[metro].longitude
            home = f", {self.metros[metro].state}"
            towns = [t for t in towns if t.metro == metro or haversine_km(t.point, centre) <= UNINCORPORATED_KM
                     or (t.name.endswith(home) and haversine_km(t.point, centre) <= NAMED_METRO_TOWN_KM)]  # fmt: skip
        return towns[0] if len(towns) == 1 else None

    def _venue_of_town(self, phrase: str, words: list[str], near: tuple[float, float] | None) -> Place | None:
        """A venue followed by the suburb it is in ("rocky mountain metropolitan airport broomfield", "brandeis
        university waltham"): the venue looked for with the suburb's metro named instead, if it lies within
        TOWN_VENUE_KM of the suburb."""
        state = STATE_BY_WORDS.get(words[-1]) if len(words) > 2 else None  # "pearson field vancouver wa"
        words = words[:-1] if state else words
        for size in (3, 2, 1):
            if len(words) <= size:
                continue
            rest, name = words[:-size], " ".join(words[-size:])
            rows = [r for r in self.cities.get(name, ()) if state is None or r[1] == state]
            for town in (t for t in map(self._town, rows) if t.metro):  # "arlington": TX, MA
                try:
                    venue = self._geocode_written(
                        phrase, [*rest, *normalise(self.metros[town.metro].city).split()], near
                    )
                except GeocodeError:
                    continue
                # never Manhattan's grid for a town's numbered streets ("5th ave and 14th st brooklyn")
                if venue.kind not in (*AREA_KINDS, "grid") and self._in_town(venue.point, town):
                    return venue  # with the confidence it has with its metro named: the suburb agrees
        return None

    def _in_town(self, point: tuple[float, float], town: Place) -> bool:
        """`point` lies within TOWN_VENUE_KM of the town's centre, or within TOWN_ZIP_KM of one of its ZIP codes' points
        (a long town: Taliesin West is 15 km from Scottsdale's centre, 2 km from its ZIP code 85259's point)."""
        if haversine_km(point, town.point) <= TOWN_VENUE_KM:
            return True
        city, state = normalise(town.name.split(",")[0]), town.name.rsplit(", ", 1)[-1]
        return any(haversine_km(point, zp) <= TOWN_ZIP_KM for zp in self._town_zip_points.get((city, state), ()))

    @cached_property
    def _zip_states(self) -> dict[tuple[int, int], list[tuple[float, float, str]]]:
        """The ZIP codes' points with their states, by tenth-of-a-degree cell (for `state_of`)."""
        cells: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)
        for _, state, lat, lon in self._zips.values():
            cells[(math.floor(lat * 10), math.floor(lon * 10))].append((lat, lon, state))
        return dict(cells)

    def state_of(self, point: tuple[float, float]) -> str | None:
        """The state of the ZIP code nearest `point` (within ~20 km): a metro's place may lie in a neighbouring state
        (Cross Keys Airport, New Jersey, is Philadelphia's; Kansas City's Legends Field, Kansas)."""
        lat, lon = math.floor(point[0] * 10), math.floor(point[1] * 10)
        near = [row for i in (-1, 0, 1) for j in (-1, 0, 1) for row in self._zip_states.get((lat + i, lon + j), ())]
        if not near:
            return None
        return min(near, key=lambda r: (r[0] - point[0]) ** 2 + ((r[1] - point[1]) * 0.8) ** 2)[2]

    @cached_property
    def _town_zip_points(self) -> dict[tuple[str, str], list[tuple[float, float]]]:
        """The same, keyed by the normalised city name (as `cities` is)."""
        points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        for (city, state), pts in self._zip_points.items():
            points[(normalise(city), state)].extend(pts)
        return dict(points)

    def _venue_downtown(self, phrase: str, words: list[str], near: tuple[float, float] | None) -> Place | None:
        """A venue named with "downtown" before its city ("the central library in downtown san diego"): the venue,
        when the words without "downtown" name one (not only the metro). None otherwise."""
        if "downtown" not in words[1:]:
            return None
        try:
            place = self._geocode_written(phrase, [w for w in words if w != "downtown"], near)
        except GeocodeError:
            return None
        return place if place.kind != "metro" else None

    def _misspelt_town(self, text: str, state: str, reach_km: float = UNINCORPORATED_KM) -> Place | None:
        """A fleet metro's town of the state named, misspelt or written as one word ("wheatridge" for Wheat Ridge),
        with confidence medium: the towns within `reach_km` of a metro's centre (Sugar Land, 30 km from Houston's:
        "sugarland tx")."""
        if len(text) < 5:
            return None
        cache = self.__dict__.setdefault("_metro_towns", {})  # built once per state: its towns, and run together
        if (state, reach_km) not in cache:
            rows = [(name, r) for name, rs in self.cities.items() for r in rs if r[1] == state]
            in_metros = {name: t for name, t in ((name, self._town(r)) for name, r in rows)
                         if t.metro or self.metro_for_point(t.point, reach_km)}  # fmt: skip
            cache[(state, reach_km)] = (in_metros, {name.replace(" ", ""): name for name in in_metros})
        towns, squeezed = cache[(state, reach_km)]
        name = squeezed.get(text.replace(" ", ""))
        if name is None:
            hit = process.extractOne(text, list(towns), scorer=fuzz.ratio, score_cutoff=88)
            name = hit[0] if hit is not None and hit[0][:1] == text[:1] else None
        return Place(*_fields(towns[name]), confidence="medium") if name is not None else None

    def _misspelt_metro_town(self, words: list[str]) -> Place | None:
        """A fleet metro's town named alone and misspelt, its state not given ("metarie", "beech grove" read as
        written): the one town of every metro's states that the words are closest to, only if no other comes as
        close; confidence medium."""
        text = " ".join(w for w in words if w not in FILLER)
        if words[-1:] and (words[-1] in STATE_BY_WORDS or " ".join(words[-2:]) in STATE_BY_WORDS):
            return None  # "spring valley nv": the state was named, and has no such town
        # a town of several states is no typo ("springfield" is refused); "washington park" is a park, not
        # Washington Pk, IL; a town spelt right but read through a corrected word ("beech" -> "beach") is kept
        states = {row[1] for row in self.cities.get(text, ())}
        if len(text) < 6 or len(text.split()) > 3 or len(states) > 1 or text in self.place_names:
            return None
        hits = sorted(
            ((fuzz.ratio(text, normalise(p.name.split(",")[0])), p) for st in {m.state for m in self.metros.values()}
             if (p := self._misspelt_town(text, st, TOWN_METRO_KM)) is not None),
            key=lambda h: -h[0],
        )  # fmt: skip
        if not hits or (len(hits) > 1 and hits[1][0] > hits[0][0] - 3):
            return None
        # a kind of place written is the town's own word ("suny isles beach"), never one it lacks ("washington park"
        # is a park, not Washington Pk, IL)
        if PLACE_NOUNS.intersection(text.split()) - set(normalise(hits[0][1].name.split(",")[0]).split()):
            return None
        return hits[0][1]

    def _town_in_metro(self, words: list[str], leftover: list[str], metro: Metro) -> Place | None:
        for size in range(min(4, len(words)), 1, -1):
            for start in range(len(words) - size + 1):
                name = " ".join(words[start : start + size])
                if not set(words[start : start + size]) & set(leftover):
                    continue
                for row in self.cities.get(name, []):
                    town = self._town(row)
                    if haversine_km(town.point, (metro.latitude, metro.longitude)) <= 45:
                        rest = tuple(w for w in leftover if w not in name.split())
                        # words it does not explain ("king y alum rock": a corner we do not know): less sure
                        sure = "medium" if rest else "high"
                        return Place(town.name, town.latitude, town.longitude, "city", metro.key, town.source, rest,
                                     sure)  # fmt: skip
        return None

    def _city(self, words: list[str], state: str | None, leftover: list[str]) -> Place | None:
        """A US town named in `words`. Outside the fleet metros and without its state, only an unmistakable one
        (the only town of that name, not a hamlet, and nothing else in the phrase): "boise" yes; "south beach"
        (Oregon), "castle" (Oklahoma), "harvard square" (Harvard, MA + 'square') are refused with the candidates."""
        text_words = [w for i, w in enumerate(words) if w not in FILLER or w in {"city", "town"}
                      or self.begins_a_town(words, i)]  # "del mar": Spanish "del" begins its name  # fmt: skip
        if not text_words:
            return None
        for size in range(min(4, len(text_words)), 0, -1):
            for start in range(len(text_words) - size + 1):
                name = " ".join(text_words[start : start + size])
                rows = self.cities.get(name)
                if not rows:
                    continue
                if state is not None:
                    rows = [r for r in rows if r[1] == state]
                    if not rows:
                        continue
                elif size == 1 and len(name) < 4:
                    continue
                towns = [self._town(r) for r in rows]
                # "downtown campbell ca": the town's centre is its downtown
                rest = [w for w in leftover if w not in name.split() and w != "downtown"]
                in_metro = [t for t in towns if t.metro is not None]
                # a metro's town of a name that a town as big elsewhere has too ("arlington": Arlington, MA near
                # Boston, but also Arlington, TX and VA) is asked about, not guessed
                sized = list(zip(rows, towns, strict=True))
                ours = next(r[4] for r, t in sized if t.metro is not None) if in_metro else 0
                # (as big by its ZIP codes or by its people: Fort Washington, MD has 24,000, Fort Washington, PA 5,000)
                people = self._people  # (set with `cities`, read above)
                ours_people = max((people.get((name, r[1]), 0) for r, t in sized if t.metro is not None), default=0)
                rival = any(
                    t.metro is None
                    and (
                        r[4] >= max(ours, MIN_TOWN_ZIPS)
                        or people.get((name, r[1]), 0) >= max(RIVAL_PEOPLE, ours_people)
                    )
                    for r, t in sized
                )
                if state is None and len(in_metro) == 1 and rival and not rest:
                    raise PlaceAmbiguous(
                        f"'{name}' could be several towns: say which (add the state or a nearby metro).",
                        name,
                        self.candidates(towns),
                    )
                # a district of another metro that counts only with its metro named ("fremont": Seattle's, and the
                # town near San Jose) makes the bare name a question too
                districts = [p for p in self.scoped_names.get(name, ()) if in_metro and p.metro != in_metro[0].metro]
                if state is None and len(in_metro) == 1 and districts and not rest:
                    raise PlaceAmbiguous(
                        f"'{name}' could be several places: say which (add the state or the city).",
                        name,
                        self.candidates([in_metro[0], *districts]),
                    )
                if state is None and len(in_metro) == 1 and not PLACE_NOUNS.intersection(rest):
                    town = in_metro[0]
                    # words naming another metro's town ("goodyear blimp base in carson": Carson is Los Angeles'):
                    # hardly this town
                    sure = "medium" if rest or len(towns) > 1 else "high"
                    sure = "low" if self._elsewhere(rest, town.metro) else sure
                    return Place(town.name, town.latitude, town.longitude, "city", town.metro, town.source,
                                 tuple(rest), sure)  # fmt: skip
                if state is not None and len(towns) == 1 and not rest:
                    return towns[0]
                if state is None and len(towns) == 1 and rows[0][4] >= MIN_TOWN_ZIPS and not rest:
                    return Place(*_fields(towns[0]), confidence="medium")
                label = " ".join(text_words)
                if len(towns) > 1 and not rest:
                    raise PlaceAmbiguous(
                        f"'{label}' could be several towns: say which (add the state or a nearby metro).",
                        label,
                        self.candidates(towns),
                    )
                raise PlaceNotFound(
                    f"We do not know '{label}'. Only {self.candidates(towns)[0]} has a name like it, "
                    "probably not what you meant: add the city (e.g. 'Union Station, Denver') or the state.",
                    label,
                    self.candidates(towns),
                )
        return None

    def ends_a_town(self, words: list[str], i: int) -> bool:
        """The words from `i` to the end close a town's name begun before them ("port | washington")."""
        return any(" ".join(words[i - size :]) in self.cities for size in (1, 2) if i - size >= 0)

    def begins_a_town(self, words: list[str], i: int) -> bool:
        """`words[i]` begins a town's name of two or three words ("del mar", "del rio", "de soto")."""
        return any(" ".join(words[i : i + size]) in self.cities for size in (2, 3) if i + size <= len(words))

    def _state_not_metro(self, words: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """A last word that is a metro's alias and a state's code ("la") after a town of that state is the state:
        "gretna la" is Gretna, Louisiana, not Los Angeles."""
        last = words[-1] if words else ""
        if len(words) < 2 or last not in STATE_BY_WORDS or (len(words) - 1, len(words), "metro") not in spans:
            return spans
        town = " ".join(w for w in words[:-1] if w not in FILLER)
        if any(row[1] == STATE_BY_WORDS[last] for row in self.cities.get(town, ())):
            return [s for s in spans if s != (len(words) - 1, len(words), "metro")]
        return spans

    def _town(self, row: tuple[str, str, float, float, int]) -> Place:
        """The town of a `cities` row, with its fleet metro: worked out once per row (its metro is 30 distances),
        as several readings of one query look up the same towns. Rows are the shipped data, so this stays bounded."""
        memo = self.__dict__.setdefault("_town_memo", {})
        town = memo.get(row)
        if town is None:
            city, st, lat, lon, _ = row
            geonames = (city, st) in getattr(self, "_geonames_towns", ())
            metro = self.metro_for_point((lat, lon), within_km=UNINCORPORATED_KM if geonames else TOWN_OF_METRO_KM)
            source = "geonames:city" if geonames else "zipcodes:city"
            town = memo[row] = Place(f"{city}, {st}", lat, lon, "city", metro, source)
        return town

    def _is_area_name(self, phrase: str) -> bool:
        """The name is of districts (neighbourhoods, boroughs) only."""
        return all(p.kind in AREA_KINDS for p in self.place_names.get(phrase, ()))

    def _specificity(self, phrase: str) -> int:
        """A landmark or street beats a neighbourhood, which beats a borough ("Union Square, Manhattan")."""
        kinds = {p.kind for p in self.place_names.get(phrase, ())}
        return 0 if kinds <= {"borough"} else 1 if kinds <= {"borough", "neighbourhood"} else 2
