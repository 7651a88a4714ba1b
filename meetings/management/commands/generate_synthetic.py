"""Fill the archive with a clearly labelled synthetic series, for benchmarks only.

Everything written here is labelled as not real: series named "Synthetic benchmark
series (not real data)", meetings with slugs "synthetic-000123", and organisations,
people and topics whose slugs start "synthetic-" and whose names say "Synthetic". The
real series are never touched, and nothing of this belongs in fixtures/.

Shapes follow a real record such as ASTOP-V, scaled up: 5-30 participants (one host,
some regional groups with dated memberships), 1-4 people who spoke, 3-15 discussion
points (some with sub-points), a press release of 5-40 paragraphs (one meeting in ten
also has a chair's summary) and topics from a fixed vocabulary named in the
paragraphs. Every fact cites a paragraph of its own meeting's source, as the database
triggers (migration 0002) require.

Rows go in through bulk_create, one batch of meetings per transaction. bulk_create
sends no signals, so the command rebuilds the new meetings' search vectors at the end
(in batches) and expires the public page cache itself. Meeting ``index`` is generated
from its own generator, seeded with (seed, index), so topping a series up from 1,000 to 10,000
meetings gives the same records as generating 10,000 at once.
"""

import datetime
import operator
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import JSONField, Q
from django.utils import timezone
from psycopg.types.json import Jsonb

from meetings import search
from meetings.cache import bump_content_version
from meetings.models import (
    Appearance,
    DiscussionPoint,
    Meeting,
    Membership,
    Organization,
    Paragraph,
    Participation,
    Person,
    Series,
    SourceDocument,
    Topic,
    TopicAlias,
    TopicMention,
)

from ..progress import Progress

PREFIX = "synthetic-"
LABEL = "(not real data)"
# Ordinals are small integers (unique per series): each synthetic series holds at
# most this many meetings, and further meetings go to "synthetic-2", "synthetic-3"...
MEETINGS_PER_SERIES = 10_000
MEETING_SLUG = PREFIX + "{:06d}"
MINISTRY_SLUG = PREFIX + "ministry"
COUNTRIES = 180
GROUPS = 8
BODIES = 8
PEOPLE = 2_000
FIRST_DAY = datetime.date(1990, 1, 1)
DAYS = 36 * 365  # meetings from 1990 to 2025
BULK_BATCH = 2_000

# (phrase, kind, theme, abbreviation): the phrase is what paragraphs say verbatim.
THEMES = {
    "non-proliferation": "Non-proliferation",
    "security": "Regional security",
    "economy": "Economic cooperation",
    "environment": "Environment and energy",
    "humanitarian": "Humanitarian affairs",
    "governance": "Governance and institutions",
}
VOCABULARY = [
    ("export control", "instrument", "non-proliferation", "EC"),
    ("nuclear security", "issue", "non-proliferation", ""),
    ("safeguards agreements", "instrument", "non-proliferation", ""),
    ("the additional protocol", "instrument", "non-proliferation", "AP"),
    ("missile technology", "issue", "non-proliferation", ""),
    ("chemical weapons", "issue", "non-proliferation", "CW"),
    ("biological weapons", "issue", "non-proliferation", "BW"),
    ("nuclear energy infrastructure", "concept", "non-proliferation", ""),
    ("interdiction exercises", "exercise", "non-proliferation", ""),
    ("sanctions implementation", "instrument", "non-proliferation", ""),
    ("maritime security", "issue", "security", ""),
    ("counter-terrorism", "issue", "security", "CT"),
    ("cyber security", "issue", "security", ""),
    ("border management", "issue", "security", ""),
    ("peacekeeping operations", "initiative", "security", "PKO"),
    ("small arms control", "instrument", "security", "SALW"),
    ("space security", "issue", "security", ""),
    ("confidence-building measures", "initiative", "security", "CBM"),
    ("trade facilitation", "initiative", "economy", ""),
    ("investment protection", "instrument", "economy", ""),
    ("energy security", "issue", "economy", ""),
    ("the digital economy", "concept", "economy", ""),
    ("supply chain resilience", "concept", "economy", ""),
    ("infrastructure financing", "initiative", "economy", ""),
    ("climate change", "issue", "environment", ""),
    ("marine pollution", "issue", "environment", ""),
    ("biodiversity", "issue", "environment", ""),
    ("renewable energy", "concept", "environment", ""),
    ("water resources", "issue", "environment", ""),
    ("disaster relief", "initiative", "humanitarian", "HADR"),
    ("refugee protection", "issue", "humanitarian", ""),
    ("food security", "issue", "humanitarian", ""),
    ("public health emergencies", "issue", "humanitarian", ""),
    ("mine action", "initiative", "humanitarian", ""),
    ("the rule of law", "concept", "governance", ""),
    ("anti-corruption", "initiative", "governance", ""),
    ("capacity building", "initiative", "governance", ""),
    ("the regional architecture", "forum", "governance", ""),
]
TOPIC_SENTENCES = [
    "Participants exchanged views on {t} and its implications for the region.",
    "{o} briefed the meeting on recent developments in {t}.",
    "The meeting stressed the importance of {t} and agreed to continue consultations.",
    "{o} and {p} presented their national measures concerning {t}.",
    "Views were also exchanged on cooperation in {t}, including information sharing.",
    "Participants confirmed the significance of {t} for peace and stability in the region.",
    "It was agreed that the next meeting would review progress on {t}.",
    "{o} proposed a workshop on {t} to be held before the next meeting.",
    "Participants shared their experiences of {t} and identified areas for assistance.",
    "The discussion on {t} covered legal frameworks, enforcement and outreach to industry.",
]
PLAIN_SENTENCES = [
    "Several participants called for closer coordination among the agencies concerned.",
    "The chair summarised the discussion and noted broad agreement on the way forward.",
    "Participants welcomed the outcome of the previous round of talks.",
    "{o} expressed its appreciation to the host for the arrangements made.",
    "The talks were held in a frank and constructive atmosphere.",
    "Participants agreed to keep in close contact through their embassies.",
    "{o} underlined the value of regular dialogue at the senior level.",
    "Officials from {o} and {p} held a bilateral meeting on the margins of the talks.",
]
TITLES = [
    "Director-General for Arms Control and Disarmament",
    "Ambassador for Non-Proliferation",
    "Deputy Director-General for Foreign Policy",
    "Senior Vice-Minister for Foreign Affairs",
    "Director, Regional Security Division",
    "Special Envoy for Regional Cooperation",
    "Deputy Minister for Multilateral Affairs",
    "Head of the Non-Proliferation Department",
]
HONORIFICS = ["Mr.", "Ms.", "Dr.", "Amb."]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def series_slug(number):
    return "synthetic" if number == 1 else f"synthetic-{number}"


