"""manage.py import_release: a folder of releases, dry run or drafts, errors by file and line."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings.models import Meeting, Paragraph, Person, Series, SourceDocument
from meetings.releases.parse import parse_release

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
    assert first["meeting"]["series"] == {
        "slug": "astop",
        "name": Series.objects.get(slug="astop").name,
        "new": False,
    }
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
    # Another release of the meeting (the same text again is refused by the writer).
    other = tmp_path / "astop-v-copy.txt"
    other.write_text(seed.read_text(encoding="utf-8") + "\nBack to Index\n", encoding="utf-8")
    out, _ = run(str(other), "--attach-to", "astop-v")
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


@pytest.mark.parametrize("content", [b"", b"  \n\n\xe3\x80\x80\n"])
def test_an_empty_file_is_refused_by_name_and_nothing_is_written(tmp_path, content):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    before = archive_size()
    for extra in ([], ["--dry-run", "--json"]):
        err = StringIO()
        with pytest.raises(CommandError, match="1 of 1 files were not imported"):
            call_command("import_release", str(empty), *extra, stdout=StringIO(), stderr=err)
        assert f"{empty}: line 1: the file is empty" in err.getvalue()
    assert archive_size() == before


def test_the_dry_run_says_what_the_real_run_does_about_an_archived_meeting():
    """Without --attach-to the import refuses a release of an archived meeting: the dry run
    says so and names the option; with it, both attach."""
    seed = str(Path(__file__).resolve().parent / "data/astop-v-press-release.txt")
    out, _ = run(seed, "--dry-run")
    assert "would attach with --attach-to astop-v" in out and "attaches to" not in out
    shown = json.loads(run(seed, "--dry-run", "--json")[0])
    assert (shown["attach_to"], shown["archived_meeting"]) == (None, "astop-v")
    assert any("--attach-to astop-v" in warning for warning in shown["warnings"])
    out, _ = run(seed, "--dry-run", "--attach-to", "astop-v")
    assert "attaches to astop-v" in out and "would attach" not in out
    shown = json.loads(run(seed, "--dry-run", "--json", "--attach-to", "astop-v")[0])
    assert (shown["attach_to"], shown["archived_meeting"]) == ("astop-v", "astop-v")
    assert not any("--attach-to" in warning for warning in shown["warnings"])
    assert Meeting.objects.get(slug="astop-v").sources.count() == 1


def test_dry_run_json_numbers_paragraphs_as_the_page_and_says_whom_people_represent(tmp_path):
    path = tmp_path / "release.txt"
    path.write_text(
        "Results of the Talks\nMay 1, 2008\n\n"
        "1. The talks were held on April 30 at Mita House.\n"
        "2. The ASEAN member states, Australia and Japan participated. The delegations of "
        "Brunei Darussalam, Cambodia, Indonesia, Lao PDR, Malaysia, Myanmar, the Philippines, "
        "Singapore, Thailand and Viet Nam attended.\n"
        "3. Mr. Kenji TANABE, Director-General, Ministry of Foreign Affairs of Japan, chaired "
        "the talks. Mr. Tanabe stated that export control and the PSI mattered.\n",
        encoding="utf-8",
    )
    shown = json.loads(run(str(path), "--dry-run", "--json")[0])
    paragraphs = {p["number"]: p for p in shown["paragraphs"]}
    assert list(paragraphs) == [1, 2, 3, 4, 5]
    for item in shown["participants"] + shown["people"] + shown["topics"]:
        words = item.get("source_words") or item.get("quote")
        assert words in paragraphs[item["paragraph"]]["text"]
    asean = next(p for p in shown["participants"] if p["organization"]["slug"] == "asean")
    assert (asean["source_words"], asean["whole_group"], asean["paragraph"]) == (
        "The ASEAN member states",
        True,
        4,
    )
    assert [p["member_of"] for p in shown["participants"]].count("asean") == 10
    [tanabe] = shown["people"]
    assert (tanabe["english_name"], tanabe["on_behalf_of"], tanabe["role"]) == (
        "Kenji Tanabe",
        "japan",
        "chair",
    )
    assert {(t["slug"], t["paragraph"]) for t in shown["topics"]} == {
        ("export-control", 5),
        ("proliferation-security-initiative", 5),
    }


def test_a_file_with_windows_line_breaks_is_imported_and_rebuilt():
    """CR LF are line breaks, not control characters: the source keeps them."""
    path = SAMPLES / "en_copy_virtual.txt"
    assert b"\r\n" in path.read_bytes()
    written = json.loads(run(str(path), "--json")[0])
    source = SourceDocument.objects.get(slug=written["source"])
    assert source.rebuild().encode("utf-8") == path.read_bytes()


NEW_SERIES_EN = """Results of the Fourth Meeting of the Mekong-Pacific Coastal Resilience Dialogue (MPCRD-IV)

March 14, 2025

1. On March 12 and 13, 2025, the Fourth Meeting of the Mekong-Pacific Coastal Resilience Dialogue (MPCRD-IV) was held at the Osaka International Convention Center in Osaka, Japan. The meeting was held in a hybrid format.

