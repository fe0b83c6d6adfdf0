"""The platform's JSON parser: the one place every request body is decoded, hostile or not.

Every DRF endpoint (the public click ones included) parses its body here, so the refusals below
cover the whole API with a 400 instead of a 500 deep in Python or Postgres:

- **Depth.** Bodies nested deeper than `MAX_DEPTH` (64) are refused before `json.loads` runs, so
  neither the decoder nor any recursive code after it can hit a `RecursionError`. The depth is
  measured on the raw bytes (strings blanked by one regex, then a numpy running sum over the
  brackets), which stays cheap for a 50,000-chunk bulk upsert.
- **Unpaired surrogates** (`"\\udc00"`): Python decodes them, Postgres cannot store them. The 400
  names the field (`errors` is keyed by its path, e.g. `metadata.tag` or `chunks.3.text`).
- **NUL** (`\\u0000`): Postgres cannot store it in text or jsonb.
- **NaN / Infinity / -Infinity** literals (not JSON) and integers of more than 4,300 digits
  (Python's limit). Merely large numbers (`1e999`, `2**64`) parse, and the serializers answer them
  per field (422/400 naming it), which keeps each endpoint's contract.
- **Invalid UTF-8** and any other malformed JSON: DRF's `ParseError` (400).

Decoding is `orjson` (~8× faster than `json` on a 384-number vector, which is most of a vectordb
query body) with the standard library as the reference: anything orjson refuses (NaN, 1e999, big
integers, lone surrogates, ...) and any body with a run of 19+ digits that is not a fraction's
(orjson would turn an integer past 64 bits into a float; the digits after a decimal point it reads
to the same float as `json`, checked on 300,000 random long mantissas) is decoded by `json.loads`
exactly as before, so every answer above is unchanged. (The guard used to catch any 19-digit run,
which sent every vectordb query body to `json.loads`: `0.0012345678901234567` is one.)

The surrogate and NUL scans walk the parsed data (iteratively) only when the raw body contains the
escape that can produce them at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import orjson
from django.conf import settings
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 64

_NUL_MESSAGE = "JSON strings must not contain NUL characters (\\u0000): remove them and send the request again."
_SURROGATE_MESSAGE = "This text contains an unpaired UTF-16 surrogate (\\ud800-\\udfff), which is not valid Unicode."
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
SURROGATE = re.compile("[\ud800-\udfff]")
_BRACKETS = bytes(range(256)).translate(None, b"[]{}")
# Every ASCII digit -> "0", "." stays, anything else -> " ": an integer (or exponent) of 19+ digits
# is then " " + 19 "0"s, found by one C-level scan; a fraction's digits follow a ".", never a " ".
_DIGIT_MAP = bytes(ord("0") if 48 <= b <= 57 else (b if b == ord(".") else ord(" ")) for b in range(256))
_LONG_INTEGER = b" " + b"0" * 19


def json_depth(raw: bytes) -> int:
    """The deepest nesting of arrays and objects in a JSON text (brackets inside strings ignored)."""
    brackets = _STRING.sub(b'""', raw).translate(None, _BRACKETS)
    if not brackets:
        return 0
    codes = np.frombuffer(brackets, dtype=np.uint8)
    steps = np.where((codes == ord("[")) | (codes == ord("{")), 1, -1)
    return int(np.cumsum(steps).max())


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON: send numbers as finite decimal literals.")


def find_bad_string(data: Any, is_bad: Callable[[str], bool]) -> str | None:
    """The path (`a.b.0.c`) of the first key or string that `is_bad`, walked without recursion."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if is_bad(value):
                return _printable(path) or "non_field_errors"
        elif isinstance(value, dict):
            for key, item in value.items():
                child = f"{path}.{key}" if path else str(key)
                if is_bad(key):
                    return _printable(child)
                stack.append((child, item))
        elif isinstance(value, list):
            stack.extend((f"{path}.{i}" if path else str(i), item) for i, item in enumerate(value))
    return None


def _printable(path: str) -> str:
    """A field path safe to echo back in JSON (surrogates and NULs escaped)."""
    return path.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace").replace("\x00", "\\u0000")


_SLOW = object()


def _long_integer(raw: bytes) -> bool:
    """Whether `raw` may hold an integer literal of 19+ digits (a run of 19 digits that does not
    follow a decimal point; digits inside strings count too, which only costs speed). ~5 us for an
    8 KB query body, where a regex scan took ~80 us and json.loads of the whole body ~45 us."""
    return _LONG_INTEGER in b" " + raw.translate(_DIGIT_MAP)


def _fast_loads(text: str, raw: bytes | None = None) -> Any:
    """orjson's reading of `text` (whose UTF-8 bytes are `raw`, if at hand), or `_SLOW` where it
    could differ from `json.loads` (see above)."""
    if _long_integer(raw if raw is not None else text.encode("utf-8", "surrogatepass")):
        return _SLOW
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return _SLOW


def loads(text: str | bytes) -> Any:
    """`json.loads(text)`, through orjson wherever the two cannot differ (~5x faster): for JSON the
    platform reads back from its own database (metadata columns), not for request bodies."""
    raw = text if isinstance(text, bytes) else None
    if raw is not None:
        text = raw.decode()
    data = _fast_loads(text, raw)
    return json.loads(text) if data is _SLOW else data


class PlatformJSONParser(JSONParser):
    """`strict = False` (a subclass) lets NaN/Infinity literals through, for an endpoint whose
    contract answers them with a 422 naming the field."""

    strict = True
    #: False: NULs and lone surrogates pass through, for an endpoint whose serializers answer them
    #: with a 422 naming the field (the click endpoints' contract); depth and number checks stay.
    check_strings = True

    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict | None = None) -> Any:
        raw = stream.read() if stream is not None else b""
        if not raw.strip():
            raise ParseError("The request body is empty: send a JSON document.")
        depth = json_depth(raw)
        if depth > MAX_DEPTH:
            raise ParseError(f"JSON nested {depth} levels deep; at most {MAX_DEPTH} levels are accepted.")
        try:
            text = raw.decode(settings.DEFAULT_CHARSET)
        except UnicodeDecodeError as exc:
            raise ParseError(f"The request body is not valid UTF-8 (byte {exc.start}).") from None
        data = _fast_loads(text, raw)
        if data is _SLOW:
            try:
                data = json.loads(
                    text,
                    parse_constant=_refuse_constant if self.strict else None,
                )
            except (ValueError, RecursionError) as exc:
                raise ParseError(f"JSON parse error - {exc}") from None
        if self.check_strings and (b"\\u0000" in raw or b"\x00" in raw):
            path = find_bad_string(data, lambda s: "\x00" in s)
            if path is not None:
                raise ValidationError({path: [_NUL_MESSAGE]}, code="invalid_unicode")
        if self.check_strings and _SURROGATE_ESCAPE.search(raw):
            path = find_bad_string(data, lambda s: SURROGATE.search(s) is not None)
            if path is not None:
                raise ValidationError({_printable(path): [_SURROGATE_MESSAGE]}, code="invalid_unicode")
        return data
