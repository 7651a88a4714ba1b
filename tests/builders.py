"""Small builders for records that tests make on top of the ASTOP-V fixture."""

import datetime

from meetings.models import (
    DiscussionPoint,
    Meeting,
    Organization,
    Paragraph,
    Participation,
    Series,
    SourceDocument,
    Topic,
)


def make_meeting(*, slug, ordinal, status=Meeting.Status.PUBLISHED, day=None, series=None):
    """A meeting with one source document of one paragraph."""
    day = day or datetime.date(2009, 1, 1)
    series = series or Series.objects.get(slug="astop")
    meeting = Meeting.objects.create(
        series=series,
        ordinal=ordinal,
        title=f"Test meeting {slug}",
        short_name=slug.upper(),
        slug=slug,
        start_date=day,
        end_date=day,
        status=status,
        published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        if status == Meeting.Status.PUBLISHED
        else None,
    )
    document = SourceDocument.objects.create(
        meeting=meeting,
        slug=f"{slug}-release",
        kind=SourceDocument.Kind.PRESS_RELEASE,
        title=f"Release on {slug}",
        publisher=Organization.objects.get(slug="mofa-japan"),
        published_on=day,
    )
    Paragraph.objects.create(document=document, position=1, label="1.", text="Opening words.")
    return meeting


def grow_meeting(meeting, size):
    """Give ``meeting`` ``size`` participants, paragraphs and discussion points (with topics)."""
    document = meeting.sources.get()
    paragraphs = Paragraph.objects.bulk_create(
        Paragraph(document=document, position=100 + i, label=f"({i})", text=f"Point {i} text.")
        for i in range(size)
    )
    countries = Organization.objects.bulk_create(
        Organization(
            name=f"Country {i}", slug=f"{meeting.slug}-country-{i}", classification="country"
        )
        for i in range(size)
    )
    Participation.objects.bulk_create(
        Participation(
            meeting=meeting,
            organization=country,
            source_words=country.name,
            position=i,
            source_paragraph=paragraphs[i],
        )
        for i, country in enumerate(countries)
    )
    topics = list(Topic.objects.all()[:3])
    for i, paragraph in enumerate(paragraphs):
        point = DiscussionPoint.objects.create(
            meeting=meeting,
            position=i + 1,
            label=f"({i})",
            heading=f"Point {i}",
            text=paragraph.text,
            source_paragraph=paragraph,
        )
        point.topics.set(topics)
    return meeting
