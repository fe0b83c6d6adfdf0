"""Reads of the threads domain."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, QuerySet, Subquery

from accounts.models import Project
from threads.classifier import CategoryOption
from threads.llm import Turn
from threads.models import BackfillRun, Category, QuestionAnswer, Thread


def thread_list(*, project_id: int, category: UUID | str | None = None) -> QuerySet[Thread]:
    """A project's threads, newest first, with their category in the same query. `category` is a
    category's public UUID (one of this project's; any other matches no thread), or "none" for
    threads without one."""
    threads = Thread.objects.filter(project_id=project_id).select_related("category").order_by("-created_at", "-id")
    if category == "none":
        threads = threads.filter(category__isnull=True)
    elif category is not None:
        category_pk = category_pk_for_uuid(project_id=project_id, category_uuid=category)  # type: ignore[arg-type]
        threads = threads.filter(category_id=category_pk) if category_pk is not None else threads.none()
    return threads


COUNT_CACHE_ABOVE = 10_000  # threads: below this an exact COUNT(*) costs a few ms, so it is not cached
COUNT_CACHE_SECONDS = 30


def thread_list_count(*, queryset: QuerySet[Thread], key: str | None, project_id: int | None = None) -> int:
    """The list's `count`. Exact for small lists; once a list has `COUNT_CACHE_ABOVE` threads or more,
    its count is kept `COUNT_CACHE_SECONDS` in the cache (a COUNT(*) of a million threads costs about
    150 ms), so a big project's count can lag by the threads of the last 30 s."""
    cache_key = f"threads:list-count:{key}" if key else None
    if cache_key is not None:
        cached = cache.get(cache_key)
        if cached is not None:
            return int(cached)
    count = None
    if project_id is not None:  # the unfiltered list: the same count, checking the deep-page anchors
        from threads import paging

        count = paging.count_checked(project_id=project_id)
    if count is None:
        count = queryset.count()
    if cache_key is not None and count >= getattr(settings, "THREADS_COUNT_CACHE_ABOVE", COUNT_CACHE_ABOVE):
        cache.set(cache_key, count, COUNT_CACHE_SECONDS)
    return count


def thread_page(*, queryset: QuerySet[Thread], offset: int, limit: int, project_id: int | None = None) -> list[Thread]:
    """One page of the list as a deferred join: the page's ids by an index-only scan (the offset skips
    index entries, not table rows), then those rows, in the list's order. With `project_id` (the
    unfiltered list of that project) a deep offset seeks from a cached anchor instead of skipping
    entries (`threads/paging.py`); same page."""
    from threads import paging

    anchored = paging.page_ids(project_id=project_id, offset=offset, limit=limit) if project_id else None
    if anchored is not None:
        return list(queryset.filter(pk__in=anchored).order_by("-created_at", "-id")) if anchored else []
    ids = queryset.order_by("-created_at", "-id").values("pk")[offset : offset + limit]
    return list(queryset.filter(pk__in=Subquery(ids)).order_by("-created_at", "-id"))


def thread_get(*, project_id: int, thread_id: int) -> Thread | None:
    return Thread.objects.filter(pk=thread_id, project_id=project_id).select_related("category").first()


def thread_get_by_uuid(*, project_id: int, thread_uuid: UUID) -> Thread | None:
    return Thread.objects.filter(uuid=thread_uuid, project_id=project_id).select_related("category").first()


def thread_pk_for_uuid(*, project_id: int, thread_uuid: UUID) -> int | None:
    return Thread.objects.filter(uuid=thread_uuid, project_id=project_id).values_list("pk", flat=True).first()


def project_pk_for_uuid(*, project_uuid: UUID) -> int | None:
    """The internal pk of the project whose public id is `project_uuid` (one lookup on a unique index)."""
    return Project.objects.filter(uuid=project_uuid).values_list("pk", flat=True).first()


def thread_history(*, thread_id: int, limit: int) -> list[Turn]:
    """The last `limit` questions and answers of a thread, oldest first."""
    rows = list(
        QuestionAnswer.objects.filter(thread_id=thread_id).order_by("-id").values_list("question", "answer")[:limit]
    )
    return [Turn(question=q, answer=a) for q, a in reversed(rows)]


