"""export_archive / import_archive: a faithful round trip, and no harm from a bad file."""

import hashlib
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from meetings import search
from meetings.management import archive
from meetings.models import DiscussionPoint, Meeting, Paragraph, Topic

from .builders import grow_meeting, make_meeting

pytestmark = pytest.mark.django_db


def export(path):
    out = io.StringIO()
    call_command("export_archive", str(path), stdout=out)
    return out.getvalue()


def restore(path, **options):
    out = io.StringIO()
    call_command("import_archive", str(path), stdout=out, **options)
    return out.getvalue()


def empty_the_archive():
    """What a fresh database looks like to the import: no rows in any table of the app."""
    with connection.cursor() as cursor:
        for model in reversed(archive.all_tables()):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def row_counts():
    return {model._meta.label: model._base_manager.count() for model in archive.all_tables()}


@pytest.fixture
def curator():
    return get_user_model().objects.create_user(
        "curator", password="not-used-here", first_name="Aiko", last_name="Tanaka"
    )


@pytest.fixture
def history(curator):
    """Records with revisions: an edited meeting, a draft with its facts, a deleted topic."""
    meeting = Meeting.objects.get(slug="astop-v")
    meeting.summary += " Edited once."
    meeting._history_user = curator
    meeting.save()
    draft = grow_meeting(make_meeting(slug="draft-x", ordinal=6, status="draft"), 3)
    point = DiscussionPoint.objects.filter(meeting=draft).first()
    point.heading = "Renamed"
    point.save()
    Topic.objects.create(name="Short-lived", slug="short-lived", kind="issue").delete()
    return meeting


@pytest.fixture
def exported(tmp_path, history):
    path = tmp_path / "archive.json"
    export(path)
    return path


def test_round_trip_gives_an_identical_file(tmp_path, exported):
    before = row_counts()
    empty_the_archive()
    restore(exported)
    assert row_counts() == before
    again = tmp_path / "again.json"
    export(again)
    assert again.read_bytes() == exported.read_bytes()


def test_the_file_has_a_header_natural_keys_and_no_search_vectors(exported):
    lines = exported.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0].removesuffix(",") + "}")["astop_archive"]
    assert header["format"] == "astop-archive"
    assert header["format_version"] == 2
    assert len(header["sha256"]) == 64
    assert header["counts"]["meetings.meeting"] == 2
    assert header["objects"] == sum(header["counts"].values()) == len(lines) - 3
    assert any(label.startswith("meetings.historical") for label in header["counts"])
    document = json.loads(exported.read_text(encoding="utf-8"))  # one valid JSON document
    meeting = next(o for o in document["objects"] if o["model"] == "meetings.meeting")
    assert meeting["fields"]["series"] == ["astop"]
    assert "search_vector" not in meeting["fields"]
    point = next(o for o in document["objects"] if o["model"] == "meetings.discussionpoint")
    document_slug, position = point["fields"]["source_paragraph"]
    assert document_slug == "astop-v-press-release" and isinstance(position, int)


def test_history_and_its_curator_come_back(exported, history, curator):
    revisions = list(history.history.values_list("history_id", "history_type", "summary"))
    empty_the_archive()
    restore(exported)
    meeting = Meeting.objects.get(slug="astop-v")
    assert meeting.pk == history.pk
    assert list(meeting.history.values_list("history_id", "history_type", "summary")) == revisions
    assert meeting.history.filter(history_user=curator).exists()
    assert Topic.history.filter(slug="short-lived", history_type="-").exists()


def restored_curator(history):
    revision = Meeting.objects.get(pk=history.pk).history.get(summary__endswith="Edited once.")
    return revision.history_user


def test_curators_are_kept_in_a_database_without_their_accounts(exported, history, curator):
    """A new database has none of the curators' accounts: the restore makes them,
    inactive and with no usable password, so history still says who did what."""
    empty_the_archive()
    curator.delete()
    output = restore(exported)
    user = restored_curator(history)
    assert (user.username, user.first_name, user.last_name) == ("curator", "Aiko", "Tanaka")
    assert not user.is_active and not user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    assert "Created 1 inactive account(s) with no usable password" in output
    assert "curator" in output.split("password")[1]


def test_an_account_already_there_is_linked_and_left_as_it_is(exported, history, curator):
    empty_the_archive()
    get_user_model().objects.filter(pk=curator.pk).update(first_name="Aiko (now)")
    output = restore(exported)
    user = restored_curator(history)
    assert user.pk == curator.pk
    assert user.first_name == "Aiko (now)" and user.is_active and user.has_usable_password()
    assert "Created" not in output


