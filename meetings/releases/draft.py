"""Write a parsed release into the archive: a draft meeting, or a new source of a meeting
already there, with the links the curator confirmed.

One service, one transaction: every row is cleaned before it is saved, and any refusal
(ValidationError) leaves the archive as it was. The source keeps the white space of the
paste beside its paragraphs, so ``SourceDocument.rebuild()`` gives the paste back byte
for byte.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ..models import (
    Appearance,
    Meeting,
    MeetingDay,
    OrganizationName,
    Paragraph,
    ParticipantCount,
    Participation,
    PersonName,
    SideEvent,
    SourceDocument,
    TopicMention,
)
from .names import ORGANIZATIONS

TABLE_ENTRIES = {entry.slug: entry for entry in ORGANIZATIONS}

LINE_BREAK_NAMES = {"\n": "lf", "\r\n": "crlf", "\r": "cr"}
CHAIR_ROLES = {Participation.Role.CHAIR, Participation.Role.CO_CHAIR}
TRANSLATIONS = {
    SourceDocument.Relation.TRANSLATION,
    SourceDocument.Relation.PROVISIONAL_TRANSLATION,
}


@transaction.atomic
def write_release(*, release, matches, publisher, attach_to=None):
    """Store ``release`` (a ParsedRelease) and the rows of ``matches`` (a Matches the curator
    confirmed; None entries are left out, unsaved ones are created). Returns the source
    document written.

    Without ``attach_to`` a draft meeting is created from the release; with it, the release
    becomes another source of that meeting (a translation names the meeting's source in
    the other language as its original)."""
    meeting = attach_to or create_meeting(release=release, series=matches.series)
    document = create_source(release=release, meeting=meeting, publisher=publisher)
    paragraphs = create_paragraphs(release=release, document=document)
    link_participants(release=release, matches=matches, meeting=meeting, paragraphs=paragraphs)
    for position, count in enumerate(release.participant_counts, start=meeting_rows(meeting)):
        save(
            ParticipantCount(
                meeting=meeting,
                count=count.count,
                what=count.what[:200],
                approximate=count.approximate,
                source_words=count.source_words[:300],
                position=position,
                source_paragraph=paragraphs[count.paragraph],
            )
        )
    link_people(release=release, matches=matches, meeting=meeting, paragraphs=paragraphs)
    for topic, index, quote in matches.topics:
        save(TopicMention(topic=topic, paragraph=paragraphs[index], quote=quote[:300]))
    last = meeting.side_events.order_by("-position").values_list("position", flat=True).first()
    for position, event in enumerate(release.side_events, start=(last or 0) + 1):
        save(
            SideEvent(
                meeting=meeting,
                kind=event.kind,
                title=event.title[:300],
                date=event.date,
                venue_name=event.venue_name[:200],
                position=position,
                source_paragraph=paragraphs[event.paragraph],
            )
        )
    if attach_to is None:
        for venue in release.meeting.venues:
            # The paragraph that names the day's venue is the one the day cites.
            cited = next((p for p in paragraphs if venue.name and venue.name in p.text), None)
            if venue.date and cited:
                save(
                    MeetingDay(
                        meeting=meeting,
                        date=venue.date,
                        venue_name=venue.name,
                        city=venue.city,
                        source_paragraph=cited,
                    )
                )
    return document


def save(row):
    row.full_clean()
    row.save()
    return row


def unique_slug(model, base, fallback):
    """``base`` slugified (a Japanese title gives none: then ``fallback``), made unique."""
    stem = (slugify(base) or slugify(fallback))[:90].strip("-") or "release"
    slug, number = stem, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{stem}-{number}", number + 1
    return slug


def create_meeting(*, release, series):
    parsed = release.meeting
    if not parsed.start_date:
        raise ValidationError("The release gives no date for the meeting: enter it first.")
    fallback = f"meeting-{parsed.start_date.isoformat()}"
    return save(
        Meeting(
            series=series,
            ordinal=parsed.ordinal if series else None,
            title=parsed.title[:300],
            short_name=parsed.short_name,
            slug=unique_slug(Meeting, parsed.short_name or parsed.title, fallback),
            start_date=parsed.start_date,
            end_date=parsed.end_date or parsed.start_date,
            date_precision=parsed.date_precision or Meeting.DatePrecision.DAY,
            format=parsed.format,
            venue_name=parsed.venue_name[:200],
            city=parsed.city[:100],
            status=Meeting.Status.DRAFT,
        )
    )


def create_source(*, release, meeting, publisher):
    parsed = release.source
    relation = {"provisional_translation": "provisional_translation", "copy": "copy"}.get(
        parsed.relation, ""
    )
    original = None
    if relation in TRANSLATIONS:
        original = meeting.sources.exclude(language=parsed.language).order_by("pk").first()
        if original is None:
            relation = ""  # the original is not in the archive (yet): nothing to point at
    return save(
        SourceDocument(
            meeting=meeting,
            slug=unique_slug(
                SourceDocument,
                f"{meeting.slug}-{parsed.kind}-{parsed.language}",
                f"{meeting.slug}-source",
            ),
            kind=parsed.kind,
            title=(parsed.title or release.meeting.title or meeting.title)[:300],
            publisher=publisher,
            published_on=parsed.published_on or meeting.start_date,
            language=parsed.language,
            original_url=parsed.original_url,
            copy_url=parsed.copy_url,
            # The archive captures a release when it is imported, from the page it was
            # copied from (a copy's own address, else the original's).
            captured_on=timezone.localdate(),
            captured_from=parsed.copy_url or parsed.original_url,
            relation=relation,
            related_source=original,
            trailing=release.trailing,
            line_break=LINE_BREAK_NAMES[release.line_break],
            odd_line_breaks={
                str(number): LINE_BREAK_NAMES[line_break]
                for number, line_break in release.odd_line_breaks.items()
            },
        )
    )


def create_paragraphs(*, release, document):
    paragraphs = [
        Paragraph(
            document=document,
            position=position,
            label=parsed.label,
            kind=parsed.kind,
            text=parsed.text,
            separator=parsed.separator,
            gap=parsed.gap,
        )
        for position, parsed in enumerate(release.paragraphs, start=1)
    ]
    pasted = release.rebuild()
    for paragraph, parsed in zip(paragraphs, release.paragraphs, strict=True):
        try:
            # A paragraph may be only a label ("(*)"): its text may be empty.
            paragraph.full_clean(exclude=["text"] if not paragraph.text else None)
        except ValidationError as error:
            line = len(pasted[: parsed.start].splitlines()) or 1
            if pasted[: parsed.start].endswith(("\n", "\r")):
                line += 1
            raise ValidationError(f"Line {line}: {'; '.join(error.messages)}") from None
    return Paragraph.objects.bulk_create(paragraphs)


def meeting_rows(meeting):
    """The next free position among the meeting's counts (a second source adds to them)."""
    last = meeting.participant_counts.order_by("-position").first()
    return last.position + 1 if last else 0


