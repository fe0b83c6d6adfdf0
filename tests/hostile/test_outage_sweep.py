"""Every URL pattern of the project, with Redis down and with Postgres unreachable, against a live
uvicorn: GET, and POST with a small body shaped like the operation's request schema. Nothing may
answer a 5xx other than a 503 JSON with Retry-After, and every answer comes within 2 s."""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.urls import URLResolver, get_resolver, resolve
from django.urls.converters import IntConverter, UUIDConverter
from django.urls.exceptions import Resolver404
from django.utils.regex_helper import normalize

from core.liveserver import UvicornServer
from tests.hostile.test_live import DEAD_POSTGRES, DEAD_REDIS

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]  # the server reads committed rows

SAMPLE_UUID = str(uuid.UUID(int=1))
CANDIDATES = ["1", SAMPLE_UUID, "x", "accounts", "user"]  # for path parameters without a typed converter
BUDGET_SECONDS = 2.0


def _walk(resolver, regex: str = "", converters: dict | None = None):
    for entry in resolver.url_patterns:
        piece = entry.pattern.regex.pattern.removeprefix("^")
        found = {**(converters or {}), **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            yield from _walk(entry, regex + piece, found)
        else:
            yield regex + piece, found, entry


def project_urls() -> list[tuple[str, str]]:
    """(concrete path, OpenAPI-style template) for every URL pattern: typed parameters get a value
    of their type, others the first candidate that resolves to the same view."""
    urls: dict[str, str] = {}
    for regex, converters, entry in _walk(get_resolver()):
        for fmt, params in normalize(regex):
            typed = {}
            for name in params:
                if isinstance(converters.get(name), IntConverter):
                    typed[name] = "1"
                elif isinstance(converters.get(name), UUIDConverter):
                    typed[name] = SAMPLE_UUID
            free = [name for name in params if name not in typed]
            for combo in itertools.product(CANDIDATES, repeat=len(free)):
                path = "/" + fmt % {**typed, **dict(zip(free, combo, strict=True))}
                try:
                    match = resolve(path)
                except Resolver404:
                    continue
                if match.func is entry.callback:
                    urls[path] = "/" + fmt % {name: "{" + name + "}" for name in params}
                    break
    urls["/api/no-such-endpoint"] = "/api/no-such-endpoint"  # the JSON 404 catch-all
    return sorted(urls.items())


def _sample(schema: dict, components: dict, depth: int = 0):
    """A small value of the schema's shape: required properties only, minimal arrays."""
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    for combinator in ("allOf", "oneOf", "anyOf"):
        if combinator in schema:
            return _sample(schema[combinator][0], components, depth)
    if "enum" in schema:
        return next((v for v in schema["enum"] if v is not None), None)
    kind = schema.get("type", "object")
    if depth > 4:
        return {} if kind == "object" else None
    if kind == "object":
        props = schema.get("properties", {})
        return {name: _sample(props.get(name, {}), components, depth + 1) for name in schema.get("required", [])}
    if kind == "array":
        return [_sample(schema.get("items", {}), components, depth + 1)] * min(schema.get("minItems", 1), 2)
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 0.5
    if kind == "boolean":
        return True
    if schema.get("format") == "uuid":
        return SAMPLE_UUID
    return "x" * max(1, schema.get("minLength", 1))


def request_bodies() -> dict[str, bytes]:
    """{OpenAPI path: JSON body} for every operation with a request body (POST, else PUT/PATCH)."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema.get("components", {}).get("schemas", {})
    bodies = {}
    for path, operations in schema["paths"].items():
        for method in ("post", "put", "patch"):
            content = operations.get(method, {}).get("requestBody", {}).get("content", {})
            if "application/json" in content:
                bodies[path] = json.dumps(_sample(content["application/json"]["schema"], components)).encode()
                break
    return bodies


_clients = threading.local()


def _exchange(base: str, method: str, path: str, body: bytes | None, key: str) -> tuple[int, dict, bytes, float]:
    import httpx

    if getattr(_clients, "client", None) is None:  # one keep-alive client per sweeping thread
        _clients.client = httpx.Client(base_url=base, timeout=10, follow_redirects=False)
    headers = {"X-API-KEY": key, "Content-Type": "application/json", "Accept": "application/json"}
    started = time.monotonic()
    response = _clients.client.request(method, path, content=body, headers=headers)
    return response.status_code, dict(response.headers), response.content, time.monotonic() - started


def _sweep(server: UvicornServer, key: str, project_uuid: str, min_503: int) -> list[str]:
    bodies = request_bodies()
    calls = []
    for path, template in project_urls():
        path = path.replace(f"/projects/{SAMPLE_UUID}", f"/projects/{project_uuid}")  # the key's own project
        calls.append(("GET", path, None))
        calls.append(("POST", path, bodies.get(template, b"{}")))
    problems = []

    def one(call):
        method, path, body = call
        status, headers, content, elapsed = _exchange(server.base_url, method, path, body, key)
        if status >= 500:
            if status != 503:
                problems.append(f"{method} {path}: {status} {content[:200]!r}")
            elif not headers.get("retry-after") or not headers.get("content-type", "").startswith("application/json"):
                problems.append(f"{method} {path}: 503 without Retry-After or not JSON: {headers} {content[:200]!r}")
            else:
                json.loads(content)
        if elapsed >= BUDGET_SECONDS:
            problems.append(f"{method} {path}: answered {status} after {elapsed:.2f} s")
        return status

    # A few at a time: fewer than the server's admission slots, so no request waits behind another.
    with ThreadPoolExecutor(max_workers=4, initializer=lambda: setattr(_clients, "client", None)) as pool:
        statuses = list(pool.map(one, calls))
    assert len(calls) > 400 and statuses.count(503) >= min_503, (len(calls), statuses.count(503))
    return problems


def test_every_url_with_redis_down_answers_without_a_5xx_other_than_503(project, api_key_for):
    key = api_key_for(project)
    with UvicornServer(workers=1, env={"REDIS_URL": DEAD_REDIS, "CELERY_BROKER_URL": DEAD_REDIS}) as server:
        problems = _sweep(server, key, str(project.uuid), min_503=5)  # search, the map, health, ...
    assert not problems, "\n".join(problems)


def test_every_url_with_postgres_unreachable_answers_without_a_5xx_other_than_503(project, api_key_for):
    key = api_key_for(project)
    with UvicornServer(workers=1, env={"DATABASE_URL": DEAD_POSTGRES}, ready_path="/api/schema/") as server:
        problems = _sweep(server, key, str(project.uuid), min_503=40)
    assert not problems, "\n".join(problems)
