from django.contrib import admin

from revenue.models import (
    DeadLetter,
    MachineRevenue,
    MinuteRevenue,
    ProductRevenue,
    RegionRevenue,
    RevenueTotals,
    TrimLoss,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Aggregates are written by the consumer only."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DeadLetter)
class DeadLetterAdmin(ReadOnlyAdmin):
    list_display = ["stream_id", "reason", "created_at"]
    search_fields = ["stream_id", "reason"]
    readonly_fields = ["stream_id", "fields", "reason", "created_at"]
    date_hierarchy = "created_at"


@admin.register(TrimLoss)
class TrimLossAdmin(ReadOnlyAdmin):
    list_display = ["detected_at", "lost", "after_id", "before_id"]


@admin.register(RevenueTotals)
class RevenueTotalsAdmin(ReadOnlyAdmin):
    list_display = ["stream", "total", "count", "dead_letters", "last_event_at"]


@admin.register(MachineRevenue)
class MachineRevenueAdmin(ReadOnlyAdmin):
    list_display = ["machine_id", "region", "total", "count", "last_sale_at"]
    list_filter = ["region"]
    ordering = ["-total"]
    show_full_result_count = False


@admin.register(RegionRevenue)
class RegionRevenueAdmin(ReadOnlyAdmin):
    list_display = ["region", "total", "count"]
    ordering = ["-total"]


@admin.register(ProductRevenue)
class ProductRevenueAdmin(ReadOnlyAdmin):
    list_display = ["product", "total", "count"]
    ordering = ["-total"]


@admin.register(MinuteRevenue)
class MinuteRevenueAdmin(ReadOnlyAdmin):
    list_display = ["minute", "total", "count"]
    ordering = ["-minute"]