def synthetic_series():
    """The synthetic series: labelled by slug and by name, so a real one never matches."""
    return Series.objects.filter(
        Q(slug="synthetic") | Q(slug__regex=r"^synthetic-[0-9]+$"), name__endswith=LABEL
    )


def sentence_case(phrase):
    phrase = phrase.removeprefix("the ")
    return phrase[0].upper() + phrase[1:]


class Lookups:
    """The synthetic organisations, people and topics, created once and reused."""

    def __init__(self):
        orgs = {org.slug: org for org in Organization.objects.filter(slug__startswith=PREFIX)}
        self.ministry = orgs[MINISTRY_SLUG]
        self.countries = [orgs[f"{PREFIX}country-{i:03d}"] for i in range(1, COUNTRIES + 1)]
        self.groups = [orgs[f"{PREFIX}group-{LETTERS[i]}"] for i in range(GROUPS)]
        self.bodies = [orgs[f"{PREFIX}agency-{i}"] for i in range(1, BODIES + 1)]
        self.others = self.countries + self.groups + self.bodies
        people = {p.slug: p for p in Person.objects.filter(slug__startswith=PREFIX)}
        self.people = [people[f"{PREFIX}person-{i:04d}"] for i in range(1, PEOPLE + 1)]
        topics = {t.slug: t for t in Topic.objects.filter(slug__startswith=PREFIX)}
        self.topics = [(topics[topic_slug(phrase)], phrase) for phrase, *_ in VOCABULARY]

    @classmethod
    def ministry_instance(cls):
        return Organization.objects.get(slug=MINISTRY_SLUG)

    @classmethod
    def exist(cls):
        return Organization.objects.filter(slug=MINISTRY_SLUG).exists()

    @classmethod
    def create(cls, rng):
        ministry = Organization.objects.create(
            name=f"Synthetic Ministry of Foreign Affairs {LABEL}",
            slug=MINISTRY_SLUG,
            abbreviation="SMFA",
            classification=Organization.Classification.MINISTRY,
            description="Organiser and publisher of the synthetic benchmark series. Not real.",
        )
        countries = Organization.objects.bulk_create(
            Organization(
                name=f"Synthetic Country {i:03d}",
                slug=f"{PREFIX}country-{i:03d}",
                classification=Organization.Classification.COUNTRY,
                description=f"A made-up country for benchmarks {LABEL}.",
            )
            for i in range(1, COUNTRIES + 1)
        )
        groups = Organization.objects.bulk_create(
            Organization(
                name=f"Synthetic Regional Group {LETTERS[i].upper()}",
                slug=f"{PREFIX}group-{LETTERS[i]}",
                abbreviation=f"SRG-{LETTERS[i].upper()}",
                classification=Organization.Classification.REGIONAL_GROUP,
                description=f"A made-up regional group for benchmarks {LABEL}.",
            )
            for i in range(GROUPS)
        )
        Organization.objects.bulk_create(
            Organization(
                name=f"Synthetic International Agency {i}",
                slug=f"{PREFIX}agency-{i}",
                abbreviation=f"SIA-{i}",
                classification=Organization.Classification.INTERNATIONAL_BODY,
                description=f"A made-up international body for benchmarks {LABEL}.",
            )
            for i in range(1, BODIES + 1)
        )
        memberships = []
        for group in groups:
            for member in rng.sample(countries, rng.randint(6, 16)):
                start = datetime.date(rng.randint(1967, 2010), rng.randint(1, 12), 1)
                end = None
                if rng.random() < 0.15:
                    end = start + datetime.timedelta(days=rng.randint(400, 9000))
                memberships.append(
                    Membership(
                        member=member,
                        group=group,
                        start_date=start,
                        end_date=end,
                        note=f"Synthetic membership {LABEL}.",
                    )
                )
        Membership.objects.bulk_create(memberships)
        Person.objects.bulk_create(
            Person(
                name=f"Synthetic Person {i:04d}",
                sort_name=f"Person {i:04d}, Synthetic",
                honorific=HONORIFICS[i % len(HONORIFICS)],
                slug=f"{PREFIX}person-{i:04d}",
                description=f"A made-up official for benchmarks {LABEL}.",
            )
            for i in range(1, PEOPLE + 1)
        )
        parents = {
            key: Topic.objects.create(
                name=f"{name} (synthetic)",
                slug=f"{PREFIX}theme-{key}",
                kind=Topic.Kind.ISSUE,
                description=f"A theme grouping synthetic topics {LABEL}.",
            )
            for key, name in THEMES.items()
        }
        topics = Topic.objects.bulk_create(
            Topic(
                name=f"{sentence_case(phrase)} (synthetic)",
                slug=topic_slug(phrase),
                kind=kind,
                parent=parents[theme],
                description=f"Synthetic topic: {phrase}, as the generated releases name it. "
                f"{LABEL.capitalize()}.",
            )
            for phrase, kind, theme, _ in VOCABULARY
        )
        TopicAlias.objects.bulk_create(
            TopicAlias(topic=topic, name=f"{abbreviation} (synthetic)")
            for topic, (*_, abbreviation) in zip(topics, VOCABULARY, strict=True)
            if abbreviation
        )
        return ministry


