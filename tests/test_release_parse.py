"""The release parser: the paste kept byte for byte, and the facts read from it.

The sample releases under tests/releases/ were written for these tests in the shapes the
ministry's real pages take (English and Japanese); each has the result a careful reader
would record beside it (``*.expected.json``).
"""

import datetime
import json
import re
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.releases.parse import parse_release

from .release import SEED

SAMPLES = Path(__file__).resolve().parent / "releases"
SAMPLE_NAMES = sorted(path.stem for path in SAMPLES.glob("*.txt"))
# Every character the parser may treat as white space between paragraphs.
SEPARATOR = re.compile(r"[\s\ufeff\u200b]*")


def read_sample(name):
    with open(SAMPLES / f"{name}.txt", encoding="utf-8", newline="") as file:
        return file.read()


def expected(name):
    return json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))


def assert_kept_exactly(text, release):
    """The paste is rebuilt from what is stored; offsets point at each paragraph."""
    assert release.rebuild() == text
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    for paragraph in release.paragraphs:
        assert paragraph.text
        assert SEPARATOR.fullmatch(paragraph.separator)
        assert SEPARATOR.fullmatch(paragraph.gap)
        assert not SEPARATOR.fullmatch(paragraph.label) or not paragraph.label
        printed = paragraph.label + paragraph.gap + paragraph.text
        assert (
            text[paragraph.start : paragraph.end].replace("\r\n", "\n").replace("\r", "\n")
            == printed
        )
        # What is stored holds no carriage return (the archive refuses them).
        assert "\r" not in paragraph.separator + printed
    assert SEPARATOR.fullmatch(release.trailing)
    assert (
        "".join(p.separator + p.label + p.gap + p.text for p in release.paragraphs)
        + release.trailing
        == normal
    )


# --- The paste, byte for byte ---------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_each_sample_is_rebuilt_byte_for_byte(name):
    text = read_sample(name)
    release = parse_release(text)
    assert_kept_exactly(text, release)
    assert release.rebuild().encode("utf-8") == (SAMPLES / f"{name}.txt").read_bytes()


def test_crlf_sample_keeps_its_line_breaks_and_offsets():
    text = read_sample("en_copy_virtual")
    assert "\r\n" in text
    release = parse_release(text)
    assert release.line_break == "\r\n"
    last_body = next(p for p in release.paragraphs if p.label == "(*)")
    assert text[last_body.start : last_body.end] == (
        "(*) ASTOP: a forum for Asian countries and their partners."
    )
    assert release.as_dict()["line_break"] == "\r\n"


def test_mixed_line_breaks_are_kept_one_by_one():
    text = "Title\r\nMay 1, 2008\r\n1. Text.\r2. More text.\n"
    release = parse_release(text)
    assert (release.line_break, release.odd_line_breaks) == ("\r\n", {2: "\r", 3: "\n"})
    assert release.rebuild() == text
    assert [p.label for p in release.paragraphs] == ["", "", "1.", "2."]
    assert text[release.paragraphs[3].start : release.paragraphs[3].end] == "2. More text."


def test_a_control_character_is_kept_and_said():
    release = parse_release("Title\n1. Text\x0c with a form feed.")
    assert release.rebuild() == "Title\n1. Text\x0c with a form feed."
    assert any("U+000C" in warning for warning in release.warnings)


WHITE = st.sampled_from([" ", "  ", "\t", "\u3000", "\xa0", "\u3000\u3000", ""])
PIECES = st.sampled_from(
    ["1.", "1", "(1)", "（１）", "１．", "(a)", "-", "(*)", "*", "※", "II.", "|", "｜", "Mr.",
     "May 1, 2008", "平成20年5月1日", "本20日", "Back to Index", "報道発表", "(PDF)", "Japan",
     "ASEAN諸国", "the host", "participated", "参加しました。", "Photo:", "写真：", "a", "b"]
)  # fmt: skip
LINE = st.lists(st.one_of(PIECES, WHITE, st.text(min_size=0, max_size=8)), max_size=8).map("".join)
NEWLINE = st.sampled_from(["\n", "\r\n", "\r"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.tuples(LINE, NEWLINE), max_size=12), end=st.booleans())
def test_random_texts_are_rebuilt_byte_for_byte(lines, end):
    """Any mix of line breaks, white space, labels, dates and names."""
    text = "".join(line + newline for line, newline in lines)
    text = text[: -len(lines[-1][1])] if lines and not end else text
    release = parse_release(text)
    assert_kept_exactly(text, release)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(SAMPLE_NAMES),
    indents=st.lists(st.tuples(WHITE, WHITE, st.integers(0, 2)), min_size=60, max_size=60),
    newline=NEWLINE,
)
def test_samples_reindented_and_spaced_out_are_rebuilt_byte_for_byte(name, indents, newline):
    """The samples with other indentation, trailing white space, blank lines, line breaks."""
    lines = read_sample(name).replace("\r\n", "\n").split("\n")
    varied = []
    for line, (before, after, blanks) in zip(lines, indents * 3, strict=False):
        varied.extend([before + line + after] + [after] * blanks)
    text = newline.join(varied)
    release = parse_release(text)
    assert_kept_exactly(text, release)
    assert release.meeting.title  # the facts are still read


@given(st.text(alphabet=string.printable + "　（）１．※｜報道発表参加", max_size=200))
@settings(max_examples=200, deadline=None)
def test_any_text_parses_and_serialises(text):
    release = parse_release(text)
    json.dumps(release.as_dict())
    assert_kept_exactly(text, release)


# --- The ASTOP-V release -------------------------------------------------------------------


@pytest.mark.django_db
def test_astop_v_release_gives_the_fixture_paragraphs():
    from meetings.models import Paragraph

    release = parse_release(SEED.read_text(encoding="utf-8"))
    stored = Paragraph.objects.filter(document__slug="astop-v-press-release").order_by("position")
    assert [(p.label, p.kind, p.text) for p in release.paragraphs] == [
        (p.label, p.kind, p.text) for p in stored
    ]
    assert len(release.paragraphs) == 10


def test_astop_v_facts():
    release = parse_release(SEED.read_text(encoding="utf-8"))
    meeting, source = release.meeting, release.source
    assert (source.kind, source.language, source.published_on) == (
        "press_release",
        "en",
        datetime.date(2008, 5, 1),
    )
    assert source.title == (
        "The Results of the Fifth Asian Senior-level Talks on Non-Proliferation (ASTOP-V)"
    )
    assert meeting.title == "Fifth Asian Senior-level Talks on Non-Proliferation"
    assert (meeting.series.slug, meeting.ordinal, meeting.short_name) == ("astop", 5, "ASTOP-V")
    assert meeting.start_date == meeting.end_date == datetime.date(2008, 4, 25)
    assert (meeting.venue_name, meeting.city, meeting.format) == (
        "Mita House",
        "Tokyo",
        "in_person",
    )
    assert [
        (p.slug, p.source_words, p.status, p.roles, p.paragraph) for p in release.participants
    ] == [
        ("asean", "the ASEAN member countries", "attended", [], 3),
        ("australia", "Australia", "attended", [], 3),
        ("canada", "Canada", "attended", [], 3),
        ("china", "China", "attended", [], 3),
        ("new-zealand", "New Zealand", "attended", [], 3),
        ("republic-of-korea", "Republic of Korea", "attended", [], 3),
        ("united-states", "the United States", "attended", [], 3),
        ("japan", "Japan, the host", "attended", ["host"], 3),
    ]
    assert release.participants[0].whole_group
    [person] = release.people
    assert (
        person.source_words,
        person.english_name,
        person.title,
        person.role,
        person.paragraph,
    ) == (
        "Mr. Hitoshi KIMURA, Senior Vice-Minister for Foreign Affairs",
        "Hitoshi Kimura",
        "Senior Vice-Minister for Foreign Affairs",
        "opening_speech",
        4,
    )
    # The year of "Friday, April 25" comes from the date line, and the release says so.
    assert any("Friday, April 25" in w and "2008" in w for w in release.warnings)


# --- Each sample against what a reader records ---------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_paragraph_labels_and_kinds(name):
    release = parse_release(read_sample(name))
    assert [[p.label, p.kind] for p in release.paragraphs] == expected(name)["paragraphs"]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_source_and_meeting(name):
    data = parse_release(read_sample(name)).as_dict()
    want = expected(name)
    assert {key: data["source"][key] for key in want["source"]} == want["source"]
    meeting = data["meeting"]
    series = meeting["series"] and (meeting["series"]["slug"] or meeting["series"]["name"])
    got = {key: meeting[key] for key in want["meeting"] if key not in ("series", "venues")}
    assert (
        got
        | {
            "series": series,
            "venues": [[v["date"], v["name"]] for v in meeting["venues"]],
        }
        == want["meeting"]
    )


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_dates_are_right_and_what_was_inferred_is_flagged(name):
    release = parse_release(read_sample(name))
    flagged = any("date" in warning for warning in release.warnings)
    assert flagged == expected(name)["date_flagged"]
    # Never a date after the publication of results, never before an announcement's.
    published, start = release.source.published_on, release.meeting.start_date
    if published and start and release.source.kind == "announcement":
        assert start >= published
    elif published and start and release.meeting.date_precision == "day":
        assert start <= published


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_participant_counts(name):
    release = parse_release(read_sample(name))
    got = [[c.count, c.what, c.approximate] for c in release.participant_counts]
    assert got == expected(name)["participant_counts"]


