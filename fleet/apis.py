"""The fleet API. The paths the Vendomo web client calls answer its contract exactly (shapes, 422/404
bodies, defaults; see fleet/README.md). Reads are public; writes need an API key or a staff session
from a trusted origin (fleet/auth.py). Our richer views live on their own paths."""

from __future__ import annotations

import hashlib
import json
import uuid

from django.core.cache import cache
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import IsStaffOrApiKey
from fleet import contract, selectors, services
from fleet.contract import ContractApi, MachineNotFound, Unprocessable
from fleet.models import Machine, MachineStatus
from fleet.serializers import (
    MAP_MARKER,
    OVERVIEW,
    STATS,
    InventoryInputSerializer,
    MachineCreateDoc,
    MachineDetailOutputSerializer,
    MachineOutputSerializer,
    MachineUpdateSerializer,
    ProductQuantitySerializer,
    ServiceLogCreateDoc,
    ServiceLogOutputSerializer,
    page_of,
    unknown_products,
)

MAP_CACHE_SECONDS = 300


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "That conflicts with an existing machine (asset_tag must be unique)."
    default_code = "conflict"


class ReadPublicWriteStaffOrKey(ContractApi):
    """GET is public; every other method needs a staff session or an API key."""

    def get_permissions(self):
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [AllowAny()]
        return [IsStaffOrApiKey()]


def _detail(machine_id: uuid.UUID) -> Machine:
    machine = selectors.machine_detail(machine_id=machine_id)
    if machine is None:
        raise MachineNotFound()
    machine.recent_service_logs = selectors.machine_recent_service_logs(machine_id=machine.id)
    return machine


def _machine_rows(machines: list[contract.MachineIn], *, indexed: bool) -> list[dict]:
    """Validated bodies to service rows; unknown or repeated products and asset tags answer 422."""
    errors: list[dict] = []
    tags = [m.asset_tag for m in machines if m.asset_tag]
    taken = selectors.asset_tags_taken(tags=tags) if tags else set()
    seen: set[str] = set()
    catalog_unknown = set(unknown_products([line.product for m in machines for line in m.inventory]))
    for index, machine in enumerate(machines):
        loc = ["body", index] if indexed else ["body"]
        if machine.asset_tag and (machine.asset_tag in taken or machine.asset_tag in seen):
            errors.append(_value_error([*loc, "asset_tag"], "asset_tag is already in use", machine.asset_tag))
        seen.add(machine.asset_tag or "")
        names = [line.product for line in machine.inventory]
        bad = sorted({n for n in names if n in catalog_unknown}) or sorted({n for n in names if names.count(n) > 1})
        if bad:
            errors.append(_value_error([*loc, "inventory"], f"unknown or repeated product(s): {', '.join(bad)}", names))
    if errors:
        raise Unprocessable(errors)
    return [m.model_dump(exclude_none=False) for m in machines]


def _value_error(loc: list, msg: str, value) -> dict:
    return {"type": "value_error", "loc": loc, "msg": f"Value error, {msg}", "input": value, "ctx": {"error": msg}}


# --- machines ----------------------------------------------------------------------------------


class MachineListCreateApi(ReadPublicWriteStaffOrKey):
    @extend_schema(
        operation_id="machines_list",
        summary="Machines, filtered (exact status/region, q: name substring) and paginated by asset tag",
        parameters=[
            OpenApiParameter("limit", OpenApiTypes.INT, description="1–500, default 50"),
            OpenApiParameter("offset", OpenApiTypes.INT, description=">= 0, default 0"),
            OpenApiParameter("status", OpenApiTypes.STR),
            OpenApiParameter("region", OpenApiTypes.STR, description="exact, case-sensitive"),
            OpenApiParameter("q", OpenApiTypes.STR, description="case-insensitive substring of the name"),
        ],
        responses=page_of(MachineOutputSerializer, "MachinePage"),
    )
    def get(self, request: Request) -> Response:
        params = contract.query(contract.MachineListQuery, request)
        machines = selectors.machine_list(status=params.status, region=params.region, q=params.q)
        items = list(machines[params.offset : params.offset + params.limit])
        return Response(
            {
                "items": MachineOutputSerializer(items, many=True).data,
                "total": machines.count(),
                "limit": params.limit,
                "offset": params.offset,
            }
        )

    @extend_schema(
        operation_id="machines_create",
        summary="Add a machine (optionally with its inventory); defaults as the original's",
        request=MachineCreateDoc,
        responses={201: MachineOutputSerializer, 409: None, 422: None},
    )
    def post(self, request: Request) -> Response:
        machine_in = contract.validate(contract.MachineIn, contract.json_body(request), "body")
        row = _machine_rows([machine_in], indexed=False)[0]
        inventory = row.pop("inventory")
        try:
            machine = services.machine_create(data=row, inventory=inventory)
        except IntegrityError:
            raise Conflict()
        return Response(MachineOutputSerializer(machine).data, status=201)


