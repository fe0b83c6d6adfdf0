"""The threads admin: backfill runs with progress, the backfill action, labels chosen by people."""

import pytest
from django.urls import reverse

from accounts.tests.factories import ProjectFactory, UserFactory
from threads.models import BackfillRun, Thread
from threads.services import categories_seed_defaults
from threads.tests.factories import CategoryFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_admin_shows_progress_and_starts_a_backfill_from_an_action(
    superuser_client, eager_celery, calls, django_capture_on_commit_callbacks
):
    project = ProjectFactory()
    categories_seed_defaults(project_ids=[project.pk])
    threads = [ThreadFactory(project=project) for _ in range(3)]
    changelist = reverse("admin:threads_thread_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(
            changelist, {"action": "backfill_projects", "_selected_action": [threads[0].pk]}, follow=True
        )
    assert response.status_code == 200
    assert "Backfill started for 1 project" in response.content.decode()
    assert not Thread.objects.filter(project=project, category_source__isnull=True).exists()
    page = superuser_client.get(reverse("admin:threads_backfillrun_changelist")).content.decode()
    assert "3 / 3 (100.0%)" in page


def test_adding_a_run_in_the_admin_starts_it(superuser_client, eager_celery, calls, django_capture_on_commit_callbacks):
    ThreadFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(reverse("admin:threads_backfillrun_add"), {"chunk_size": 10, "project": ""})
    assert response.status_code == 302
    run = BackfillRun.objects.get()
    assert (run.status, run.labelled) == ("finished", 1)


def test_the_admin_pages_render(superuser_client):
    category = CategoryFactory()
    thread = ThreadFactory(project=category.project, category=category, category_source="classifier")
    for url in (
        reverse("admin:threads_thread_changelist"),
        reverse("admin:threads_thread_change", args=[thread.pk]),
        reverse("admin:threads_category_changelist"),
        reverse("admin:threads_category_change", args=[category.pk]),
        reverse("admin:threads_backfillrun_add"),
    ):
        assert superuser_client.get(url).status_code == 200, url
    # staff find a category by the public id the API shows, and its page shows it
    found = superuser_client.get(reverse("admin:threads_category_changelist"), {"q": str(category.uuid)})
    assert category.name in found.content.decode()
    page = superuser_client.get(reverse("admin:threads_category_change", args=[category.pk])).content.decode()
    assert str(category.uuid) in page


def test_choosing_a_category_in_the_admin_is_a_user_label(superuser_client):
    category = CategoryFactory()
    thread = ThreadFactory(project=category.project)
    response = superuser_client.post(
        reverse("admin:threads_thread_change", args=[thread.pk]),
        {
            "category": category.pk,
            "question_answers-TOTAL_FORMS": 0,
            "question_answers-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    thread.refresh_from_db()
    assert (thread.category_id, thread.category_source) == (category.pk, "user")


def test_the_admin_refuses_another_projects_category_for_a_thread(superuser_client):
    thread = ThreadFactory()
    foreign = CategoryFactory()
    response = superuser_client.post(
        reverse("admin:threads_thread_change", args=[thread.pk]),
        {"category": foreign.pk, "question_answers-TOTAL_FORMS": 0, "question_answers-INITIAL_FORMS": 0},
    )
    assert response.status_code == 200  # the form again, with the error
    thread.refresh_from_db()
    assert thread.category_id is None
