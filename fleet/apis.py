"""The fleet API (compatible with the existing fleet clients). Reads are public; writes need a staff
session or a project API key."""

from __future__ import annotations

import json

from django.core.cache import cache
from django.db import IntegrityError
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsStaffOrApiKey
from core.exceptions import Unprocessable
from fleet import selectors, services
from fleet.models import Machine, MachineStatus, ServiceType

MAX_BULK = 10_000
MAP_CACHE_SECONDS = 300


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "That conflicts with an existing machine (asset_tag must be unique)."
    default_code = "conflict"


class ReadPublicWriteStaffOrKey(APIView):
    """GET is public; every other method needs a staff session or an API key."""

    def get_permissions(self):
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [AllowAny()]
        return [IsStaffOrApiKey()]


# --- serializers -------------------------------------------------------------------------------


class InventoryLineSerializer(serializers.Serializer):
    product = serializers.CharField(max_length=100)
    quantity = serializers.IntegerField(min_value=0, max_value=100_000)


class MachineInputSerializer(serializers.Serializer):
    asset_tag = serializers.RegexField(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$", required=False)
    name = serializers.CharField(max_length=200)
    model = serializers.CharField(max_length=100, required=False, allow_blank=True)
    manufacturer = serializers.CharField(max_length=100, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=MachineStatus.choices, required=False)
    latitude = serializers.FloatField(min_value=-90, max_value=90)
    longitude = serializers.FloatField(min_value=-180, max_value=180)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    location_description = serializers.CharField(max_length=255, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100)
    region = serializers.RegexField(r"^[A-Za-z]{2}$", help_text="US state code, e.g. NY")
    country = serializers.CharField(max_length=64, required=False)
    capacity = serializers.IntegerField(min_value=1, max_value=100_000, required=False)
    installed_at = serializers.DateTimeField(required=False)
    last_serviced_at = serializers.DateTimeField(required=False, allow_null=True)
    inventory = InventoryLineSerializer(many=True, required=False)

    def validate_region(self, value: str) -> str:
        return value.upper()

    def validate_inventory(self, value: list[dict]) -> list[dict]:
        names = [line["product"] for line in value]
        if len(set(names)) != len(names):
            raise serializers.ValidationError("A product may appear only once.")
        catalog = self.context.get("catalog") if isinstance(self.context, dict) else None
        if catalog is None:  # one catalog read per request, however many machines a bulk insert has
            catalog = set(selectors.product_names())
            if isinstance(self.context, dict):
                self.context["catalog"] = catalog
        unknown = set(names) - catalog
        if unknown:
            raise serializers.ValidationError(f"Unknown product(s): {', '.join(sorted(unknown))}; see /api/products.")
        return value


class MachineUpdateSerializer(MachineInputSerializer):
    name = serializers.CharField(max_length=200, required=False)
    latitude = serializers.FloatField(min_value=-90, max_value=90, required=False)
    longitude = serializers.FloatField(min_value=-180, max_value=180, required=False)
    city = serializers.CharField(max_length=100, required=False)
    region = serializers.RegexField(r"^[A-Za-z]{2}$", required=False)
    inventory = None


class MachineOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    asset_tag = serializers.CharField()
    name = serializers.CharField()
    model = serializers.CharField()
    manufacturer = serializers.CharField()
    status = serializers.ChoiceField(choices=MachineStatus.choices)
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    address = serializers.CharField()
    location_description = serializers.CharField()
    city = serializers.CharField()
    region = serializers.CharField()
    country = serializers.CharField()
    capacity = serializers.IntegerField()
    installed_at = serializers.DateTimeField()
    last_serviced_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class ProductQuantitySerializer(serializers.Serializer):
    product = serializers.CharField(source="product.name")
    quantity = serializers.IntegerField()


class ServiceLogOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    machine_id = serializers.UUIDField()
    type = serializers.ChoiceField(choices=ServiceType.choices)
    technician = serializers.CharField()
    notes = serializers.CharField()
    created_at = serializers.DateTimeField()


class MachineDetailOutputSerializer(MachineOutputSerializer):
    products = ProductQuantitySerializer(many=True, source="inventory.all")
    service_logs = ServiceLogOutputSerializer(many=True, source="recent_service_logs")


class MachineListParamsSerializer(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=500, default=50)
    offset = serializers.IntegerField(min_value=0, max_value=10_000_000, default=0)
    status = serializers.ChoiceField(choices=MachineStatus.choices, required=False)
    region = serializers.CharField(max_length=8, required=False)
    q = serializers.CharField(max_length=200, required=False)


def _page(items_serializer, name: str):
    return inline_serializer(
        name,
        {
            "items": items_serializer(many=True),
            "total": serializers.IntegerField(),
            "limit": serializers.IntegerField(),
            "offset": serializers.IntegerField(),
        },
    )


def _params(serializer_class, request: Request) -> dict:
    params = serializer_class(data=request.query_params)
    if not params.is_valid():
        raise Unprocessable(params.errors)  # the Vendomo API\'s FastAPI original: 422
    return params.validated_data


def _detail(machine_id) -> Machine:
    machine = selectors.machine_detail(machine_id=machine_id)
    if machine is None:
        raise exceptions.NotFound("No machine with that id.")
    machine.recent_service_logs = selectors.machine_recent_service_logs(machine_id=machine.id)
    return machine


# --- machines ----------------------------------------------------------------------------------


class MachineListCreateApi(ReadPublicWriteStaffOrKey):
    @extend_schema(
        operation_id="machines_list",
        summary="Machines, filtered and paginated",
        parameters=[MachineListParamsSerializer],
        responses=_page(MachineOutputSerializer, "MachinePage"),
    )
    def get(self, request: Request) -> Response:
        params = _params(MachineListParamsSerializer, request)
        machines = selectors.machine_list(status=params.get("status"), region=params.get("region"), q=params.get("q"))
        limit, offset = params["limit"], params["offset"]
        items = list(machines[offset : offset + limit])
        return Response(
            {
                "items": MachineOutputSerializer(items, many=True).data,
                "total": machines.count(),
                "limit": limit,
                "offset": offset,
            }
        )

    @extend_schema(
        operation_id="machines_create",
        summary="Add a machine (with its inventory)",
        request=MachineInputSerializer,
        responses={201: MachineDetailOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = MachineInputSerializer(data=request.data)
        if not data.is_valid():
            raise Unprocessable(data.errors)  # the Vendomo API\'s FastAPI original: 422
        fields = dict(data.validated_data)
        inventory = fields.pop("inventory", [])
        try:
            machine = services.machine_create(data=fields, inventory=inventory)
        except IntegrityError:
            raise Conflict()
        return Response(MachineDetailOutputSerializer(_detail(machine.id)).data, status=201)


class MachineBulkInputSerializer(serializers.Serializer):
    machines = MachineInputSerializer(many=True, allow_empty=False, max_length=MAX_BULK)

    def validate_machines(self, value: list[dict]) -> list[dict]:
        tags = [m["asset_tag"] for m in value if m.get("asset_tag")]
        seen: set[str] = set()
        duplicates = {t for t in tags if t in seen or seen.add(t)}
        if duplicates:
            raise Unprocessable(f"Duplicate asset_tag in the request: {', '.join(sorted(duplicates))}.")
        taken = selectors.asset_tags_taken(tags=tags)
        if taken:
            raise Unprocessable(f"asset_tag already in use: {', '.join(sorted(taken)[:20])}.")
        return value


class MachineBulkCreateApi(APIView):
    permission_classes = [IsStaffOrApiKey]

    @extend_schema(
        operation_id="machines_bulk_create",
        summary="Add up to 10,000 machines in one all-or-nothing insert",
        request=MachineBulkInputSerializer,
        responses={
            201: inline_serializer(
                "MachineBulkCreated",
                {"created": serializers.IntegerField(), "ids": serializers.ListField(child=serializers.UUIDField())},
            )
        },
    )
    def post(self, request: Request) -> Response:
        data = MachineBulkInputSerializer(data=request.data)
        if not data.is_valid():
            raise Unprocessable(data.errors)  # the Vendomo API\'s FastAPI original: 422
        rows = [dict(row) for row in data.validated_data["machines"]]
        try:
            machines = services.machines_bulk_create(rows=rows)
        except IntegrityError:
            raise Conflict()
        return Response({"created": len(machines), "ids": [m.id for m in machines]}, status=201)


class MachineMapApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="machines_map",
        summary="Lightweight map markers of every machine (cached; refreshed when the fleet changes)",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=MachineStatus.values, required=False),
            OpenApiParameter("region", OpenApiTypes.STR, required=False),
        ],
        responses=inline_serializer(
            "MachineMap",
            {
                "items": inline_serializer(
                    "MapMarker",
                    {
                        "id": serializers.UUIDField(),
                        "name": serializers.CharField(),
                        "status": serializers.CharField(),
                        "latitude": serializers.FloatField(),
                        "longitude": serializers.FloatField(),
                        "city": serializers.CharField(),
                        "region": serializers.CharField(),
                    },
                    many=True,
                ),
                "total": serializers.IntegerField(),
            },
        ),
    )
    def get(self, request: Request) -> HttpResponse:
        params = _params(MapParamsSerializer, request)
        status_, region = params.get("status") or "", (params.get("region") or "").upper()
        key = f"fleet:map:v{services.map_cache_version()}:{status_}:{region}"
        body = cache.get(key)
        if body is None:
            markers = selectors.machine_map_markers(status=status_ or None, region=region or None)
            body = json.dumps({"items": markers, "total": len(markers)}, separators=(",", ":"))
            cache.set(key, body, MAP_CACHE_SECONDS)
        return HttpResponse(body, content_type="application/json")


class MapParamsSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=MachineStatus.choices, required=False)
    region = serializers.CharField(max_length=8, required=False)


class MachineDetailApi(ReadPublicWriteStaffOrKey):
    @extend_schema(
        operation_id="machines_retrieve",
        summary="One machine with its products and recent service visits",
        responses=MachineDetailOutputSerializer,
    )
    def get(self, request: Request, machine_id) -> Response:
        return Response(MachineDetailOutputSerializer(_detail(machine_id)).data)

    @extend_schema(
        operation_id="machines_partial_update",
        summary="Change a machine (status, location, names...)",
        request=MachineUpdateSerializer,
        responses=MachineDetailOutputSerializer,
    )
    def patch(self, request: Request, machine_id) -> Response:
        machine = _detail(machine_id)
        data = MachineUpdateSerializer(data=request.data, partial=True)
        if not data.is_valid():
            raise Unprocessable(data.errors)  # the Vendomo API\'s FastAPI original: 422
        try:
            services.machine_update(machine=machine, data=dict(data.validated_data))
        except IntegrityError:
            raise Conflict()
        return Response(MachineDetailOutputSerializer(_detail(machine_id)).data)

    @extend_schema(operation_id="machines_destroy", summary="Remove a machine", responses={204: None})
    def delete(self, request: Request, machine_id) -> Response:
        services.machine_delete(machine=_detail(machine_id))
        return Response(status=204)


