"""Chunks: listing, bulk upsert, bulk delete, one chunk."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from vectordb import selectors, services
from vectordb.apis.common import (
    PAGE_PARAMS,
    LibraryScopedApi,
    _body,
    _int_param,
    _page,
    _validated,
    page_serializer,
)
from vectordb.apis.serializers import (
    ChunkBulkDeleteInputSerializer,
    ChunkBulkDeleteOutputSerializer,
    ChunkOutputSerializer,
    ChunkUpdateInputSerializer,
    ChunkUpsertInputSerializer,
    ChunkUpsertOutputSerializer,
)
from vectordb.models import Chunk


# --- chunks ----------------------------------------------------------------------------------
class ChunkCollectionApi(LibraryScopedApi):
    @extend_schema(
        operation_id="vectordb_chunks_list",
        summary="Chunks of a library",
        parameters=[
            *PAGE_PARAMS,
            OpenApiParameter("document", OpenApiTypes.INT, description="Only this document's chunks."),
            OpenApiParameter("with_embedding", OpenApiTypes.BOOL, description="Include the embeddings."),
        ],
        responses=page_serializer("ChunkPage", ChunkOutputSerializer),
    )
    def get(self, request: Request, library_id: int) -> Response:
        library = self.library(library_id)
        document_id = None
        if request.query_params.get("document"):
            document_id = _int_param(request, "document", 0, 0, 2**63 - 1)
        qs = selectors.chunk_list(library=library, document_id=document_id)
        with_embedding = request.query_params.get("with_embedding", "").lower() in ("1", "true", "yes")
        return _page(request, qs, ChunkOutputSerializer, with_embedding=with_embedding)

    @extend_schema(
        operation_id="vectordb_chunks_upsert",
        summary="Insert or replace chunks in bulk (up to 50,000 a request), all or nothing",
        request=ChunkUpsertInputSerializer,
        responses=ChunkUpsertOutputSerializer,
    )
    def post(self, request: Request, library_id: int) -> Response:
        library = self.library(library_id)
        chunks = _body(request).get("chunks")
        created = services.chunks_upsert(library=library, chunks=chunks)
        return Response({"ids": [c.pk for c in created], "count": len(created)})


class ChunkBulkDeleteApi(LibraryScopedApi):
    @extend_schema(
        operation_id="vectordb_chunks_bulk_delete",
        summary="Delete chunks by id",
        request=ChunkBulkDeleteInputSerializer,
        responses=ChunkBulkDeleteOutputSerializer,
    )
    def post(self, request: Request, library_id: int) -> Response:
        library = self.library(library_id)
        data = _validated(ChunkBulkDeleteInputSerializer, _body(request))
        return Response({"deleted": services.chunks_delete(library=library, chunk_ids=data["ids"])})


class ChunkDetailApi(LibraryScopedApi):
    def chunk(self, library_id: int, chunk_id: int) -> Chunk:
        library = self.library(library_id)
        chunk = Chunk.objects.filter(library=library, pk=chunk_id).select_related("library").first()
        if chunk is None:
            raise NotFound("No such chunk in this library.")
        return chunk

    @extend_schema(
        operation_id="vectordb_chunks_retrieve",
        summary="One chunk, with its embedding",
        responses=ChunkOutputSerializer,
    )
    def get(self, request: Request, library_id: int, chunk_id: int) -> Response:
        return Response(ChunkOutputSerializer(self.chunk(library_id, chunk_id), context={"with_embedding": True}).data)

    @extend_schema(
        operation_id="vectordb_chunks_update",
        summary="Change a chunk (a new text is re-embedded when the library has a provider)",
        request=ChunkUpdateInputSerializer,
        responses=ChunkOutputSerializer,
    )
    def patch(self, request: Request, library_id: int, chunk_id: int) -> Response:
        chunk = self.chunk(library_id, chunk_id)
        data = _validated(ChunkUpdateInputSerializer, _body(request))
        updated = services.chunk_update(chunk=chunk, **data)
        return Response(ChunkOutputSerializer(updated, context={"with_embedding": True}).data)

    @extend_schema(operation_id="vectordb_chunks_destroy", summary="Delete a chunk", responses={204: None})
    def delete(self, request: Request, library_id: int, chunk_id: int) -> Response:
        services.chunk_delete(chunk=self.chunk(library_id, chunk_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
