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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import (
    Appearance,
    Meeting,
    MeetingDay,
    OrganizationName,
    Paragraph,
    ParticipantCount,
    Participation,
    PersonName,
    SeriesName,
    SideEvent,
    SourceDocument,
    TopicMention,
)
from .names import ORGANIZATIONS, SERIES

TABLE_ENTRIES = {entry.slug: entry for entry in ORGANIZATIONS}
SERIES_ENTRIES = {entry.slug: entry for entry in SERIES}

LINE_BREAK_NAMES = {"\n": "lf", "\r\n": "crlf", "\r": "cr"}
CHAIR_ROLES = {Participation.Role.CHAIR, Participation.Role.CO_CHAIR}


@transaction.atomic
def write_release(*, release, matches, publisher, attach_to=None, captured_from="", relation=""):
    """Store ``release`` (a ParsedRelease) and the rows of ``matches`` (a Matches the curator
    confirmed; None entries are left out, unsaved ones are created). Returns the source
    document written.

    Without ``attach_to`` a draft meeting is created from the release; with it, the release
    becomes another source of that meeting; ``relation`` (one of RELATIONS) is what the
    curator says it is to the meeting's source in another language, "" when nothing is
    stated. A release whose text (same language) the archive already holds, as a source of
    any meeting, is refused.
    ``captured_from`` is the address the curator says the text was copied from; without
    it the source is recorded as entered by a curator, on the day of the import."""
    held = held_copy(release)
    if held is not None:
        raise ValidationError(_("%(held)s Nothing was saved.") % {"held": held_message(held)})
    if attach_to is None and matches.series is not None and matches.series.pk is None:
        create_series(matches.series, publisher)
    meeting = attach_to or create_meeting(release=release, series=matches.series)
    document = create_source(
        release=release,
        meeting=meeting,
        publisher=publisher,
        captured_from=captured_from,
        relation=relation,
    )
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
                source_paragraph=cited(paragraphs, count.paragraph),
            )
        )
    link_people(release=release, matches=matches, meeting=meeting, paragraphs=paragraphs)
    for topic, number, quote in matches.topics:
        save(TopicMention(topic=topic, paragraph=cited(paragraphs, number), quote=quote[:300]))
    held_events = list(meeting.side_events.all())
    last = max((held.position for held in held_events), default=0)
    events = [event for event in release.side_events if held_event(held_events, event) is None]
    for position, event in enumerate(events, start=last + 1):
        save(
            SideEvent(
                meeting=meeting,
                kind=event.kind,
                title=event.title[:300],
                date=event.date,
                venue_name=event.venue_name[:200],
                source_words=event.source_words[:500],
                position=position,
                source_paragraph=cited(paragraphs, event.paragraph),
            )
        )
    if attach_to is not None and release.source.language == "ja":
        keep_japanese_names(release=release, matches=matches, meeting=meeting)
    if attach_to is None:
        for venue in release.meeting.venues:
            # The paragraph that names the day's venue is the one the day cites.
            naming = next((p for p in paragraphs if venue.name and venue.name in p.text), None)
            if venue.date and naming:
                save(
                    MeetingDay(
                        meeting=meeting,
                        date=venue.date,
                        venue_name=venue.name,
                        city=venue.city,
                        source_paragraph=naming,
                    )
                )
    return document


def save(row):
    row.full_clean()
    row.save()
    return row


def cited(paragraphs, number):
    """The stored paragraph a fact of the release cites by its ¶N (1-based, as the page
    numbers them)."""
    return paragraphs[number - 1]


def unique_slug(model, base, fallback):
    """``base`` slugified (a Japanese title gives none: then ``fallback``), made unique."""
    stem = (slugify(base) or slugify(fallback))[:90].strip("-") or "release"
    slug, number = stem, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{stem}-{number}", number + 1
    return slug


def create_series(series, publisher):
    """A series the archive did not have, organised by whoever publishes its releases
    (corrected on the series' page if not), at a free web address."""
    series.organiser = publisher
    series.slug = unique_slug(type(series), series.slug, "series")
    return save(series)


def create_meeting(*, release, series):
    parsed = release.meeting
    if not parsed.start_date:
        raise ValidationError(_("The release gives no date for the meeting: enter it first."))
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


def held_copy(release):
    """The source of any meeting whose text, in the release's language, is the release's;
    None when the archive does not hold it. Candidates share the first paragraph's text."""
    if not release.paragraphs:
        return None
    text = release.rebuild()
    candidates = SourceDocument.objects.filter(
        language=release.source.language,
        paragraphs__position=1,
        paragraphs__text=release.paragraphs[0].text,
    ).select_related("meeting")
    return next((source for source in candidates.order_by("pk") if source.rebuild() == text), None)


def held_message(source):
    return _("This release is already a source of %(meeting)s: “%(title)s” (%(language)s).") % {
        "meeting": source.meeting,
        "title": source.title,
        "language": source.language_name,
    }