class InventoryInputSerializer(serializers.Serializer):
    items = InventoryLineSerializer(many=True, max_length=200)
    replace = serializers.BooleanField(
        default=True,
        help_text="true (default): the machine carries exactly these products afterwards; "
        "false: only the listed products change",
    )

    def validate_items(self, value: list[dict]) -> list[dict]:
        return MachineInputSerializer().validate_inventory(value)


class MachineInventoryApi(APIView):
    permission_classes = [IsStaffOrApiKey]

    @extend_schema(
        operation_id="machines_inventory_update",
        summary="Set a machine's inventory",
        request=InventoryInputSerializer,
        responses=ProductQuantitySerializer(many=True),
    )
    def put(self, request: Request, machine_id) -> Response:
        machine = _detail(machine_id)
        data = InventoryInputSerializer(data=request.data)
        if not data.is_valid():
            raise Unprocessable(data.errors)  # the Vendomo API\'s FastAPI original: 422
        rows = services.inventory_set(
            machine=machine, items=data.validated_data["items"], replace=data.validated_data["replace"]
        )
        return Response(ProductQuantitySerializer(rows, many=True).data)


# --- catalog, service logs, stats --------------------------------------------------------------


class ProductListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="products_list",
        summary="The canonical product names, sorted",
        responses={(200, "application/json"): {"type": "array", "items": {"type": "string"}}},
    )
    def get(self, request: Request) -> Response:
        return Response(selectors.product_names())