2. The meeting was co-chaired by Mr. Hiroshi TANABE, Director-General of the Global Issues Department, Ministry of Foreign Affairs of Japan, and Ms. Lintang Sari DEWI, Deputy Minister for Maritime Affairs of the Republic of Indonesia. About 30 officials from 12 countries took part, including Cambodia, Fiji, Lao PDR, Thailand and Viet Nam. Myanmar was invited but absent.

3. Participants discussed coastal flood early warning, mangrove restoration and blue carbon financing.

4. On the evening of March 12, Mr. Hiroshi TANABE hosted a reception for the participants.

5. The next meeting will be held in Indonesia in 2026.
"""  # noqa: E501
NEW_SERIES_JA = """第4回メコン・太平洋沿岸強靱化対話（MPCRD-IV）結果概要

令和7年3月14日

1．日時
令和7年3月12日（水曜日）及び13日（木曜日）

2．場所
大阪・大阪府立国際会議場

3．参加国：
日本、インドネシア、カンボジア、フィジー、ラオス、タイ、ベトナム、ミャンマー（ミャンマーは欠席）

4．議長
田辺宏（たなべ　ひろし）外務省地球規模課題審議官組織地球規模課題局長及びリンタン・サリ・デウィ　インドネシア海洋担当副大臣が共同議長を務めた。

5．概要
（1）参加者は、沿岸洪水の早期警報、マングローブの回復及びブルーカーボン金融について議論した。
（2）12日夜、田辺局長主催のレセプションが開催された。
"""  # noqa: E501


def test_a_series_the_archive_lacks_is_created_and_its_next_release_recognised(tmp_path):
    english, japanese = tmp_path / "en.txt", tmp_path / "ja.txt"
    english.write_text(NEW_SERIES_EN, encoding="utf-8")
    japanese.write_text(NEW_SERIES_JA, encoding="utf-8")
    out, _ = run(str(english), "--dry-run", "--json")
    name = parse_release(NEW_SERIES_EN).meeting.series.name  # as the reader gives it
    assert "Mekong-Pacific Coastal Resilience Dialogue" in name
    assert json.loads(out)["meeting"]["series"] == {"slug": "mpcrd", "name": name, "new": True}
    assert not Series.objects.filter(short_name="MPCRD").exists()
    run(str(english))
    series = Series.objects.get(short_name="MPCRD")
    assert (series.slug, series.name, series.organiser.slug) == ("mpcrd", name, "mofa-japan")
    meeting = Meeting.objects.get(series=series)
    assert (meeting.ordinal, meeting.short_name) == (4, "MPCRD-IV")
    out, _ = run(str(japanese), "--dry-run", "--json")
    shown = json.loads(out)
    assert shown["archived_meeting"] == meeting.slug
    assert shown["meeting"]["series"] == {"slug": "mpcrd", "name": series.name, "new": False}
    before = archive_size()
    with pytest.raises(CommandError):
        run(str(japanese))
    assert archive_size() == before
    assert Meeting.objects.filter(series=series).count() == 1


def test_a_person_written_in_another_script_is_the_one_the_meeting_has(tmp_path):
    """リンタン・サリ・デウィ, co-chair for Indonesia as Lintang Sari Dewi already is, is that
    person, with the Japanese name kept as another name: no new person, no third co-chair."""
    english, japanese = tmp_path / "en.txt", tmp_path / "ja.txt"
    english.write_text(NEW_SERIES_EN, encoding="utf-8")
    japanese.write_text(NEW_SERIES_JA, encoding="utf-8")
    run(str(english))
    meeting = Meeting.objects.get(short_name="MPCRD-IV")
    dewi = Person.objects.get(name="Lintang Sari Dewi")
    people = Person.objects.count()
    run(str(japanese), "--attach-to", meeting.slug)
    assert Person.objects.count() == people
    chairs = meeting.appearances.filter(role="co_chair").order_by("position")
    assert [(a.person, a.on_behalf_of.slug) for a in chairs] == [
        (Person.objects.get(name="Hiroshi Tanabe"), "japan"),
        (dewi, "indonesia"),
    ]
    assert list(dewi.other_names.filter(language="ja").values_list("name", flat=True)) == [
        "リンタン・サリ・デウィ"
    ]


def test_attaching_says_what_it_left_out_and_where_it_added(tmp_path):
    english, japanese = tmp_path / "en.txt", tmp_path / "ja.txt"
    english.write_text(NEW_SERIES_EN, encoding="utf-8")
    japanese.write_text(NEW_SERIES_JA, encoding="utf-8")
    run(str(english))
    meeting = Meeting.objects.get(short_name="MPCRD-IV")
    meeting.participations.filter(organization__slug="fiji").update(status="observer")
    out, _ = run(str(japanese), "--attach-to", meeting.slug)
    assert out.splitlines()[0].startswith(f"{japanese}: added to {meeting.slug}, source ")
    warnings = [line for line in out.splitlines() if line.startswith("  warning: ")]
    assert (
        f"  warning: Fiji already takes part in {meeting} as observer; this release says "
        "attended: saving keeps observer." in warnings
    )
    assert (
        f"  warning: Hiroshi Tanabe already appears in {meeting}: the title and role "
        "first given stand." in warnings
    )
    assert (
        f"  warning: {meeting} already has a reception on 2025-03-12: this release's "
        "is not added." in warnings
    )
    assert meeting.participations.get(organization__slug="fiji").status == "observer"
    assert meeting.side_events.count() == 1
