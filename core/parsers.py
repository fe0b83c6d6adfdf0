"""The platform's JSON parser: DRF's, plus a refusal of NUL characters.

PostgreSQL cannot store U+0000 in text or jsonb, so a NUL anywhere in a request (a metadata value,
a dict key) would otherwise fail deep in the database as a 500. It is refused up front with a 400
that says so. The scan of the parsed data only runs when the raw body can contain a NUL at all.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

_NUL_MESSAGE = "JSON strings must not contain NUL characters (\\u0000): remove them and send the request again."


def _contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(item) for item in value)
    return False


class PlatformJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict | None = None) -> Any:
        raw = stream.read() if stream is not None else b""
        data = super().parse(BytesIO(raw), media_type, parser_context)
        if (b"\\u0000" in raw or b"\x00" in raw) and _contains_nul(data):
            raise ParseError(_NUL_MESSAGE)
        return data
