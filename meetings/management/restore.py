"""One restore of the archive at a time, and a way for the site to see one running.

``restore_lock()`` is held by import_archive for the whole restore; a second restore
is refused at once with ``RestoreRunning`` (instead of failing later on duplicate
keys). ``restore_in_progress()`` tells any process, without waiting, whether one is
running: saves wait for a restore's transaction, so the admin says why.

On PostgreSQL the lock is a session advisory lock, which every server of the site
sees and which the database releases if the restoring process dies; the restoring
session names itself in ``application_name``. SQLite is one file on one machine: the
lock is an ``flock`` on a file beside it, which holds the restore's process id and
start time while it runs.
"""

import contextlib
import datetime
import fcntl
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.utils import timezone

# The two keys of pg_try_advisory_lock(int, int): "ASTP" and "restore" number 1.
ADVISORY_KEYS = (0x41535450, 1)
APPLICATION_NAME = "astop import_archive"


class RestoreRunning(Exception):
    """Another restore holds the lock."""

    def __init__(self, running):
        self.running = running
        super().__init__(
            f"{running.message} Wait for it to finish, then run the restore again if it is "
            "still needed; nothing was changed."
        )


@dataclass(frozen=True)
class RunningRestore:
    started_at: datetime.datetime
    source: str

    @property
    def message(self):
        started = timezone.localtime(self.started_at).strftime("%Y-%m-%d %H:%M:%S %Z")
        return (
            f"A restore of the archive from {self.source} has been running since {started}; "
            "changes to the archive wait until it ends."
        )


def restore_in_progress():
    """The restore running now (a RunningRestore), or None. Never waits for a lock."""
    if connection.vendor == "postgresql":
        return _postgresql_running()
    return _file_running(_lock_path())


@contextlib.contextmanager
def restore_lock(source):
    """Held while the caller restores from ``source`` (a Path); RestoreRunning if taken."""
    if connection.vendor == "postgresql":
        with _advisory_lock(source):
            yield
    else:
        with _file_lock(_lock_path(), source):
            yield


# PostgreSQL ------------------------------------------------------------------------


@contextlib.contextmanager
def _advisory_lock(source):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", ADVISORY_KEYS)
        if not cursor.fetchone()[0]:
            raise RestoreRunning(
                _postgresql_running() or RunningRestore(timezone.now(), "another process")
            )
        name = f"{APPLICATION_NAME} {source.name}"[:63]  # PostgreSQL's limit
        cursor.execute("SELECT set_config('application_name', %s, false)", [name])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", ADVISORY_KEYS)
            cursor.execute("RESET application_name")


def _postgresql_running():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT activity.backend_start, activity.application_name
            FROM pg_locks AS lock
            JOIN pg_stat_activity AS activity ON activity.pid = lock.pid
            WHERE lock.locktype = 'advisory' AND lock.granted
              AND lock.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND lock.classid = %s AND lock.objid = %s AND lock.objsubid = 2
            """,
            ADVISORY_KEYS,
        )
        row = cursor.fetchone()
    if row is None:
        return None
    started_at, application_name = row
    source = application_name.removeprefix(APPLICATION_NAME).strip() or "a file"
    return RunningRestore(started_at, source)


# SQLite ----------------------------------------------------------------------------


def _lock_path():
    """Beside the database file; for an in-memory database (tests), which no other
    process can open, a file of this process's own."""
    name = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db():
        return Path(tempfile.gettempdir()) / f"astop-restore-{os.getpid()}.lock"
    return Path(f"{name}.restore-lock")


@contextlib.contextmanager
def _file_lock(path, source):
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RestoreRunning(
                _file_running(path) or RunningRestore(timezone.now(), "another process")
            ) from None
        try:
            handle.truncate(0)
            info = {"pid": os.getpid(), "started_at": timezone.now().isoformat()}
            handle.write(json.dumps({**info, "source": source.name}))
            handle.flush()
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _file_running(path):
    """Read without locking, so a check never makes a starting restore fail."""
    try:
        info = json.loads(path.read_text() or "null")
    except (OSError, ValueError):
        return None
    if not isinstance(info, dict) or not _process_alive(info.get("pid")):
        return None  # none, or one that died with its lock (released by the system)
    started_at = datetime.datetime.fromisoformat(info["started_at"])
    return RunningRestore(started_at, info.get("source") or "a file")


def _process_alive(pid):
    if not isinstance(pid, int):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
