"""Pages and the JSON 404/500 handlers."""

import sys

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views import defaults

from core.exceptions import RETRY_AFTER_SECONDS, dependency_down, dependency_down_payload

API_PREFIXES = ("/api/", "/query/", "/ws/")


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIXES) or "application/json" in request.headers.get("Accept", "")


def landing(request: HttpRequest) -> HttpResponse:
    links = []
    for label, url_name, description in settings.PLATFORM_LINKS:
        try:
            links.append({"label": label, "url": reverse(url_name), "description": description})
        except NoReverseMatch:
            continue  # that app has not shipped its page yet
    return render(request, "core/landing.html", {"links": links})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(
            # FastAPI's body for an unknown path, which the Vendomo client was written against
            # (../shared/vendomo-contract/unknown-routes.json), with the platform's `code`.
            {"detail": "Not Found", "code": "not_found"},
            status=404,
        )
    return defaults.page_not_found(request, exception)


def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """The last URL pattern for API prefixes: the JSON 404 under DEBUG too (Django's debug 404 page
    bypasses `handler404`). Keeps APPEND_SLASH's redirect for paths that exist with a slash."""
    from django.http import HttpResponsePermanentRedirect
    from django.urls import Resolver404, resolve

    if settings.APPEND_SLASH and not request.path.endswith("/") and request.method in ("GET", "HEAD"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not api_not_found:
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    return not_found(request)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this inside its `except`, so the exception is at hand: an unreachable Postgres
    # or Redis (in a middleware, a session read, a non-DRF view) is a 503 with Retry-After, not a 500.
    down = dependency_down(sys.exc_info()[1])
    if down is not None:
        response = JsonResponse(dependency_down_payload(down), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if _wants_json(request):
        return JsonResponse(
            {"detail": "Internal error; it has been logged. Try again or contact the operators.", "code": "error"},
            status=500,
        )
    return defaults.server_error(request)
