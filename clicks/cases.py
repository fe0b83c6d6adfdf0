"""Replays the click clients' case files (`shared/clicks-cases/`, see its FORMAT.md) like their runner.

For each case file: a fresh session of 12 random lowercase letters, so `page_uuid` is
`"<session>/<page_id>"`; each step calls `BASE_URL + "/" + req_name` (POST with JSON
`{"page_uuid": ..., **body}`, GET with those as query parameters), asserts the status code and, on a
200, that the JSON answer equals `response_data` exactly (same keys, ints stay ints, null stays null);
the first mismatch fails the case. Cases run concurrently, the steps of one case in order.

No Django here: a transport is any `(method, path, payload) -> (status, json)` callable, so the same
replay runs over HTTP against a multi-process server or in-process through a test client.
"""

from __future__ import annotations

import http.client
import json
import random
import string
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

Transport = Callable[[str, str, dict[str, Any]], tuple[int, Any]]


@dataclass(frozen=True)
class Case:
    name: str
    steps: list[dict[str, Any]]


@dataclass
class CaseResult:
    case: Case
    session: str
    passed: bool
    steps_run: int = 0
    failure: str = ""
    pages: list[str] = field(default_factory=list)


def load_cases(directory: Path) -> list[Case]:
    """Every `*.json` case file under `directory` (recursively), named by its relative path."""
    files = sorted(directory.rglob("*.json"))
    if not files:
        raise FileNotFoundError(f"no case files (*.json) under {directory}")
    return [Case(name=str(p.relative_to(directory)), steps=json.loads(p.read_text())["sequence"]) for p in files]


def new_session(rng: random.Random | None = None) -> str:
    chooser = rng or random.SystemRandom()
    return "".join(chooser.choice(string.ascii_lowercase) for _ in range(12))


def strictly_equal(got: Any, expected: Any) -> bool:
    """JSON equality where types matter: 1 != 1.0, True != 1, None only equals None."""
    if type(got) is not type(expected):
        return False
    if isinstance(expected, dict):
        return got.keys() == expected.keys() and all(strictly_equal(got[k], expected[k]) for k in expected)
    if isinstance(expected, list):
        return len(got) == len(expected) and all(strictly_equal(g, e) for g, e in zip(got, expected, strict=True))
    return got == expected


def run_case(case: Case, transport: Transport, *, session: str | None = None) -> CaseResult:
    session = session or new_session()
    result = CaseResult(case=case, session=session, passed=True)
    for number, step in enumerate(case.steps):
        page_uuid = f"{session}/{step['page_id']}"
        if page_uuid not in result.pages:
            result.pages.append(page_uuid)
        payload = {"page_uuid": page_uuid, **step.get("body", {})}
        status, body = transport(step["method"], step["req_name"], payload)
        result.steps_run = number + 1
        expected_status = step["response_code"]
        if status != expected_status:
            result.passed, result.failure = False, f"step {number}: status {status}, expected {expected_status}"
            return result
        if status == 200 and not strictly_equal(body, step["response_data"]):
            result.passed = False
            result.failure = f"step {number} ({step['req_name']}): got {body!r}, expected {step['response_data']!r}"
            return result
    return result


def run_cases(cases: Iterable[Case], transport_factory: Callable[[], Transport], *, concurrency: int = 8):
    """Run the cases, `concurrency` at a time (one transport per case); results in the cases' order."""

    def one(case: Case) -> CaseResult:
        return run_case(case, transport_factory())

    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        return list(pool.map(one, cases))


class HttpTransport:
    """Calls `<base_url>/<req_name>` over one keep-alive HTTP connection (reopened if dropped)."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        parts = urlsplit(base_url.rstrip("/"))
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"expected an http:// base URL, got {base_url!r}")
        self.host, self.port, self.prefix = parts.hostname, parts.port or 80, parts.path
        self.timeout = timeout
        self._conn: http.client.HTTPConnection | None = None

    def __call__(self, method: str, req_name: str, payload: dict[str, Any]) -> tuple[int, Any]:
        path = f"{self.prefix}/{req_name}"
        if method.upper() == "GET":
            query = urlencode(payload)
            return self._request("GET", f"{path}?{query}" if query else path, None)
        return self._request(method.upper(), path, json.dumps(payload).encode())

    def _request(self, method: str, path: str, body: bytes | None) -> tuple[int, Any]:
        headers = {"Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        while True:
            reused = self._conn is not None
            if self._conn is None:
                self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self._conn.request(method, path, body=body, headers=headers)
                response = self._conn.getresponse()
                raw = response.read()
                break
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if not reused:  # only a kept-alive connection the server closed while idle is retried
                    raise
        try:
            return response.status, json.loads(raw) if raw else None
        except ValueError:
            return response.status, raw.decode(errors="replace")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
