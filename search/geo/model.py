"""The gazetteer's vocabulary and values: place words, states, `Place`, `Metro`, the errors, distances.
Pure Python: no Django."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

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
SPANISH_LOCATION_WORDS = frozenset(["cerca", "de", "del", "en", "al", "lado", "junto", "frente", "esquina"])
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
            "corner",
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
    "fountain temple cemetery ballpark coliseum fieldhouse dome gallery institute school convention "
    "courthouse plant factory prison palace mansion shop shoppe store cafe diner restaurant bakery deli pizzeria "
    "tavern pub bistro"
)
PLACE_NOUNS = frozenset(_PLACE_NOUN_WORDS.split())
# The words of a street's type: a phrase with one names a street, perhaps a corner we do not know
STREET_WORDS = frozenset(["st", "street", "ave", "avenue", "blvd", "boulevard", "rd", "road", "dr", "drive", "way",
                          "ln", "lane", "pkwy", "parkway", "hwy", "highway", "pl"])  # fmt: skip
AREA_KINDS = frozenset(["neighbourhood", "borough", "district", "city", "metro"])  # a place with venues in it
# A name made only of these words ("convention center", "city hall", "the art institute") is generic: known in one
# metro only, it counts only with that metro named (every metro has a convention center).
_GENERIC_NAME_WORDS = (
    "the of and convention exhibition center centre city hall civic art arts museum science history natural zoo "
    "aquarium airport stadium arena library hospital capitol state university college campus station terminal bus "
    "train transit transportation mall childrens farmers market botanical botanic garden gardens planetarium "
    "conservatory memorial war institute downtown"
)
GENERIC_NAME_WORDS = frozenset(_GENERIC_NAME_WORDS.split())
# Words that say a place is in an airport: with only the metro named, they mean its main airport ("gate b12 at dfw",
# "terminal b houston"), unless the words say it is a bus, train or ferry terminal.
AIRPORT_WORDS = frozenset(["terminal", "terminals", "gate", "gates", "concourse", "arrivals", "departures", "baggage"])
GROUND_WORDS = frozenset(["bus", "train", "ferry", "transit", "greyhound", "amtrak", "rail", "cruise", "port",
                          "autobuses", "autobus", "tren", "camiones"])  # fmt: skip
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


# Spanish words for kinds of place, read in English so the names and kind words match: "aeropuerto de miami" ->
# "airport of miami", "universidad de houston" -> "university of houston", "zoologico de san diego".
SPANISH_PLACE_WORDS = {
    "aeropuerto": "airport", "universidad": "university", "zoologico": "zoo", "zoo": "zoo", "estadio": "stadium",
    "museo": "museum", "parque": "park", "playa": "beach", "estacion": "station", "calle": "street",
    "avenida": "avenue", "mercado": "market", "biblioteca": "library", "puente": "bridge", "acuario": "aquarium",
    "catedral": "cathedral", "torre": "tower", "hospital": "hospital", "plaza": "plaza", "convenciones": "convention",
    "arte": "art", "ciencias": "science", "centro": "center", "terminal": "terminal", "lago": "lake",
    "mision": "mission", "iglesia": "church", "monumento": "monument", "jardin": "garden", "botanico": "botanical",
    "isla": "island", "bahia": "bay", "teatro": "theater", "capitolio": "capitol", "escuela": "school",
    "muelle": "pier", "faro": "lighthouse", "palacio": "palace", "fuerte": "fort", "cementerio": "cemetery",
    "galeria": "gallery", "cascada": "falls", "cataratas": "falls", "bulevar": "boulevard", "campo": "field",
    "estatua": "statue", "puerto": "port", "barrio": "neighborhood", "casa": "house", "arco": "arch",
    "autobuses": "bus", "autobus": "bus", "tren": "train",
}  # fmt: skip


# Spanish names of a subject whose adjective follows the noun: "museo de historia natural" is the natural history
# museum, "museo de bellas artes" the fine arts museum.
SPANISH_SUBJECTS = {
    ("historia", "natural"): ["natural", "history"], ("bellas", "artes"): ["fine", "arts"],
    ("arte", "moderno"): ["modern", "art"], ("arte", "contemporaneo"): ["contemporary", "art"],
    ("ciencias", "naturales"): ["natural", "science"], ("historia",): ["history"], ("ciencia",): ["science"],
    # names whose Spanish form is standard: the Barrio Francés, the Torre de las Américas, the Estatua de la Libertad
    ("barrio", "frances"): ["french", "quarter"], ("las", "americas"): ["the", "americas"],
    ("la", "libertad"): ["liberty"], ("libertad",): ["liberty"], ("centro", "medico"): ["medical", "center"],
    # an age after the noun: "faro viejo de point loma" is the old Point Loma lighthouse (`spanish_order` puts it first)
    ("viejo",): ["old"], ("vieja",): ["old"], ("antiguo",): ["old"], ("antigua",): ["old"], ("nuevo",): ["new"],
    ("nueva",): ["new"],
}  # fmt: skip


def _subjects(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in (2, 1):
            english = SPANISH_SUBJECTS.get(tuple(words[i : i + size]))
            if english is not None:
                out.extend(english)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


SPANISH_ORDINALS = frozenset(
    [
        "primera",
        "segunda",
        "tercera",
        "cuarta",
        "quinta",
        "sexta",
        "septima",
        "octava",
        "novena",
        "decima",
        "primer",
        "segundo",
        "tercer",
    ]
)


def english_place_words(words: list[str]) -> list[str]:
    """Spanish kind-of-place words in English, "de/del" after them as "of"; "centro" alone (not "centro de
    convenciones", "centro comercial") is downtown; a subject after them in English order ("historia natural")."""
    if not SPANISH_PLACE_WORDS.keys() & {w for w in words if w not in ("zoo", "hospital", "plaza", "terminal")}:
        return words
    words = _subjects(words)
    out: list[str] = []
    for i, word in enumerate(words):
        after = words[i + 1 : i + 3]
        if (
            word in ("la", "el", "los", "las")
            and after
            and (
                after[0] in SPANISH_PLACE_WORDS
                or (
                    (after[0].isdigit() or after[0] in SPANISH_ORDINALS)
                    and after[1:]
                    and after[1] in SPANISH_PLACE_WORDS
                )
            )
        ):  # an article before a place word ("de la universidad", "y la 15 avenida", "la quinta avenida"): not LA
            continue
        if word == "centro" and not ({"convenciones", "comercial"} & set(after)):
            out.append("downtown")
        elif word == "comercial" and out and out[-1] == "center":
            out[-1] = "mall"
        elif word in ("de", "del") and out and out[-1] == "downtown":
            continue  # "el centro de san antonio" is downtown San Antonio
        elif word in ("de", "del") and out and out[-1] in SPANISH_PLACE_WORDS.values():
            out.append("of")
        else:
            out.append(SPANISH_PLACE_WORDS.get(word, word))
    return out


STREET_KINDS = frozenset(["street", "avenue", "boulevard"])


def spanish_order(words: list[str]) -> list[str] | None:
    """The English order of a Spanish "<kind> [de] <name>": "park balboa" -> "balboa park", "stadium of los
    dodgers" -> "dodgers stadium" (the words after the name, a city, stay after it). None if there is none."""
    kinds = set(SPANISH_PLACE_WORDS.values())
    for i, word in enumerate(words):
        if word in kinds:
            j = i + 1
            ages = []  # "lighthouse old of point loma": the old Point Loma lighthouse
            while j < len(words) and words[j] in ("old", "new"):
                ages.append(words[j])
                j += 1
            while j < len(words) and words[j] in ("of", "la", "el", "los", "las"):
                j += 1
            end = j
            # a street's name ends at the corner's connector: "calle main y mckinney" is Main St and McKinney
            stops = ("of", "in", "en", "y", "and", "&", "con", "at") if word in STREET_KINDS else ("of", "in", "en")
            while end < len(words) and words[end] not in stops:
                end += 1
            if end > j:
                return [*words[:i], *ages, *words[j:end], word, *words[end:]]
    return None


SPANISH_ARTICLES = frozenset(["el", "la", "los", "las"])
SPANISH_PREPOSITIONS = frozenset(["de", "del", "en", "a", "al", "por", "con", "y", "cerca", "hasta", "para", "hacia"])


def spanish_article(words: list[str], span: tuple[int, int, str], spans: list[tuple[int, int, str]]) -> bool:
    """A lone "la" that is the Spanish article, not Los Angeles: before more words after a preposition ("ermita de la
    caridad", "en la cuadra 1500"), or beside another metro's name ("biblioteca de detroit, la principal")."""
    start, end, kind = span
    if kind != "metro" or words[start] != "la" or end != start + 1:
        return False
    if start > 0 and words[start - 1] in SPANISH_PREPOSITIONS and end < len(words):
        return True
    return any(k == "metro" and words[s:e] != ["la"] for s, e, k in spans)
