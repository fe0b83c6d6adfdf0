"""The chat API: chat, threads (list, read, relabel) and categories (CRUD), all under one project."""

from __future__ import annotations

import logging
from uuid import UUID

from django.db import InterfaceError, OperationalError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import NOT_FOUND, HasProjectAccess
from accounts.selectors import project_is_accessible
from core.exceptions import ServiceUnavailable
from threads import retrieval, selectors, services
from threads.models import Thread
from threads.services.categories import NAME_MAX_LENGTH
from threads.services.chat import QUESTION_MAX_LENGTH

logger = logging.getLogger(__name__)

TAG = ["chat"]
DB_RETRY_AFTER_SECONDS = 5


class DatabaseDownIs503:
    """Every threads view: the database unreachable (refused, reset, timed out) is a JSON 503 with
    `Retry-After`, never a 500, whichever step hit it (the key lookup, the permission, the view)."""

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, OperationalError | InterfaceError):
            logger.warning("threads: database unavailable (%s: %s)", type(exc).__name__, exc)
            response = super().handle_exception(  # type: ignore[misc]
                ServiceUnavailable("The database is unavailable; try again shortly.")
            )
            response["Retry-After"] = str(DB_RETRY_AFTER_SECONDS)
            return response
        return super().handle_exception(exc)  # type: ignore[misc]


