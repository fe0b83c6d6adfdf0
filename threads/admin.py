from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpRequest
from django.utils.html import format_html

from threads import selectors, services
from threads.models import BackfillRun, Category, QuestionAnswer, Thread


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def backfill_enqueue_plan(*, run_id: int) -> None:
    from threads.tasks import backfill_plan

    transaction.on_commit(lambda: backfill_plan.delay(run_id))


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "project", "description", "created_at"]
    list_filter = ["project__team"]
    search_fields = ["name", "project__name", "=uuid"]
    raw_id_fields = ["project"]
    readonly_fields = ["uuid"]  # the public id the API shows and takes

    def delete_model(self, request: HttpRequest, obj: Category) -> None:
        services.category_delete(category=obj)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for category in queryset:
            services.category_delete(category=category)


class QuestionAnswerInline(admin.TabularInline):
    model = QuestionAnswer
    extra = 0
    fields = ["created_at", "question", "answer", "answer_source", "model"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["id", "project", "created_at", "short_question", "total_questions", "category", "category_source"]
    list_filter = ["category_source"]
    list_select_related = ["project__team", "category"]
    search_fields = ["=id"]
    raw_id_fields = ["project", "category"]
    fields = ["project", "created_at", "first_question", "total_questions", "last_question_at", "category"]
    fields += ["category_source", "labelled_at"]
    readonly_fields = [
        "project",
        "created_at",
        "first_question",
        "total_questions",
        "last_question_at",
        "category_source",
        "labelled_at",
    ]
    show_full_result_count = False  # a million threads: no COUNT(*) per page
    inlines = [QuestionAnswerInline]
    actions = ["backfill_projects"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # threads come from the chat

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "category" in form.base_fields:  # only this project's categories
            form.base_fields["category"].queryset = Category.objects.filter(project_id=obj.project_id)
        return form

    def save_model(self, request: HttpRequest, obj: Thread, form, change: bool) -> None:
        """Choosing a category here is a person's label, like the API's PATCH."""
        if "category" in form.changed_data:
            services.thread_set_category_by_user(
                project_id=obj.project_id, thread_id=obj.pk, category_id=obj.category_id
            )

    @admin.display(description="first question")
    def short_question(self, obj: Thread) -> str:
        return obj.first_question[:80]

    @admin.action(description="Backfill: label every unlabelled thread of the selected threads' projects")
    def backfill_projects(self, request: HttpRequest, queryset) -> None:
        project_ids = sorted(set(queryset.values_list("project_id", flat=True)))
        for project_id in project_ids:
            run = services.backfill_start(project_id=project_id)
            if run.status == BackfillRun.Status.PLANNING:
                backfill_enqueue_plan(run_id=run.pk)
        self.message_user(
            request,
            f"Backfill started for {len(project_ids)} project(s); follow it under Backfill runs.",
            messages.SUCCESS,
        )


@admin.register(BackfillRun)
class BackfillRunAdmin(admin.ModelAdmin):
    list_display = ["id", "project", "status", "progress", "rate", "eta", "labelled", "skipped", "failed", "started_at"]
    list_filter = ["status"]
    raw_id_fields = ["project"]
    readonly_fields = [
        "status",
        "total",
        "planned",
        "chunks",
        "cursor",
        "processed",
        "labelled",
        "skipped",
        "failed",
        "progress",
        "rate",
        "eta",
        "started_at",
        "planned_at",
        "finished_at",
        "updated_at",
    ]
    fields = ["project", "chunk_size", *readonly_fields]
    actions = ["resume", "restart"]

    @admin.display(description="done / total")
    def progress(self, obj: BackfillRun) -> str:
        p = selectors.backfill_progress(run=obj)
        return format_html(
            '<progress max="100" value="{}"></progress> {} / {} ({}%)',
            f"{p.percent:.0f}",
            f"{p.done:,}",
            f"{p.total:,}",
            f"{p.percent:.1f}",
        )

    @admin.display(description="threads/s")
    def rate(self, obj: BackfillRun) -> str:
        return f"{selectors.backfill_progress(run=obj).rate:.1f}"

    @admin.display(description="ETA")
    def eta(self, obj: BackfillRun) -> str:
        return _duration(selectors.backfill_progress(run=obj).eta_seconds)

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        return [*self.readonly_fields, "project", "chunk_size"] if obj else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: BackfillRun, form, change: bool) -> None:
        """Adding a run starts a backfill (all projects, or the chosen one) on the workers."""
        if change:
            return
        run = services.backfill_start(project_id=obj.project_id, chunk_size=obj.chunk_size or None)
        obj.pk = run.pk
        obj.refresh_from_db()
        if run.status == BackfillRun.Status.PLANNING:
            backfill_enqueue_plan(run_id=run.pk)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        from threads.services.backfill import chunk_size_default

        return {"chunk_size": chunk_size_default()}

    @admin.action(description="Resume planning the selected runs")
    def resume(self, request: HttpRequest, queryset) -> None:
        count = 0
        for run in queryset.filter(status=BackfillRun.Status.PLANNING):
            backfill_enqueue_plan(run_id=run.pk)
            count += 1
        self.message_user(request, f"Planning resumed for {count} run(s).", messages.SUCCESS)

    @admin.action(description="Start over: supersede the selected runs with new ones (after lost chunks)")
    def restart(self, request: HttpRequest, queryset) -> None:
        count = 0
        for run in queryset.exclude(status__in=[BackfillRun.Status.FINISHED, BackfillRun.Status.SUPERSEDED]):
            new = services.backfill_start(project_id=run.project_id, chunk_size=run.chunk_size, new=True)
            backfill_enqueue_plan(run_id=new.pk)
            count += 1
        self.message_user(request, f"{count} run(s) restarted.", messages.SUCCESS)
