from unittest import mock

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_is_200_when_database_redis_and_broker_are_up(api_client):
    from search.services import search_index_rebuild

    search_index_rebuild()
    response = api_client.get("/api/health")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "redis", "broker", "search_index"}


def test_health_is_503_naming_what_is_down(api_client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = api_client.get("/api/health")
    assert response.status_code == 503
    assert "redis" in response.json()["down"]
    assert response.json()["checks"]["redis"]["ok"] is False


def test_unknown_api_paths_get_a_json_404(api_client):
    response = api_client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not Found", "code": "not_found"}  # FastAPI's, as Vendomo expects


def test_an_unhandled_error_in_the_api_is_a_json_500(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    with mock.patch("core.apis.health_status", side_effect=RuntimeError("boom")):
        response = client.get("/api/health")
    assert response.status_code == 500
    assert response.json()["code"] == "error"
    assert "boom" not in response.content.decode()


def test_malformed_json_is_a_400_with_a_json_message(key_client):
    response = key_client.generic("POST", "/api/projects", "{not json", content_type="application/json")
    assert response.status_code in {400, 405}
    assert "detail" in response.json()


def test_the_landing_page_links_admin_and_docs(client):
    page = client.get("/").content.decode()
    assert reverse("admin:index") in page
    assert "/api/docs/" in page
    assert "/redoc/" in page


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/", "/redoc/"])
def test_the_api_docs_are_served(client, path):
    assert client.get(path).status_code == 200


def test_the_heartbeat_task_runs_on_the_worker_path(redis_client):
    from core.tasks import heartbeat

    heartbeat.apply()
    assert redis_client.get("vendomo:heartbeat")
