"""k-NN queries (one vector, or a batch) and index builds."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from core.exceptions import ServiceUnavailable
from vectordb import selectors, services
from vectordb.apis import hot
from vectordb.apis.common import (
    PAGE_PARAMS,
    PATH_IDS,
    LibraryScopedApi,
    _body,
    _page,
    _validated,
    page_serializer,
)
from vectordb.apis.serializers import (
    BatchQueryInputSerializer,
    IndexBuildInputSerializer,
    IndexBuildOutputSerializer,
    QueryInputSerializer,
    QueryOutputSerializer,
    query_body,
    query_options,
    query_payload,
)
from vectordb.models import IndexBuild
from vectordb.public_ids import public_id
from vectordb.runtime import registry


# --- query and index -------------------------------------------------------------------------
@extend_schema(parameters=PATH_IDS["library"])
class LibraryQueryApi(LibraryScopedApi):
    """A plain API-key query is answered by `hot.query_response` (one SELECT, no DRF machinery, the
    same bytes); everything else by `post`, which also teaches this process the library for it."""

    def dispatch(self, request, *args: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        response = hot.query_response(self, request, kwargs.get("library_id"))
        return response if response is not None else super().dispatch(request, *args, **kwargs)

    @extend_schema(
        operation_id="vectordb_libraries_query",
        summary="The k nearest chunks to an embedding (or a text), optionally filtered by metadata",
        request=QueryInputSerializer,
        responses=QueryOutputSerializer,
    )
    def post(self, request: Request, library_id: str) -> Response:
        library = self.library(library_id)
        data = query_body(_body(request))
        explain, fields = query_options(data)
        hits, plan = selectors.library_query_explain(library=library, fields=fields, fresh_row=True, **data)
        registry.remember(library)  # its index is loaded now: the next query can take the lean path
        return Response(query_payload(hits, plan, fields, explain=explain))


@extend_schema(parameters=PATH_IDS["library"])
class LibraryBatchQueryApi(LibraryScopedApi):
    @extend_schema(
        operation_id="vectordb_libraries_query_batch",
        summary="The k nearest chunks to each of many embeddings, in one request",
        request=BatchQueryInputSerializer,
        responses=inline_serializer(
            name="BatchQueryOutput", fields={"results": serializers.ListField(child=QueryOutputSerializer())}
        ),
    )
    def post(self, request: Request, library_id: str) -> Response:
        library = self.library(library_id)
        data = _validated(BatchQueryInputSerializer, _body(request))
        fields = selectors.hit_fields(data.pop("fields", None)) or selectors.HIT_FIELDS
        results = selectors.library_query_batch(library=library, fields=fields, fresh_row=True, **data)
        return Response({"results": [{"hits": selectors.hits_payload(hits, fields)} for hits in results]})


@extend_schema(parameters=PATH_IDS["library"])
class IndexBuildCollectionApi(LibraryScopedApi):
    @extend_schema(
        operation_id="vectordb_index_builds_list",
        summary="Index builds of a library, newest first",
        parameters=PAGE_PARAMS,
        responses=page_serializer("IndexBuildPage", IndexBuildOutputSerializer),
    )
    def get(self, request: Request, library_id: str) -> Response:
        return _page(request, selectors.index_build_list(library=self.library(library_id)), IndexBuildOutputSerializer)

    @extend_schema(
        operation_id="vectordb_index_builds_create",
        summary="Rebuild the library's index (optionally as another type), in the background",
        request=IndexBuildInputSerializer,
        responses={202: IndexBuildOutputSerializer},
    )
    def post(self, request: Request, library_id: str) -> Response:
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


@extend_schema(parameters=PATH_IDS["build"])
class IndexBuildDetailApi(LibraryScopedApi):
    @extend_schema(
        operation_id="vectordb_index_builds_retrieve",
        summary="One index build, with its progress",
        responses=IndexBuildOutputSerializer,
    )
    def get(self, request: Request, library_id: str, build_id: str) -> Response:
        library = self.library(library_id)
        build = IndexBuild.objects.filter(library=library, uuid=public_id(build_id, "build_id")).first()
        if build is None:
            raise NotFound("No such build for this library.")
        build.library = library
        return Response(IndexBuildOutputSerializer(build).data)
