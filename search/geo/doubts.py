"""Doubts: the names a phrase shares with places of other metros or towns elsewhere, and the refusals that follow
(`PlaceAmbiguous` with the candidates, `PlaceNotFound` for what lies outside every metro): the parts of
`Gazetteer.geocode` that decide a place must be asked about rather than answered, and the pick among the places of
one name (`_pick`). A mixin of
`search.geo.gazetteer.Gazetteer` (it uses its `metros`, `place_names`, `scoped_names`, `cities`, `corners`,
`airport_codes`, `_town` and `_with_city`). Pure Python: no Django."""

from __future__ import annotations

import re
from functools import cached_property

from search.geo.corners import CONNECTORS
from search.geo.model import (
    AIRPORT_RADIUS_KM,
    FILLER,
    MIN_TOWN_ZIPS,
    STATE_BY_WORDS,
    STATES,
    Place,
    PlaceAmbiguous,
    PlaceNotFound,
    haversine_km,
)
from search.parsing.text import normalise

# A point farther than this from every metro's centre has no machine near it: refused, not answered (the metros'
# bounds, airports.METRO_RADIUS_KM; machines stand within ~15 km of the centre, so Providence is not Boston's).
SERVED_KM = 50.0


class DoubtsMixin:
    def _pick(
        self,
        phrase: str,
        candidates: list[Place],
        metro: str | None,
        near: tuple[float, float] | None,
        rest: tuple[str, ...] = (),
    ) -> Place | None:
        """The one place of `candidates` that `phrase` names in the metro named, or the nearest to the user; several
        in different metros: asked about (with the towns of that name), never guessed."""
        if metro is not None:
            scoped = [p for p in candidates if p.metro == metro]
            if not scoped:
                return None
            candidates = scoped
        if len(candidates) == 1 or all(haversine_km(candidates[0].point, p.point) < 3 for p in candidates):
            if metro is None and near is None and candidates[0].kind == "street":
                self._refuse_if_a_street_elsewhere(phrase, candidates[0], rest)
            return candidates[0]
        if near is not None:
            return min(candidates, key=lambda p: haversine_km(near, p.point))
        towns = [self._town(r) for r in self.cities.get(phrase, ())]  # "germantown": also the town near Memphis
        towns = [t for t in towns if t.metro and all(haversine_km(t.point, p.point) >= 3 for p in candidates)]
        distinct: list[Place] = []  # two rows of one place (a name and its "Name, City" form) are one choice
        for p in candidates:
            if all(haversine_km(p.point, q.point) >= 1 for q in distinct):
                distinct.append(p)
        options = self.candidates([*distinct, *towns])
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

    def _refuse_a_whole_state(self, phrase: str, words: list[str]) -> None:
        """A state alone ("coke in texas", "north carolina") is no place to measure from: the refusal says which of
        our metros are in it (a state that is also a metro or a town of one, "new york", "washington", is not
        refused; a far hamlet of its name, Ohio, IL, is not what was meant)."""
        whole = " ".join(w for w in words if w not in FILLER)
        if whole not in STATES.values() or whole in self.metro_names:
            return
        if any(self._town(r).metro is not None for r in self.cities.get(whole, ())):
            return
        code = STATE_BY_WORDS[whole]  # its metros, and those reaching into it (Kansas City's Kansas side)
        reach = {self.metro_for_point((lat, lon), 25) for _, st, lat, lon in self._zips.values() if st == code}
        served = [m.name for m in self.metros.values() if m.state == code or m.key in reach]
        where = f"we serve {', '.join(served)} there" if served else "we serve no metro there"
        raise PlaceNotFound(
            f"{whole.title()} is a whole state: name a city, a place or a ZIP code in it ({where}).", phrase, served
        )

    def _refuse_half_corner(self, phrase: str, words: list[str], place: Place) -> None:
        """A corner of a street we know and one we do not ("friars and mission gorge": San Diego's Friars Rd) is not
        a town of the other street's word in another metro (Mission, KS): refused, saying which street is known."""
        known = []  # the streets on either side of a connector
        for i, word in enumerate(words):
            if word in CONNECTORS and 0 < i < len(words) - 1:
                sides = [words[j:i] for j in range(max(0, i - 3), i)] + [words[i + 1 : j] for j in range(i + 2, i + 5)]
                known += [line for part in sides for line in self.corners.named(part)]
        if not known or any(line.metro == place.metro for line in known):
            return
        named = list(dict.fromkeys(f"{line.name} in {self.metros[line.metro].name}" for line in known))
        raise PlaceNotFound(
            f"We know {named[0]}, but not the street crossing it in '{phrase.strip()}': check its name, or give a "
            "landmark near the corner.",
            phrase,
            named[:6],
        )

    def outside_metros(self, point: tuple[float, float], what: str, phrase: str) -> PlaceNotFound | None:
        """The refusal for a point beyond every metro's machines (a ZIP code or coordinates in Anchorage): it says
        how far the nearest metro is. None within SERVED_KM of a metro's centre."""
        best = min(self.metros.values(), key=lambda m: haversine_km(point, (m.latitude, m.longitude)))
        far = haversine_km(point, (best.latitude, best.longitude))
        if far <= SERVED_KM:
            return None
        return PlaceNotFound(
            f"{what} is outside the metros we serve: the nearest is {best.name}, {far:,.0f} km away.",
            phrase,
            [best.name],
        )

    def _refuse_if_a_town_elsewhere(self, phrase: str, place: Place) -> None:
        """A place's bare name that is also a real town outside its metro ("springfield": a Jacksonville district and
        Springfield IL, MA, MO; "riverside", "arcadia") is ambiguous unless the metro, the state or the user's location
        says which."""
        name = phrase[4:] if phrase.startswith("the ") else phrase
        metro = self.metros.get(place.metro or "")
        if metro is None:
            return
        rows = self.cities.get(name, ())  # not a hamlet, or a town of another fleet metro ("highland park")
        towns = [t for t, r in zip(map(self._town, rows), rows, strict=True)
                 if r[4] >= MIN_TOWN_ZIPS or t.metro not in (None, place.metro)]  # fmt: skip
        towns = [t for t in towns if haversine_km(t.point, (metro.latitude, metro.longitude)) > AIRPORT_RADIUS_KM]
        if towns:
            options = self.candidates([self._with_city(place, ()), *towns])
            raise PlaceAmbiguous(
                f"'{name}' is {self._with_city(place, ()).name} and also a town elsewhere: say which (add the city or "
                "the state).",
                phrase,
                options,
            )

    def _refuse_if_a_street_elsewhere(self, phrase: str, street: Place, rest: tuple[str, ...] = ()) -> None:
        """A street's name that other metros' streets have too ("state street": Chicago's, and Salt Lake City's) is
        asked about, not guessed: the famous one is not the one a person in the other city means; unless the other
        words name a street of its metro only ("s congress ave & oltorf st": Oltorf St is Austin's)."""
        others = {s.metro: s for s in self.corners.named(phrase.split()) if s.metro not in (street.metro, None)}
        if not others:
            return
        beside = {line.metro for size in (1, 2, 3) for i in range(len(rest) - size + 1)
                  for line in self.corners.named(list(rest[i : i + size]))}  # fmt: skip
        if street.metro in beside and not beside & set(others):
            return
        lines = [Place(s.name, *s.points[len(s.points) // 2], "street", key) for key, s in sorted(others.items())]
        options = self.candidates([street, *lines])
        raise PlaceAmbiguous(
            f"'{phrase}' is a street in several cities ({'; '.join(options)}): say which city, e.g. "
            f"'{phrase} in {self.metros[street.metro].city}'.",
            phrase,
            options,
        )

    def _refuse_two_cities(self, phrase: str, chosen: Place, others: list[str]) -> None:
        """Another name of the phrase that is only in one other metro, far away ("space needle venice beach"): the
        phrase names places of two cities, asked about rather than one of them answered."""
        for other in others:
            metros = {p.metro for p in self.place_names.get(other, ())}
            if len(metros) != 1 or None in metros or chosen.metro in metros or chosen.metro is None:
                continue
            if any(p.metro == chosen.metro for p in self.scoped_names.get(other, ())):  # "chaifetz arena slu"
                continue
            far = self.place_names[other][0]
            if haversine_km(far.point, chosen.point) > 100:
                raise PlaceAmbiguous(
                    f"'{phrase.strip()}' names places in two cities: say which one.",
                    phrase,
                    self.candidates([chosen, self._with_city(far, ())]),
                )

    def _elsewhere(self, leftover: list[str], metro: str | None) -> bool:
        """The words left over name a street or a town of other metros only ("elysian fields" beside Boston's
        Esplanade, "scottsdale" beside the Space Needle): they contradict the place chosen."""
        for size in (3, 2, 1):
            for i in range(len(leftover) - size + 1):
                part = leftover[i : i + size]
                # a street of two words or more ("state" alone is any State St); a town's name of five letters or more
                streets = {line.metro for line in self.corners.named(part)} if size > 1 else set()
                towns = {self._town(r).metro for r in self.cities.get(" ".join(part), ())} - {None}
                found = streets | towns
                if found and metro not in found and (size > 1 or len(part[0]) >= 5):
                    return True
        return self._ends_far(leftover, metro, (2, 1))

    def _ends_far(self, words: list[str], metro: str | None, sizes: tuple[int, ...]) -> bool:
        """The words end with a town far from the place's metro and from every other ("the colosseum in rome"; not
        "stonebriar centre frisco", Dallas's suburb beyond its metro's reach)."""
        centre = (self.metros[metro].latitude, self.metros[metro].longitude) if metro in self.metros else None
        for size in sizes:
            rows = self.cities.get(" ".join(words[-size:]), ()) if len(words) >= size else ()
            towns = [self._town(r) for r in rows]
            if (
                towns
                and len(" ".join(words[-size:])) >= 4
                and all(t.metro is None and (centre is None or haversine_km(t.point, centre) > 100) for t in towns)
            ):
                return True
        return False

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
