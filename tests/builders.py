"""Small builders for records that tests make on top of the ASTOP-V fixture."""

import datetime

from meetings.models import (
    DiscussionPoint,
    Meeting,
    MeetingDay,
    Organization,
    Paragraph,
    ParticipantCount,
    Participation,
    Series,
    SideEvent,
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


# A hard record: the shapes real releases take, in both languages --------------------------

RESULTS_JA = [
    ("", "title", "第6回アジア不拡散協議（ASTOP-VI）の開催（結果）"),
    (
        "1",
        "body",
        "2月12日及び13日、外務省は第6回アジア不拡散協議を日豪共同議長の下で開催した。"
        "初日は三田共用会議所、二日目は飯倉公館で行われた。",
    ),
    (
        "2",
        "body",
        "ASEAN諸国（ブルネイ、カンボジア、インドネシア等）、豪州、中国、韓国、米国、"
        "東ティモール（初参加）の局長級が参加し、IAEAがゲストとして出席した。ミャンマーは国内事情"
        "により不参加。参加者は14の国・機関から約60名。",
    ),
    (
        "3",
        "body",
        "12日夜には木村副大臣主催のレセプションが、13日には輸出管理に関する実務者会合が開かれた。",
    ),
]
RESULTS_EN = [
    (
        "",
        "title",
        "The Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI) "
        "(Provisional Translation)",
    ),
    (
        "1.",
        "body",
        "On February 12 and 13, the Ministry of Foreign Affairs held the Sixth Asian "
        "Senior-level Talks on Non-Proliferation (ASTOP-VI), co-chaired by Japan and Australia. "
        "The first day was held at Mita Kaigisho (Mita Conference Hall), the second at the "
        "Iikura Guest House; delegations from capitals that could not travel joined by video "
        "conference.",
    ),
    (
        "2.",
        "body",
        "Director-General level officials of the ASEAN member countries such as Brunei "
        "Darussalam, the Kingdom of Cambodia and the Republic of Indonesia, and of Australia, "
        "China, the Republic of Korea, the United States and, for the first time, Timor-Leste "
        "took part, with the International Atomic Energy Agency (IAEA) as a guest. The Union of "
        "Myanmar did not participate owing to domestic circumstances. Officials of 14 countries "
        "and organisations, about 60 people, attended.",
    ),
    (
        "3.",
        "body",
        "A reception hosted by Senior Vice-Minister KIMURA was held on the evening of "
        "February 12 at the Iikura Guest House, and a working-level meeting on export control took "
        "place on February 13.",
    ),
]
ANNOUNCEMENT = [
    ("", "title", "Holding of the Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI)"),
    (
        "1.",
        "body",
        "The Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI) will be "
        "held in Tokyo on February 12 and 13.",
    ),
    (
        "2.",
        "body",
        "The ASEAN member countries, Australia, China, the Republic of Korea, New "
        "Zealand and the United States will be represented; Canada has been invited.",
    ),
]


def add_source(meeting, *, slug, paragraphs, **fields):
    """A source of ``meeting`` with ``paragraphs`` given as (label, kind, text)."""
    defaults = {
        "kind": SourceDocument.Kind.PRESS_RELEASE,
        "publisher": Organization.objects.get(slug="mofa-japan"),
        "published_on": meeting.end_date,
        "title": paragraphs[0][2] if paragraphs else slug,
    }
    source = SourceDocument.objects.create(meeting=meeting, slug=slug, **{**defaults, **fields})
    Paragraph.objects.bulk_create(
        Paragraph(
            document=source,
            position=position,
            label=label,
            kind=kind,
            text=text,
            gap=" " if label else "",
            separator="\n\n" if position > 1 else "",
        )
        for position, (label, kind, text) in enumerate(paragraphs, start=1)
    )
    return source


def make_hard_record(*, slug="astop-vi", status=Meeting.Status.PUBLISHED):
    """ASTOP-VI as the ministry could have released it: a Japanese release and its English
    provisional translation, an announcement, a copy on an embassy site; co-chairs (one also
    the host), a group named in part, a newcomer, a guest, an absentee, invited and planned
    states, counts, a venue per day, side events. Published (by default) after ASTOP-V."""
    series = Series.objects.get(slug="astop")
    meeting = Meeting.objects.create(
        series=series,
        ordinal=6,
        title="Sixth Asian Senior-level Talks on Non-Proliferation",
        short_name="ASTOP-VI",
        slug=slug,
        start_date=datetime.date(2009, 2, 12),
        end_date=datetime.date(2009, 2, 13),
        format=Meeting.Format.HYBRID,
        venue_name="Mita Kaigisho (Mita Conference Hall)",
        city="Tokyo",
        country=Organization.objects.get(slug="japan"),
        convener=Organization.objects.get(slug="mofa-japan"),
    )
    ja = add_source(
        meeting,
        slug=f"{slug}-results-ja",
        paragraphs=RESULTS_JA,
        language="ja",
        published_on=datetime.date(2009, 2, 13),
        original_url="https://www.mofa.go.jp/mofaj/press/release/h21/2/example.html",
        captured_on=datetime.date(2009, 2, 20),
        captured_from="https://www.mofa.go.jp/mofaj/press/release/h21/2/example.html",
    )
    en = add_source(
        meeting,
        slug=f"{slug}-results-en",
        paragraphs=RESULTS_EN,
        published_on=datetime.date(2009, 2, 16),
        relation=SourceDocument.Relation.PROVISIONAL_TRANSLATION,
        related_source=ja,
    )
    announcement = add_source(
        meeting,
        slug=f"{slug}-announcement",
        paragraphs=ANNOUNCEMENT,
        kind=SourceDocument.Kind.ANNOUNCEMENT,
        published_on=datetime.date(2009, 2, 6),
    )
    add_source(
        meeting,
        slug=f"{slug}-embassy-copy",
        paragraphs=RESULTS_EN[:2],
        published_on=datetime.date(2009, 2, 18),
        relation=SourceDocument.Relation.COPY,
        related_source=en,
        copy_url="https://www.emb-japan.example/itpr_en/astop6.html",
    )
    venues, people, events = (en.paragraphs.get(position=n) for n in (2, 3, 4))
    planned = announcement.paragraphs.get(position=3)

    def take_part(slug, words, paragraph=people, **fields):
        organization = Organization.objects.get(slug=slug)
        return Participation.objects.create(
            meeting=meeting,
            organization=organization,
            source_words=words,
            source_paragraph=paragraph,
            position=Participation.objects.filter(meeting=meeting).count(),
            **fields,
        )

    take_part(
        "japan",
        "co-chaired by Japan",
        venues,
        role=Participation.Role.HOST,
        chair_role=Participation.ChairRole.CO_CHAIR,
    )
    take_part("australia", "and Australia", venues, role=Participation.Role.CO_CHAIR)
    asean = take_part("asean", "the ASEAN member countries", list_complete=False)
    for member, words in [
        ("brunei-darussalam", "Brunei Darussalam"),
        ("cambodia", "the Kingdom of Cambodia"),
        ("indonesia", "the Republic of Indonesia"),
    ]:
        take_part(member, words, named_under=asean)
    for member, words in [
        ("china", "China"),
        ("republic-of-korea", "the Republic of Korea"),
        ("united-states", "the United States"),
        ("timor-leste", "for the first time, Timor-Leste"),
    ]:
        take_part(member, words)
    Organization.objects.get_or_create(
        slug="iaea",
        defaults={
            "name": "International Atomic Energy Agency",
            "abbreviation": "IAEA",
            "classification": Organization.Classification.INTERNATIONAL_BODY,
        },
    )
    take_part(
        "iaea",
        "the International Atomic Energy Agency (IAEA) as a guest",
        status=Participation.Status.GUEST,
    )
    take_part(
        "myanmar",
        "The Union of Myanmar did not participate owing to domestic circumstances.",
        status=Participation.Status.ABSENT,
    )
    take_part("new-zealand", "New Zealand", planned, status=Participation.Status.PLANNED)
    take_part("canada", "Canada has been invited", planned, status=Participation.Status.INVITED)
    for position, (count, what, approximate, words) in enumerate(
        [
            (
                14,
                "countries and organisations",
                False,
                "Officials of 14 countries and organisations",
            ),
            (60, "people", True, "about 60 people"),
        ]
    ):
        ParticipantCount.objects.create(
            meeting=meeting,
            count=count,
            what=what,
            approximate=approximate,
            source_words=words,
            position=position,
            source_paragraph=people,
        )
    for day, venue in [(12, "Mita Kaigisho (Mita Conference Hall)"), (13, "Iikura Guest House")]:
        MeetingDay.objects.create(
            meeting=meeting,
            date=datetime.date(2009, 2, day),
            venue_name=venue,
            city="Tokyo",
            source_paragraph=venues,
        )
    SideEvent.objects.create(
        meeting=meeting,
        kind=SideEvent.Kind.RECEPTION,
        title="Reception hosted by Senior Vice-Minister Kimura",
        date=datetime.date(2009, 2, 12),
        venue_name="Iikura Guest House",
        position=0,
        source_paragraph=events,
    )
    SideEvent.objects.create(
        meeting=meeting,
        kind=SideEvent.Kind.WORKING_LEVEL,
        title="Working-level meeting on export control",
        date=datetime.date(2009, 2, 13),
        position=1,
        source_paragraph=events,
    )
    if status == Meeting.Status.PUBLISHED:
        meeting.publish()
    return meeting