def link_participants(*, release, matches, meeting, paragraphs):
    """One participation per organisation and status: a name listed twice is kept once."""
    taken = {(p.organization_id, p.status): p for p in meeting.participations.all()}
    hosts = {p.status for p in taken.values() if p.role == Participation.Role.HOST}
    position = len(taken)
    by_slug = {}
    for parsed, organization in zip(release.participants, matches.organizations, strict=True):
        if organization is None:
            continue  # dropped by the curator
        if organization.pk is None:
            create_organization(organization, parsed)
        if (organization.pk, parsed.status) in taken:
            continue
        roles = [role for role in parsed.roles if role in Participation.Role.values]
        if Participation.Role.HOST in roles:  # a host that also chairs: the chair is second
            role = Participation.Role.HOST
        else:
            role = roles[0] if roles else Participation.Role.PARTICIPANT
        if role == Participation.Role.HOST and parsed.status in hosts:
            role = Participation.Role.PARTICIPANT
        chair_role = next((r for r in roles if r in CHAIR_ROLES and role not in CHAIR_ROLES), "")
        position += 1
        participation = save(
            Participation(
                meeting=meeting,
                organization=organization,
                role=role,
                chair_role=chair_role,
                status=parsed.status,
                named_under=by_slug.get(parsed.member_of),
                list_complete=parsed.list_complete,
                source_words=parsed.source_words[:300],
                position=position,
                source_paragraph=paragraphs[parsed.paragraph],
            )
        )
        taken[organization.pk, parsed.status] = participation
        by_slug[parsed.slug] = participation
        if role == Participation.Role.HOST:
            hosts.add(parsed.status)


def create_organization(organization, parsed):
    """A participant the archive did not have: saved with a free web address, and the
    name table's other names (Japanese ones too) so the next release matches it."""
    organization.slug = unique_slug(type(organization), organization.slug, "organization")
    save(organization)
    entry = TABLE_ENTRIES.get(parsed.slug)
    names = {*(entry.en if entry else ()), *(entry.ja if entry else ())}
    for name in sorted(names - {organization.name}):
        language = "en" if name.isascii() else "ja"
        save(OrganizationName(organization=organization, name=name[:200], language=language))


def create_person(person, parsed):
    """A person the archive did not have, given name first; the name as the release writes
    it (浅野勝人, KITAGAWA Katsuro) and its kana reading are kept as other names."""
    person.slug = unique_slug(type(person), person.slug, "person")
    save(person)
    others = [
        (parsed.name, "en" if parsed.name.isascii() else "ja", PersonName.Kind.USUAL),
        (parsed.reading, "ja", PersonName.Kind.READING),
    ]
    for name, language, kind in others:
        if name and name != person.name:
            save(PersonName(person=person, name=name[:200], language=language, kind=kind))


def link_people(*, release, matches, meeting, paragraphs):
    """An appearance for each confirmed person, created first if new; the title held at
    the meeting as the source states it (blank when it states none)."""
    taken = set(meeting.appearances.values_list("person_id", "role"))
    position = len(taken)
    for parsed, person in zip(release.people, matches.people, strict=True):
        role = parsed.role or Appearance.Role.SPEAKER
        if person is None:
            continue  # dropped by the curator
        if person.pk is None:
            create_person(person, parsed)
        if (person.pk, role) in taken:
            continue
        position += 1
        save(
            Appearance(
                meeting=meeting,
                person=person,
                role=role,
                title=(parsed.title or "")[:200],
                source_words=parsed.source_words[:300],
                position=position,
                source_paragraph=paragraphs[parsed.paragraph],
            )
        )
        taken.add((person.pk, role))
