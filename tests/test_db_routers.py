"""A read replica for the public, the primary for curators; PgBouncer's settings."""

import pytest
from django.db import connection, connections
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from astop_site.db_routers import (
    PRIMARY,
    REPLICA,
    PrimaryReplicaRouter,
    is_public_read,
    public_read,
)
from meetings.models import Meeting

from .test_settings import run_manage, strong_key

ROUTER = PrimaryReplicaRouter()


def read_settings(code, **env):
    result = run_manage(
        "shell", "--no-imports", "-c", f"from django.conf import settings; {code}",
        DJANGO_SECRET_KEY=strong_key(), DJANGO_ALLOWED_HOSTS="archive.example.org", **env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_a_replica_url_adds_the_alias_the_router_and_its_middleware():
    printed = read_settings(
        "d = settings.DATABASES; print(sorted(d), d['replica']['HOST'], "
        "d['replica']['TEST']['MIRROR'], settings.DATABASE_ROUTERS[0], settings.MIDDLEWARE[0])",
        DATABASE_URL="postgres://astop@db.internal:5432/astop",
        DATABASE_REPLICA_URL="postgres://astop@replica.internal:5432/astop",
    )
    assert printed == [
        "['default',", "'replica']", "replica.internal", "default",
        "astop_site.db_routers.PrimaryReplicaRouter", "astop_site.db_routers.ReplicaMiddleware",
    ]  # fmt: skip


def test_without_a_replica_url_there_is_one_database_and_no_router():
    printed = read_settings(
        "print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS)",
        DATABASE_URL="postgres://astop@db.internal:5432/astop",
    )
    assert printed == ["['default']", "[]"]


def test_pgbouncer_in_transaction_mode_gets_the_settings_django_needs():
    code = (
        "d = settings.DATABASES; print(d['default']['DISABLE_SERVER_SIDE_CURSORS'], "
        "d['default']['OPTIONS'], d['replica']['DISABLE_SERVER_SIDE_CURSORS'], "
        "d['default']['CONN_MAX_AGE'])"
    )
    printed = read_settings(
        code,
        DATABASE_URL="postgres://astop@pgbouncer.internal:6432/astop",
        DATABASE_REPLICA_URL="postgres://astop@pgbouncer.internal:6432/astop_replica",
        DATABASE_POOL_MODE="transaction",
    )
    # No server-side cursors, no prepared statements, no startup options (no jit=off).
    assert printed == ["True", "{'prepare_threshold':", "None}", "True", "60"]
    direct = read_settings(
        code.replace(", d['replica']['DISABLE_SERVER_SIDE_CURSORS']", ""),
        DATABASE_URL="postgres://astop@db.internal:5432/astop",
    )
    assert direct == ["False", "{'options':", "'-c", "jit=off'}", "60"]


def test_an_unknown_pool_mode_is_refused():
    result = run_manage(
        "check", DJANGO_SECRET_KEY=strong_key(), DJANGO_ALLOWED_HOSTS="archive.example.org",
        DATABASE_POOL_MODE="statement",
    )  # fmt: skip
    assert result.returncode != 0
    assert "DATABASE_POOL_MODE" in result.stderr


def test_only_an_anonymous_visitors_get_is_a_public_read():
    factory = RequestFactory()
    assert is_public_read(factory.get("/meetings/"))
    assert is_public_read(factory.head("/meetings/"))
    signed_in = factory.get("/meetings/")
    signed_in.COOKIES["sessionid"] = "abc"
    assert not is_public_read(signed_in)
    assert not is_public_read(factory.post("/admin/meetings/meeting/add/"))


@pytest.mark.django_db
def test_the_router_sends_public_reads_to_the_replica_and_the_rest_to_the_primary():
    assert ROUTER.db_for_read(Meeting) == PRIMARY  # commands, shells: the primary
    token = public_read.set(True)
    try:
        assert ROUTER.db_for_read(Meeting) == REPLICA
        assert ROUTER.db_for_write(Meeting) == PRIMARY
    finally:
        public_read.reset(token)
    assert ROUTER.allow_migrate(PRIMARY, "meetings")
    assert not ROUTER.allow_migrate(REPLICA, "meetings")


# On PostgreSQL a "replica" alias, as DATABASE_REPLICA_URL adds it: a TEST mirror of the
# primary, registered before the test databases are set up (Django points it at the
# test database): a second connection that sees what is committed there.
if connection.vendor == "postgresql":
    connections.settings.setdefault(
        REPLICA,
        {
            **connection.settings_dict,
            "TEST": {**connection.settings_dict["TEST"], "MIRROR": PRIMARY},
        },
    )


@pytest.fixture
def replica(settings):
    """The router and its middleware on, as DATABASE_REPLICA_URL sets them."""
    settings.DATABASE_ROUTERS = ["astop_site.db_routers.PrimaryReplicaRouter"]
    settings.MIDDLEWARE = ["astop_site.db_routers.ReplicaMiddleware", *settings.MIDDLEWARE]
    yield connections[REPLICA]
    connections[REPLICA].close()  # or the test database could not be dropped at the end


@pytest.mark.postgresql
@pytest.mark.django_db(databases=[PRIMARY, REPLICA])
def test_a_visitor_reads_from_the_replica_and_a_curator_from_the_primary(
    client, admin_client, replica
):
    """ASTOP-V is committed (loaded before the tests' transactions), so the second
    connection sees it as a replica would."""
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connection) as on_primary,
    ):
        assert client.get("/meetings/astop-v/").status_code == 200
    assert len(on_replica) > 0
    assert len(on_primary) == 0

    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connection) as on_primary,
    ):
        assert admin_client.get("/meetings/astop-v/").status_code == 200
        assert admin_client.get("/admin/meetings/meeting/").status_code == 200
    assert len(on_replica) == 0
    assert len(on_primary) > 0
