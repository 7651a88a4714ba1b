"""The press-release importer: paragraphs verbatim, facts read, links only proposed."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings.importer import create_draft_meeting, parse_release, propose_links
from meetings.models import (
    Meeting,
    Organization,
    Paragraph,
    Participation,
    Person,
    Series,
    SourceDocument,
    TopicMention,
)

from .release import SEED, squeeze

ASTOP_V = SEED.read_text(encoding="utf-8")

CHAIRS_SUMMARY = """\
Chairman's Summary of the Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI)

Tokyo, 12 February 2009

1. The Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI) were held on 10-11 February 2009 at the Iikura Guest House, Tokyo. The meeting was co-chaired by Japan and Indonesia.
2. Senior officials from the ASEAN member countries (except Myanmar), Australia, Canada, China, New Zealand, Republic of Korea and the United States participated in the meeting. Myanmar was absent.
3. The meeting was chaired by Ms. Akiko YAMADA, Director-General, Disarmament, Non-Proliferation and Science Department, and Dr. Budi SANTOSO, Director for International Security.
4. Mr. Taro ASO, Minister for Foreign Affairs, delivered welcoming remarks.
  (a) The PSI and export controls were discussed.
  (b) Participants noted the G8 Summit.
Annex: List of Delegations
• Australia
• Canada
Page Top
"""  # noqa: E501

COUNT_ONLY = """\
The Results of the Seventh Asian Senior-level Talks on Non-Proliferation
April 2010
1. The Ministry of Foreign Affairs held the Seventh Asian Senior-level Talks on Non-Proliferation on April 20, 2010 in Tokyo.
2. Representatives of 12 countries and 2 international organizations participated in the meeting.
"""  # noqa: E501

JAPANESE = """\
第5回アジア不拡散協議（ASTOP-V）の開催（結果）

平成20年5月1日

１．４月２５日（金曜日），外務省は三田共用会議所において第５回アジア不拡散協議（ASTOP-V）を開催しました。
（１）北朝鮮の核・ミサイル問題について意見交換を行いました。
（注）原子力ルネッサンス：原子力発電の再評価。
ページのトップへ戻る
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

RELEASES = [ASTOP_V, CHAIRS_SUMMARY, COUNT_ONLY, JAPANESE, WRAPPED]


def rows(paragraphs):
    return [(p.label, p.kind, p.text) for p in paragraphs]


@pytest.mark.parametrize("text", RELEASES, ids=["astop-v", "chairs", "count", "ja", "wrapped"])
def test_paragraphs_joined_back_give_the_pasted_text_less_blank_lines(text):
    """Only white space differs: blank lines, indentation, the space after a label."""
    release = parse_release(text)
    joined = " ".join(p.printed for p in release.paragraphs)
    assert "".join(joined.split()) == "".join(text.split())
    if release.language == "en":
        assert squeeze(joined) == squeeze(text)
    assert all(p.text for p in release.paragraphs)


@pytest.mark.django_db
def test_astop_v_release_gives_the_fixture_paragraphs():
    release = parse_release(ASTOP_V)
    stored = Paragraph.objects.filter(document__slug="astop-v-press-release").order_by("position")
    assert rows(release.paragraphs) == rows(stored)


def test_astop_v_facts_are_read_from_the_text():
    release = parse_release(ASTOP_V)
    assert release.title == (
        "The Results of the Fifth Asian Senior-level Talks on Non-Proliferation (ASTOP-V)"
    )
    assert release.published_on == datetime.date(2008, 5, 1)
    assert release.kind == SourceDocument.Kind.PRESS_RELEASE
    assert release.language == "en"
    assert release.meeting_title == "Fifth Asian Senior-level Talks on Non-Proliferation"
    assert (release.short_name, release.ordinal) == ("ASTOP-V", 5)
    # "Friday, April 25": the year comes from the date line.
    assert release.start_date == release.end_date == datetime.date(2008, 4, 25)
    assert release.venue_name == "Mita House"
    assert release.notes == []


