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
    assert (body["id"], body["uuid"]) == (project.pk, str(project.uuid))
    assert key_client.get(f"/api/projects/{ProjectFactory().uuid}").status_code == 404  # not this key's


def test_create_api_key_takes_the_project_uuid(capsys, api_client, project):
    call_command("create_api_key", "--project", str(project.uuid), "--name", "cli")
    out = capsys.readouterr().out.strip().splitlines()
    assert str(project.uuid) in out[0]
    assert api_client.get(f"/api/projects/{project.uuid}", HTTP_X_API_KEY=out[-1]).status_code == 200
