"""How people write a place's name: abbreviations and spellings of its words, and the bare name of a place whose
row carries its city ("Washington Park Denver" is also "Washington Park"), a row's names and "@" names, the word
spans of a phrase's known names, and whether the words left over contradict or explain a place. Used by
`search.geo.gazetteer` when it loads its names and reads a phrase. Pure Python: no Django."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product

from rapidfuzz import fuzz, process

from search.geo.model import FILLER, PLACE_NOUNS, SPANISH_PLACE_WORDS
from search.parsing.text import normalise

# Each word of a name may also be written as these ("Boston Univ", "Lenox Sq", "Penn Stn", "Mt Bonnell", "St.
# Edward's", "Fox Theater", "Lewis and Clark"): the forms are the same word, so a name written either way is found.
_SAME_WORD = (
    ("street", "st"), ("avenue", "ave", "av"), ("boulevard", "blvd"), ("university", "univ"), ("square", "sq"),
    ("station", "stn"), ("center", "centre", "ctr"), ("theatre", "theater"), ("mount", "mt"), ("fort", "ft"),
    ("saint", "st"), ("international", "intl"), ("national", "natl"), ("hospital", "hosp"), ("road", "rd"),
    ("drive", "dr"), ("and", "&"), ("parkway", "pkwy"), ("heights", "hts"), ("amphitheatre", "amphitheater"),
    ("harbor", "harbour"), ("plaza", "plz"),
)  # fmt: skip
FORMS: dict[str, tuple[str, ...]] = {}
for _forms in _SAME_WORD:
    for _word in _forms:
        FORMS[_word] = tuple(dict.fromkeys((*FORMS.get(_word, ()), *_forms)))
# More variants than this per name are not generated (a name of many abbreviable words keeps its first ones).
MAX_VARIANTS = 12


def spellings(name: str) -> list[str]:
    """`name` (normalised) and the same name with its words written in their other forms, the name first."""
    words = name.split()
    choices = [FORMS.get(w, (w,)) for w in words]
    out = []
    for combo in product(*choices):
        out.append(" ".join(combo))
        if len(out) >= MAX_VARIANTS:
            break
    return out if out and out[0] == name else [name, *out]


def short_forms(name: str) -> list[str]:
    """The shorter names people give a "<X> Museum of Art" ("<X> museum", "<X> art museum": "the metropolitan
    museum", "philadelphia art museum"), a "<X> Memorial <Y>" ("ping tom park", "veterans coliseum") and a "<X> [Senior]
    High School" ("clayton high")."""
    words = name.split()
    if len(words) >= 3 and words[-2:] == ["high", "school"]:  # "clayton high school" is "clayton high" to its town
        head = words[:-3] if words[-3] == "senior" and len(words) >= 4 else words[:-2]
        return [" ".join([*head, "high"])]
    if "memorial" in words[1:-1]:
        at = words.index("memorial", 1)
        return [" ".join(words[:at] + words[at + 1 :])]
    head, sep, _ = name.partition(" museum of art")
    if not sep or not head or name != f"{head} museum of art":
        return []
    return [f"{head} museum", f"{head} art museum"]


def bare_names(names: Iterable[str], city_names: Iterable[str]) -> list[str]:
    """A name without the city written after it or before it ("washington park denver" -> "washington park",
    "chinatown boston" -> "chinatown"), for each of `names` that has one of `city_names` (normalised) there."""
    out = []
    cities = sorted(set(city_names), key=len, reverse=True)
    for name in names:
        for city in cities:
            if name.endswith(f" {city}"):
                bare = name[: -len(city) - 1]
            elif name.startswith(f"{city} "):
                bare = name[len(city) + 1 :]
            else:
                continue
            if bare and bare not in ("the", "of"):
                out.append(bare.removesuffix(" of").removesuffix(","))
            break
    return out


def share_bare_names(places_by_name: dict, scoped_names: dict, names_of: dict, city_names: dict) -> None:
    """A name one metro's place carries ("washington park": Portland's) is ambiguous when another metro has a place
    of that name and kind that its row writes with its city ("Washington Park Denver") or only with its metro named
    ("@washington park"): add those places to the name, so the bare name is refused with both as candidates and the
    name with the city still finds each. `places_by_name`: name -> places; `names_of`: place -> its names;
    `city_names`: metro key -> the normalised names of that metro."""
    extra: dict[str, list] = {}
    scoped_of: dict = {}
    for name, places in scoped_names.items():
        for place in places:
            scoped_of.setdefault(place, []).append(name)
    for place, names in names_of.items():
        for bare in [*bare_names(names, city_names.get(place.metro, ())), *scoped_of.get(place, ())]:
            others = places_by_name.get(bare, ())
            # of the same kind: a park named like a park elsewhere (Denver's Central Park neighbourhood, once
            # Stapleton, does not make Manhattan's park ambiguous)
            same = any(p.metro != place.metro and p.kind == place.kind for p in others)
            if same and place not in others and place not in extra.get(bare, ()):
                extra.setdefault(bare, []).append(place)
    # a name no place carries bare, that places of two metros write with their cities after it ("Museum of Fine Arts,
    # Boston" and "..., Houston"): the bare name is ambiguous between them (it was unknown, and refused as such)
    unclaimed: dict[str, list] = {}
    for place, names in names_of.items():
        cities = city_names.get(place.metro, ())
        for bare in bare_names([n for n in names if not any(n.startswith(f"{c} ") for c in cities)], cities):
            if len(bare.removeprefix("the ").split()) < 2 or bare in places_by_name:
                continue
            if place not in unclaimed.setdefault(bare, []):
                unclaimed[bare].append(place)
    for bare, places in unclaimed.items():
        if len({p.metro for p in places}) >= 2 and len({p.kind for p in places}) == 1:
            # with the places that have it as a role, with their city named ("@childrens hospital": Dallas')
            roles = [p for p in scoped_names.get(bare, ()) if p not in places]
            extra.setdefault(bare, []).extend([*places, *roles])
    for name, places in extra.items():
        for variant in (name,) if name.startswith("the ") else (name, f"the {name}"):
            places_by_name[variant] = [*places_by_name.get(variant, ()), *places]


# Kind-of-place words long enough to be told apart when misspelt ("airprot", "stadum", "musuem", "univeristy").
KIND_WORDS = sorted(w for w in PLACE_NOUNS if len(w) >= 5)
# Never corrected: filler, and the Spanish kinds of place, read in English later ("capitolio" is not a misspelt
# "capitol": "capitolio de texas" is the Texas capitol)
SKIP = FILLER | frozenset(SPANISH_PLACE_WORDS)


def kind_typos(words: list[str], vocabulary: frozenset[str]) -> list[str]:
    """Each word that is in no known name and is a misspelling of a kind of place (ratio >= 80, same first letter)
    written as that kind: "st paul downtown airprot" -> "... airport". Names are left alone: only words outside
    `vocabulary` are looked at."""
    out = []
    for word in words:
        if len(word) >= 5 and word not in vocabulary and word not in SKIP and word.isalpha():
            hit = process.extractOne(word, KIND_WORDS, scorer=fuzz.ratio, score_cutoff=80)
            # unless it is closer still to a word of a name ("centrl" is central, not center)
            name = (
                process.extractOne(word, _names_only(vocabulary), scorer=fuzz.ratio, score_cutoff=hit[1])
                if hit
                else None
            )
            if hit is not None and hit[0][0] == word[0] and (name is None or name[1] <= hit[1]):
                word = hit[0]
        out.append(word)
    return out


_NAMES_ONLY: dict[int, list[str]] = {}


def _names_only(vocabulary: frozenset[str]) -> list[str]:
    """The words of names that are not kinds of place (computed once per vocabulary)."""
    key = id(vocabulary)
    if key not in _NAMES_ONLY:
        _NAMES_ONLY[key] = sorted(w for w in vocabulary if w not in PLACE_NOUNS and len(w) >= 4)
    return _NAMES_ONLY[key]


# The kind a word names, for the kinds of place a venue row has: "hospital" after a university's name is another place.
_KIND_OF_WORD = {
    "hospital": "hospital", "airport": "airport", "university": "university", "college": "university",
    "stadium": "stadium", "arena": "stadium", "ballpark": "stadium", "mall": "mall", "station": "station",
}  # fmt: skip


def contradicts(kind: str, leftover: list[str], name: str = "") -> bool:
    """Words left over name another kind of venue than the place found ("st josephs hospital" found Saint Joseph's
    University; "de la salle high school" found La Salle University, whose `name` has no school in it): the place is
    not what was meant."""
    if {"high", "school"} <= set(leftover) and "school" not in normalise(name).split():
        return True
    if kind not in _KIND_OF_WORD.values():
        return False
    return any(_KIND_OF_WORD.get(w, kind) != kind for w in leftover)


def explains(name: list[str], leftover: list[str]) -> bool:
    """Every word left over is a word of `name`, maybe misspelt ("shermerhorn" of "Schermerhorn Symphony Center")."""
    return all(process.extractOne(w, name, scorer=fuzz.ratio, score_cutoff=80) for w in leftover)


def _names(name: str, aliases: str) -> list[str]:
    """The normalised names of a place: its name, its aliases (not the "@" ones: see `_scoped_names`), the name
    without a leading "the", and the part of "X at Y" before "at" ("Empower Field at Mile High")."""
    out = []
    for raw in [name, *(a for a in aliases.split(";") if not a.startswith("@"))]:
        words = normalise(raw)
        if not words:
            continue
        out.append(words)
        out.extend(short_forms(words))
        if words.startswith("the ") and len(words.split()) > 2:
            out.append(words[4:])
        head = words.split(" at ")[0]
        if head != words and len(head.split()) >= 2:
            out.append(head)
    return out


def inside_metro_names(spans: list[tuple[int, int, str]]) -> frozenset[int]:
    """The word positions between two words of a metro's name in `spans` ("st | louis"): no street name may start or
    end there (`Corners.locate`'s `inside`)."""
    return frozenset(i for s, e, kind in spans if kind == "metro" for i in range(s + 1, e))


def place_name_words(spans: list[tuple[int, int, str]]) -> frozenset[int]:
    """The word indices inside a known place's name ("900 north michigan": its number is no house number)."""
    return frozenset(i for s, e, kind in spans if kind == "place" for i in range(s, e))


def _scoped_names(aliases: str) -> list[str]:
    """Aliases written "@name": they count only with the metro named ("fremont" in "fremont seattle")."""
    return [normalise(a[1:]) for a in aliases.split(";") if a.startswith("@") and normalise(a[1:])]
