"""Property-based tests of the API against its own OpenAPI schema (schemathesis).

Every operation of /api/v1/schema/ gets generated requests, valid and invalid;
no response may be a server error, and every response must match the schema
(status code, content type, headers, body), with invalid input refused.
"""

import json
import os
from collections import Counter

import pytest
import schemathesis
from django.core.cache import cache
from django.test import Client
from django.test.client import ClientHandler
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

# Per operation and generation phase; raise it locally for a longer hunt.
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "30"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def served_schema():
    """The schema exactly as /api/v1/schema/ serves it (no database needed)."""
    response = Client().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200, response.content
    return json.loads(response.content)


class TestHandlerApp:
    """Django's test-client handler as a WSGI app.

    Unlike ``get_wsgi_application()`` it does not close the database connection
    between requests, so the requests see (and stay inside) the test's transaction.
    """

    __test__ = False  # not a test class, despite its name

    def __init__(self):
        self.handler = ClientHandler(enforce_csrf_checks=False)

    def __call__(self, environ, start_response):
        response = self.handler(environ)
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [response.content]


RAW_SCHEMA = served_schema()
schema = schemathesis.openapi.from_dict(RAW_SCHEMA)
APP = TestHandlerApp()
CASES = Counter()


@pytest.fixture(autouse=True)
def unthrottled(settings):
    """Hundreds of requests a minute from one address: lift the anonymous rate.
    And test the views themselves, not the site's page cache (off by default)."""
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1000000/minute"},
    }
    cache.clear()


@pytest.fixture(scope="module", autouse=True)
def report_cases():
    yield
    total = sum(CASES.values())
    print(f"\nschemathesis: {len(CASES)} operations, {total} cases")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,  # nothing written into the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_within_its_schema(case):
    """No 5xx for any input; status, headers and body as documented."""
    CASES[case.operation.label] += 1
    response = case.call(app=APP)
    case.validate_response(response, checks=CHECKS)


def test_the_schema_documents_every_endpoint_read_only():
    operations = {
        f"{method.upper()} {path}"
        for path, item in RAW_SCHEMA["paths"].items()
        for method in item
        if method != "parameters"
    }
    assert operations == {
        f"GET /api/v1/{name}/{suffix}"
        for name in ("meetings", "series", "organizations", "people", "topics")
        for suffix in ("", "{slug}/")
    }