# --- Measured over all samples: participants and people ---------------------------------------


def participant_row(participant):
    row = {"slug": participant.slug, "status": participant.status, "roles": participant.roles}
    for key in ("whole_group", "first_time", "with_assets", "member_of", "region"):
        if getattr(participant, key):
            row[key] = getattr(participant, key)
    if not participant.list_complete:
        row["list_complete"] = False
    return row


def measure(folder):
    """Share of the participants and people a reader records that the parser finds, and of
    those it gives that are right (organisation, status, roles and the other facts)."""
    found = right = wanted = given = people_found = people_wanted = titles_right = 0
    dates_right_or_flagged = 0
    texts = sorted(folder.glob("*.txt"))
    for path in texts:
        release = parse_release(path.read_text(encoding="utf-8"))
        want = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        rows = [participant_row(p) for p in release.participants]
        wanted_slugs = {row["slug"] for row in want["participants"]}
        found += len(wanted_slugs & {row["slug"] for row in rows})
        right += sum(row in want["participants"] for row in rows)
        wanted += len(want["participants"])
        given += len(rows)
        people = {p.name: p for p in release.people}
        for name_as_written, _english, title, _role in want["people"]:
            people_wanted += 1
            if name_as_written in people:
                people_found += 1
                titles_right += people[name_as_written].title == title
        dates = [str(release.meeting.start_date), str(release.meeting.end_date)]
        flagged = any("date" in warning for warning in release.warnings)
        if dates == [want["meeting"]["start_date"], want["meeting"]["end_date"]]:
            dates_right_or_flagged += flagged or not want["date_flagged"]
        else:
            dates_right_or_flagged += flagged
    return {
        "dates right or flagged": dates_right_or_flagged / len(texts),
        "participants found": found / wanted,
        "participants right": right / given,
        "people found": people_found / people_wanted,
        "titles right": titles_right / people_wanted,
        "participants": wanted,
        "people": people_wanted,
    }


@pytest.mark.parametrize(
    "folder",
    [SAMPLES, SAMPLES / "holdout", SAMPLES / "holdout2", SAMPLES / "holdout3"],
    ids=["samples", "holdout", "holdout2", "holdout3"],
)
def test_participants_and_people_meet_their_targets(folder):
    """The samples, and three sets of texts written (with their results) after the parser,
    apart: the second in shapes the first did not have, the third in those a curator found
    read wrongly (a list after 参加国・機関：with an absentee in brackets, a group named with
    its members listed, a later surname)."""
    measured = measure(folder)
    print(measured)  # the numbers behind the targets (pytest -s shows them)
    assert measured["dates right or flagged"] == 1
    assert measured["participants found"] >= 0.95
    assert measured["participants right"] >= 0.98
    assert measured["people found"] >= 0.90


def test_the_samples_are_many_enough():
    assert len(SAMPLE_NAMES) >= 16
    assert sum(name.startswith("ja_") for name in SAMPLE_NAMES) >= 8
    measured = measure(SAMPLES)
    assert measured["participants"] >= 120 and measured["people"] >= 20


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_people_with_names_in_english_order_titles_and_roles(name):
    release = parse_release(read_sample(name))
    got = [[p.name, p.english_name, p.title, p.role] for p in release.people]
    assert got == expected(name)["people"]


# --- Each shape on its own ----------------------------------------------------------------------


def parse(*lines):
    return parse_release("\n".join(lines))


@pytest.mark.parametrize(
    ("line", "label", "kind", "text"),
    [
        ("1. Text.", "1.", "body", "Text."),
        ("1 The Meeting discussed.", "1", "body", "The Meeting discussed."),
        ("(1) Text.", "(1)", "body", "Text."),
        ("（１）本文です。", "（１）", "body", "本文です。"),
        ("１．本文です。", "１．", "body", "本文です。"),
        ("１　本文です。", "１", "body", "本文です。"),
        ("(a) Text.", "(a)", "body", "Text."),
        ("(iv) Text.", "(iv)", "body", "Text."),
        ("II. Disarmament", "II.", "body", "Disarmament"),
        ("- Export control", "-", "body", "Export control"),
        ("4. (1)\xa0 Text.", "4. (1)", "body", "Text."),
        ("(*) Term: meaning.", "(*)", "footnote", "Term: meaning."),
        ("* Term: meaning.", "*", "footnote", "Term: meaning."),
        ("※　本文書は仮訳である。", "※", "footnote", "本文書は仮訳である。"),
        ("（注）用語の説明。", "（注）", "footnote", "用語の説明。"),
        ("Photo: The participants", "", "caption", "Photo: The participants"),
        ("[Photo] The participants", "", "caption", "[Photo] The participants"),
        ("写真：会議の様子", "", "caption", "写真：会議の様子"),
        ("Back to Index", "", "other", "Back to Index"),
        ("Press Releases", "", "other", "Press Releases"),
        ("報道発表", "", "other", "報道発表"),
        ("Chairman's Summary (PDF)", "", "other", "Chairman's Summary (PDF)"),
        ("議長総括（PDF）", "", "other", "議長総括（PDF）"),
        ("Home > Press Releases > 2008", "", "other", "Home > Press Releases > 2008"),
        ("3 October the seminar opened.", "", "body", "3 October the seminar opened."),
    ],
)
def test_labels_and_kinds(line, label, kind, text):
    release = parse("A title of the release", "May 1, 2008", "", line)
    paragraph = release.paragraphs[-1]
    assert (paragraph.label, paragraph.kind, paragraph.text) == (label, kind, text)


def test_tables_keep_their_cells():
    release = parse("Title", "| Day | Session |", "｜3月19日｜キャッチオール規制｜")
    assert [(p.kind, p.cells) for p in release.paragraphs[1:]] == [
        ("table", ["Day", "Session"]),
        ("table", ["3月19日", "キャッチオール規制"]),
    ]


def test_numbering_that_restarts_keeps_every_label():
    release = parse("Title", "I. One", "1 A.", "2 B.", "II. Two", "1 C.", "2 D.")
    assert [p.label for p in release.paragraphs[1:]] == ["I.", "1", "2", "II.", "1", "2"]


def test_title_is_not_the_breadcrumb_or_the_language_switch():
    release = parse("Home > Press Releases", "Japanese", "Results of the Talks", "May 1, 2008")
    assert release.source.title == "Results of the Talks"
    assert [p.kind for p in release.paragraphs] == ["other", "other", "title", "dateline"]


@pytest.mark.parametrize(
    ("lines", "start", "end", "precision", "flagged"),
    [
        (["Results", "May 1, 2008", "1. Held on Friday, April 25, at Mita House."],
         "2008-04-25", "2008-04-25", "day", True),
        (["結果", "平成29年12月20日", "１　本20日（水曜日），協議を開催しました。"],
         "2017-12-20", "2017-12-20", "day", True),
        (["結果", "平成17年2月14日", "１．平成17年2月10日（木曜日），協議を開催しました。"],
         "2005-02-10", "2005-02-10", "day", False),
        (["Overview", "March 3, 2011", "1. The exercise was held in February, 2011."],
         "2011-02-01", "2011-02-28", "month", False),
        (["Results", "2007/01/29", "1. The talks were held on Jan 25 (Thu) and 26 (Fri), 2007."],
         "2007-01-25", "2007-01-26", "day", False),
        (["Results", "October 6, 2021", "The seminar was held on 3–4 Oct."],
         "2021-10-03", "2021-10-04", "day", True),
        (["結果", "令和4年3月22日", "１．3月19日～20日，東京において会合が開催されました。"],
         "2022-03-19", "2022-03-20", "day", True),
        (["Summary", "28-29 JUNE 2006, TOKYO, JAPAN", "1. The meeting was held in Tokyo."],
         "2006-06-28", "2006-06-29", "day", True),
        # An announcement in December of a meeting in January: the next year, never earlier.
        (["Holding of the Talks", "December 21, 2018", "1. On Tuesday, January 15, the Talks "
          "will be held in Tokyo."], "2019-01-15", "2019-01-15", "day", True),
        # Future tense though the title does not say "Holding of": still the next year.
        (["Exercise Pacific Shield", "December 20, 2018", "1. Japan will host the exercise "
          "on January 15."], "2019-01-15", "2019-01-15", "day", True),
        (["PSI海上阻止訓練", "平成30年12月20日", "１　1月15日，日本の主催により訓練を実施します。"],
         "2019-01-15", "2019-01-15", "day", True),
        # Results in January of a meeting in December: the year before.
        (["Results of the Talks", "January 10, 2019", "1. The Talks were held on December 20 "
          "in Tokyo."], "2018-12-20", "2018-12-20", "day", True),
    ],
)  # fmt: skip
def test_meeting_dates(lines, start, end, precision, flagged):
    release = parse(*lines)
    meeting = release.meeting
    assert (str(meeting.start_date), str(meeting.end_date), meeting.date_precision) == (
        start,
        end,
        precision,
    )
    assert any("date" in w for w in release.warnings) == flagged


