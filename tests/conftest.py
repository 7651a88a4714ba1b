import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

# Set by .ci/run: a test that would skip for want of a service fails instead.
REQUIRE_SERVICES = os.environ.get("ASTOP_REQUIRE_SERVICES") == "1"


def require_service(available, reason):
    """Skip (on a developer's machine) or fail (in CI) when a service is missing."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (ASTOP_REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests belong to the PostgreSQL pass; the SQLite pass leaves them out."""
    if connection.vendor == "postgresql":
        return
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("postgresql") else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages and figures are keyed on a content version that only moves when a
    transaction commits, which tests never do: start every test with an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real ASTOP-V record loaded."""
    with django_db_blocker.unblock():
        call_command("loaddata", "astop_v", verbosity=0)
