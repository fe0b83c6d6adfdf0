"""Replays every recorded exchange of ../shared/vendomo-contract/ against our API.

Each exchange's request is sent as recorded (its ids mapped onto machines of our seed playing the
same part: VM-000001, a never-serviced one, a needs-service one, the machines the replay creates).
The answer must have the recorded status code and the recorded shape (keys, types, nesting, UUID and
timestamp formats), and every value that does not depend on the seed must be equal: validation and
404 bodies, defaults of created rows, filter results. Writes go in as the unchanged client sends
them: no API key, no CSRF token, a staff session cookie and the browser's same-origin `Origin`.
Deliberate deviations are listed in DEVIATIONS and in fleet/README.md.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

from accounts.tests.factories import UserFactory

CONTRACT = Path(settings.BASE_DIR).parent / "shared" / "vendomo-contract"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not CONTRACT.is_dir(), reason=f"the Vendomo contract is not checked out at {CONTRACT}"),
]

ORIGIN = "http://testserver"  # the browser's Origin on the platform's own pages (Django's test host)
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
NULLABLE = {"location_description", "last_serviced_at"}
VOLATILE = {"id", "installed_at", "created_at", "last_serviced_at"}  # differ on every run, by design
DEVIATIONS = {
    # the scaffold answers 500 (an unhandled unique violation); the contract asks for a sane 409/422
    ("POST", "/api/machines", "duplicate asset_tag"): 422,
}
# recorded ids of the scaffold's seed -> the part they play
RECORDED = {
    "af2808f1-78f8-4cd9-904d-190fca6509c8": "first",
    "f49ca3b5-1c38-4efe-adbe-8b449f8b2f7d": "never_serviced",
    "ad4bee8f-be0d-4128-bef9-3fc1765a3ea6": "needs_service",
}


def _load(name: str) -> dict:
    return json.loads((CONTRACT / name).read_text())


def _files() -> list[str]:
    """Every recorded file (cors.json is replayed with CORS configured, below)."""
    if not CONTRACT.is_dir():
        return []
    return sorted(p.name for p in CONTRACT.glob("*.json") if p.name not in {"scaffold-openapi.json", "cors.json"})


def _kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def assert_same_shape(expected, actual, where: str = "body", *, subset: bool = False) -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: expected an object, got {actual!r:.200}"
        if subset:
            assert set(expected) <= set(actual), f"{where}: missing {set(expected) - set(actual)}"
        else:
            assert set(actual) == set(expected), f"{where}: keys {sorted(actual)} != {sorted(expected)}"
        for key, value in expected.items():
            assert_same_shape(value, actual[key], f"{where}.{key}")
            if key in ("id", "machine_id") and isinstance(actual[key], str):
                assert str(uuid.UUID(actual[key])) == actual[key], f"{where}.{key}: not a lowercase UUID"
            if key.endswith("_at") and actual[key] is not None:
                assert TIMESTAMP.match(actual[key]), f"{where}.{key}: {actual[key]} is not ISO 8601 UTC with µs"
        return
    if isinstance(expected, list):
        assert isinstance(actual, list), f"{where}: expected an array, got {actual!r:.200}"
        if not expected:
            assert actual == [], f"{where}: expected an empty array"
        for index, item in enumerate(actual):
            assert_same_shape(expected[0], item, f"{where}[{index}]")
        return
    leaf = where.rsplit(".", 1)[-1]
    if leaf in NULLABLE and None in (expected, actual):
        assert _kind(actual) in ("null", "str"), f"{where}: {actual!r}"
        return
    if leaf == "latitude" or leaf == "longitude" or leaf in ("lat", "lng"):
        assert isinstance(actual, float | int) and not isinstance(actual, bool), f"{where}: not a number"
        return
    if isinstance(expected, int) and not isinstance(expected, bool):
        assert isinstance(actual, int) and not isinstance(actual, bool), f"{where}: {actual!r} is not an integer"
        return
    assert _kind(actual) == _kind(expected), f"{where}: {actual!r} is not a {_kind(expected)}"


def assert_same_errors(expected: list[dict], actual: list[dict]) -> None:
    """FastAPI's 422 items; the wording of a UUID parse error comes from the uuid library's version."""
    assert len(actual) == len(expected), actual
    for want, got in zip(expected, actual, strict=True):
        if want["type"] == "uuid_parsing":
            assert got["msg"].startswith("Input should be a valid UUID") and "error" in got["ctx"]
            want, got = (
                {k: v for k, v in want.items() if k not in ("msg", "ctx")},
                {k: v for k, v in got.items() if k not in ("msg", "ctx")},
            )
        assert got == want


def body_is_json(response) -> bool:
    return response["Content-Type"].startswith("application/json") and response.json() is not None


class Replay:
    def __init__(self, ids: dict[str, str], staff: Client) -> None:
        self.ids = ids
        self.client = staff

    def _map(self, text: str) -> str:
        for recorded, ours in self.ids.items():
            text = text.replace(recorded, ours)
        return text

    def send(self, request: dict):
        path = self._map(request["path"])
        method = request["method"].lower()
        headers = {"Origin": ORIGIN} if method != "get" else {}
        headers |= {k: v for k, v in request.get("headers", {}).items() if k.lower() != "content-type"}
        if method == "get":
            query = {k: self._map(v) for k, v in request.get("query", {}).items()}
            return self.client.get(path, query, headers=headers)
        body = request["body_raw"] if "body_raw" in request else self._map(json.dumps(request.get("body")))
        return getattr(self.client, method)(path, body, content_type="application/json", headers=headers)


@pytest.fixture
def replay() -> Replay:
    call_command("seed_fleet", count=120, seed=7, stdout=open("/dev/null", "w"))  # noqa: SIM115
    anonymous = Client()
    machines = anonymous.get("/api/machines", {"limit": 500}).json()["items"]
    first = next(m for m in machines if m["asset_tag"] == "VM-000001")
    never = next(m for m in machines if m["last_serviced_at"] is None)
    needs = next(m for m in machines if m["status"] == "needs_service" and m["last_serviced_at"] and m is not first)
    parts = {"first": first["id"], "never_serviced": never["id"], "needs_service": needs["id"]}
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(UserFactory(is_staff=True))
    return Replay({recorded: parts[part] for recorded, part in RECORDED.items()}, staff)


@pytest.mark.parametrize("name", _files())
def test_every_recorded_exchange_is_answered_the_same_way(replay, name):
    doc = _load(name)
    for section in ("exchanges", "errors"):
        for exchange in doc.get(section, []):
            _check(replay, exchange)


def _check(replay: Replay, exchange: dict) -> None:
    request, recorded = exchange["request"], exchange["response"]
    title = exchange["title"]
    key = (request["method"], request["path"], title)
    if request["method"] == "DELETE":
        # We keep DELETE for staff and API keys (our richer API): anonymous callers are refused instead.
        assert Client().delete(replay._map(request["path"])).status_code == 401, title
        return
    if request["path"] == "/redoc":  # ours lives at /redoc/
        response = Client().get("/redoc", follow=True)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html"), title
        return
    response = replay.send(request)
    want_status = DEVIATIONS.get(key, recorded["status"])
    assert response.status_code == want_status, f"{title}: {response.status_code} {response.content[:300]!r}"
    if key in DEVIATIONS:
        assert body_is_json(response), title
        return
    content_type = recorded.get("headers", {}).get("content-type", "")
    if recorded["status"] == 307:
        assert response["Location"] == request["path"].rstrip("/"), title
        return
    if "text/html" in content_type:
        assert response["Content-Type"].startswith("text/html"), title
        return
    assert response["Content-Type"].startswith("application/json"), title
    body = response.json()
    expected = recorded["body"]
    if "allow" in recorded.get("headers", {}):
        assert response.has_header("Allow"), title
    if request["path"] == "/openapi.json":
        assert body["openapi"].startswith("3.") and body["info"]["version"]
        for path, methods in expected["paths"].items():
            assert set(methods) <= set(body["paths"][path]), f"{path}: {sorted(body['paths'][path])}"
        return
    if request["path"] == "/api/nothing-here":
        assert isinstance(body["detail"], str), title  # core's 404 handler: {"detail", "code"}
        return
    if recorded["status"] == 422:
        assert_same_errors(json.loads(replay._map(json.dumps(expected["detail"]))), body["detail"])
        return
    if recorded["status"] >= 400:
        assert body == expected, title
        return
    subset = "only" in recorded.get("trimmed", "") or request["path"] == "/api/health"
    assert_same_shape(expected, body, subset=subset)
    _check_values(replay, request, recorded, body, title)


def _check_values(replay: Replay, request: dict, recorded: dict, body, title: str) -> None:
    """The values that do not depend on the seed."""
    expected = recorded["body"]
    path, query = request["path"], request.get("query", {})
    if request["method"] == "POST":
        if isinstance(expected, dict) and "id" in expected:
            replay.ids[expected["id"]] = body["id"]  # later exchanges read what was created
            sent = request.get("body", {})
            for key, value in expected.items():
                if key in VOLATILE or (key == "asset_tag" and "asset_tag" not in sent) or key == "machine_id":
                    continue
                assert body[key] == value, f"{title}: {key} {body[key]!r} != {value!r}"
            if "asset_tag" in expected and "asset_tag" not in sent:
                assert re.fullmatch(r"VM-[0-9A-F]{8}", body["asset_tag"]), body["asset_tag"]
            assert body.get("last_serviced_at", None) is None
        else:
            assert body == expected, title
        return
    if path == "/api/stats":
        assert body["needs_service"] == body["by_status"].get("needs_service", 0)
        assert sum(body["by_region"].values()) == body["total_machines"] == sum(body["by_status"].values())
        counts = list(body["by_region"].values())
        assert counts == sorted(counts, reverse=True), "by_region is ordered by count, descending"
        return
    if path == "/api/machines":
        limit, offset = int(query.get("limit", 50)), int(query.get("offset", 0))
        assert (body["limit"], body["offset"]) == (limit, offset)
        assert len(body["items"]) == max(0, min(limit, body["total"] - offset))
        tags = [m["asset_tag"] for m in body["items"]]
        assert tags == sorted(tags)
        for machine in body["items"]:
            assert machine["status"] == query.get("status", machine["status"])
            assert machine["region"] == query.get("region", machine["region"])
            assert query.get("q", "").lower() in machine["name"].lower()
        if not expected["items"]:
            assert body["total"] == expected["total"] if expected["total"] == 0 else body["total"] > 0
        return
    if path == "/api/service/logs":
        limit = int(query.get("limit", 50))
        assert len(body) <= limit
        stamps = [log["created_at"] for log in body]
        assert stamps == sorted(stamps, reverse=True), "newest first"
        for log in body:
            assert log["type"] == query.get("type", log["type"])
            assert log["machine_id"] == replay._map(query.get("machine_id", log["machine_id"]))
        if "trimmed" in recorded:  # "cut to its first 3 of 30": our seed has enough logs for the page
            assert len(body) == int(recorded["trimmed"].rsplit(" of ", 1)[1].split()[0])
        return
    if "/api/machines/" in path and isinstance(body, dict):
        assert len(body["recent_service_logs"]) <= 20
        stamps = [log["created_at"] for log in body["recent_service_logs"]]
        assert stamps == sorted(stamps, reverse=True)
        if "after the visit" in title:
            assert body["status"] == "operational"
            assert body["recent_service_logs"][0]["technician"] == "Contract Tech"
            assert body["last_serviced_at"] == body["recent_service_logs"][0]["created_at"]
        if "before the visit" in title:
            assert body["status"] == "needs_service"
        if "never serviced" in title:
            assert body["last_serviced_at"] is None and body["recent_service_logs"] == []
        if "just created" in title:
            assert body["products"] == [] and body["recent_service_logs"] == []
        return
    if path == "/api/machines/map":
        assert all(m["label"].startswith(m["name"] + " — ") for m in body)
        assert len(body) == 120  # every machine, never-serviced ones included
        return
    if path == "/api/health":  # core's health check adds per-service `checks` and `down`
        assert body["status"] == expected["status"]
    if path == "/api/products":
        assert sorted(body) == body and len(body) == 27


@override_settings(CORS_ALLOWED_ORIGINS=["http://localhost:3000"])
def test_cors_answers_the_recorded_requests(replay):
    """Allowed origins are configured (CORS_ALLOWED_ORIGINS) rather than `*`: an allowed origin is
    echoed (the spec forbids `*` with credentials), preflights allow the client's method and header."""
    for exchange in _load("cors.json")["exchanges"]:
        request, recorded = exchange["request"], exchange["response"]
        headers = dict(request["headers"])
        if request["method"] == "OPTIONS":
            response = replay.client.options(
                request["path"],
                headers={
                    "Origin": headers["Origin"],
                    "Access-Control-Request-Method": headers["Access-Control-Request-Method"],
                    "Access-Control-Request-Headers": headers["Access-Control-Request-Headers"],
                },
            )
            assert response.status_code == 200
            assert response["Access-Control-Allow-Origin"] == "http://localhost:3000"
            assert headers["Access-Control-Request-Method"] in response["Access-Control-Allow-Methods"]
            assert "content-type" in response["Access-Control-Allow-Headers"]
            assert response["Access-Control-Max-Age"] == "600"
            continue
        response = replay.send(request)
        assert response.status_code == recorded["status"], response.content
        assert recorded["body"].items() <= response.json().items()
        assert response["Access-Control-Allow-Origin"] == "http://localhost:3000"
    other = replay.client.get("/api/health", headers={"Origin": "http://evil.example"})
    assert "Access-Control-Allow-Origin" not in other


