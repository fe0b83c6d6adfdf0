"""Projects have a public, non-sequential UUID (the original kapa API's project ids)."""

import uuid

import pytest
from django.core.management import call_command

from accounts.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_every_project_gets_its_own_uuid():
    a, b = ProjectFactory(), ProjectFactory()
    assert isinstance(a.uuid, uuid.UUID) and a.uuid != b.uuid


def test_the_project_api_shows_the_uuid_and_reads_a_project_by_it(key_client, project):
    assert key_client.get("/api/projects").json()[0]["uuid"] == str(project.uuid)
    body = key_client.get(f"/api/projects/{project.uuid}").json()
    assert body["id"] == body["uuid"] == str(project.uuid)
    assert key_client.get(f"/api/projects/{ProjectFactory().uuid}").status_code == 404  # not this key's


def test_create_api_key_takes_the_project_uuid(capsys, api_client, project):
    call_command("create_api_key", "--project", str(project.uuid), "--name", "cli")
    out = capsys.readouterr().out.strip().splitlines()
    assert str(project.uuid) in out[0]
    assert api_client.get(f"/api/projects/{project.uuid}", HTTP_X_API_KEY=out[-1]).status_code == 200


def test_the_project_api_names_projects_by_uuid_only_and_hides_other_tenants(key_client, project):
    missing = key_client.get(f"/api/projects/{uuid.uuid4()}")
    foreign = key_client.get(f"/api/projects/{ProjectFactory().uuid}")
    assert missing.status_code == foreign.status_code == 404
    assert missing.content == foreign.content  # byte for byte: existence cannot be probed
    assert missing.json() == {"detail": "Not found.", "code": "not_found"}
    # the sequential pk is no id any more, and a malformed id matches no route (404, not a 5xx)
    assert key_client.get(f"/api/projects/{project.pk}").status_code == 404
    assert key_client.get("/api/projects/not-a-uuid").status_code == 404
    listed = key_client.get("/api/projects").json()
    assert [p["id"] for p in listed] == [str(project.uuid)] and "pk" not in listed[0]
