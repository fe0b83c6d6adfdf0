"""URLs of the durable query pipeline; included at the root next to `vectordb.urls`."""

from django.urls import path

from vectordb import pipeline_apis

urlpatterns = [
    path(
        "api/vectordb/libraries/<str:library_id>/pipelines",
        pipeline_apis.PipelineStartApi.as_view(),
        name="vectordb-pipeline-start",
    ),
    path("api/vectordb/pipelines/<str:run_id>", pipeline_apis.PipelineStatusApi.as_view(), name="vectordb-pipeline"),
    path(
        "api/vectordb/pipelines/<str:run_id>/signals",
        pipeline_apis.PipelineSignalApi.as_view(),
        name="vectordb-pipeline-signal",
    ),
]