def test_the_publication_date_is_never_taken_for_the_meeting_date():
    release = parse("Results of the Talks", "May 1, 2008", "1. The talks were held in Tokyo.")
    assert release.source.published_on == datetime.date(2008, 5, 1)
    assert release.meeting.start_date is None
    assert "The meeting's date was not found: enter it." in release.warnings


def test_a_year_that_cannot_be_known_is_not_guessed():
    release = parse("Results of the Talks", "1. The talks were held on April 25 in Tokyo.")
    assert release.meeting.start_date is None
    assert any("gives no year" in w for w in release.warnings)


@pytest.mark.parametrize(
    ("title", "series", "ordinal", "short_name"),
    [
        ("The Results of the 13th Asia Senior-Level Talks on Non-Proliferation", "astop", 13,
         "ASTOP-XIII"),
        ("Thirteenth Asian Senior-level Talks on Non-Proliferation", "astop", 13, "ASTOP-XIII"),
        ("Twenty-first Asia Senior-Level Talks on Non-Proliferation", "astop", 21, "ASTOP-XXI"),
        ("第13回アジア不拡散協議の開催（結果）", "astop", 13, "ASTOP-XIII"),
        ("第十三回アジア不拡散協議", "astop", 13, "ASTOP-XIII"),
        ("Opening Remarks at ASTOP VI", "astop", 6, "ASTOP-VI"),
        ("Results of ASTOP-XIII", "astop", 13, "ASTOP-XIII"),
        # A bracketed abbreviation is never a short name.
        ("Seminar on Nuclear Security (JAIF) (PDF)", None, None, ""),
        ("Workshop with the International Atomic Energy Agency (IAEA)", None, None, ""),
        ("The 2nd Dialogue on Export Control (DEC)", "Dialogue on Export Control", 2, ""),
    ],
)  # fmt: skip
def test_series_edition_and_short_name(title, series, ordinal, short_name):
    meeting = parse(title, "May 1, 2008").meeting
    got = meeting.series and (meeting.series.slug or meeting.series.name)
    assert (got, meeting.ordinal, meeting.short_name) == (series, ordinal, short_name)


def test_one_off_meeting_has_no_series_and_its_title_no_wrapping():
    meeting = parse("Results of the Japan-Thailand Non-Proliferation Dialogue (Tokyo)").meeting
    assert (meeting.series, meeting.ordinal, meeting.title) == (
        None,
        None,
        "Japan-Thailand Non-Proliferation Dialogue",
    )


def participants(*lines):
    return [
        (p.slug, p.source_words, p.status, p.roles) for p in parse("Title", *lines).participants
    ]


def test_group_as_a_whole_and_members_under_formal_names():
    assert participants("Officials from the ten ASEAN member states attended.") == [
        ("asean", "the ten ASEAN member states", "attended", []),
    ]
    assert participants(
        "Officials from Brunei Darussalam, the Kingdom of Cambodia and the Union of Myanmar "
        "attended."
    ) == [
        ("brunei-darussalam", "Brunei Darussalam", "attended", []),
        ("cambodia", "the Kingdom of Cambodia", "attended", []),
        ("myanmar", "the Union of Myanmar", "attended", []),
    ]
    assert participants("ASEAN諸国及び豪州が参加した。") == [
        ("asean", "ASEAN諸国", "attended", []),
        ("australia", "豪州", "attended", []),
    ]


def test_such_as_marks_the_list_as_not_complete():
    release = parse(
        "Title", "The ASEAN member states, such as Indonesia and Malaysia, will be represented."
    )
    asean, indonesia, malaysia = release.participants
    assert (asean.whole_group, asean.list_complete, asean.status) == (True, False, "planned")
    assert (indonesia.member_of, malaysia.member_of) == ("asean", "asean")


def test_absent_states_are_never_attendees():
    assert participants(
        "Officials from the ASEAN member countries (except Myanmar) and Japan participated.",
        "Laos was absent.",
    ) == [
        ("asean", "the ASEAN member countries", "attended", []),
        ("myanmar", "Myanmar", "absent", []),
        ("japan", "Japan", "attended", []),
        ("lao-pdr", "Laos", "absent", []),
    ]
    assert participants(
        "ASEAN諸国及び日本が参加した。",
        "ラオスは国内事情により不参加でした。",
        "カンボジアは欠席しました。",
    ) == [
        ("asean", "ASEAN諸国", "attended", []),
        ("japan", "日本", "attended", []),
        ("lao-pdr", "ラオス", "absent", []),
        ("cambodia", "カンボジア", "absent", []),
    ]


def test_a_state_listed_twice_is_one_entry_with_a_warning():
    release = parse("Title", "Officials from China, Canada and China attended.")
    assert [p.slug for p in release.participants] == ["china", "canada"]
    assert any(w.startswith("¶2: China is listed twice") for w in release.warnings)


def test_japanese_list_run_together_is_read_against_the_name_table():
    assert [
        slug for slug, *_ in participants("ブルネイカンボジアインドネシア及びタイが参加した。")
    ] == [
        "brunei-darussalam",
        "cambodia",
        "indonesia",
        "thailand",
    ]


def test_co_chairs_host_guest_first_time_assets_and_observers():
    release = parse(
        "Title",
        "1. The meeting was held in Tokyo and co-chaired by Japan, the Philippines and Canada. "
        "Japan hosted the meeting.",
        "2. Representatives of the IAEA attended as guests. Timor-Leste participated for the "
        "first time.",
        "3. Australia and Singapore participated with assets.",
        "4. Observers:",
        "Asia: Mongolia",
        "Europe: France",
    )
    rows = {p.slug: p for p in release.participants}
    assert rows["japan"].roles == ["co_chair", "host"]
    assert rows["philippines"].roles == rows["canada"].roles == ["co_chair"]
    assert rows["iaea"].status == "guest"
    assert rows["timor-leste"].first_time
    assert rows["australia"].with_assets and rows["singapore"].with_assets
    assert [(rows[s].status, rows[s].region) for s in ("mongolia", "france")] == [
        ("observer", "Asia"),
        ("observer", "Europe"),
    ]


def test_counts_keep_their_words():
    english = parse(
        "Title",
        "Officials of 23 ARF members and international organisations, about 50 people, took part.",
    )
    japanese = parse("タイトル", "23のARFメンバー及び国際機関から約50名が参加した。")
    assert [(c.count, c.what, c.approximate) for c in english.participant_counts] == [
        (23, "ARF members and international organisations", False),
        (50, "people", True),
    ]
    assert [(c.count, c.what, c.approximate) for c in japanese.participant_counts] == [
        (23, "ARFメンバー及び国際機関", False),
        (50, "people", True),
    ]
    # "ARF members" is a count, not the ARF taking part
    assert english.participants == japanese.participants == []


def people(*lines):
    return [(p.name, p.english_name, p.title, p.role) for p in parse("Title", *lines).people]


def test_people_in_every_order_and_script():
    assert people(
        "1. Mr. Hitoshi KIMURA, Senior Vice-Minister for Foreign Affairs, gave an opening speech.",
        "2. KITAGAWA Katsuro, Director-General of the Department, chaired the meeting.",
        "3. H.E. SIENG Lapresse, Secretary of State, led the delegation of Cambodia.",
        "4. Ambassador Yukiya Amano stated that the Agency would help.",
        "5. Mr. Taro ASO, Minister for Foreign Affairs delivered opening remarks.",
    ) == [
        ("Hitoshi KIMURA", "Hitoshi Kimura", "Senior Vice-Minister for Foreign Affairs",
         "opening_speech"),
        ("KITAGAWA Katsuro", "Katsuro Kitagawa", "Director-General of the Department", "chair"),
        ("SIENG Lapresse", "Lapresse Sieng", "Secretary of State", "head_of_delegation"),
        ("Yukiya Amano", "Yukiya Amano", "Ambassador", "speaker"),
        ("Taro ASO", "Taro Aso", "Minister for Foreign Affairs", "opening_speech"),
    ]  # fmt: skip


