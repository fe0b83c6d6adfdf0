from django.urls import path

from vectordb import apis

app_name = "vectordb"

LIB = "api/vectordb/libraries/<str:library_id>"

urlpatterns = [
    path("api/vectordb/libraries", apis.LibraryCollectionApi.as_view(), name="library-list"),
    path(LIB, apis.LibraryDetailApi.as_view(), name="library-detail"),
    path(f"{LIB}/documents", apis.DocumentCollectionApi.as_view(), name="document-list"),
    path(f"{LIB}/documents/<str:document_id>", apis.DocumentDetailApi.as_view(), name="document-detail"),
    path(f"{LIB}/chunks", apis.ChunkCollectionApi.as_view(), name="chunk-list"),
    path(f"{LIB}/chunks/delete", apis.ChunkBulkDeleteApi.as_view(), name="chunk-bulk-delete"),
    path(f"{LIB}/chunks/<str:chunk_id>", apis.ChunkDetailApi.as_view(), name="chunk-detail"),
    path(f"{LIB}/query", apis.LibraryQueryApi.as_view(), name="library-query"),
    path(f"{LIB}/query/batch", apis.LibraryBatchQueryApi.as_view(), name="library-query-batch"),
    path(f"{LIB}/index", apis.IndexBuildCollectionApi.as_view(), name="index-build-list"),
    path(f"{LIB}/index/<str:build_id>", apis.IndexBuildDetailApi.as_view(), name="index-build-detail"),
]
