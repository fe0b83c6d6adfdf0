"""Misspelt names: the fuzzy match of a phrase against the known names, and the suggestions a refusal offers. A
mixin of `search.geo.gazetteer.Gazetteer` (it uses its `place_names`, `scoped_names`, `metro_names`, `metros`,
`places`, `corners`, `_code_aliases` and `_with_city`). Pure Python: no Django."""

from __future__ import annotations

from functools import cached_property

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from search.geo.lines import distance_km
from search.geo.model import FILLER, GENERIC_NAME_WORDS, PLACE_NOUNS, Place, haversine_km
from search.geo.names import explains
from search.parsing.text import normalise

# A street this near a place, named after it, is the street it stands on (a venue's point is its building's centre)
STREET_BESIDE_KM = 0.5


class FuzzyMixin:
    def _fuzzy(self, text: str, metro: str | None) -> Place | None:
        if len(text) < 4 or set(text.split()) <= GENERIC_NAME_WORDS:  # "childrens hospital": which one?
            return None
        # a misspelling keeps its first letter ("tims square"): "wilmington airport" is not Millington's
        pool = self._fuzzy_pool(text[:1], metro)
        hit = _closest(text, list(pool))
        if hit is None and metro is not None:  # the metro's name may begin the place's ("houston museum of ...")
            city = normalise(self.metros[metro].city)
            pool = self._fuzzy_pool(city[:1], metro)
            hit = process.extractOne(f"{city} {text}", [a for a in pool if a.startswith(city)], scorer=fuzz.ratio,
                                     score_cutoff=86)  # fmt: skip
        if hit is not None and self._town_of_another_metro(text, hit[0], pool[hit[0]]):
            hit = None  # "mesa general hospital" is no misspelt Massachusetts General: Mesa is Phoenix's
        if hit is not None:
            places = list(dict.fromkeys(pool[hit[0]]))  # a metro-scoped name may list its place twice
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
                    "low" if _only_kind_differs(text, hit[0]) else "medium",
                )
        if metro is None:
            names = [n for n in self.metro_names if n[:1] == text[:1]]
            hit = _closest(text, names)
            if hit is not None:
                m = self.metros[self.metro_names[hit[0]]]
                return Place(m.name, m.latitude, m.longitude, "metro", m.key, "gazetteer:fuzzy", (), "medium")
        return None

    def _street_beside(self, words: list[str], place: Place) -> bool:
        """`words` are a street of the place's metro that passes within STREET_BESIDE_KM of it ("napoleon house
        chartres st", "campbell house museum locust st"): they confirm the place, not doubt it."""
        return bool(words) and any(
            line.metro == place.metro and distance_km(place.point, line.points) <= STREET_BESIDE_KM
            for line in self.corners.named(list(words))
        )

    def _misspelt_on_street(self, words: list[str]) -> Place | None:
        """A misspelt name followed by the street it stands on ("napolean house chartres st"): the misspelling
        matched in each metro that has that street, where the match stands beside it."""
        for cut in range(len(words) - 1, 0, -1):
            name, street = words[:cut], words[cut:]
            for metro in dict.fromkeys(line.metro for line in self.corners.named(street)):
                guess = self._fuzzy(" ".join(name), metro)
                if guess is not None and guess.kind != "metro" and self._street_beside(street, guess):
                    return guess
        return None

    @staticmethod
    def _another_of_that_name(guess: Place, phrase: str, leftover: list[str]) -> bool:
        """The misspelt `guess` is another place of the kind `phrase` names in several cities: its name holds the
        phrase, and the rest of its name is the words left over barely misspelt ("doernbecker childrens hospital" is
        Doernbecher Children's Hospital; "greendale community college" is no Glendale's, ratio 82)."""
        named = phrase.removeprefix("the ").split()
        own = normalise(guess.name.split(", ")[0]).split()  # not the city after it
        rest = [w for w in own if w not in named]
        said = [w for w in leftover if w not in named]
        return set(named) <= set(own) and fuzz.ratio(" ".join(said), " ".join(rest)) >= 86

    def _town_of_another_metro(self, text: str, name: str, places: list[Place]) -> bool:
        """A word of `text` that the misspelt `name` lacks is a town of fleet metros only, each 60 km or more from its
        places ("mesa" beside a hospital of Boston: Mesa is Phoenix's)."""
        own = name.split()
        words = text.split()
        for size in (2, 1):
            for i in range(len(words) - size + 1):
                part = " ".join(words[i : i + size])  # not a word of the name, misspelt ("mitchell field")
                rows = self.cities.get(part, ()) if len(part) >= 4 and not explains(own, words[i : i + size]) else ()
                towns = [t for t in (self._town(r) for r in rows) if t.metro is not None]
                if towns and all(haversine_km(t.point, p.point) >= 60 for t in towns for p in places):
                    return True
        return False

    def _metro_typos(self, words: list[str]) -> list[str]:
        """`words` with a misspelt metro's name written right ("union station denvr", "the alamo san antono",
        "zoo in memphs"): a span of one to three words, one of them in no known name nor town, closest to a metro's
        name of five letters or more with the same first letter (`_closest`), and itself no town's name. A word known
        anywhere is never changed, so "phenix city" and "settle" stay what they are."""
        out = list(words)
        for size in (3, 2, 1):
            for start in range(len(out) - size + 1):
                span = out[start : start + size]
                if any(w.isdigit() for w in span) or all(w in self._vocabulary or w in self._town_words for w in span):
                    continue
                text = " ".join(span)
                if len(text.replace(" ", "")) < 5 or text in self.cities:
                    continue
                hit = _closest(text, self._metro_names_by_start.get((text[:1], size), []))
                if hit is not None:
                    out[start : start + size] = hit[0].split()
        return out

    @cached_property
    def _metro_names_by_start(self) -> dict[tuple[str, int], list[str]]:
        """The metros' names of five letters or more by first letter and number of words (for `_metro_typos`, asked
        of every phrase: built once)."""
        out: dict[tuple[str, int], list[str]] = {}
        for name in self.metro_names:
            if len(name) >= 5:
                out.setdefault((name[:1], len(name.split())), []).append(name)
        return out

    @cached_property
    def _town_words(self) -> frozenset[str]:
        """Every word of a US town's name (a word there is no misspelt metro)."""
        return frozenset(w for name in self.cities for w in name.split())

    def _fuzzy_pool(self, letter: str, metro: str | None) -> dict[str, list[Place]]:
        """The names beginning with `letter` (with the metro named, its metro-scoped names too: "city musuem stl"),
        but airport codes; built once per letter and metro."""
        cache = self.__dict__.setdefault("_fuzzy_pools", {})
        if (letter, metro) not in cache:
            pool = {a: ps for a, ps in self.place_names.items() if a[:1] == letter and a not in self._code_aliases}
            if metro is not None:
                scoped = {a: () for a in self.scoped_names if a[:1] == letter}
                pool = {a: [p for p in [*ps, *self.scoped_names.get(a, ())] if p.metro == metro] for a, ps in
                        {**scoped, **pool}.items()}  # fmt: skip
                pool = {a: ps for a, ps in pool.items() if ps}
            cache[(letter, metro)] = pool
        return cache[(letter, metro)]

    def _suggest(self, text: str, metro: str | None, limit: int = 3) -> list[str]:
        if metro is not None:
            names = {f"{p.name}, {self.metros[metro].city}": normalise(p.name) for p in self.places if p.metro == metro}
        else:
            names = {m.name: normalise(m.name) for m in self.metros.values()}
            names |= {f"{p.name}, {self.metros[p.metro].city}": normalise(p.name) for p in self.places if p.metro}
        hits = process.extract(text, names, scorer=fuzz.WRatio, limit=limit)
        return [label for _, _, label in hits]

    def _unexplained(self, words: list[str], spans: list[tuple[int, int, str]]) -> str:
        """The phrase without the metro named and filler: what a misspelt name would be."""
        metro_words = {i for s, e, kind in spans if kind == "metro" for i in range(s, e)}
        return " ".join(w for i, w in enumerate(words) if i not in metro_words and w not in FILLER)

    def _misspelt_in_district(self, words: list[str]) -> Place | None:
        """A misspelt venue followed by its district ("voodo doughnut old town"): the venue the words before the
        district are closest to, if the district (with its metro's city: "old town portland") lies within 3 km of it;
        confidence medium, as every misspelt name."""
        for size in (1, 2, 3):
            if len(words) - size < 2:
                break
            guess = self._fuzzy(" ".join(words[:-size]), None)
            if guess is None or guess.metro is None:
                continue
            district = " ".join(words[-size:])
            city = normalise(self.metros[guess.metro].city)
            near = [p for name in (district, f"{district} {city}") for p in self.place_names.get(name, ())
                    if p.metro == guess.metro and haversine_km(p.point, guess.point) <= 3]  # fmt: skip
            if near:
                return guess
        return None


def _closest(text: str, names: list[str]) -> tuple | None:
    """The name `text` is a misspelling of: the closest at a ratio of 86 or more, else one edit away in a name of six
    letters or more ("dogtwon": two letters swapped fall under the ratio)."""
    hit = process.extractOne(text, names, scorer=fuzz.ratio, score_cutoff=86)
    if hit is None and len(text) >= 6:
        hit = process.extractOne(text, names, scorer=OSA.distance, score_cutoff=1)
    return hit


def _only_kind_differs(text: str, name: str) -> bool:
    """The phrase is the name with only its kind of place written otherwise ("central perk" for "central park",
    "liberty bell" for "liberty mall"): the words that tell the place apart are the name's, and the one that differs
    may be another real word (a café, not the park), so the guess is flagged `low`, never `medium`."""
    written, known = text.split(), name.split()
    if len(written) != len(known) or len(known) < 2:
        return False
    differ = [(w, k) for w, k in zip(written, known, strict=True) if w != k]
    return bool(differ) and all(k in PLACE_NOUNS for _, k in differ)