def topic_slug(phrase):
    return PREFIX + phrase.removeprefix("the ").replace(" ", "-")


class Batch:
    """The model instances of a batch of meetings, in the order they are inserted."""

    def __init__(self):
        self.meetings = []
        self.documents = []
        self.paragraphs = []
        self.participations = []
        self.appearances = []
        self.points = []
        self.subpoints = []
        self.point_topics = []
        self.mentions = []

    def save(self):
        """Insert every row, parents first; return the new meetings' ids."""
        insert = copy_rows if connection.vendor == "postgresql" else bulk_insert
        for rows in vars(self).values():
            insert(rows)
        return [meeting.pk for meeting in self.meetings]


def bulk_insert(rows):
    if rows:
        type(rows[0])._default_manager.bulk_create(rows, batch_size=BULK_BATCH)


def copy_rows(rows):
    """PostgreSQL: the rows' ids from their table's sequence, then one COPY. bulk_create
    spends four times longer preparing statements than the database spends storing rows."""
    if not rows:
        return
    model = type(rows[0])
    fields = model._meta.concrete_fields
    readers = [column_reader(field, timezone.now()) for field in fields]
    quote = connection.ops.quote_name
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(rows)],
        )
        for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
            row.pk = pk
        columns = ", ".join(quote(field.column) for field in fields)
        with cursor.cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([read(row) for read in readers])


def column_reader(field, now):
    """How to read a column's value from an unsaved instance, for COPY."""
    attname = field.attname
    if field.is_relation:  # built with the parent instance, saved since: its new id

        def read(row):
            parent = field.get_cached_value(row, None)
            return getattr(row, attname) if parent is None else parent.pk

        return read
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda row: now
    if isinstance(field, JSONField):
        return lambda row: Jsonb(getattr(row, attname))
    return operator.attrgetter(attname)


