"""The query endpoint's lean path: an API-key query answered without DRF's request machinery.

`LibraryQueryApi.dispatch` tries `query_response` first. It runs the same pieces the DRF view runs
(the `X-API-KEY` check `accounts.selectors.api_key_get_active`, the platform's JSON parser, the
query body's validation `query_body`/`hit_fields`, the query's checks) and renders with DRF's
`JSONRenderer`, so a 200 is byte for byte what the view would send, with the same headers; the
query itself is `vectordb.hot_query` (one SELECT). It answers only the plain case: a POST with an
API key that is valid, a JSON body of an embedding query that validates, and a library this process
already knows that belongs to the key's project. Anything else (no key or a refused one, a session,
a body or value that is refused, a text query, content negotiation beyond JSON, another tenant's or
a missing library, a library not yet queried here, writes racing the search) returns None and the
DRF view answers exactly as it always has: its 401/403/404/415/422 bodies and status codes are the
only ones ever sent. The view has no throttles; if it gets some, this path steps aside.

Measured in-process on the query request (`README`, "Over HTTP"): DRF's Request, authentication,
permissions, negotiation, finalize and render cost ~0.4 ms of the ~2.5 ms; this path ~0.1 ms.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from rest_framework.renderers import JSONRenderer

from accounts.authentication import HEADER, ApiKeyPrincipal
from accounts.selectors import api_key_get_active
from core.parsers import PlatformJSONParser
from vectordb.apis.serializers import query_body, query_options, query_payload
from vectordb.hot_query import library_query_hot
from vectordb.public_ids import parse

_META_KEY = "HTTP_" + HEADER.upper().replace("-", "_")
#: Accept headers for which DRF's negotiation picks the JSON renderer without parameters.
_PLAIN_ACCEPT = frozenset({"", "*/*", "application/json", "application/*"})
_parser = PlatformJSONParser()
_renderer = JSONRenderer()


def _plain_request(request: HttpRequest) -> bool:
    meta = request.META
    if request.method != "POST" or meta.get("CONTENT_TYPE", "").split(";")[0].strip() != "application/json":
        return False
    if meta.get("HTTP_ACCEPT", "").strip() not in _PLAIN_ACCEPT:
        return False
    try:
        return int(meta.get("CONTENT_LENGTH") or 0) > 0
    except ValueError:
        return False


def query_response(view: Any, request: HttpRequest, library_id: Any) -> HttpResponse | None:
    """The response to a plain API-key query, or None: the DRF view must answer (module docstring)."""
    if not settings.VECTORDB_LEAN_QUERY or view.throttle_classes or not _plain_request(request):
        return None
    raw_key = (request.META.get(_META_KEY) or "").strip()
    library_uuid = parse(library_id)
    if not raw_key or library_uuid is None:
        return None
    try:
        api_key = api_key_get_active(raw_key=raw_key)
        if api_key is None:
            return None
        body = _parser.parse(io.BytesIO(request.body))
        if not isinstance(body, dict) or body.get("embedding") is None:
            return None
        data = query_body(body)
        explain, fields = query_options(data)
        if data.pop("text", None) is not None:
            return None
        answer = library_query_hot(library_uuid=library_uuid, project_id=api_key.project_id, fields=fields, **data)
    except Exception:  # refused (422, 400) or failed (503): the DRF view answers it, with its own body
        return None
    if answer is None:
        return None
    payload = query_payload(answer.hits, answer.plan, fields, explain=explain)
    request.user, request.auth = ApiKeyPrincipal(api_key), api_key  # as DRF's authentication sets them
    response = HttpResponse(_renderer.render(payload), content_type=_renderer.media_type)
    for name, value in view.default_response_headers.items():
        response[name] = value
    return response
