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
# (shared/clicks-cases/SOURCES.md): the rule is checked on all 40 in test_clustering, the new names in
# test_apis, and `make clicks-cases` runs all 42 over HTTP; here the 22 version-1 files keep the
# in-process run short.
VERSION_1 = "MarShaikh__Clickdata-Clustering"


@needs_cases
@pytest.mark.django_db
def test_every_version_1_public_case_passes_in_process():
    loaded = cases.load_cases(CASES_DIR / VERSION_1)
    transport = in_process_transport(APIClient())
    results = [cases.run_case(case, transport) for case in loaded]
    failed = [f"{r.case.name}: {r.failure}" for r in results if not r.passed]
    assert not failed
    assert len(results) == 22