class MeetingMaker:
    """Builds the records of synthetic meeting number ``index`` (1-based) into a Batch."""

    def __init__(self, lookups, series, seed):
        self.lookups = lookups
        self.series = series  # series number -> Series id
        self.seed = seed
        self.published_at = datetime.time(9, 0, tzinfo=datetime.UTC)
        self.Through = DiscussionPoint.topics.through

    def add(self, batch, index):
        rng = random.Random(self.seed * 10_000_019 + index)
        lk = self.lookups
        slug = MEETING_SLUG.format(index)
        series_number, ordinal = divmod(index - 1, MEETINGS_PER_SERIES)
        start = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        end = start + datetime.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2)))
        host = rng.choice(lk.countries[:40])  # a few countries host most meetings
        count = rng.randint(4, 29)
        others = [org for org in rng.sample(lk.others, count + 1) if org is not host][:count]
        participants = [host, *others]
        topics = rng.sample(lk.topics, rng.randint(3, 8))
        main_topic = topics[0][1]
        title = f"Synthetic meeting {index}: talks on {main_topic.removeprefix('the ')}"
        meeting = Meeting(
            series_id=self.series[series_number + 1],
            ordinal=ordinal + 1,
            title=title,
            short_name=f"SYN-{index}",
            slug=slug,
            summary=(
                f"A synthetic record for benchmarks {LABEL}: {len(participants)} participants "
                f"discussed {', '.join(phrase for _, phrase in topics[:3])}."
            ),
            start_date=start,
            end_date=end,
            venue_name=f"Synthetic Conference Centre {rng.randint(1, 60)}",
            city=f"Synthetic City {lk.countries.index(host) + 1}",
            country_id=host.pk,
            convener_id=lk.ministry.pk,
            status=Meeting.Status.PUBLISHED,
            published_at=datetime.datetime.combine(
                end + datetime.timedelta(days=rng.randint(0, 10)), self.published_at
            ),
        )
        batch.meetings.append(meeting)

        # The words the release uses for each participant, and who spoke for whom.
        words = [
            f"the {org.name} member countries" if org.is_group else org.name for org in participants
        ]
        countries = [org for org in participants if not org.is_group]
        speakers = [
            (person, rng.choice(TITLES), org)
            for person, org in zip(
                rng.sample(lk.people, 4), countries[: rng.randint(1, 4)], strict=False
            )
        ]

        release = self.document(batch, rng, meeting, slug, "release", end)
        paragraphs = self.release_paragraphs(
            batch, rng, release, meeting, words, speakers, participants, topics
        )
        if rng.random() < 0.1:
            summary = self.document(batch, rng, meeting, slug, "summary", end)
            self.body_paragraphs(
                batch, rng, summary, 1, rng.randint(5, 12), 1, participants, topics
            )

        body = [p for p in paragraphs[4:] if p.kind == Paragraph.Kind.BODY]
        self.participations(batch, meeting, participants, words, paragraphs[2])
        self.appearances(batch, meeting, speakers, paragraphs[3])
        self.points(batch, rng, meeting, body)

    def document(self, batch, rng, meeting, slug, kind, end):
        chairs_summary = kind == "summary"
        document = SourceDocument(
            meeting=meeting,
            slug=f"{slug}-{kind}",
            kind=(
                SourceDocument.Kind.CHAIRS_SUMMARY
                if chairs_summary
                else SourceDocument.Kind.PRESS_RELEASE
            ),
            title=("Chair's summary: " if chairs_summary else "Press release: ") + meeting.title,
            publisher_id=self.lookups.ministry.pk,
            published_on=end + datetime.timedelta(days=rng.randint(0, 10)),
            rights=f"Generated text for benchmarks {LABEL}.",
        )
        batch.documents.append(document)
        return document

    def release_paragraphs(self, batch, rng, document, meeting, words, speakers, *context):
        """Title, date line, who took part, who spoke, then the body (and a footnote)."""
        participants, topics = context
        count = rng.randint(5, 40)
        spoken = "; ".join(f"{title} {person.name} ({org.name})" for person, title, org in speakers)
        head = [
            (Paragraph.Kind.TITLE, "", meeting.title),
            (Paragraph.Kind.DATELINE, "", f"{meeting.city}, {meeting.start_date:%d %B %Y} {LABEL}"),
            (
                Paragraph.Kind.BODY,
                "1.",
                f"Senior officials from {', '.join(words)} took part in the talks.",
            ),
            (Paragraph.Kind.BODY, "2.", f"Statements were made by {spoken}."),
        ]
        paragraphs = [
            Paragraph(document=document, position=i, label=label, kind=kind, text=text)
            for i, (kind, label, text) in enumerate(head, start=1)
        ]
        batch.paragraphs.extend(paragraphs)
        footnote = count >= 8 and rng.random() < 0.2
        last = count - 1 if footnote else count
        paragraphs += self.body_paragraphs(
            batch, rng, document, len(head) + 1, last, 3, participants, topics
        )
        if footnote:
            topic, phrase = rng.choice(topics)
            text = f"{sentence_case(phrase)}: a term of the synthetic releases {LABEL}."
            paragraph = Paragraph(
                document=document, position=count, label="(*)", kind="footnote", text=text
            )
            batch.paragraphs.append(paragraph)
            batch.mentions.append(
                TopicMention(
                    topic=topic,
                    paragraph=paragraph,
                    kind=TopicMention.Kind.DEFINITION,
                    quote=sentence_case(phrase),
                )
            )
            paragraphs.append(paragraph)
        return paragraphs

    def body_paragraphs(self, batch, rng, document, first, last, label_number, *context):
        """Body paragraphs ``first`` to ``last``, numbered from ``label_number``."""
        participants, topics = context
        made = []
        for position in range(first, last + 1):
            named = rng.sample(topics, rng.choice((0, 1, 1, 1, 2)))
            sentences = []
            for _topic, phrase in named:
                sentences.append(
                    rng.choice(TOPIC_SENTENCES).format(
                        t=phrase, o=rng.choice(participants).name, p=rng.choice(participants).name
                    )
                )
            for _ in range(rng.randint(1, 3)):
                sentences.append(
                    rng.choice(PLAIN_SENTENCES).format(
                        o=rng.choice(participants).name, p=rng.choice(participants).name
                    )
                )
            paragraph = Paragraph(
                document=document,
                position=position,
                label=f"{label_number}.",
                kind=Paragraph.Kind.BODY,
                text=" ".join(sentences),
            )
            paragraph.synthetic_topics = [topic for topic, _ in named]
            label_number += 1
            made.append(paragraph)
            batch.mentions.extend(
                TopicMention(topic_id=topic.pk, paragraph=paragraph, quote=phrase)
                for topic, phrase in named
            )
        batch.paragraphs.extend(made)
        return made

    def participations(self, batch, meeting, participants, words, paragraph):
        for position, (org, source_words) in enumerate(
            zip(participants, words, strict=True), start=1
        ):
            if position == 1:
                role = Participation.Role.HOST
            elif org.classification == Organization.Classification.INTERNATIONAL_BODY:
                role = Participation.Role.OBSERVER
            else:
                role = Participation.Role.PARTICIPANT
            batch.participations.append(
                Participation(
                    meeting=meeting,
                    organization_id=org.pk,
                    role=role,
                    source_words=source_words,
                    position=position,
                    source_paragraph=paragraph,
                )
            )

    def appearances(self, batch, meeting, speakers, paragraph):
        for position, (person, title, org) in enumerate(speakers, start=1):
            batch.appearances.append(
                Appearance(
                    meeting=meeting,
                    person_id=person.pk,
                    role=(
                        Appearance.Role.OPENING_SPEECH
                        if position == 1
                        else Appearance.Role.HEAD_OF_DELEGATION
                    ),
                    title=title,
                    on_behalf_of_id=org.pk,
                    source_words=f"{title} {person.name}",
                    summary=f"Spoke for {org.name} {LABEL}.",
                    position=position,
                    source_paragraph=paragraph,
                )
            )

    def points(self, batch, rng, meeting, body):
        remaining = rng.randint(3, 15)
        top = 0
        while remaining:
            top += 1
            remaining -= 1
            point = self.point(batch, rng, meeting, body, None, top, f"({top})")
            batch.points.append(point)
            if remaining >= 2 and rng.random() < 0.3:
                for sub in range(1, min(remaining, rng.randint(2, 3)) + 1):
                    remaining -= 1
                    child = self.point(
                        batch, rng, meeting, body, point, sub, f"({LETTERS[sub - 1]})"
                    )
                    batch.subpoints.append(child)

    def point(self, batch, rng, meeting, body, parent, position, label):
        paragraph = rng.choice(body)
        topics = paragraph.synthetic_topics
        text = paragraph.text.split(". ")[0].rstrip(".") + "."
        if text not in paragraph.text:  # the verbatim rule: quote the paragraph exactly
            text = paragraph.text
        heading = topics[0].name.removesuffix(" (synthetic)") if topics else "General discussion"
        point = DiscussionPoint(
            meeting=meeting,
            parent=parent,
            position=position,
            label=label,
            heading=heading,
            text=text,
            source_paragraph=paragraph,
        )
        batch.point_topics.extend(
            self.Through(discussionpoint=point, topic_id=t.pk) for t in topics
        )
        return point


