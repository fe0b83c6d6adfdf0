"""Pages, clusters and clicks in the admin, read-only: they are written only by the clustering service
(editing a cluster's sums by hand would break the rule's state). Deleting a page removes its data."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from clicks.models import Click, ClickCluster, ClickPage


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ClusterInline(admin.TabularInline):
    model = ClickCluster
    extra = 0
    fields = ["idx", "count", "centroid", "created_at", "updated_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description="centroid")
    def centroid(self, obj: ClickCluster) -> str:
        return f"({obj.centroid_x:.4f}, {obj.centroid_y:.4f})"


@admin.register(ClickPage)
class ClickPageAdmin(ReadOnlyAdmin):
    list_display = ["uuid", "click_count", "created_at", "last_click_at"]
    search_fields = ["uuid"]
    date_hierarchy = "last_click_at"
    inlines = [ClusterInline]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(ClickCluster)
class ClickClusterAdmin(ReadOnlyAdmin):
    list_display = ["page", "idx", "count", "centroid", "created_at", "updated_at"]
    list_select_related = ["page"]
    search_fields = ["page__uuid"]
    readonly_fields = ["centroid"]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description="centroid")
    def centroid(self, obj: ClickCluster) -> str:
        return f"({obj.centroid_x:.4f}, {obj.centroid_y:.4f})"


@admin.register(Click)
class ClickAdmin(ReadOnlyAdmin):
    list_display = ["id", "page", "x", "y", "cluster_idx", "is_new_cluster", "created_at"]
    list_select_related = ["page", "cluster"]
    list_filter = ["is_new_cluster"]
    search_fields = ["page__uuid"]
    date_hierarchy = "created_at"

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description="cluster", ordering="cluster__idx")
    def cluster_idx(self, obj: Click) -> int:
        return obj.cluster.idx
