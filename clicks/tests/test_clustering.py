"""The pure clustering rule, without a database."""

from __future__ import annotations

import math

import pytest

from clicks import cases, clustering
from clicks.clustering import JOIN_RADIUS, ClusterState, PageClusters
from clicks.tests.support import CASES_DIR, needs_cases


def test_the_first_click_of_a_page_opens_cluster_zero():
    page = PageClusters()
    result = page.save(0.5, 0.5)
    assert (result.idx, result.is_new) == (0, True)


def test_a_click_within_the_radius_of_a_centroid_joins_that_cluster():
    page = PageClusters()
    page.save(0.5, 0.5)
    result = page.save(0.5 + JOIN_RADIUS * 0.99, 0.5)
    assert (result.idx, result.is_new) == (0, False)
    assert page.clusters[0].count == 2


def test_a_click_just_beyond_the_radius_opens_a_new_cluster_with_the_next_index():
    page = PageClusters()
    page.save(0.5, 0.5)
    result = page.save(0.5, 0.5 + JOIN_RADIUS * 1.01)
    assert (result.idx, result.is_new) == (1, True)


def test_the_decision_uses_the_running_centroid_not_the_first_click():
    page = PageClusters()
    page.save(0.50, 0.5)
    page.save(0.53, 0.5)  # joins: centroid moves to 0.515
    # 0.55 is 0.05 from the first click but 0.035 from the running centroid.
    assert page.predict(0.55, 0.5) == 0
    assert page.clusters[0].centroid == pytest.approx((0.515, 0.5))


def test_the_decision_uses_the_centroid_not_the_nearest_member():
    page = PageClusters()
    for x in (0.40, 0.43, 0.44):
        assert page.save(x, 0.5).idx == 0  # centroid 0.4233
    # 0.465 is 0.025 from the member at 0.44, but 0.0417 from the centroid.
    assert page.predict(0.465, 0.5) is None


def test_a_click_goes_to_the_nearest_centroid_when_two_are_within_reach():
    clusters = [ClusterState.seeded(0, 0.40, 0.5), ClusterState.seeded(1, 0.46, 0.5)]
    assert clustering.predict(clusters, 0.44, 0.5) == 1
    assert clustering.predict(clusters, 0.42, 0.5) == 0


def test_a_tie_goes_to_the_oldest_cluster():
    clusters = [ClusterState.seeded(1, 0.46, 0.5), ClusterState.seeded(0, 0.40, 0.5)]
    assert clustering.predict(clusters, 0.43, 0.5) == 0


def test_predict_on_a_page_without_clusters_is_none():
    assert clustering.predict([], 0.3, 0.3) is None


def test_predict_changes_nothing():
    page = PageClusters()
    page.save(0.2, 0.2)
    before = list(page.clusters)
    assert page.predict(0.21, 0.2) == 0
    assert page.clusters == before


def test_the_running_sums_give_the_centroid_and_the_rms_radius():
    state = ClusterState.seeded(0, 0.1, 0.1).with_click(0.3, 0.1)
    assert state.centroid == pytest.approx((0.2, 0.1))
    assert state.rms_radius == pytest.approx(0.1)
    assert ClusterState.seeded(0, 0.7, 0.2).rms_radius == 0.0


def test_assign_gives_a_new_cluster_the_number_of_existing_clusters_as_its_index():
    clusters = [ClusterState.seeded(i, 0.1 + 0.2 * i, 0.9) for i in range(3)]
    result = clustering.assign(clusters, 0.9, 0.1)
    assert result.is_new and result.idx == 3
    assert result.cluster.centroid == (0.9, 0.1)


def test_the_radius_can_be_given():
    page = PageClusters(radius=0.1)
    page.save(0.5, 0.5)
    assert page.save(0.58, 0.5).idx == 0
    assert math.isclose(page.radius, 0.1)


@needs_cases
def test_the_rule_reproduces_every_answer_of_every_public_case():
    replayed = 0
    for case in cases.load_cases(CASES_DIR):
        pages: dict[str, PageClusters] = {}
        for number, step in enumerate(case.steps):
            if step["method"] != "POST":
                continue
            coordinates = step["body"]["coordinates"]
            page = pages.setdefault(step["page_id"], PageClusters())
            if step["req_name"] in ("new_click", "save_click_and_predict_cluster"):
                result = page.save(coordinates["x"], coordinates["y"])
                got = {"cluster_idx": result.idx, "is_new": result.is_new}
            else:
                got = {"cluster_idx": page.predict(coordinates["x"], coordinates["y"])}
            assert got == step["response_data"], f"{case.name} step {number}"
            replayed += 1
    assert replayed > 10_000


def test_strict_equality_tells_ints_bools_and_nulls_apart():
    assert cases.strictly_equal({"cluster_idx": 1, "is_new": False}, {"cluster_idx": 1, "is_new": False})
    assert not cases.strictly_equal({"cluster_idx": 1.0}, {"cluster_idx": 1})
    assert not cases.strictly_equal({"cluster_idx": True}, {"cluster_idx": 1})
    assert not cases.strictly_equal({"cluster_idx": 0}, {"cluster_idx": None})
    assert not cases.strictly_equal({"cluster_idx": 0, "extra": 1}, {"cluster_idx": 0})