# Parallel writing ------------------------------------------------------------------
# Each worker process builds its own MeetingMaker (and opens its own connection);
# a batch is one transaction, so a failed run leaves whole batches only.

_maker = None


def init_worker(series, seed):
    global _maker
    _maker = MeetingMaker(Lookups(), series, seed)


def write_batch(index_range):
    """Write meetings ``first`` to ``last - 1``; return their ids and the rows written."""
    batch = Batch()
    for index in range(*index_range):
        _maker.add(batch, index)
    with transaction.atomic():
        ids = batch.save()
        if search.uses_postgresql():
            fill_search_vectors(ids)
    return ids, sum(len(rows) for rows in vars(batch).values())


# The vectors search.refresh_search_vectors builds, the same texts in the same order,
# but each table read once for the whole batch (GROUP BY meeting) instead of once per
# meeting and text (and twice: again for the Japanese pairs). tests/test_synthetic.py
# holds the two equal.
B_TEXTS = ["series_other_names", "topics", "aliases"]
B_TEXTS += ["org_names", "org_abbreviations", "org_other_names"]
B_TEXTS += ["person_names", "person_other_names"]
C_TEXTS = ["m.summary", "m.venue_name", "m.venue_description", "m.city", "series"]
C_TEXTS += ["source_words", "titles", "day_venues", "side_titles", "side_venues"]
MEETING_VECTORS = """
WITH batch AS (SELECT unnest(%(ids)s::bigint[]) AS id),
series_names AS (
    SELECT m.id AS meeting_id, string_agg(DISTINCT n.name, ' ') AS series_other_names
    FROM meetings_meeting m JOIN meetings_seriesname n ON n.series_id = m.series_id
    WHERE m.id IN (SELECT id FROM batch) GROUP BY m.id
),
topics AS (
    SELECT d.meeting_id, string_agg(DISTINCT t.name, ' ') AS topics,
        string_agg(DISTINCT a.name, ' ') AS aliases
    FROM meetings_topicmention tm
    JOIN meetings_paragraph p ON p.id = tm.paragraph_id
    JOIN meetings_sourcedocument d ON d.id = p.document_id
    JOIN meetings_topic t ON t.id = tm.topic_id
    LEFT JOIN meetings_topicalias a ON a.topic_id = t.id
    WHERE d.meeting_id IN (SELECT id FROM batch) GROUP BY d.meeting_id
),
organizations AS (
    SELECT pa.meeting_id, string_agg(DISTINCT o.name, ' ') AS org_names,
        string_agg(DISTINCT o.abbreviation, ' ') AS org_abbreviations,
        string_agg(DISTINCT n.name, ' ') AS org_other_names,
        string_agg(DISTINCT pa.source_words, ' ') AS source_words
    FROM meetings_participation pa
    JOIN meetings_organization o ON o.id = pa.organization_id
    LEFT JOIN meetings_organizationname n ON n.organization_id = o.id
    WHERE pa.meeting_id IN (SELECT id FROM batch) GROUP BY pa.meeting_id
),
people AS (
    SELECT ap.meeting_id, string_agg(DISTINCT pe.name, ' ') AS person_names,
        string_agg(DISTINCT n.name, ' ') AS person_other_names,
        string_agg(DISTINCT ap.title, ' ') AS titles
    FROM meetings_appearance ap
    JOIN meetings_person pe ON pe.id = ap.person_id
    LEFT JOIN meetings_personname n ON n.person_id = pe.id
    WHERE ap.meeting_id IN (SELECT id FROM batch) GROUP BY ap.meeting_id
),
days AS (
    SELECT meeting_id, string_agg(DISTINCT venue_name, ' ') AS day_venues
    FROM meetings_meetingday WHERE meeting_id IN (SELECT id FROM batch) GROUP BY meeting_id
),
side_events AS (
    SELECT meeting_id, string_agg(DISTINCT title, ' ') AS side_titles,
        string_agg(DISTINCT venue_name, ' ') AS side_venues
    FROM meetings_sideevent WHERE meeting_id IN (SELECT id FROM batch) GROUP BY meeting_id
),
texts AS (
    SELECT d.meeting_id, string_agg(DISTINCT p.text, ' ') AS body
    FROM meetings_paragraph p JOIN meetings_sourcedocument d ON d.id = p.document_id
    WHERE d.meeting_id IN (SELECT id FROM batch) GROUP BY d.meeting_id
),
shown AS (
    SELECT m.id, m.title, m.short_name, {b_texts}, {c_texts}, coalesce(body, '') AS body
    FROM meetings_meeting m
    LEFT JOIN (SELECT id, name AS series FROM meetings_series) s ON s.id = m.series_id
    LEFT JOIN series_names ON series_names.meeting_id = m.id
    LEFT JOIN topics ON topics.meeting_id = m.id
    LEFT JOIN organizations ON organizations.meeting_id = m.id
    LEFT JOIN people ON people.meeting_id = m.id
    LEFT JOIN days ON days.meeting_id = m.id
    LEFT JOIN side_events ON side_events.meeting_id = m.id
    LEFT JOIN texts ON texts.meeting_id = m.id
    WHERE m.id IN (SELECT id FROM batch)
)
UPDATE meetings_meeting SET search_vector =
    setweight(to_tsvector('{config}', {a}), 'A')
    || setweight(to_tsvector('{config}', {b}), 'B')
    || setweight(to_tsvector('{config}', {c}), 'C')
    || setweight(to_tsvector('{config}', shown.body), 'D')
    || setweight(to_tsvector('simple', coalesce({cjk}, '')), 'D')
FROM shown WHERE meetings_meeting.id = shown.id
"""
PARAGRAPH_VECTORS = """
UPDATE meetings_paragraph p SET search_vector = to_tsvector('{config}', p.text)
    || to_tsvector('simple', coalesce({cjk}, ''))
FROM meetings_sourcedocument d
WHERE d.id = p.document_id AND d.meeting_id = ANY(%(ids)s::bigint[])
"""


