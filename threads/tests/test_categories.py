"""Categories: CRUD at /query/v1/projects/{project_id}/categories/, the defaults, rename and delete."""

import importlib
import uuid

import pytest
from django.apps import apps as django_apps

from accounts.services import project_create
from accounts.tests.factories import ProjectFactory, TeamFactory
from threads.models import Category, CategorySeed, Thread
from threads.services import threads_classify
from threads.tests.factories import CategoryFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def list_url(project_id):
    return f"/query/v1/projects/{project_id}/categories/"


def detail_url(project_id, category_id):
    return f"/query/v1/projects/{project_id}/categories/{category_id}/"


def names(client, project):
    return [c["name"] for c in client.get(list_url(project.uuid)).json()]


def test_a_new_project_starts_with_discovery_and_troubleshooting(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        project = project_create(team=TeamFactory(), name="Helpdesk")
    categories = Category.objects.filter(project=project).order_by("name")
    assert [(c.name, c.description) for c in categories] == [
        ("Discovery", "A user trying to figure out how to do something."),
        ("Troubleshooting", "A user asking for help with a problem."),
    ]


def test_existing_projects_get_the_defaults_from_the_data_migration():
    project = ProjectFactory()
    assert not Category.objects.filter(project=project).exists()
    migration = importlib.import_module("threads.migrations.0002_seed_default_categories")
    migration.seed(django_apps, None)
    migration.seed(django_apps, None)  # twice is once
    assert sorted(Category.objects.filter(project=project).values_list("name", flat=True)) == [
        "Discovery",
        "Troubleshooting",
    ]


def test_a_project_made_any_other_way_gets_the_defaults_on_first_use(key_client, project):
    assert names(key_client, project) == ["Discovery", "Troubleshooting"]


def test_a_team_that_keeps_the_two_defaults_gets_threads_labelled_with_them(project):
    thread = ThreadFactory(project=project, first_question="I have a problem, please help")
    threads_classify(thread_ids=[thread.pk])
    thread.refresh_from_db()
    assert thread.category.name == "Troubleshooting"


def test_a_team_adds_careers_and_legal(key_client, project):
    careers = key_client.post(list_url(project.uuid), {"name": "Careers", "description": "Asking for open positions"})
    legal = key_client.post(list_url(project.uuid), {"name": "Legal", "description": "Asking about terms of service"})
    assert careers.status_code == 201, careers.json()
    assert legal.status_code == 201
    assert set(careers.json()) == {"id", "project", "name", "description", "created_at", "updated_at"}
    assert names(key_client, project) == ["Careers", "Discovery", "Legal", "Troubleshooting"]
    thread = ThreadFactory(project=project, first_question="Do you have open positions?")
    threads_classify(thread_ids=[thread.pk])
    thread.refresh_from_db()
    assert thread.category.name == "Careers"


def test_a_team_replaces_discovery_with_coding_by_renaming_it(key_client, project):
    names(key_client, project)  # first use: the defaults
    discovery = Category.objects.get(project=project, name="Discovery")
    labelled = ThreadFactory(project=project, category=discovery, category_source="classifier")
    response = key_client.patch(
        detail_url(project.uuid, discovery.uuid), {"name": "Coding", "description": "Writing code with our SDK"}
    )
    assert response.status_code == 200, response.json()
    assert names(key_client, project) == ["Coding", "Troubleshooting"]
    row = key_client.get(f"/query/v1/projects/{project.uuid}/threads/").json()["results"][0]
    assert row["id"] == str(labelled.uuid)
    assert row["category"] == {"id": str(discovery.uuid), "name": "Coding"}  # the label follows the rename
    assert row["category_source"] == "classifier"


def test_a_team_replaces_discovery_with_coding_by_delete_and_create(key_client, project):
    names(key_client, project)
    discovery = Category.objects.get(project=project, name="Discovery")
    by_user = ThreadFactory(project=project, category=discovery, category_source="user")
    by_classifier = ThreadFactory(project=project, category=discovery, category_source="classifier")
    response = key_client.delete(detail_url(project.uuid, discovery.uuid))
    assert response.status_code == 200
    assert response.json() == {"deleted": str(discovery.uuid), "unlabelled_threads": 2}
    for thread in (by_user, by_classifier):
        thread.refresh_from_db()
        assert (thread.category_id, thread.category_source) == (None, None)  # waiting for the classifier
    coding = key_client.post(list_url(project.uuid), {"name": "Coding", "description": "Writing code"}).json()
    threads_classify(thread_ids=[by_user.pk, by_classifier.pk])
    chosen = set(Thread.objects.filter(pk__in=[by_user.pk, by_classifier.pk]).values_list("category__uuid", flat=True))
    assert chosen <= {uuid.UUID(coding["id"]), Category.objects.get(project=project, name="Troubleshooting").uuid}
    assert names(key_client, project) == ["Coding", "Troubleshooting"]


def test_deleted_defaults_do_not_come_back(key_client, project):
    for category in key_client.get(list_url(project.uuid)).json():
        assert key_client.delete(detail_url(project.uuid, category["id"])).status_code == 200
    assert names(key_client, project) == []
    assert CategorySeed.objects.filter(project=project).exists()


def test_a_project_with_no_categories_chats_lists_and_leaves_threads_unlabelled(key_client, project):
    CategorySeed.objects.create(project=project)  # defaults given, then deleted
    response = key_client.post(f"/query/v1/projects/{project.uuid}/chat", {"question": "Anyone?"})
    assert response.status_code == 200
    outcome = threads_classify(thread_ids=[Thread.objects.get(uuid=response.json()["thread_id"]).pk])
    assert (outcome.labelled, outcome.skipped, outcome.failed) == (0, 1, 0)
    row = key_client.get(f"/query/v1/projects/{project.uuid}/threads/").json()["results"][0]
    assert (row["category"], row["category_source"]) == (None, None)


@pytest.mark.parametrize("name", ["discovery", "DISCOVERY", "  Discovery  ", "Discovery"])
def test_names_are_unique_per_project_ignoring_case(key_client, project, name):
    response = key_client.post(list_url(project.uuid), {"name": name})
    assert response.status_code == 400
    assert "already has a category" in response.json()["errors"]["name"][0]


def test_the_same_name_is_fine_in_another_project(key_client, project):
    CategoryFactory(project=ProjectFactory(), name="Legal")
    assert key_client.post(list_url(project.uuid), {"name": "legal"}).status_code == 201


def test_a_rename_onto_another_categorys_name_is_refused(key_client, project):
    names(key_client, project)
    discovery = Category.objects.get(project=project, name="Discovery")
    response = key_client.patch(detail_url(project.uuid, discovery.uuid), {"name": "troubleshooting"})
    assert response.status_code == 400
    assert key_client.patch(detail_url(project.uuid, discovery.uuid), {"name": "DISCOVERY"}).status_code == 200


def test_the_database_refuses_a_case_insensitive_duplicate_too(project):
    from django.db import IntegrityError, transaction

    CategoryFactory(project=project, name="Legal")
    with pytest.raises(IntegrityError), transaction.atomic():
        CategoryFactory(project=project, name="LEGAL")


@pytest.mark.parametrize("payload", [{}, {"name": ""}, {"name": "   "}, {"name": "x" * 101}, {"name": ["a"]}])
def test_it_rejects_a_bad_category_with_a_400(key_client, project, payload):
    assert key_client.post(list_url(project.uuid), payload, format="json").status_code == 400


def test_a_project_has_at_most_the_configured_number_of_categories(key_client, project, settings):
    settings.THREADS_MAX_CATEGORIES = 3
    assert key_client.post(list_url(project.uuid), {"name": "Third"}).status_code == 201
    response = key_client.post(list_url(project.uuid), {"name": "Fourth"})
    assert response.status_code == 400
    assert "at most 3" in response.json()["errors"]["name"][0]


def test_a_category_reads_by_its_uuid_and_unknown_ones_are_404(key_client, project):
    category = CategoryFactory(project=project, name="Legal")
    body = key_client.get(detail_url(project.uuid, category.uuid)).json()
    assert (body["id"], body["project"], body["name"]) == (str(category.uuid), str(project.uuid), "Legal")
    assert key_client.get(detail_url(project.uuid, uuid.uuid4())).status_code == 404
    assert key_client.delete(detail_url(project.uuid, uuid.uuid4())).status_code == 404


def test_the_public_ids_are_uuids_not_the_sequential_pks(key_client, project):
    created = [key_client.post(list_url(project.uuid), {"name": name}).json() for name in ("Legal", "Sales")]
    assert [c["id"] for c in created] == [
        str(u)
        for u in Category.objects.filter(name__in=["Legal", "Sales"]).order_by("pk").values_list("uuid", flat=True)
    ]
    assert all(str(uuid.UUID(c["id"])) == c["id"] for c in created)
    listed = {c["name"]: c["id"] for c in key_client.get(list_url(project.uuid)).json()}
    assert (listed["Legal"], listed["Sales"]) == (created[0]["id"], created[1]["id"])


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_an_integer_or_malformed_category_id_in_the_url_is_a_404_as_other_chat_ids(key_client, project, method):
    category = CategoryFactory(project=project, name="Legal")
    for bad in (category.pk, "not-a-uuid", f"{category.uuid}x", str(category.uuid)[:-1]):
        response = getattr(key_client, method)(detail_url(project.uuid, bad), {"name": "X"}, format="json")
        assert response.status_code == 404, (bad, response.content)
        assert response.json()["code"] == "not_found"
    assert Category.objects.get(pk=category.pk).name == "Legal"


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_another_projects_category_answers_byte_for_byte_like_a_missing_one(key_client, project, method):
    theirs = CategoryFactory(project=ProjectFactory(), name="Theirs")
    call = getattr(key_client, method)
    foreign = call(detail_url(project.uuid, theirs.uuid), {"name": "Mine now"}, format="json")
    missing = call(detail_url(project.uuid, uuid.uuid4()), {"name": "Mine now"}, format="json")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.content == missing.content
    assert foreign.headers["Content-Type"] == missing.headers["Content-Type"]
    assert Category.objects.get(pk=theirs.pk).name == "Theirs"


def test_a_key_for_project_a_gets_404_on_project_bs_categories(key_client):
    other = ProjectFactory()
    theirs = CategoryFactory(project=other)
    assert key_client.get(list_url(other.uuid)).status_code == 404
    assert key_client.post(list_url(other.uuid), {"name": "Mine now"}).status_code == 404
    assert key_client.patch(detail_url(other.uuid, theirs.uuid), {"name": "Mine now"}).status_code == 404
    assert key_client.delete(detail_url(other.uuid, theirs.uuid)).status_code == 404


def test_a_key_cannot_reach_another_projects_category_through_its_own_url(key_client, project):
    theirs = CategoryFactory(project=ProjectFactory())
    assert key_client.get(detail_url(project.uuid, theirs.uuid)).status_code == 404
    assert key_client.delete(detail_url(project.uuid, theirs.uuid)).status_code == 404
    assert Category.objects.filter(pk=theirs.pk).exists()


def test_deleting_a_category_starts_a_backfill_that_labels_its_old_threads(
    key_client, project, eager_celery, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from threads.models import BackfillRun

    names(key_client, project)
    discovery = Category.objects.get(project=project, name="Discovery")
    old = ThreadFactory(project=project, category=discovery, category_source="classifier")
    Thread.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=90))
    with django_capture_on_commit_callbacks(execute=True):
        assert key_client.delete(detail_url(project.uuid, discovery.uuid)).status_code == 200
    old.refresh_from_db()
    assert old.category.name == "Troubleshooting"
    assert old.category_source == "classifier"
    run = BackfillRun.objects.get(project=project)
    assert (run.status, run.labelled) == ("finished", 1)
