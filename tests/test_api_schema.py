"""Property-based tests of the API against its own OpenAPI schema (schemathesis).

Every operation of /api/v1/schema/ gets generated requests, valid and invalid,
and then sequences of requests that follow the schema's links; every check
schemathesis has applies: no server error, status, content type, headers and
body as documented, invalid input refused and valid input accepted, methods the
schema does not list refused with an Allow header.
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
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.checks import CHECKS, load_all_checks

pytestmark = pytest.mark.django_db

# Per operation and generation phase; raise it locally for a longer hunt.
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "100"))
load_all_checks()
ALL_CHECKS = CHECKS.get_all()


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
    case.call_and_validate(app=APP, checks=ALL_CHECKS)


class Workflow(schema.as_state_machine()):
    """Sequences of calls that follow the schema's links (a list, then its items)."""

    def get_call_kwargs(self, case):
        return {"app": APP}

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        CASES["stateful steps"] += 1
        case.validate_response(
            response, checks=ALL_CHECKS, transport_kwargs=kwargs, recorder=self.recorder
        )


def test_sequences_of_calls_along_the_schema_links():
    run_state_machine_as_test(
        Workflow,
        settings=settings(
            max_examples=MAX_EXAMPLES,
            stateful_step_count=5,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )


def test_every_check_schemathesis_has_is_applied():
    names = {check.__name__ for check in ALL_CHECKS}
    assert {"positive_data_acceptance", "unsupported_method", "use_after_free"} <= names
    assert len(names) >= 14


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


def test_the_schema_documents_every_fact_of_a_real_record():
    components = RAW_SCHEMA["components"]["schemas"]
    meeting = components["Meeting"]["properties"]
    for name in ("date_precision", "format", "days", "participant_counts", "side_events"):
        assert name in meeting, name
    assert "participations" not in components["MeetingList"]["properties"]  # lists stay lean
    participation = components["Participation"]["properties"]
    for name in ("status", "role", "chair_role", "roles", "first_time", "named_under"):
        assert name in participation, name
    assert "list_complete" in participation and "source_words" in participation
    assert "took part" in participation["status"]["description"]
    assert "earliest edition" in participation["first_time"]["description"]
    source = components["SourceDocument"]["properties"]
    for name in ("language", "kind", "relation", "related_source", "copy_url", "text_url"):
        assert name in source, name
    operation = RAW_SCHEMA["paths"]["/api/v1/meetings/"]["get"]
    [status] = [p for p in operation["parameters"] if p["name"] == "participant_status"]
    assert set(status["schema"]["enum"]) >= {"attended", "absent", "planned", "invited"}


def test_the_schema_documents_references_as_titled_links():
    components = RAW_SCHEMA["components"]["schemas"]
    reference = components["Reference"]["properties"]
    assert set(reference) == {"title", "url", "publisher"}
    assert reference["url"]["format"] == "uri"
    for owner in ("Topic", "Organization", "Person", "Membership", "Member"):
        references = components[owner]["properties"]["references"]
        assert references["items"]["$ref"] == "#/components/schemas/Reference", owner
    assert "source_url" not in components["Membership"]["properties"]
