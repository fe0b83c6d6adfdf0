"""Vending machines, the product catalog, per-machine inventory and service logs."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone


class MachineStatus(models.TextChoices):
    OPERATIONAL = "operational", "Operational"
    NEEDS_SERVICE = "needs_service", "Needs service"
    OFFLINE = "offline", "Offline"


class Machine(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    asset_tag = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    model = models.CharField(max_length=100, blank=True, default="")
    manufacturer = models.CharField(max_length=100, blank=True, default="")
    status = models.CharField(max_length=16, choices=MachineStatus.choices, default=MachineStatus.OPERATIONAL)
    latitude = models.FloatField(validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(validators=[MinValueValidator(-180), MaxValueValidator(180)])
    address = models.CharField(max_length=255, blank=True, default="")
    location_description = models.CharField(max_length=255, blank=True, null=True, default="")
    city = models.CharField(max_length=100)
    region = models.CharField(max_length=64, help_text="US state code (e.g. NY) or free text, matched exactly")
    country = models.CharField(max_length=64, default="USA")
    capacity = models.PositiveIntegerField(default=40)
    installed_at = models.DateTimeField(default=timezone.now)
    last_serviced_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        db_table = "vending_machines"
        ordering = ["asset_tag"]
        indexes = [
            models.Index(fields=["status"], name="machine_status_idx"),
            models.Index(fields=["region", "city"], name="machine_region_city_idx"),
            models.Index(fields=["city"], name="machine_city_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="machine_coordinates_valid",
            ),
            models.CheckConstraint(condition=Q(status__in=MachineStatus.values), name="machine_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.asset_tag} {self.name}"


class Product(models.Model):
    name = models.CharField(max_length=100, unique=True)
    price = models.DecimalField(max_digits=8, decimal_places=2)

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=Q(price__gte=0), name="product_price_not_negative")]

    def __str__(self) -> str:
        return self.name


class InventoryItem(models.Model):
    machine = models.ForeignKey(Machine, on_delete=models.CASCADE, related_name="inventory")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="inventory")
    quantity = models.IntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="inventory_quantity_not_negative"),
            models.UniqueConstraint(fields=["machine", "product"], name="inventory_one_row_per_product"),
        ]
        indexes = [
            # "Who has product X in stock": a partial index over the rows with something to sell.
            models.Index(fields=["product", "machine"], condition=Q(quantity__gt=0), name="inventory_in_stock_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}×{self.quantity} @ {self.machine_id}"


class ServiceType(models.TextChoices):
    REFILL = "refill", "Refill"
    REPAIR = "repair", "Repair"
    INSPECTION = "inspection", "Inspection"


class ServiceLog(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    machine = models.ForeignKey(Machine, on_delete=models.CASCADE, related_name="service_logs")
    type = models.CharField(max_length=16, choices=ServiceType.choices)
    technician = models.CharField(max_length=120)
    notes = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["machine", "-created_at"], name="servicelog_machine_recent_idx"),
            models.Index(fields=["-created_at", "-id"], name="servicelog_recent_idx"),  # the feed
        ]

    def __str__(self) -> str:
        return f"{self.type} of {self.machine_id} by {self.technician}"
