"""The record page shows every fact a real record holds: date precision, format, a venue
per day, counts, side events, who took part apart from who was expected and who did not
come, first time in the series, and every source in its language with its relations."""

import datetime
import re

import pytest

from meetings.models import (
    Meeting,
    MeetingDay,
    Organization,
    Paragraph,
    ParticipantCount,
    Participation,
    SideEvent,
    SourceDocument,
)

from .builders import add_source, make_hard_record, make_meeting
from .release import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def hard(db):
    return make_hard_record()


def page_of(client, meeting):
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def block(page, start, end="</ul>"):
    """The markup from ``start`` to the next ``end``."""
    begin = page.index(start)
    return page[begin : page.index(end, begin)]


def rows_of(page, key):
    """Organisation names listed at the top level of one participants list."""
    markup = block(page, f'<ul class="participants list-{key}"', "<h3")
    return re.findall(r'<li>\s*<a class="org-name" href="[^"]+">([^<]+)</a>', markup)


def test_an_absent_or_expected_state_is_never_listed_as_taking_part(client, hard):
    page = page_of(client, hard)
    took_part = rows_of(page, "took-part")
    assert took_part == [
        "Japan",
        "Australia",
        "Association of Southeast Asian Nations",
        "China",
        "Republic of Korea",
        "United States",
        "Timor-Leste",
        "International Atomic Energy Agency",
    ]
    assert rows_of(page, "expected") == ["New Zealand", "Canada"]
    assert rows_of(page, "absent") == ["Myanmar"]
    text = visible_text(page)
    assert "Did not take part Myanmar “The Union of Myanmar did not participate owing to" in text
    assert "Expected to take part Named in advance (an announcement), not confirmed" in text
    # Canada was invited: said so; New Zealand is planned, which the heading says.
    assert "Canada Invited “Canada has been invited”" in text


def test_roles_as_badges_a_guest_and_the_first_time_in_the_series(client, hard):
    page = page_of(client, hard)
    took_part = block(page, '<ul class="participants list-took-part"', '<h3 id="expected-heading"')
    japan = took_part[took_part.index(">Japan</a>") :].split("</li>")[0]
    assert '<span class="badge">Host</span> <span class="badge">Co-chair</span>' in japan
    assert "First time" not in japan  # at ASTOP-V too
    australia = took_part[took_part.index(">Australia</a>") :].split("</li>")[0]
    assert '<span class="badge">Co-chair</span>' in australia
    iaea = took_part[took_part.index(">International Atomic Energy Agency</a>") :]
    assert iaea.split("</li>")[0].count('<span class="badge status">Guest</span>') == 1
    assert took_part.count("First time in the series") == 2  # Timor-Leste and the IAEA
    timor = took_part[took_part.index(">Timor-Leste</a>") :].split("</li>")[0]
    assert '<span class="badge first-time">First time in the series</span>' in timor


def test_a_group_named_in_part_lists_its_named_members_under_it(client, hard):
    page = page_of(client, hard)
    text = visible_text(block(page, '<ul class="participants list-took-part"'))
    assert (
        "Named by the source: Brunei Darussalam “Brunei Darussalam”; Cambodia “the Kingdom of "
        "Cambodia”; Indonesia “the Republic of Indonesia”"
    ) in text
    assert "The source names only some of its members: the list is incomplete." in text
    # Members of ASEAN then: through the group, so not first-timers.
    named = block(page, '<p class="named">', "</p>")
    assert "First time" not in named
    # ASEAN's membership that day includes Myanmar, which the source says was absent.
    members = visible_text(block(page, '<div class="group-members">', "</div>"))
    assert "Myanmar (did not take part) Philippines" in members
    assert "Indonesia Lao PDR" in members


def test_counts_days_format_and_side_events_cite_their_paragraph(client, hard):
    page = page_of(client, hard)
    text = visible_text(page)
    for fact in [
        "Thursday 12 February 2009 – Friday 13 February 2009 · Mita Kaigisho (Mita Conference "
        "Hall), Tokyo · in person and by video conference",
        "Format Hybrid: some met in person, others joined by video conference",
        "Venue by day 12 February 2009: Mita Kaigisho (Mita Conference Hall), Tokyo source: "
        "para. 1 13 February 2009: Iikura Guest House, Tokyo source: para. 1",
        "“Officials of 14 countries and organisations” count: 14 countries and organisations "
        "source: para. 2",
        "“about 60 people” count: about 60 people source: para. 2",
        "Side events Reception hosted by Senior Vice-Minister Kimura Reception · 12 February "
        "2009 · Iikura Guest House source: para. 3",
        "Working-level meeting on export control Working-level meeting · 13 February 2009",
    ]:
        assert fact in text, fact
    counts = block(page, '<ul class="participant-counts"')
    assert 'href="#astop-vi-results-en-p3"' in counts


def test_every_source_in_its_language_with_its_relation_linked(client, hard):
    page = page_of(client, hard)
    release = block(page, '<section class="release"', "</section>")
    for slug, language in [
        ("astop-vi-results-ja", "ja"),
        ("astop-vi-results-en", "en"),
        ("astop-vi-announcement", "en"),
        ("astop-vi-embassy-copy", "en"),
    ]:
        source = block(release, f'id="source-{slug}"', '<div class="release-text"')
        assert f'<h3 class="source-title" lang="{language}">' in source
        assert f'<div class="release-text" lang="{language}">' in release
    text = visible_text(release)
    assert (
        "Press release · Ministry of Foreign Affairs of Japan · published 13 February 2009 · "
        "in Japanese" in text
    )
    assert "Provisional translation of the Japanese press release." in text
    assert '<a href="#source-astop-vi-results-ja">the Japanese press release</a>' in release
    assert (
        "Copy of the English press release, kept at https://www.emb-japan.example/itpr_en/astop6.html."
        in text
    )
    assert '<a href="#source-astop-vi-results-en">the English press release</a>' in release
    assert "Announcement · Ministry of Foreign Affairs of Japan · published 6 February 2009" in text
    assert (
        "Captured by the archive on 20 February 2009 from "
        "https://www.mofa.go.jp/mofaj/press/release/h21/2/example.html." in text
    )


