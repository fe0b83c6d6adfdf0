import pytest

pytestmark = pytest.mark.django_db


def test_metadata_with_a_nul_character_is_a_400_not_a_server_error(key_client):
    response = key_client.post(
        "/api/vectordb/libraries", {"name": "l", "dimension": 3, "metadata": {"a": "x\u0000y"}}, format="json"
    )
    assert response.status_code == 400
    assert "NUL" in str(response.json()["errors"]["metadata.a"])  # the field is named