ORIGINAL = "original"  # the source added is the original of the other-language one
RELATIONS = {
    "": gettext_lazy("None stated"),
    SourceDocument.Relation.TRANSLATION: SourceDocument.Relation.TRANSLATION.label,
    SourceDocument.Relation.PROVISIONAL_TRANSLATION: (
        SourceDocument.Relation.PROVISIONAL_TRANSLATION.label
    ),
    ORIGINAL: gettext_lazy("Original of"),
}


def create_source(*, release, meeting, publisher, captured_from="", relation=""):
    """The source document; ``relation`` relates it to the meeting's source in another
    language (the same kind first), which must exist."""
    parsed = release.source
    own, original = ("copy", None) if parsed.relation == "copy" else ("", None)
    version = None
    if relation:
        version = other_language_version(meeting, parsed) or other_language_version(
            meeting, parsed, same_kind=False
        )
        if version is None:
            raise ValidationError(
                {
                    "relation": _(
                        "%(meeting)s has no source in another language to relate this one to."
                    )
                    % {"meeting": meeting}
                }
            )
    if relation in (
        SourceDocument.Relation.TRANSLATION,
        SourceDocument.Relation.PROVISIONAL_TRANSLATION,
    ):
        own, original = relation, version
    document = save(
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
            # The day the archive took the text in; the address only when the curator
            # says the text was copied from it (a paste names no page of its own).
            captured_on=timezone.localdate(),
            captured_from=captured_from,
            relation=own,
            related_source=original,
            trailing=release.trailing,
            line_break=LINE_BREAK_NAMES[release.line_break],
            odd_line_breaks={
                str(number): LINE_BREAK_NAMES[line_break]
                for number, line_break in release.odd_line_breaks.items()
            },
        )
    )
    if relation == ORIGINAL:
        version.relation, version.related_source = SourceDocument.Relation.TRANSLATION, document
        save(version)
    return document


def other_language_version(meeting, parsed, *, same_kind=True):
    """The meeting's first source in another language (of the same kind, unless told
    otherwise) that is not itself a translation or a copy; None if it has none."""
    sources = meeting.sources.exclude(language=parsed.language).filter(relation="")
    if same_kind:
        sources = sources.filter(kind=parsed.kind)
    return sources.order_by("pk").first()


def keep_japanese_names(*, release, matches, meeting):
    """A Japanese release added to a meeting: the Japanese names it gives the people, the
    organisations and the series are kept as their other names, for those that have none
    in Japanese yet (names as written, and a person's kana reading)."""
    for parsed, person in zip(release.people, matches.people, strict=True):
        if person is None or person.other_names.filter(language="ja").exists():
            continue
        for name, kind in [
            (parsed.name, PersonName.Kind.USUAL),
            (parsed.reading, PersonName.Kind.READING),
        ]:
            if name and not name.isascii():
                save(PersonName(person=person, name=name[:200], language="ja", kind=kind))
    for parsed, organization in zip(release.participants, matches.organizations, strict=True):
        words = parsed.source_words
        if organization is None or parsed.member_of or not words or words.isascii():
            continue
        if not organization.other_names.filter(language="ja").exists():
            save(OrganizationName(organization=organization, name=words[:200], language="ja"))
    series, named = meeting.series, release.meeting.series
    if series is None or named is None or series.other_names.filter(language="ja").exists():
        return
    # The series' Japanese name in the title (the name table's), or the one the reader found.
    entry = SERIES_ENTRIES.get(named.slug)
    found = [name for name in (entry.ja if entry else ()) if name in release.meeting.title]
    name = next(iter(found), "" if named.name.isascii() else named.name)
    if name:
        save(SeriesName(series=series, name=name[:200], language="ja"))


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
            raise ValidationError(
                _("Line %(line)s: %(errors)s") % {"line": line, "errors": "; ".join(error.messages)}
            ) from None
    return Paragraph.objects.bulk_create(paragraphs)


def meeting_rows(meeting):
    """The next free position among the meeting's counts (a second source adds to them)."""
    last = meeting.participant_counts.order_by("-position").first()
    return last.position + 1 if last else 0


def link_participants(*, release, matches, meeting, paragraphs):
    """One participation per organisation: a name listed twice, or already linked to the
    meeting (whatever this release says of it), is kept once, as it was first stated."""
    taken = {p.organization_id: p for p in meeting.participations.all()}
    hosts = {p.status for p in taken.values() if p.role == Participation.Role.HOST}
    position = len(taken)
    by_slug = {}
    for parsed, organization in zip(release.participants, matches.organizations, strict=True):
        if organization is None:
            continue  # dropped by the curator
        if organization.pk is None:
            create_organization(organization, parsed.slug)
        if organization.pk in taken:
            by_slug.setdefault(parsed.slug, taken[organization.pk])
            continue
        role, chair_role = participation_roles(parsed.roles, parsed.status)
        if role == Participation.Role.HOST and parsed.status in hosts:
            role = Participation.Role.PARTICIPANT
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
                source_paragraph=cited(paragraphs, parsed.paragraph),
            )
        )
        taken[organization.pk] = participation
        by_slug[parsed.slug] = participation
        if role == Participation.Role.HOST:
            hosts.add(parsed.status)


