from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiKey, hash_api_key
from accounts.services import api_key_create, api_key_revoke
from accounts.tests.factories import ProjectFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def detail_url(project) -> str:
    return reverse("accounts:project-detail", kwargs={"project_id": project.uuid})


def test_it_stores_only_the_hash_of_a_new_key(project):
    api_key, raw = api_key_create(project=project, name="sync")
    stored = ApiKey.objects.get(pk=api_key.pk)
    assert raw.startswith(f"vdm_{stored.prefix}_")
    assert stored.hashed_key == hash_api_key(raw)
    assert raw not in {getattr(stored, f.attname) for f in ApiKey._meta.concrete_fields}


def test_a_key_reads_its_own_project(key_client, project):
    response = key_client.get(detail_url(project))
    assert response.status_code == 200
    assert response.json()["id"] == str(project.uuid)


def test_a_key_for_project_a_gets_404_on_project_b(key_client):
    other = ProjectFactory()
    response = key_client.get(detail_url(other))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_a_key_lists_only_its_own_project(key_client, project):
    ProjectFactory.create_batch(3)
    response = key_client.get(reverse("accounts:project-list"))
    assert [p["id"] for p in response.json()] == [str(project.uuid)]


def test_a_missing_key_gets_401_with_a_json_message(api_client, project):
    response = api_client.get(detail_url(project))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "X-API-KEY"


@pytest.mark.parametrize("header", ["vdm_deadbeef_not-a-real-key", "garbage", " "])
def test_an_unknown_key_gets_403(api_client, project, header):
    response = api_client.get(detail_url(project), HTTP_X_API_KEY=header)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_revoked_key_gets_403(api_client, project):
    api_key, raw = api_key_create(project=project, name="old")
    api_key_revoke(api_key=api_key)
    response = api_client.get(detail_url(project), HTTP_X_API_KEY=raw)
    assert response.status_code == 403
    assert "revoked" in response.json()["detail"]


def test_an_expired_key_gets_403_and_an_unexpired_one_works(api_client, project):
    _, expired = api_key_create(project=project, name="e", expires_at=timezone.now() - timedelta(seconds=1))
    _, fresh = api_key_create(project=project, name="f", expires_at=timezone.now() + timedelta(days=1))
    assert api_client.get(detail_url(project), HTTP_X_API_KEY=expired).status_code == 403
    assert api_client.get(detail_url(project), HTTP_X_API_KEY=fresh).status_code == 200


def test_using_a_key_records_when_it_was_last_used(api_client, project):
    api_key, raw = api_key_create(project=project, name="k")
    api_client.get(detail_url(project), HTTP_X_API_KEY=raw)
    assert ApiKey.objects.get(pk=api_key.pk).last_used_at is not None


def test_a_team_member_reaches_the_teams_projects_only(api_client):
    user = UserFactory()
    team = TeamFactory()
    team.members.add(user)
    mine, theirs = ProjectFactory(team=team), ProjectFactory()
    api_client.force_login(user)
    assert api_client.get(detail_url(mine)).status_code == 200
    assert api_client.get(detail_url(theirs)).status_code == 404


def test_staff_reach_every_project(staff_client):
    assert staff_client.get(detail_url(ProjectFactory())).status_code == 200


def test_the_command_prints_a_working_key_once(capsys, api_client, project):
    call_command("create_api_key", "--project", str(project.pk), "--name", "cli")
    raw = capsys.readouterr().out.strip().splitlines()[-1]
    assert api_client.get(detail_url(project), HTTP_X_API_KEY=raw).status_code == 200


def test_bootstrap_demo_is_idempotent(capsys):
    call_command("bootstrap_demo")
    first = capsys.readouterr().out
    call_command("bootstrap_demo")
    second = capsys.readouterr().out
    assert "Demo API key for project" in first
    assert "Demo API key exists" in second
    assert ApiKey.objects.filter(name="demo").count() == 1


def test_revoking_a_key_that_was_just_used_takes_effect_at_once(
    api_client, project, django_capture_on_commit_callbacks
):
    api_key, raw = api_key_create(project=project, name="cached")
    assert api_client.get(detail_url(project), HTTP_X_API_KEY=raw).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        api_key_revoke(api_key=api_key)
    assert api_client.get(detail_url(project), HTTP_X_API_KEY=raw).status_code == 403


def test_expiring_a_cached_key_in_the_admin_takes_effect_at_once(
    client, api_client, project, django_capture_on_commit_callbacks
):
    from accounts.tests.factories import UserFactory

    api_key, raw = api_key_create(project=project, name="cached")
    assert api_client.get(detail_url(project), HTTP_X_API_KEY=raw).status_code == 200
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    past = timezone.now() - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:accounts_apikey_change", args=[api_key.pk]),
            {"project": project.pk, "name": "cached", "expires_at_0": past.date().isoformat(), "expires_at_1": "0:00"},
        )
    assert ApiKey.objects.get(pk=api_key.pk).expires_at is not None
    assert api_client.get(detail_url(project), HTTP_X_API_KEY=raw).status_code == 403
