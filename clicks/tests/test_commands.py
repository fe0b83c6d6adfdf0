"""`manage.py run_click_cases`: its own multi-process server, the summary line, the exit status."""

from __future__ import annotations

import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from clicks.models import ClickPage
from clicks.tests.support import CASES_DIR, needs_cases

SMALL = ["case1.json", "case2.json", "test_case_11.json", "test_case_16.json"]


@pytest.fixture
def small_cases(tmp_path):
    for name in SMALL:
        shutil.copy(CASES_DIR / "MarShaikh__Clickdata-Clustering" / name, tmp_path / name)
    return tmp_path


@needs_cases
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_runs_the_cases_against_its_own_server_and_cleans_up(small_cases, capsys):
    call_command("run_click_cases", "--cases", str(small_cases), "--workers", "2")
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1] == "4 passed, 0 failed"
    assert not ClickPage.objects.exists()


@needs_cases
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_exits_non_zero_and_names_the_failing_case(small_cases, capsys):
    case = json.loads((small_cases / "test_case_16.json").read_text())
    save = next(s for s in case["sequence"] if s["req_name"] == "new_click")
    save["response_data"]["cluster_idx"] = 7
    (small_cases / "test_case_16.json").write_text(json.dumps(case))
    with pytest.raises(SystemExit) as exited:
        call_command("run_click_cases", "--cases", str(small_cases), "--workers", "2")
    assert exited.value.code == 1
    out = capsys.readouterr().out
    assert "FAILED test_case_16.json" in out
    assert out.strip().splitlines()[-1] == "3 passed, 1 failed"


def test_it_refuses_a_directory_without_cases(tmp_path):
    with pytest.raises(CommandError, match="no case files"):
        call_command("run_click_cases", "--cases", str(tmp_path))