class HasProjectUuidAccess(HasProjectAccess):
    """`HasProjectAccess` for URLs that name the project by its public UUID (the original kapa API):
    resolves it to the internal pk once (one indexed query) and keeps it on the view as `project_pk`.
    Another tenant's project answers exactly like one that does not exist: 404 (ids cannot be probed)."""

    def has_permission(self, request: Request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        project_uuid = view.kwargs["project_id"]
        project_pk = selectors.project_pk_for_uuid(project_uuid=project_uuid)
        if project_pk is None or not project_is_accessible(user=request.user, auth=request.auth, project_id=project_pk):
            raise NotFound(NOT_FOUND)
        view.project_pk = project_pk
        view.project_uuid = project_uuid
        return True


def _thread_not_found(exc: services.ThreadNotFound) -> Response:
    return Response({"detail": str(exc), "code": "not_found"}, status=status.HTTP_404_NOT_FOUND)


# --- Chat --------------------------------------------------------------------------------------


class ChatInputSerializer(serializers.Serializer):
    question = serializers.CharField(max_length=QUESTION_MAX_LENGTH, trim_whitespace=True)
    thread_id = serializers.UUIDField(required=False, allow_null=True, help_text="Continue this conversation.")


class ChatOutputSerializer(serializers.Serializer):
    question = serializers.CharField()
    answer = serializers.CharField()
    question_answer_id = serializers.UUIDField()
    thread_id = serializers.UUIDField()


class ChatApi(DatabaseDownIs503, APIView):
    permission_classes = [HasProjectUuidAccess]

    @extend_schema(
        operation_id="threads_chat",
        summary="Ask the project's chatbot",
        description=(
            "Without `thread_id` starts a conversation; with one continues it (the earlier questions and "
            "answers go into the prompt). The answer comes from the language model when one is configured, "
            "otherwise it is composed from the retrieved passages and starts with `[Offline answer`."
        ),
        tags=TAG,
        request=ChatInputSerializer,
        responses={200: ChatOutputSerializer},
    )
    def post(self, request: Request, project_id: UUID) -> Response:
        data = ChatInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        thread_uuid = data.validated_data.get("thread_id")
        thread_pk = None
        try:
            if thread_uuid is not None:
                thread_pk = selectors.thread_pk_for_uuid(project_id=self.project_pk, thread_uuid=thread_uuid)
                if thread_pk is None:
                    raise services.ThreadNotFound(f"Thread {thread_uuid} does not exist in this project.")
            qa = services.chat_ask(
                project_id=self.project_pk, question=data.validated_data["question"], thread_id=thread_pk
            )
        except services.ThreadNotFound as exc:
            return _thread_not_found(exc)
        return Response(
            ChatOutputSerializer(
                {
                    "question": qa.question,
                    "answer": qa.answer,
                    "question_answer_id": qa.uuid,
                    "thread_id": thread_uuid or qa.thread.uuid,
                }
            ).data
        )


class KnowledgeOutputSerializer(serializers.Serializer):
    library_id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    embedding_provider = serializers.CharField()
    dimension = serializers.IntegerField()


class KnowledgeApi(DatabaseDownIs503, APIView):
    permission_classes = [HasProjectUuidAccess]

    @extend_schema(
        operation_id="threads_knowledge_library",
        summary="The project's knowledge library (created on first use)",
        description=(
            "The vector database library the chat retrieves passages from. Add documents and chunks to it "
            "through the vector database API; chunks are embedded on upsert by the library's provider."
        ),
        tags=TAG,
        responses=KnowledgeOutputSerializer,
    )
    def get(self, request: Request, project_id: UUID) -> Response:
        library = retrieval.knowledge_library_get_or_create(project_id=self.project_pk)
        return Response(KnowledgeOutputSerializer(library).data)


# --- Threads -----------------------------------------------------------------------------------


class CategoryRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    name = serializers.CharField()


class _ProjectUuidField(serializers.UUIDField):
    """The project's public id, from the view (every row of a response is the URL's project)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        return super().to_representation(self.context["project_uuid"])


class ThreadOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    project = _ProjectUuidField()
    created_at = serializers.DateTimeField()
    first_question = serializers.CharField()
    total_questions = serializers.IntegerField()
    category = CategoryRefSerializer(allow_null=True)
    category_source = serializers.ChoiceField(choices=Thread.Source.choices, allow_null=True)


class _CategoryFilterField(serializers.UUIDField):
    """A category's UUID, or `none` (kept as the string) for threads without a category."""

    default_error_messages = {"invalid": "Use a category id (a UUID), or `none` for threads without a category."}

    def to_internal_value(self, data) -> UUID | str:
        if data == "none":
            return "none"
        return super().to_internal_value(data)


class ThreadFilterSerializer(serializers.Serializer):
    category = _CategoryFilterField(
        required=False, help_text="A category id (UUID), or `none` for threads without a category."
    )


class ThreadPagination(LimitOffsetPagination):
    """As the original: `?limit=&offset=`, `{count, next, previous, results}`, 100 a page.

    Made cheap on a million-thread project: the count is cached briefly once it is large
    (`selectors.thread_list_count`), and the page is a deferred join: the ids of the page come from
    an index-only scan of `threads_project_newest_idx` (skipping `offset` index entries, not rows),
    then only those 100 rows are read with their categories."""

    default_limit = 100
    max_limit = 1000

    def get_count(self, queryset) -> int:
        return selectors.thread_list_count(
            queryset=queryset, key=self.count_key, project_id=getattr(self, "unfiltered_project", None)
        )

    def paginate_queryset(self, queryset, request, view=None):
        self.count_key = getattr(view, "count_key", None)
        self.unfiltered_project = getattr(view, "unfiltered_project", None)
        self.request = request
        self.limit = self.get_limit(request)
        if self.limit is None:  # pragma: no cover - default_limit is set
            return None
        self.count = self.get_count(queryset)
        self.offset = self.get_offset(request)
        if self.count == 0 or self.offset > self.count:
            return []
        return selectors.thread_page(
            queryset=queryset, offset=self.offset, limit=self.limit, project_id=self.unfiltered_project
        )


class ThreadListApi(DatabaseDownIs503, ListAPIView):
    permission_classes = [HasProjectUuidAccess]
    serializer_class = ThreadOutputSerializer
    pagination_class = ThreadPagination

    def get_queryset(self):
        filters = ThreadFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        category = filters.validated_data.get("category")
        self.count_key = f"{self.project_pk}:{category or 'all'}"
        self.unfiltered_project = None if category else self.project_pk
        return selectors.thread_list(project_id=self.project_pk, category=category)

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "project_uuid": self.kwargs["project_id"]}

    @extend_schema(
        operation_id="threads_list",
        summary="The project's conversations, newest first",
        tags=TAG,
        parameters=[
            OpenApiParameter(
                "category",
                OpenApiTypes.STR,
                description="A category id (UUID), or `none` for threads without a category.",
            )
        ],
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class QuestionAnswerOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    question = serializers.CharField()
    answer = serializers.CharField()
    created_at = serializers.DateTimeField()


class ThreadDetailOutputSerializer(ThreadOutputSerializer):
    question_answers = QuestionAnswerOutputSerializer(many=True)


class ThreadRelabelInputSerializer(serializers.Serializer):
    category_id = serializers.UUIDField(allow_null=True, help_text="A category of this project, or null for none.")


class ThreadDetailApi(DatabaseDownIs503, APIView):
    permission_classes = [HasProjectUuidAccess]

    def _thread(self, thread_uuid: UUID) -> Thread:
        thread = selectors.thread_get_by_uuid(project_id=self.project_pk, thread_uuid=thread_uuid)
        if thread is None:
            raise Http404
        return thread

    def _context(self) -> dict:
        return {"project_uuid": self.project_uuid}

    @extend_schema(
        operation_id="threads_retrieve",
        summary="One conversation with its questions and answers",
        tags=TAG,
        responses=ThreadDetailOutputSerializer,
    )
    def get(self, request: Request, project_id: UUID, thread_id: UUID) -> Response:
        thread = self._thread(thread_id)
        question_answers = selectors.thread_question_answers(thread_id=thread.pk)
        data = ThreadOutputSerializer(thread, context=self._context()).data
        data["question_answers"] = QuestionAnswerOutputSerializer(question_answers, many=True).data
        return Response(data)

    @extend_schema(
        operation_id="threads_relabel",
        summary="Set a conversation's category (a person's label; the classifier never overwrites it)",
        tags=TAG,
        request=ThreadRelabelInputSerializer,
        responses=ThreadOutputSerializer,
    )
    def patch(self, request: Request, project_id: UUID, thread_id: UUID) -> Response:
        data = ThreadRelabelInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        thread_pk = selectors.thread_pk_for_uuid(project_id=self.project_pk, thread_uuid=thread_id)
        if thread_pk is None:
            raise Http404
        category_uuid = data.validated_data["category_id"]
        category_pk = None
        if category_uuid is not None:  # another project's category reads as a missing one: the same 400
            category_pk = selectors.category_pk_for_uuid(project_id=self.project_pk, category_uuid=category_uuid)
            if category_pk is None:
                raise ValidationError({"category_id": [services.CATEGORY_NOT_IN_PROJECT]})
        try:
            thread = services.thread_set_category_by_user(
                project_id=self.project_pk, thread_id=thread_pk, category_id=category_pk
            )
        except services.ThreadNotFound as exc:
            return _thread_not_found(exc)
        return Response(ThreadOutputSerializer(thread, context=self._context()).data)


# --- Categories --------------------------------------------------------------------------------


class CategoryOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    project = _ProjectUuidField()
    name = serializers.CharField()
    description = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class CategoryCreateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=NAME_MAX_LENGTH)
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class CategoryUpdateInputSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=NAME_MAX_LENGTH)
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class CategoryListApi(DatabaseDownIs503, APIView):
    permission_classes = [HasProjectUuidAccess]

    @extend_schema(
        operation_id="threads_categories_list",
        summary="The project's categories",
        tags=TAG,
        responses=CategoryOutputSerializer(many=True),
    )
    def get(self, request: Request, project_id: UUID) -> Response:
        services.categories_seed_defaults(project_ids=[self.project_pk])
        return Response(
            CategoryOutputSerializer(
                selectors.category_list(project_id=self.project_pk), many=True, context={"project_uuid": project_id}
            ).data
        )

    @extend_schema(
        operation_id="threads_categories_create",
        summary="Add a category (names are unique per project, ignoring case)",
        tags=TAG,
        request=CategoryCreateInputSerializer,
        responses={201: CategoryOutputSerializer},
    )
    def post(self, request: Request, project_id: UUID) -> Response:
        data = CategoryCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        category = services.category_create(project_id=self.project_pk, **data.validated_data)
        data = CategoryOutputSerializer(category, context={"project_uuid": project_id}).data
        return Response(data, status=status.HTTP_201_CREATED)


