from django.contrib import admin

from fleet.models import InventoryItem, Machine, Product, ServiceLog


class InventoryInline(admin.TabularInline):
    model = InventoryItem
    extra = 0
    autocomplete_fields = ["product"]
    fields = ["product", "quantity", "updated_at"]


class ServiceLogInline(admin.TabularInline):
    model = ServiceLog
    extra = 0
    fields = ["type", "technician", "notes", "created_at"]
    ordering = ["-created_at"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-created_at")


@admin.register(Machine)
class MachineAdmin(admin.ModelAdmin):
    list_display = ["asset_tag", "name", "status", "city", "region", "last_serviced_at"]
    list_filter = ["status", "region"]
    search_fields = ["asset_tag", "name", "city", "address"]
    readonly_fields = ["id", "created_at"]
    inlines = [InventoryInline, ServiceLogInline]
    show_full_result_count = False  # counting 100k rows on every page is wasted work
    list_per_page = 50


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "price"]
    search_fields = ["name"]


@admin.register(InventoryItem)
class InventoryItemAdmin(admin.ModelAdmin):
    list_display = ["machine", "product", "quantity", "updated_at"]
    list_filter = ["product"]
    list_select_related = ["machine", "product"]
    raw_id_fields = ["machine"]
    search_fields = ["machine__asset_tag", "machine__name"]
    show_full_result_count = False


@admin.register(ServiceLog)
class ServiceLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "machine", "type", "technician"]
    list_filter = ["type"]
    list_select_related = ["machine"]
    raw_id_fields = ["machine"]
    search_fields = ["machine__asset_tag", "technician", "notes"]
    date_hierarchy = "created_at"
