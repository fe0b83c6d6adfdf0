"""Text helpers shared by the query parser and the gazetteer: normalisation, tokens, numbers.

Pure Python: no Django. Everything here works on lower-cased, punctuation-light text so that
"Hershey's", "HERSHEYS" and "hersheys" compare equal, and "Coca-Cola" equals "coca cola".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"'})
_TOKEN = re.compile(r"[a-z0-9&]+")

# "40.7506, -73.9935", "40.7506 -73.9935", "(40.75,-73.99)", "lat 40.75 lon -73.99"
COORDINATES = re.compile(
    r"(?i)(?:lat(?:itude|itud)?\s*[:=]?\s*)?(?P<lat>[-+]?\d{1,2}\.\d{2,})\s*°?\s*(?P<ns>[NS]\b)?\s*[,;/ ]\s*"
    r"(?:(?:long?(?:itude|itud)?|lng)\b)?\s*[:=]?\s*(?P<lon>[-+]?\d{1,3}\.\d{2,})\s*°?\s*(?P<ew>[EW]\b)?"
)  # 40.75,-73.99 · 40.7527° N, 73.9772° W · lat 32.7157 long -117.1611 · latitude: 40.7 longitude: -74.0 · latitud
# Degrees and minutes, seconds optional, minutes possibly decimal, the hemisphere after or before each half:
# 40°45'N 111°53'W · 40°45'30"N, 111°53'10"W · 40°45.5'N 111°53.2'W · N 40°45' W 111°53'
_DM = (
    r"(?P<{0}d>\d{{1,3}})\s*°\s*(?P<{0}m>\d{{1,2}}(?:\.\d+)?)\s*['′’]\s*"
    r"(?:(?P<{0}s>\d{{1,2}}(?:\.\d+)?)\s*(?:[\"″”]|'')\s*)?"
)
DEGREES_MINUTES = re.compile(
    r"(?i)(?:(?<![a-z])(?P<ns1>[NS])\s*)?" + _DM.format("a") + r"(?P<ns>[NS])?\s*[,;/ ]?\s*"
    r"(?:(?P<ew1>[EW])\s*)?" + _DM.format("o") + r"(?P<ew>[EW])?(?![a-z])"
)
# Degrees, minutes and seconds written with spaces only, the hemisphere after each half (as GPS apps copy them):
# 40 45 10 N 73 59 0 W · 40 45 N, 73 59 W
DMS_SPACED = re.compile(
    r"(?i)(?<![\d.])(?P<ad>\d{1,2})\s+(?P<am>\d{1,2}(?:\.\d+)?)(?:\s+(?P<as>\d{1,2}(?:\.\d+)?))?\s*(?P<ns>[NS])"
    r"\s*[,;/]?\s*(?P<od>\d{1,3})\s+(?P<om>\d{1,2}(?:\.\d+)?)(?:\s+(?P<os>\d{1,2}(?:\.\d+)?))?\s*(?P<ew>[EW])(?![a-z])"
)
# Decimal commas (Spanish, European): "40,7527 -73,9772", "latitud 40,7527; longitud -73,9772": a pair of them only,
# three decimals or more, so that "40,000 seats" stays a number
DECIMAL_COMMAS = re.compile(
    r"(?i)(?<![\d.,])(?P<lat>[-+]?\d{1,2}),(?P<latf>\d{3,})(?P<between>\s*°?\s*(?:[NS]\b)?\s*(?:[;/]|,\s*|\s+)\s*"
    r"(?:(?:long?(?:itude|itud)?|lng)\b\s*[:=]?\s*)?)(?P<lon>[-+]?\d{1,3}),(?P<lonf>\d{3,})(?![\d,])"
)
# Hemisphere letters before decimal degrees: "N 40.75 W 111.88", "N40.7608, W111.8910"
HEMISPHERE_FIRST = re.compile(
    r"(?i)(?<![a-z])(?P<ns>[NS])\s*(?P<lat>\d{1,2}\.\d+)\s*°?\s*[,;/ ]?\s*(?P<ew>[EW])\s*(?P<lon>\d{1,3}\.\d+)\s*°?"
)
_COUNT = re.compile(
    r"\b(?:(?:top|closest|nearest|first|show(?: me)?|find(?: me)?|list|give me)\s+(?P<a>\d{1,3}|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|twenty)\b"
    r"|(?P<b>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+"
    r"(?:closest|nearest|machines|vending machines|places|options|results|spots))"
)
_RADIUS = re.compile(
    r"\bwithin\s+(?:a\s+|an\s+)?(?P<n>\d+(?:\.\d+)?|a|an|one|two|three|five|ten|half(?: a)?)?\s*"
    r"(?P<unit>km|kms|kilometers?|kilometres?|mi|miles?|blocks?|meters?|metres?|m)\b"
)
_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "twenty": 20, "half": 0.5, "half a": 0.5,
}  # fmt: skip
# Words that carry no product meaning in a description ("something with lots of caffeine").
FILLER_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "with",
        "of",
        "for",
        "to",
        "some",
        "something",
        "lots",
        "lot",
        "bit",
        "little",
        "very",
        "really",
        "i",
        "my",
        "me",
    ]
)
KM_PER_MILE = 1.609344
KM_PER_BLOCK = 0.08  # a Manhattan street block, the usual meaning of "within 5 blocks"


def normalise(text: str) -> str:
    """Lower case, ASCII, straight apostrophes removed, hyphens/punctuation to spaces, one space."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"(?<=\w)'(?=\w)", "", text)  # hershey's -> hersheys, what's -> whats
    text = text.replace("+", " and ")
    text = re.sub(r"\bw/\s*(?=[a-z])", "with ", text)  # "closest machine w/ gum", "coke w/ice"
    text = re.sub(r"\b(?!(?:w|c|b|a)\s*/|n/a\b)([a-z]+)\s*/\s*(?=[a-z0-9])", r"\1 & ", text)  # "mercer st/queen anne
    # ave n/denny way": corners (not "w/ ice", "c/o", "n/a")
    return " ".join(_TOKEN.findall(text))


