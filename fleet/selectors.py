"""Reads of the fleet. Other apps (search, revenue) use these, never the models' tables directly."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from functools import lru_cache

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from fleet.catalog import SORTED_PRODUCT_NAMES
from fleet.models import InventoryItem, Machine, MachineStatus, Product, ServiceLog

RECENT_SERVICE_LOGS = 20


def stock_rows(*, machine_ids: list | None = None) -> Iterator[tuple[uuid.UUID, str, int, str, float, float]]:
    """(machine_id, product_name, quantity, status, latitude, longitude) for every inventory row, streamed."""
    rows = InventoryItem.objects.all()
    if machine_ids is not None:
        rows = rows.filter(machine_id__in=list(machine_ids))
    yield from rows.values_list(
        "machine_id", "product__name", "quantity", "machine__status", "machine__latitude", "machine__longitude"
    ).iterator(chunk_size=5000)


def machines_by_ids(*, ids: Iterable) -> dict[uuid.UUID, Machine]:
    wanted = list(ids)
    result: dict[uuid.UUID, Machine] = {}
    for start in range(0, len(wanted), 5000):
        for machine in Machine.objects.filter(pk__in=wanted[start : start + 5000]):
            result[machine.id] = machine
    return result


CARD_FIELDS = (
    "id", "asset_tag", "name", "address", "city", "region", "location_description", "status", "latitude", "longitude",
)  # fmt: skip


def machine_cards_by_ids(*, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dict[str, object]]:
    """The public fields of these machines (CARD_FIELDS) as dicts, in one query: the search's hot path.

    The same rows as `machines_by_ids`, without the ORM's compiling a query and building model instances for
    every request: 0.4 ms against 1.8 ms for five machines on Postgres here (the search's largest cost). The
    statement is built once from the model's own table and column names, so a renamed column cannot be missed."""
    wanted = list(ids)
    if not wanted:
        return {}
    sql = _card_statement()
    pk = Machine._meta.pk
    result: dict[uuid.UUID, dict[str, object]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        params = [pk.get_db_prep_value(value, connection) for value in chunk]
        with connection.cursor() as cursor:
            cursor.execute(sql.format(", ".join(["%s"] * len(params))), params)
            for row in cursor.fetchall():
                card = dict(zip(CARD_FIELDS, row, strict=True))
                card["id"] = pk.to_python(card["id"])
                result[card["id"]] = card
    return result


@lru_cache(maxsize=1)
def _card_statement() -> str:
    """`SELECT <card columns> FROM <machines> WHERE <pk> IN ({})`: the `{}` takes the placeholders."""
    quote = connection.ops.quote_name
    select = ", ".join(quote(Machine._meta.get_field(name).column) for name in CARD_FIELDS)
    table, key = quote(Machine._meta.db_table), quote(Machine._meta.pk.column)
    return f"SELECT {select} FROM {table} WHERE {key} IN ({{}})"  # noqa: S608 (the model's own quoted names)


def existing_machine_ids(*, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    wanted = list(ids)
    found: set[uuid.UUID] = set()
    for start in range(0, len(wanted), 5000):
        found.update(Machine.objects.filter(pk__in=wanted[start : start + 5000]).values_list("id", flat=True))
    return found


def product_names() -> list[str]:
    """The sorted canonical product names (the catalog table once seeded, the reference list before)."""
    names = list(Product.objects.order_by("name").values_list("name", flat=True))
    return names or list(SORTED_PRODUCT_NAMES)


def product_list() -> QuerySet[Product]:
    return Product.objects.order_by("name")


def machine_list(*, status: str | None = None, region: str | None = None, q: str | None = None) -> QuerySet[Machine]:
    machines = Machine.objects.all()
    if status:
        machines = machines.filter(status=status)
    if region:
        machines = machines.filter(region=region)  # exact and case-sensitive, as the original
    if q:
        machines = machines.filter(name__icontains=q)  # the name only, as the original
    return machines.order_by("asset_tag")


def machine_map_markers(*, status: str | None = None, region: str | None = None) -> list[dict]:
    machines = Machine.objects.all()
    if status:
        machines = machines.filter(status=status)
    if region:
        machines = machines.filter(region__iexact=region)
    return [
        {"id": str(mid), "name": name, "status": st, "latitude": lat, "longitude": lon, "city": city, "region": reg}
        for mid, name, st, lat, lon, city, reg in machines.order_by("asset_tag").values_list(
            "id", "name", "status", "latitude", "longitude", "city", "region"
        )
    ]


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _label(name: str, last_serviced_at) -> str:
    if last_serviced_at is None:
        return f"{name} — never serviced"
    d = last_serviced_at
    return f"{name} — last serviced {_MONTHS[d.month - 1]} {d.day}, {d.year}"


def client_map_markers(*, status: str | None = None, region: str | None = None) -> list[dict]:
    """The Vendomo client's markers `{id, name, lat, lng, status, label}`: every machine (the original
    left out the never-serviced ones), by asset tag."""
    machines = Machine.objects.all()
    if status:
        machines = machines.filter(status=status)
    if region:
        machines = machines.filter(region=region)
    rows = machines.order_by("asset_tag").values_list(
        "id", "name", "latitude", "longitude", "status", "last_serviced_at"
    )
    return [
        {"id": str(mid), "name": name, "lat": lat, "lng": lng, "status": st, "label": _label(name, serviced)}
        for mid, name, lat, lng, st, serviced in rows
    ]


def client_stats() -> dict:
    """The Vendomo client's `/api/stats`: by_status and by_region are objects (regions by count,
    descending; ties by code), needs_service = by_status.needs_service."""
    totals = Machine.objects.aggregate(
        total=Count("id"), never_serviced=Count("id", filter=Q(last_serviced_at__isnull=True))
    )
    by_status = dict(
        Machine.objects.values("status").annotate(n=Count("id")).order_by("-n", "status").values_list("status", "n")
    )
    by_region = dict(
        Machine.objects.values("region").annotate(n=Count("id")).order_by("-n", "region").values_list("region", "n")
    )
    return {
        "total_machines": totals["total"],
        "by_status": by_status,
        "by_region": by_region,
        "needs_service": by_status.get(MachineStatus.NEEDS_SERVICE, 0),
        "never_serviced": totals["never_serviced"],
    }


def machine_detail(*, machine_id: uuid.UUID) -> Machine | None:
    return (
        Machine.objects.filter(pk=machine_id)
        .prefetch_related(
            Prefetch("inventory", queryset=InventoryItem.objects.select_related("product").order_by("product__name"))
        )
        .first()
    )


def machine_recent_service_logs(*, machine_id: uuid.UUID, limit: int = RECENT_SERVICE_LOGS) -> list[ServiceLog]:
    return list(ServiceLog.objects.filter(machine_id=machine_id).order_by("-created_at", "-id")[:limit])


def service_log_list(*, machine_id: uuid.UUID | None = None, type: str | None = None) -> QuerySet[ServiceLog]:
    logs = ServiceLog.objects.all()
    if machine_id:
        logs = logs.filter(machine_id=machine_id)
    if type:
        logs = logs.filter(type=type)
    return logs.order_by("-created_at", "-id")


def fleet_stats() -> dict:
    machines = Machine.objects.aggregate(
        total=Count("id"),
        operational=Count("id", filter=Q(status=MachineStatus.OPERATIONAL)),
        needs_service=Count("id", filter=Q(status=MachineStatus.NEEDS_SERVICE)),
        offline=Count("id", filter=Q(status=MachineStatus.OFFLINE)),
        never_serviced=Count("id", filter=Q(last_serviced_at__isnull=True)),
    )
    inventory = InventoryItem.objects.aggregate(
        slots=Count("id"), units=Sum("quantity"), sold_out=Count("id", filter=Q(quantity=0))
    )
    regions = list(Machine.objects.values("region").annotate(machines=Count("id")).order_by("-machines", "region"))
    cities = list(
        Machine.objects.values("city", "region").annotate(machines=Count("id")).order_by("-machines", "city")[:50]
    )
    return {
        "machines": machines["total"],
        "by_status": {
            MachineStatus.OPERATIONAL: machines["operational"],
            MachineStatus.NEEDS_SERVICE: machines["needs_service"],
            MachineStatus.OFFLINE: machines["offline"],
        },
        "never_serviced": machines["never_serviced"],
        "products": Product.objects.count(),
        "inventory_slots": inventory["slots"],
        "inventory_units": inventory["units"] or 0,
        "sold_out_slots": inventory["sold_out"],
        "by_region": regions,
        "top_cities": cities,
    }


def machine_regions(*, limit: int | None = None) -> list[tuple[uuid.UUID, str]]:
    rows = Machine.objects.order_by("asset_tag").values_list("id", "region")
    if limit:
        rows = rows[:limit]
    return list(rows)


def product_prices() -> dict[str, object]:
    return dict(Product.objects.values_list("name", "price"))


def fleet_is_empty() -> bool:
    return not Machine.objects.exists()


def asset_tags_taken(*, tags: Iterable[str]) -> set[str]:
    wanted = list(tags)
    taken: set[str] = set()
    for start in range(0, len(wanted), 5000):
        taken.update(
            Machine.objects.filter(asset_tag__in=wanted[start : start + 5000]).values_list("asset_tag", flat=True)
        )
    return taken


def in_stock_products(*, machine_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """machine id -> products with quantity > 0, for machines that are not offline."""
    stock: dict[uuid.UUID, list[str]] = {}
    rows = (
        InventoryItem.objects.filter(machine_id__in=set(machine_ids), quantity__gt=0)
        .exclude(machine__status=MachineStatus.OFFLINE)
        .values_list("machine_id", "product__name")
        .order_by("machine_id", "product__name")
    )
    for machine_id, name in rows:
        stock.setdefault(machine_id, []).append(name)
    return stock
