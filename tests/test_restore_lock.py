"""One restore at a time: a second import_archive is refused at once with a clear
message, and the site can tell that a restore is running (the admin says why saves
wait)."""

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from meetings.management import archive
from meetings.management.restore import (
    ADVISORY_KEYS,
    APPLICATION_NAME,
    _file_lock,
    _lock_path,
    restore_in_progress,
)
from meetings.models import Meeting

ROOT = Path(__file__).resolve().parent.parent


def export(path):
    call_command("export_archive", str(path), stdout=io.StringIO())


def empty_the_archive():
    # In one transaction: foreign keys are checked at its end, when every table is empty.
    with transaction.atomic(), connection.cursor() as cursor:
        for model in reversed(archive.all_tables()):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def postgresql_session():
    """A connection of its own to the test database: another process, as far as
    PostgreSQL's locks are concerned."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params, autocommit=True)


def hold_the_lock_elsewhere(source_name):
    """Hold the restore lock as a restore from ``source_name`` in another session."""
    if connection.vendor == "postgresql":
        session = postgresql_session()
        session.execute(f"SET application_name = '{APPLICATION_NAME} {source_name}'")
        session.execute("SELECT pg_advisory_lock(%s, %s)", ADVISORY_KEYS)
        return session
    holder = _file_lock(_lock_path(), Path(source_name))
    holder.__enter__()
    return holder


def release(holder):
    if connection.vendor == "postgresql":
        holder.close()
    else:
        holder.__exit__(None, None, None)


@pytest.mark.django_db
def test_a_second_restore_is_refused_at_once_and_changes_nothing(tmp_path):
    path = tmp_path / "archive.json"
    export(path)
    empty_the_archive()
    holder = hold_the_lock_elsewhere("monday.json")
    try:
        running = restore_in_progress()
        assert running.source == "monday.json"
        assert running.message.startswith(
            "A restore of the archive from monday.json has been running since "
        )
        assert running.message.endswith("changes to the archive wait until it ends.")
        started = time.monotonic()
        with pytest.raises(CommandError) as refused:
            call_command("import_archive", str(path), stdout=io.StringIO())
        assert time.monotonic() - started < 5  # refused, not waiting
        assert str(refused.value).startswith(running.message)
        assert "nothing was changed" in str(refused.value)
        assert not Meeting.objects.exists()
        # Checking a file needs no lock.
        out = io.StringIO()
        call_command("import_archive", str(path), check=True, stdout=out)
        assert "verified archive" in out.getvalue()
    finally:
        release(holder)
    assert restore_in_progress() is None
    call_command("import_archive", str(path), stdout=io.StringIO())
    assert Meeting.objects.filter(slug="astop-v").exists()
    assert restore_in_progress() is None  # released after a restore


@pytest.mark.django_db
def test_no_restore_is_running_by_default():
    assert restore_in_progress() is None


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_restores_at_once_on_postgresql(tmp_path):
    """Two real import_archive processes: the one that started first restores; the
    other is refused at once with the message, instead of a duplicate-key error."""
    call_command("load_missing", "astop_v", verbosity=0)
    path = tmp_path / "archive.json"
    export(path)
    empty_the_archive()
    settings = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": (
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/"
            f"{settings['NAME']}"
        ),
    }
    command = [sys.executable, "manage.py", "import_archive", str(path)]
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in archive.all_tables())
    # Keep the first restore inside its transaction: another session locks the tables.
    blocker = postgresql_session()
    blocker.execute("BEGIN")
    blocker.execute(f"LOCK TABLE {tables} IN ACCESS EXCLUSIVE MODE")
    try:
        first = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 60
        while (running := restore_in_progress()) is None:
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "the first restore never took the lock"
            time.sleep(0.1)
        assert running.source == "archive.json"
        second = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == 1
        assert "A restore of the archive from archive.json has been running since" in (
            second.stderr
        )
        assert "duplicate key" not in second.stderr
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert "Imported" in out
    assert Meeting.objects.filter(slug="astop-v").count() == 1
    assert restore_in_progress() is None
