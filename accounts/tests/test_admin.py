import pytest
from django.urls import reverse

from accounts.models import ApiKey, hash_api_key
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_every_accounts_model_has_an_admin_changelist(admin_client_):
    for name in ["user", "team", "teammembership", "project", "apikey"]:
        assert admin_client_.get(reverse(f"admin:accounts_{name}_changelist")).status_code == 200


def test_creating_a_key_in_the_admin_shows_the_secret_once(admin_client_, project):
    response = admin_client_.post(
        reverse("admin:accounts_apikey_add"), {"project": project.pk, "name": "from-admin"}, follow=True
    )
    message = next(str(m) for m in response.context["messages"])
    raw = message.split("The new key is ")[1].split(" ")[0]
    assert ApiKey.objects.get(name="from-admin").hashed_key == hash_api_key(raw)
    assert raw not in admin_client_.get(reverse("admin:accounts_apikey_changelist")).content.decode()


def test_the_admin_action_revokes_keys(admin_client_, project, api_key_for):
    api_key_for(project)
    key = ApiKey.objects.get()
    admin_client_.post(reverse("admin:accounts_apikey_changelist"), {"action": "revoke", "_selected_action": [key.pk]})
    key.refresh_from_db()
    assert key.revoked_at is not None
