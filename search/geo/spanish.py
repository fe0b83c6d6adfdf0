"""Spanish readings of a place phrase: its kind-of-place words in English ("parque balboa" is Balboa Park), its
article before a name known with "the" ("los cloisters"), and the names that keep a Spanish word of their own ("casa
bonita"). A mixin of `search.geo.gazetteer.Gazetteer` (it uses its `place_names`, `metro_names`, `max_words` and
`_geocode`). Pure Python: no Django."""

from __future__ import annotations

import contextlib

from search.geo.model import (
    FILLER,
    SPANISH_ARTICLES,
    SPANISH_PLACE_WORDS,
    GeocodeError,
    Place,
    PlaceAmbiguous,
    _fields,
    english_place_words,
    spanish_order,
)


class SpanishMixin:
    def _english_article(self, words: list[str]) -> list[str]:
        """A Spanish article before a name known only with "the" is "the": "los cloisters" -> "the cloisters"."""
        out = list(words)
        for i, word in enumerate(words[:-1]):
            if word not in SPANISH_ARTICLES:
                continue
            for size in range(min(self.max_words - 1, len(words) - i - 1), 0, -1):
                rest = words[i + 1 : i + 1 + size]
                if " ".join(["the", *rest]) in self.place_names and " ".join([word, *rest]) not in self.place_names:
                    out[i] = "the"
                    break
        return out

    def _spanish_in_name(self, written: list[str]) -> bool:
        """A known name with a Spanish kind word in it, read as written ("casa bonita", "casa tua"; not "house"),
        with nothing but filler or a metro's name beside it, and a word of its own ("la playa" is any beach)."""
        for size in range(min(self.max_words, len(written)), 1, -1):
            for i in range(len(written) - size + 1):
                span = written[i : i + size]
                if (
                    any(SPANISH_PLACE_WORDS.get(w, w) != w for w in span)
                    and not set(span) <= SPANISH_PLACE_WORDS.keys() | SPANISH_ARTICLES | FILLER  # "la playa": a beach
                    and " ".join(span) in self.place_names
                ):
                    rest = [w for w in written[:i] + written[i + size :] if w not in FILLER]
                    return not rest or " ".join(rest) in self.metro_names
        return False

    def _geocode_written(self, phrase: str, written: list[str], near: tuple[float, float] | None) -> Place:
        if english_place_words(written) == written or not self._spanish_in_name(written):
            return self._geocode_translated(phrase, written, near)
        # a name with a Spanish word of its own ("casa bonita" is not "house bonita", Bonita CA): as written, when
        # the English reading finds only a town or nothing (a translated name it finds, "catedral de san luis", or
        # finds in several cities, stays that reading's)
        refusal: GeocodeError | None = None
        try:
            place: Place | None = self._geocode_translated(phrase, written, near)
        except PlaceAmbiguous:
            raise
        except GeocodeError as exc:
            place, refusal = None, exc
        if place is not None and place.kind != "city" and place.confidence != "low":
            return place
        with contextlib.suppress(GeocodeError):
            found = self._geocode(phrase, written, near)
            if not found.ignored:
                return found
        if place is None:
            raise refusal  # the English reading's refusal, not read again
        return place

    def _geocode_translated(self, phrase: str, written: list[str], near: tuple[float, float] | None) -> Place:
        words = english_place_words(written)
        try:
            place = self._geocode(phrase, words, near)
        except GeocodeError:
            if words == written:
                raise
            place = None
        if place is not None and (words == written or not place.ignored):
            return place
        # Spanish order: "parque balboa" -> "balboa park", "puente de brooklyn" -> "brooklyn bridge" (not Brooklyn and
        # "bridge"); else the words as written, a Spanish word being part of the name ("calle ocho and 27th ave"),
        # but never only the metro ("la torre ..." is not Los Angeles)
        for attempt in (spanish_order(words) or words, written):
            try:
                found = self._geocode(phrase, attempt, near)
            except PlaceAmbiguous:
                raise  # "museo de historia natural": several cities have one, say which
            except GeocodeError:
                continue
            if found.ignored and place is not None:
                continue
            if attempt is written:
                if found.confidence == "low":
                    continue
                return found
            return Place(*_fields(found), confidence="low" if found.confidence == "low" else "medium")
        if place is not None:
            return place
        return self._geocode(phrase, words, near)  # the first reading's refusal