def _spaced(columns):
    return " || ' ' || ".join(f"coalesce(shown.{column}, '')" for column in columns)


def _cjk(sql):
    return search.CJKBigrams.template % {"expressions": sql}


def vector_statements():
    """The two UPDATEs, written out: each text coalesced as Django's SearchVector does."""
    columns = ["title", "short_name", *B_TEXTS, *C_TEXTS, "body"]
    shown_columns = [f"shown.{c.removeprefix('m.')}" for c in columns]
    meetings = MEETING_VECTORS.format(
        b_texts=", ".join(f"coalesce({c}, '') AS {c}" for c in B_TEXTS),
        c_texts=", ".join(f"coalesce({c}, '') AS {c.removeprefix('m.')}" for c in C_TEXTS),
        config=search.CONFIG,
        a=_spaced(["title", "short_name"]),
        b=_spaced(B_TEXTS),
        c=_spaced(c.removeprefix("m.") for c in C_TEXTS),
        cjk=_cjk(f"concat_ws(' ', {', '.join(shown_columns)})"),
    )
    paragraphs = PARAGRAPH_VECTORS.format(config=search.CONFIG, cjk=_cjk("p.text"))
    return meetings, paragraphs


def fill_search_vectors(meeting_ids):
    """Search vectors for these meetings and their paragraphs: two set-based UPDATEs."""
    with connection.cursor() as cursor:
        for statement in vector_statements():
            cursor.execute(statement, {"ids": list(meeting_ids)})


