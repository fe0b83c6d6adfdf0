"""Saving clicks: what is stored, and that the state lives in the database (survives restarts)."""

from __future__ import annotations

import pytest

from clicks import selectors, services
from clicks.clustering import PageClusters
from clicks.models import Click, ClickCluster, ClickPage

pytestmark = pytest.mark.django_db


def test_the_state_read_back_from_the_database_decides_like_the_rule_in_memory():
    points = [(0.1, 0.1), (0.12, 0.11), (0.6, 0.6), (0.61, 0.58), (0.11, 0.09), (0.9, 0.2), (0.62, 0.6)]
    memory = PageClusters()
    for x, y in points:
        stored = services.click_save(page_uuid="r/1", x=x, y=y)
        expected = memory.save(x, y)
        assert (stored.idx, stored.is_new) == (expected.idx, expected.is_new)
    # A fresh read (as after a restart) holds the same clusters as the rule kept in memory.
    assert selectors.page_cluster_states(page_uuid="r/1") == memory.clusters
    assert selectors.cluster_predict(page_uuid="r/1", x=0.6, y=0.6) == 1


def test_every_click_is_stored_with_its_page_cluster_and_time():
    services.click_save(page_uuid="r/2", x=0.3, y=0.4)
    stored = Click.objects.select_related("page", "cluster").get()
    assert (stored.page.uuid, stored.x, stored.y, stored.cluster.idx, stored.is_new_cluster) == (
        "r/2",
        0.3,
        0.4,
        0,
        True,
    )
    assert stored.created_at is not None


def test_cluster_counts_add_up_to_the_stored_clicks():
    for i in range(20):
        services.click_save(page_uuid="r/3", x=(i % 4) * 0.25, y=0.5)
    assert sum(ClickCluster.objects.values_list("count", flat=True)) == Click.objects.count() == 20
    assert ClickCluster.objects.count() == 4
    assert ClickPage.objects.get().click_count == 20


def test_deleting_a_run_by_prefix_removes_only_its_pages():
    services.click_save(page_uuid="runa/1", x=0.3, y=0.4)
    services.click_save(page_uuid="runa/2", x=0.3, y=0.4)
    services.click_save(page_uuid="runb/1", x=0.3, y=0.4)
    assert services.pages_delete_by_prefix(prefix="runa/") == 2
    assert list(ClickPage.objects.values_list("uuid", flat=True)) == ["runb/1"]
    assert Click.objects.count() == 1
    with pytest.raises(ValueError):
        services.pages_delete_by_prefix(prefix="")


def test_the_page_records_when_it_was_first_and_last_clicked():
    services.click_save(page_uuid="r/4", x=0.3, y=0.4)
    first = ClickPage.objects.get(uuid="r/4")
    services.click_save(page_uuid="r/4", x=0.9, y=0.9)
    page = ClickPage.objects.get(uuid="r/4")
    assert page.created_at == first.created_at
    assert page.last_click_at >= first.last_click_at
    assert page.last_click_at.utcoffset() is not None and page.last_click_at.utcoffset().total_seconds() == 0
