"""What a fresh process pays before its first answer (vectordb/README.md, "Cold start"): libraries
only a request or a task needs are not imported at start, and the garbage collector paused for
start-up (config/startup.py) is back on once Django is set up. Each check runs in a fresh
interpreter, as a web process, node or worker starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.conf import settings

#: Imported only on the request/task paths that use them (threads/llm.py, vectordb/pipeline.py).
LAZY = ("anthropic", "temporalio")
IMPORTED = f"sorted(m for m in sys.modules if m.split('.')[0] in {LAZY!r})"


def _fresh(code: str, **env: str) -> dict:
    """Run `code` in a new interpreter (in the project directory); it prints one JSON object."""
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "VECTORDB_JIT_WARMUP": "0", **env}
    environ.setdefault("DJANGO_SECRET_KEY", "test")
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=environ, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_web_process_start_and_its_url_conf_import_no_llm_or_workflow_client():
    got = _fresh(
        "import json, sys, gc\n"
        "import config.asgi\n"
        f"started = {IMPORTED}\n"
        "import config.urls  # what the first request imports\n"
        f"routed = {IMPORTED}\n"
        "print(json.dumps({'started': started, 'routed': routed, 'gc': gc.isenabled()}))"
    )
    assert got == {"started": [], "routed": [], "gc": True}


def test_a_management_command_and_the_worker_start_with_the_collector_back_on_and_no_llm():
    got = _fresh(
        "import json, sys, gc\n"
        "import config  # what `celery -A config` and manage.py import first\n"
        "paused = not gc.isenabled()\n"
        "import django; django.setup()\n"
        "import vectordb.tasks, threads.tasks, vectordb.management.commands.vectordb_node\n"
        f"lazy = {IMPORTED}\n"
        "print(json.dumps({'paused': paused, 'gc': gc.isenabled(), 'frozen': gc.get_freeze_count() > 0,"
        " 'lazy': lazy}))"
    )
    assert got == {"paused": True, "gc": True, "frozen": True, "lazy": []}


def test_without_an_api_key_threads_answers_offline_without_importing_anthropic():
    got = _fresh(
        "import json, sys\n"
        "import django; django.setup()\n"
        "from threads import llm\n"
        "passage = llm.Passage(text='Reset it under Settings.', score=1.0, document_title='FAQ')\n"
        "answer = llm.answer_question(question='how?', passages=[passage], history=[], config=None)\n"
        "empty = llm.answer_question(question='how?', passages=[passage], history=[],"
        " config=llm.LlmConfig(api_key='', model='m', timeout=1.0))\n"
        "print(json.dumps({'source': [answer.source, empty.source], 'marked': answer.text.startswith("
        "llm.OFFLINE_MARKER), 'imported': 'anthropic' in sys.modules}))"
    )
    assert got == {"source": ["offline", "offline"], "marked": True, "imported": False}


def test_with_an_api_key_an_unreachable_model_is_still_caught_after_the_lazy_import():
    """The `except anthropic.APIError` of the lazily imported module still catches the client's
    connection error (nothing listens on the address): the answer is offline, marked unavailable."""
    got = _fresh(
        "import json, sys\n"
        "import django; django.setup()\n"
        "import anthropic, httpx\n"
        "from threads import llm\n"
        "config = llm.LlmConfig(api_key='sk-test', model='m', timeout=1.0, max_retries=0)\n"
        "client = anthropic.Anthropic(api_key='sk-test', base_url='http://127.0.0.1:9', max_retries=0, timeout=1.0)\n"
        "answer = llm.answer_question(question='how?', passages=[], history=[], config=config, client=client)\n"
        "print(json.dumps({'source': answer.source, 'marked': answer.text.startswith(llm.UNAVAILABLE_MARKER)}))"
    )
    assert got == {"source": "offline", "marked": True}


def test_a_worker_starts_without_system_checks_and_mingle_unless_told_otherwise():
    code = "import json, os, config; print(json.dumps([os.environ.get(k) for k in %r]))"
    names = ("CELERY_SKIP_CHECKS", "CELERY_WORKER_WITHOUT_MINGLE")
    clean = {k: v for k, v in os.environ.items() if k not in names}
    defaults = subprocess.run(
        [sys.executable, "-c", code % (names,)], cwd=settings.BASE_DIR, env=clean, capture_output=True, text=True
    )
    explicit = subprocess.run(
        [sys.executable, "-c", code % (names,)],
        cwd=settings.BASE_DIR,
        env={**clean, "CELERY_SKIP_CHECKS": "", "CELERY_WORKER_WITHOUT_MINGLE": "false"},
        capture_output=True,
        text=True,
    )
    assert json.loads(defaults.stdout) == ["1", "1"], defaults.stderr
    assert json.loads(explicit.stdout) == ["", "false"], explicit.stderr


def test_a_process_that_never_sets_up_django_gets_the_collector_back_from_the_fallback():
    got = _fresh(
        "import json, gc, threading\n"
        "import config\n"
        "from config import startup\n"
        "timer = next(t for t in threading.enumerate() if t.name == 'config-startup-gc')\n"
        "paused = not gc.isenabled()\n"
        "timer.function()  # what the timer runs after PAUSE_MAX_S\n"
        "timer.join(5)\n"
        "print(json.dumps({'paused': paused, 'after': gc.isenabled(), 'timer_gone': not timer.is_alive(),"
        " 'max_s': startup.PAUSE_MAX_S}))"
    )
    assert got == {"paused": True, "after": True, "timer_gone": True, "max_s": 60.0}
    # Set up normally, the timer is cancelled as the collector comes back.
    got = _fresh(
        "import json, gc, threading\n"
        "import django; django.setup()\n"
        "[t.join(5) for t in threading.enumerate() if t.name == 'config-startup-gc']\n"
        "alive = [t.name for t in threading.enumerate() if t.name == 'config-startup-gc' and t.is_alive()]\n"
        "print(json.dumps({'gc': gc.isenabled(), 'alive': alive}))"
    )
    assert got == {"gc": True, "alive": []}


def test_compile_sources_writes_the_packages_bytecode_even_when_python_would_not(tmp_path, monkeypatch):
    from config.startup import compile_sources

    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # PYTHONDONTWRITEBYTECODE=1
    (tmp_path / "app" / "sub").mkdir(parents=True)
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "sub" / "mod.py").write_text("X = 1\n")
    (tmp_path / "venvlike").mkdir()  # not a package: left alone
    (tmp_path / "venvlike" / "big.py").write_text("Y = 2\n")
    assert compile_sources(tmp_path)
    assert list((tmp_path / "app" / "sub" / "__pycache__").glob("mod.*.pyc"))
    assert not (tmp_path / "venvlike" / "__pycache__").exists()
    (tmp_path / "app" / "broken.py").write_text("def (:\n")
    assert not compile_sources(tmp_path)
