"""The click clients' endpoints: answers, validation (422), 404s, what is stored."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from clicks.models import Click, ClickCluster, ClickPage

pytestmark = pytest.mark.django_db

SAVE_PATHS = ["/api/clicks/save_click_and_predict_cluster", "/api/clicks/new_click"]
PREDICT_PATHS = ["/api/clicks/predict_cluster", "/api/clicks/predict_click"]


def click(page: str, x: float, y: float) -> dict:
    return {"page_uuid": page, "coordinates": {"x": x, "y": y}}


@pytest.fixture
def client() -> APIClient:
    return APIClient()  # no key: these endpoints are public


def test_the_index_answers_version_zero(client):
    response = client.get("/api/clicks/", {"page_uuid": "abc/0"})
    assert response.status_code == 200
    assert response.json() == {"version": 0}


@pytest.mark.parametrize("path", ["/api/clicks/meow", "/api/clicks/save", "/api/clicks/new_click/x"])
def test_anything_else_under_the_prefix_is_a_json_404(client, path):
    response = client.get(path, {"page_uuid": "abc/0"})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("path", SAVE_PATHS)
def test_a_save_stores_the_click_and_names_its_cluster(client, path):
    first = client.post(path, click("s/1", 0.2, 0.3), format="json")
    second = client.post(path, click("s/1", 0.21, 0.3), format="json")
    third = client.post(path, click("s/1", 0.8, 0.8), format="json")
    assert [r.status_code for r in (first, second, third)] == [200, 200, 200]
    assert first.json() == {"cluster_idx": 0, "is_new": True}
    assert second.json() == {"cluster_idx": 0, "is_new": False}
    assert third.json() == {"cluster_idx": 1, "is_new": True}
    stored = list(Click.objects.filter(page__uuid="s/1").order_by("id").values_list("x", "y", "cluster__idx"))
    assert stored == [(0.2, 0.3, 0), (0.21, 0.3, 0), (0.8, 0.8, 1)]
    cluster = ClickCluster.objects.get(page__uuid="s/1", idx=0)
    assert (cluster.count, cluster.sum_x, cluster.sum_y) == (2, 0.2 + 0.21, 0.6)
    assert ClickPage.objects.get(uuid="s/1").click_count == 3


@pytest.mark.parametrize("path", PREDICT_PATHS)
def test_a_predict_answers_the_cluster_without_storing_anything(client, path):
    client.post(SAVE_PATHS[0], click("p/1", 0.5, 0.5), format="json")
    near = client.post(path, click("p/1", 0.52, 0.5), format="json")
    far = client.post(path, click("p/1", 0.9, 0.1), format="json")
    assert near.status_code == far.status_code == 200
    assert near.json() == {"cluster_idx": 0}
    assert far.json() == {"cluster_idx": None}
    assert Click.objects.count() == 1
    assert ClickCluster.objects.get().count == 1


def test_a_predict_on_an_unknown_page_is_null_and_creates_no_page(client):
    response = client.post(PREDICT_PATHS[0], click("nobody/1", 0.5, 0.5), format="json")
    assert response.json() == {"cluster_idx": None}
    assert not ClickPage.objects.exists()


def test_pages_have_their_own_clusters(client):
    client.post(SAVE_PATHS[0], click("a/1", 0.5, 0.5), format="json")
    other = client.post(SAVE_PATHS[0], click("a/2", 0.5, 0.5), format="json")
    assert other.json() == {"cluster_idx": 0, "is_new": True}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"page_uuid": "v/1", "coordinates": {"x": 1.5, "y": 0.5}}, "coordinates"),
        ({"page_uuid": "v/1", "coordinates": {"x": -0.01, "y": 0.5}}, "coordinates"),
        ({"page_uuid": "v/1", "coordinates": {"x": "0.5", "y": 0.5}}, "coordinates"),
        ({"page_uuid": "v/1", "coordinates": {"x": True, "y": 0.5}}, "coordinates"),
        ({"page_uuid": "v/1", "coordinates": {"x": None, "y": 0.5}}, "coordinates"),
        ({"page_uuid": "v/1", "coordinates": {"x": 0.5}}, "coordinates"),
        ({"page_uuid": "v/1", "coordinates": [0.5, 0.5]}, "coordinates"),
        ({"page_uuid": "v/1"}, "coordinates"),
        ({"page_uuid": "", "coordinates": {"x": 0.5, "y": 0.5}}, "page_uuid"),
        ({"page_uuid": "p" * 256, "coordinates": {"x": 0.5, "y": 0.5}}, "page_uuid"),
        ({"page_uuid": 12, "coordinates": {"x": 0.5, "y": 0.5}}, "page_uuid"),
        ({"page_uuid": "a\x00b", "coordinates": {"x": 0.5, "y": 0.5}}, "page_uuid"),
        ({"coordinates": {"x": 0.5, "y": 0.5}}, "page_uuid"),
    ],
)
@pytest.mark.parametrize("path", [SAVE_PATHS[0], PREDICT_PATHS[0]])
def test_it_rejects_bad_input_with_a_422_naming_the_field(client, path, body, field):
    response = client.post(path, body, format="json")
    assert response.status_code == 422
    payload = response.json()
    assert payload["code"] and payload["detail"]
    assert field in payload["errors"]
    assert not Click.objects.exists()


@pytest.mark.parametrize("raw", ['{"page_uuid": "n/1", "coordinates": {"x": NaN, "y": 0.5}}',
                                 '{"page_uuid": "n/1", "coordinates": {"x": Infinity, "y": 0.5}}',
                                 '{"page_uuid": "n/1", "coordinates": {"x": 1e400, "y": 0.5}}'])  # fmt: skip
def test_it_rejects_non_finite_coordinates_with_a_422(client, raw):
    response = client.generic("POST", SAVE_PATHS[0], raw, content_type="application/json")
    assert response.status_code == 422
    assert "x" in response.json()["errors"]["coordinates"]


def test_it_rejects_a_lone_surrogate_in_the_page_uuid(client):
    raw = '{"page_uuid": "bad\\ud800", "coordinates": {"x": 0.5, "y": 0.5}}'
    response = client.generic("POST", SAVE_PATHS[0], raw, content_type="application/json")
    assert response.status_code == 422
    assert "page_uuid" in response.json()["errors"]


def test_it_rejects_a_body_that_is_not_an_object(client):
    response = client.generic("POST", SAVE_PATHS[0], "[1, 2]", content_type="application/json")
    assert response.status_code == 422


def test_it_rejects_malformed_json_with_a_400(client):
    response = client.generic("POST", SAVE_PATHS[0], "{not json", content_type="application/json")
    assert response.status_code == 400


def test_the_save_endpoint_does_not_answer_get(client):
    assert client.get(SAVE_PATHS[0]).status_code == 405


def test_it_keeps_the_page_uuid_exactly_as_sent(client):
    client.post(SAVE_PATHS[0], click(" spaced/1 ", 0.5, 0.5), format="json")
    assert ClickPage.objects.get().uuid == " spaced/1 "


def test_the_clusters_of_a_page_show_centroid_count_and_radius(client):
    for x, y in [(0.2, 0.2), (0.22, 0.2), (0.7, 0.7)]:
        client.post(SAVE_PATHS[0], click("sess/3", x, y), format="json")
    response = client.get("/api/clicks/pages/sess/3/clusters")
    assert response.status_code == 200
    data = response.json()
    assert data["page_uuid"] == "sess/3"
    assert data["click_count"] == 3
    assert data["join_radius"] == 0.04
    first, second = data["clusters"]
    assert first["idx"] == 0 and first["count"] == 2
    assert first["centroid"] == pytest.approx({"x": 0.21, "y": 0.2})
    assert first["radius"] == pytest.approx(0.01)
    assert second == {"idx": 1, "centroid": {"x": 0.7, "y": 0.7}, "count": 1, "radius": 0.0}


def test_the_clusters_of_an_unknown_page_are_a_404(client):
    response = client.get("/api/clicks/pages/nobody/clusters")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("page", ["bad%00name", "x" * 300])
def test_the_clusters_of_an_impossible_page_name_are_a_404(client, page):
    response = client.get(f"/api/clicks/pages/{page}/clusters")
    assert response.status_code == 404


def test_a_database_outage_is_a_503_and_not_a_500(client, monkeypatch):
    from django.db import OperationalError

    from clicks import services

    def down(**kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(services, "click_save", down)
    response = client.post(SAVE_PATHS[0], click("down/1", 0.5, 0.5), format="json")
    assert response.status_code == 503
    assert response.json()["code"] == "service_unavailable"
