"""Conversations (threads) of a project's chatbot, their questions and answers, the project's
categories, and the record of backfill runs."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from accounts.models import Project, Team


class Category(models.Model):
    """A label a project's threads can carry. The classifier sees `name` and `description`."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The public id.")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="thread_categories")
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True, help_text="What questions belong here; the classifier reads it.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project_id", "name"]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(Lower("name"), "project", name="threads_category_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name


class CategorySeed(models.Model):
    """Marks a project whose default categories were created, so they are created once: a team
    that deletes them does not get them back."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, primary_key=True, related_name="+")
    seeded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Defaults seeded for project {self.project_id}"


class Thread(models.Model):
    """One conversation. `first_question` and `total_questions` are kept by the chat service so the
    list is one query per page."""

    class Source(models.TextChoices):
        CLASSIFIER = "classifier", "Classifier"
        USER = "user", "User"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="threads")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The public id.")
    created_at = models.DateTimeField(default=timezone.now)
    first_question = models.TextField()
    total_questions = models.PositiveIntegerField(default=0)
    last_question_at = models.DateTimeField(default=timezone.now)
    # NULL source: unlabelled (the classifier may label it). "user": a person decided (the label, or
    # no label when category is NULL); the classifier never writes over it.
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="threads")
    category_source = models.CharField(max_length=16, choices=Source.choices, null=True, blank=True)
    labelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["project", "-created_at", "-id"], name="threads_project_newest_idx"),
            models.Index(fields=["project", "category", "-created_at"], name="threads_project_category_idx"),
            # The backfill walks unlabelled threads by id; the sweep by age. Both stay small once labelled.
            models.Index(fields=["id"], condition=Q(category_source__isnull=True), name="threads_unlabelled_id_idx"),
            models.Index(
                fields=["created_at"], condition=Q(category_source__isnull=True), name="threads_unlabelled_age_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.first_question[:60]}"


class QuestionAnswer(models.Model):
    class AnswerSource(models.TextChoices):
        LLM = "llm", "Language model"
        OFFLINE = "offline", "Offline (composed from the retrieved passages)"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="question_answers")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The public id.")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    question = models.TextField()
    answer = models.TextField()
    answer_source = models.CharField(max_length=16, choices=AnswerSource.choices)
    model = models.CharField(max_length=100, blank=True)
    sources = models.JSONField(default=list, blank=True, help_text="The retrieved chunks the answer used.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["thread_id", "id"]
        indexes = [models.Index(fields=["project", "created_at"], name="threads_qa_project_time_idx")]

    def __str__(self) -> str:
        return self.question[:80]


class BackfillRun(models.Model):
    """One labelling of every unlabelled thread (all projects, or one). Planning walks the threads in
    id order and enqueues chunk tasks; chunk tasks add to the counters, so progress is visible here."""

    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        SUPERSEDED = "superseded", "Superseded"

    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNING)
    chunk_size = models.PositiveIntegerField()
    total = models.PositiveBigIntegerField(default=0, help_text="Unlabelled threads when the run started.")
    planned = models.PositiveBigIntegerField(default=0, help_text="Threads sent to the workers so far.")
    chunks = models.PositiveIntegerField(default=0)
    cursor = models.BigIntegerField(default=0, help_text="Planning resumes after this thread id.")
    processed = models.PositiveBigIntegerField(default=0)
    labelled = models.PositiveBigIntegerField(default=0)
    skipped = models.PositiveBigIntegerField(default=0, help_text="Already labelled, or no categories.")
    failed = models.PositiveBigIntegerField(default=0, help_text="Classifier errors; a later run retries.")
    started_at = models.DateTimeField(default=timezone.now)
    planned_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            # One unfinished run per scope (a project, or all projects: project NULL), whatever number of
            # commands or admin clicks start one at the same moment: the second INSERT fails.
            models.UniqueConstraint(
                Coalesce(F("project"), Value(0)),
                condition=Q(status__in=["planning", "running"]),
                name="threads_one_active_backfill_per_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"Backfill #{self.pk} ({self.status})"


class BackfillChunk(models.Model):
    """A processed chunk of a run, recorded in the same transaction that adds its counts to the run, and
    only once (unique per run and first id): a redelivered chunk (a worker killed mid-chunk) or a chunk
    planned twice counts once, and its split is derived from the threads' rows, so the run's counters
    are exact after crashes."""

    run = models.ForeignKey(BackfillRun, on_delete=models.CASCADE, related_name="chunk_rows")
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    count = models.PositiveIntegerField()
    labelled = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "first_id"], name="threads_backfill_chunk_once")]

    def __str__(self) -> str:
        return f"Backfill #{self.run_id} chunk {self.first_id}–{self.last_id}"


class UsageReportDelivery(models.Model):
    """A weekly usage report that was sent, so a retried or repeated beat tick sends it once."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-period_start"]
        constraints = [models.UniqueConstraint(fields=["team", "period_start"], name="threads_one_report_per_week")]

    def __str__(self) -> str:
        return f"Usage report for team {self.team_id}, week of {self.period_start:%Y-%m-%d}"
