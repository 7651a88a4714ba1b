"""manage.py import_release: a folder of releases, dry run or drafts, errors by file and line."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings.models import Meeting, Paragraph, SourceDocument

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parent / "releases"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_release", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def archive_size():
    return (Meeting.objects.count(), SourceDocument.objects.count(), Paragraph.objects.count())


def test_dry_run_prints_one_json_object_per_file_and_writes_nothing():
    files = [str(SAMPLES / "en_results_astop13.txt"), str(SAMPLES / "ja_results_astop9.txt")]
    before = archive_size()
    out, _ = run(*files, "--dry-run", "--json")
    assert archive_size() == before
    objects = [json.loads(line) for line in out.splitlines()]
    assert [item["file"] for item in objects] == files
    first = objects[0]
    assert set(first) >= {
        "meeting",
        "source",
        "paragraphs",
        "participants",
        "participant_counts",
        "people",
        "topics",
        "warnings",
    }
    assert first["meeting"]["short_name"] == "ASTOP-XIII"
    assert first["meeting"]["series"] == "astop"
    assert first["meeting"]["start_date"] == "2017-12-08"
    text = (SAMPLES / "en_results_astop13.txt").read_text(encoding="utf-8")
    for paragraph in first["paragraphs"]:
        assert text[paragraph["start"] : paragraph["end"]].endswith(paragraph["text"])
    japan = next(p for p in first["participants"] if p["organization"]["slug"] == "japan")
    assert (japan["roles"], japan["status"], japan["archive"]) == (["host"], "attended", "japan")
    assert first["people"][0]["english_name"] == "Kenji Morita"
    assert {topic["slug"] for topic in first["topics"]} >= {"proliferation-security-initiative"}


def test_without_dry_run_each_file_becomes_a_draft():
    out, _ = run(str(SAMPLES / "en_results_astop13.txt"), "--json")
    written = json.loads(out)
    meeting = Meeting.objects.get(slug=written["meeting"])
    assert meeting.status == Meeting.Status.DRAFT and meeting.ordinal == 13
    source = meeting.sources.get()
    assert source.rebuild() == (SAMPLES / "en_results_astop13.txt").read_bytes().decode()


def test_a_release_of_an_archived_meeting_is_refused_unless_attached(tmp_path):
    seed = Path(__file__).resolve().parent / "data/astop-v-press-release.txt"
    before = archive_size()
    with pytest.raises(CommandError, match="1 of 1 files"):
        run(str(seed))
    assert archive_size() == before
    out, _ = run(str(seed), "--attach-to", "astop-v")
    assert Meeting.objects.get(slug="astop-v").sources.count() == 2
    assert "astop-v" in out


def test_a_bad_file_is_named_with_its_line_and_changes_nothing(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Title\nSecond line\nThird \xff line\n")
    control = tmp_path / "control.txt"
    control.write_text("Title\n\n1. A line with a \x07 bell.\n", encoding="utf-8")
    good = SAMPLES / "en_seminar_days.txt"
    before = Meeting.objects.count()
    with pytest.raises(CommandError, match="2 of 3 files were not imported"):
        out, err = StringIO(), StringIO()
        try:
            call_command(
                "import_release", str(bad), str(control), str(good), stdout=out, stderr=err
            )
        finally:
            errors = err.getvalue()
    assert f"{bad}: line 3: not UTF-8" in errors
    assert f"{control}: " in errors and "on line 3" in errors
    assert Meeting.objects.count() == before + 1  # the good file still goes in


def test_an_unknown_meeting_to_attach_to_is_named():
    with pytest.raises(CommandError, match="no meeting with the web address 'nope'"):
        run(str(SAMPLES / "en_seminar_days.txt"), "--attach-to", "nope")


def test_dry_run_json_has_every_key_the_format_promises():
    """Each key the command's output is documented with, at every level; a participant or
    person the archive lacks is shown as new (no archive row yet), not left out."""
    path = SAMPLES / "holdout2" / "ja_results_side_events.txt"
    out, _ = run(str(path), "--dry-run", "--json")
    shown = json.loads(out)
    assert set(shown["meeting"]) >= {
        "title", "short_name", "series", "ordinal", "start_date", "end_date",
        "date_precision", "venue_name", "city", "format",
    }  # fmt: skip
    assert set(shown["source"]) >= {"kind", "language", "published_on", "title", "copy_url"}
    for paragraph in shown["paragraphs"]:
        assert set(paragraph) >= {"label", "text", "start", "end"}
    for participant in shown["participants"]:
        assert set(participant) >= {"organization", "source_words", "status", "roles", "paragraph"}
        assert set(participant["organization"]) == {"slug", "name"}
    for person in shown["people"]:
        assert set(person) >= {"name", "english_name", "title", "role", "paragraph"}
    assert isinstance(shown["participant_counts"], list) and isinstance(shown["topics"], list)
    assert any("2023" in warning for warning in shown["warnings"])
    assert [event["kind"] for event in shown["side_events"]] == [
        "reception", "working_level", "workshop",
    ]  # fmt: skip
    india = next(p for p in shown["participants"] if p["organization"]["slug"] == "india")
    assert (india["organization"]["name"], india["archive"], india["new"]) == ("India", None, True)
    australia = next(p for p in shown["participants"] if p["archive"] == "australia")
    assert australia["new"] is False
    yamamoto = shown["people"][0]
    assert (yamamoto["name"], yamamoto["english_name"], yamamoto["archive"], yamamoto["new"]) == (
        "山本誠一",
        "Seiichi Yamamoto",
        None,
        True,
    )