def test_japanese_people_with_readings_and_a_surname_alone():
    release = parse(
        "挨拶",
        "天野議長，",
        "浅野勝人（あさの・かつひと）外務副大臣が開会挨拶を行いました。",
        "天野之弥（あまの・ゆきや）大使が議長を務めました。",
        "北川議長が閉会しました。",
        "また，木村仁外務副大臣が出席しました。",
    )
    assert [(p.name, p.english_name, p.title, p.role) for p in release.people] == [
        ("浅野勝人", "Katsuhito Asano", "外務副大臣", "opening_speech"),
        ("天野之弥", "Yukiya Amano", "大使", "chair"),
        ("北川", "", "議長", "chair"),
        ("木村仁", "", "外務副大臣", ""),
    ]
    # Warnings name the paragraph as the page numbers it.
    assert any(w.startswith("¶6: no reading is given for 木村仁") for w in release.warnings)
    assert any(w.startswith("¶5: only the surname of 北川") for w in release.warnings)


def test_one_person_in_two_name_orders_is_one_person():
    assert people(
        "1. Mr. Katsuro KITAGAWA, Director-General, gave a speech.",
        "2. Mr. KITAGAWA Katsuro, Director-General, chaired the session.",
    ) == [("Katsuro KITAGAWA", "Katsuro Kitagawa", "Director-General", "chair")]


def test_as_dict_has_the_shape_of_the_dry_run_json():
    data = parse_release(SEED.read_text(encoding="utf-8")).as_dict()
    assert set(data) >= {"meeting", "source", "paragraphs", "participants",
                         "participant_counts", "people", "topics", "warnings"}  # fmt: skip
    assert set(data["meeting"]) >= {"title", "short_name", "series", "ordinal", "start_date",
                                    "end_date", "date_precision", "venue_name", "city",
                                    "format"}  # fmt: skip
    assert set(data["source"]) >= {"kind", "language", "published_on", "title"}
    assert set(data["paragraphs"][0]) >= {"label", "text", "start", "end"}
    assert data["participants"][0]["organization"] == {
        "slug": "asean",
        "name": "Association of Southeast Asian Nations",
    }
    assert set(data["people"][0]) >= {"name", "english_name", "title", "role", "paragraph"}
    assert data["topics"] == []
    assert data["meeting"]["start_date"] == "2008-04-25"
    json.dumps(data)


def test_organisations_the_table_does_not_know_are_kept_for_the_curator():
    english = parse(
        "Title",
        "Officials from Japan, the Nuclear Security Support Centre and the Asia Pacific "
        "Safeguards Network attended.",
    )
    japanese = parse(
        "タイトル",
        "本協議には，日本，核セキュリティ支援センター及びアジア太平洋保障措置ネットワークが参加した。",
    )
    assert [(p.slug, p.name, p.source_words) for p in english.participants] == [
        ("japan", "Japan", "Japan"),
        ("", "Nuclear Security Support Centre", "the Nuclear Security Support Centre"),
        ("", "Asia Pacific Safeguards Network", "the Asia Pacific Safeguards Network"),
    ]
    assert [(p.slug, p.name) for p in japanese.participants] == [
        ("japan", "Japan"),
        ("", "核セキュリティ支援センター"),
        ("", "アジア太平洋保障措置ネットワーク"),
    ]
    assert any("is not in the name table" in w for w in japanese.warnings)


# --- The name table -----------------------------------------------------------------------------


def test_each_name_means_one_organisation_and_slugs_are_the_archives():
    from meetings.releases.names import ORGANIZATIONS

    forms = {}
    for entry in ORGANIZATIONS:
        for form in (*entry.names, *entry.abbreviations):
            assert forms.setdefault(form.casefold(), entry.slug) == entry.slug, form
    assert len({entry.slug for entry in ORGANIZATIONS}) == len(ORGANIZATIONS)
    codes = [entry.iso_code for entry in ORGANIZATIONS if entry.iso_code]
    assert len(codes) == len(set(codes))
    assert sorted(e.slug for e in ORGANIZATIONS if "asean" in e.groups) == [
        "brunei-darussalam", "cambodia", "indonesia", "lao-pdr", "malaysia", "myanmar",
        "philippines", "singapore", "thailand", "viet-nam",
    ]  # fmt: skip
    fixture = json.loads(
        (Path(__file__).resolve().parent.parent / "fixtures/astop_v.json").read_text()
    )
    table = {entry.slug: entry for entry in ORGANIZATIONS}
    for row in fixture:
        if (
            row["model"] == "meetings.organization"
            and row["fields"]["classification"] != "ministry"
        ):
            entry = table[row["fields"]["slug"]]
            assert (entry.name, entry.iso_code) == (
                row["fields"]["name"],
                row["fields"]["iso_code"],
            )


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_participants_with_status_roles_and_the_facts_around_them(name):
    release = parse_release(read_sample(name))
    assert [participant_row(p) for p in release.participants] == expected(name)["participants"]


# --- What the first importer read, still read ---------------------------------------------------

CHAIRS_SUMMARY = """\
Chairman's Summary of the Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI)

Tokyo, 12 February 2009

1. The Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI) were held on 10-11 \
February 2009 at the Iikura Guest House, Tokyo. The meeting was co-chaired by Japan and Indonesia.
2. Senior officials from the ASEAN member countries (except Myanmar), Australia, Canada, China, \
New Zealand, Republic of Korea and the United States participated in the meeting. Myanmar was \
absent.
3. The meeting was chaired by Ms. Akiko YAMADA, Director-General, Disarmament, \
Non-Proliferation and Science Department, and Dr. Budi SANTOSO, Director for International \
Security.
4. Mr. Taro ASO, Minister for Foreign Affairs, delivered welcoming remarks.
  (a) The PSI and export controls were discussed.
Annex: List of Delegations
• Australia
Page Top
"""

WRAPPED = """\
Press Release: The 2nd Dialogue on Export Control
1 March 2011
1. The 2nd Dialogue on Export Control was held on 24 and 25 February in Singapore, and
the participants exchanged views on export control systems in the region.
(1)
Participants discussed the Additional Protocol.
* Note on terms: none.
Some unnumbered closing words without any punctuation
"""


def test_chairs_summary_as_the_first_importer_read_it():
    release = parse_release(CHAIRS_SUMMARY)
    meeting = release.meeting
    assert (release.source.kind, release.source.published_on) == (
        "chairs_summary",
        datetime.date(2009, 2, 12),
    )
    assert (meeting.short_name, meeting.ordinal) == ("ASTOP-VI", 6)
    assert (meeting.start_date, meeting.end_date) == (
        datetime.date(2009, 2, 10),
        datetime.date(2009, 2, 11),
    )
    assert (meeting.venue_name, meeting.city) == ("Iikura Guest House", "Tokyo")
    rows = {p.slug: (p.status, p.roles) for p in release.participants}
    assert rows["japan"] == rows["indonesia"] == ("attended", ["co_chair"])
    assert rows["asean"] == ("attended", [])
    assert rows["myanmar"] == ("absent", [])
    assert [(p.english_name, p.title, p.role) for p in release.people] == [
        ("Akiko Yamada", "Director-General, Disarmament, Non-Proliferation and Science Department",
         "chair"),
        ("Budi Santoso", "Director for International Security", "chair"),
        ("Taro Aso", "Minister for Foreign Affairs", "opening_speech"),
    ]  # fmt: skip
    kinds = [(p.label, p.kind, p.text) for p in release.paragraphs]
    assert ("(a)", "body", "The PSI and export controls were discussed.") in kinds
    assert ("", "body", "Annex: List of Delegations") in kinds
    assert ("•", "body", "Australia") in kinds
    assert ("", "other", "Page Top") in kinds


def test_wrapped_lines_and_lone_labels_join_their_paragraph():
    release = parse_release(WRAPPED)
    assert [(p.label, p.kind, p.text) for p in release.paragraphs] == [
        ("", "title", "Press Release: The 2nd Dialogue on Export Control"),
        ("", "dateline", "1 March 2011"),
        ("1.", "body", "The 2nd Dialogue on Export Control was held on 24 and 25 February in "
         "Singapore, and\nthe participants exchanged views on export control systems in the "
         "region."),
        ("(1)", "body", "Participants discussed the Additional Protocol."),
        ("*", "footnote", "Note on terms: none."),
        ("", "body", "Some unnumbered closing words without any punctuation"),
    ]  # fmt: skip
    assert release.paragraphs[3].gap == "\n"  # the label alone on its line
    meeting = release.meeting
    assert (meeting.ordinal, meeting.city) == (2, "Singapore")
    assert (meeting.start_date, meeting.end_date) == (
        datetime.date(2011, 2, 24),
        datetime.date(2011, 2, 25),
    )


