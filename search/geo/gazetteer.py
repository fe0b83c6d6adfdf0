"""Offline geocoding: a location phrase -> one place with coordinates, or a clear refusal.

Sources, all shipped with the project (no network):
- `data/places.tsv`: the 30 fleet metros and, in each, landmarks, neighbourhoods, stations, stadiums,
  parks, airports, universities and major streets (see the file's header for where points come from);
- `data/venues.tsv`: every metro's stadiums, universities, zoos, museums, parks, districts and stations;
- `search.geo.airports`: every IATA airport of the metros (the `airportsdata` package);
- `search.geo.manhattan`: Manhattan's numbered streets and avenues, computed from the 1811 grid;
- the `zipcodes` package (USPS ZIP codes with their centroid; every US city and town is derived from
  the ZIP codes that carry its name: the mean of their centroids).

`Gazetteer.geocode` finds the most specific place the phrase names, scoped by any city it names
("Union Station in Denver"), and raises `PlaceNotFound` (with suggestions) or `PlaceAmbiguous` (with
the options) instead of guessing. Pure Python: no Django.
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections import defaultdict
from functools import cached_property
from pathlib import Path

from search.geo import manhattan
from search.geo.codes import AirportsMixin
from search.geo.corners import CONNECTORS, CornerAmbiguous, Corners
from search.geo.doubts import DoubtsMixin
from search.geo.fuzzy import FuzzyMixin
from search.geo.model import (  # noqa: F401  (re-exported: the parser and the tests import them from here)
    AIRPORT_RADIUS_KM,
    AIRPORT_WORDS,
    AREA_KINDS,
    FILLER,
    GENERIC_NAME_WORDS,
    GROUND_WORDS,
    MIN_TOWN_ZIPS,
    PLACE_NOUNS,
    RESOLUTION,
    SPANISH_ARTICLES,
    SPANISH_LOCATION_WORDS,
    STATE_BY_WORDS,
    STATES,
    STREET_WORDS,
    GeocodeError,
    Metro,
    Place,
    PlaceAmbiguous,
    PlaceNotFound,
    _fields,
    english_place_words,
    haversine_km,
    spanish_article,
    spanish_order,
)
from search.geo.names import (
    _names,
    _scoped_names,
    contradicts,
    explains,
    inside_metro_names,
    kind_typos,
    place_name_words,
    share_bare_names,
    spellings,
)
from search.geo.spanish import SpanishMixin
from search.geo.streetnames import QUADRANTS
from search.geo.towns import TownsMixin
from search.parsing.text import normalise

DATA = Path(__file__).with_name("data") / "places.tsv"
OWN_NUMBERED_BOROUGHS = frozenset(["brooklyn", "queens", "staten"])  # the Bronx continues Manhattan's streets
# Words that may not be a place's alias: states' names and codes ("ut": "provo ut" is Utah, not UT Austin), and
# the pauses people type ("uh").
NOT_PLACE_ALIASES = frozenset(STATE_BY_WORDS) | {"uh", "um", "hm", "hmm", "er"}
# Venues of every metro (stadiums, universities, zoos, museums, parks, districts, stations): same columns.
VENUES = Path(__file__).with_name("data") / "venues.tsv"


class Gazetteer(AirportsMixin, DoubtsMixin, FuzzyMixin, SpanishMixin, TownsMixin):
    def __init__(self, path: Path = DATA, venues: Path | None = VENUES) -> None:
        self.metros: dict[str, Metro] = {}
        self.places: list[Place] = []
        self.metro_names: dict[str, str] = {}  # normalised alias -> metro key
        self.place_names: dict[str, list[Place]] = defaultdict(list)  # normalised alias -> places
        self.scoped_names: dict[str, list[Place]] = defaultdict(list)  # names that count only with their metro
        self._names_of: dict[Place, list[str]] = {}
        for source in (path, venues):
            if source is not None:
                self._load(source)
        city_names: dict[str, list[str]] = defaultdict(list)
        for alias, key in self.metro_names.items():
            city_names[key].append(alias)
        share_bare_names(self.place_names, self.scoped_names, self._names_of, city_names)
        self._scope_generic_names()
        self._add_airports()
        self.corners = Corners()
        self.max_words = max(len(n.split()) for n in (*self.metro_names, *self.place_names))
        # plain dicts from here on: a look-up of an unknown name must not add it (a defaultdict did, so that what a
        # query found, "colosseum" a known word or a misspelt "coliseum", depended on the queries before it)
        self.place_names = dict(self.place_names)
        self.scoped_names = dict(self.scoped_names)

    def _scope_generic_names(self) -> None:
        """A generic name ("convention center") of places in one metro only counts with that metro named."""
        for alias in [a for a in self.place_names if set(a.split()) <= GENERIC_NAME_WORDS]:
            places = self.place_names[alias]
            if len({p.metro for p in places}) == 1:
                self.scoped_names[alias].extend(places)
                del self.place_names[alias]

    def _load(self, path: Path) -> None:
        with path.open(encoding="utf-8") as handle:
            rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
            for metro, kind, name, aliases, lat, lon, *_source in rows:
                if kind == "metro":
                    self.metros[metro] = Metro(metro, name, float(lat), float(lon))
                    for alias in (s for n in _names(name, aliases) for s in spellings(n)):
                        self.metro_names.setdefault(alias, metro)
                    continue
                place = Place(name, float(lat), float(lon), kind, metro, source=f"gazetteer:{kind}")
                self.places.append(place)
                self._names_of[place] = _names(name, aliases)
                for alias in (s for n in self._names_of[place] for s in spellings(n)):
                    if alias in NOT_PLACE_ALIASES:  # "ut" is Utah's code, "uh" a pause: never a place's name
                        continue
                    for variant in (alias,) if alias.startswith("the ") else (alias, f"the {alias}"):
                        if place not in self.place_names[variant]:
                            self.place_names[variant].append(place)
                for alias in (s for n in _scoped_names(aliases) for s in spellings(n)):  # "@the garden" is "garden" too
                    for variant in (alias, alias[4:]) if alias.startswith("the ") else (alias, f"the {alias}"):
                        self.scoped_names[variant].append(place)

    @cached_property
    def _vocabulary(self) -> frozenset[str]:
        """Every word of a known name: a word outside it may be a misspelt kind of place ("airprot")."""
        return frozenset(w for names in (self.place_names, self.metro_names, self.scoped_names) for n in names
                         for w in n.split())  # fmt: skip

    # --- US cities and ZIP codes (from the zipcodes package, loaded on first use) -----------------
    def metro_for_point(self, point: tuple[float, float], within_km: float = 40.0) -> str | None:
        best = min(self.metros.values(), key=lambda m: haversine_km(point, (m.latitude, m.longitude)))
        return best.key if haversine_km(point, (best.latitude, best.longitude)) <= within_km else None

    # --- scanning ------------------------------------------------------------------------------
    def spans(self, words: list[str]) -> list[tuple[int, int, str]]:
        """Known place or metro names in `words`, longest first, not overlapping: (start, end, kind)."""
        taken: set[int] = set()
        found = []
        for size in range(min(self.max_words, len(words)), 0, -1):
            # of two names as long, a metro's goes first: "zzyzx park st louis" is St. Louis, not "park st" (Boston's
            # Park Street Station) and "louis"
            phrases = [(at, " ".join(words[at : at + size])) for at in range(0, len(words) - size + 1)]
            for start, phrase in sorted(phrases, key=lambda item: item[1] not in self.metro_names):
                if taken.intersection(range(start, start + size)):
                    continue
                kind = "place" if phrase in self.place_names else "metro" if phrase in self.metro_names else None
                if kind is None:
                    continue
                if kind == "metro" and phrase in self.place_names:
                    kind = "place"
                # a metro's name that begins a town's ("la mesa", "st louis park", "miami beach") is the town's
                longer = [" ".join(words[start : start + size + n]) for n in (1, 2) if start + size + n <= len(words)]
                if kind == "metro" and any(name in self.cities for name in longer):
                    continue
                # a name ending in "st" that begins a town's ("zzyzx park st paul"): "st" is the town's, not a street
                end = start + size
                if (
                    words[end - 1] in ("st", "ft", "mt")
                    and " ".join(words[end - 1 : end + 1]) in self.cities
                    and size > 1
                ):
                    continue
                found.append((start, start + size, kind))
                taken.update(range(start, start + size))
        found = self._metro_left_whole(words, found)
        return sorted(s for s in found if not spanish_article(words, s, found))

    def _metro_left_whole(self, words: list[str], found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """A name with its metro ("westlake los angeles") that took the last word of a longer name before it
        ("harvard westlake"): the longer name and the metro instead, "harvard westlake" + "los angeles"."""
        out = list(found)
        for span in found:
            s, e, kind = span
            tail = next((k for k in range(s + 1, e) if " ".join(words[k:e]) in self.metro_names), None)
            if kind != "place" or tail is None:
                continue
            for j in range(max(0, s - 3), s):
                if " ".join(words[j:tail]) not in self.place_names:
                    continue
                # names wholly before the span become part of the longer name; one reaching into it from outside blocks
                inside = [o for o in out if j <= o[0] and o[1] <= s]
                if any(o[0] < s and o[1] > j for o in out if o != span and o not in inside):
                    continue
                out = [o for o in out if o != span and o not in inside]
                out += [(j, tail, "place"), (tail, e, "metro")]
                break
        return out

    def geocode(self, phrase: str, *, near: tuple[float, float] | None = None) -> Place:
        raw = normalise(self.mark_codes(phrase)).split()
        typed = self._metro_typos(kind_typos(raw, self._vocabulary))
        written = self._english_article(typed)
        code = self._written_code(raw)
        try:
            place = self._geocode_written(phrase, written, near)
        except GeocodeError:
            found = (code or self._venue_of_town(phrase, written, near) or self._misspelt_metro_town(raw)
                     or self._venue_downtown(phrase, written, near))  # fmt: skip
            if found is None and written != raw:  # a town's own word read as a kind ("beech grove": not "beach")
                with contextlib.suppress(GeocodeError):
                    found = self._geocode_written(phrase, raw, near)
            if found is None:
                raise
            return found
        if place.confidence != "high" and code is None:  # "hanscom field bedford": the venue of that town
            place = self._venue_of_town(phrase, written, near) or place
        # an airport's code (in any case: "lax airport") says which airport the other words mean ("northeast philly
        # airport PNE" is not Philadelphia International)
        if code is not None and haversine_km(code.point, place.point) > 3:
            return code
        if typed != raw and place.confidence == "high":  # read through a corrected word ("airprot"): less sure
            return Place(*_fields(place), confidence="medium")
        return place

    def _geocode(self, phrase: str, words: list[str], near: tuple[float, float] | None) -> Place:
        text = " ".join(words)
        if not words:
            raise PlaceNotFound("No place was given.", phrase)

        # 1. a ZIP code
        for i, word in enumerate(words):
            if re.fullmatch(r"\d{5}", word) and words[i + 1 : i + 2] != ["block"]:  # not "10400 block of ..."
                row = self._zips.get(word)
                if row is None:
                    raise PlaceNotFound(f"ZIP code {word} does not exist.", phrase)
                city, state, lat, lon = row
                outside = self.outside_metros((lat, lon), f"ZIP code {word} ({city.title()}, {state})", phrase)
                if outside is not None:
                    raise outside
                metro = self.metro_for_point((lat, lon), within_km=25)
                return Place(f"{word} ({city.title()}, {state})", lat, lon, "zip", metro, source="zipcodes")

        self._refuse_a_whole_state(phrase, words)
        spans = self._state_not_metro(words, self.spans(words))
        covered = {i for s, e, _ in spans for i in range(s, e)}
        # a Spanish article before a name is the name's ("de la space needle", "los cloisters")
        covered |= {s - 1 for s, _, _ in spans if s > 0 and words[s - 1] in SPANISH_ARTICLES}
        # a trailing state that is not part of a known name: "portland maine", "springfield, il"
        state, state_at = None, len(words)
        for size in (2, 1):
            tail = range(len(words) - size, len(words))
            if (
                len(words) > size
                and not covered.intersection(tail)
                and " ".join(words[-size:]) in STATE_BY_WORDS
                and not self.ends_a_town(words, len(words) - size)  # "port washington", "fort washington"
            ):
                state, state_at = STATE_BY_WORDS[" ".join(words[-size:])], len(words) - size
                covered.update(tail)
                break

        def in_state(metro_key: str | None) -> bool:
            return state is None or (metro_key is not None and self.metros[metro_key].state == state)

        def place_in_state(place: Place) -> bool:  # its metro's state, or its own ("cross keys airport nj")
            return in_state(place.metro) or (place.metro is not None and self.state_of(place.point) == state)

        metro_keys = [self.metro_names[" ".join(words[s:e])] for s, e, kind in spans if kind == "metro"]
        metro_keys = [m for m in metro_keys if in_state(m)]
        metro = metro_keys[-1] if metro_keys else None
        place_phrases = [
            " ".join(words[s:e])
            for s, e, kind in spans
            if kind == "place" and any(place_in_state(p) for p in self.place_names.get(" ".join(words[s:e]), ()))
        ]
        metro = metro or self._common_metro(place_phrases, words, spans)  # "mill creek park by the plaza"
        # a name of places none of which is in the state named is not explained ("union station ... dc")
        covered -= {
            i
            for s, e, kind in spans
            if kind == "place" and not any(place_in_state(p) for p in self.place_names.get(" ".join(words[s:e]), ()))
            for i in range(s, e)
        }
        leftover = [w for i, w in enumerate(words) if i not in covered and w not in FILLER]
        # the same, filler words kept inside (a name may hold one: "city museum", "ponce city market")
        uncovered = [
            w for i, w in enumerate(words) if i not in covered and (w not in FILLER or w in GENERIC_NAME_WORDS)
        ]

        # 2. a corner of two main streets ("colfax and broadway denver", "peachtree st & 10th st ne atlanta")
        metro_at = {i: self.metro_names[" ".join(words[s:e])] for s, e, kind in spans if kind == "metro" for i in
                    range(s, e)}  # fmt: skip
        # a neighbourhood or borough of one metro scopes the corner too ("bedford ave and n 7th st brooklyn")
        for s, e, kind in spans:
            scope = {p.metro for p in self.place_names.get(" ".join(words[s:e]), ())} if kind == "place" else set()
            if len(scope) == 1 and None not in scope:
                metro_at.update(dict.fromkeys(range(s, e), next(iter(scope))))
        try:
            corner = self.corners.locate(
                words, metro_at, near, inside=inside_metro_names(spans), named=place_name_words(spans)
            )
        except CornerAmbiguous as exc:
            options = [f"{label}, {self.metros[key].name}" for label, key in exc.corners]
            raise PlaceAmbiguous(
                f"'{phrase.strip()}' names several corners ({'; '.join(options)}): say which city or which street.",
                phrase,
                options,
            ) from None
        if corner is not None:
            (lat, lon), key, used = corner.point, corner.metro, corner.used
            rest = tuple(w for i, w in enumerate(words) if i not in used and i not in metro_at and w not in FILLER)
            city = self.metros[key].city
            return Place(f"{corner.label}, {city}", lat, lon, "corner", key, corner.source, rest, corner.confidence)

        # 3. Manhattan's grid, when the phrase is about New York or no other metro, and no known name
        #    ("16th Street Mall") contains the street
        # not where the streets are numbered otherwise: Brooklyn's, Queens' and Staten Island's own numbered streets
        # ("86th st and 4th ave brooklyn"), a quadrant's ("nw 36th st": Miami's, Washington's)
        other_grid = QUADRANTS.intersection(words) or OWN_NUMBERED_BOROUGHS.intersection(words)
        grid = manhattan.locate(text) if metro in (None, "new-york") and not other_grid else None
        if grid is not None:
            label, (lat, lon), (start, end) = grid
            first = len(text[:start].split())
            grid_at = set(range(first, first + len(text[start:end].split())))
            if not any(grid_at & set(range(s, e)) and e - s >= len(grid_at) for s, e, kind in spans if kind == "place"):
                grid_words = set(text[start:end].split())
                rest = [w for w in leftover if w not in grid_words and w not in {"street", "st", "avenue", "ave", "&"}]
                # words it does not explain: less sure; another street's ("2nd ave / yesler way") or a corner's other
                # street ("19th st and yale", "fremont ave n and n 35th st"): hardly
                other_street = CONNECTORS.intersection(rest) or any(self.corners.named([w]) for w in rest)
                sure = "low" if STREET_WORDS.intersection(rest) or other_street else "medium" if rest else "high"
                return Place(f"{label}, New York", lat, lon, "grid", "new-york", "manhattan-grid", tuple(rest), sure)

        # 5. a known landmark, neighbourhood, station, street... (scoped by the metro named)
        # a district of one metro beside a venue's name says the metro ("belmont park mission beach" is San Diego's
        # Belmont Park, not New York's); a venue not known there leaves the district, flagged medium
        areas = {p.metro for q in place_phrases for p in self.place_names.get(q, ()) if self._is_area_name(q)
                 and normalise(p.name) == q}  # its full name: "kendall" (Square, Boston) is no proof  # fmt: skip
        area_scoped = metro is None and len(areas) == 1 and not all(self._is_area_name(q) for q in place_phrases)
        metro = next(iter(areas)) if area_scoped else metro
        venue_unknown_there = False  # a venue skipped because the district's metro has none of that name
        town = self._town_around(words[:state_at], place_phrases, state)
        if town is not None:
            return town
        for place_phrase in sorted(place_phrases, key=self._specificity, reverse=True):
            candidates = [p for p in self.place_names.get(place_phrase, ()) if place_in_state(p)]
            if area_scoped and not self._is_area_name(place_phrase) and not any(p.metro == metro for p in candidates):
                venue_unknown_there = True
                continue
            # a town's name with its state ("germantown tn") or its metro ("germantown memphis") is the town, where
            # the state or metro has no place of that name
            town = self._town_named(place_phrase, state, metro) if not leftover else None
            # unless the place of that name is the town's own centre ("old hickory tn": Nashville's Old Hickory)
            if (
                town is not None
                and (state is not None or not any(p.metro == metro for p in candidates))
                and not any(p.kind in AREA_KINDS and haversine_km(p.point, town.point) < 5 for p in candidates)
            ):
                return town
            try:
                chosen = self._pick(place_phrase, candidates, metro, near, tuple(leftover)) if candidates else None
            except PlaceAmbiguous:  # "westfeild valley fair": the other words, misspelt, say which one
                guess = self._fuzzy(self._unexplained(words, spans), metro) if leftover else None
                # (one of them, or another of that name's kind: "doernbecker childrens hospital" is Portland's)
                if guess is None or (
                    all(haversine_km(guess.point, p.point) > 3 for p in candidates)
                    and not self._another_of_that_name(guess, place_phrase, leftover)
                ):
                    raise
                return guess
            if chosen is not None:
                if metro is None and near is None and state is None and not leftover and len(place_phrases) == 1:
                    self._refuse_if_a_town_elsewhere(place_phrase, chosen)
                place = self._with_city(chosen, tuple(leftover))
                if leftover and self._street_beside(leftover, chosen):  # the street it is on: "... chartres st"
                    return place
                if leftover:  # words we did not understand ("penn state" is not Penn): say we are less sure,
                    # unless the whole phrase is a misspelt name ("alamo dome", "hollywood sing")
                    whole = self._unexplained(words, spans)
                    if metro is None and whole in self.cities:  # "highland park" is towns, not Highland + "park"
                        break
                    if contradicts(chosen.kind, leftover, chosen.name):  # "st josephs hospital" is no university
                        raise PlaceNotFound(f"We do not know '{whole}'.", phrase, self._suggest(whole, metro))
                    # a district with a venue in it we do not know ("the hill valley courthouse"): hardly sure
                    # (a venue named before the district, "a hotel in south beach", is any such venue there)
                    first = place_phrase.split()[0]
                    after = words[words.index(first) + len(place_phrase.split()) :] if first in words else []
                    unsure = "low" if chosen.kind in AREA_KINDS and PLACE_NOUNS.intersection(after) else "medium"
                    if chosen.kind not in ("street", "corner") and STREET_WORDS.intersection(leftover):
                        unsure = "low"  # "esplanade ave at n rampart st": a corner we do not know, not a park
                    # (also a town of two words or three, one of them the place's: "downtown grand rapids")
                    content = [w for w in words if w not in FILLER]
                    tail_far = content[-1:] == leftover[-1:] and self._ends_far(content, chosen.metro, (3, 2))
                    if self._elsewhere(leftover, chosen.metro) or tail_far:
                        unsure = "low"  # "elysian fields and esplanade": New Orleans' street, not Boston's park
                    town = self._town_named(" ".join(leftover), state, chosen.metro)
                    if chosen.kind in AREA_KINDS and town is not None and haversine_km(town.point, chosen.point) < 15:
                        return town  # "canarsie brooklyn": the town in the borough
                    # a misspelt whole name ("alamo dome", "shermerhorn symphony center"), unless a name of two words
                    # or more was found whole and the guess lies elsewhere without the words left over ("renaissance
                    # center gm": not Renaissance High School, 16 km away)
                    inside = self._fuzzy(" ".join(leftover), chosen.metro) if chosen.kind in AREA_KINDS else None
                    if (  # a misspelt venue in the district named ("kesler theater oak cliff")
                        inside is not None
                        and inside.kind not in AREA_KINDS
                        and haversine_km(inside.point, chosen.point) <= 3
                    ):
                        return inside
                    guess = self._fuzzy(whole, metro)
                    named_whole = len([w for w in place_phrase.split() if w != "the"]) >= 2
                    if guess is not None and (
                        not named_whole
                        or haversine_km(guess.point, chosen.point) <= 3
                        or explains(normalise(guess.name).split(), leftover)
                    ):
                        return guess
                    return Place(*_fields(place), confidence=unsure)
                if metro is None and state is None:
                    self._refuse_two_cities(phrase, chosen, [q for q in place_phrases if q != place_phrase])
                return Place(*_fields(place), confidence="medium") if venue_unknown_there else place
        # a town of the metro named with it ("canarsie nyc", "kirkland seattle", "downtown doral miami")
        if metro is not None and not place_phrases:
            # its filler words kept ("garden city new york": not "garden", Madison Square Garden's, and "city")
            for kept in (uncovered, leftover):
                town = self._town_named(" ".join(w for w in kept if w != "downtown"), state, metro)
                if town is not None:
                    return town
        scoped = self._scoped(leftover, metro, uncovered) if metro is not None else None
        if scoped is not None:
            return scoped
        if place_phrases and metro is not None:
            named = self._by_words([*leftover, *" ".join(place_phrases).split()], metro)
            if named is not None:
                return named
            guess = self._fuzzy(" ".join([*leftover, *place_phrases[-1:]]), metro)
            if guess is not None:
                return guess
            raise PlaceNotFound(
                f"'{place_phrases[-1]}' is not a place we know in {self.metros[metro].name}.",
                phrase,
                self._suggest(" ".join(place_phrases[-1:]), metro),
            )

        # 6. a US city or town, optionally with its state ("springfield il", "boise, idaho")
        if metro is None:
            try:
                city = self._city(words[:state_at], state, leftover)
            except PlaceNotFound:
                # a town's name with words it does not explain ("lucas oil stadum", "chase feild"): a misspelt
                # landmark first, else the refusal with the town as a candidate
                guess = self._fuzzy(" ".join(uncovered), None) if state is None and len(leftover) > 1 else None
                if guess is None and state is None:  # "voodo doughnut old town": "town" is a district's word here
                    guess = self._misspelt_in_district([w for w in words if w not in FILLER or w in {"town", "city"}])
                if guess is None and state is None:
                    guess = self._misspelt_on_street(uncovered)
                if guess is not None:
                    return guess
                raise
            if city is not None:  # a town with words it does not explain may be a misspelt name ("liberty bel")
                found = (city.ignored and self._fuzzy(self._unexplained(words, spans), None)) or city
                self._refuse_half_corner(phrase, words, found)
                return found
        if state is not None and metro is None and not place_phrases:
            where = " ".join(w for i, w in enumerate(words) if i not in covered and w not in FILLER)
            # "zionsvile in", "neptun beach fl"; a district of a metro named with its state ("spring valley nv")
            town = self._misspelt_town(where, state) or self._district_in_state(leftover, state, uncovered)
            if town is not None:
                return town
            raise PlaceNotFound(
                f"We know no place called '{where or phrase.strip()}' in {STATES[state].title()}.",
                phrase,
                self._suggest(where or phrase, None),
            )

        elsewhere = self._airport_elsewhere(phrase)
        if elsewhere is not None:
            raise elsewhere

        # 7. a misspelt landmark or metro ("tims square", "chicgo")
        if leftover:
            guess = self._fuzzy(" ".join(uncovered if metro is not None else leftover), metro)
            guess = guess or (self._fuzzy(" ".join(uncovered), metro) if metro is None else None)  # "mall of amercia"
            if guess is not None:
                return guess

        # 8. the metro alone: a town inside it whose name holds the metro's ("jacksonville beach"), the metro
        #    itself when the other words name no particular place, else a refusal (never the centre instead of a
        #    landmark we do not know: "red rocks amphitheatre denver")
        if metro is not None:
            m = self.metros[metro]
            town = self._town_in_metro(words, leftover, m)
            if town is not None:
                return town
            if AIRPORT_WORDS.intersection(leftover) and not GROUND_WORDS.intersection(leftover):  # "gate b12 at dfw"
                main = self._by_words(["airport"], metro)
                if main is not None:
                    return Place(*_fields(main)[:6], tuple(w for w in leftover if w not in AIRPORT_WORDS), "medium")
            if PLACE_NOUNS.intersection(leftover):
                raise PlaceNotFound(
                    f"We know {m.name}, but not '{' '.join(leftover)}' in it. Try a landmark, a corner, a ZIP code "
                    "or coordinates there.",
                    phrase,
                    self._suggest(" ".join(leftover), metro),
                )
            confidence = "low" if [w for w in leftover if w != "downtown"] else "high"  # its centre is downtown
            return Place(
                m.name, m.latitude, m.longitude, "metro", metro, "gazetteer:metro", tuple(leftover), confidence
            )

        raise PlaceNotFound(
            f"We could not find '{phrase.strip()}'. Try a city, a ZIP code, a landmark with its city "
            "(e.g. 'Union Station, Denver'), a Manhattan corner ('42nd and 8th') or coordinates ('40.75,-73.99').",
            phrase,
            self._suggest(" ".join(leftover) or text, None),
        )

    def _with_city(self, place: Place, ignored: tuple[str, ...]) -> Place:
        metro = self.metros.get(place.metro or "")
        name = f"{place.name}, {metro.city}" if metro and metro.city.lower() not in place.name.lower() else place.name
        return Place(name, place.latitude, place.longitude, place.kind, place.metro, place.source, ignored)
