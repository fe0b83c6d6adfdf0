"""Writes to the fleet. Every change to inventory, status, location or the set of machines announces
itself with `fleet.events.machines_changed` after commit (seeding with `reset` sends `fleet_reset`)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from fleet.catalog import PRODUCT_PRICES, REFILL_LEVEL
from fleet.events import fleet_reset, machines_changed
from fleet.generator import generate_fleet, generate_service_logs
from fleet.models import InventoryItem, Machine, MachineStatus, Product, ServiceLog, ServiceType

logger = logging.getLogger(__name__)

MAP_VERSION_KEY = "fleet:map:version"
MACHINE_FIELDS = (
    "asset_tag", "name", "model", "manufacturer", "status", "latitude", "longitude", "address",
    "location_description", "city", "region", "country", "capacity", "installed_at", "last_serviced_at",
)  # fmt: skip


class FleetNotEmpty(Exception):
    """Seeding refuses to mix a generated world into an existing fleet (use reset)."""


class UnknownProduct(ValueError):
    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted(set(names))
        super().__init__(f"Unknown product(s): {', '.join(self.names)}. See GET /api/products for the catalog.")


# --- events and cache --------------------------------------------------------------------------


def _send_changed(machine_ids: list[uuid.UUID]) -> None:
    for receiver, result in machines_changed.send_robust(sender=Machine, machine_ids=machine_ids):
        if isinstance(result, Exception):
            logger.error("machines_changed receiver %r failed: %s", receiver, result, exc_info=result)


def _send_reset() -> None:
    for receiver, result in fleet_reset.send_robust(sender=Machine):
        if isinstance(result, Exception):
            logger.error("fleet_reset receiver %r failed: %s", receiver, result, exc_info=result)


def _announce(machine_ids: Iterable[uuid.UUID], *, map_changed: bool = False) -> None:
    ids = list(dict.fromkeys(machine_ids))
    if not ids:
        return
    transaction.on_commit(lambda: _send_changed(ids))
    if map_changed:
        transaction.on_commit(map_cache_invalidate)


def map_cache_invalidate() -> None:
    """Markers are cached under a version number; bumping it retires every cached variant at once."""
    try:
        cache.incr(MAP_VERSION_KEY)
    except ValueError:
        cache.set(MAP_VERSION_KEY, 2, timeout=None)


def map_cache_version() -> int:
    return cache.get_or_set(MAP_VERSION_KEY, 1, timeout=None)


# --- catalog -----------------------------------------------------------------------------------


@transaction.atomic
def catalog_sync() -> dict[str, Product]:
    """Make sure every canonical product exists (prices of existing rows are left as set)."""
    existing = {p.name: p for p in Product.objects.all()}
    missing = [Product(name=name, price=price) for name, price in PRODUCT_PRICES.items() if name not in existing]
    if missing:
        Product.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {p.name: p for p in Product.objects.all()}
    return existing


def _products_by_name(names: Iterable[str]) -> dict[str, Product]:
    wanted = set(names)
    found = {p.name: p for p in Product.objects.filter(name__in=wanted)}
    if len(found) < len(wanted):
        # The catalog may not be in the table yet (a fresh database): add the canonical rows, retry.
        if wanted - found.keys() <= PRODUCT_PRICES.keys():
            catalog_sync()
            found = {p.name: p for p in Product.objects.filter(name__in=wanted)}
        if len(found) < len(wanted):
            raise UnknownProduct(wanted - found.keys())
    return found


# --- machines ----------------------------------------------------------------------------------


def _next_asset_tag() -> str:
    return f"VM-{uuid.uuid4().hex[:8].upper()}"


def _build_machine(data: dict) -> Machine:
    fields = {k: data[k] for k in MACHINE_FIELDS if k in data and data[k] is not None}
    for nullable in ("last_serviced_at", "location_description"):
        if nullable in data:
            fields[nullable] = data[nullable]
    fields.setdefault("asset_tag", _next_asset_tag())
    return Machine(id=data.get("id") or uuid.uuid4(), **fields)


def _inventory_rows(machine_id: uuid.UUID, items: Sequence[dict], products: dict[str, Product]) -> list[InventoryItem]:
    now = timezone.now()
    return [
        InventoryItem(machine_id=machine_id, product=products[i["product"]], quantity=i["quantity"], updated_at=now)
        for i in items
    ]


@transaction.atomic
def machine_create(*, data: dict, inventory: Sequence[dict] = ()) -> Machine:
    """One machine (and its inventory: `[{product, quantity}]`, product names from the catalog)."""
    products = _products_by_name(i["product"] for i in inventory)
    machine = _build_machine(data)
    machine.save(force_insert=True)
    InventoryItem.objects.bulk_create(_inventory_rows(machine.id, inventory, products))
    _announce([machine.id], map_changed=True)
    return machine


@transaction.atomic
def machines_bulk_create(*, rows: Sequence[dict]) -> list[Machine]:
    """Many machines in one transaction: all are inserted or none (a duplicate asset tag aborts all)."""
    products = _products_by_name(i["product"] for row in rows for i in row.get("inventory", ()))
    machines = [_build_machine(row) for row in rows]
    Machine.objects.bulk_create(machines, batch_size=2000)
    items: list[InventoryItem] = []
    for machine, row in zip(machines, rows, strict=True):
        items.extend(_inventory_rows(machine.id, row.get("inventory", ()), products))
    InventoryItem.objects.bulk_create(items, batch_size=5000)
    _announce([m.id for m in machines], map_changed=True)
    return machines


@transaction.atomic
def machine_update(*, machine: Machine, data: dict) -> Machine:
    """Change a machine's fields (status, location, names...)."""
    changed = [k for k in MACHINE_FIELDS if k in data and getattr(machine, k) != data[k]]
    for name in changed:
        setattr(machine, name, data[name])
    if changed:
        machine.save(update_fields=changed)
        _announce([machine.id], map_changed=True)
    return machine