def run_parallel(function, items, workers, initializer, initargs):
    """``function(item)`` for each item in worker processes, results in order; inline for one."""
    if workers == 1:
        initializer(*initargs)
        yield from map(function, items)
        return
    connections.close_all()  # the forked children must not share this connection
    pool = ProcessPoolExecutor(
        workers, mp_context=get_context("fork"), initializer=initializer, initargs=initargs
    )
    with pool:
        futures = [pool.submit(function, item) for item in items]
        try:
            for future in futures:
                yield future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise


class Command(BaseCommand):
    help = (
        "Generate (or remove) a clearly labelled synthetic series of published meetings for "
        "benchmarks: --meetings N makes the synthetic series hold N meetings, adding only "
        "the missing ones, so running it twice changes nothing. Never for production data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--meetings",
            type=int,
            metavar="N",
            help="How many synthetic meetings the archive should hold in the end.",
        )
        parser.add_argument(
            "--delete",
            action="store_true",
            help="Remove every synthetic record first (with --meetings: then generate anew).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done; write nothing."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2008,
            help="Random seed (default 2008): same seed, same data.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Meetings written per transaction (default 500).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            help="Parallel writers on PostgreSQL (default: the number of CPUs, at most 4); "
            "SQLite always uses one.",
        )

    def handle(self, *args, meetings, delete, dry_run, seed, batch_size, **options):
        if meetings is None and not delete:
            raise CommandError("Say how many meetings (--meetings N) or use --delete.")
        if meetings is not None and meetings < 0:
            raise CommandError("--meetings must be zero or more.")
        if batch_size < 1 or (options["workers"] or 1) < 1:
            raise CommandError("Batch sizes and --workers must be at least 1.")
        existing = Meeting.objects.filter(series__in=synthetic_series()).count()
        if delete:
            self.delete(existing, dry_run)
            existing = 0
        if meetings is None:
            return
        if existing > meetings:
            raise CommandError(
                f"The synthetic series already hold {existing:,} meetings, more than "
                f"{meetings:,}; run with --delete --meetings {meetings} to start again."
            )
        self.check_contiguous(existing)
        missing = meetings - existing
        if not missing:
            self.stdout.write(f"The synthetic series already hold {existing:,} meetings.")
            return
        if dry_run:
            self.stdout.write(
                f"Would add synthetic meetings {existing + 1:,} to {meetings:,} "
                f"(about {missing * 90:,} rows); nothing written (--dry-run)."
            )
            return
        workers = options["workers"] or min(os.cpu_count() or 1, 4)
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            # One writer at a time on SQLite; and other connections could not see (or
            # join) an enclosing transaction, such as a test's.
            workers = 1
        self.generate(existing, meetings, seed, batch_size, workers, options["verbosity"])

    def check_contiguous(self, existing):
        if not existing:
            return
        last = Meeting.objects.filter(
            series__in=synthetic_series(), slug=MEETING_SLUG.format(existing)
        )
        if not last.exists() or not Lookups.exist():
            raise CommandError(
                "The synthetic meetings are not numbered 1 to N (some were removed or edited); "
                "run with --delete to start again."
            )

    def delete(self, existing, dry_run):
        if dry_run:
            self.stdout.write(
                f"Would remove {existing:,} synthetic meetings and the synthetic lookups; "
                "nothing written (--dry-run)."
            )
            return
        started = time.monotonic()
        series = synthetic_series()
        meetings = Meeting.objects.filter(series__in=series)
        db = connection.alias
        # Plain DELETE statements: no per-row signals, no history rows for generated data.
        # Children first; constraints are checked at commit.
        steps = [
            TopicMention.objects.filter(paragraph__document__meeting__in=meetings),
            DiscussionPoint.topics.through.objects.filter(discussionpoint__meeting__in=meetings),
            DiscussionPoint.objects.filter(meeting__in=meetings, parent__isnull=False),
            DiscussionPoint.objects.filter(meeting__in=meetings),
            Appearance.objects.filter(meeting__in=meetings),
            Participation.objects.filter(meeting__in=meetings),
            Paragraph.objects.filter(document__meeting__in=meetings),
            SourceDocument.objects.filter(meeting__in=meetings),
            meetings,
            series,
            Membership.objects.filter(group__slug__startswith=PREFIX),
            TopicAlias.objects.filter(topic__slug__startswith=PREFIX),
            Topic.objects.filter(slug__startswith=PREFIX, parent__isnull=False),
            Topic.objects.filter(slug__startswith=PREFIX),
            Person.objects.filter(slug__startswith=PREFIX),
            Organization.objects.filter(slug__startswith=PREFIX),
        ]
        try:
            with transaction.atomic():
                removed = sum(step._raw_delete(db) for step in steps)
                transaction.on_commit(bump_content_version)
        except DatabaseError as error:
            raise CommandError(
                f"Could not remove the synthetic records (is a real record linked to one?): {error}"
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Removed {existing:,} synthetic meetings ({removed:,} rows) "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def generate(self, existing, total, seed, batch_size, workers, verbosity):
        started = time.monotonic()
        with transaction.atomic():
            if not Lookups.exist():
                Lookups.create(random.Random(seed))
            series = self.ensure_series(Lookups.ministry_instance(), total)
        self.stdout.write(
            f"Adding synthetic meetings {existing + 1:,} to {total:,} in batches of "
            f"{batch_size:,} ({workers} worker{'s' if workers > 1 else ''})..."
        )
        ranges = [
            (first, min(first + batch_size, total + 1))
            for first in range(existing + 1, total + 1, batch_size)
        ]
        # A progress bar for a person watching, on stderr; none in a log or with -v 0.
        shown = verbosity > 0 and self.stderr.isatty()
        progress = Progress(self.stderr, "meetings", total - existing) if shown else None
        writing = time.monotonic()
        new_ids, written = [], 0
        try:
            for ids, rows in run_parallel(
                write_batch, ranges, workers, init_worker, (series, seed)
            ):
                new_ids += ids
                written += rows
                if progress:
                    progress.update(len(ids))
        except DatabaseError as error:
            raise CommandError(
                f"Writing a batch failed ({error}); the batches written before it stay. "
                "Run with --delete to start again."
            ) from error
        finally:
            # bulk_create sent no signals: expire the public page cache here.
            bump_content_version()
        if progress:
            progress.finish()
        generated = time.monotonic() - writing
        vectors = " and their search vectors" if search.uses_postgresql() else ""
        self.stdout.write(
            f"Wrote {len(new_ids):,} meetings ({written:,} rows){vectors} in {generated:.1f} s "
            f"({len(new_ids) / generated:,.0f} meetings/s)."
        )
        if search.uses_postgresql():
            self.analyze()
        self.stdout.write(
            self.style.SUCCESS(
                f"The synthetic series now hold {total:,} meetings "
                f"({time.monotonic() - started:.1f} s in all)."
            )
        )

    def ensure_series(self, ministry, total):
        numbers = range(1, (total - 1) // MEETINGS_PER_SERIES + 2)
        series = {}
        for number in numbers:
            suffix = "" if number == 1 else f" {number}"
            row, _ = Series.objects.get_or_create(
                slug=series_slug(number),
                defaults={
                    "name": f"Synthetic benchmark series{suffix} {LABEL}",
                    "short_name": f"SYN{number}" if number > 1 else "SYN",
                    "organiser": ministry,
                    "description": (
                        "Generated by manage.py generate_synthetic to measure the site at "
                        "scale. Every meeting, organisation, person and topic in it is made "
                        "up: none of it is real data."
                    ),
                },
            )
            series[number] = row.pk
        return series

    def analyze(self):
        """Fresh planner statistics: bulk loads leave them stale until autovacuum comes by."""
        started = time.monotonic()
        tables = [
            model._meta.db_table
            for model in (
                Meeting,
                SourceDocument,
                Paragraph,
                Participation,
                Appearance,
                DiscussionPoint,
                DiscussionPoint.topics.through,
                TopicMention,
                Organization,
                Membership,
                Topic,
                Person,
                Series,
            )
        ]
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
        self.stdout.write(f"Analysed the tables in {time.monotonic() - started:.1f} s.")
