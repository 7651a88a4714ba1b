"""export_archive / import_archive: a faithful round trip, and no harm from a bad file."""

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
    return get_user_model().objects.create_user("curator", password="not-used-here")


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
    assert header["format_version"] == 1
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
    newer.write_bytes(first.replace(b'"format_version": 1', b'"format_version": 2') + b"\n" + rest)
    with pytest.raises(CommandError, match="format version 2"):
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