@transaction.atomic
def machine_delete(*, machine: Machine) -> None:
    machine_id = machine.id
    machine.delete()
    _announce([machine_id], map_changed=True)


# --- inventory ---------------------------------------------------------------------------------


@transaction.atomic
def inventory_set(*, machine: Machine, items: Sequence[dict], replace: bool = False) -> list[InventoryItem]:
    """Set the quantities of `items` (`[{product, quantity}]`). With `replace`, products not listed are
    removed (the machine no longer carries them); otherwise other rows are left alone."""
    products = _products_by_name(i["product"] for i in items)
    Machine.objects.select_for_update().filter(pk=machine.pk).first()  # serialize writers of this machine
    now = timezone.now()
    if replace:
        InventoryItem.objects.filter(machine=machine).exclude(product__name__in=[i["product"] for i in items]).delete()
    rows = [
        InventoryItem(machine=machine, product=products[i["product"]], quantity=i["quantity"], updated_at=now)
        for i in items
    ]
    InventoryItem.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["machine", "product"],
        update_fields=["quantity", "updated_at"],
    )
    _announce([machine.id])
    return list(InventoryItem.objects.filter(machine=machine).select_related("product").order_by("product__name"))


@transaction.atomic
def sales_record(*, sales: Sequence[tuple[uuid.UUID, str]]) -> list[bool]:
    """Take one unit of each (machine, product) sold; a sale succeeds only if one is in stock.
    Returns, per sale, whether it went through."""
    if not sales:
        return []
    products = {p.name: p.id for p in Product.objects.filter(name__in={name for _, name in sales})}
    now = timezone.now()
    done: list[bool] = []
    changed: list[uuid.UUID] = []
    for machine_id, product in sales:
        product_id = products.get(product)
        ok = bool(
            product_id
            and InventoryItem.objects.filter(machine_id=machine_id, product_id=product_id, quantity__gt=0).update(
                quantity=F("quantity") - 1, updated_at=now
            )
        )
        done.append(ok)
        if ok:
            changed.append(machine_id)
    _announce(changed)
    return done


# --- service visits ----------------------------------------------------------------------------


@transaction.atomic
def service_log_create(
    *, machine: Machine, type: str, technician: str, notes: str = "", at: datetime | None = None
) -> ServiceLog:
    """Record a visit: sets `last_serviced_at`, turns `needs_service` into `operational`, and a
    `refill` brings every product the machine carries to the refill level."""
    at = at or timezone.now()
    log = ServiceLog.objects.create(machine=machine, type=type, technician=technician, notes=notes, created_at=at)
    status_changed = machine.status == MachineStatus.NEEDS_SERVICE
    machine.last_serviced_at = at
    if status_changed:
        machine.status = MachineStatus.OPERATIONAL
    machine.save(update_fields=["last_serviced_at", "status"])
    if type == ServiceType.REFILL:
        InventoryItem.objects.filter(machine=machine).update(quantity=REFILL_LEVEL, updated_at=at)
    if status_changed or type == ServiceType.REFILL:
        _announce([machine.id], map_changed=status_changed)
    return log


