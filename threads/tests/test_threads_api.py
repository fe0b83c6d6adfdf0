"""GET /query/v1/projects/{project_id}/threads/ and GET/PATCH .../threads/{thread_id}/"""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import ProjectFactory
from threads.models import Thread
from threads.tests.factories import CategoryFactory, QuestionAnswerFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def list_url(project_id, query=""):
    return f"/query/v1/projects/{project_id}/threads/{query}"


def detail_url(project_id, thread_id):
    return f"/query/v1/projects/{project_id}/threads/{thread_id}/"


def make_threads(project, n, **kwargs):
    now = timezone.now()
    return [ThreadFactory(project=project, created_at=now - timedelta(minutes=n - i), **kwargs) for i in range(n)]


def test_each_thread_has_exactly_the_documented_fields(key_client, project):
    category = CategoryFactory(project=project, name="Billing")
    thread = ThreadFactory(
        project=project,
        first_question="Why was I charged twice?",
        total_questions=3,
        category=category,
        category_source="classifier",
    )
    body = key_client.get(list_url(project.uuid)).json()
    assert body["results"] == [
        {
            "id": str(thread.uuid),
            "project": str(project.uuid),
            "created_at": thread.created_at.isoformat().replace("+00:00", "Z"),
            "first_question": "Why was I charged twice?",
            "total_questions": 3,
            "category": {"id": str(category.uuid), "name": "Billing"},
            "category_source": "classifier",
        }
    ]


def test_an_unlabelled_thread_has_null_category_and_source(key_client, project):
    ThreadFactory(project=project)
    row = key_client.get(list_url(project.uuid)).json()["results"][0]
    assert row["category"] is None
    assert row["category_source"] is None


def test_threads_come_newest_first_in_pages(key_client, project):
    threads = make_threads(project, 7)
    first = key_client.get(list_url(project.uuid, "?limit=3")).json()
    assert first["count"] == 7
    assert first["previous"] is None
    assert [t["id"] for t in first["results"]] == [str(t.uuid) for t in reversed(threads)][:3]
    second = key_client.get(first["next"]).json()
    third = key_client.get(second["next"]).json()
    seen = [t["id"] for page in (first, second, third) for t in page["results"]]
    assert seen == [str(t.uuid) for t in reversed(threads)]
    assert third["next"] is None
    assert "offset=3" in third["previous"]


def test_a_page_is_answered_with_the_same_number_of_queries_whatever_its_size(
    key_client, project, django_assert_num_queries
):
    categories = [CategoryFactory(project=project, name=n) for n in ("A", "B", "C")]
    for i, thread in enumerate(make_threads(project, 60)):
        Thread.objects.filter(pk=thread.pk).update(category=categories[i % 3], category_source="classifier")
    key_client.get(list_url(project.uuid))  # warm the key cache
    # The project's UUID → pk, the count, the page (with its categories): three whatever the size.
    with django_assert_num_queries(3):
        small = key_client.get(list_url(project.uuid, "?limit=2"))
    with django_assert_num_queries(3):
        large = key_client.get(list_url(project.uuid, "?limit=50"))
    assert len(small.json()["results"]) == 2
    assert len(large.json()["results"]) == 50


def test_it_filters_by_category_and_by_no_category(key_client, project):
    careers = CategoryFactory(project=project, name="Careers")
    legal = CategoryFactory(project=project, name="Legal")
    a = ThreadFactory(project=project, category=careers, category_source="classifier")
    ThreadFactory(project=project, category=legal, category_source="user")
    none = ThreadFactory(project=project)
    assert [t["id"] for t in key_client.get(list_url(project.uuid, f"?category={careers.uuid}")).json()["results"]] == [
        str(a.uuid)
    ]
    none_page = key_client.get(list_url(project.uuid, "?category=none")).json()
    assert [t["id"] for t in none_page["results"]] == [str(none.uuid)]
    assert none_page["count"] == 1


@pytest.mark.parametrize("value", ["abc", "-1", "0", "1", "1.5", "99999999999999999999999", "None", "0f0f0f0f-zz"])
def test_it_rejects_a_bad_category_filter_with_a_400(key_client, project, value):
    CategoryFactory(project=project)  # an integer is never a category id, even one matching a pk
    response = key_client.get(list_url(project.uuid, f"?category={value}"))
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "category": ["Use a category id (a UUID), or `none` for threads without a category."]
    }


def test_filtering_by_another_projects_category_lists_nothing_as_a_missing_one_does(key_client, project):
    other = ProjectFactory()
    theirs = CategoryFactory(project=other)
    ThreadFactory(project=other, category=theirs, category_source="user")
    ThreadFactory(project=project)
    foreign = key_client.get(list_url(project.uuid, f"?category={theirs.uuid}"))
    missing = key_client.get(list_url(project.uuid, f"?category={uuid.uuid4()}"))
    assert foreign.status_code == missing.status_code == 200
    assert foreign.json() == missing.json() == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize("query", ["?limit=abc", "?offset=-1", "?offset=x"])
def test_garbage_limit_or_offset_falls_back_to_the_defaults_as_drf_does(key_client, project, query):
    make_threads(project, 3)
    body = key_client.get(list_url(project.uuid, query)).json()
    assert body["count"] == 3
    assert len(body["results"]) == 3


def test_the_default_page_is_100_threads(key_client, project):
    make_threads(project, 101)
    body = key_client.get(list_url(project.uuid)).json()
    assert (body["count"], len(body["results"])) == (101, 100)
    assert "limit=100" in body["next"] and "offset=100" in body["next"]
    assert len(key_client.get(body["next"]).json()["results"]) == 1


