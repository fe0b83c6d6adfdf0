"""Every airport of the 30 fleet metros, from the `airportsdata` package (pinned in requirements.txt).

`airportsdata` has no size class, so an airport counts when it has an IATA code (scheduled service),
is in the US and lies within METRO_RADIUS_KM of a metro's centre (the metro's bounds). Names people
use are derived from the package's name: the IATA code ("LAX", "lax airport"), the full name, the
name without its metro's city and the generic words ("O'Hare", "Sky Harbor", "Harry Reid airport"),
the last word of a person's name ("Logan"), and "<metro> airport" for the metro's main airport (the
nearest "International" one named for the metro's city). NICKNAMES adds the common names the package
cannot give (source: each airport's own usage / its Wikipedia article's lead). Pure Python: no Django.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator

from search.parsing.text import normalise

METRO_RADIUS_KM = 50.0
GENERIC = frozenset(["international", "intl", "intcntl", "airport", "regional", "municipal", "field", "the", "county"])
# IATA codes that are everyday words: only "<code> airport" is an alias for them, never the bare code. "san" and
# "las" start Spanish names and articles ("san jacinto monument" is not San Diego's airport, "cerca de las ...").
WORD_CODES = frozenset(
    ["sat", "den", "aus", "sea", "ind", "mem", "bos", "phl", "cle", "man", "sun", "fat", "hot", "san", "las"]
)
# Airports with scheduled passenger service whose package name says neither "International" nor
# "Intercontinental" (source: each airport's Wikipedia article, "airlines and destinations").
SCHEDULED = frozenset(["LGA", "DAL", "HOU", "BUR", "LGB", "HPN", "DTW", "AZA", "TTN", "OGD", "PAE", "BLV", "USA"])
# Upper-case words that are not meant as codes even when written in capitals ("made in the USA").
CAPITAL_WORDS = frozenset(["USA", "NEW", "SEE", "LOT", "BED", "OSU", "MIC", "FAT", "PIE"])
# Words after a code that say it is the airport: "AUS terminal", "den arrivals".
AIRPORT_CONTEXT = ("terminal", "terminals", "arrivals", "departures", "airfield", "gate", "baggage claim")
NICKNAMES: dict[str, tuple[str, ...]] = {
    "SEA": ("sea tac", "seatac", "sea tac airport"),
    "OPF": ("opa locka airport", "opa locka executive airport", "opa locka executive"),  # "Miami-Opa Locka Executive"
    "IAH": ("bush airport", "bush intercontinental", "george bush intercontinental", "iah", "houston airport"),
    "HOU": ("hobby", "hobby airport", "william p hobby"),
    "ATL": ("hartsfield jackson", "hartsfield", "hartsfield jackson airport"),
    "LAS": ("mccarran", "mccarran airport", "harry reid"),
    "BOS": ("logan", "logan airport", "boston logan"),
    "DAL": ("love field",),
    "MDW": ("midway", "midway airport"),
    "ORD": ("ohare", "o hare", "ohare airport"),
    "DFW": ("dfw", "dfw airport", "dallas fort worth airport"),
    "MSP": ("msp", "msp airport", "minneapolis airport"),
    "SJC": ("mineta", "san jose airport"),
    "JFK": ("jfk", "kennedy airport", "jfk airport"),
    "LGA": ("laguardia", "la guardia"),
    "EWR": ("newark airport", "newark liberty"),
    "DTW": ("detroit metro airport", "detroit airport"),
    "CMH": ("john glenn", "port columbus", "columbus airport"),
    "MSY": ("louis armstrong airport", "new orleans airport"),
    "CLT": ("charlotte douglas", "charlotte airport"),
    "BNA": ("nashville airport",),
    "PDX": ("portland airport",),
    "SLC": ("salt lake airport", "salt lake city airport", "slc airport"),
    "MCI": ("kci", "kansas city airport"),
    "STL": ("lambert", "lambert airport", "st louis airport"),
    "IND": ("indianapolis airport", "indy airport"),
    "AUS": ("austin airport", "bergstrom"),
    "SAT": ("san antonio airport",),
    "PHX": ("sky harbor", "phoenix airport"),
    "MIA": ("miami airport",),
    "JAX": ("jacksonville airport",),
    "MEM": ("memphis airport",),
    "DEN": ("denver airport", "dia"),
    "PHL": ("philadelphia airport", "philly airport"),
    "SAN": ("lindbergh field", "san diego airport"),
    "LAX": ("lax", "los angeles airport"),
    "DET": ("detroit city airport", "city airport detroit"),
    "STP": ("st paul downtown airport", "holman field", "downtown st paul airport", "st paul airport"),
    "FLL": ("fort lauderdale airport", "fort lauderdale hollywood airport", "fort lauderdale international"),
    "BUR": ("hollywood burbank airport", "burbank airport", "burbank hollywood airport"),
    "TMB": ("kendall tamiami airport", "tamiami airport", "kendall tamiami executive airport"),
    "PDK": ("peachtree dekalb airport", "pdk", "pdk airport", "peachtree airport"),
    "EFD": ("ellington field", "ellington field airport"),
    "PAE": ("paine field", "paine field airport"),
    "NUQ": ("moffett field", "moffett airfield", "nasa ames"),
    "MKC": ("wheeler downtown airport", "kansas city downtown airport", "downtown airport kansas city"),
    "ILG": ("new castle county airport",),
}
# Former and everyday names the package's name does not give (source: each airport's Wikipedia article, its history
# section): the names an older client or a person of a certain age still types.
FORMER_NAMES: dict[str, tuple[str, ...]] = {
    "JFK": ("idlewild", "idlewild airport"), "ORD": ("orchard field", "orchard place airport"),
    "LAX": ("mines field",), "MDW": ("chicago municipal airport",), "BNA": ("berry field",),
    "IND": ("weir cook", "weir cook airport", "weir cook municipal airport"),
    "CLT": ("douglas municipal airport", "morris field"), "ATL": ("candler field",),
    "MSY": ("moisant field", "moisant airport", "moisant international"),
    "MSP": ("wold chamberlain", "wold chamberlain field"), "BUR": ("lockheed air terminal", "bob hope airport"),
    "HOU": ("houston municipal airport",), "MEM": ("memphis municipal airport",),
    "NEW": ("shushan airport", "new orleans lakefront airport", "lakefront airport new orleans"),
    "RBD": ("redbird airport", "redbird field"), "BJC": ("jeffco airport", "jefferson county airport"),
    "APA": ("arapahoe county airport",), "FTY": ("fulton county airport", "charlie brown field"),
    "MYF": ("montgomery field",), "TOA": ("torrance airport", "torrance municipal airport"),
    "EMT": ("el monte airport",), "USA": ("concord regional airport",),
    "OSU": ("don scott field", "don scott airport"), "SSF": ("stinson field", "stinson airport"),
}  # fmt: skip
# Reference points of airports whose package coordinates are rounded to 0.1 degree (up to ~8 km off): each
# airport's Wikipedia infobox (FAA reference point), rounded to 4 decimals. An airport whose package point is that
# coarse and that is not listed here is left out: a wrong point is worse than none.
AIRPORT_POINTS = {
    "MYF": (32.8158, -117.1392), "PAE": (47.9063, -122.2816), "FXE": (26.1973, -80.1707), "OPF": (25.9070, -80.2784),
    "TMB": (25.6479, -80.4328), "RBD": (32.6809, -96.8682), "FTY": (33.7791, -84.5214), "EDC": (30.3975, -97.5664),
    "HSH": (35.9728, -115.1344), "CRG": (30.3363, -81.5144), "NZY": (32.6992, -117.2153), "YIP": (42.2379, -83.5304),
    "FCM": (44.8272, -93.4571), "OJC": (38.8476, -94.7376), "PWK": (42.1142, -87.9015), "HWD": (37.6589, -122.1217),
    "EQY": (35.0178, -80.6202), "GTU": (30.6788, -97.6794), "LVN": (44.6279, -93.2281), "LXT": (38.9597, -94.3715),
    "SET": (38.9297, -90.4300), "TYQ": (40.0306, -86.2514), "UAO": (45.2474, -122.7700),
}  # fmt: skip


# The abbreviations of military airfields in the package's names, and what people also write for them.
MILITARY = {"afb": "air force base", "arb": "air reserve base", "ars": "air reserve station",
            "nas": "naval air station", "jrb": "joint reserve base", "mcas": "marine corps air station"}  # fmt: skip


def military_names(name: str, core: str) -> list[str]:
    """What people call a base's airfield, from the package's name and its `core` (the name without its city and
    generic words): "Nellis Afb Airport" is also "nellis afb" and "nellis air force base"; "Miramar Mcas (Joe Foss
    Field)" is also "mcas miramar" and "marine corps air station miramar"; "New Orleans Nas Jrb" is "nas jrb new
    orleans"; a Space Force base (Air Force bases until 2021) is also its "sfb", "afb" and "air force base". [] for a
    civil airport."""
    in_core = [w for w in core.split() if w in MILITARY]
    names = [core, core.replace(in_core[0], MILITARY[in_core[0]])] if in_core else []
    words = normalise(name.split("(")[0]).split()
    words = [w for w in words if w != "airport"]
    text = " ".join(words)
    if "space force base" in text:
        place = text.replace("space force base", "").strip()
        kinds = ("space force base", "sfb", "afb", "air force base")
        return names + ([f"{place} {kind}" for kind in kinds] if place else [])
    marks = [w for w in words if w in MILITARY]
    place = " ".join(w for w in words if w not in MILITARY)
    if not marks or not place:
        return names
    short, long = " ".join(marks), " ".join(MILITARY[m] for m in marks)
    return [*names, f"{short} {place}", f"{long} {place}", f"{place} {short}", f"{place} {long}"]


def _point(row: dict) -> tuple[float, float] | None:
    """The airport's point: the package's, or AIRPORT_POINTS' when the package's is rounded to 0.1 degree (None if
    it is and no better point is known)."""
    lat, lon = float(row["lat"]), float(row["lon"])
    code = row.get("iata") or row.get("lid") or ""
    if code in AIRPORT_POINTS:
        return AIRPORT_POINTS[code]
    coarse = all(abs(v * 10 - round(v * 10)) < 1e-9 for v in (lat, lon))
    return None if coarse else (lat, lon)


# Words of an airport's name people leave out when they name it in full ("King County Airport").
QUALIFIERS = frozenset(["international", "intl", "municipal", "regional", "memorial"])
HEADS = frozenset(["airport", "field", "airfield", "airpark"])


def scheduled(row: dict) -> bool:
    """Has scheduled passenger service: an International/Intercontinental/National airport, or one of SCHEDULED."""
    name = row["name"].lower()
    return any(w in name for w in ("international", "intercontinental", "national airport", "ntl airport")) or (
        row["iata"] in SCHEDULED
    )


_CAPS = re.compile(r"(?<![\w&'])([A-Z]{3})(?![\w&'])")


# Words after which a code is a place to go to, the airport ("near ATL", "flying into PDX"); not "in"/"en": "in
# SLC" is in the city.
_BEFORE_AN_AIRPORT = frozenset(
    ["near", "at", "by", "to", "from", "into", "the", "around", "closest", "nearest", "next", "beside", "outside",
     "inside", "cerca", "de", "del", "al", "a", "el"]
)  # fmt: skip


def mark_codes(text: str, codes: frozenset[str], city_codes: frozenset[str] = frozenset()) -> str:
    """An IATA code written in capitals ("near BOS", "at the ATL airport", "SAT") reads as its airport: it is
    rewritten "bos airport" (an alias of every airport), unless the word after it already says airport. A query
    written all in capitals is left alone (its capitals say nothing), and so are CAPITAL_WORDS ("USA"). A code that
    is also its city's nickname (`city_codes`: SLC, ATL, PDX) followed by other words is the city: "the SLC main
    library", "ATL botanical garden", "in SLC" (but "near ATL", "PDX terminal" are the airports)."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) > 0.8 * len(letters):
        return text

    def swap(match: re.Match) -> str:
        code = match.group(1)
        if code not in codes or code in CAPITAL_WORDS:
            return code
        after = text[match.end() :].lstrip().lower()
        if after.startswith(("airport", "intl", "international")):
            return code.lower()
        following = re.match(r"[^a-z]*([a-z]+)", after)
        before = re.findall(r"[a-z]+", text[: match.start()].lower())[-1:]
        if code in city_codes and (
            (following is not None and following.group(1) not in AIRPORT_CONTEXT)
            or (before and before[0] not in _BEFORE_AN_AIRPORT)  # "cathedral of the madeleine SLC", "in SLC"
        ):
            return code
        return f"{code.lower()} airport"

    return _CAPS.sub(swap, text)


