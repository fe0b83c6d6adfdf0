from django.urls import path

from accounts import apis

app_name = "accounts"

urlpatterns = [
    path("api/projects", apis.ProjectListApi.as_view(), name="project-list"),
    path("api/projects/<int:project_id>", apis.ProjectDetailApi.as_view(), name="project-detail"),
    path("api/projects/<uuid:project_uuid>", apis.ProjectByUuidApi.as_view(), name="project-detail-by-uuid"),
]
