"""The ASTOP-V record: faithful to its press release, sourced, and loadable twice."""

import datetime
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError

from meetings.models import (
    Appearance,
    DiscussionPoint,
    Meeting,
    Membership,
    Organization,
    Paragraph,
    Participation,
    Topic,
    TopicMention,
)

from .release import SEED, seed_lines, sentences, squeeze, visible_text

pytestmark = pytest.mark.django_db
MEETING_DAY = datetime.date(2008, 4, 25)


def table_snapshot():
    """Every row of every model of the app, as plain values."""
    return {
        model._meta.label: sorted(
            json.dumps(row, sort_keys=True, default=str) for row in model.objects.values()
        )
        for model in apps.get_app_config("meetings").get_models()
    }


def test_seed_is_where_the_tests_expect_it():
    assert SEED.exists(), f"the press release should be at {SEED}"


def test_every_sentence_of_the_release_is_on_the_meeting_page_in_order(client):
    response = client.get("/meetings/astop-v/")
    assert response.status_code == 200
    page = response.content.decode()
    release = visible_text(page[page.index('<section class="release"') : page.index("</section>")])
    cursor = 0
    checked = 0
    for line in seed_lines():
        for sentence in sentences(line):
            found = release.find(sentence, cursor)
            assert found >= 0, f"missing or out of order: {sentence!r}"
            cursor = found + len(sentence)
            checked += 1
    assert checked >= 20


def test_paragraphs_are_the_release_line_by_line():
    paragraphs = list(Paragraph.objects.filter(document__slug="astop-v-press-release"))
    lines = seed_lines()
    assert len(paragraphs) == len(lines) == 10
    for paragraph, line in zip(paragraphs, lines, strict=True):
        # The text is stored character for character (no-break spaces included) ...
        assert paragraph.text in line
        assert line.endswith(paragraph.text)
        # ... and label plus text give the printed line.
        assert squeeze(paragraph.printed) == squeeze(line)
    assert [p.label for p in paragraphs] == [
        "", "", "1.", "2.", "3.", "4. (1)", "(2)", "(3)", "(*)", "",
    ]  # fmt: skip
    assert [p.kind for p in paragraphs][-2:] == ["footnote", "other"]


def test_meeting_and_source_facts():
    meeting = Meeting.objects.select_related("series", "country", "convener").get(slug="astop-v")
    assert (meeting.series.short_name, meeting.ordinal, meeting.short_name) == (
        "ASTOP",
        5,
        "ASTOP-V",
    )
    assert meeting.start_date == meeting.end_date == MEETING_DAY
    assert (meeting.venue_name, meeting.city, meeting.country.iso_code) == (
        "Mita House",
        "Tokyo",
        "JP",
    )
    assert "Mita Kaigisho" in meeting.venue_description
    assert meeting.convener.name == "Ministry of Foreign Affairs of Japan"
    assert meeting.status == Meeting.Status.PUBLISHED
    source = meeting.sources.get()
    assert source.published_on == datetime.date(2008, 5, 1)
    assert source.publisher.abbreviation == "MOFA"
    assert source.language == "en"
    assert (
        source.original_url == "https://www.mofa.go.jp/announce/announce/2008/5/1179532_1010.html"
    )


def test_participants_in_the_order_and_words_of_the_release():
    rows = Participation.objects.filter(meeting__slug="astop-v").values_list(
        "organization__slug", "role", "source_words", "source_paragraph__label"
    )
    assert list(rows) == [
        ("asean", "participant", "the ASEAN member countries", "1."),
        ("australia", "participant", "Australia", "1."),
        ("canada", "participant", "Canada", "1."),
        ("china", "participant", "China", "1."),
        ("new-zealand", "participant", "New Zealand", "1."),
        ("republic-of-korea", "participant", "Republic of Korea", "1."),
        ("united-states", "participant", "the United States", "1."),
        ("japan", "host", "Japan, the host", "1."),
    ]


def test_asean_on_the_meeting_day_has_exactly_its_ten_members():
    asean = Organization.objects.get(slug="asean")
    members = set(
        Membership.objects.active_on(MEETING_DAY)
        .filter(group=asean)
        .values_list("member__name", flat=True)
    )
    assert members == {
        "Brunei Darussalam", "Cambodia", "Indonesia", "Lao PDR", "Malaysia",
        "Myanmar", "Philippines", "Singapore", "Thailand", "Viet Nam",
    }  # fmt: skip
    assert "Timor-Leste" not in members
    # The same query on other days: Timor-Leste later, Cambodia not yet in 1998.
    in_2026 = Membership.objects.active_on(datetime.date(2026, 1, 1)).filter(group=asean)
    assert in_2026.filter(member__slug="timor-leste").exists()
    in_1998 = Membership.objects.active_on(datetime.date(1998, 1, 1)).filter(group=asean)
    assert in_1998.count() == 9