def test_the_fleet_is_not_writable_by_anyone_on_the_network(replay):
    body = {"name": "x", "latitude": 1, "longitude": 1, "city": "X", "region": "NY"}
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post("/api/machines", body, content_type="application/json").status_code == 401
    assert anonymous.post("/api/machines/bulk", [body], content_type="application/json").status_code == 401
    # a staff session driven from another site: refused on the origin check
    foreign = replay.client.post(
        "/api/machines", body, content_type="application/json", headers={"Origin": "http://evil.example"}
    )
    assert foreign.status_code == 403 and "origin" in foreign.json()["detail"]
    # no Origin and no Referer: Django's CSRF token is required as before
    assert replay.client.post("/api/machines", body, content_type="application/json").status_code == 403
    # a non-staff session is not enough
    user = Client(enforce_csrf_checks=True)
    user.force_login(UserFactory(is_staff=False))
    assert user.post(
        "/api/machines", body, content_type="application/json", headers={"Origin": ORIGIN}
    ).status_code in (
        401,
        403,
    )
    referer = replay.client.post(
        "/api/machines", body, content_type="application/json", headers={"Referer": f"{ORIGIN}/ingest"}
    )
    assert referer.status_code == 201


def test_the_seed_gives_service_history_and_the_originals_capacities(replay):
    machines = Client().get("/api/machines", {"limit": 500}).json()["items"]
    serviced = [m for m in machines if m["last_serviced_at"]]
    assert 0 < len(serviced) < len(machines)
    assert all(20 <= m["capacity"] <= 80 for m in machines)
    assert {m["status"] for m in machines} == {"operational", "needs_service", "offline"}
    logs = Client().get("/api/service/logs/page", {"limit": 500}).json()
    assert len(serviced) <= logs["total"] <= 3 * len(serviced)
    per_machine: dict[str, int] = {}
    for log in logs["items"]:
        per_machine[log["machine_id"]] = per_machine.get(log["machine_id"], 0) + 1
    assert set(per_machine) == {m["id"] for m in serviced}
    assert all(1 <= n <= 3 for n in per_machine.values())
    for machine in serviced[:5]:
        detail = Client().get(f"/api/machines/{machine['id']}").json()
        assert detail["recent_service_logs"][0]["created_at"] == machine["last_serviced_at"]