class CategoryDetailApi(DatabaseDownIs503, APIView):
    permission_classes = [HasProjectUuidAccess]

    def _category(self, project_id: UUID, category_id: UUID):
        """This project's category; a missing one and another project's are the same 404."""
        category = selectors.category_get_by_uuid(project_id=self.project_pk, category_uuid=category_id)
        if category is None:
            raise Http404
        return category

    @extend_schema(
        operation_id="threads_categories_retrieve", summary="One category", tags=TAG, responses=CategoryOutputSerializer
    )
    def get(self, request: Request, project_id: UUID, category_id: UUID) -> Response:
        category = self._category(project_id, category_id)
        return Response(CategoryOutputSerializer(category, context={"project_uuid": project_id}).data)

    @extend_schema(
        operation_id="threads_categories_update",
        summary="Rename or re-describe a category (threads keep it, under the new name)",
        tags=TAG,
        request=CategoryUpdateInputSerializer,
        responses=CategoryOutputSerializer,
    )
    def patch(self, request: Request, project_id: UUID, category_id: UUID) -> Response:
        category = self._category(project_id, category_id)
        data = CategoryUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        category = services.category_update(category=category, **data.validated_data)
        return Response(CategoryOutputSerializer(category, context={"project_uuid": project_id}).data)

    @extend_schema(
        operation_id="threads_categories_delete",
        summary="Delete a category (its threads become unlabelled and are classified again)",
        tags=TAG,
        responses={
            200: inline_serializer(
                "CategoryDeleted",
                {"deleted": serializers.UUIDField(), "unlabelled_threads": serializers.IntegerField()},
            )
        },
    )
    def delete(self, request: Request, project_id: UUID, category_id: UUID) -> Response:
        category = self._category(project_id, category_id)
        public_id = category.uuid
        released = services.category_delete(category=category)
        return Response({"deleted": public_id, "unlabelled_threads": released})
