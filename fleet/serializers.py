"""Output shapes of the fleet API (the Vendomo contract's) and the DRF inputs of our own endpoints."""

from __future__ import annotations

from datetime import UTC

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from fleet import selectors
from fleet.models import MachineStatus

ISO_MICROS = "%Y-%m-%dT%H:%M:%S.%fZ"  # the original's timestamps: UTC, microseconds, Z


def timestamp(**kwargs) -> serializers.DateTimeField:
    return serializers.DateTimeField(format=ISO_MICROS, default_timezone=UTC, **kwargs)


class MachineOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    asset_tag = serializers.CharField()
    name = serializers.CharField()
    model = serializers.CharField()
    manufacturer = serializers.CharField()
    status = serializers.CharField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    address = serializers.CharField()
    location_description = serializers.CharField(allow_null=True)
    city = serializers.CharField()
    region = serializers.CharField()
    country = serializers.CharField()
    capacity = serializers.IntegerField()
    installed_at = timestamp()
    last_serviced_at = timestamp(allow_null=True)
    created_at = timestamp()


class ProductQuantitySerializer(serializers.Serializer):
    product = serializers.CharField(source="product.name")
    quantity = serializers.IntegerField()


class ServiceLogOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    machine_id = serializers.UUIDField()
    type = serializers.CharField()
    technician = serializers.CharField()
    notes = serializers.CharField(allow_blank=True)
    created_at = timestamp()


class MachineDetailOutputSerializer(MachineOutputSerializer):
    products = ProductQuantitySerializer(many=True, source="inventory.all")
    recent_service_logs = ServiceLogOutputSerializer(many=True)


MAP_MARKER = inline_serializer(
    "MapMarker",
    {
        "id": serializers.UUIDField(),
        "name": serializers.CharField(),
        "lat": serializers.FloatField(),
        "lng": serializers.FloatField(),
        "status": serializers.CharField(),
        "label": serializers.CharField(),
    },
    many=True,
)

STATS = inline_serializer(
    "FleetStats",
    {
        "total_machines": serializers.IntegerField(),
        "by_status": serializers.DictField(child=serializers.IntegerField()),
        "by_region": serializers.DictField(
            child=serializers.IntegerField(), help_text="region -> machines, by count descending"
        ),
        "needs_service": serializers.IntegerField(),
        "never_serviced": serializers.IntegerField(),
    },
)

OVERVIEW = inline_serializer(
    "FleetOverview",
    {
        "machines": serializers.IntegerField(),
        "by_status": serializers.DictField(child=serializers.IntegerField()),
        "never_serviced": serializers.IntegerField(),
        "products": serializers.IntegerField(),
        "inventory_slots": serializers.IntegerField(),
        "inventory_units": serializers.IntegerField(),
        "sold_out_slots": serializers.IntegerField(),
        "by_region": inline_serializer(
            "RegionCount", {"region": serializers.CharField(), "machines": serializers.IntegerField()}, many=True
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
)


def page_of(items_serializer, name: str):
    return inline_serializer(
        name,
        {
            "items": items_serializer(many=True),
            "total": serializers.IntegerField(),
            "limit": serializers.IntegerField(),
            "offset": serializers.IntegerField(),
        },
    )


# --- DRF inputs of our own endpoints (400 in the platform's error shape) -----------------------


class InventoryLineSerializer(serializers.Serializer):
    product = serializers.CharField(max_length=100)
    quantity = serializers.IntegerField(min_value=0, max_value=100_000)


def unknown_products(names: list[str]) -> list[str]:
    return sorted(set(names) - set(selectors.product_names()))


def check_inventory(value: list[dict]) -> list[dict]:
    names = [line["product"] for line in value]
    if len(set(names)) != len(names):
        raise serializers.ValidationError("A product may appear only once.")
    unknown = unknown_products(names)
    if unknown:
        raise serializers.ValidationError(f"Unknown product(s): {', '.join(unknown)}; see /api/products.")
    return value


class MachineUpdateSerializer(serializers.Serializer):
    asset_tag = serializers.RegexField(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$", required=False)
    name = serializers.CharField(max_length=200, required=False)
    model = serializers.CharField(max_length=100, required=False, allow_blank=True)
    manufacturer = serializers.CharField(max_length=100, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=MachineStatus.choices, required=False)
    latitude = serializers.FloatField(min_value=-90, max_value=90, required=False)
    longitude = serializers.FloatField(min_value=-180, max_value=180, required=False)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    location_description = serializers.CharField(max_length=255, required=False, allow_blank=True, allow_null=True)
    city = serializers.CharField(max_length=100, required=False)
    region = serializers.CharField(max_length=64, required=False)
    country = serializers.CharField(max_length=64, required=False)
    capacity = serializers.IntegerField(min_value=0, max_value=100_000, required=False)
    installed_at = serializers.DateTimeField(required=False)
    last_serviced_at = serializers.DateTimeField(required=False, allow_null=True)


class InventoryInputSerializer(serializers.Serializer):
    items = InventoryLineSerializer(many=True, max_length=200)
    replace = serializers.BooleanField(
        default=True,
        help_text="true (default): the machine carries exactly these products afterwards; "
        "false: only the listed products change",
    )

    def validate_items(self, value: list[dict]) -> list[dict]:
        return check_inventory(value)


# --- request documentation of the contract's bodies (validated by fleet/contract.py) -----------


class MachineCreateDoc(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    latitude = serializers.FloatField(min_value=-90, max_value=90)
    longitude = serializers.FloatField(min_value=-180, max_value=180)
    city = serializers.CharField(max_length=100)
    region = serializers.CharField(max_length=64, help_text="free text, matched exactly (e.g. TX)")
    model = serializers.CharField(max_length=100, required=False, default="VendoMax 3000")
    manufacturer = serializers.CharField(max_length=100, required=False, default="Vendomo")
    status = serializers.ChoiceField(choices=MachineStatus.choices, required=False, default="operational")
    address = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    location_description = serializers.CharField(max_length=255, required=False, allow_null=True, default=None)
    country = serializers.CharField(max_length=64, required=False, default="USA")
    capacity = serializers.IntegerField(min_value=0, max_value=100_000, required=False, default=40)
    asset_tag = serializers.RegexField(
        r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$", required=False, allow_null=True, help_text="default: VM- + 8 hex"
    )
    installed_at = serializers.DateTimeField(required=False, allow_null=True)
    last_serviced_at = serializers.DateTimeField(required=False, allow_null=True)
    inventory = InventoryLineSerializer(many=True, required=False, max_length=200, help_text="ours; catalog names")


class ServiceLogCreateDoc(serializers.Serializer):
    machine_id = serializers.UUIDField()
    technician = serializers.CharField(max_length=120)
    type = serializers.CharField(max_length=16, required=False, default="inspection")
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
