"""Several server processes and concurrent clients on one page (Postgres: real row locks).

A uvicorn server with several worker processes runs on the test database; several client processes
send interleaved saves of well-separated blobs to the same pages while others predict. Whatever the
interleaving, each blob must end as exactly one cluster, ids must be 0..k-1 with no duplicate, no
click may be lost, and no predict may name a cluster that is not its blob's.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest

from clicks import cases
from clicks.tests.support import CASES_DIR, needs_cases

CENTRES = [(0.15, 0.15), (0.5, 0.15), (0.85, 0.15), (0.15, 0.85), (0.5, 0.85), (0.85, 0.85)]
PER_BLOB = 24
CLIENTS = 4
PAGES = ["conc/1", "conc/2"]


def blob_points(blob: int) -> list[tuple[float, float]]:
    cx, cy = CENTRES[blob]
    return [(cx + ((i % 5) - 2) * 0.004, cy + ((i // 5) % 5 - 2) * 0.004) for i in range(PER_BLOB)]


def client_saves(base_url: str, client: int) -> list[tuple[str, int, int, bool]]:
    """One client's share of the saves, blobs interleaved: (page, blob, cluster_idx, is_new) each."""
    transport = cases.HttpTransport(f"{base_url}/api/clicks")
    answers = []
    for i in range(client, PER_BLOB, CLIENTS):
        for blob in range(len(CENTRES)):
            for page in PAGES:
                x, y = blob_points(blob)[i]
                status, body = transport("POST", "save_click_and_predict_cluster", _payload(page, x, y))
                assert status == 200, body
                answers.append((page, blob, body["cluster_idx"], body["is_new"]))
    transport.close()
    return answers


def client_predicts(base_url: str, rounds: int) -> list[tuple[str, int, int | None]]:
    transport = cases.HttpTransport(f"{base_url}/api/clicks")
    answers = []
    for _ in range(rounds):
        for blob, (x, y) in enumerate(CENTRES):
            for page in PAGES:
                status, body = transport("POST", "predict_cluster", _payload(page, x, y))
                assert status == 200, body
                answers.append((page, blob, body["cluster_idx"]))
    transport.close()
    return answers


def _payload(page: str, x: float, y: float) -> dict:
    return {"page_uuid": page, "coordinates": {"x": x, "y": y}}


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    from core.liveserver import UvicornServer

    with django_db_blocker.unblock(), UvicornServer(workers=3) as running:
        yield running


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_from_several_processes_never_duplicate_a_cluster_or_lose_a_click(server):
    from clicks.models import Click, ClickCluster, ClickPage

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=CLIENTS + 1, mp_context=context) as pool:
        predicting = pool.submit(client_predicts, server.base_url, 6)
        saving = [pool.submit(client_saves, server.base_url, c) for c in range(CLIENTS)]
        saves = [answer for future in saving for answer in future.result()]
        predicts = predicting.result()

    for page in PAGES:
        page_saves = [(blob, idx, is_new) for p, blob, idx, is_new in saves if p == page]
        assert len(page_saves) == len(CENTRES) * PER_BLOB
        blob_to_idx = {}
        for blob, idx, _ in page_saves:
            assert blob_to_idx.setdefault(blob, idx) == idx, "a blob was split over two clusters"
        assert sorted(blob_to_idx.values()) == list(range(len(CENTRES)))
        assert sum(is_new for _, _, is_new in page_saves) == len(CENTRES)

        clusters = {c.idx: c for c in ClickCluster.objects.filter(page__uuid=page)}
        assert sorted(clusters) == list(range(len(CENTRES)))
        for blob, idx in blob_to_idx.items():
            points = blob_points(blob)
            assert clusters[idx].count == PER_BLOB
            assert clusters[idx].sum_x == pytest.approx(sum(x for x, _ in points))
            assert clusters[idx].sum_y == pytest.approx(sum(y for _, y in points))
            assert Click.objects.filter(page__uuid=page, cluster__idx=idx).count() == PER_BLOB
        assert ClickPage.objects.get(uuid=page).click_count == len(CENTRES) * PER_BLOB

        for p, blob, idx in predicts:
            if p == page:
                assert idx is None or idx == blob_to_idx[blob], "a predict named another blob's cluster"


@needs_cases
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_public_cases_pass_concurrently_against_several_server_processes(server):
    loaded = [c for c in cases.load_cases(CASES_DIR) if len(c.steps) <= 160]
    results = cases.run_cases(loaded, lambda: cases.HttpTransport(f"{server.base_url}/api/clicks"), concurrency=6)
    assert [f"{r.case.name}: {r.failure}" for r in results if not r.passed] == []
    assert len(results) >= 8