def test_a_date_known_to_the_month_is_said_so_on_the_header_and_the_record(client):
    meeting = make_meeting(slug="seminar", ordinal=None, day=datetime.date(2011, 2, 1))
    Meeting.objects.filter(pk=meeting.pk).update(
        series=None,
        end_date=datetime.date(2011, 2, 28),
        date_precision=Meeting.DatePrecision.MONTH,
        format=Meeting.Format.VIRTUAL,
    )
    page = page_of(client, Meeting.objects.get(pk=meeting.pk))
    header = visible_text(block(page, '<header class="meeting-header">', "</header>"))
    assert "February 2011 · by video conference" in header
    assert "1 February" not in header and "28 February" not in header
    record = visible_text(block(page, '<dl class="facts">', "</dl>"))
    assert "Date February 2011 (the source gives the month only)" in record
    assert "Format Held by video conference: no one met in person" in record
    assert '<time datetime="2011-02">February 2011</time>' in page


def test_the_astop_v_record_shows_none_of_the_new_lists(client):
    page = page_of(client, Meeting.objects.get(slug="astop-v"))
    text = visible_text(page)
    for absent in [
        "Expected to take part",
        "Did not take part",
        "First time",
        "Format",
        "Venue by day",
        "Side events",
        "Captured by the archive",
        "Provisional translation",
    ]:
        assert absent not in text, absent
    assert len(rows_of(page, "took-part")) == 8
    assert '<div class="source" id="source-astop-v-press-release">' in page
    assert '<h3 class="source-title"' not in page  # one source: the heading says it all


def test_first_time_needs_an_earlier_edition_in_the_archive(hard):
    """ASTOP-V is the earliest edition held: its participants may have come before."""
    first = dict(
        Participation.objects.with_first_time()
        .filter(meeting__slug="astop-v")
        .values_list("organization__slug", "first_time")
    )
    assert set(first.values()) == {False}
    later = dict(
        Participation.objects.with_first_time()
        .filter(meeting=hard)
        .values_list("organization__slug", "first_time")
    )
    assert {slug for slug, first in later.items() if first} == {"timor-leste", "iaea"}


def test_first_time_counts_only_published_editions(hard):
    Meeting.objects.filter(slug="astop-v").update(status=Meeting.Status.DRAFT)
    first = Participation.objects.with_first_time().filter(meeting=hard, first_time=True)
    assert not first.exists()  # no published edition before it: nothing can be said


# Queries: constant in the number of participants, days, sources ------------------------

# meeting (+series, country, convener), participations (with first time), group members,
# appearances, points, sources (+ the source each relates to), paragraphs, mentions,
# corrections, days, counts, side events, the last revision, and the previous and next
# meetings of the series, and the sources cited for the venue. (These records have no
# discussion points, so no query for their topics.)
RECORD_PAGE_QUERIES = 16


def grow_record(meeting, size):
    """``size`` each of participations (of every status), days, sources, counts, side events."""
    statuses = list(Participation.Status)
    meeting.end_date = meeting.start_date + datetime.timedelta(days=size - 1)
    meeting.save()
    first = None
    for n in range(size):
        source = add_source(
            meeting,
            slug=f"{meeting.slug}-source-{n}",
            paragraphs=[("", "title", f"Release {n}"), ("1.", "body", f"Paragraph of {n}.")],
            language="ja" if n % 2 else "en",
            relation=SourceDocument.Relation.TRANSLATION if first else "",
            related_source=first,
        )
        first = first or source
        paragraph = source.paragraphs.get(position=2)
        organization = Organization.objects.create(
            name=f"State {n}", slug=f"{meeting.slug}-state-{n}", classification="country"
        )
        Participation.objects.create(
            meeting=meeting,
            organization=organization,
            status=statuses[n % len(statuses)],
            source_words=organization.name,
            position=n,
            source_paragraph=paragraph,
        )
        MeetingDay.objects.create(
            meeting=meeting,
            date=meeting.start_date + datetime.timedelta(days=n),
            venue_name=f"Hall {n}",
            source_paragraph=paragraph,
        )
        ParticipantCount.objects.create(
            meeting=meeting,
            count=n + 1,
            what="people",
            source_words=f"{n + 1} people",
            position=n,
            source_paragraph=paragraph,
        )
        SideEvent.objects.create(
            meeting=meeting,
            kind=SideEvent.Kind.WORKSHOP,
            title=f"Workshop {n}",
            position=n,
            source_paragraph=paragraph,
        )
    return meeting


@pytest.mark.parametrize("size", [1, 10])
def test_the_record_page_costs_the_same_whatever_its_size(client, django_assert_num_queries, size):
    meeting = grow_record(make_meeting(slug="grown", ordinal=9), size)
    with django_assert_num_queries(RECORD_PAGE_QUERIES):
        page = page_of(client, meeting)
    assert page.count('<div class="source" id=') == size + 1
    assert page.count("<strong>Workshop ") == size
    assert len(Paragraph.objects.filter(document__meeting=meeting)) == 2 * size + 1


def test_the_hard_record_costs_the_same(client, django_assert_num_queries, hard):
    with django_assert_num_queries(RECORD_PAGE_QUERIES):
        page_of(client, hard)
