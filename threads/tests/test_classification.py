"""Classification: labels from the first question, the conditional write, the sweep."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from accounts.tests.factories import ProjectFactory
from threads.classifier import DummyClassifier
from threads.models import Category, CategorySeed, Thread
from threads.services import (
    categories_seed_defaults,
    sweep_enqueue,
    thread_label_by_classifier,
    thread_set_category_by_user,
    threads_classify,
)
from threads.services.classification import sweep_candidates
from threads.tasks import classify_thread
from threads.tests.factories import CategoryFactory, ThreadFactory

pytestmark = pytest.mark.django_db


class RecordingClassifier(DummyClassifier):
    def __init__(self, fail_on: str | None = None):
        super().__init__(delay=0)
        self.questions: list[str] = []
        self.fail_on = fail_on
        self._lock = threading.Lock()

    def classify(self, question, categories):
        with self._lock:
            self.questions.append(question)
        if question == self.fail_on:
            raise RuntimeError("model overloaded")
        return super().classify(question, categories)


def test_a_thread_is_classified_from_its_first_question_only(project):
    thread = ThreadFactory(project=project, first_question="Do you have open positions?", total_questions=5)
    careers = CategoryFactory(project=project, name="Careers", description="open positions, jobs")
    classifier = RecordingClassifier()
    threads_classify(thread_ids=[thread.pk], classifier=classifier)
    assert classifier.questions == ["Do you have open positions?"]
    thread.refresh_from_db()
    assert (thread.category_id, thread.category_source) == (careers.pk, "classifier")
    assert thread.labelled_at is not None


def test_many_threads_are_classified_concurrently_and_all_get_one_label(project):
    threads = [ThreadFactory(project=project) for _ in range(150)]
    outcome = threads_classify(thread_ids=[t.pk for t in threads], concurrency=16)
    assert (outcome.labelled, outcome.failed) == (150, 0)
    valid = set(Category.objects.filter(project=project).values_list("pk", flat=True))
    assert set(Thread.objects.values_list("category_id", flat=True)) <= valid
    assert set(Thread.objects.values_list("category_source", flat=True)) == {"classifier"}


def test_labelled_threads_are_not_sent_to_the_classifier_again(project):
    labelled = ThreadFactory(project=project, category_source="user")
    fresh = ThreadFactory(project=project)
    classifier = RecordingClassifier()
    threads_classify(thread_ids=[labelled.pk, fresh.pk], classifier=classifier)
    threads_classify(thread_ids=[labelled.pk, fresh.pk], classifier=classifier)
    assert classifier.questions == [fresh.first_question]


def test_a_classifier_error_leaves_the_thread_unlabelled_and_is_counted(project):
    bad = ThreadFactory(project=project, first_question="boom")
    good = ThreadFactory(project=project)
    outcome = threads_classify(thread_ids=[bad.pk, good.pk], classifier=RecordingClassifier(fail_on="boom"))
    assert (outcome.labelled, outcome.failed) == (1, 1)
    assert "model overloaded" in outcome.errors[0]
    bad.refresh_from_db()
    assert bad.category_source is None


def test_a_classifier_answer_that_is_not_a_category_is_refused(project):
    class Rogue:
        def classify(self, question, categories):
            return 987654

    thread = ThreadFactory(project=project)
    assert threads_classify(thread_ids=[thread.pk], classifier=Rogue()).failed == 1
    thread.refresh_from_db()
    assert thread.category_id is None


def test_the_classifier_never_overwrites_a_label_a_user_set(project):
    categories_seed_defaults(project_ids=[project.pk])
    discovery, troubleshooting = Category.objects.filter(project=project).order_by("name")
    thread = ThreadFactory(project=project)
    # The classifier read the thread while it was unlabelled; the user labels it; then the classifier writes.
    thread_set_category_by_user(project_id=project.pk, thread_id=thread.pk, category_id=troubleshooting.pk)
    assert thread_label_by_classifier(thread_ids=[thread.pk], category_id=discovery.pk) == 0
    thread.refresh_from_db()
    assert (thread.category_id, thread.category_source) == (troubleshooting.pk, "user")


def test_a_user_saying_no_category_is_not_overwritten_either(project):
    categories_seed_defaults(project_ids=[project.pk])
    thread = ThreadFactory(project=project)
    thread_set_category_by_user(project_id=project.pk, thread_id=thread.pk, category_id=None)
    assert threads_classify(thread_ids=[thread.pk]).labelled == 0
    thread.refresh_from_db()
    assert (thread.category_id, thread.category_source) == (None, "user")


def test_a_user_overrides_a_classifier_label(project):
    categories_seed_defaults(project_ids=[project.pk])
    discovery, troubleshooting = Category.objects.filter(project=project).order_by("name")
    thread = ThreadFactory(project=project)
    thread_label_by_classifier(thread_ids=[thread.pk], category_id=discovery.pk)
    thread_set_category_by_user(project_id=project.pk, thread_id=thread.pk, category_id=troubleshooting.pk)
    thread.refresh_from_db()
    assert (thread.category_id, thread.category_source) == (troubleshooting.pk, "user")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_user_label_wins_when_user_and_classifier_race():
    """Both writes run at the same moment in their own connections, many times over; whatever the
    interleaving, the user's label is the one that stays."""
    project = ProjectFactory()
    categories_seed_defaults(project_ids=[project.pk])
    discovery, troubleshooting = Category.objects.filter(project=project).order_by("name")
    rounds = 25
    threads = [ThreadFactory(project=project) for _ in range(rounds)]
    errors = []

    def run(target, barrier):
        try:
            barrier.wait(timeout=10)
            target()
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    for thread in threads:
        barrier = threading.Barrier(2)
        user = threading.Thread(
            target=run,
            args=(
                lambda t=thread: thread_set_category_by_user(
                    project_id=project.pk, thread_id=t.pk, category_id=troubleshooting.pk
                ),
                barrier,
            ),
        )
        machine = threading.Thread(
            target=run,
            args=(lambda t=thread: thread_label_by_classifier(thread_ids=[t.pk], category_id=discovery.pk), barrier),
        )
        user.start()
        machine.start()
        user.join()
        machine.join()
    assert errors == []
    final = set(Thread.objects.filter(project=project).values_list("category_id", "category_source"))
    assert final == {(troubleshooting.pk, "user")}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_classifier_write_waiting_on_a_users_uncommitted_label_does_not_overwrite_it():
    """The user's transaction holds the row; the classifier's UPDATE blocks on it, then re-checks its
    condition after the commit and writes nothing."""
    project = ProjectFactory()
    categories_seed_defaults(project_ids=[project.pk])
    discovery, troubleshooting = Category.objects.filter(project=project).order_by("name")
    thread = ThreadFactory(project=project)
    user_has_written = threading.Event()
    classifier_started = threading.Event()
    written = []

    def user():
        try:
            with transaction.atomic():
                thread_set_category_by_user(project_id=project.pk, thread_id=thread.pk, category_id=troubleshooting.pk)
                user_has_written.set()
                classifier_started.wait(timeout=10)
                # Give the classifier's UPDATE time to reach the row lock before committing.
                threading.Event().wait(0.3)
        finally:
            connection.close()

    def classifier():
        try:
            user_has_written.wait(timeout=10)
            classifier_started.set()
            written.append(thread_label_by_classifier(thread_ids=[thread.pk], category_id=discovery.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=user), threading.Thread(target=classifier)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert written == [0]
    thread.refresh_from_db()
    assert (thread.category_id, thread.category_source) == (troubleshooting.pk, "user")


def test_the_classify_task_labels_a_thread(project):
    thread = ThreadFactory(project=project)
    classify_thread.apply(args=(thread.pk,)).get()
    thread.refresh_from_db()
    assert thread.category_source == "classifier"


def test_the_classify_task_retries_when_the_classifier_fails(project, monkeypatch):
    from celery.exceptions import Retry

    from threads.services import classification

    monkeypatch.setattr(classification, "classifier_get", lambda: RecordingClassifier(fail_on="x"))
    thread = ThreadFactory(project=project, first_question="x")
    with pytest.raises(Retry):
        classify_thread.apply(args=(thread.pk,), throw=True).get()


def test_the_sweep_picks_recent_unlabelled_threads_past_the_grace_period(project, settings):
    settings.THREADS_SWEEP_GRACE_SECONDS = 60
    categories_seed_defaults(project_ids=[project.pk])
    now = timezone.now()
    lost = ThreadFactory(project=project, created_at=now - timedelta(minutes=5))
    ThreadFactory(project=project, created_at=now - timedelta(seconds=5))  # its job is probably queued
    ThreadFactory(project=project, created_at=now - timedelta(days=3))  # the backfill's
    ThreadFactory(project=project, created_at=now - timedelta(minutes=5), category_source="user")
    no_categories = ProjectFactory()
    CategorySeed.objects.create(project=no_categories)
    ThreadFactory(project=no_categories, created_at=now - timedelta(minutes=5))
    assert sweep_candidates(now=now) == [lost.pk]
    assert sweep_candidates(now=now) == []  # claimed: not enqueued again while its job waits


def test_the_sweep_labels_what_it_finds(project, eager_celery):
    categories_seed_defaults(project_ids=[project.pk])
    lost = ThreadFactory(project=project, created_at=timezone.now() - timedelta(minutes=5))
    assert sweep_enqueue() == 1
    lost.refresh_from_db()
    assert lost.category_source == "classifier"


def test_the_sweep_and_weekly_report_are_scheduled_in_code(settings):
    from celery.schedules import crontab

    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["threads-sweep-unlabelled"]["task"] == "threads.tasks.sweep_unlabelled_threads"
    # The README's bound: a lost job is found within grace + interval = 120 s of its thread's creation.
    assert schedule["threads-sweep-unlabelled"]["schedule"] + settings.THREADS_SWEEP_GRACE_SECONDS <= 120
    assert isinstance(schedule["threads-weekly-usage-report"]["schedule"], crontab)


def test_labels_of_many_categories_are_one_conditional_write_that_keeps_user_labels():
    from threads.services.classification import threads_label_by_classifier

    a, b = CategoryFactory(), CategoryFactory()
    a_threads = [ThreadFactory(project=a.project) for _ in range(3)]
    b_threads = [ThreadFactory(project=b.project) for _ in range(2)]
    thread_set_category_by_user(project_id=a.project_id, thread_id=a_threads[0].pk, category_id=None)
    written = threads_label_by_classifier(labels={a.pk: [t.pk for t in a_threads], b.pk: [t.pk for t in b_threads]})
    assert written == 4
    rows = {t.pk: (t.category_id, t.category_source) for t in Thread.objects.all()}
    assert rows[a_threads[0].pk] == (None, "user")  # a person's "no category" stays
    assert [rows[t.pk] for t in a_threads[1:]] == [(a.pk, "classifier")] * 2
    assert [rows[t.pk] for t in b_threads] == [(b.pk, "classifier")] * 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)  # the foreign key is checked at commit (deferred), as in production
def test_a_category_deleted_before_the_write_leaves_only_its_threads_unlabelled():
    from threads.services.classification import threads_label_by_classifier

    kept, gone = CategoryFactory(), CategoryFactory()
    kept_thread, gone_thread = ThreadFactory(project=kept.project), ThreadFactory(project=gone.project)
    gone_pk = gone.pk
    gone.delete()
    assert threads_label_by_classifier(labels={kept.pk: [kept_thread.pk], gone_pk: [gone_thread.pk]}) == 1
    kept_thread.refresh_from_db()
    gone_thread.refresh_from_db()
    assert (kept_thread.category_id, kept_thread.category_source) == (kept.pk, "classifier")
    assert gone_thread.category_source is None
