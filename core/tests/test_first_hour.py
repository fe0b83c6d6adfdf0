"""What a new user meets first: JSON 404s under DEBUG, the branding, defaults that work, the setup
commands, and `make run`'s helpers (stamps, banner) and the embedded Redis' lifetime."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db
BASE = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", ["/api/nope", "/api/clicks/nope", "/query/v1/nope"])
def test_unknown_api_paths_are_json_404_under_debug_too(client, settings, path):
    settings.DEBUG = True
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


def test_an_api_path_that_exists_with_a_slash_still_redirects(client):
    response = client.get("/api/clicks")
    assert response.status_code == 301
    assert response["Location"].endswith("/api/clicks/")


def test_pages_carry_the_platform_name_and_icon(client):
    page = client.get("/").content.decode()
    assert "Django administration" not in page
    assert "Vendomo platform" in page
    assert "core/favicon.svg" in page
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 302 and favicon["Location"].endswith("core/favicon.svg")


def test_admin_lists_trim_losses_spelt_right(staff_client, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    page = staff_client.get("/admin/").content.decode()
    assert "Trim losses" in page and "losss" not in page


def test_api_docs_assets_are_served_locally(client):
    swagger = client.get("/api/docs/").content.decode()
    redoc = client.get("/redoc/").content.decode()
    assert "cdn.jsdelivr.net" not in swagger + redoc
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in swagger
    assert "/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js" in redoc


def test_a_library_with_only_a_name_gets_the_default_embedder(key_client):
    response = key_client.post("/api/vectordb/libraries", {"name": "notes"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["embedding_provider"] == "minilm"
    raw = key_client.post("/api/vectordb/libraries", {"name": "raw", "dimension": 3}, format="json")
    assert raw.status_code == 201, raw.json()
    assert raw.json()["embedding_provider"] in (None, "")


def test_chat_knowledge_is_seeded_from_the_platform_docs_once(project, settings):
    from threads.retrieval import knowledge_library_get
    from vectordb.models import Chunk

    settings.THREADS_EMBEDDING_PROVIDER = "hash"  # the command is the subject, not the model
    call_command("seed_chat_knowledge", "--project", str(project.pk))
    library = knowledge_library_get(project_id=project.pk)
    chunks = Chunk.objects.filter(document__library=library)
    count = chunks.count()
    assert count > 20
    assert chunks.filter(text__contains="make run").exists()
    call_command("seed_chat_knowledge", "--project", str(project.pk))
    assert chunks.count() == count


def _clean_env(tmp_path: Path) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.endswith("_URL")}
    environ |= {"VAR_DIR": str(tmp_path), "DJANGO_SECRET_KEY": "x"}
    return environ


def _redis_pids(tmp_path: Path) -> list[str]:
    found = subprocess.run(["pgrep", "-f", f"redis-server.*{tmp_path}"], capture_output=True, text=True)
    return found.stdout.split()


def test_a_manage_py_command_leaves_no_embedded_redis_behind(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE, env=_clean_env(tmp_path), capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "redis.log").exists()  # it did start one
    assert _redis_pids(tmp_path) == []
    assert not (tmp_path / "redis.sock").exists()


def test_run_banner_and_stamps(tmp_path, monkeypatch):
    from config import run

    monkeypatch.setattr(run, "DEMO_KEY_FILE", tmp_path / "key")
    monkeypatch.setattr(run, "STAMP_DIR", tmp_path / "setup")
    (tmp_path / "key").write_text("vdm_abc_secret")
    text = run.banner("http://127.0.0.1:8000")
    assert text.count("X-API-KEY: vdm_abc_secret") == 2
    assert "create_api_key --project demo" in text
    step = run.SetupStep("x", ["check"], lambda: "v1")
    first = run._stamp(step, "db")
    assert first == run._stamp(step, "db")
    assert first != run._stamp(run.SetupStep("x", ["check"], lambda: "v2"), "db")
    assert first != run._stamp(step, "other-db")


@pytest.mark.django_db
def test_the_banner_captures_the_key_bootstrap_demo_really_prints(api_client):
    from io import StringIO

    from django.core.management import call_command

    from config import run

    out = StringIO()
    call_command("bootstrap_demo", stdout=out)
    key = run.shown_key(out.getvalue())
    assert key is not None, out.getvalue()
    assert api_client.get("/api/projects", HTTP_X_API_KEY=key).status_code == 200


def test_make_runs_stop_signal_unwinds_once_and_never_during_the_cleanup():
    from config.run import StopSignal

    stop = StopSignal()
    with pytest.raises(KeyboardInterrupt):
        stop(signal.SIGINT, None)
    stop(signal.SIGINT, None)  # Ctrl-C again, or `timeout` relaying it to the group: ignored
    stop(signal.SIGTERM, None)

    cleaning = StopSignal()
    cleaning.cleaning = True  # main's loop ended by itself (a process group died) and cleans up
    cleaning(signal.SIGINT, None)  # must not raise inside the cleanup
