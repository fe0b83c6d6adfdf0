from django.urls import path

from threads import apis

app_name = "threads"

urlpatterns = [
    path("query/v1/projects/<uuid:project_id>/chat", apis.ChatApi.as_view(), name="chat"),
    path("query/v1/projects/<uuid:project_id>/knowledge", apis.KnowledgeApi.as_view(), name="knowledge"),
    path("query/v1/projects/<uuid:project_id>/threads/", apis.ThreadListApi.as_view(), name="thread-list"),
    path(
        "query/v1/projects/<uuid:project_id>/threads/<uuid:thread_id>/",
        apis.ThreadDetailApi.as_view(),
        name="thread-detail",
    ),
    path("query/v1/projects/<uuid:project_id>/categories/", apis.CategoryListApi.as_view(), name="category-list"),
    path(
        "query/v1/projects/<uuid:project_id>/categories/<uuid:category_id>/",
        apis.CategoryDetailApi.as_view(),
        name="category-detail",
    ),
]