@pytest.mark.django_db
def test_astop_v_proposals_match_the_curated_record():
    release = parse_release(ASTOP_V)
    proposals = propose_links(release)
    proposed = [
        (p.organization.slug, p.mention.role, p.mention.words, p.mention.paragraph + 1)
        for p in proposals.participations
    ]
    curated = Participation.objects.filter(meeting__slug="astop-v").values_list(
        "organization__slug", "role", "source_words", "source_paragraph__position"
    )
    assert proposed == list(curated)
    assert proposals.unmatched_participants == []

    [appearance] = proposals.appearances
    assert appearance.person == Person.objects.get(slug="hitoshi-kimura")
    assert appearance.mention.title == "Senior Vice-Minister for Foreign Affairs"
    assert appearance.mention.role == "opening_speech"
    assert appearance.mention.words == (
        "Mr. Hitoshi KIMURA, Senior Vice-Minister for Foreign Affairs"
    )

    proposed = {(m.topic.slug, m.paragraph + 1): (m.quote, m.kind) for m in proposals.mentions}
    curated = {
        (topic, position): (quote, kind)
        for topic, position, quote, kind in TopicMention.objects.filter(
            paragraph__document__slug="astop-v-press-release"
        ).values_list("topic__slug", "paragraph__position", "quote", "kind")
    }
    # Every proposal is a curated mention; those the curators quoted in other words
    # ("North Korea’s launching of ballistic missiles") are theirs to add.
    assert set(proposed) <= set(curated)
    assert len(proposed) == 15
    assert proposed[("nuclear-renaissance", 9)] == ("Nuclear Renaissance", "definition")
    assert proposed[("proliferation-security-initiative", 8)] == ("PSI", "mention")
    assert proposed[("g8-hokkaido-toyako-summit", 4)] == ("G8 Summit", "mention")
    for mention in proposals.mentions:
        assert mention.quote in release.paragraphs[mention.paragraph].text


@pytest.mark.django_db
def test_chairs_summary_with_co_chairs_absentee_and_month_first_dates():
    release = parse_release(CHAIRS_SUMMARY)
    assert release.kind == SourceDocument.Kind.CHAIRS_SUMMARY
    assert release.published_on == datetime.date(2009, 2, 12)
    assert release.meeting_title == "Sixth Asian Senior-level Talks on Non-Proliferation"
    assert (release.short_name, release.ordinal) == ("ASTOP-VI", 6)
    assert (release.start_date, release.end_date) == (
        datetime.date(2009, 2, 10),
        datetime.date(2009, 2, 11),
    )
    assert (release.venue_name, release.city) == ("Iikura Guest House", "Tokyo")
    participants = [(m.name, m.role, m.words) for m in release.participants]
    assert ("Japan", "chair", "Japan") in participants
    assert ("Indonesia", "chair", "Indonesia") in participants
    assert ("ASEAN", "participant", "the ASEAN member countries (except Myanmar)") in participants
    assert ("Republic of Korea", "participant", "Republic of Korea") in participants
    assert ("United States", "participant", "the United States") in participants
    assert "Myanmar" not in [m.name for m in release.participants]
    assert release.absentees == ["Myanmar"]
    assert any("Myanmar" in note and "absent" in note for note in release.notes)

    people = [(p.name, p.sort_name, p.title, p.role) for p in release.people]
    assert people == [
        (
            "Akiko Yamada",
            "Yamada, Akiko",
            "Director-General, Disarmament, Non-Proliferation and Science Department",
            "chair",
        ),
        ("Budi Santoso", "Santoso, Budi", "Director for International Security", "chair"),
        ("Taro Aso", "Aso, Taro", "Minister for Foreign Affairs", "opening_speech"),
    ]
    # Sub-points, bullets, an annex heading and page furniture are all kept.
    kinds = rows(release.paragraphs)
    assert ("(a)", "body", "The PSI and export controls were discussed.") in kinds
    assert ("", "body", "Annex: List of Delegations") in kinds
    assert ("", "body", "• Australia") in kinds
    assert ("", "other", "Page Top") in kinds

    proposals = propose_links(release)
    assert [p.organization.slug for p in proposals.participations][:2] == ["japan", "indonesia"]
    assert [a.person for a in proposals.appearances] == [None, None, None]  # new people


def test_participants_given_only_as_a_count_are_kept_as_text():
    release = parse_release(COUNT_ONLY)
    assert release.participants == []
    assert release.participant_count == "12 countries and 2 international organizations"
    assert any("only as a number" in note for note in release.notes)
    # A month-only date line: the first of the month, with a note to check it.
    assert release.published_on == datetime.date(2010, 4, 1)
    assert any("only a month" in note for note in release.notes)
    assert release.start_date == datetime.date(2010, 4, 20)
    assert release.city == "Tokyo"
    assert release.ordinal == 7