NOT_SURNAMES = frozenset(["downtown", "executive", "metro", "city", "state", "university", "valley", "air", "army"])


def full_names(name: str, cities: set[str], is_town: Callable[[str], bool] = lambda words: False) -> list[str]:
    """The full names people write for an airport whose package name joins several ("Boeing Field/King County
    International Airport" -> "boeing field", "king county international airport", "king county airport"; "Long
    Beach (Daugherty Field) Airport" -> "daugherty field"), without initials ("Coleman A Young Municipal Airport" ->
    "coleman young municipal airport", "coleman young airport"), and by its last word before the head when it is a
    person's name ("Laurence G Hanscom Field" -> "hanscom field", "St Paul Downtown Holman Field"). A part that is
    only a city ("Gary/Chicago International Airport": "chicago international airport") is not a name of it."""
    # the name, its joined parts, the name without its parenthesised part ("Long Beach Airport")
    parts = [name, *re.split(r"[/()]", name), re.sub(r"\([^)]*\)", " ", name)]
    # "<X> of <Y> Airport" is also "<X> Airport" ("Reid-Hillview of Santa Clara County Airport")
    parts += [f"{m.group(1)} {m.group(2)}" for m in re.finditer(r"^(.+?) of .+ (airport|field)$", name, re.IGNORECASE)]
    # an owner's name before the airfield's is often left out ("Stark's Twin Oaks Airpark": "twin oaks airpark")
    parts += [m.group(1) for m in re.finditer(r"^\w+'s (\w+ .+)$", name) if len(m.group(1).split()) >= 2]
    city_words = {w for city in cities for w in city.split()}  # "West Memphis" is not "memphis airport"
    found: list[str] = []
    for part in parts:
        words = normalise(part).split()
        if len(words) < 2 or not HEADS.intersection(words):
            continue
        core = [w for w in words if w not in GENERIC and w not in QUALIFIERS]
        if not core or " ".join(core) in cities:
            continue
        for variant in (words, [w for w in words if len(w) > 1]):
            found.append(" ".join(variant))
            plain = [w for w in variant if w not in QUALIFIERS]
            if len(plain) >= 2:
                found.append(" ".join(plain))
            # "Montgomery-Gibbs Executive Airport" is "Montgomery-Gibbs Airport"; "Fort Lauderdale Executive" is not
            # "Fort Lauderdale Airport" (that is the town's main one)
            if "executive" in plain and plain[-1] in HEADS:
                before = [w for w in plain[: plain.index("executive")] if w not in GENERIC]
                if len(before) >= 2 and not is_town(" ".join(before)):
                    found.append(" ".join([*before, plain[-1]]))
        named = [w for w in core if len(w) > 1 and w not in HEADS]  # "airpark" is the head, no name
        # "Olive Branch/Taylor Field", "Gwinnett County/Briscoe Field": the joined town is "<town> airport"
        first = normalise(re.split(r"[/(]", name)[0]).split()
        if part == name and "/" in name and not HEADS.intersection(first):
            town = [w for w in first if w not in QUALIFIERS and w not in ("international", "intl")]
            if town and " ".join(town) not in cities:
                found.append(" ".join([*town, "airport"]))
        last = named[-1] if named else ""
        if (
            len(named) >= 2
            and words[-1] in HEADS
            and len(last) >= 4
            and last not in NOT_SURNAMES
            and last not in city_words
            and f"{last} county" not in " ".join(words)  # "Wayne County Airport" is not named for a Wayne
        ):
            found.append(f"{last} {words[-1]}")
    return found