def test_meeting_page_shows_asean_membership_not_attendance(client):
    page = visible_text(client.get("/meetings/astop-v/").content.decode())
    assert "Members of ASEAN on 25 April 2008: the group’s membership, not a confirmed list" in page
    assert "Viet Nam" in page
    assert "Timor-Leste" not in page


def test_speaker_and_title():
    appearance = Appearance.objects.select_related("person", "source_paragraph").get(
        meeting__slug="astop-v"
    )
    assert appearance.person.name == "Hitoshi Kimura"
    assert appearance.title == "Senior Vice-Minister for Foreign Affairs"
    assert appearance.role == Appearance.Role.OPENING_SPEECH
    assert appearance.source_paragraph.label == "2."
    assert appearance.source_words in appearance.source_paragraph.text


def test_discussion_points_are_three_with_a_b_c_under_the_second():
    meeting = Meeting.objects.with_record().get(slug="astop-v")
    tree = meeting.point_tree()
    assert [p.label for p in tree] == ["(1)", "(2)", "(3)"]
    assert [p.label for p in tree[1].subpoints] == ["(a)", "(b)", "(c)"]
    assert [p.anchor for p in tree[1].subpoints] == ["point-2-1", "point-2-2", "point-2-3"]
    for point in DiscussionPoint.objects.select_related("source_paragraph"):
        assert point.text in point.source_paragraph.text
        assert point.topics.exists(), point


def test_every_fact_cites_a_paragraph_of_its_own_meeting():
    for model in (Participation, Appearance, DiscussionPoint):
        for fact in model.objects.select_related("source_paragraph__document"):
            assert fact.source_paragraph.document.meeting_id == fact.meeting_id


def test_every_topic_is_named_in_the_release_where_it_says():
    topics = Topic.objects.all()
    assert topics.count() == 17
    for topic in topics:
        mentions = topic.mentions.select_related("paragraph")
        assert mentions.exists(), f"{topic} is not linked to any paragraph"
        for mention in mentions:
            assert mention.quote in mention.paragraph.text
    assert Topic.objects.get(aliases__name="PSI").name == "Proliferation Security Initiative"


def test_nuclear_renaissance_is_defined_by_the_footnote():
    definition = TopicMention.objects.select_related("paragraph").get(
        topic__slug="nuclear-renaissance", kind=TopicMention.Kind.DEFINITION
    )
    assert definition.paragraph.kind == Paragraph.Kind.FOOTNOTE
    assert definition.paragraph.label == "(*)"
    assert definition.paragraph.text.startswith("Nuclear Renaissance: Re-evaluation")


def test_footnote_marker_links_to_the_footnote(client):
    page = client.get("/meetings/astop-v/").content.decode()
    assert (
        'Nuclear Renaissance<a href="#astop-v-press-release-p9" class="footnote-ref">(*)</a>'
        in page
    )
    assert 'id="astop-v-press-release-p9"' in page


def test_loading_the_fixture_again_changes_nothing():
    before = table_snapshot()
    call_command("loaddata", "astop_v", verbosity=0)
    call_command("loaddata", "astop_v", verbosity=0)
    assert table_snapshot() == before


def test_a_broken_fixture_fails_readably_and_changes_nothing(tmp_path):
    good = {
        "model": "meetings.organization",
        "fields": {
            "name": "Mongolia",
            "slug": "mongolia",
            "classification": "country",
            "iso_code": "MN",
        },
    }
    broken = {
        "model": "meetings.participation",
        "fields": {
            "meeting": ["astop-v"],
            "organization": ["mongolia"],
            "source_words": "Mongolia",
            # A paragraph of no meeting at all: the fixture is wrong.
            "source_paragraph": ["astop-v-press-release", 999],
        },
    }
    fixture = tmp_path / "broken.json"
    fixture.write_text(json.dumps([good, broken]))
    before = table_snapshot()
    with pytest.raises(Exception) as error:
        call_command("loaddata", str(fixture), verbosity=0)
    assert "Problem installing fixture" in str(error.value)
    assert "broken.json" in str(error.value)
    assert table_snapshot() == before
    assert not Organization.objects.filter(slug="mongolia").exists()


def test_a_fixture_that_breaks_a_constraint_changes_nothing(tmp_path):
    second_host = {
        "model": "meetings.participation",
        "fields": {
            "meeting": ["astop-v"],
            "organization": ["china"],
            "role": "host",
            "source_words": "China",
            "source_paragraph": ["astop-v-press-release", 3],
        },
    }
    fixture = tmp_path / "second_host.json"
    fixture.write_text(json.dumps([second_host]))
    before = table_snapshot()
    with pytest.raises(IntegrityError, match="Problem installing fixture"):
        call_command("loaddata", str(fixture), verbosity=0)
    assert table_snapshot() == before
