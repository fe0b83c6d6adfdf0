"""The airports of the gazetteer (a mixin of `Gazetteer`): every metro airport and airfield from `airportsdata` as a
place with the names people use, and IATA codes ("near BOS", "northeast philly airport PNE") read as their airport.
Pure Python: no Django."""

from __future__ import annotations

import re
from functools import cached_property
from itertools import pairwise

from search.geo.model import Place


class AirportsMixin:
    def _add_airports(self) -> None:
        from search.geo.airports import CAPITAL_WORDS, airfields_without_iata, airports

        metros = {k: (m.city, m.latitude, m.longitude) for k, m in self.metros.items()}
        codes = set()
        self._airfield_codes: set[str] = set()  # every metro airport's code: "near BFI" in capitals is Boeing Field
        self._code_aliases: set[str] = set()  # "lax", "lax airport", ...: never matched by typo (MCO is not SMO)
        rows = airports(metros, lambda words: words in self.cities)
        for metro, name, aliases, lat, lon, code, scheduled, faa in rows:
            place = Place(name, lat, lon, "airport", metro, source="airportsdata")
            self.places.append(place)
            if scheduled:
                codes.add(code)
            self._airfield_codes.add(code)
            if faa and faa not in CAPITAL_WORDS:  # "VAY" in capitals: South Jersey Regional (IATA LLY)
                self._airfield_codes.add(faa)
            for alias in aliases:
                if alias.split()[0] in (code.lower(), faa.lower()):
                    self._code_aliases.update((alias, f"the {alias}"))
                for variant in (alias, f"the {alias}"):
                    if alias in self.metro_names or place in self.place_names.get(variant, ()):  # "the stl" too
                        continue
                    # a name derived from the package's that is a curated place's name is that place's
                    # ("Ohio State University" is the university, not its airport)
                    if any(p.kind != "airport" for p in self.place_names.get(variant, ())):
                        continue
                    self.place_names[variant].append(place)
        self.airport_codes = frozenset(codes)
        # "John C Tune Airport"; by its FAA code only in capitals or with "airport" ("HFY", "hfy airport")
        for metro, name, aliases, lat, lon, lid in airfields_without_iata(metros, lambda w: w in self.cities):
            place = Place(name, lat, lon, "airport", metro, source="airportsdata")
            self.places.append(place)
            if re.fullmatch(r"[A-Z]{3}", lid) and lid not in CAPITAL_WORDS and lid not in self._airfield_codes:
                self._airfield_codes.add(lid)
                code_alias = f"{lid.lower()} airport"
                self._code_aliases.update((code_alias, f"the {code_alias}"))
                aliases = [*aliases, code_alias]
            for alias in (a for a in aliases if a not in self.metro_names and not self.place_names.get(a)):
                for variant in (alias, f"the {alias}"):
                    self.place_names[variant].append(place)

    def mark_codes(self, text: str) -> str:
        """IATA codes of scheduled airports written in capitals read as the airport ("near BOS"; "near SFO", which is
        then refused as outside the metros)."""
        from search.geo.airports import mark_codes

        return mark_codes(text, self._capital_codes, self._city_codes)

    @cached_property
    def _city_codes(self) -> frozenset[str]:
        """Codes that are also a metro's nickname: "slc", "atl", "pdx"."""
        return frozenset(c for c in self._capital_codes if c.lower() in self.metro_names)

    @cached_property
    def _capital_codes(self) -> frozenset[str]:
        """Codes read as airports when written in capitals: the metros' and, to say they are outside, the others'."""
        return self.airport_codes | frozenset(self._airfield_codes) | frozenset(self._us_airports)

    def _written_code(self, words: list[str]) -> Place | None:
        """The metro airport of the one IATA code in the phrase ("PNE", marked "pne airport"), if it has one."""
        codes = {f"{a} {b}" for a, b in pairwise(words) if b == "airport" and f"{a} {b}" in self._code_aliases}
        places = self.place_names.get(next(iter(codes)), []) if len(codes) == 1 else []
        return self._with_city(places[0], ()) if len(places) == 1 else None
