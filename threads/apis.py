"""The chat API: chat, threads (list, read, relabel) and categories (CRUD), all under one project."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import ApiKey, Project
from accounts.permissions import HasProjectAccess
from threads import retrieval, selectors, services
from threads.models import Thread
from threads.services.categories import NAME_MAX_LENGTH
from threads.services.chat import QUESTION_MAX_LENGTH

MAX_ID = 2**63 - 1
TAG = ["chat"]


def _id_or_404(value: int | str) -> int:
    number = int(value)
    if not 0 < number <= MAX_ID:
        raise Http404
    return number


def _project_id(request: Request, value: int | str) -> int:
    """The URL's project id, once `HasProjectAccess` let the caller in. A key's project exists (the key
    belongs to it); for sessions (staff reach every id) the project is checked, so a missing one is 404."""
    project_id = _id_or_404(value)
    if not isinstance(request.auth, ApiKey) and not Project.objects.filter(pk=project_id).exists():
        raise Http404
    return project_id


def _thread_not_found(exc: services.ThreadNotFound) -> Response:
    return Response({"detail": str(exc), "code": "not_found"}, status=status.HTTP_404_NOT_FOUND)


# --- Chat --------------------------------------------------------------------------------------


class ChatInputSerializer(serializers.Serializer):
    question = serializers.CharField(max_length=QUESTION_MAX_LENGTH, trim_whitespace=True)
    thread_id = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID, help_text="Continue this conversation."
    )


class ChatOutputSerializer(serializers.Serializer):
    question = serializers.CharField()
    answer = serializers.CharField()
    question_answer_id = serializers.IntegerField()
    thread_id = serializers.IntegerField()


class ChatApi(APIView):
    permission_classes = [HasProjectAccess]

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
    def post(self, request: Request, project_id: int) -> Response:
        project_id = _project_id(request, project_id)
        data = ChatInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            qa = services.chat_ask(
                project_id=project_id,
                question=data.validated_data["question"],
                thread_id=data.validated_data.get("thread_id"),
            )
        except services.ThreadNotFound as exc:
            return _thread_not_found(exc)
        return Response(
            ChatOutputSerializer(
                {"question": qa.question, "answer": qa.answer, "question_answer_id": qa.pk, "thread_id": qa.thread_id}
            ).data
        )


class KnowledgeOutputSerializer(serializers.Serializer):
    library_id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    embedding_provider = serializers.CharField()
    dimension = serializers.IntegerField()


class KnowledgeApi(APIView):
    permission_classes = [HasProjectAccess]

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
    def get(self, request: Request, project_id: int) -> Response:
        library = retrieval.knowledge_library_get_or_create(project_id=_project_id(request, project_id))
        return Response(KnowledgeOutputSerializer(library).data)


# --- Threads -----------------------------------------------------------------------------------


class CategoryRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ThreadOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    created_at = serializers.DateTimeField()
    first_question = serializers.CharField()
    total_questions = serializers.IntegerField()
    category = CategoryRefSerializer(allow_null=True)
    category_source = serializers.ChoiceField(choices=Thread.Source.choices, allow_null=True)


class ThreadFilterSerializer(serializers.Serializer):
    category = serializers.RegexField(
        r"^(none|[1-9][0-9]{0,17})$",
        required=False,
        help_text="A category id, or `none` for threads without a category.",
        error_messages={"invalid": "Use a category id, or `none` for threads without a category."},
    )


class ThreadPagination(CursorPagination):
    ordering = ("-created_at", "-id")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class ThreadListApi(ListAPIView):
    permission_classes = [HasProjectAccess]
    serializer_class = ThreadOutputSerializer
    pagination_class = ThreadPagination

    def get_queryset(self):
        filters = ThreadFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return selectors.thread_list(
            project_id=_project_id(self.request, self.kwargs["project_id"]),
            category=filters.validated_data.get("category"),
        )

    @extend_schema(
        operation_id="threads_list",
        summary="The project's conversations, newest first",
        tags=TAG,
        parameters=[
            OpenApiParameter(
                "category", OpenApiTypes.STR, description="A category id, or `none` for threads without a category."
            )
        ],
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class QuestionAnswerOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    question = serializers.CharField()
    answer = serializers.CharField()
    created_at = serializers.DateTimeField()


class ThreadDetailOutputSerializer(ThreadOutputSerializer):
    question_answers = QuestionAnswerOutputSerializer(many=True)


class ThreadRelabelInputSerializer(serializers.Serializer):
    category_id = serializers.IntegerField(
        allow_null=True, min_value=1, max_value=MAX_ID, help_text="A category of this project, or null for none."
    )


class ThreadDetailApi(APIView):
    permission_classes = [HasProjectAccess]

    def _thread(self, project_id: int, thread_id: int) -> Thread:
        thread = selectors.thread_get(project_id=_project_id(self.request, project_id), thread_id=_id_or_404(thread_id))
        if thread is None:
            raise Http404
        return thread

    @extend_schema(
        operation_id="threads_retrieve",
        summary="One conversation with its questions and answers",
        tags=TAG,
        responses=ThreadDetailOutputSerializer,
    )
    def get(self, request: Request, project_id: int, thread_id: int) -> Response:
        thread = self._thread(project_id, thread_id)
        question_answers = selectors.thread_question_answers(thread_id=thread.pk)
        data = ThreadOutputSerializer(thread).data
        data["question_answers"] = QuestionAnswerOutputSerializer(question_answers, many=True).data
        return Response(data)

    @extend_schema(
        operation_id="threads_relabel",
        summary="Set a conversation's category (a person's label; the classifier never overwrites it)",
        tags=TAG,
        request=ThreadRelabelInputSerializer,
        responses=ThreadOutputSerializer,
    )
    def patch(self, request: Request, project_id: int, thread_id: int) -> Response:
        data = ThreadRelabelInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            thread = services.thread_set_category_by_user(
                project_id=_project_id(request, project_id),
                thread_id=_id_or_404(thread_id),
                category_id=data.validated_data["category_id"],
            )
        except services.ThreadNotFound as exc:
            return _thread_not_found(exc)
        return Response(ThreadOutputSerializer(thread).data)


# --- Categories --------------------------------------------------------------------------------


class CategoryOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
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


class CategoryListApi(APIView):
    permission_classes = [HasProjectAccess]

    @extend_schema(
        operation_id="threads_categories_list",
        summary="The project's categories",
        tags=TAG,
        responses=CategoryOutputSerializer(many=True),
    )
    def get(self, request: Request, project_id: int) -> Response:
        project_id = _project_id(request, project_id)
        services.categories_seed_defaults(project_ids=[project_id])
        return Response(CategoryOutputSerializer(selectors.category_list(project_id=project_id), many=True).data)

    @extend_schema(
        operation_id="threads_categories_create",
        summary="Add a category (names are unique per project, ignoring case)",
        tags=TAG,
        request=CategoryCreateInputSerializer,
        responses={201: CategoryOutputSerializer},
    )
    def post(self, request: Request, project_id: int) -> Response:
        data = CategoryCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        category = services.category_create(project_id=_project_id(request, project_id), **data.validated_data)
        return Response(CategoryOutputSerializer(category).data, status=status.HTTP_201_CREATED)


class CategoryDetailApi(APIView):
    permission_classes = [HasProjectAccess]

    def _category(self, project_id: int, category_id: int):
        category = selectors.category_get(
            project_id=_project_id(self.request, project_id), category_id=_id_or_404(category_id)
        )
        if category is None:
            raise Http404
        return category

    @extend_schema(
        operation_id="threads_categories_retrieve", summary="One category", tags=TAG, responses=CategoryOutputSerializer
    )
    def get(self, request: Request, project_id: int, category_id: int) -> Response:
        return Response(CategoryOutputSerializer(self._category(project_id, category_id)).data)

    @extend_schema(
        operation_id="threads_categories_update",
        summary="Rename or re-describe a category (threads keep it, under the new name)",
        tags=TAG,
        request=CategoryUpdateInputSerializer,
        responses=CategoryOutputSerializer,
    )
    def patch(self, request: Request, project_id: int, category_id: int) -> Response:
        category = self._category(project_id, category_id)
        data = CategoryUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        category = services.category_update(category=category, **data.validated_data)
        return Response(CategoryOutputSerializer(category).data)

    @extend_schema(
        operation_id="threads_categories_delete",
        summary="Delete a category (its threads become unlabelled and are classified again)",
        tags=TAG,
        responses={
            200: inline_serializer(
                "CategoryDeleted",
                {"deleted": serializers.IntegerField(), "unlabelled_threads": serializers.IntegerField()},
            )
        },
    )
    def delete(self, request: Request, project_id: int, category_id: int) -> Response:
        category = self._category(project_id, category_id)
        pk = category.pk
        released = services.category_delete(category=category)
        return Response({"deleted": pk, "unlabelled_threads": released})