class MachineBulkCreateApi(ContractApi):
    permission_classes = [IsStaffOrApiKey]

    @extend_schema(
        operation_id="machines_bulk_create",
        summary="Add up to 10,000 machines (a plain JSON array of machine bodies), all or nothing",
        request=MachineCreateDoc(many=True),
        responses={201: inline_serializer("MachineBulkCreated", {"created": serializers.IntegerField()})},
    )
    def post(self, request: Request) -> Response:
        machines = contract.validate(contract.MACHINES_IN, contract.json_body(request), "body")
        rows = _machine_rows(machines, indexed=True)
        try:
            created = services.machines_bulk_create(rows=rows)
        except IntegrityError:
            raise Conflict()
        return Response({"created": len(created)}, status=201)


def _map_key(view: str, status_: str, region: str) -> str:
    digest = hashlib.sha1(f"{status_}\0{region}".encode(), usedforsecurity=False).hexdigest()[:16]
    return f"fleet:map:{view}:v{services.map_cache_version()}:{digest}"


class MachineMapApi(ContractApi):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="machines_map",
        summary="Every machine as a map marker {id, name, lat, lng, status, label} (a plain array; cached)",
        parameters=[OpenApiParameter("status", OpenApiTypes.STR), OpenApiParameter("region", OpenApiTypes.STR)],
        responses=MAP_MARKER,
    )
    def get(self, request: Request) -> HttpResponse:
        params = contract.query(contract.MapQuery, request)
        key = _map_key("client", params.status or "", params.region or "")
        body = cache.get(key)
        if body is None:
            markers = selectors.client_map_markers(status=params.status, region=params.region)
            body = json.dumps(markers, separators=(",", ":"), ensure_ascii=False)
            cache.set(key, body, MAP_CACHE_SECONDS)
        return HttpResponse(body, content_type="application/json")


class MachineMarkersApi(ContractApi):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="machines_markers",
        summary="Our map view: {items: [{id, name, status, latitude, longitude, city, region}], total}",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=MachineStatus.values, required=False),
            OpenApiParameter("region", OpenApiTypes.STR, required=False),
        ],
        responses=inline_serializer(
            "MachineMarkers",
            {"items": serializers.ListField(child=serializers.DictField()), "total": serializers.IntegerField()},
        ),
    )
    def get(self, request: Request) -> HttpResponse:
        params = contract.query(contract.MapQuery, request)
        status_, region = params.status or "", (params.region or "").upper()
        key = _map_key("markers", status_, region)
        body = cache.get(key)
        if body is None:
            markers = selectors.machine_map_markers(status=status_ or None, region=region or None)
            body = json.dumps({"items": markers, "total": len(markers)}, separators=(",", ":"))
            cache.set(key, body, MAP_CACHE_SECONDS)
        return HttpResponse(body, content_type="application/json")


class MachineDetailApi(ReadPublicWriteStaffOrKey):
    @extend_schema(
        operation_id="machines_retrieve",
        summary="One machine with its products and its 20 most recent service visits",
        responses=MachineDetailOutputSerializer,
    )
    def get(self, request: Request, machine_id: str) -> Response:
        return Response(MachineDetailOutputSerializer(_detail(contract.path_uuid(machine_id))).data)

    @extend_schema(
        operation_id="machines_partial_update",
        summary="Change a machine (status, location, names...)",
        request=MachineUpdateSerializer,
        responses=MachineDetailOutputSerializer,
    )
    def patch(self, request: Request, machine_id: str) -> Response:
        machine = _detail(contract.path_uuid(machine_id))
        data = MachineUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        try:
            services.machine_update(machine=machine, data=dict(data.validated_data))
        except IntegrityError:
            raise Conflict()
        return Response(MachineDetailOutputSerializer(_detail(machine.id)).data)

    @extend_schema(operation_id="machines_destroy", summary="Remove a machine", responses={204: None})
    def delete(self, request: Request, machine_id: str) -> Response:
        services.machine_delete(machine=_detail(contract.path_uuid(machine_id)))
        return Response(status=204)