def test_participants_given_only_as_counts():
    release = parse(
        "The Results of the Seventh Asian Senior-level Talks on Non-Proliferation",
        "April 2010",
        "1. The Ministry of Foreign Affairs held the Seventh Asian Senior-level Talks on "
        "Non-Proliferation on April 20, 2010 in Tokyo.",
        "2. Representatives of 12 countries and 2 international organizations participated in "
        "the meeting.",
    )
    assert release.participants == []
    assert [(c.count, c.what) for c in release.participant_counts] == [
        (12, "countries"),
        (2, "international organizations"),
    ]
    assert release.source.published_on == datetime.date(2010, 4, 1)
    assert any("only a month" in w for w in release.warnings)
    assert (release.meeting.start_date, release.meeting.city) == (
        datetime.date(2010, 4, 20),
        "Tokyo",
    )
    assert release.meeting.ordinal == 7


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("令和元年5月1日", datetime.date(2019, 5, 1)),
        ("昭和64年1月7日", datetime.date(1989, 1, 7)),
        ("2008年5月1日", datetime.date(2008, 5, 1)),
        ("1 May 2008", datetime.date(2008, 5, 1)),
        ("2008/05/01", datetime.date(2008, 5, 1)),
        ("平成20年5月", datetime.date(2008, 5, 1)),
        ("令和4年3月18日", datetime.date(2022, 3, 18)),
    ],
)
def test_date_lines(line, published):
    release = parse("A title", line, "1. Text.")
    assert release.source.published_on == published
    assert release.paragraphs[1].kind == "dateline"


def test_text_without_any_structure_is_kept_as_plain_paragraphs():
    release = parse_release("just some words\n\nand more words here\n")
    assert [(p.label, p.kind, p.text) for p in release.paragraphs] == [
        ("", "title", "just some words"),
        ("", "body", "and more words here"),
    ]
    assert release.source.published_on is None
    assert release.warnings


@pytest.mark.parametrize(
    ("line", "venue", "city"),
    [
        ("1. The seminar was held on March 2 at the Iikura Annex of the Ministry of Foreign "
         "Affairs.", "Iikura Annex of the Ministry of Foreign Affairs", "Tokyo"),
        ("1. The seminar was held in Phnom Penh, Cambodia on March 2.", "", "Phnom Penh"),
        ("1. The talks were held in London on 2 March.", "", "London"),
        ("１．3月2日，外務省中央庁舎会議室において協議が開催された。", "外務省中央庁舎会議室",
         "Tokyo"),
        ("１．3月2日，ハノイ（ベトナム）において協議が開催された。", "", "Hanoi"),
        ("１．3月2日，東京（三田共用会議所）において協議が開催された。", "三田共用会議所", "Tokyo"),
        ("1. The talks were held by video conference on 2 March.", "", ""),
    ],
)  # fmt: skip
def test_venue_and_city(line, venue, city):
    meeting = parse("Results", "March 5, 2012", line).meeting
    assert (meeting.venue_name, meeting.city, str(meeting.start_date)) == (
        venue,
        city,
        "2012-03-02",
    )


def test_lists_of_participants_under_a_heading():
    english = parse(
        "Chairman's Summary of the Talks",
        "Tokyo, 12 February 2009",
        "1. The talks were held on 10 February 2009.",
        "Annex: List of Delegations",
        "• Australia",
        "Brunei Darussalam",
        "ASEAN Secretariat",
        "2. The next talks will be held in 2010.",
    )
    japanese = parse(
        "結果", "平成21年2月12日", "１．2月10日，協議を開催した。", "参加国一覧",
        "ブルネイ，カンボジア", "・インドネシア", "２．次回会合は東京で開催する。",
    )  # fmt: skip
    assert [(p.slug, p.status, p.paragraph) for p in english.participants] == [
        ("australia", "attended", 5),
        ("brunei-darussalam", "attended", 6),
        ("asean-secretariat", "attended", 7),
    ]
    assert [(p.slug, p.status, p.paragraph) for p in japanese.participants] == [
        ("brunei-darussalam", "attended", 5),
        ("cambodia", "attended", 5),
        ("indonesia", "attended", 6),
    ]


def test_a_long_paste_of_wrapped_lines_is_read_in_linear_time():
    """1 MB of long unpunctuated lines is one wrapped paragraph: its text is cut once, not
    once a line (that took 65 s; now a few seconds on these machines)."""
    import time

    text = ("word " * 40 + "\n") * 5000
    started = time.perf_counter()
    release = parse_release(text)
    assert time.perf_counter() - started < 30
    assert release.rebuild() == text
    assert len(release.paragraphs) == 2  # the title, then every other line wrapped in one


def test_the_name_table_covers_every_member_state_and_observer_in_both_languages():
    from meetings.releases.names import COUNTRY, ORGANIZATIONS

    states = [entry for entry in ORGANIZATIONS if entry.classification == COUNTRY]
    # The 193 members of the United Nations, its 2 observers, Hong Kong and Macao.
    assert len(states) == 197
    assert all(entry.iso_code and entry.ja for entry in states)
    release = parse(
        "Results",
        "May 1, 2008",
        "1. The PRC, the US, the U.K., the ROK, the DPRK, Côte d'Ivoire, Eswatini, the Holy See, "
        "the Comprehensive Nuclear-Test-Ban Treaty Organization and the G7 participated.",
        "２．ギニアビサウ，赤道ギニア，南スーダン，北マケドニア及びパレスチナが参加しました。",
    )
    assert [p.slug for p in release.participants] == [
        "china", "united-states", "united-kingdom", "republic-of-korea", "dprk", "cote-divoire",
        "eswatini", "holy-see", "ctbto", "g7", "guinea-bissau", "equatorial-guinea",
        "south-sudan", "north-macedonia", "palestine",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("line", "roles"),
    [
        ("1. Japan and Malaysia will co-host the workshop.", {"japan": ["host"]}),
        ("１．日本及びマレーシアが共催しました。", {"japan": ["host"]}),
        ("1. Thailand hosted the Meeting, which was co-chaired by Thailand and Japan.",
         {"thailand": ["co_chair", "host"], "japan": ["co_chair"]}),
    ],
)  # fmt: skip
def test_hosts_and_co_hosts(line, roles):
    release = parse("Results", "May 1, 2008", line)
    found = {p.slug: p.roles for p in release.participants}
    assert {slug: found[slug] for slug in roles} == roles


def test_a_chain_of_honorifics_and_japanese_delegation_and_chair_roles():
    release = parse(
        "Results",
        "May 1, 2008",
        "1. The Meeting was co-chaired by H.E. Mr. Chaiwat SRISUK, Deputy Permanent Secretary.",
    )
    [person] = release.people
    assert (person.name, person.honorific, person.title, person.role) == (
        "Chaiwat SRISUK",
        "H.E. Mr.",
        "Deputy Permanent Secretary",
        "co_chair",
    )
    release = parse(
        "結果",
        "平成30年4月12日",
        "１．我が国からは，石田浩二（いしだ・こうじ）審議官が出席しました。",
        "２．議長を務める佐藤和彦（さとう・かずひこ）部長の下，議論が行われました。",
    )
    assert [(p.name, p.role) for p in release.people] == [
        ("石田浩二", "head_of_delegation"),
        ("佐藤和彦", "chair"),
    ]


def test_a_city_written_as_its_inside_is_not_a_venue_and_a_place_is_not_part_of_a_name():
    release = parse(
        "第26回アジア輸出管理セミナーの開催（結果）",
        "令和元年12月6日",
        "　12月3日，東京都内において，第26回アジア輸出管理セミナーが開催されました。",
    )
    assert (release.meeting.venue_name, release.meeting.city) == ("", "Tokyo")
    release = parse("Holding of the Export Control Workshop in Kuala Lumpur", "May 1, 2008")
    assert release.meeting.title == "Export Control Workshop"


def test_a_copy_on_another_site_gives_both_addresses():
    release = parse(
        "Results of the Talks",
        "May 1, 2008",
        "1. The talks were held on April 30.",
        "(Original: https://www.mofa.go.jp/press/release/a.html)",
        "Address of this page: https://www.example.org/copies/a.html",
    )
    source = release.source
    assert (source.relation, source.original_url, source.copy_url) == (
        "copy",
        "https://www.mofa.go.jp/press/release/a.html",
        "https://www.example.org/copies/a.html",
    )
    assert [p.kind for p in release.paragraphs[-2:]] == ["other", "other"]


@pytest.mark.parametrize(
    ("lines", "events"),
    [
        (["Results of the Talks", "May 1, 2008",
          "1. The talks were held on April 30 at Mita House.",
          "2. The Senior Vice-Minister hosted a reception on April 30 at the Iikura Guest House.",
          "3. A working-level meeting on export control was held on May 1."],
         [("reception", "2008-04-30", "Iikura Guest House", 4),
          ("working_level", "2008-05-01", "", 5)]),
        (["Holding of the Export Control Workshop", "May 1, 2008",
          "1. The Export Control Workshop was held on April 30 in Tokyo."], []),
        (["結果", "平成20年5月1日", "１．4月30日，協議を開催しました。",
          "２．同日，「輸出管理ワークショップ」を外務省において開催しました。"],
         [("workshop", "2008-04-30", "外務省", 4)]),
    ],
)  # fmt: skip
def test_side_events_and_not_the_meeting_itself(lines, events):
    release = parse(*lines)
    got = [(e.kind, str(e.date), e.venue_name, e.paragraph) for e in release.side_events]
    assert got == events