def test_japanese_release_with_era_date_and_full_width_labels():
    release = parse_release(JAPANESE)
    assert release.language == "ja"
    assert release.published_on == datetime.date(2008, 5, 1)  # 平成20年5月1日
    assert (release.short_name, release.ordinal) == ("ASTOP-V", 5)
    assert release.start_date == datetime.date(2008, 4, 25)  # ４月２５日
    assert rows(release.paragraphs) == [
        ("", "title", "第5回アジア不拡散協議（ASTOP-V）の開催（結果）"),
        ("", "dateline", "平成20年5月1日"),
        (
            "１．",
            "body",
            "４月２５日（金曜日），外務省は三田共用会議所において第５回アジア不拡散協議"
            "（ASTOP-V）を開催しました。",
        ),
        ("（１）", "body", "北朝鮮の核・ミサイル問題について意見交換を行いました。"),
        ("（注）", "footnote", "原子力ルネッサンス：原子力発電の再評価。"),
        ("", "other", "ページのトップへ戻る"),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("令和元年5月1日", datetime.date(2019, 5, 1)),
        ("昭和64年1月7日", datetime.date(1989, 1, 7)),
        ("2008年5月1日", datetime.date(2008, 5, 1)),
        ("1 May 2008", datetime.date(2008, 5, 1)),
        ("2008/05/01", datetime.date(2008, 5, 1)),
        ("平成20年5月", datetime.date(2008, 5, 1)),
    ],
)
def test_date_lines(line, expected):
    release = parse_release(f"A title\n{line}\n1. Text.")
    assert release.published_on == expected
    assert release.paragraphs[1].kind == "dateline"


def test_wrapped_lines_and_lone_labels_join_their_paragraph():
    release = parse_release(WRAPPED)
    assert rows(release.paragraphs) == [
        ("", "title", "Press Release: The 2nd Dialogue on Export Control"),
        ("", "dateline", "1 March 2011"),
        (
            "1.",
            "body",
            "The 2nd Dialogue on Export Control was held on 24 and 25 February in Singapore, "
            "and the participants exchanged views on export control systems in the region.",
        ),
        ("(1)", "body", "Participants discussed the Additional Protocol."),
        ("*", "footnote", "Note on terms: none."),
        ("", "body", "Some unnumbered closing words without any punctuation"),
    ]
    assert release.ordinal == 2
    assert (release.start_date, release.end_date) == (
        datetime.date(2011, 2, 24),
        datetime.date(2011, 2, 25),
    )
    assert release.city == "Singapore"


def test_text_without_any_structure_is_kept_as_plain_paragraphs():
    text = "just some words\n\nand more words here\n"
    release = parse_release(text)
    assert rows(release.paragraphs) == [
        ("", "title", "just some words"),
        ("", "body", "and more words here"),
    ]
    assert release.published_on is None
    assert release.notes  # the curator is told what is missing


# --- The write ----------------------------------------------------------------------------


def draft_arguments(release, **overrides):
    return {
        "release": release,
        "series": Series.objects.get(slug="astop"),
        "ordinal": 6,
        "title": "Sixth Asian Senior-level Talks on Non-Proliferation",
        "short_name": "ASTOP-VI",
        "slug": "astop-vi",
        "start_date": datetime.date(2009, 2, 10),
        "end_date": datetime.date(2009, 2, 11),
        "publisher": Organization.objects.get(slug="mofa-japan"),
        "published_on": datetime.date(2009, 2, 12),
        **overrides,
    }


@pytest.mark.django_db
def test_create_draft_meeting_writes_the_source_and_only_confirmed_links():
    release = parse_release(CHAIRS_SUMMARY)
    proposals = propose_links(release)
    meeting = create_draft_meeting(
        **draft_arguments(release),
        participations=proposals.participations[:3],
        appearances=proposals.appearances[2:],
        mentions=proposals.mentions,
    )
    assert meeting.status == Meeting.Status.DRAFT
    source = meeting.sources.get()
    assert source.slug == "astop-vi-chairs-summary"
    assert source.kind == "chairs_summary"
    assert rows(source.paragraphs.order_by("position")) == rows(release.paragraphs)
    assert list(meeting.participations.values_list("organization__slug", "role")) == [
        ("japan", "chair"),
        ("indonesia", "chair"),
        ("asean", "participant"),
    ]
    appearance = meeting.appearances.select_related("person").get()
    assert appearance.person.name == "Taro Aso"  # created on confirmation
    assert appearance.source_paragraph.label == "4."
    assert TopicMention.objects.filter(paragraph__document=source).count() == len(
        proposals.mentions
    )


@pytest.mark.django_db
def test_create_draft_meeting_writes_nothing_when_a_row_is_invalid():
    release = parse_release(CHAIRS_SUMMARY)
    before = (Meeting.objects.count(), Paragraph.objects.count(), Person.objects.count())
    with pytest.raises(ValidationError) as error:
        create_draft_meeting(**draft_arguments(release, ordinal=5, slug="astop-v"))
    assert "slug" in error.value.message_dict
    assert "ordinal" in error.value.message_dict
    assert (Meeting.objects.count(), Paragraph.objects.count(), Person.objects.count()) == before
