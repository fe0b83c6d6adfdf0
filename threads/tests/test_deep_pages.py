"""Deep offsets of the threads list seek from cached anchors (`threads/paging.py`) and give exactly the
page plain OFFSET gives, as threads keep arriving or are deleted. Anchors every 7 threads here (10,000 in
production), built by the `build_list_anchors` task (run eagerly here)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from threads import paging
from threads.models import Thread

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def small_anchors(monkeypatch, eager_celery):  # eager: the build task runs when scheduled
    monkeypatch.setattr(paging, "ANCHOR_EVERY", 7)
    monkeypatch.setattr(paging, "ANCHOR_FROM_OFFSET", 1)
    monkeypatch.setattr(paging, "REBUILD_ABOVE", 30)


def _threads(project, n, *, start, step=timedelta(seconds=1), same_time_every=3):
    rows = []
    for i in range(n):  # some share a created_at: the id breaks the tie, as in the list's order
        rows.append(Thread(project=project, created_at=start + step * (i // same_time_every * same_time_every)))
        rows[-1].first_question = f"q{i}"
    return Thread.objects.bulk_create(rows)


def _pages(key_client, project, limit):
    seen, offset = [], 0
    while True:
        body = key_client.get(f"/query/v1/projects/{project.uuid}/threads/", {"limit": limit, "offset": offset})
        assert body.status_code == 200
        body = body.json()
        seen.append([t["id"] for t in body["results"]])
        if not body["results"]:
            return seen
        offset += limit


def _expected(project, limit):
    order = [
        str(u)
        for u in Thread.objects.filter(project=project).order_by("-created_at", "-id").values_list("uuid", flat=True)
    ]
    return [order[i : i + limit] for i in range(0, len(order), limit)] + [[]]  # the list pages until empty


def test_every_page_is_the_plain_offset_page_while_threads_arrive(key_client, project, small_anchors):
    old = timezone.now() - timedelta(days=3)
    _threads(project, 100, start=old)
    _threads(project, 4, start=timezone.now() - timedelta(seconds=30))  # too recent for anchors
    for limit in (1, 5, 10, 33):
        assert _pages(key_client, project, limit) == _expected(project, limit)
    assert len(paging.anchors_build(project_id=project.pk)) == 15  # ranks 0, 7, ..., 98 of the 100 old ones
    _threads(project, 9, start=timezone.now())  # new threads at the newest end: old ranks do not move
    for limit in (3, 10):
        assert _pages(key_client, project, limit) == _expected(project, limit)


def test_a_deep_page_reads_no_offset_past_an_anchor_gap(key_client, project, small_anchors):
    _threads(project, 60, start=timezone.now() - timedelta(days=1))
    key_client.get(f"/query/v1/projects/{project.uuid}/threads/", {"limit": 2, "offset": 40})  # builds anchors
    with CaptureQueriesContext(connection) as queries:
        body = key_client.get(f"/query/v1/projects/{project.uuid}/threads/", {"limit": 2, "offset": 40}).json()
    assert [t["id"] for t in body["results"]] == _expected(project, 2)[20]
    page_sql = [q["sql"] for q in queries.captured_queries if "OFFSET" in q["sql"].upper()]
    assert page_sql and all(int(sql.upper().split("OFFSET")[1].split()[0]) < 7 for sql in page_sql)


def test_filtered_lists_and_offsets_past_the_end_page_as_before(key_client, project, small_anchors):
    _threads(project, 30, start=timezone.now() - timedelta(days=1))
    body = key_client.get(f"/query/v1/projects/{project.uuid}/threads/", {"offset": 29, "category": "none"}).json()
    assert body["count"] == 30 and len(body["results"]) == 1
    assert key_client.get(f"/query/v1/projects/{project.uuid}/threads/", {"offset": 31}).json()["results"] == []
    paging.anchors_build(project_id=project.pk)
    assert paging.page_ids(project_id=project.pk, offset=35, limit=5) == []


def test_threads_deleted_under_the_anchors_are_caught_by_the_count(key_client, project, small_anchors):
    threads = _threads(project, 50, start=timezone.now() - timedelta(days=1))
    url = f"/query/v1/projects/{project.uuid}/threads/"
    key_client.get(url, {"limit": 5, "offset": 30})  # schedules (here: runs) the build
    assert len(paging.anchors_build(project_id=project.pk)) == 8
    Thread.objects.filter(pk__in=[t.pk for t in threads[3:9]]).delete()  # old ones: ranks shift under the anchors
    assert _pages(key_client, project, 5) == _expected(project, 5)
    assert len(cache_anchors(project)) == 7  # rebuilt over the 44 left


def cache_anchors(project):
    from django.core.cache import cache

    return cache.get(f"threads:list-anchors:{project.pk}")
