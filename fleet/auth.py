"""Staff sessions for the unchanged Vendomo web client, which sends no CSRF token and no API key.

A session write is accepted when the browser's `Origin` (or, without one, `Referer`) is the
platform's own origin or one listed in `CORS_ALLOWED_ORIGINS` / `DJANGO_CSRF_TRUSTED_ORIGINS`. A
browser always sets `Origin` on a POST and a page cannot forge it, so this stands in for the token;
the session cookie is `SameSite=Lax`, so another site cannot make the browser send it on a POST at
all. A request with neither header falls back to Django's token check. See fleet/README.md.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from drf_spectacular.authentication import SessionScheme
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def trusted_origins(request: Request) -> set[str]:
    own = f"{request.scheme}://{request.get_host()}".lower()
    listed = [*getattr(settings, "CORS_ALLOWED_ORIGINS", []), *getattr(settings, "CSRF_TRUSTED_ORIGINS", [])]
    return {own, *(o.rstrip("/").lower() for o in listed if "*" not in o)}


class OriginCheckedSessionAuthentication(SessionAuthentication):
    def enforce_csrf(self, request: Request) -> None:
        origin = request.headers.get("Origin")
        if origin in (None, "null"):
            origin = _origin_of(request.headers.get("Referer", "")) or None
        if origin is None:
            return super().enforce_csrf(request)
        if origin.rstrip("/").lower() not in trusted_origins(request):
            raise exceptions.PermissionDenied(
                f"CSRF Failed: origin {origin} is not trusted (add it to CORS_ALLOWED_ORIGINS to allow it)."
            )


class OriginCheckedSessionScheme(SessionScheme):
    """The OpenAPI security scheme: the same session cookie as Django's."""

    target_class = OriginCheckedSessionAuthentication
    name = "staffSessionFromTrustedOrigin"