def _core(name: str, city: str) -> str:
    """An airport's (normalised) name without its metro's city and generic words: "hobby", "scott afb midamerica"."""
    return " ".join(w for w in name.split() if w not in GENERIC and w not in city.split())


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def airports(
    metros: dict[str, tuple[str, float, float]], is_town: Callable[[str], bool]
) -> Iterator[tuple[str, str, list[str], float, float, str, bool, str]]:
    """(metro key, name, aliases, lat, lon, IATA code, scheduled service, FAA code where it differs, else "") for
    every IATA airport within a metro;
    metros: key -> (city, lat, lon).
    `is_town(words)` keeps a town's name ("fort worth" in "Dallas-Fort Worth") from becoming an airport's alias."""
    import airportsdata

    table = airportsdata.load("IATA")
    by_metro: dict[str, list[tuple[float, dict]]] = {}
    for row in table.values():
        if row["country"] != "US" or not row["iata"]:
            continue
        point = _point(row)
        if point is None:
            continue
        key, distance = min(((k, _km(point, (lat, lon))) for k, (_, lat, lon) in metros.items()), key=lambda t: t[1])
        if distance <= METRO_RADIUS_KM:
            by_metro.setdefault(key, []).append((distance, row))
    cities = {normalise(c) for c, _, _ in metros.values()}
    for key, rows in by_metro.items():
        city = normalise(metros[key][0])
        main = next(
            (r for _, r in sorted(rows, key=lambda t: t[0]) if "international" in r["name"].lower() and
             (city in normalise(r["name"]) or city in normalise(r["city"]))),
            None,
        )  # fmt: skip
        for _, row in rows:
            code = row["iata"].lower()
            name = normalise(row["name"].replace("/", " "))
            core = _core(name, city)
            aliases = [name, f"{code} airport", *NICKNAMES.get(row["iata"], ()), *FORMER_NAMES.get(row["iata"], ())]
            aliases += full_names(row["name"], cities, is_town)
            aliases += [f"{code} {word}" for word in AIRPORT_CONTEXT] + [f"{code} airport {w}" for w in AIRPORT_CONTEXT]
            # the bare code, lower case ("lax", "dtw"): airliners' airports only, never a word ("lot", "bed", "new")
            if code not in WORD_CODES and row["iata"] not in CAPITAL_WORDS and scheduled(row):
                aliases.append(code)
            if core and core != city:
                aliases += [f"{core} airport", f"{core} international"]
                # the bare core ("hobby", "lambert") only for airliners' airports: "downtown", "executive" are words
                if len(core) >= 5 and len(core.split()) <= 3 and not is_town(core) and scheduled(row):
                    aliases.append(core)
                if len(core.split()) >= 3:  # "Detroit Metropolitan Wayne County": "wayne county airport", not "wayne"
                    last = core.split()[-1]
                    county = f"{last} county" in name
                    aliases.append(f"{last} county airport" if county else f"{last} airport")
            # a core that says what field it is ("southern seaplane", "x skypark") names it without "airport"
            if core and len(core.split()) >= 2 and core.split()[-1] in AIRFIELD_WORDS and not is_town(core):
                aliases.append(core)
            aliases += military_names(row["name"], core)
            if "/" in row["name"]:  # "Scott Afb/Midamerica St Louis Airport": the base is also "scott afb"
                for part in row["name"].split("/"):
                    aliases += military_names(part, _core(normalise(part), city))
            if row is main:
                aliases += [f"{city} airport", f"{city} international airport", f"{city} international"]
            # the FAA's code where it is not the IATA one (South Jersey Regional: IATA LLY, FAA VAY), with "airport"
            lid = (row.get("lid") or "").lower()
            faa = lid.upper() if re.fullmatch(r"[a-z]{3}", lid) and lid != code else ""
            if faa:
                aliases += [f"{lid} airport", *(f"{lid} airport {w}" for w in AIRPORT_CONTEXT)]
            point = _point(row)
            yield key, row["name"], sorted(set(aliases)), *point, row["iata"], scheduled(row), faa  # type: ignore[misc]