class MachineInventoryApi(ContractApi):
    permission_classes = [IsStaffOrApiKey]

    @extend_schema(
        operation_id="machines_inventory_update",
        summary="Set a machine's inventory",
        request=InventoryInputSerializer,
        responses=ProductQuantitySerializer(many=True),
    )
    def put(self, request: Request, machine_id: str) -> Response:
        machine = _detail(contract.path_uuid(machine_id))
        data = InventoryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = services.inventory_set(
            machine=machine, items=data.validated_data["items"], replace=data.validated_data["replace"]
        )
        return Response(ProductQuantitySerializer(rows, many=True).data)


# --- catalog, service logs, stats --------------------------------------------------------------


class ProductListApi(ContractApi):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="products_list",
        summary="The canonical product names, sorted",
        responses={(200, "application/json"): {"type": "array", "items": {"type": "string"}}},
    )
    def get(self, request: Request) -> Response:
        return Response(selectors.product_names())


LOG_PARAMS = [
    OpenApiParameter("machine_id", OpenApiTypes.UUID),
    OpenApiParameter("type", OpenApiTypes.STR, description="exact"),
    OpenApiParameter("limit", OpenApiTypes.INT, description="1–500, default 50"),
    OpenApiParameter("offset", OpenApiTypes.INT, description=">= 0, default 0"),
]


def _logs(request: Request):
    params = contract.query(contract.ServiceLogQuery, request)
    logs = selectors.service_log_list(machine_id=params.machine_id, type=params.type)
    return params, logs


class ServiceLogListCreateApi(ReadPublicWriteStaffOrKey):
    @extend_schema(
        operation_id="service_logs_list",
        summary="Service visits, newest first (a plain array; /api/service/logs/page has the total)",
        parameters=LOG_PARAMS,
        responses=ServiceLogOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        params, logs = _logs(request)
        return Response(ServiceLogOutputSerializer(logs[params.offset : params.offset + params.limit], many=True).data)

    @extend_schema(
        operation_id="service_logs_create",
        summary="Record a service visit (type defaults to inspection; a refill restocks the machine)",
        request=ServiceLogCreateDoc,
        responses={201: ServiceLogOutputSerializer, 404: None, 422: None},
    )
    def post(self, request: Request) -> Response:
        body = contract.validate(contract.ServiceLogIn, contract.json_body(request), "body")
        machines = selectors.machines_by_ids(ids=[body.machine_id])
        if not machines:
            raise MachineNotFound()
        log = services.service_log_create(
            machine=machines[body.machine_id], type=body.type, technician=body.technician, notes=body.notes
        )
        return Response(ServiceLogOutputSerializer(log).data, status=201)


class ServiceLogPageApi(ContractApi):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="service_logs_page",
        summary="Service visits, newest first, as a page with the total",
        parameters=LOG_PARAMS,
        responses=page_of(ServiceLogOutputSerializer, "ServiceLogPage"),
    )
    def get(self, request: Request) -> Response:
        params, logs = _logs(request)
        return Response(
            {
                "items": ServiceLogOutputSerializer(logs[params.offset : params.offset + params.limit], many=True).data,
                "total": logs.count(),
                "limit": params.limit,
                "offset": params.offset,
            }
        )


class StatsApi(ContractApi):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="fleet_stats",
        summary="Fleet totals as the Vendomo client reads them",
        responses=STATS,
    )
    def get(self, request: Request) -> Response:
        return Response(selectors.client_stats())


class StatsOverviewApi(ContractApi):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="fleet_overview",
        summary="Our richer totals: regions as a list, inventory slots/units, sold-out slots, top cities",
        responses=OVERVIEW,
    )
    def get(self, request: Request) -> Response:
        return Response(selectors.fleet_stats())


def drop_trailing_slash(request: HttpRequest, path: str) -> HttpResponse:
    """The original answers `/api/machines/` with a 307 to `/api/machines` (query kept)."""
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponseRedirect(f"/{path}" + (f"?{query}" if query else ""))
    response.status_code = 307
    return response
