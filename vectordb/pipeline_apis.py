"""REST API of the durable query pipeline (`vectordb.pipeline`, on Temporal): start a run, read it, signal it."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, NotFound, ParseError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import HasProjectAccess
from core.exceptions import Unprocessable
from vectordb import pipeline
from vectordb.apis import PATH_IDS
from vectordb.models import Library
from vectordb.public_ids import public_id
from vectordb.workflows.models import PipelineRun


class RunClosed(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The run has finished; it takes no more signals."
    default_code = "run_closed"


class PipelineStartInputSerializer(serializers.Serializer):
    question = serializers.CharField(max_length=pipeline.MAX_QUESTION_CHARS)
    k = serializers.IntegerField(required=False, default=5, min_value=1, max_value=pipeline.MAX_K)
    candidates = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=pipeline.MAX_CANDIDATES,
        help_text="How many chunks retrieve fetches for rerank to choose from (default max(4k, 20)).",
    )
    filter = serializers.JSONField(required=False, allow_null=True, default=None, help_text="A metadata filter.")
    answer = serializers.ChoiceField(
        choices=pipeline.ANSWER_MODES,
        required=False,
        default="auto",
        help_text="auto: the language model when the server has a key, else extractive; none: retrieval only.",
    )


class PipelineStepSerializer(serializers.Serializer):
    name = serializers.CharField()
    status = serializers.CharField(
        help_text="pending, scheduled, running, retrying, succeeded, skipped, cancelled or failed."
    )
    attempts = serializers.IntegerField()
    started_at = serializers.CharField(required=False)
    finished_at = serializers.CharField(required=False)
    updated_at = serializers.CharField(required=False)
    task_id = serializers.CharField(required=False, allow_null=True, help_text="The step's activity type.")
    error = serializers.CharField(required=False, allow_blank=True)
    output = serializers.JSONField(allow_null=True)


class PipelineRunSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The run id: a random UUID, as 32 hex digits.")
    library = serializers.UUIDField(help_text="The library's id.")
    project = serializers.UUIDField(help_text="The project's id.")
    question = serializers.CharField()
    k = serializers.IntegerField()
    candidates = serializers.IntegerField()
    filter = serializers.JSONField(allow_null=True)
    answer_mode = serializers.CharField()
    status = serializers.CharField(help_text="queued, running, succeeded, cancelled or failed.")
    error = serializers.CharField(allow_blank=True)
    current_step = serializers.CharField(allow_null=True)
    steps = PipelineStepSerializer(many=True)
    result = serializers.JSONField(allow_null=True, help_text="query, hits and answer, once succeeded.")
    created_at = serializers.CharField()
    updated_at = serializers.CharField()
    finished_at = serializers.CharField(required=False)
    engine_status = serializers.CharField(required=False, help_text="The workflow's status in Temporal.")


class PipelineSignalInputSerializer(serializers.Serializer):
    cancel = serializers.BooleanField(required=False, default=False, help_text="Stop the run.")
    answer = serializers.ChoiceField(
        choices=pipeline.ANSWER_MODES,
        required=False,
        allow_null=True,
        default=None,
        help_text="A new answer mode; it counts only if the answer step has not started.",
    )


def _validated(serializer_cls, data) -> dict:
    """A body that is not a JSON object is 400; invalid values are 422 naming the field (the vector
    database's contract, README "Validation status codes")."""
    if not isinstance(data, dict):
        raise ParseError("The body must be a JSON object.")
    serializer = serializer_cls(data=data)
    if not serializer.is_valid():
        raise Unprocessable(serializer.errors)
    return serializer.validated_data


@extend_schema(parameters=PATH_IDS["library"])
class PipelineStartApi(APIView):
    permission_classes = [HasProjectAccess]

    @extend_schema(
        operation_id="vectordb_pipelines_create",
        summary="Ask a question of a library through the durable pipeline (preprocess, retrieve, rerank, answer)",
        request=PipelineStartInputSerializer,
        responses={202: PipelineRunSerializer},
    )
    def post(self, request: Request, library_id: str) -> Response:
        library = Library.objects.select_related("project").filter(uuid=public_id(library_id, "library_id")).first()
        if library is None:
            raise NotFound("No such library.")
        self.check_object_permissions(request, library)
        data = _validated(PipelineStartInputSerializer, request.data)
        run = pipeline.pipeline_start(library=library, **data)
        return Response(run, status=status.HTTP_202_ACCEPTED)


class PipelineStatusApi(APIView):
    permission_classes = [HasProjectAccess]

    def get_object_project_id(self, run: PipelineRun) -> int:
        return run.project_id

    @extend_schema(
        operation_id="vectordb_pipelines_retrieve",
        summary="A pipeline run: its status, each step (attempts, errors, outputs) and the result",
        responses=PipelineRunSerializer,
    )
    def get(self, request: Request, run_id: str) -> Response:
        return Response(_status(_run(self, request, run_id)))


class PipelineSignalApi(APIView):
    permission_classes = [HasProjectAccess]

    def get_object_project_id(self, run: PipelineRun) -> int:
        return run.project_id

    @extend_schema(
        operation_id="vectordb_pipelines_signal",
        summary="Signal a running pipeline run: cancel it, or change its answer mode before the answer step",
        request=PipelineSignalInputSerializer,
        responses={202: PipelineRunSerializer},
    )
    def post(self, request: Request, run_id: str) -> Response:
        run = _run(self, request, run_id)
        data = _validated(PipelineSignalInputSerializer, request.data)
        if not data["cancel"] and data["answer"] is None:
            both = "send cancel: true and/or answer: <mode>"
            raise Unprocessable({"cancel": [both], "answer": [both]})
        if not pipeline.pipeline_signal(run=run, cancel=data["cancel"], answer=data["answer"]):
            raise RunClosed()
        return Response(_status(run), status=status.HTTP_202_ACCEPTED)


def _run(view: APIView, request: Request, run_id: str) -> PipelineRun:
    run = pipeline.pipeline_run_get(run_id=public_id(run_id, "run_id"))
    if run is None:
        raise NotFound("No such pipeline run.")
    view.check_object_permissions(request, run)
    return run


def _status(run: PipelineRun) -> dict:
    view = pipeline.pipeline_status(run=run)
    if view is None:
        raise NotFound("No such pipeline run (Temporal no longer has it).")
    return view