def test_observers_assets_invitations_and_presenters():
    release = parse(
        "Overview",
        "July 12, 2024",
        "(1) From July 8 to 11, the Government of Japan hosted the PSI exercise off Yokosuka.",
        "(2) Australia and Singapore took part with assets, together with Japan. Observers from "
        "14 countries, such as Brazil and Fiji, joined. The OSCE has also been invited.",
        "(3) About 200 participants attended. Ms. Laura BENNETT of the World Customs "
        "Organization and Mr. Rafael MORENO of the IAEA made presentations.",
    )
    got = {(p.slug, p.status, tuple(p.roles), p.with_assets) for p in release.participants}
    assert got == {
        ("japan", "attended", ("host",), True),
        ("australia", "attended", (), True),
        ("singapore", "attended", (), True),
        ("brazil", "observer", (), False),
        ("fiji", "observer", (), False),
        ("osce", "invited", (), False),
        ("wco", "guest", (), False),  # presented, and not listed otherwise
        ("iaea", "guest", (), False),
    }
    assert [(c.count, c.approximate) for c in release.participant_counts] == [
        (14, False),
        (200, True),
    ]
    assert [(p.name, p.role) for p in release.people] == [
        ("Laura BENNETT", "speaker"),
        ("Rafael MORENO", "speaker"),
    ]
    release = parse("開催", "令和6年9月20日", "１．国連軍縮研究所（UNIDIR）を招待しています。")
    assert [(p.slug, p.status) for p in release.participants] == [("unidir", "invited")]


def test_a_reception_is_not_the_meeting_its_host_hosted():
    release = parse("Results", "May 1, 2008", "1. On April 30 Japan hosted a reception.")
    assert [p.roles for p in release.participants if p.slug == "japan"] in ([], [[]])


def test_words_that_begin_with_a_name_are_not_it():
    release = parse(
        "結果",
        "令和4年3月18日",
        "１．自由で開かれたインド太平洋に向けて，豪州及びタイが参加し，タイトルを決めました。",
    )
    assert [(p.slug, p.source_words) for p in release.participants] == [
        ("australia", "豪州"),
        ("thailand", "タイ"),
    ]


@pytest.mark.parametrize(
    ("line", "person"),
    [
        ("1. Opening remarks were delivered by Mr. Taro YAMADA, State Minister for Foreign "
         "Affairs.", ("Taro YAMADA", "Taro Yamada", "State Minister for Foreign Affairs",
                      "opening_speech")),
        ("1. The Seminar was opened by Ambassador Taro Yamada, Director-General.",
         ("Taro Yamada", "Taro Yamada", "Director-General", "opening_speech")),
        ("1. H.E. SIENG Lapresse, Secretary of State, delivered a keynote speech.",
         ("SIENG Lapresse", "Lapresse Sieng", "Secretary of State", "speaker")),
    ],
)  # fmt: skip
def test_openers_and_speakers(line, person):
    [found] = parse("Results", "May 1, 2008", line).people
    assert (found.name, found.english_name, found.title, found.role) == person


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("出典：外務省ホームページ（https://www.mofa.go.jp/mofaj/press/a.html）",
         "https://www.mofa.go.jp/mofaj/press/a.html"),
        ("Source: the website of the Ministry, https://www.mofa.go.jp/press/b.html.",
         "https://www.mofa.go.jp/press/b.html"),
        ("This page is a copy of https://www.mofa.go.jp/c.html?lang=en kept by the Embassy.",
         "https://www.mofa.go.jp/c.html?lang=en"),
    ],
)  # fmt: skip
def test_the_original_address_of_a_copy(line, url):
    release = parse("Results of the Talks", "May 1, 2008", "1. The talks were held.", line)
    assert (release.source.relation, release.source.original_url) == ("copy", url)
    assert release.paragraphs[-1].kind == "other"


# --- Lists, absentees, side events, short mentions, on whose behalf ---------------------------

JA_HEAD = (
    "第3回アジア不拡散協議の結果",
    "平成20年5月1日",
    "１．4月25日，外務省において協議が開催されました。",
)


def statuses(release):
    return [(p.slug, p.status) for p in release.participants]


@pytest.mark.parametrize(
    "lines",
    [
        ["２．参加国：インドネシア、マレーシア、フィリピン、ラオス（ラオスは欠席）"],
        [
            "２．参加国：インドネシア、マレーシア、フィリピン、ラオス（ラオスは国内事情により不参加）"
        ],
        [
            "２．参加国：インドネシア、マレーシア、フィリピン、ラオス",
            "３．なお、ラオスは欠席した。",
        ],
        ["２．参加国：インドネシア、マレーシア、フィリピン、ラオス。なお、ラオスは欠席した。"],
        ["２．参加国：インドネシア、マレーシア、フィリピン、ラオス（国内事情により不参加）"],
    ],
)
def test_only_the_state_said_to_be_absent_is_absent(lines):
    release = parse(*JA_HEAD, *lines)
    assert statuses(release) == [
        ("indonesia", "attended"),
        ("malaysia", "attended"),
        ("philippines", "attended"),
        ("lao-pdr", "absent"),
    ]
    assert release.participants[0].paragraph == 4  # ¶4: the list, as the public page numbers it


@pytest.mark.parametrize(
    ("line", "slugs"),
    [
        ("２．参加国：インドネシア、マレーシア・フィリピン，タイ,ベトナム",
         ["indonesia", "malaysia", "philippines", "thailand", "viet-nam"]),
        ("２．参加国・機関：豪州、中国、ASEAN事務局",
         ["australia", "china", "asean-secretariat"]),
        ("２．出席者：韓国、米国", ["republic-of-korea", "united-states"]),
        ("２．参加国：インドネシアマレーシアフィリピン",
         ["indonesia", "malaysia", "philippines"]),
    ],
)  # fmt: skip
def test_a_japanese_list_after_its_label_is_read(line, slugs):
    release = parse(*JA_HEAD, line)
    assert statuses(release) == [(slug, "attended") for slug in slugs]


def test_a_list_with_a_group_and_its_member_count_flags_nothing():
    release = parse(*JA_HEAD, "２．参加国：ASEAN10か国、豪州、中国など")
    assert statuses(release) == [("asean", "attended"), ("australia", "attended"),
                                 ("china", "attended")]  # fmt: skip
    assert not any("name table" in warning for warning in release.warnings)


def test_a_run_together_list_with_an_unknown_name_is_flagged():
    release = parse(*JA_HEAD, "２．参加国：インドネシアルリタニアマレーシア")
    assert statuses(release) == [("indonesia", "attended"), ("malaysia", "attended")]
    assert any("ルリタニア" in warning for warning in release.warnings)


@pytest.mark.parametrize(
    ("lines", "events"),
    [
        (["Results of the Talks", "May 1, 2008",
          "1. The talks were held on April 30 at Mita House.",
          "2. On the evening of April 30, a reception hosted by the Senior Vice-Minister was "
          "held at the Iikura Guest House.",
          "3. A working-level meeting on export control was held on May 1."],
         [("reception", "Reception hosted by the Senior Vice-Minister"),
          ("working_level", "Working-level meeting")]),
        (["結果", "平成20年5月1日", "１．4月30日，協議を開催しました。",
          "２．同日夜，山本外務副大臣主催のレセプションを飯倉公館において開催しました。",
          "３．5月1日，輸出管理に関する実務者会合を開催しました。",
          "４．同日，「輸出管理ワークショップ」を外務省において開催しました。"],
         [("reception", "レセプション"), ("working_level", "実務者会合"),
          ("workshop", "輸出管理ワークショップ")]),
    ],
)  # fmt: skip
def test_side_events_have_a_short_title_and_keep_their_sentence(lines, events):
    release = parse(*lines)
    assert [(e.kind, e.title) for e in release.side_events] == events
    for event in release.side_events:
        paragraph = release.paragraphs[event.paragraph - 1]
        assert event.source_words in paragraph.text and len(event.source_words) > len(event.title)


@pytest.mark.parametrize(
    ("lines", "person"),
    [
        (["1. Mr. Kenji TANABE, Director-General, chaired the talks.",
          "2. Mr. Tanabe stated that export control mattered."],
         ("Kenji TANABE", "Kenji Tanabe", "Director-General", "chair")),
        (["1. KITAGAWA Katsuro, Director-General, attended.",
          "2. Mr. Kitagawa chaired the second session."],
         ("KITAGAWA Katsuro", "Katsuro Kitagawa", "Director-General", "chair")),
        (["1. Mr. Hitoshi KIMURA, Senior Vice-Minister for Foreign Affairs, attended.",
          "2. Senior Vice-Minister KIMURA delivered opening remarks."],
         ("Hitoshi KIMURA", "Hitoshi Kimura", "Senior Vice-Minister for Foreign Affairs",
          "opening_speech")),
        (["１．天野之弥（あまの・ゆきや）大使が出席しました。", "２．天野議長が閉会しました。"],
         ("天野之弥", "Yukiya Amano", "大使", "")),
    ],
)  # fmt: skip
def test_a_later_surname_is_the_person_named_in_full_before(lines, person):
    assert people(*lines) == [person]


