"""Cost of authenticating a request with an API key (issue: foundation)."""

from __future__ import annotations

import time

from benchmarks.support import bench_database, setup_django


def main(rounds: int = 3000) -> None:
    setup_django()
    from rest_framework.test import APIRequestFactory

    from accounts.authentication import ApiKeyAuthentication
    from accounts.models import hash_api_key
    from accounts.tests.factories import ApiKeyFactory

    with bench_database():
        _, raw = ApiKeyFactory.create_with_secret()
        request = APIRequestFactory().get("/api/projects", HTTP_X_API_KEY=raw)
        from rest_framework.request import Request

        drf_request = Request(request)
        authenticator = ApiKeyAuthentication()
        for _ in range(200):  # warm connection and caches
            authenticator.authenticate(drf_request)

        started = time.perf_counter()
        for _ in range(rounds):
            hash_api_key(raw)
        hash_us = (time.perf_counter() - started) / rounds * 1e6

        started = time.perf_counter()
        for _ in range(rounds):
            authenticator.authenticate(drf_request)
        auth_us = (time.perf_counter() - started) / rounds * 1e6

        print(f"hash of a key:                         {hash_us:8.2f} µs")
        print(f"authenticate one request (hash + cache):{auth_us:8.1f} µs per request ({rounds} rounds)")