# --- seeding -----------------------------------------------------------------------------------


def _truncate_fleet() -> None:
    tables = [ServiceLog._meta.db_table, InventoryItem._meta.db_table, Machine._meta.db_table]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (model table names)


def _postgres_detach_indexes(cursor, table: str) -> list[str]:
    """Drop the secondary indexes and the foreign-key/unique/check constraints of an empty `table`,
    returning the statements that put them back. Building them once after a bulk load is far cheaper
    than maintaining them row by row (and deferred FK checks would queue a trigger event per row)."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('f', 'u', 'c')",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
        "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
        [table],
    )
    indexes = cursor.fetchall()
    restore = [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for name, definition in constraints]
    restore += [definition for _, definition in indexes]
    for name, _ in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return restore


def _copy_seed(machines: list, logs: list, products: dict[str, Product]) -> None:
    """Postgres: stream the rows in with COPY into tables whose secondary indexes and constraints are
    rebuilt once at the end (100k machines and ~1.1M inventory rows in seconds)."""
    machine_cols = ("id", *MACHINE_FIELDS, "created_at")
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        restore = _postgres_detach_indexes(cursor, InventoryItem._meta.db_table)
        restore += _postgres_detach_indexes(cursor, ServiceLog._meta.db_table)
        with cursor.copy(f"COPY {Machine._meta.db_table} ({', '.join(machine_cols)}) FROM STDIN") as copy:
            for m in machines:
                copy.write_row([getattr(m, c) for c in machine_cols])
        product_ids = {name: p.id for name, p in products.items()}
        with cursor.copy(
            f"COPY {InventoryItem._meta.db_table} (machine_id, product_id, quantity, updated_at) FROM STDIN"
        ) as copy:
            for m in machines:
                for name, quantity in m.inventory:
                    copy.write_row((m.id, product_ids[name], quantity, m.created_at))
        log_cols = ("id", "machine_id", "type", "technician", "notes", "created_at")
        with cursor.copy(f"COPY {ServiceLog._meta.db_table} ({', '.join(log_cols)}) FROM STDIN") as copy:
            for log in logs:
                copy.write_row([getattr(log, c) for c in log_cols])
        for statement in restore:
            cursor.execute(statement)
        cursor.execute(f"ANALYZE {Machine._meta.db_table}")
        cursor.execute(f"ANALYZE {InventoryItem._meta.db_table}")
        cursor.execute(f"ANALYZE {ServiceLog._meta.db_table}")


def _orm_seed(machines: list, logs: list, products: dict[str, Product]) -> None:
    Machine.objects.bulk_create(
        [Machine(id=m.id, created_at=m.created_at, **{c: getattr(m, c) for c in MACHINE_FIELDS}) for m in machines],
        batch_size=2000,
    )
    InventoryItem.objects.bulk_create(
        [
            InventoryItem(machine_id=m.id, product=products[name], quantity=q, updated_at=m.created_at)
            for m in machines
            for name, q in m.inventory
        ],
        batch_size=5000,
    )
    ServiceLog.objects.bulk_create(
        [
            ServiceLog(id=g.id, machine_id=g.machine_id, type=g.type, technician=g.technician, notes=g.notes,
                       created_at=g.created_at)
            for g in logs
        ],
        batch_size=5000,
    )  # fmt: skip


@transaction.atomic
def fleet_seed(*, count: int, seed: int = 42, reset: bool = False) -> int:
    """Create the generator's world of `count` machines (deterministic for `seed`). Refuses a
    non-empty fleet unless `reset`, which replaces the whole fleet. Returns the machines created."""
    if reset:
        _truncate_fleet()
    elif Machine.objects.exists():
        raise FleetNotEmpty("The fleet already has machines; seed with reset to replace them.")
    products = catalog_sync()
    machines = list(generate_fleet(count, seed=seed))
    logs = list(generate_service_logs(machines, seed=seed))
    if connection.vendor == "postgresql":
        _copy_seed(machines, logs, products)
    else:
        _orm_seed(machines, logs, products)
    transaction.on_commit(map_cache_invalidate)
    if reset:
        transaction.on_commit(_send_reset)
    else:
        _announce([m.id for m in machines])
    return len(machines)
