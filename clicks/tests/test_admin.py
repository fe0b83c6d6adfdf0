"""Pages, clusters and clicks are browsable (read-only) in the admin."""

from __future__ import annotations

import pytest

from clicks import services
from clicks.models import Click, ClickCluster, ClickPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(email="root@example.com", password="pw-123456789")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["clickpage", "clickcluster", "click"])
def test_the_admin_lists_and_shows_them(admin_client, model):
    services.click_save(page_uuid="adm/1", x=0.4, y=0.4)
    services.click_save(page_uuid="adm/1", x=0.41, y=0.4)
    listing = admin_client.get(f"/admin/clicks/{model}/")
    assert listing.status_code == 200
    assert b"adm/1" in listing.content
    obj = {"clickpage": ClickPage, "clickcluster": ClickCluster, "click": Click}[model].objects.first()
    detail = admin_client.get(f"/admin/clicks/{model}/{obj.pk}/change/")
    assert detail.status_code == 200


def test_the_admin_cannot_add_or_edit_clusters(admin_client):
    services.click_save(page_uuid="adm/2", x=0.4, y=0.4)
    cluster = ClickCluster.objects.get()
    assert admin_client.get("/admin/clicks/clickcluster/add/").status_code == 403
    response = admin_client.post(f"/admin/clicks/clickcluster/{cluster.pk}/change/", {"count": 99})
    assert response.status_code == 403
    cluster.refresh_from_db()
    assert cluster.count == 1
