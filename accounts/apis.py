from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import NOT_FOUND, HasProjectAccess
from accounts.selectors import project_list_accessible


class ProjectOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid", help_text="The public id: every API names the project by it.")
    uuid = serializers.UUIDField(help_text="The same id (kept for clients that read this field).")
    name = serializers.CharField()
    slug = serializers.CharField()
    description = serializers.CharField()
    team = serializers.CharField(source="team.name")
    created_at = serializers.DateTimeField()


class ProjectListApi(APIView):
    permission_classes = [HasProjectAccess]

    @extend_schema(
        operation_id="projects_list",
        summary="Projects this key or user can reach",
        responses=ProjectOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        projects = project_list_accessible(user=request.user, auth=request.auth)
        return Response(ProjectOutputSerializer(projects, many=True).data)


class ProjectDetailApi(APIView):
    """`/api/projects/<uuid>`: by its public id only (sequential ids are not exposed). A project this
    key or user cannot reach answers exactly like a missing one (404, the same body)."""

    permission_classes = [HasProjectAccess]
    project_url_kwarg = "-"  # the lookup below scopes to accessible projects; no pk in the URL

    @extend_schema(
        operation_id="projects_retrieve", summary="One project, by its id", responses=ProjectOutputSerializer
    )
    def get(self, request: Request, project_id: UUID) -> Response:
        project = project_list_accessible(user=request.user, auth=request.auth).filter(uuid=project_id).first()
        if project is None:
            raise NotFound(NOT_FOUND)
        return Response(ProjectOutputSerializer(project).data)
