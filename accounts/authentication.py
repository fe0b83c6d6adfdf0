"""`X-API-KEY` authentication for client programs."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request

from accounts.models import ApiKey
from accounts.selectors import api_key_get_active

HEADER = "X-API-KEY"


class ApiKeyPrincipal:
    """`request.user` for a request made with a project API key: authenticated, never staff,
    and scoped to the key's project (`request.auth` is the `ApiKey`)."""

    is_authenticated = True
    is_anonymous = False
    is_staff = False
    is_superuser = False
    is_active = True
    pk = id = None

    def __init__(self, api_key: ApiKey) -> None:
        self.api_key = api_key
        self.project_id = api_key.project_id

    def __str__(self) -> str:
        return f"api-key:{self.api_key.prefix}"

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return False


class ApiKeyAuthentication(BaseAuthentication):
    """No header: not this authenticator (→ 401 if the view needs a caller).
    Unknown, revoked or expired key: 403, a key was given and is refused."""

    def authenticate(self, request: Request) -> tuple[ApiKeyPrincipal, ApiKey] | None:
        raw = request.headers.get(HEADER)
        if raw is None:
            return None
        raw = raw.strip()
        if not raw:
            raise exceptions.PermissionDenied("The X-API-KEY header is empty.")
        api_key = api_key_get_active(raw_key=raw)
        if api_key is None:
            raise exceptions.PermissionDenied("This API key is unknown, revoked or expired.")
        return ApiKeyPrincipal(api_key), api_key

    def authenticate_header(self, request: Request) -> str:
        return HEADER


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ApiKeyAuthentication"
    name = "ApiKeyAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": HEADER}