def test_a_key_for_project_a_gets_404_on_project_bs_threads(key_client):
    other = ProjectFactory()
    ThreadFactory(project=other)
    assert key_client.get(list_url(other.uuid)).status_code == 404


def test_only_the_projects_own_threads_are_listed(key_client, project):
    ThreadFactory(project=ProjectFactory())
    mine = ThreadFactory(project=project)
    assert [t["id"] for t in key_client.get(list_url(project.uuid)).json()["results"]] == [str(mine.uuid)]


def test_a_thread_reads_with_its_questions_and_answers(key_client, project):
    qa = QuestionAnswerFactory(thread__project=project)
    body = key_client.get(detail_url(project.uuid, qa.thread.uuid)).json()
    assert body["id"] == str(qa.thread.uuid)
    assert body["project"] == str(project.uuid)
    assert [(q["id"], q["question"]) for q in body["question_answers"]] == [(str(qa.uuid), qa.question)]


def test_a_user_relabels_a_thread(key_client, project):
    category = CategoryFactory(project=project, name="Legal")
    thread = ThreadFactory(project=project)
    response = key_client.patch(detail_url(project.uuid, thread.uuid), {"category_id": str(category.uuid)})
    assert response.status_code == 200, response.json()
    assert response.json()["category"] == {"id": str(category.uuid), "name": "Legal"}
    listed = key_client.get(list_url(project.uuid)).json()["results"][0]
    assert listed["category"] == {"id": str(category.uuid), "name": "Legal"}
    assert response.json()["category_source"] == "user"


def test_a_user_can_say_a_thread_has_no_category(key_client, project):
    thread = ThreadFactory(project=project, category=CategoryFactory(project=project), category_source="classifier")
    response = key_client.patch(detail_url(project.uuid, thread.uuid), {"category_id": None})
    assert response.status_code == 200
    thread.refresh_from_db()
    assert (thread.category_id, thread.category_source) == (None, "user")


@pytest.mark.parametrize(
    "payload", [{}, {"category_id": "x"}, {"category_id": 0}, {"category_id": [1]}, {"category_id": "1"}]
)
def test_a_relabel_with_bad_input_is_a_400(key_client, project, payload):
    thread = ThreadFactory(project=project)
    CategoryFactory(project=project)  # an integer pk is not accepted for it
    response = key_client.patch(detail_url(project.uuid, thread.uuid), payload, format="json")
    assert response.status_code == 400
    assert "category_id" in response.json()["errors"]


def test_a_thread_cannot_get_another_projects_category(key_client, project):
    thread = ThreadFactory(project=project)
    foreign = CategoryFactory(project=ProjectFactory())
    response = key_client.patch(detail_url(project.uuid, thread.uuid), {"category_id": str(foreign.uuid)})
    missing = key_client.patch(detail_url(project.uuid, thread.uuid), {"category_id": str(uuid.uuid4())})
    assert response.status_code == missing.status_code == 400
    assert response.content == missing.content  # another project's category reads exactly as a missing one
    assert response.json()["errors"] == {"category_id": ["No category with this id exists in this project."]}
    thread.refresh_from_db()
    assert thread.category_id is None


def test_a_key_can_never_relabel_another_projects_thread(key_client, project):
    other = ProjectFactory()
    foreign = ThreadFactory(project=other)
    theirs = CategoryFactory(project=other)
    mine = CategoryFactory(project=project)
    # Through B's URL: 404. Through A's URL with B's thread: 404. Nothing changes either way.
    assert key_client.patch(detail_url(other.uuid, foreign.uuid), {"category_id": str(theirs.uuid)}).status_code == 404
    assert key_client.patch(detail_url(project.uuid, foreign.uuid), {"category_id": str(mine.uuid)}).status_code == 404
    assert key_client.get(detail_url(project.uuid, foreign.uuid)).status_code == 404
    foreign.refresh_from_db()
    assert (foreign.category_id, foreign.category_source) == (None, None)


def test_a_staff_session_gets_404_for_a_project_that_does_not_exist(staff_client):
    assert staff_client.get(list_url("00000000-0000-4000-8000-000000000000")).status_code == 404
    assert staff_client.post("/query/v1/projects/987654/chat", {"question": "q"}).status_code == 404


def test_a_big_lists_count_is_cached_briefly_and_a_small_ones_is_exact(key_client, project, settings):
    from django.core.cache import cache

    settings.THREADS_COUNT_CACHE_ABOVE = 3
    cache.delete(f"threads:list-count:{project.pk}:all")
    make_threads(project, 2)
    assert key_client.get(list_url(project.uuid)).json()["count"] == 2
    ThreadFactory(project=project)
    assert key_client.get(list_url(project.uuid)).json()["count"] == 3  # exact, and now cached
    ThreadFactory(project=project)
    body = key_client.get(list_url(project.uuid)).json()
    assert body["count"] == 3 and len(body["results"]) == 4  # the page is always fresh
    cache.delete(f"threads:list-count:{project.pk}:all")
    assert key_client.get(list_url(project.uuid)).json()["count"] == 4


def test_a_deep_offset_page_holds_the_right_threads_in_order(key_client, project):
    threads = list(reversed(make_threads(project, 30)))
    body = key_client.get(list_url(project.uuid, "?limit=7&offset=20")).json()
    assert [t["id"] for t in body["results"]] == [str(t.uuid) for t in threads[20:27]]
    assert key_client.get(list_url(project.uuid, "?offset=31")).json()["results"] == []