def test_a_surname_before_any_full_name_stays_a_person_of_its_own():
    assert [name for name, *_ in people("1. Mr. Tanabe attended.", "2. Mr. Sato spoke.")] == [
        "Tanabe",
        "Sato",
    ]


@pytest.mark.parametrize(
    ("line", "represents"),
    [
        ("1. Mr. Taro YAMADA, Director-General, Ministry of Foreign Affairs of Japan, chaired "
         "the talks.", "japan"),
        ("1. Ambassador John Smith of Australia delivered a speech.", "australia"),
        ("1. Ms. Laura BENNETT of the World Customs Organization made a presentation.", "wco"),
        ("1. Mr. Kenji TANABE, Director-General, chaired the talks.", None),
        ("1. H.E. SIENG Lapresse, Secretary of State, led the delegation of Cambodia.",
         "cambodia"),
        ("１．山本誠一（やまもと・せいいち）外務副大臣が開会挨拶を行いました。", "japan"),
    ],
)  # fmt: skip
def test_the_organisation_a_person_represents(line, represents):
    [person] = parse("Results", "May 1, 2008", line).people
    assert person.on_behalf_of == represents
    assert parse("Results", "May 1, 2008", line).as_dict()["people"][0]["on_behalf_of"] == (
        represents
    )


def test_a_group_named_with_its_members_listed_is_not_a_second_attendee():
    release = parse(
        "Results of the Talks",
        "May 1, 2008",
        "1. The talks were held on April 30 at Mita House.",
        "2. The ASEAN member states, Australia and Japan participated.",
        "3. The delegations of Brunei Darussalam, Cambodia, Indonesia, Lao PDR, Malaysia, "
        "Myanmar, the Philippines, Singapore, Thailand and Viet Nam attended the talks.",
    )
    asean = next(p for p in release.participants if p.slug == "asean")
    assert (asean.source_words, asean.whole_group) == ("The ASEAN member states", True)
    members = [p for p in release.participants if p.member_of == "asean"]
    assert len(members) == 10 and all(m.status == "attended" for m in members)
    shown = release.as_dict()["participants"]
    assert [p["whole_group"] for p in shown if p["organization"]["slug"] == "asean"] == [True]


@pytest.mark.parametrize(
    ("line", "venue", "city"),
    [
        ("１．4月25日，東京・三田共用会議所において協議が開催された。", "三田共用会議所", "Tokyo"),
        ("１．4月25日，協議が開催されました。\n於：東京（外務省）", "外務省", "Tokyo"),
    ],
)  # fmt: skip
def test_a_japanese_venue_after_its_city(line, venue, city):
    meeting = parse("第3回アジア不拡散協議の結果", "平成20年5月1日", line).meeting
    assert (meeting.venue_name, meeting.city) == (venue, city)


def test_paragraph_numbers_are_the_public_pages():
    """¶N as the page shows it: the 1-based position in the release, for every fact."""
    release = parse_release(SEED.read_text(encoding="utf-8"))
    ja = parse_release(read_sample("ja_results_astop9"))
    for item in (*release.participants, *release.people, *ja.participants, *ja.people):
        source = release if item in (*release.participants, *release.people) else ja
        assert item.source_words.split("（")[0][:12] in source.paragraphs[item.paragraph - 1].text
    shown = release.as_dict()
    assert [p["number"] for p in shown["paragraphs"]] == list(
        range(1, len(shown["paragraphs"]) + 1)
    )


# --- A curator's second round: headings over their values, absentees, titles ----------------

HEADED_JA = [
    "第3回北太平洋核セキュリティ対話（NOPACS-III）結果概要",
    "令和2年5月10日",
    "1．日時",
    "令和2年4月21日（火曜日）",
    "",
    "2．場所",
    "大阪・大阪国際会議場",
    "",
    "3．参加国：",
    "日本、カナダ、チリ、ペルー、メキシコ（メキシコは欠席）",
    "",
    "4．概要",
    "（1）参加者は核物質の防護について議論した。",
]


def one_line(lines):
    """The same release with each heading and its value on one line (日時：…)."""
    joined = "\n".join(lines)
    return joined.replace("日時\n", "日時：").replace("場所\n", "場所：").replace("：\n", "：")


@pytest.mark.parametrize("layout", ["heading_then_value", "one_line"])
def test_japanese_headings_with_their_values_below_or_beside(layout):
    text = "\n".join(HEADED_JA) if layout == "heading_then_value" else one_line(HEADED_JA)
    release = parse_release(text)
    assert_kept_exactly(text, release)
    meeting = release.meeting
    assert (meeting.start_date, meeting.end_date, meeting.date_precision) == (
        datetime.date(2020, 4, 21),
        datetime.date(2020, 4, 21),
        "day",
    )
    assert (meeting.venue_name, meeting.city, meeting.format) == (
        "大阪国際会議場",
        "Osaka",
        "in_person",
    )
    assert [(p.slug, p.status) for p in release.participants] == [
        ("japan", "attended"),
        ("canada", "attended"),
        ("chile", "attended"),
        ("peru", "attended"),
        ("mexico", "absent"),
    ]
    assert not any("date" in w or "venue" in w for w in release.warnings)


def test_a_venue_not_found_is_flagged():
    release = parse("第2回協議の結果", "令和2年5月10日", "1．日時：令和2年4月21日", "2．概要")
    assert release.meeting.venue_name == ""
    assert any("venue" in w for w in release.warnings)


def test_invited_but_absent_is_absent():
    release = parse(
        "Results of the Talks",
        "May 1, 2010",
        "1. The talks were held in Tokyo on April 20, 2010. Officials from Chile and Peru "
        "took part. Mexico was invited but was absent.",
    )
    assert [(p.slug, p.status) for p in release.participants] == [
        ("chile", "attended"),
        ("peru", "attended"),
        ("mexico", "absent"),
    ]


@pytest.mark.parametrize(
    ("title", "meeting_title"),
    [
        ("The Results of the Third North Pacific Dialogue on Nuclear Security (NOPACS-III)",
         "Third North Pacific Dialogue on Nuclear Security"),
        ("第3回北太平洋核対話（NOPACS-III）結果概要", "第3回北太平洋核対話"),
        ("第3回北太平洋核対話（NOPACS-III）概要と評価", "第3回北太平洋核対話"),
        ("第3回北太平洋核対話（NOPACS-3）結果", "第3回北太平洋核対話"),
    ],
)  # fmt: skip
def test_a_new_series_abbreviation_with_its_edition_in_the_title(title, meeting_title):
    release = parse(title, "May 10, 2020")
    meeting = release.meeting
    assert (meeting.title, meeting.short_name, meeting.series.short_name, meeting.ordinal) == (
        meeting_title,
        "NOPACS-III",
        "NOPACS",
        3,
    )
    assert release.source.title == title


@pytest.mark.parametrize(
    "title", ["Results of the Seminar on Export Control (PDF)", "Results of the Talks (IAEA)"]
)
def test_a_bracketed_abbreviation_without_an_edition_is_no_short_name(title):
    meeting = parse(title, "May 10, 2020").meeting
    assert meeting.short_name == ""
    assert meeting.series is None or meeting.series.short_name == ""


def test_two_people_who_co_chaired_in_japanese_each_keep_their_title():
    release = parse(
        "第3回北太平洋核対話（NOPACS-III）結果",
        "令和2年5月10日",
        "（1）山田太郎（やまだ たろう）外務省軍備管理軍縮課長及び"
        "エミリー・ベイカー（えみりー べいかー）カナダ外務省国際安全保障局長が共同議長を務めた。",
    )
    assert [(p.name, p.english_name, p.title, p.role, p.reading) for p in release.people] == [
        ("山田太郎", "Taro Yamada", "外務省軍備管理軍縮課長", "co_chair", "やまだ たろう"),
        ("エミリー・ベイカー", "", "カナダ外務省国際安全保障局長", "co_chair", "えみりー べいかー"),
    ]
    assert [p.on_behalf_of for p in release.people] == ["japan", "canada"]


