"""REST API of the vector database. Views parse, call a service or selector, and format.

Everything lives under a library, and a library under a project: a project API key reaches only
its own project's libraries (403 otherwise); unknown ids are 404. Bad values are 422 with
`errors` naming the field (`chunks[3].embedding`), malformed requests 400.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ParseError, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import ApiKey
from accounts.permissions import HasProjectAccess
from accounts.selectors import project_ids_for, project_list_accessible
from core.exceptions import ServiceUnavailable, Unprocessable
from vectordb import selectors, services
from vectordb.models import Chunk, Document, IndexBuild, Library

MAX_PAGE = 1000


# --- helpers ---------------------------------------------------------------------------------
def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ParseError(f"`{name}` must be an integer.") from None
    if not low <= value <= high:
        raise ParseError(f"`{name}` must be from {low} to {high}.")
    return value


def _page(request: Request, qs, serializer_cls, **context: Any) -> Response:
    limit = _int_param(request, "limit", 100, 1, MAX_PAGE)
    offset = _int_param(request, "offset", 0, 0, 2**31)
    total = qs.count()
    items = qs[offset : offset + limit]
    return Response(
        {
            "count": total,
            "limit": limit,
            "offset": offset,
            "results": serializer_cls(items, many=True, context=context).data,
        }
    )


def _body(request: Request) -> dict:
    if not isinstance(request.data, dict):
        raise ParseError("The body must be a JSON object.")
    return request.data


def _validated(serializer_cls, data: Any, **kwargs: Any) -> dict:
    serializer = serializer_cls(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def page_serializer(name: str, item: type[serializers.Serializer]) -> serializers.Serializer:
    return inline_serializer(
        name=name,
        fields={
            "count": serializers.IntegerField(),
            "limit": serializers.IntegerField(),
            "offset": serializers.IntegerField(),
            "results": item(many=True),
        },
    )


PAGE_PARAMS = [
    OpenApiParameter("limit", OpenApiTypes.INT, description=f"Page size, 1 to {MAX_PAGE} (default 100)."),
    OpenApiParameter("offset", OpenApiTypes.INT, description="Items to skip (default 0)."),
]


class LibraryScopedApi(APIView):
    """Views under `/api/vectordb/libraries/{library_id}`: the library must be reachable."""

    permission_classes = [HasProjectAccess]

    def library(self, library_id: int) -> Library:
        library = Library.objects.filter(pk=library_id).first()
        if library is None:
            raise NotFound("No such library.")
        self.check_object_permissions(self.request, library)
        return library


# --- serializers -----------------------------------------------------------------------------
@extend_schema_field({"type": "array", "items": {"type": "number"}, "nullable": True})
class VectorField(serializers.Field):
    """Passed through as sent: the service checks length, NaN and infinity (422, not 400)."""

    def to_internal_value(self, data: Any) -> Any:
        return data

    def to_representation(self, value: Any) -> Any:
        return value


class LibraryOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    name = serializers.CharField()
    description = serializers.CharField()
    metadata = serializers.JSONField()
    dimension = serializers.IntegerField()
    metric = serializers.CharField()
    index_type = serializers.CharField()
    index_params = serializers.JSONField()
    embedding_provider = serializers.CharField(allow_null=True)
    version = serializers.IntegerField(help_text="Sequence number of the last write.")
    index_generation = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class LibraryCreateInputSerializer(serializers.Serializer):
    project = serializers.IntegerField(
        required=False, help_text="The project; optional with an API key (the key's project)."
    )
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    metadata = serializers.JSONField(required=False, default=dict)
    dimension = serializers.IntegerField(required=False, allow_null=True, help_text="Optional with a provider.")
    metric = serializers.CharField(required=False, default="cosine", help_text="cosine, dot or euclidean.")
    index_type = serializers.CharField(required=False, default="flat", help_text="flat, ivf or hnsw.")
    index_params = serializers.JSONField(required=False, default=dict)
    embedding_provider = serializers.CharField(
        required=False, allow_null=True, help_text="Default `minilm` when no `dimension` is given (raw vectors)."
    )

    def validate(self, attrs: dict) -> dict:
        if "embedding_provider" not in attrs:  # only a name: text in, vectors by the default embedder
            from vectordb.embeddings import DEFAULT_PROVIDER

            attrs["embedding_provider"] = None if attrs.get("dimension") else DEFAULT_PROVIDER
        return attrs


class LibraryUpdateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    metadata = serializers.JSONField(required=False)
    embedding_provider = serializers.CharField(required=False, allow_blank=True)


class DocumentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    library = serializers.IntegerField(source="library_id")
    title = serializers.CharField()
    metadata = serializers.JSONField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class DocumentInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500, allow_blank=True)
    metadata = serializers.JSONField(required=False, default=dict)


class DocumentUpdateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500, allow_blank=True, required=False)
    metadata = serializers.JSONField(required=False)


class ChunkOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    document_id = serializers.IntegerField()
    text = serializers.CharField()
    metadata = serializers.JSONField()
    embedding = serializers.SerializerMethodField()
    seq = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(serializers.ListField(child=serializers.FloatField(), allow_null=True))
    def get_embedding(self, obj: Chunk) -> list[float] | None:
        if not self.context.get("with_embedding"):
            return None
        import numpy as np

        return np.frombuffer(bytes(obj.embedding), dtype="<f4").tolist()


class ChunkUpsertItemSerializer(serializers.Serializer):
    """Documents the shape; the service validates (fast, numpy) and answers 422 on bad values."""

    id = serializers.IntegerField(required=False, help_text="Set to replace an existing chunk.")
    document_id = serializers.IntegerField()
    text = serializers.CharField(required=False, allow_blank=True)
    embedding = serializers.ListField(
        child=serializers.FloatField(), required=False, help_text="Optional with an embedding_provider."
    )
    metadata = serializers.DictField(required=False)


class ChunkUpsertInputSerializer(serializers.Serializer):
    chunks = ChunkUpsertItemSerializer(many=True)


class ChunkUpsertOutputSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField())
    count = serializers.IntegerField()


class ChunkBulkDeleteInputSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1), max_length=50_000)


class ChunkBulkDeleteOutputSerializer(serializers.Serializer):
    deleted = serializers.IntegerField()


class ChunkUpdateInputSerializer(serializers.Serializer):
    document_id = serializers.IntegerField(required=False)
    text = serializers.CharField(required=False, allow_blank=True)
    embedding = VectorField(required=False, help_text="A list of `dimension` numbers.")
    metadata = serializers.JSONField(required=False)


def hit_fields_field() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=selectors.HIT_FIELDS),
        required=False,
        allow_empty=False,
        help_text=(
            "The hit fields to return (default all). Only `chunk_id`, `score` and `document_id`: "
            "answered from the in-memory index, without reading the chunks from the database."
        ),
    )


class QueryInputSerializer(serializers.Serializer):
    embedding = VectorField(
        required=False, allow_null=True, help_text="The query vector: a list of `dimension` numbers."
    )
    text = serializers.CharField(
        required=False, allow_null=True, help_text="A text, embedded by the library's provider."
    )
    k = serializers.IntegerField(required=False, default=10)
    filter = serializers.JSONField(required=False, allow_null=True, help_text="A metadata filter (see README).")
    index = serializers.CharField(
        required=False, allow_null=True, help_text="'flat' forces exact search; default: the library's index."
    )
    params = serializers.JSONField(
        required=False, allow_null=True, help_text="Index search parameters: HNSW `ef`, IVF `nprobe`."
    )
    explain = serializers.BooleanField(required=False, default=False)
    fields = hit_fields_field()

    def validate(self, attrs: dict) -> dict:
        if attrs.get("embedding") is not None and attrs.get("text") is not None:
            both = "send either embedding or text, not both"
            raise serializers.ValidationError({"embedding": [both], "text": [both]})
        return attrs


class QueryHitSerializer(serializers.Serializer):
    """Documents a hit (the views build hits with `selectors.hits_payload`); all fields unless the
    query named `fields`."""

    chunk_id = serializers.IntegerField(required=False)
    score = serializers.FloatField(
        required=False, help_text="Higher is better: cosine, dot, or minus the euclidean distance."
    )
    text = serializers.CharField(required=False)
    metadata = serializers.JSONField(required=False)
    document_id = serializers.IntegerField(required=False)
    document_title = serializers.CharField(required=False)


class QueryOutputSerializer(serializers.Serializer):
    hits = QueryHitSerializer(many=True)
    plan = serializers.JSONField(required=False, help_text="How the query was answered (with `explain`).")


class IndexBuildInputSerializer(serializers.Serializer):
    index_type = serializers.CharField(required=False, allow_null=True, help_text="flat, ivf or hnsw.")
    index_params = serializers.JSONField(required=False, allow_null=True)


class IndexBuildOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    library = serializers.IntegerField(source="library_id")
    index_type = serializers.CharField()
    index_params = serializers.JSONField()
    status = serializers.CharField()
    progress = serializers.FloatField()
    message = serializers.CharField()
    error = serializers.CharField()
    seq = serializers.IntegerField(allow_null=True)
    vector_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)


# --- libraries -------------------------------------------------------------------------------
class LibraryCollectionApi(APIView):
    permission_classes = [HasProjectAccess]

    @extend_schema(
        operation_id="vectordb_libraries_list",
        summary="Libraries of the projects this key or user can reach",
        parameters=[*PAGE_PARAMS, OpenApiParameter("project", OpenApiTypes.INT, description="Only this project.")],
        responses=page_serializer("LibraryPage", LibraryOutputSerializer),
    )
    def get(self, request: Request) -> Response:
        qs = selectors.library_list(project_ids=project_ids_for(user=request.user, auth=request.auth))
        if request.query_params.get("project"):
            qs = qs.filter(project_id=_int_param(request, "project", 0, 0, 2**63 - 1))
        return _page(request, qs, LibraryOutputSerializer)

    @extend_schema(
        operation_id="vectordb_libraries_create",
        summary="Create a library",
        request=LibraryCreateInputSerializer,
        responses={201: LibraryOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = _validated(LibraryCreateInputSerializer, _body(request))
        project_id = data.pop("project", None)
        if project_id is None:
            if not isinstance(request.auth, ApiKey):
                raise Unprocessable({"project": ["required (or use a project API key)"]})
            project_id = request.auth.project_id
        project = project_list_accessible(user=request.user, auth=request.auth).filter(pk=project_id).first()
        if project is None:
            raise PermissionDenied("This API key (or user) has no access to that project.")
        library = services.library_create(project=project, **data)
        return Response(LibraryOutputSerializer(library).data, status=status.HTTP_201_CREATED)


class LibraryDetailApi(LibraryScopedApi):
    @extend_schema(operation_id="vectordb_libraries_retrieve", summary="One library", responses=LibraryOutputSerializer)
    def get(self, request: Request, library_id: int) -> Response:
        return Response(LibraryOutputSerializer(self.library(library_id)).data)

    @extend_schema(
        operation_id="vectordb_libraries_update",
        summary="Rename or describe a library (the index changes through a rebuild)",
        request=LibraryUpdateInputSerializer,
        responses=LibraryOutputSerializer,
    )
    def patch(self, request: Request, library_id: int) -> Response:
        library = self.library(library_id)
        data = _validated(LibraryUpdateInputSerializer, _body(request))
        library = services.library_update(library=library, **data)
        return Response(LibraryOutputSerializer(library).data)

    @extend_schema(
        operation_id="vectordb_libraries_destroy",
        summary="Delete a library with its documents and chunks",
        responses={204: None},
    )
    def delete(self, request: Request, library_id: int) -> Response:
        services.library_delete(library=self.library(library_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- documents -------------------------------------------------------------------------------
class DocumentCollectionApi(LibraryScopedApi):
    @extend_schema(
        operation_id="vectordb_documents_list",
        summary="Documents of a library",
        parameters=PAGE_PARAMS,
        responses=page_serializer("DocumentPage", DocumentOutputSerializer),
    )
    def get(self, request: Request, library_id: int) -> Response:
        return _page(request, selectors.document_list(library=self.library(library_id)), DocumentOutputSerializer)

    @extend_schema(
        operation_id="vectordb_documents_create",
        summary="Add a document",
        request=DocumentInputSerializer,
        responses={201: DocumentOutputSerializer},
    )
    def post(self, request: Request, library_id: int) -> Response:
        library = self.library(library_id)
        data = _validated(DocumentInputSerializer, _body(request))
        document = services.document_create(library=library, **data)
        return Response(DocumentOutputSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentDetailApi(LibraryScopedApi):
    def document(self, library_id: int, document_id: int) -> Document:
        library = self.library(library_id)
        document = Document.objects.filter(library=library, pk=document_id).first()
        if document is None:
            raise NotFound("No such document in this library.")
        return document

    @extend_schema(
        operation_id="vectordb_documents_retrieve", summary="One document", responses=DocumentOutputSerializer
    )
    def get(self, request: Request, library_id: int, document_id: int) -> Response:
        return Response(DocumentOutputSerializer(self.document(library_id, document_id)).data)

    @extend_schema(
        operation_id="vectordb_documents_update",
        summary="Change a document's title or metadata",
        request=DocumentUpdateInputSerializer,
        responses=DocumentOutputSerializer,
    )
    def patch(self, request: Request, library_id: int, document_id: int) -> Response:
        document = self.document(library_id, document_id)
        data = _validated(DocumentUpdateInputSerializer, _body(request))
        return Response(DocumentOutputSerializer(services.document_update(document=document, **data)).data)

    @extend_schema(
        operation_id="vectordb_documents_destroy", summary="Delete a document and its chunks", responses={204: None}
    )
    def delete(self, request: Request, library_id: int, document_id: int) -> Response:
        services.document_delete(document=self.document(library_id, document_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


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


# --- query and index -------------------------------------------------------------------------
class LibraryQueryApi(LibraryScopedApi):
    @extend_schema(
        operation_id="vectordb_libraries_query",
        summary="The k nearest chunks to an embedding (or a text), optionally filtered by metadata",
        request=QueryInputSerializer,
        responses=QueryOutputSerializer,
    )
    def post(self, request: Request, library_id: int) -> Response:
        library = self.library(library_id)
        data = _validated(QueryInputSerializer, _body(request))
        explain = data.pop("explain")
        fields = selectors.hit_fields(data.pop("fields", None)) or selectors.HIT_FIELDS
        hits, plan = selectors.library_query_explain(library=library, fields=fields, fresh_row=True, **data)
        body: dict[str, Any] = {"hits": selectors.hits_payload(hits, fields)}
        if explain:
            body["plan"] = plan.__dict__
        return Response(body)


class BatchQueryInputSerializer(serializers.Serializer):
    embeddings = serializers.ListField(
        child=serializers.JSONField(), help_text="Up to 1000 query vectors, each a list of `dimension` numbers."
    )
    k = serializers.IntegerField(required=False, default=10)
    filter = serializers.JSONField(required=False, allow_null=True, help_text="A metadata filter (see README).")
    index = serializers.CharField(required=False, allow_null=True)
    params = serializers.JSONField(required=False, allow_null=True)
    fields = hit_fields_field()


class LibraryBatchQueryApi(LibraryScopedApi):
    @extend_schema(
        operation_id="vectordb_libraries_query_batch",
        summary="The k nearest chunks to each of many embeddings, in one request",
        request=BatchQueryInputSerializer,
        responses=inline_serializer(
            name="BatchQueryOutput", fields={"results": serializers.ListField(child=QueryOutputSerializer())}
        ),
    )
    def post(self, request: Request, library_id: int) -> Response:
        library = self.library(library_id)
        data = _validated(BatchQueryInputSerializer, _body(request))
        fields = selectors.hit_fields(data.pop("fields", None)) or selectors.HIT_FIELDS
        results = selectors.library_query_batch(library=library, fields=fields, fresh_row=True, **data)
        return Response({"results": [{"hits": selectors.hits_payload(hits, fields)} for hits in results]})


class IndexBuildCollectionApi(LibraryScopedApi):
    @extend_schema(
        operation_id="vectordb_index_builds_list",
        summary="Index builds of a library, newest first",
        parameters=PAGE_PARAMS,
        responses=page_serializer("IndexBuildPage", IndexBuildOutputSerializer),
    )
    def get(self, request: Request, library_id: int) -> Response:
        return _page(request, selectors.index_build_list(library=self.library(library_id)), IndexBuildOutputSerializer)

    @extend_schema(
        operation_id="vectordb_index_builds_create",
        summary="Rebuild the library's index (optionally as another type), in the background",
        request=IndexBuildInputSerializer,
        responses={202: IndexBuildOutputSerializer},
    )
    def post(self, request: Request, library_id: int) -> Response:
        library = self.library(library_id)
        data = _validated(IndexBuildInputSerializer, _body(request))
        build = services.index_build_request(library=library, **data)
        try:
            build.refresh_from_db()  # queuing happens on commit and may have failed
        except IndexBuild.DoesNotExist:
            raise ServiceUnavailable(
                "The task broker is unreachable: the index build was not queued; request it again shortly."
            ) from None
        return Response(IndexBuildOutputSerializer(build).data, status=status.HTTP_202_ACCEPTED)


class IndexBuildDetailApi(LibraryScopedApi):
    @extend_schema(
        operation_id="vectordb_index_builds_retrieve",
        summary="One index build, with its progress",
        responses=IndexBuildOutputSerializer,
    )
    def get(self, request: Request, library_id: int, build_id: int) -> Response:
        build = IndexBuild.objects.filter(library=self.library(library_id), pk=build_id).first()
        if build is None:
            raise NotFound("No such build for this library.")
        return Response(IndexBuildOutputSerializer(build).data)
