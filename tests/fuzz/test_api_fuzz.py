"""Property-based fuzz of every operation in the OpenAPI schema: no input may produce a 5xx.

Schemathesis generates valid and invalid requests from the live schema, so every endpoint an app
adds is fuzzed too. Requests go in-process through the WSGI app, against the test database and the
real Redis, authenticated with a project API key (and, for a share of cases, without one).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "25"))

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def fuzz_headers(db, project, api_key_for):
    # Like Django's test client: requests must not close the test transaction's connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield {"X-API-KEY": api_key_for(project)}
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@pytest.mark.django_db
def test_no_endpoint_answers_with_a_server_error(case, fuzz_headers):
    response = case.call(headers=fuzz_headers)
    case.validate_response(response, checks=[not_a_server_error])