def test_two_people_who_co_chaired_in_english_each_keep_their_title():
    release = parse(
        "Results of the Talks",
        "May 10, 2020",
        "1. The talks were held in Osaka on April 21, 2020. The talks were co-chaired by "
        "Mr. Taro YAMADA, Director, Arms Control Division, Ministry of Foreign Affairs of Japan, "
        "and Ms. Emily BAKER, Director General, International Security, Global Affairs Canada.",
    )
    assert [(p.name, p.title, p.role) for p in release.people] == [
        ("Taro YAMADA", "Director, Arms Control Division, Ministry of Foreign Affairs of Japan",
         "co_chair"),
        ("Emily BAKER", "Director General, International Security, Global Affairs Canada",
         "co_chair"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "sentence",
    [
        "1. The talks, co-hosted by Canada and Chile, were held in Osaka on April 21, 2020.",
        "1. Canada and Chile co-hosted the talks in Osaka on April 21, 2020.",
    ],
)
def test_co_hosts_give_one_host_and_a_co_chair(sentence):
    release = parse("Results of the Talks", "May 10, 2020", sentence)
    assert [(p.slug, p.roles) for p in release.participants] == [
        ("canada", ["host"]),
        ("chile", ["co_chair"]),
    ]
    assert "co-hosted: the archive records one host; Chile proposed as co-chair" in (
        release.warnings
    )


def test_co_hosts_who_the_text_says_co_chaired_keep_it():
    release = parse(
        "Results of the Talks",
        "May 10, 2020",
        "1. Canada and Chile co-hosted the talks in Osaka on April 21, 2020. "
        "The talks were chaired by Canada.",
    )
    assert [(p.slug, p.roles) for p in release.participants] == [
        ("canada", ["chair", "host"]),
        ("chile", []),
    ]
    assert any(w.startswith("co-hosted: the archive records one host") for w in release.warnings)


def test_a_later_surname_with_a_role_is_an_appearance_of_the_person_named_in_full():
    release = parse(
        "Results of the Talks",
        "May 10, 2020",
        "1. The talks were held in Osaka on April 21, 2020. The talks were co-chaired by "
        "Mr. Taro YAMADA, Director, Arms Control Division, Ministry of Foreign Affairs of Japan, "
        "and Ms. Emily BAKER, Director General, International Security, Global Affairs Canada.",
        "2. In his opening remarks, Mr. Yamada stressed the value of outreach. "
        "Ms. Baker then presented Canada's work on screening.",
    )
    assert [(p.name, p.english_name, p.title, p.role, p.paragraph) for p in release.people] == [
        ("Taro YAMADA", "Taro Yamada",
         "Director, Arms Control Division, Ministry of Foreign Affairs of Japan", "co_chair", 3),
        ("Emily BAKER", "Emily Baker",
         "Director General, International Security, Global Affairs Canada", "co_chair", 3),
        ("Taro YAMADA", "Taro Yamada",
         "Director, Arms Control Division, Ministry of Foreign Affairs of Japan",
         "opening_speech", 4),
        ("Emily BAKER", "Emily Baker",
         "Director General, International Security, Global Affairs Canada", "speaker", 4),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("lines", "host"),
    [
        (["Results of the Talks", "May 10, 2020",
          "1. The talks were held in Osaka on April 21, 2020, and chaired by Mr. Taro YAMADA, "
          "Director, Arms Control Division.",
          "2. On the evening of April 20, Mr. Yamada hosted a reception for the participants."],
         "Taro YAMADA"),
        (["第3回北太平洋核対話（NOPACS-III）結果", "令和2年5月10日",
          "（1）山田太郎（やまだ たろう）外務省軍備管理軍縮課長が議長を務めた。",
          "（2）前日夜、山田課長主催のレセプションが開催された。"],
         "山田太郎"),
    ],
)  # fmt: skip
def test_a_side_event_given_by_a_person_named_earlier_has_that_host(lines, host):
    release = parse(*lines)
    assert [(e.kind, e.host) for e in release.side_events] == [("reception", host)]
    assert [p.name for p in release.people] == [host]


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("1．日時：令和元年12月25日から令和2年1月8日（水）まで", (2019, 12, 25), (2020, 1, 8)),
        ("1．日時：令和元年12月31日（火）及び令和2年1月1日（水）", (2019, 12, 31), (2020, 1, 1)),
        (
            "1. The talks were held from December 30, 2019 to January 2, 2020.",
            (2019, 12, 30),
            (2020, 1, 2),
        ),
    ],
)
def test_a_range_across_a_year_end_reads_both_ends(line, start, end):
    release = parse("Results of the Talks", "January 10, 2020", line)
    meeting = release.meeting
    assert (meeting.start_date, meeting.end_date) == (datetime.date(*start), datetime.date(*end))
    assert not any("could not be read" in w for w in release.warnings)


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("1. The talks were held on December 30-January 2, 2020.", (2019, 12, 30), (2020, 1, 2)),
        ("1．日時：令和元年12月30日から1月2日まで", (2019, 12, 30), (2020, 1, 2)),
    ],
)  # fmt: skip
def test_a_year_inferred_for_one_end_of_a_range_is_flagged(line, start, end):
    release = parse("Results of the Talks", "January 10, 2020", line)
    meeting = release.meeting
    assert (meeting.start_date, meeting.end_date) == (datetime.date(*start), datetime.date(*end))
    assert any("inferred" in w for w in release.warnings)


def test_invited_but_absent_without_a_verb_is_absent():
    release = parse(
        "Results of the Talks",
        "May 1, 2010",
        "1. The talks were held in Tokyo on April 20, 2010. Officials from Chile and Peru "
        "took part. Myanmar was invited but absent.",
    )
    assert [(p.slug, p.status) for p in release.participants] == [
        ("chile", "attended"),
        ("peru", "attended"),
        ("myanmar", "absent"),
    ]


def test_a_state_named_before_a_foreign_minister_is_the_one_represented():
    release = parse(
        "第2回北極海航行安全閣僚会合結果",
        "令和6年9月20日",
        "1．日時：令和6年9月18日（水曜日）",
        "2．会合では、ノルウェーのエリク・ハウゲン外務大臣が議長を務め、"
        "上川陽子（かみかわ ようこ）外務大臣が出席した。",
    )
    assert {p.name: (p.title, p.on_behalf_of) for p in release.people} == {
        "エリク・ハウゲン": ("外務大臣", "norway"),
        "上川陽子": ("外務大臣", "japan"),
    }


def test_a_japanese_edition_before_a_space_and_the_document_kind_is_read():
    meeting = parse("第2回北極海航行安全閣僚会合　議長声明（仮訳）", "令和6年9月20日").meeting
    assert (meeting.ordinal, meeting.series.name) == (2, "北極海航行安全閣僚会合")


def test_an_organisation_of_the_united_nations_is_not_the_united_nations():
    release = parse(
        "Results of the Talks",
        "May 1, 2010",
        "1. The talks were held in Tokyo on April 20, 2010. Officials from Chile and the "
        "Food and Agriculture Organization of the United Nations (FAO) took part.",
    )
    assert [(p.slug, p.name, p.status) for p in release.participants] == [
        ("chile", "Chile", "attended"),
        ("", "Food and Agriculture Organization of the United Nations", "attended"),
    ]
    assert any(
        "Food and Agriculture Organization of the United Nations” is not in the name table" in w
        for w in release.warnings
    )


def test_a_japanese_side_event_day_takes_the_meetings_month_and_year():
    release = parse(
        "第4回沿岸対話結果概要",
        "令和7年4月2日",
        "1．日時：令和7年3月12日（水曜日）及び13日（木曜日）",
        "2．12日夜、田辺局長主催のレセプションが開催された。",
    )
    [event] = release.side_events
    assert (event.kind, event.date) == ("reception", datetime.date(2025, 3, 12))
    assert any("12日" in w and "March 2025" in w for w in release.warnings)


def test_the_state_of_each_japanese_co_chair_is_a_co_chair():
    release = parse(
        "第3回北太平洋核対話（NOPACS-III）結果",
        "令和2年5月10日",
        "1．日時：令和2年4月21日",
        "2．参加国：日本、カナダ、チリ",
        "（1）山田太郎（やまだ たろう）外務省軍備管理軍縮課長及び"
        "エミリー・ベイカー（えみりー べいかー）カナダ外務省国際安全保障局長が共同議長を務めた。",
    )
    assert [(p.slug, p.status, p.roles) for p in release.participants] == [
        ("japan", "attended", ["co_chair"]),
        ("canada", "attended", ["co_chair"]),
        ("chile", "attended", []),
    ]


@pytest.mark.parametrize(
    ("lines", "city"),
    [
        (
            ("Results of the Talks", "May 1, 2010",
             "1. The talks were held in Lima, Peru on April 20, 2010."),
            "Lima",
        ),
        (
            ("第2回北極海航行安全閣僚会合結果", "令和6年9月20日",
             "1．令和6年9月18日、ノルウェー・トロムソにおいて会合が開催された。"),
            "トロムソ",
        ),
    ],
)  # fmt: skip
def test_an_unknown_city_in_a_country_is_the_city_as_written(lines, city):
    release = parse(*lines)
    assert (release.meeting.city, release.meeting.venue_name) == (city, "")
    assert "The meeting's venue was not found: enter it." in release.warnings
