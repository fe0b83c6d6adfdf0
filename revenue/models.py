"""Revenue aggregates built exactly once from the sales stream, and the consumer's bookkeeping."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

MONEY = {"max_digits": 18, "decimal_places": 2, "default": 0}


class MachineRevenue(models.Model):
    machine_id = models.UUIDField(primary_key=True)
    region = models.CharField(max_length=8)
    total = models.DecimalField(**MONEY)
    count = models.BigIntegerField(default=0)
    last_sale_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [models.Index(fields=["-total"], name="machinerevenue_top_idx")]

    def __str__(self) -> str:
        return f"{self.machine_id}: {self.total}"


class RegionRevenue(models.Model):
    region = models.CharField(max_length=8, primary_key=True)
    total = models.DecimalField(**MONEY)
    count = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.region}: {self.total}"


class ProductRevenue(models.Model):
    product = models.CharField(max_length=100, primary_key=True)
    total = models.DecimalField(**MONEY)
    count = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.product}: {self.total}"


class MinuteRevenue(models.Model):
    """Sales per minute of sale time (the `ts` of the entries), for the chart."""

    minute = models.DateTimeField(primary_key=True)
    total = models.DecimalField(**MONEY)
    count = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.minute:%Y-%m-%d %H:%M}: {self.total}"


class RevenueTotals(models.Model):
    """The grand total of one stream (one row per stream key)."""

    stream = models.CharField(max_length=200, primary_key=True)
    total = models.DecimalField(**MONEY)
    count = models.BigIntegerField(default=0)
    dead_letters = models.BigIntegerField(default=0)
    last_event_at = models.DateTimeField(null=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "revenue totals"

    def __str__(self) -> str:
        return f"{self.stream}: {self.total} ({self.count} sales)"


class ProcessedEntry(models.Model):
    """Every stream entry id applied to the aggregates, written in the same transaction as them:
    a redelivered entry finds its id here and is not counted again. Ids older than the stream's
    first entry can never be redelivered and are pruned."""

    pk = models.CompositePrimaryKey("ms", "seq")
    ms = models.BigIntegerField()
    seq = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.ms}-{self.seq}"


class DeadLetter(models.Model):
    stream_id = models.CharField(max_length=64, unique=True)
    fields = models.JSONField()
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.stream_id}: {self.reason}"


class TrimLoss(models.Model):
    """Entries trimmed from the stream before the group read them, detected from XINFO
    (entries-added minus the group's entries-read minus what the stream still holds)."""

    after_id = models.CharField(max_length=64, unique=True, help_text="the group's last delivered id")
    before_id = models.CharField(max_length=64, help_text="the stream's first entry when detected")
    lost = models.BigIntegerField(null=True, help_text="null: Redis < 7 cannot count them")
    detected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-detected_at"]
        verbose_name_plural = "trim losses"

    def __str__(self) -> str:
        return f"{self.lost if self.lost is not None else '?'} lost after {self.after_id}"