def thread_question_answers(*, thread_id: int, limit: int = 500) -> list[QuestionAnswer]:
    return list(QuestionAnswer.objects.filter(thread_id=thread_id).order_by("id")[:limit])


def category_list(*, project_id: int) -> QuerySet[Category]:
    return Category.objects.filter(project_id=project_id).order_by("name", "id")


def category_get_by_uuid(*, project_id: int, category_uuid: UUID) -> Category | None:
    return Category.objects.filter(uuid=category_uuid, project_id=project_id).first()


def category_pk_for_uuid(*, project_id: int, category_uuid: UUID) -> int | None:
    """The internal pk of this project's category `category_uuid`; None if it is missing or another project's."""
    return Category.objects.filter(uuid=category_uuid, project_id=project_id).values_list("pk", flat=True).first()


def category_options_for_projects(*, project_ids: Iterable[int]) -> dict[int, list[CategoryOption]]:
    """What the classifier chooses from, per project (one query)."""
    options: dict[int, list[CategoryOption]] = defaultdict(list)
    for pk, project_id, name, description in (
        Category.objects.filter(project_id__in=list(project_ids))
        .order_by("project_id", "id")
        .values_list("pk", "project_id", "name", "description")
    ):
        options[project_id].append(CategoryOption(id=pk, name=name, description=description))
    return dict(options)


def unlabelled_count(*, project_id: int | None = None) -> int:
    threads = Thread.objects.filter(category_source__isnull=True)
    if project_id is not None:
        threads = threads.filter(project_id=project_id)
    return threads.count()


def backfill_run_active(*, project_id: int | None) -> BackfillRun | None:
    """The latest unfinished backfill of this scope (all projects when `project_id` is None)."""
    return (
        BackfillRun.objects.filter(project_id=project_id)
        .exclude(status__in=[BackfillRun.Status.FINISHED, BackfillRun.Status.SUPERSEDED])
        .order_by("-started_at", "-id")
        .first()
    )


@dataclass(frozen=True)
class BackfillProgress:
    done: int
    total: int
    rate: float  # threads per second since the run started
    eta_seconds: float | None
    finished: bool

    @property
    def percent(self) -> float:
        return 100.0 if not self.total else min(100.0, 100.0 * self.done / self.total)


def backfill_progress(*, run: BackfillRun, now: datetime | None = None) -> BackfillProgress:
    from django.utils import timezone

    now = now or run.finished_at or timezone.now()
    total = max(run.total, run.planned)
    done = min(run.processed, total)
    elapsed = max((now - run.started_at).total_seconds(), 1e-6)
    rate = done / elapsed
    finished = run.status == BackfillRun.Status.FINISHED
    eta = 0.0 if finished else ((total - done) / rate if rate > 0 else None)
    return BackfillProgress(done=done, total=total, rate=rate, eta_seconds=eta, finished=finished)


@dataclass
class ProjectUsage:
    project_id: int
    name: str
    questions: int = 0
    threads: int = 0
    per_category: list[tuple[str, int]] = field(default_factory=list)


def usage_for_team(*, team_id: int, start: datetime, end: datetime) -> list[ProjectUsage]:
    """Per project of the team, for [start, end): questions asked, threads started, and those threads per
    category (their current label; "Unlabelled" for none). Three queries whatever the team's size."""
    usage = {
        p.pk: ProjectUsage(project_id=p.pk, name=p.name)
        for p in Project.objects.filter(team_id=team_id).order_by("name", "id").only("id", "name")
    }
    if not usage:
        return []
    for row in (
        QuestionAnswer.objects.filter(project_id__in=usage, created_at__gte=start, created_at__lt=end)
        .values("project_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        usage[row["project_id"]].questions = row["n"]
    for row in (
        Thread.objects.filter(project_id__in=usage, created_at__gte=start, created_at__lt=end)
        .values("project_id", "category__name")
        .annotate(n=Count("id"))
        .order_by()
    ):
        project = usage[row["project_id"]]
        project.threads += row["n"]
        project.per_category.append((row["category__name"] or "Unlabelled", row["n"]))
    for project in usage.values():
        project.per_category.sort(key=lambda item: (item[0] == "Unlabelled", -item[1], item[0].lower()))
    return list(usage.values())