# The last word of an airfield's name that says it is one: "Southern Seaplane" needs no "airport" after it.
AIRFIELD_WORDS = frozenset(["seaplane", "heliport", "airpark", "airfield", "airstrip", "gliderport", "skypark"])
_PUBLIC_ICAO = re.compile(r"K[A-Z0-9]{3}")


def airfields_without_iata(
    metros: dict[str, tuple[str, float, float]], is_town: Callable[[str], bool] = lambda words: False
) -> Iterator[tuple[str, str, list[str], float, float, str]]:
    """(metro key, name, aliases, lat, lon, FAA code) of the public airfields of the metros that have no IATA code
    (the package's ICAO table: a "K" code, as every public-use US airport has; "John C Tune Airport", KJWN): named in
    full (no bare word), as people name them, or by the FAA's three-letter code pilots write ("HFY")."""
    import airportsdata

    cities = {normalise(c) for c, _, _ in metros.values()}
    for row in airportsdata.load("ICAO").values():
        if row["country"] != "US" or row["iata"] or not _PUBLIC_ICAO.fullmatch(row["icao"]):
            continue
        point = _point(row)
        if point is None:
            continue
        key, distance = min(((k, _km(point, (lat, lon))) for k, (_, lat, lon) in metros.items()), key=lambda t: t[1])
        if distance > METRO_RADIUS_KM:
            continue
        names = [normalise(row["name"]), *full_names(row["name"], cities, is_town)]
        names = [n for n in dict.fromkeys(names) if len(n.split()) >= 2 and HEADS.intersection(n.split())]
        if names:
            yield key, row["name"], names, *point, row.get("lid") or row["icao"][1:]
