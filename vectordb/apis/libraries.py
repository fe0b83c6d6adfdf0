"""Libraries and their documents."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import ApiKey
from accounts.permissions import HasProjectAccess
from accounts.selectors import project_ids_for, project_list_accessible
from core.exceptions import Unprocessable
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
    DocumentInputSerializer,
    DocumentOutputSerializer,
    DocumentUpdateInputSerializer,
    LibraryCreateInputSerializer,
    LibraryOutputSerializer,
    LibraryUpdateInputSerializer,
)
from vectordb.models import Document


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
