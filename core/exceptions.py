"""One JSON error shape for the whole API.

    {"detail": "<what is wrong, and how to fix it>", "code": "<machine code>", "errors": {field: [msg]}}

`errors` is present for validation errors only. Apps raise DRF exceptions (or `Unprocessable` for
422) and this handler shapes them; anything unhandled becomes a JSON 500 via `core.views`.
An unreachable dependency (Postgres, Redis) is not a bug: anywhere in a request it becomes a 503 with
`Retry-After` and `"unavailable": "database"|"redis"` (here for DRF views, in
`core.views.server_error` for everything else).
"""

from __future__ import annotations

from typing import Any

import redis.exceptions
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, InterfaceError, OperationalError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class Unprocessable(exceptions.ValidationError):
    """The request is well-formed JSON but its values cannot be used (HTTP 422)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "The request could not be processed."
    default_code = "unprocessable"


class ServiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "A dependency of this endpoint is unavailable; try again shortly."
    default_code = "service_unavailable"


#: Seconds a client should wait before retrying after a dependency outage (the `Retry-After` header).
RETRY_AFTER_SECONDS = 5


def dependency_down(exc: BaseException) -> str | None:
    """ "database" or "redis" when `exc` means that dependency is unreachable (not a bug), else None.

    Postgres: `OperationalError`/`InterfaceError` (refused, timed out, closed), and the pool's
    `PoolTimeout` (Django re-raises it as `OperationalError`). Redis: connection and timeout errors
    of redis-py, also when the cache backend wraps them.
    """
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OperationalError | InterfaceError):
            return "database"
        if isinstance(exc, redis.exceptions.ConnectionError | redis.exceptions.TimeoutError):
            return "redis"
        if type(exc).__name__ == "PoolTimeout":
            return "database"
        if isinstance(exc, DatabaseError) and "connection" in str(exc).lower() and "closed" in str(exc).lower():
            return "database"
        exc = exc.__cause__ or exc.__context__
    return None


def dependency_down_payload(name: str) -> dict:
    return {
        "detail": f"The {name} is unavailable right now; try again in a few seconds.",
        "code": "service_unavailable",
        "unavailable": name,
    }


def _first_code(codes: Any) -> str:
    if isinstance(codes, str):
        return codes
    if isinstance(codes, list) and codes:
        return _first_code(codes[0])
    if isinstance(codes, dict) and codes:
        return _first_code(next(iter(codes.values())))
    return "error"


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    down = dependency_down(exc)
    if down is not None:
        return Response(
            dependency_down_payload(down),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    response = exception_handler(exc, context)
    if response is None:
        return None
    if response.status_code == status.HTTP_503_SERVICE_UNAVAILABLE and "Retry-After" not in response:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    if isinstance(exc, exceptions.ValidationError):
        data = exc.detail
        if isinstance(data, dict):
            errors = data
            non_field = data.get("non_field_errors")
            detail = str(non_field[0]) if non_field else "Invalid input: see `errors` for each field."
        else:
            items = data if isinstance(data, list) else [data]
            errors = {"non_field_errors": items}
            detail = str(items[0]) if items else "Invalid input."
        response.data = {"detail": detail, "code": _first_code(exc.get_codes()), "errors": errors}
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail
        response.data = {
            "detail": str(detail) if not isinstance(detail, dict | list) else detail,
            "code": _first_code(exc.get_codes()),
        }
    return response