def participation_roles(roles, status):
    """The role and the second chair role of a participant read with ``roles`` and
    ``status``: a host that also chairs is a host with a chair role; one with no role is
    an observer when that is its status, else a participant."""
    roles = [role for role in roles if role in Participation.Role.values]
    if Participation.Role.HOST in roles:
        role = Participation.Role.HOST
    elif roles:
        role = roles[0]
    elif status == Participation.Status.OBSERVER:
        role = Participation.Role.OBSERVER
    else:
        role = Participation.Role.PARTICIPANT
    chair_role = next((r for r in roles if r in CHAIR_ROLES and role not in CHAIR_ROLES), "")
    return role, chair_role


def create_organization(organization, table_slug):
    """An organisation the archive did not have: saved with a free web address, and the
    name table's other names (Japanese ones too) so the next release matches it."""
    organization.slug = unique_slug(type(organization), organization.slug, "organization")
    save(organization)
    entry = TABLE_ENTRIES.get(table_slug)
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
    the meeting as the source states it (blank when it states none), and the organisation
    they spoke for (``matches.on_behalf_of``: created first if new, unless the participant
    row that names it was dropped and nothing else names it)."""
    held = list(meeting.appearances.select_related("person"))
    taken = {appearance.person_id for appearance in held}
    position = len(taken)
    rows = zip(release.people, matches.people, matches.on_behalf_of, strict=True)
    for index, (parsed, person, represented) in enumerate(rows):
        role = parsed.role or Appearance.Role.SPEAKER
        if person is None:
            continue  # dropped by the curator
        if represented is not None and represented.pk is None:
            create_organization(represented, represented.slug)
        same = held_person(held, role, represented) if person.pk is None else None
        if same is not None:
            # The person the meeting has in this role for this organisation, written in
            # another script (リンタン・サリ・デウィ for Lintang Sari Dewi): their other name.
            person = matches.people[index] = same
            if not person.other_names.filter(name=parsed.name).exists():
                language = release.source.language
                save(PersonName(person=person, name=parsed.name[:200], language=language))
        if person.pk is None:
            create_person(person, parsed)
        if person.pk in taken:
            continue  # one appearance a person: the first source's title and role stand
        position += 1
        save(
            Appearance(
                meeting=meeting,
                person=person,
                role=role,
                title=(parsed.title or "")[:200],
                on_behalf_of=represented,
                source_words=parsed.source_words[:300],
                position=position,
                source_paragraph=cited(paragraphs, parsed.paragraph),
            )
        )
        taken.add(person.pk)


def held_person(held, role, represented):
    """The one person among the meeting's appearances ``held`` in ``role`` on behalf of
    ``represented``; None when there is none, or more than one, or no organisation."""
    if represented is None:
        return None
    found = {a.person for a in held if a.role == role and a.on_behalf_of_id == represented.pk}
    return found.pop() if len(found) == 1 else None


def left_out(*, release, matches, meeting):
    """What writing ``release`` into ``meeting`` would leave out, as sentences for the
    curator: an organisation kept with the status the meeting has where the release says
    another, a person already appearing, a side event of a kind or day already held."""
    notes = []
    held = {p.organization_id: p for p in meeting.participations.select_related("organization")}
    for parsed, organization in zip(release.participants, matches.organizations, strict=True):
        participation = held.get(organization.pk) if organization is not None else None
        if participation is not None and participation.status != parsed.status:
            kept = participation.get_status_display().lower()
            said = Participation.Status(parsed.status).label.lower()
            notes.append(
                _(
                    "%(organisation)s already takes part in %(meeting)s as %(held)s; this "
                    "release says %(read)s: saving keeps %(held)s."
                )
                % {
                    "organisation": participation.organization.name,
                    "meeting": meeting,
                    "held": kept,
                    "read": said,
                }
            )
    appearing = set(meeting.appearances.values_list("person_id", flat=True))
    for person in matches.people:
        if person is not None and person.pk in appearing:
            notes.append(
                _(
                    "%(person)s already appears in %(meeting)s: the title and role first given "
                    "stand."
                )
                % {"person": person.name, "meeting": meeting}
            )
    events = list(meeting.side_events.all())
    for event in release.side_events:
        same = held_event(events, event)
        if same is not None:
            words = {"meeting": meeting, "kind": same.get_kind_display().lower()}
            if same.date:
                note = _(
                    "%(meeting)s already has a %(kind)s on %(day)s: this release's is not added."
                ) % {**words, "day": same.date.isoformat()}
            else:
                note = _("%(meeting)s already has a %(kind)s: this release's is not added.") % words
            notes.append(note)
    return notes


def held_event(events, event):
    """The side event among ``events`` (the meeting's) that a parsed ``event`` repeats: the
    same kind, or the same day; None when it is new."""
    for held in events:
        if held.kind == event.kind or (held.date and held.date == event.date):
            return held
    return None
