from django.contrib import admin

from vectordb import services
from vectordb.models import Chunk, Document, IndexBuild, IndexSnapshot, Library


@admin.register(Library)
class LibraryAdmin(admin.ModelAdmin):
    list_display = ("name", "uuid", "project", "dimension", "metric", "index_type", "embedding_provider", "version")
    list_filter = ("metric", "index_type")
    search_fields = ("name", "description")
    readonly_fields = ("uuid", "version", "index_generation", "log_floor", "created_at", "updated_at")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "uuid", "library", "created_at")
    search_fields = ("title",)
    readonly_fields = ("uuid",)
    raw_id_fields = ("library",)

    # Deleting a document deletes its chunks: through the service, so the change log records it
    # and every process's index drops them.
    def delete_model(self, request, obj: Document) -> None:
        services.document_delete(document=obj)

    def delete_queryset(self, request, queryset) -> None:
        for document in queryset:
            services.document_delete(document=document)


@admin.register(Chunk)
class ChunkAdmin(admin.ModelAdmin):
    list_display = ("id", "uuid", "library", "document", "seq", "updated_at")
    raw_id_fields = ("library", "document")
    readonly_fields = ("uuid", "seq", "embedding")
    search_fields = ("text",)

    def has_add_permission(self, request) -> bool:
        return False  # chunks are written through the API (versioned, logged); deletes go through it too

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def delete_model(self, request, obj: Chunk) -> None:
        services.chunk_delete(chunk=obj)

    def delete_queryset(self, request, queryset) -> None:
        by_library: dict[int, list] = {}
        for chunk_id, library_id in queryset.values_list("uuid", "library_id"):
            by_library.setdefault(library_id, []).append(chunk_id)
        for library_id, ids in by_library.items():
            services.chunks_delete(library=Library.objects.get(pk=library_id), chunk_ids=ids)


@admin.register(IndexBuild)
class IndexBuildAdmin(admin.ModelAdmin):
    list_display = ("id", "uuid", "library", "index_type", "status", "progress", "created_at", "finished_at")
    list_filter = ("status", "index_type")
    readonly_fields = [f.name for f in IndexBuild._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(IndexSnapshot)
class IndexSnapshotAdmin(admin.ModelAdmin):
    list_display = (
        "id", "library", "generation", "index_type", "seq", "vector_count", "size_bytes", "file_name", "created_at"
    )  # fmt: skip
    exclude = ("data",)
    readonly_fields = (
        "library", "generation", "index_type", "index_params", "seq", "vector_count", "size_bytes",
        "file_name", "token", "checksum",
    )  # fmt: skip

    def has_add_permission(self, request) -> bool:
        return False

    def delete_model(self, request, obj) -> None:
        from vectordb.snapshots.store import remove_files

        super().delete_model(request, obj)
        remove_files([obj.file_name])

    def delete_queryset(self, request, queryset) -> None:
        from vectordb.snapshots.store import remove_files

        names = list(queryset.values_list("file_name", flat=True))
        super().delete_queryset(request, queryset)
        remove_files(names)


# Replication state (fence, applied write requests): read-only views.
import vectordb.replication.admin  # noqa: E402, F401