def singular(word: str) -> str:
    """A deliberately simple singular: enough to make plurals of product words and names meet."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is")) or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ie") and len(word) > 4:  # "cookie" and "cookies" (-> "cooky") must meet
        return word[:-2] + "y"
    if word.endswith(("ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    return normalise(text).split()


def key(text: str) -> str:
    """The comparison key of a phrase: normalised, each word singular."""
    return " ".join(singular(w) for w in tokens(text))


@dataclass(frozen=True)
class Extracted:
    text: str  # the query with the extracted pieces cut out
    coordinates: tuple[float, float] | None = None
    limit: int | None = None
    radius_km: float | None = None


def _number(word: str | None) -> float | None:
    if word is None:
        return None
    if word in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[word])
    try:
        return float(word)
    except ValueError:
        return None


def _degrees_minutes(match: re.Match) -> tuple[float, float] | None:
    values = []
    for half in ("a", "o"):
        degrees, minutes, seconds = float(match[half + "d"]), float(match[half + "m"]), float(match[half + "s"] or 0)
        if minutes >= 60 or seconds >= 60:
            return None
        values.append(degrees + minutes / 60 + seconds / 3600)
    lat, lon = values
    groups = match.groupdict()
    ns, ew = (groups["ns"] or groups.get("ns1") or "").upper(), (groups["ew"] or groups.get("ew1") or "").upper()
    return (-lat if ns == "S" else lat), (-lon if ew == "W" else lon)


def extract_numbers(text: str) -> Extracted:
    """Cut explicit coordinates, a result count ("top 3") and a radius ("within 2 km") out of `text`."""
    coordinates = None
    text = DECIMAL_COMMAS.sub(lambda m: f"{m['lat']}.{m['latf']}{m['between']}{m['lon']}.{m['lonf']}", text)
    for pattern in (DEGREES_MINUTES, DMS_SPACED, HEMISPHERE_FIRST):
        match = pattern.search(text)
        if match is None:
            continue
        if pattern is not HEMISPHERE_FIRST:
            point = _degrees_minutes(match)
        else:
            lat, lon = float(match["lat"]), float(match["lon"])
            point = (-lat if match["ns"].upper() == "S" else lat), (-lon if match["ew"].upper() == "W" else lon)
        if point is not None and -90 <= point[0] <= 90 and -180 <= point[1] <= 180:
            coordinates = (round(point[0], 6), round(point[1], 6))
            text = text[: match.start()] + " " + text[match.end() :]
            break
    for match in () if coordinates else COORDINATES.finditer(text):
        lat, lon = float(match["lat"]), float(match["lon"])
        if (match["ns"] or "").upper() == "S":
            lat = -abs(lat)
        if (match["ew"] or "").upper() == "W":
            lon = -abs(lon)
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            coordinates = (lat, lon)
            text = text[: match.start()] + " " + text[match.end() :]
            break
    lowered = text.lower()
    radius_km = None
    match = _RADIUS.search(lowered)
    if match:
        amount = _number(match["n"]) if match["n"] else 1.0
        unit = match["unit"]
        if amount is not None and amount > 0:
            if unit.startswith(("mi",)):
                radius_km = amount * KM_PER_MILE
            elif unit.startswith("block"):
                radius_km = amount * KM_PER_BLOCK
            elif unit.startswith(("k",)):
                radius_km = amount
            else:
                radius_km = amount / 1000
            lowered = lowered[: match.start()] + " " + lowered[match.end() :]
    limit = None
    match = _COUNT.search(lowered)
    if match:
        value = _number(match["a"] or match["b"])
        if value is not None and value >= 1:
            limit = int(value)
            # keep the words around the number ("closest", "machines"): they are stop words anyway
            lowered = (
                lowered[: match.start()]
                + " "
                + match.group(0).replace(match["a"] or match["b"], " ")
                + " "
                + (lowered[match.end() :])
            )
    return Extracted(text=lowered, coordinates=coordinates, limit=limit, radius_km=radius_km)
