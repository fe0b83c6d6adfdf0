"""Read-only admin views of the replication state (imported by `vectordb.admin`)."""

from django.contrib import admin

from vectordb.replication.models import ReplicatedWrite, ReplicationFence


class _ReadOnly(admin.ModelAdmin):
    """Written only by the leader, in the write's transaction: look, do not touch."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReplicationFence)
class ReplicationFenceAdmin(_ReadOnly):
    list_display = ("cluster", "epoch", "leader", "updated_at")


@admin.register(ReplicatedWrite)
class ReplicatedWriteAdmin(_ReadOnly):
    list_display = ("request_id", "op", "library_id", "ok", "version", "epoch", "leader", "created_at")
    list_filter = ("ok", "op", "cluster")
    search_fields = ("request_id",)
