"""The click clients' endpoints under /api/clicks/. Public: the clients send no API key.

Paths have no trailing slash (the clients call `BASE_URL + "/" + name`), except the index
`/api/clicks/`. The older names `new_click` / `predict_click` are the same operations.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from django.db import OperationalError
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from clicks import clustering, selectors, services
from clicks.models import PAGE_UUID_MAX_LENGTH
from core.exceptions import ServiceUnavailable, Unprocessable
from core.parsers import PlatformJSONParser

logger = logging.getLogger(__name__)

API_VERSION = 0


class LenientJSONParser(PlatformJSONParser):
    """Parses `NaN`/`Infinity` too, so such coordinates get a 422 naming the field, not a parse error."""

    strict = False
    check_strings = False  # the serializer answers a NUL or lone surrogate with a 422 naming the field


class UnitCoordinateField(serializers.FloatField):
    """A JSON number (not a string, not a boolean), finite, in [0, 1]."""

    default_error_messages = {
        "invalid": "A number is required.",
        "not_finite": "Must be a finite number.",
        "out_of_range": "Must be between 0 and 1 (inclusive).",
    }

    def to_internal_value(self, data: Any) -> float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("invalid")
        try:
            value = float(data)
        except OverflowError:
            self.fail("out_of_range")
        if not math.isfinite(value):
            self.fail("not_finite")
        if not 0.0 <= value <= 1.0:
            self.fail("out_of_range")
        return value


class PageUuidField(serializers.CharField):
    """A non-empty JSON string of at most 255 characters, kept exactly as sent (no trimming)."""

    default_error_messages = {"not_a_string": "Must be a string.", "bad_text": "Must be valid Unicode text."}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            min_length=1, max_length=PAGE_UUID_MAX_LENGTH, allow_blank=False, trim_whitespace=False, **kwargs
        )

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_a_string")
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates, e.g. "\ud800" in the JSON
            self.fail("bad_text")
        return super().to_internal_value(data)


class CoordinatesSerializer(serializers.Serializer):
    x = UnitCoordinateField(min_value=0, max_value=1, help_text="Horizontal position on the page, 0 to 1")
    y = UnitCoordinateField(min_value=0, max_value=1, help_text="Vertical position on the page, 0 to 1")


class ClickInputSerializer(serializers.Serializer):
    page_uuid = PageUuidField(help_text="The page clicked; each page has its own clusters")
    coordinates = CoordinatesSerializer()


class SaveOutputSerializer(serializers.Serializer):
    cluster_idx = serializers.IntegerField(help_text="Zero-based cluster index on the page, in creation order")
    is_new = serializers.BooleanField(help_text="True when this click opened the cluster")


class PredictOutputSerializer(serializers.Serializer):
    cluster_idx = serializers.IntegerField(allow_null=True, help_text="The cluster it would join, or null")


def _parse_click(request: Request) -> tuple[str, float, float]:
    serializer = ClickInputSerializer(data=request.data)
    if not serializer.is_valid():
        raise Unprocessable(serializer.errors)
    data = serializer.validated_data
    return data["page_uuid"], data["coordinates"]["x"], data["coordinates"]["y"]


class PublicClicksApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []
    parser_classes = [LenientJSONParser]

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, OperationalError):  # database down or pool exhausted: nothing was saved
            logger.warning("clicks: database unavailable: %s", exc)
            exc = ServiceUnavailable("The click store is unavailable; nothing was saved. Retry shortly.")
        return super().handle_exception(exc)


_ERRORS = {
    400: inline_serializer("ClickParseError", {"detail": serializers.CharField(), "code": serializers.CharField()}),
    503: inline_serializer("ClickStoreDown", {"detail": serializers.CharField(), "code": serializers.CharField()}),
    422: inline_serializer(
        "ClickValidationError",
        {"detail": serializers.CharField(), "code": serializers.CharField(), "errors": serializers.DictField()},
    ),
}


class ClicksIndexApi(PublicClicksApi):
    @extend_schema(
        operation_id="clicks_version",
        summary="Version of the click clustering API",
        tags=["clicks"],
        responses=inline_serializer("ClicksVersion", {"version": serializers.IntegerField()}),
    )
    def get(self, request: Request) -> Response:
        return Response({"version": API_VERSION})


class SaveClickApi(PublicClicksApi):
    @extend_schema(
        operation_id="clicks_save_click_and_predict_cluster",
        summary="Store a click and assign it to a cluster of its page (or open a new one)",
        tags=["clicks"],
        request=ClickInputSerializer,
        responses={200: SaveOutputSerializer, **_ERRORS},
    )
    def post(self, request: Request) -> Response:
        page_uuid, x, y = _parse_click(request)
        result = services.click_save(page_uuid=page_uuid, x=x, y=y)
        return Response(SaveOutputSerializer({"cluster_idx": result.idx, "is_new": result.is_new}).data)


class NewClickApi(SaveClickApi):
    @extend_schema(
        operation_id="clicks_new_click",
        summary="Older name of save_click_and_predict_cluster",
        tags=["clicks"],
        deprecated=True,
        request=ClickInputSerializer,
        responses={200: SaveOutputSerializer, **_ERRORS},
    )
    def post(self, request: Request) -> Response:
        return super().post(request)


class PredictClusterApi(PublicClicksApi):
    @extend_schema(
        operation_id="clicks_predict_cluster",
        summary="The cluster a click would join, without storing or changing anything",
        tags=["clicks"],
        request=ClickInputSerializer,
        responses={200: PredictOutputSerializer, **_ERRORS},
    )
    def post(self, request: Request) -> Response:
        page_uuid, x, y = _parse_click(request)
        idx = selectors.cluster_predict(page_uuid=page_uuid, x=x, y=y)
        return Response(PredictOutputSerializer({"cluster_idx": idx}).data)


class PredictClickApi(PredictClusterApi):
    @extend_schema(
        operation_id="clicks_predict_click",
        summary="Older name of predict_cluster",
        tags=["clicks"],
        deprecated=True,
        request=ClickInputSerializer,
        responses={200: PredictOutputSerializer, **_ERRORS},
    )
    def post(self, request: Request) -> Response:
        return super().post(request)


class CentroidSerializer(serializers.Serializer):
    x = serializers.FloatField()
    y = serializers.FloatField()


class ClusterOutputSerializer(serializers.Serializer):
    idx = serializers.IntegerField()
    centroid = CentroidSerializer(help_text="Mean position of the cluster's clicks")
    count = serializers.IntegerField(help_text="Clicks in the cluster")
    radius = serializers.FloatField(help_text="Root-mean-square distance of its clicks from the centroid")


class PageClustersOutputSerializer(serializers.Serializer):
    page_uuid = serializers.CharField()
    click_count = serializers.IntegerField()
    join_radius = serializers.FloatField(help_text="A click joins a cluster whose centroid is at most this far")
    clusters = ClusterOutputSerializer(many=True)


class PageClustersApi(PublicClicksApi):
    @extend_schema(
        operation_id="clicks_page_clusters",
        summary="The clusters of a page: centroid, count and radius of each",
        tags=["clicks"],
        parameters=[OpenApiParameter("page_uuid", str, OpenApiParameter.PATH, description="The page (may hold '/')")],
        responses={
            200: PageClustersOutputSerializer,
            404: inline_serializer(
                "ClickPageNotFound", {"detail": serializers.CharField(), "code": serializers.CharField()}
            ),
        },
    )
    def get(self, request: Request, page_uuid: str) -> Response:
        try:
            PageUuidField().run_validation(page_uuid)
        except serializers.ValidationError:  # no click can have been saved under such a name
            raise NotFound(f"No clicks have been saved for page {page_uuid!r}.")
        states = selectors.page_cluster_states(page_uuid=page_uuid)
        if not states:
            raise NotFound(f"No clicks have been saved for page {page_uuid!r}.")
        data = {
            "page_uuid": page_uuid,
            "click_count": sum(s.count for s in states),
            "join_radius": clustering.JOIN_RADIUS,
            "clusters": [
                {
                    "idx": s.idx,
                    "centroid": {"x": s.centroid[0], "y": s.centroid[1]},
                    "count": s.count,
                    "radius": s.rms_radius,
                }
                for s in states
            ],
        }
        return Response(PageClustersOutputSerializer(data).data)
