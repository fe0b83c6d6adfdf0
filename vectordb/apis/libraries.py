"""Libraries and their documents."""

from __future__ import annotations

from typing import Any

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
    PATH_IDS,
    LibraryScopedApi,
    _body,
    _page,
    _uuid_param,
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
from vectordb.public_ids import public_id


# --- libraries -------------------------------------------------------------------------------
class LibraryCollectionApi(APIView):
    permission_classes = [HasProjectAccess]

    @extend_schema(
        operation_id="vectordb_libraries_list",
        summary="Libraries of the projects this key or user can reach",
        parameters=[
            *PAGE_PARAMS,
            OpenApiParameter("project", OpenApiTypes.UUID, description="Only this project (its id)."),
        ],
        responses=page_serializer("LibraryPage", LibraryOutputSerializer),
    )
    def get(self, request: Request) -> Response:
        qs = selectors.library_list(project_ids=project_ids_for(user=request.user, auth=request.auth))
        project = _uuid_param(request, "project")
        if project is not None:
            qs = qs.filter(project__uuid=project)
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
            project_lookup: dict[str, Any] = {"pk": request.auth.project_id}
        else:
            project_lookup = {"uuid": project_id}
        project = project_list_accessible(user=request.user, auth=request.auth).filter(**project_lookup).first()
        if project is None:
            raise PermissionDenied("This API key (or user) has no access to that project.")
        library = services.library_create(project=project, **data)
        return Response(LibraryOutputSerializer(library).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=PATH_IDS["library"])
class LibraryDetailApi(LibraryScopedApi):
    @extend_schema(operation_id="vectordb_libraries_retrieve", summary="One library", responses=LibraryOutputSerializer)
    def get(self, request: Request, library_id: str) -> Response:
        return Response(LibraryOutputSerializer(self.library(library_id)).data)

    @extend_schema(
        operation_id="vectordb_libraries_update",
        summary="Rename or describe a library (the index changes through a rebuild)",
        request=LibraryUpdateInputSerializer,
        responses=LibraryOutputSerializer,
    )
    def patch(self, request: Request, library_id: str) -> Response:
        library = self.library(library_id)
        data = _validated(LibraryUpdateInputSerializer, _body(request))
        library = services.library_update(library=library, **data)
        return Response(LibraryOutputSerializer(library).data)

    @extend_schema(
        operation_id="vectordb_libraries_destroy",
        summary="Delete a library with its documents and chunks",
        responses={204: None},
    )
    def delete(self, request: Request, library_id: str) -> Response:
        services.library_delete(library=self.library(library_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- documents -------------------------------------------------------------------------------
@extend_schema(parameters=PATH_IDS["library"])
class DocumentCollectionApi(LibraryScopedApi):
    @extend_schema(
        operation_id="vectordb_documents_list",
        summary="Documents of a library",
        parameters=PAGE_PARAMS,
        responses=page_serializer("DocumentPage", DocumentOutputSerializer),
    )
    def get(self, request: Request, library_id: str) -> Response:
        return _page(request, selectors.document_list(library=self.library(library_id)), DocumentOutputSerializer)

    @extend_schema(
        operation_id="vectordb_documents_create",
        summary="Add a document",
        request=DocumentInputSerializer,
        responses={201: DocumentOutputSerializer},
    )
    def post(self, request: Request, library_id: str) -> Response:
        library = self.library(library_id)
        data = _validated(DocumentInputSerializer, _body(request))
        document = services.document_create(library=library, **data)
        return Response(DocumentOutputSerializer(document).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=PATH_IDS["document"])
class DocumentDetailApi(LibraryScopedApi):
    def document(self, library_id: str, document_id: str) -> Document:
        library = self.library(library_id)
        document = Document.objects.filter(library=library, uuid=public_id(document_id, "document_id")).first()
        if document is None:
            raise NotFound("No such document in this library.")
        document.library = library
        return document

    @extend_schema(
        operation_id="vectordb_documents_retrieve", summary="One document", responses=DocumentOutputSerializer
    )
    def get(self, request: Request, library_id: str, document_id: str) -> Response:
        return Response(DocumentOutputSerializer(self.document(library_id, document_id)).data)

    @extend_schema(
        operation_id="vectordb_documents_update",
        summary="Change a document's title or metadata",
        request=DocumentUpdateInputSerializer,
        responses=DocumentOutputSerializer,
    )
    def patch(self, request: Request, library_id: str, document_id: str) -> Response:
        document = self.document(library_id, document_id)
        data = _validated(DocumentUpdateInputSerializer, _body(request))
        return Response(DocumentOutputSerializer(services.document_update(document=document, **data)).data)

    @extend_schema(
        operation_id="vectordb_documents_destroy", summary="Delete a document and its chunks", responses={204: None}
    )
    def delete(self, request: Request, library_id: str, document_id: str) -> Response:
        services.document_delete(document=self.document(library_id, document_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
