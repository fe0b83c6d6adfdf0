"""Offline geocoding: a location phrase -> one place with coordinates, or a clear refusal.

Sources, all shipped with the project (no network):
- `data/places.tsv`: the 30 fleet metros and, in each, landmarks, neighbourhoods, stations, stadiums,
  parks, airports, universities and major streets (see the file's header for where points come from);
- `search.geo.manhattan`: Manhattan's numbered streets and avenues, computed from the 1811 grid;
- the `zipcodes` package (USPS ZIP codes with their centroid; every US city and town is derived from
  the ZIP codes that carry its name: the mean of their centroids).

`Gazetteer.geocode` finds the most specific place the phrase names, scoped by any city it names
("Union Station in Denver"), and raises `PlaceNotFound` (with suggestions) or `PlaceAmbiguous` (with
the options) instead of guessing. Pure Python: no Django.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rapidfuzz import fuzz, process

from search.geo import manhattan
from search.geo.corners import Corners
from search.parsing.text import normalise, singular

DATA = Path(__file__).with_name("data") / "places.tsv"
# Venues of every metro (stadiums, universities, zoos, museums, parks, districts, stations): same columns.
VENUES = Path(__file__).with_name("data") / "venues.tsv"
EARTH_RADIUS_KM = 6371.0088

STATES = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california", "CO": "colorado",
    "CT": "connecticut", "DE": "delaware", "DC": "district of columbia", "FL": "florida", "GA": "georgia",
    "HI": "hawaii", "ID": "idaho", "IL": "illinois", "IN": "indiana", "IA": "iowa", "KS": "kansas",
    "KY": "kentucky", "LA": "louisiana", "ME": "maine", "MD": "maryland", "MA": "massachusetts", "MI": "michigan",
    "MN": "minnesota", "MS": "mississippi", "MO": "missouri", "MT": "montana", "NE": "nebraska", "NV": "nevada",
    "NH": "new hampshire", "NJ": "new jersey", "NM": "new mexico", "NY": "new york", "NC": "north carolina",
    "ND": "north dakota", "OH": "ohio", "OK": "oklahoma", "OR": "oregon", "PA": "pennsylvania",
    "RI": "rhode island", "SC": "south carolina", "SD": "south dakota", "TN": "tennessee", "TX": "texas",
    "UT": "utah", "VT": "vermont", "VA": "virginia", "WA": "washington", "WV": "west virginia", "WI": "wisconsin",
    "WY": "wyoming", "PR": "puerto rico",
}  # fmt: skip
STATE_BY_WORDS = {name: code for code, name in STATES.items()} | {code.lower(): code for code in STATES}
# Spanish words that introduce a place: "cerca de", "en", "al lado de", "junto a", "frente a".
SPANISH_LOCATION_WORDS = frozenset(["cerca", "de", "del", "en", "al", "lado", "junto", "frente"])
# Words around a place name that do not name anything.
FILLER = (
    frozenset(
        [
            "near",
            "nearby",
            "around",
            "by",
            "at",
            "in",
            "on",
            "of",
            "to",
            "close",
            "next",
            "beside",
            "outside",
            "inside",
            "off",
            "the",
            "a",
            "an",
            "area",
            "city",
            "town",
            "me",
            "my",
            "vicinity",
            "neighborhood",
            "neighbourhood",
            "part",
            "side",
            "right",
            "just",
            "somewhere",
            "located",
            "centre",
            "center",
            "heart",
            "from",
            "usa",
            "us",
            "america",
            "united",
            "states",
        ]
    )
    | SPANISH_LOCATION_WORDS
)


RESOLUTION = {
    "coordinates": "coordinates", "grid": "corner", "corner": "corner", "zip": "zip", "city": "city",
    "metro": "city", "borough": "neighbourhood", "neighbourhood": "neighbourhood", "street": "street",
    "airport": "airport",
}  # fmt: skip
# Words that say the phrase names a particular place: if they name nothing we know, we refuse rather than
# answer with the city around them ("red rocks amphitheatre", "hogwarts castle", "golden gate bridge").
_PLACE_NOUN_WORDS = (
    "square park beach bridge castle station airport stadium museum mall tower university college field "
    "arena zoo hall market plaza street st ave avenue road rd blvd boulevard lake island pier "
    "amphitheatre amphitheater theatre theater library hospital hotel casino church cathedral capitol "
    "garden gardens center centre building terminal port harbor harbour bay hill heights village district "
    "quarter campus speedway raceway pavilion aquarium planetarium conservatory observatory monument memorial "
    "fountain temple cemetery ballpark coliseum fieldhouse dome gallery institute school "
)
PLACE_NOUNS = frozenset(_PLACE_NOUN_WORDS.split())
# A town outside every fleet metro, named without its state, is answered only when it is the only town of that
# name and at least this big (ZIP codes): "boise" yes, "castle" (Castle, OK: one ZIP code) no.
MIN_TOWN_ZIPS = 3
AIRPORT_RADIUS_KM = 50.0  # search.geo.airports.METRO_RADIUS_KM: a metro's reach


class GeocodeError(Exception):
    def __init__(self, message: str, phrase: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.phrase = phrase
        self.suggestions = suggestions or []


class PlaceNotFound(GeocodeError):
    pass


class PlaceAmbiguous(GeocodeError):
    pass


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    kind: str  # metro | landmark | station | ... | grid | zip | city | coordinates
    metro: str | None = None  # key of the fleet metro it belongs to
    source: str = "gazetteer"
    ignored: tuple[str, ...] = field(default=())  # words of the phrase that named nothing known
    confidence: str = "high"  # high | medium | low: how sure the reading of the phrase is

    @property
    def resolution(self) -> str:
        """How the place was resolved: coordinates | corner | landmark | airport | neighbourhood | street | zip |
        city."""
        return RESOLUTION.get(self.kind, "landmark")

    @property
    def point(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)


@dataclass(frozen=True)
class Metro:
    key: str
    name: str  # "New York, NY"
    latitude: float
    longitude: float

    @property
    def city(self) -> str:
        return self.name.rsplit(",", 1)[0]

    @property
    def state(self) -> str:
        return self.name.rsplit(",", 1)[1].strip()


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _fields(place: Place) -> tuple:
    return (place.name, place.latitude, place.longitude, place.kind, place.metro, place.source, place.ignored)


def _names(name: str, aliases: str) -> list[str]:
    """The normalised names of a place: its name, its aliases (not the "@" ones: see `_scoped_names`), the name
    without a leading "the", and the part of "X at Y" before "at" ("Empower Field at Mile High")."""
    out = []
    for raw in [name, *(a for a in aliases.split(";") if not a.startswith("@"))]:
        words = normalise(raw)
        if not words:
            continue
        out.append(words)
        if words.startswith("the ") and len(words.split()) > 2:
            out.append(words[4:])
        head = words.split(" at ")[0]
        if head != words and len(head.split()) >= 2:
            out.append(head)
    return out


def _scoped_names(aliases: str) -> list[str]:
    """Aliases written "@name": they count only with the metro named ("fremont" in "fremont seattle")."""
    return [normalise(a[1:]) for a in aliases.split(";") if a.startswith("@") and normalise(a[1:])]


class Gazetteer:
    def __init__(self, path: Path = DATA, venues: Path | None = VENUES) -> None:
        self.metros: dict[str, Metro] = {}
        self.places: list[Place] = []
        self.metro_names: dict[str, str] = {}  # normalised alias -> metro key
        self.place_names: dict[str, list[Place]] = defaultdict(list)  # normalised alias -> places
        self.scoped_names: dict[str, list[Place]] = defaultdict(list)  # names that count only with their metro
        for source in (path, venues):
            if source is not None:
                self._load(source)
        self._add_airports()
        self.corners = Corners()
        self.max_words = max(len(n.split()) for n in (*self.metro_names, *self.place_names))

    def _load(self, path: Path) -> None:
        with path.open(encoding="utf-8") as handle:
            rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
            for metro, kind, name, aliases, lat, lon, *_source in rows:
                if kind == "metro":
                    self.metros[metro] = Metro(metro, name, float(lat), float(lon))
                    for alias in _names(name, aliases):
                        self.metro_names.setdefault(alias, metro)
                    continue
                place = Place(name, float(lat), float(lon), kind, metro, source=f"gazetteer:{kind}")
                self.places.append(place)
                for alias in _names(name, aliases):
                    for variant in (alias,) if alias.startswith("the ") else (alias, f"the {alias}"):
                        if place not in self.place_names[variant]:
                            self.place_names[variant].append(place)
                for alias in _scoped_names(aliases):
                    for variant in (alias,) if alias.startswith("the ") else (alias, f"the {alias}"):
                        self.scoped_names[variant].append(place)

    def _add_airports(self) -> None:
        from search.geo.airports import airports

        metros = {k: (m.city, m.latitude, m.longitude) for k, m in self.metros.items()}
        codes = set()
        self._code_aliases: set[str] = set()  # "lax", "lax airport", ...: never matched by typo (MCO is not SMO)
        for metro, name, aliases, lat, lon, code, scheduled in airports(metros, lambda words: words in self.cities):
            place = Place(name, lat, lon, "airport", metro, source="airportsdata")
            self.places.append(place)
            if scheduled:
                codes.add(code)
            for alias in aliases:
                if alias.split()[0] == code.lower():
                    self._code_aliases.update((alias, f"the {alias}"))
                for variant in (alias, f"the {alias}"):
                    if variant in self.metro_names or place in self.place_names.get(variant, ()):
                        continue
                    # a name derived from the package's that is a curated place's name is that place's
                    # ("Ohio State University" is the university, not its airport)
                    if any(p.kind != "airport" for p in self.place_names.get(variant, ())):
                        continue
                    self.place_names[variant].append(place)
        self.airport_codes = frozenset(codes)

    def mark_codes(self, text: str) -> str:
        """IATA codes of the metros' scheduled airports written in capitals read as the airport ("near BOS")."""
        from search.geo.airports import mark_codes

        return mark_codes(text, self.airport_codes)

    # --- US cities and ZIP codes (from the zipcodes package, loaded on first use) -----------------
    @cached_property
    def _zips(self) -> dict[str, tuple[str, str, float, float]]:
        import zipcodes

        out = {}
        for row in zipcodes.list_all():
            if row.get("lat") and row.get("long"):
                out[row["zip_code"]] = (row["city"], row["state"], float(row["lat"]), float(row["long"]))
        return out

    @cached_property
    def cities(self) -> dict[str, list[tuple[str, str, float, float, int]]]:
        """normalised city name -> [(City, ST, lat, lon, number of ZIP codes)], biggest first."""
        sums: dict[tuple[str, str], list[float]] = {}
        for city, state, lat, lon in self._zips.values():
            acc = sums.setdefault((city, state), [0.0, 0.0, 0])
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1
        out: dict[str, list] = defaultdict(list)
        for (city, state), (lat, lon, n) in sums.items():
            out[normalise(city)].append((city.title(), state, round(lat / n, 4), round(lon / n, 4), int(n)))
        for rows in out.values():
            rows.sort(key=lambda r: -r[4])
        return dict(out)

    def metro_for_point(self, point: tuple[float, float], within_km: float = 40.0) -> str | None:
        best = min(self.metros.values(), key=lambda m: haversine_km(point, (m.latitude, m.longitude)))
        return best.key if haversine_km(point, (best.latitude, best.longitude)) <= within_km else None

    # --- scanning ------------------------------------------------------------------------------
    def spans(self, words: list[str]) -> list[tuple[int, int, str]]:
        """Known place or metro names in `words`, longest first, not overlapping: (start, end, kind)."""
        taken: set[int] = set()
        found = []
        for size in range(min(self.max_words, len(words)), 0, -1):
            for start in range(0, len(words) - size + 1):
                if taken.intersection(range(start, start + size)):
                    continue
                phrase = " ".join(words[start : start + size])
                kind = "place" if phrase in self.place_names else "metro" if phrase in self.metro_names else None
                if kind is None:
                    continue
                if kind == "metro" and phrase in self.place_names:
                    kind = "place"
                found.append((start, start + size, kind))
                taken.update(range(start, start + size))
        return sorted(found)

    def _pick(self, phrase: str, candidates: list[Place], metro: str | None, near: tuple[float, float] | None):
        if metro is not None:
            scoped = [p for p in candidates if p.metro == metro]
            if not scoped:
                return None
            candidates = scoped
        if len(candidates) == 1 or all(haversine_km(candidates[0].point, p.point) < 3 for p in candidates):
            return candidates[0]
        if near is not None:
            return min(candidates, key=lambda p: haversine_km(near, p.point))
        options = self.candidates(candidates)
        raise PlaceAmbiguous(
            f"'{phrase}' is in several cities ({'; '.join(options)}): say which city, e.g. "
            f"'{phrase} in {self.metros[candidates[0].metro].city}'.",
            phrase,
            options,
        )

    def candidates(self, places: list[Place]) -> list[str]:
        """'Name, Metro (N km from the next)' for each of several same-named places, to choose from."""
        out = []
        for p in places[:6]:
            if p.metro in self.metros:
                metro = self.metros[p.metro].name
            else:
                m = min(self.metros.values(), key=lambda m: haversine_km(p.point, (m.latitude, m.longitude)))
                metro = f"{haversine_km(p.point, (m.latitude, m.longitude)):,.0f} km from {m.name}"
            others = [haversine_km(p.point, q.point) for q in places if q is not p]
            apart = f", {min(others):,.0f} km from the next" if others else ""
            out.append(f"{p.name}, {metro}{apart}" if metro not in p.name else f"{p.name}{apart}")
        return out

    def geocode(self, phrase: str, *, near: tuple[float, float] | None = None) -> Place:
        text = normalise(self.mark_codes(phrase))
        words = text.split()
        if not words:
            raise PlaceNotFound("No place was given.", phrase)

        # 1. a ZIP code
        for word in words:
            if re.fullmatch(r"\d{5}", word):
                row = self._zips.get(word)
                if row is None:
                    raise PlaceNotFound(f"ZIP code {word} does not exist.", phrase)
                city, state, lat, lon = row
                metro = self.metro_for_point((lat, lon), within_km=25)
                return Place(f"{word} ({city.title()}, {state})", lat, lon, "zip", metro, source="zipcodes")

        spans = self.spans(words)
        covered = {i for s, e, _ in spans for i in range(s, e)}
        state, state_at = (
            None,
            len(words),
        )  # a trailing state that is not part of a known name: "portland maine", "springfield, il"
        for size in (2, 1):
            tail = range(len(words) - size, len(words))
            if len(words) > size and not covered.intersection(tail) and " ".join(words[-size:]) in STATE_BY_WORDS:
                state, state_at = STATE_BY_WORDS[" ".join(words[-size:])], len(words) - size
                covered.update(tail)
                break

        def in_state(metro_key: str | None) -> bool:
            return state is None or (metro_key is not None and self.metros[metro_key].state == state)

        metro_keys = [self.metro_names[" ".join(words[s:e])] for s, e, kind in spans if kind == "metro"]
        metro_keys = [m for m in metro_keys if in_state(m)]
        metro = metro_keys[-1] if metro_keys else None
        place_phrases = [
            " ".join(words[s:e])
            for s, e, kind in spans
            if kind == "place" and any(in_state(p.metro) for p in self.place_names[" ".join(words[s:e])])
        ]
        leftover = [w for i, w in enumerate(words) if i not in covered and w not in FILLER]

        # 2. a corner of two main streets ("colfax and broadway denver", "peachtree st & 10th st ne atlanta")
        metro_at = {i: self.metro_names[" ".join(words[s:e])] for s, e, kind in spans if kind == "metro" for i in
                    range(s, e)}  # fmt: skip
        corner = self.corners.locate(words, metro_at, near)
        if corner is not None:
            label, (lat, lon), key, used = corner
            rest = tuple(w for i, w in enumerate(words) if i not in used and i not in metro_at and w not in FILLER)
            return Place(f"{label}, {self.metros[key].city}", lat, lon, "corner", key, "streets:corner", rest)

        # 3. Manhattan's grid, when the phrase is about New York or no other metro, and no known name
        #    ("16th Street Mall") contains the street
        grid = manhattan.locate(text) if metro in (None, "new-york") else None
        if grid is not None:
            label, (lat, lon), (start, end) = grid
            first = len(text[:start].split())
            grid_at = set(range(first, first + len(text[start:end].split())))
            if not any(grid_at & set(range(s, e)) and e - s >= len(grid_at) for s, e, kind in spans if kind == "place"):
                grid_words = set(text[start:end].split())
                rest = [w for w in leftover if w not in grid_words and w not in {"street", "st", "avenue", "ave"}]
                return Place(f"{label}, New York", lat, lon, "grid", "new-york", "manhattan-grid", tuple(rest))

        # 5. a known landmark, neighbourhood, station, street... (scoped by the metro named)
        for place_phrase in sorted(place_phrases, key=self._specificity, reverse=True):
            candidates = self.place_names[place_phrase]
            chosen = self._pick(place_phrase, candidates, metro, near)
            if chosen is not None:
                if metro is None and near is None and state is None and not leftover:
                    self._refuse_if_a_town_elsewhere(place_phrase, chosen)
                place = self._with_city(chosen, tuple(leftover))
                if leftover:  # words we did not understand ("penn state" is not Penn): say we are less sure
                    return Place(*_fields(place), confidence="medium")
                return place
        scoped = self._scoped(leftover, metro) if metro is not None else None
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
                guess = self._fuzzy(" ".join(leftover), None) if state is None and len(leftover) > 1 else None
                if guess is not None:
                    return guess
                raise
            if city is not None:
                return city
        if state is not None and metro is None and not place_phrases:
            where = " ".join(w for i, w in enumerate(words) if i not in covered and w not in FILLER)
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
            guess = self._fuzzy(" ".join(leftover), metro)
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
            if PLACE_NOUNS.intersection(leftover):
                raise PlaceNotFound(
                    f"We know {m.name}, but not '{' '.join(leftover)}' in it. Try a landmark, a corner, a ZIP code "
                    "or coordinates there.",
                    phrase,
                    self._suggest(" ".join(leftover), metro),
                )
            confidence = "low" if leftover else "high"
            return Place(
                m.name, m.latitude, m.longitude, "metro", metro, "gazetteer:metro", tuple(leftover), confidence
            )

        raise PlaceNotFound(
            f"We could not find '{phrase.strip()}'. Try a city, a ZIP code, a landmark with its city "
            "(e.g. 'Union Station, Denver'), a Manhattan corner ('42nd and 8th') or coordinates ('40.75,-73.99').",
            phrase,
            self._suggest(" ".join(leftover) or text, None),
        )

    @cached_property
    def _us_airports(self) -> dict[str, tuple[str, float, float]]:
        """IATA code -> (name, lat, lon) of every US airport with scheduled service, fleet metros or not."""
        import airportsdata

        from search.geo.airports import scheduled

        table = airportsdata.load("IATA")
        return {
            c: (r["name"], float(r["lat"]), float(r["lon"]))
            for c, r in table.items()
            if r["country"] == "US" and c and scheduled(r)
        }

    def _airport_elsewhere(self, phrase: str) -> PlaceNotFound | None:
        """A code in capitals of an airport outside every metro ("near SFO"): said so, with how far it is."""
        from search.geo.airports import CAPITAL_WORDS

        written = re.findall(r"(?<![\w&'])[A-Z]{3}(?![\w&'])", phrase)
        written += [c.upper() for c in re.findall(r"\b([a-z]{3}) (?:airport|terminal|intl)\b", normalise(phrase))]
        for code in written:
            if code in CAPITAL_WORDS or code in self.airport_codes or code not in self._us_airports:
                continue
            name, lat, lon = self._us_airports[code]
            m = min(self.metros.values(), key=lambda m: haversine_km((lat, lon), (m.latitude, m.longitude)))
            far = haversine_km((lat, lon), (m.latitude, m.longitude))
            label = f"{name} ({code}), {far:,.0f} km from {m.name}"
            return PlaceNotFound(
                f"{code} is {name}, outside the metros we serve (the nearest is {m.name}, {far:,.0f} km away).",
                phrase,
                [label],
            )
        return None

    def _refuse_if_a_town_elsewhere(self, phrase: str, place: Place) -> None:
        """A place's bare name that is also a real town outside its metro ("springfield": a Jacksonville district and
        Springfield IL, MA, MO; "riverside", "arcadia") is ambiguous unless the metro, the state or the user's location
        says which."""
        name = phrase[4:] if phrase.startswith("the ") else phrase
        metro = self.metros.get(place.metro or "")
        if metro is None:
            return
        towns = [self._town(r) for r in self.cities.get(name, ()) if r[4] >= MIN_TOWN_ZIPS]
        towns = [t for t in towns if haversine_km(t.point, (metro.latitude, metro.longitude)) > AIRPORT_RADIUS_KM]
        if towns:
            options = self.candidates([self._with_city(place, ()), *towns])
            raise PlaceAmbiguous(
                f"'{name}' is {self._with_city(place, ()).name} and also a town elsewhere: say which (add the city or "
                "the state).",
                phrase,
                options,
            )

    def _scoped(self, leftover: list[str], metro: str) -> Place | None:
        """A name that counts only with its metro named ("fremont" + "seattle", "zoo" + "atlanta")."""
        for size in range(len(leftover), 0, -1):
            for start in range(len(leftover) - size + 1):
                name = " ".join(leftover[start : start + size])
                places = [p for p in self.scoped_names.get(name, ()) if p.metro == metro]
                if places:
                    rest = tuple(leftover[:start] + leftover[start + size :])
                    return self._with_city(places[0], rest)
        return self._by_words(leftover, metro)

    def _by_words(self, leftover: list[str], metro: str) -> Place | None:
        """With the metro named, words that name a kind of place ("the zoo", "art museum", "convention center")
        and are all in the name of one place there (or of places within 3 km of each other): that place, with
        confidence medium ("the zoo in memphis" -> Memphis Zoo)."""
        content = [w for w in leftover if w != "the"]
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

    def _town_in_metro(self, words: list[str], leftover: list[str], metro: Metro) -> Place | None:
        for size in range(min(4, len(words)), 1, -1):
            for start in range(len(words) - size + 1):
                name = " ".join(words[start : start + size])
                if not set(words[start : start + size]) & set(leftover):
                    continue
                for city, st, lat, lon, _ in self.cities.get(name, []):
                    if haversine_km((lat, lon), (metro.latitude, metro.longitude)) <= 45:
                        rest = tuple(w for w in leftover if w not in name.split())
                        return Place(f"{city}, {st}", lat, lon, "city", metro.key, "zipcodes:city", rest)
        return None

    def _specificity(self, phrase: str) -> int:
        """A landmark or street beats a neighbourhood, which beats a borough ("Union Square, Manhattan")."""
        kinds = {p.kind for p in self.place_names[phrase]}
        return 0 if kinds <= {"borough"} else 1 if kinds <= {"borough", "neighbourhood"} else 2

    def _with_city(self, place: Place, ignored: tuple[str, ...]) -> Place:
        metro = self.metros.get(place.metro or "")
        name = f"{place.name}, {metro.city}" if metro and metro.city.lower() not in place.name.lower() else place.name
        return Place(name, place.latitude, place.longitude, place.kind, place.metro, place.source, ignored)

    def _city(self, words: list[str], state: str | None, leftover: list[str]) -> Place | None:
        """A US town named in `words`. Outside the fleet metros and without its state, only an unmistakable one
        (the only town of that name, not a hamlet, and nothing else in the phrase): "boise" yes; "south beach"
        (Oregon), "castle" (Oklahoma), "harvard square" (Harvard, MA + 'square') are refused with the candidates."""
        text_words = [w for w in words if w not in FILLER or w in {"city", "town"}]
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
                rest = [w for w in leftover if w not in name.split()]
                in_metro = [t for t in towns if t.metro is not None]
                if state is None and len(in_metro) == 1 and not PLACE_NOUNS.intersection(rest):
                    town = in_metro[0]
                    return Place(town.name, town.latitude, town.longitude, "city", town.metro, town.source,
                                 tuple(rest), "medium" if rest or len(towns) > 1 else "high")  # fmt: skip
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

    def _town(self, row: tuple[str, str, float, float, int]) -> Place:
        city, st, lat, lon, _ = row
        metro = self.metro_for_point((lat, lon), within_km=25)
        return Place(f"{city}, {st}", lat, lon, "city", metro, "zipcodes:city")

    def _fuzzy(self, text: str, metro: str | None) -> Place | None:
        if len(text) < 4:
            return None
        pool = {alias: places for alias, places in self.place_names.items() if alias not in self._code_aliases}
        if metro is not None:
            pool = {a: [p for p in ps if p.metro == metro] for a, ps in pool.items()}
            pool = {a: ps for a, ps in pool.items() if ps}
        hit = process.extractOne(text, list(pool), scorer=fuzz.ratio, score_cutoff=86)
        if hit is not None:
            places = pool[hit[0]]
            if len(places) == 1:
                place = self._with_city(places[0], ())
                return Place(
                    place.name,
                    place.latitude,
                    place.longitude,
                    place.kind,
                    place.metro,
                    "gazetteer:fuzzy",
                    (),
                    "medium",
                )
        if metro is None:
            hit = process.extractOne(text, list(self.metro_names), scorer=fuzz.ratio, score_cutoff=86)
            if hit is not None:
                m = self.metros[self.metro_names[hit[0]]]
                return Place(m.name, m.latitude, m.longitude, "metro", m.key, "gazetteer:fuzzy", (), "medium")
        return None

    def _suggest(self, text: str, metro: str | None, limit: int = 3) -> list[str]:
        if metro is not None:
            names = {f"{p.name}, {self.metros[metro].city}": normalise(p.name) for p in self.places if p.metro == metro}
        else:
            names = {m.name: normalise(m.name) for m in self.metros.values()}
            names |= {f"{p.name}, {self.metros[p.metro].city}": normalise(p.name) for p in self.places if p.metro}
        hits = process.extract(text, names, scorer=fuzz.WRatio, limit=limit)
        return [label for _, _, label in hits]