class ServiceLogParamsSerializer(serializers.Serializer):
    machine_id = serializers.UUIDField(required=False)
    type = serializers.ChoiceField(choices=ServiceType.choices, required=False)
    limit = serializers.IntegerField(min_value=1, max_value=500, default=50)
    offset = serializers.IntegerField(min_value=0, max_value=10_000_000, default=0)


class ServiceLogInputSerializer(serializers.Serializer):
    machine_id = serializers.UUIDField()
    type = serializers.ChoiceField(choices=ServiceType.choices)
    technician = serializers.CharField(max_length=120)
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ServiceLogListCreateApi(ReadPublicWriteStaffOrKey):
    @extend_schema(
        operation_id="service_logs_list",
        summary="Service visits, newest first",
        parameters=[ServiceLogParamsSerializer],
        responses=_page(ServiceLogOutputSerializer, "ServiceLogPage"),
    )
    def get(self, request: Request) -> Response:
        params = _params(ServiceLogParamsSerializer, request)
        logs = selectors.service_log_list(machine_id=params.get("machine_id"), type=params.get("type"))
        limit, offset = params["limit"], params["offset"]
        return Response(
            {
                "items": ServiceLogOutputSerializer(logs[offset : offset + limit], many=True).data,
                "total": logs.count(),
                "limit": limit,
                "offset": offset,
            }
        )

    @extend_schema(
        operation_id="service_logs_create",
        summary="Record a service visit (a refill restocks the machine)",
        request=ServiceLogInputSerializer,
        responses={201: ServiceLogOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = ServiceLogInputSerializer(data=request.data)
        if not data.is_valid():
            raise Unprocessable(data.errors)  # the Vendomo API\'s FastAPI original: 422
        values = dict(data.validated_data)
        machine = selectors.machines_by_ids(ids=[values.pop("machine_id")])
        if not machine:
            raise Unprocessable({"machine_id": ["No machine with that id."]})
        log = services.service_log_create(machine=next(iter(machine.values())), **values)
        return Response(ServiceLogOutputSerializer(log).data, status=201)


class StatsApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="fleet_stats",
        summary="Fleet totals: machines by status and region, inventory, sold-out slots",
        responses=inline_serializer(
            "FleetStats",
            {
                "machines": serializers.IntegerField(),
                "by_status": serializers.DictField(child=serializers.IntegerField()),
                "never_serviced": serializers.IntegerField(),
                "products": serializers.IntegerField(),
                "inventory_slots": serializers.IntegerField(),
                "inventory_units": serializers.IntegerField(),
                "sold_out_slots": serializers.IntegerField(),
                "by_region": inline_serializer(
                    "RegionCount",
                    {"region": serializers.CharField(), "machines": serializers.IntegerField()},
                    many=True,
                ),
                "top_cities": inline_serializer(
                    "CityCount",
                    {
                        "city": serializers.CharField(),
                        "region": serializers.CharField(),
                        "machines": serializers.IntegerField(),
                    },
                    many=True,
                ),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        return Response(selectors.fleet_stats())
