"""Helpers shared by the API views: paging, body checks, the library-scoped base view."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import HasProjectAccess
from core.exceptions import Unprocessable
from vectordb.models import Library
from vectordb.public_ids import public_id

MAX_PAGE = 1000


# --- helpers ---------------------------------------------------------------------------------
def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ParseError(f"`{name}` must be an integer.") from None
    if not low <= value <= high:
        raise ParseError(f"`{name}` must be from {low} to {high}.")
    return value


def _uuid_param(request: Request, name: str) -> UUID | None:
    raw = request.query_params.get(name)
    return None if raw is None or raw == "" else public_id(raw, name)


def _page(request: Request, qs, serializer_cls, **context: Any) -> Response:
    limit = _int_param(request, "limit", 100, 1, MAX_PAGE)
    offset = _int_param(request, "offset", 0, 0, 2**31)
    total = qs.count()
    items = qs[offset : offset + limit]
    return Response(
        {
            "count": total,
            "limit": limit,
            "offset": offset,
            "results": serializer_cls(items, many=True, context=context).data,
        }
    )


def _body(request: Request) -> dict:
    if not isinstance(request.data, dict):
        raise ParseError("The body must be a JSON object.")
    return request.data


def _validated(serializer_cls, data: Any, **kwargs: Any) -> dict:
    """The serializer's validated data; invalid values are 422 naming the field (the vector
    database's contract, README "Validation status codes")."""
    serializer = serializer_cls(data=data, **kwargs)
    if not serializer.is_valid():
        raise Unprocessable(serializer.errors)
    return serializer.validated_data


def page_serializer(name: str, item: type[serializers.Serializer]) -> serializers.Serializer:
    return inline_serializer(
        name=name,
        fields={
            "count": serializers.IntegerField(),
            "limit": serializers.IntegerField(),
            "offset": serializers.IntegerField(),
            "results": item(many=True),
        },
    )


def _path_id(name: str, what: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.UUID, OpenApiParameter.PATH, description=f"The {what}'s id.")


LIB_ID = _path_id("library_id", "library")
PATH_IDS = {
    "library": [LIB_ID],
    "document": [LIB_ID, _path_id("document_id", "document")],
    "chunk": [LIB_ID, _path_id("chunk_id", "chunk")],
    "build": [LIB_ID, _path_id("build_id", "index build")],
}

PAGE_PARAMS = [
    OpenApiParameter("limit", OpenApiTypes.INT, description=f"Page size, 1 to {MAX_PAGE} (default 100)."),
    OpenApiParameter("offset", OpenApiTypes.INT, description="Items to skip (default 0)."),
]


class LibraryScopedApi(APIView):
    """Views under `/api/vectordb/libraries/{library_id}`: the library must be reachable."""

    permission_classes = [HasProjectAccess]

    def library(self, library_id: str) -> Library:
        library = Library.objects.select_related("project").filter(uuid=public_id(library_id, "library_id")).first()
        if library is None:
            raise NotFound("No such library.")
        self.check_object_permissions(self.request, library)
        return library


# --- serializers -----------------------------------------------------------------------------
@extend_schema_field({"type": "array", "items": {"type": "number"}, "nullable": True})
class VectorField(serializers.Field):
    """Passed through as sent: the service checks length, NaN and infinity (422, not 400)."""

    def to_internal_value(self, data: Any) -> Any:
        return data

    def to_representation(self, value: Any) -> Any:
        return value