def test_the_archive_carries_names_but_no_password_or_email(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    [curator] = [o for o in document["objects"] if o["model"] == "auth.user"]
    assert curator == {
        "model": "auth.user",
        "fields": {"username": "curator", "first_name": "Aiko", "last_name": "Tanaka"},
    }
    assert document["objects"][0] == curator  # before the history that names them


def test_a_version_1_archive_without_curators_still_restores(tmp_path, exported, curator):
    """Files written before curators were carried: accounts that exist are linked."""
    header, body = exported.read_text(encoding="utf-8").split("\n", 1)
    lines = [line for line in body.split("\n") if '"model": "auth.user"' not in line]
    body = "\n".join(lines).encode()
    info = json.loads(header.removesuffix(",") + "}")["astop_archive"]
    info.update(format_version=1, sha256=hashlib.sha256(body).hexdigest())
    info["objects"] -= 1
    del info["counts"]["auth.user"]
    old = tmp_path / "version-1.json"
    old.write_bytes(f'{{"astop_archive": {json.dumps(info)},\n'.encode() + body)
    empty_the_archive()
    restore(old)
    assert Meeting.history.filter(history_user=curator).exists()


def test_import_refuses_a_database_that_holds_data(exported):
    before = row_counts()
    with pytest.raises(CommandError, match="--replace"):
        restore(exported)
    assert row_counts() == before


def test_replace_deletes_the_data_there_first(tmp_path, exported):
    make_meeting(slug="made-after-export", ordinal=40)
    restore(exported, replace=True)
    assert not Meeting.objects.filter(slug="made-after-export").exists()
    again = tmp_path / "again.json"
    export(again)
    assert again.read_bytes() == exported.read_bytes()


def test_new_records_after_an_import_get_fresh_ids(exported):
    empty_the_archive()
    restore(exported)
    largest = Meeting.objects.order_by("-pk").first().pk
    assert make_meeting(slug="after-import", ordinal=41).pk > largest


@pytest.mark.parametrize("cut", [0.5, 0.99])
def test_a_truncated_file_is_refused_and_changes_nothing(tmp_path, exported, cut):
    data = exported.read_bytes()
    truncated = tmp_path / "truncated.json"
    truncated.write_bytes(data[: int(len(data) * cut)])
    before = row_counts()
    with pytest.raises(CommandError, match="truncated or has been altered"):
        restore(truncated, replace=True)
    assert row_counts() == before


def test_an_altered_file_is_refused_and_changes_nothing(tmp_path, exported):
    data = exported.read_bytes()
    assert b"Mita House" in data
    altered = tmp_path / "altered.json"
    altered.write_bytes(data.replace(b"Mita House", b"Mita Hoose"))
    empty_the_archive()
    with pytest.raises(CommandError, match="checksum"):
        restore(altered)
    assert sum(row_counts().values()) == 0


def test_a_file_that_is_not_an_archive_is_refused(tmp_path, settings):
    with pytest.raises(CommandError, match="not an ASTOP archive"):
        restore(settings.BASE_DIR / "fixtures" / "astop_v.json", replace=True)
    with pytest.raises(CommandError, match="no archive file"):
        restore(tmp_path / "missing.json")


def test_an_archive_of_another_format_version_is_refused(tmp_path, exported):
    first, rest = exported.read_bytes().split(b"\n", 1)
    newer = tmp_path / "newer.json"
    newer.write_bytes(first.replace(b'"format_version": 2', b'"format_version": 9') + b"\n" + rest)
    with pytest.raises(CommandError, match="format version 9"):
        restore(newer, replace=True)


def test_check_verifies_without_importing(exported):
    before = row_counts()
    output = restore(exported, check=True)
    assert "verified archive" in output
    assert row_counts() == before


def test_export_says_clearly_where_it_cannot_write(tmp_path):
    with pytest.raises(CommandError, match="no folder"):
        export(tmp_path / "missing" / "archive.json")


@pytest.mark.postgresql
def test_search_vectors_are_rebuilt_by_the_import(exported):
    empty_the_archive()
    restore(exported)
    assert not Meeting.objects.filter(search_vector__isnull=True).exists()
    assert not Paragraph.objects.filter(search_vector__isnull=True).exists()
    found = search.filter_meetings(Meeting.objects.all(), "Pacific Shield")
    assert list(found.values_list("slug", flat=True)) == ["astop-v"]
