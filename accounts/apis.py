from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import HasProjectAccess
from accounts.selectors import project_list_accessible


class ProjectOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uuid = serializers.UUIDField(help_text="The public id: the chat API's URLs name the project by it.")
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
    permission_classes = [HasProjectAccess]

    @extend_schema(operation_id="projects_retrieve", summary="One project", responses=ProjectOutputSerializer)
    def get(self, request: Request, project_id: int | None = None, project_uuid: UUID | None = None) -> Response:
        # By its id, or by its public UUID (`/api/projects/<uuid>`); either way only accessible projects.
        lookup: dict[str, object] = {"uuid": project_uuid} if project_uuid is not None else {"pk": project_id}
        project = get_object_or_404(project_list_accessible(user=request.user, auth=request.auth), **lookup)
        return Response(ProjectOutputSerializer(project).data)


class ProjectByUuidApi(ProjectDetailApi):
    @extend_schema(
        operation_id="projects_retrieve_by_uuid",
        summary="One project, by its public UUID (the id the chat API's URLs use)",
        responses=ProjectOutputSerializer,
    )
    def get(self, request: Request, project_uuid: UUID) -> Response:  # type: ignore[override]
        return super().get(request, project_uuid=project_uuid)
