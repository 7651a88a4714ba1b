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
