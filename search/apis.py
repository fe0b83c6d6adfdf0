"""GET /api/search: natural-language search for the nearest machines that stock a product."""

from __future__ import annotations

import math

import redis
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ServiceUnavailable
from core.throttling import ScopedRateThrottle
from search import selectors
from search.interpret import MAX_LIMIT

INDEX_NOTES = {
    "rebuilding": ["The search index was missing and is being rebuilt: results may be incomplete for a minute."],
    "missing": ["The search index is missing (automatic rebuild is off): results may be incomplete."],
}


class SearchInputSerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=300,
        trim_whitespace=True,
        help_text="What and where, in plain words: 'coke near West 42nd Street in New York City'.",
        error_messages={
            "blank": "Say what you want and where, e.g. q=coke near Times Square.",
            "required": "Say what you want and where, e.g. q=coke near Times Square.",
        },
    )
    lat = serializers.FloatField(required=False, min_value=-90, max_value=90, help_text="Your latitude ('near me').")
    lon = serializers.FloatField(required=False, min_value=-180, max_value=180, help_text="Your longitude ('near me').")
    limit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_LIMIT, help_text="Results (default 5).")
    radius_km = serializers.FloatField(
        required=False, min_value=0.01, max_value=5000, help_text="Only machines within this distance."
    )

    def validate_q(self, value: str) -> str:
        if "\x00" in value:
            raise serializers.ValidationError("The query contains a NUL character.")
        return value

    def validate(self, attrs: dict) -> dict:
        for name in ("lat", "lon", "radius_km"):
            if name in attrs and not math.isfinite(attrs[name]):
                raise serializers.ValidationError({name: "A finite number is required."})
        if ("lat" in attrs) != ("lon" in attrs):
            raise serializers.ValidationError({"lon" if "lat" in attrs else "lat": "Send lat and lon together."})
        return attrs


class LocationSerializer(serializers.Serializer):
    name = serializers.CharField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    source = serializers.CharField(
        help_text="gazetteer:<kind>, manhattan-grid, streets:corner, streets:block (an address block, read from the "
        "numbered streets), streets:interpolated (a numbered street placed between its neighbours), airportsdata, "
        "zipcodes, query, browser, llm..."
    )
    kind = serializers.CharField()
    resolution = serializers.CharField(
        help_text="How the place was resolved: coordinates | corner | landmark | airport | neighbourhood | street | "
        "zip | city."
    )
    confidence = serializers.ChoiceField(
        choices=["high", "medium", "low"], help_text="high: an exact name, code or coordinates; medium: a misspelling "
        "or a town's name; low: the metro, with words that named nothing."
    )  # fmt: skip
    metro = serializers.CharField(allow_null=True, help_text="The fleet metro the place is in, if any.")
    ignored = serializers.ListField(child=serializers.CharField(), help_text="Words of the place not understood.")


class InterpretationSerializer(serializers.Serializer):
    product = serializers.CharField(
        allow_null=True, help_text="The catalog product, or null for an ambiguous word or none named."
    )
    product_term = serializers.CharField(help_text="The words of the query that named the product.")
    match = serializers.CharField(
        help_text="exact | fuzzy | semantic | ambiguous | any (no product named: any in stock) | llm"
    )
    alternatives = serializers.ListField(child=serializers.CharField(), help_text="Candidates or near misses.")
    location = LocationSerializer()
    limit = serializers.IntegerField()
    radius_km = serializers.FloatField(allow_null=True)
    parser = serializers.CharField(help_text="offline | llm")
    notes = serializers.ListField(child=serializers.CharField())


class MachineSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    asset_tag = serializers.CharField()
    name = serializers.CharField()
    address = serializers.CharField()
    city = serializers.CharField()
    region = serializers.CharField()
    location_description = serializers.CharField()
    status = serializers.CharField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()


class ResultSerializer(serializers.Serializer):
    machine = MachineSerializer()
    product = serializers.CharField()
    quantity = serializers.IntegerField()
    distance_km = serializers.FloatField()
    distance_miles = serializers.FloatField()


class SearchOutputSerializer(serializers.Serializer):
    query = serializers.CharField()
    interpretation = InterpretationSerializer()
    results = ResultSerializer(many=True)


class UnderstoodSerializer(serializers.Serializer):
    product = serializers.CharField(allow_null=True, help_text="The product understood (null if none).")
    place = serializers.CharField(allow_null=True, help_text="The place understood (null if none).")


class UnresolvedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField(help_text="unknown_product | unknown_location | ambiguous_location | missing_location")
    which = serializers.ChoiceField(choices=["product", "location"])
    term = serializers.CharField(help_text="The words that were not understood (empty when missing).")
    suggestions = serializers.ListField(
        child=serializers.CharField(), help_text="Candidates: 'Name, Metro, N km from the next' for places."
    )
    understood = UnderstoodSerializer(help_text="What the query was understood to ask, all the same.")
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    errors = serializers.DictField(required=False)


class SearchApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "search"

    @extend_schema(
        operation_id="search_machines",
        tags=["search"],
        summary="Nearest machines that have a product in stock, from a plain-language query",
        parameters=[SearchInputSerializer],
        auth=[],
        responses={
            200: SearchOutputSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Empty query or bad parameters."),
            422: OpenApiResponse(UnresolvedSerializer, description="Product or place not understood."),
            429: OpenApiResponse(ErrorSerializer, description="Too many searches: slow down."),
            503: OpenApiResponse(ErrorSerializer, description="The search index (Redis) is unreachable."),
        },
    )
    def get(self, request: Request) -> Response:
        params = SearchInputSerializer(data=request.query_params)
        if not params.is_valid():
            errors = params.errors
            first = next(iter(errors.values()))[0] if errors else "Invalid input."
            code = "empty_query" if "q" in errors and not request.query_params.get("q", "").strip() else "invalid"
            return Response({"detail": str(first), "code": code, "errors": errors}, status=status.HTTP_400_BAD_REQUEST)
        data = params.validated_data
        try:
            answer = selectors.machine_search(
                q=data["q"], lat=data.get("lat"), lon=data.get("lon"), limit=data.get("limit"),
                radius_km=data.get("radius_km"),
            )  # fmt: skip
        except redis.RedisError as exc:
            raise ServiceUnavailable(f"The search index is unavailable ({type(exc).__name__}); try again shortly.")
        except selectors.Unresolved as exc:
            body = {
                "detail": exc.message,
                "code": exc.code,
                "which": exc.which,
                "term": exc.term,
                "suggestions": exc.suggestions,
                "understood": exc.understood,
                "errors": {exc.which: [exc.message]},
            }
            return Response(body, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
        plan = answer.plan
        place = plan.place
        body = {
            "query": answer.query,
            "interpretation": {
                "product": plan.product,
                "product_term": plan.product_term,
                "match": plan.match,
                "alternatives": list(plan.alternatives),
                "location": {
                    "name": place.name,
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                    "source": place.source,
                    "kind": place.kind,
                    "resolution": place.resolution,
                    "confidence": place.confidence,
                    "metro": place.metro,
                    "ignored": list(place.ignored),
                },
                "limit": plan.limit,
                "radius_km": plan.radius_km,
                "parser": plan.parser,
                "notes": list(plan.notes) + INDEX_NOTES.get(answer.index_state, []),
            },
            "results": answer.results,
        }
        # `body` already has the documented shape (SearchOutputSerializer, checked by the tests); rendering it
        # through the serializer again would only cost time on the hot path.
        return Response(body)
