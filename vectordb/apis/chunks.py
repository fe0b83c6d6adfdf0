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
    PATH_IDS,
    LibraryScopedApi,
    _body,
    _page,
    _uuid_param,
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
from vectordb.public_ids import public_id


# --- chunks ----------------------------------------------------------------------------------
@extend_schema(parameters=PATH_IDS["library"])
class ChunkCollectionApi(LibraryScopedApi):
    @extend_schema(
        operation_id="vectordb_chunks_list",
        summary="Chunks of a library",
        parameters=[
            *PAGE_PARAMS,
            OpenApiParameter("document", OpenApiTypes.UUID, description="Only this document's chunks (its id)."),
            OpenApiParameter("with_embedding", OpenApiTypes.BOOL, description="Include the embeddings."),
        ],
        responses=page_serializer("ChunkPage", ChunkOutputSerializer),
    )
    def get(self, request: Request, library_id: str) -> Response:
        library = self.library(library_id)
        qs = selectors.chunk_list(library=library, document_uuid=_uuid_param(request, "document"))
        with_embedding = request.query_params.get("with_embedding", "").lower() in ("1", "true", "yes")
        return _page(request, qs, ChunkOutputSerializer, with_embedding=with_embedding)

    @extend_schema(
        operation_id="vectordb_chunks_upsert",
        summary="Insert or replace chunks in bulk (up to 50,000 a request), all or nothing",
        request=ChunkUpsertInputSerializer,
        responses=ChunkUpsertOutputSerializer,
    )
    def post(self, request: Request, library_id: str) -> Response:
        library = self.library(library_id)
        chunks = _body(request).get("chunks")
        created = services.chunks_upsert(library=library, chunks=chunks)
        return Response({"ids": [c.uuid for c in created], "count": len(created)})


@extend_schema(parameters=PATH_IDS["library"])
class ChunkBulkDeleteApi(LibraryScopedApi):
    @extend_schema(
        operation_id="vectordb_chunks_bulk_delete",
        summary="Delete chunks by id",
        request=ChunkBulkDeleteInputSerializer,
        responses=ChunkBulkDeleteOutputSerializer,
    )
    def post(self, request: Request, library_id: str) -> Response:
        library = self.library(library_id)
        data = _validated(ChunkBulkDeleteInputSerializer, _body(request))
        return Response({"deleted": services.chunks_delete(library=library, chunk_ids=data["ids"])})


@extend_schema(parameters=PATH_IDS["chunk"])
class ChunkDetailApi(LibraryScopedApi):
    def chunk(self, library_id: str, chunk_id: str) -> Chunk:
        library = self.library(library_id)
        chunk_uuid = public_id(chunk_id, "chunk_id")
        chunk = Chunk.objects.filter(library=library, uuid=chunk_uuid).select_related("document").first()
        if chunk is None:
            raise NotFound("No such chunk in this library.")
        chunk.library = library
        return chunk

    @extend_schema(
        operation_id="vectordb_chunks_retrieve",
        summary="One chunk, with its embedding",
        responses=ChunkOutputSerializer,
    )
    def get(self, request: Request, library_id: str, chunk_id: str) -> Response:
        return Response(ChunkOutputSerializer(self.chunk(library_id, chunk_id), context={"with_embedding": True}).data)

    @extend_schema(
        operation_id="vectordb_chunks_update",
        summary="Change a chunk (a new text is re-embedded when the library has a provider)",
        request=ChunkUpdateInputSerializer,
        responses=ChunkOutputSerializer,
    )
    def patch(self, request: Request, library_id: str, chunk_id: str) -> Response:
        chunk = self.chunk(library_id, chunk_id)
        data = _validated(ChunkUpdateInputSerializer, _body(request))
        updated = services.chunk_update(chunk=chunk, **data)
        return Response(ChunkOutputSerializer(updated, context={"with_embedding": True}).data)

    @extend_schema(operation_id="vectordb_chunks_destroy", summary="Delete a chunk", responses={204: None})
    def delete(self, request: Request, library_id: str, chunk_id: str) -> Response:
        services.chunk_delete(chunk=self.chunk(library_id, chunk_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
