"""The revenue API: staff session or API key."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsStaffOrApiKey
from core.exceptions import Unprocessable
from revenue import selectors


class SummaryOutputSerializer(serializers.Serializer):
    total = serializers.DecimalField(max_digits=18, decimal_places=2, coerce_to_string=True)
    count = serializers.IntegerField()
    events_per_second = serializers.FloatField(help_text="sales per second over the last minute")
    lag = serializers.IntegerField(allow_null=True, help_text="entries the consumer group has not read yet")
    pending = serializers.IntegerField(allow_null=True, help_text="entries read but not yet acknowledged")
    stream_length = serializers.IntegerField(allow_null=True)
    redis_available = serializers.BooleanField()
    entries_lost = serializers.IntegerField(help_text="entries trimmed from the stream before they were read")
    trim_gaps = serializers.IntegerField()
    uncounted_gaps = serializers.IntegerField(help_text="gaps whose size Redis < 7 cannot tell")
    lost_counts_exact = serializers.BooleanField()
    dead_letters = serializers.IntegerField()
    last_event_at = serializers.DateTimeField(allow_null=True)


class TopParamsSerializer(serializers.Serializer):
    top = serializers.IntegerField(min_value=1, max_value=1000, default=10)


class MachineRevenueOutputSerializer(serializers.Serializer):
    machine_id = serializers.UUIDField()
    name = serializers.CharField(allow_null=True)
    city = serializers.CharField(allow_null=True)
    region = serializers.CharField()
    total = serializers.CharField()
    count = serializers.IntegerField()
    last_sale_at = serializers.DateTimeField(allow_null=True)


class RegionRevenueOutputSerializer(serializers.Serializer):
    region = serializers.CharField()
    total = serializers.CharField()
    count = serializers.IntegerField()


class ProductRevenueOutputSerializer(serializers.Serializer):
    product = serializers.CharField()
    total = serializers.CharField()
    count = serializers.IntegerField()


class TimeseriesParamsSerializer(serializers.Serializer):
    minutes = serializers.IntegerField(min_value=1, max_value=1440, default=60)


class MinuteOutputSerializer(serializers.Serializer):
    minute = serializers.DateTimeField()
    total = serializers.CharField()
    count = serializers.IntegerField()


def _params(serializer_class, request: Request) -> dict:
    params = serializer_class(data=request.query_params)
    if not params.is_valid():
        raise Unprocessable(params.errors)  # the Vendomo API\'s FastAPI original: 422
    return params.validated_data


class SummaryApi(APIView):
    permission_classes = [IsStaffOrApiKey]

    @extend_schema(
        operation_id="revenue_summary",
        summary="Grand total, count, events/s, consumer lag, entries lost to trimming, last event",
        responses=SummaryOutputSerializer,
    )
    def get(self, request: Request) -> Response:
        return Response(SummaryOutputSerializer(selectors.summary()).data)


class MachinesApi(APIView):
    permission_classes = [IsStaffOrApiKey]

    @extend_schema(
        operation_id="revenue_machines",
        summary="Top machines by revenue (amounts in USD as strings)",
        parameters=[TopParamsSerializer],
        responses=MachineRevenueOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        top = _params(TopParamsSerializer, request)["top"]
        return Response(MachineRevenueOutputSerializer(selectors.top_machines(top=top), many=True).data)


class RegionsApi(APIView):
    permission_classes = [IsStaffOrApiKey]

    @extend_schema(
        operation_id="revenue_regions",
        summary="Revenue per region (state)",
        responses=RegionRevenueOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        return Response(RegionRevenueOutputSerializer(selectors.regions(), many=True).data)


class ProductsApi(APIView):
    permission_classes = [IsStaffOrApiKey]

    @extend_schema(
        operation_id="revenue_products",
        summary="Revenue per product",
        responses=ProductRevenueOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        return Response(ProductRevenueOutputSerializer(selectors.products(), many=True).data)


class TimeseriesApi(APIView):
    permission_classes = [IsStaffOrApiKey]

    @extend_schema(
        operation_id="revenue_timeseries",
        summary="Revenue per minute of sale time, the last N minutes (zeros where nothing sold)",
        parameters=[TimeseriesParamsSerializer],
        responses=MinuteOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        minutes = _params(TimeseriesParamsSerializer, request)["minutes"]
        return Response(MinuteOutputSerializer(selectors.timeseries(minutes=minutes), many=True).data)
