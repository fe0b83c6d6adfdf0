from django.urls import path

from accounts import apis

app_name = "accounts"

urlpatterns = [
    path("api/projects", apis.ProjectListApi.as_view(), name="project-list"),
    path("api/projects/<uuid:project_id>", apis.ProjectDetailApi.as_view(), name="project-detail"),
]
