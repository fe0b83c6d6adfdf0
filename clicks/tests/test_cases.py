"""Every public click case, replayed in-process through the API like the clients' runner does."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from clicks import cases
from clicks.tests.support import CASES_DIR, needs_cases


def in_process_transport(client: APIClient) -> cases.Transport:
    def call(method: str, req_name: str, payload: dict) -> tuple[int, object]:
        path = f"/api/clicks/{req_name}"
        if method == "GET":
            response = client.get(path, payload)
        else:
            response = client.generic(method, path, cases.json.dumps(payload), content_type="application/json")
        return response.status_code, response.json()

    return call


# The version-2 files hold the same steps as the version-1 files under the new request names
# (shared/clicks-cases/SOURCES.md). Every answer of all 40 clustering files is checked on the pure rule
# in test_clustering, the new names in test_apis, and `make clicks-cases` (CI) runs all 42 files over
# HTTP against several server processes; here the version-1 files of up to 250 steps (13 of 22, with
# case1/case2) go through the whole API in process, to keep the suite short.
VERSION_1 = "MarShaikh__Clickdata-Clustering"
MAX_STEPS = 250


@needs_cases
@pytest.mark.django_db
def test_the_version_1_public_cases_pass_in_process():
    loaded = [c for c in cases.load_cases(CASES_DIR / VERSION_1) if len(c.steps) <= MAX_STEPS]
    transport = in_process_transport(APIClient())
    results = [cases.run_case(case, transport) for case in loaded]
    failed = [f"{r.case.name}: {r.failure}" for r in results if not r.passed]
    assert not failed
    assert len(results) >= 10
