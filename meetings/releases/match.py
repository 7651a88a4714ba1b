"""Match what a parsed release names to rows of the archive.

The parser (``parse.py``) reports names as written and the name-table entry they match;
here they become organisations, people, series, topics and, for a release about a meeting
already in the archive, that meeting. Nothing is written: the curator confirms the
matches and the writer (``draft.py``) stores them. A participant or person that matches
nothing is proposed as a new row, not saved (``pk`` is None): the writer creates it unless
the curator drops the row (None). Nothing is guessed: a new row is never an existing one.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.text import slugify

from ..models import Meeting, Organization, Person, Series, Topic
from .names import ORGANIZATIONS
from .parse.forms import fold


def name_key(text):
    """The form names are compared in: NFKC (full-width letters), case and spacing folded,
    a leading "the" dropped."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\s\u3000・･]+", " ", text).strip(" .,")
    return re.sub(r"^the ", "", text)


@dataclass
class Matches:
    """The archive's rows for a release, in the order of the release's own lists."""

    # Per participant and per person; a row not saved yet is a new one, None is dropped.
    organizations: list[Organization | None] = field(default_factory=list)
    people: list[Person | None] = field(default_factory=list)
    # Per person: the organisation they represent (the parser's ``on_behalf_of``), or None.
    on_behalf_of: list[Organization | None] = field(default_factory=list)
    series: Series | None = None
    topics: list[tuple[Topic, int, str]] = field(default_factory=list)  # (topic, paragraph, quote)
    meeting: Meeting | None = None  # the meeting the release is about, when already archived


def match_release(release):
    """Every match for ``release`` (a ParsedRelease), in a constant number of queries."""
    organizations = OrganizationIndex()
    people = PersonIndex()
    series = match_series(release.meeting.series)
    return Matches(
        organizations=[
            organizations.find(p.slug, p.name, p.source_words) or organizations.new(p.slug, p.name)
            for p in release.participants
        ],
        people=[people.find(p.name, p.english_name) or people.new(p) for p in release.people],
        on_behalf_of=[
            organizations.find(p.on_behalf_of) or organizations.new(p.on_behalf_of, "")
            if p.on_behalf_of
            else None
            for p in release.people
        ],
        series=series,
        topics=match_topics([without_names(release, p.text) for p in release.paragraphs]),
        meeting=existing_meeting(release.meeting, series),
    )


class OrganizationIndex:
    """Organisations by slug, name, abbreviation and other names (Japanese ones too)."""

    def __init__(self):
        rows = Organization.objects.prefetch_related("other_names")
        self.by_slug = {}
        self.by_name = {}
        self.new_rows = {}
        for organization in rows:
            self.by_slug[organization.slug] = organization
            forms = [organization.name, organization.abbreviation]
            forms += [other.name for other in organization.other_names.all()]
            for form in filter(None, forms):
                self.by_name.setdefault(name_key(form), organization)

    def find(self, slug, *names):
        if slug and slug in self.by_slug:
            return self.by_slug[slug]
        for name in names:
            found = self.by_name.get(name_key(name)) if name else None
            if found:
                return found
        return None

    def new(self, slug, name):
        """An organisation to create, as the name table knows it (or as the release names
        it); one per name, however often the release names it."""
        entry = TABLE_ENTRIES.get(slug)
        name = entry.name if entry else name
        key = slug or name_key(name)
        if key not in self.new_rows:
            self.new_rows[key] = Organization(
                name=name[:200],
                slug=(slug or slugify(name))[:100],
                abbreviation=entry.abbreviations[0][:30] if entry and entry.abbreviations else "",
                classification=entry.classification if entry else guess_classification(name),
                iso_code=entry.iso_code if entry else "",
            )
        return self.new_rows[key]


TABLE_ENTRIES = {entry.slug: entry for entry in ORGANIZATIONS}
BODY_WORDS = re.compile(
    r"\b(?:organi[sz]ation|agency|office|commission|committee|secretariat|centre|center|"
    r"institute|council|forum|fund|bank|programme|program|union)\b|機関|事務局|委員会|機構|センター",
    re.IGNORECASE,
)


def guess_classification(name):
    """A name the table does not know: a body if its words say so, else a country."""
    if BODY_WORDS.search(name):
        return Organization.Classification.INTERNATIONAL_BODY
    return Organization.Classification.COUNTRY


class PersonIndex:
    """People by either name order ("Hitoshi Kimura", "KIMURA Hitoshi", "Kimura, Hitoshi")
    and by their other names (木村仁)."""

    def __init__(self):
        self.by_name = {}
        self.new_rows = {}
        for person in Person.objects.prefetch_related("other_names"):
            forms = [person.name, person.sort_name.replace(",", " ")]
            forms += [other.name for other in person.other_names.all()]
            for form in filter(None, forms):
                self.by_name.setdefault(name_key(form), person)
                self.by_name.setdefault(name_key(" ".join(reversed(form.split()))), person)

    def find(self, *names):
        for name in names:
            found = self.by_name.get(name_key(name)) if name else None
            if found:
                return found
        return None

    def new(self, parsed):
        """A person to create, given name first ("KITAGAWA Katsuro" as "Katsuro Kitagawa");
        a release naming them in both orders proposes one person."""
        name = parsed.english_name or parsed.name
        key = name_key(name)
        if key not in self.new_rows:
            given, _, family = name.rpartition(" ")
            self.new_rows[key] = Person(
                name=name[:200],
                sort_name=(f"{family}, {given}" if given else name)[:200],
                honorific=parsed.honorific[:20],
                slug=(slugify(name) or "person")[:100],
            )
            self.new_rows[name_key(" ".join(reversed(name.split())))] = self.new_rows[key]
        return self.new_rows[key]


def match_series(parsed):
    """The series a parsed ``Series`` names: by slug, name, abbreviation or other name."""
    if parsed is None:
        return None
    forms = [form for form in (parsed.name, parsed.short_name) if form]
    query = Q(slug=parsed.slug) if parsed.slug else Q(pk__in=[])
    for form in forms:
        query |= Q(name__iexact=form) | Q(short_name__iexact=form)
        query |= Q(other_names__name__iexact=form)
    return Series.objects.filter(query).distinct().order_by("pk").first()


def new_series(parsed):
    """A series to create, as the release names it (its abbreviation, else its name); the
    writer gives it an organiser (the publisher) and a free web address."""
    if parsed is None or not (parsed.short_name or parsed.name):
        return None
    short_name = parsed.short_name or parsed.name
    return Series(
        name=(parsed.name or short_name)[:200],
        short_name=short_name[:30],
        slug=slugify(short_name)[:100],
    )


def match_topics(texts):
    """(topic, ¶N, quote) for each topic first named in the texts (¶N: 1-based, as the
    page numbers paragraphs), by name or alias. Words match in either case and number
    ("export control", "Export controls"); an abbreviation only as written and whole
    ("PSI", not "PSIs"); Japanese, which has no spaces, wherever it stands (輸出管理)."""
    forms = []
    for topic in Topic.objects.prefetch_related("aliases"):
        for form in [topic.name, *(alias.name for alias in topic.aliases.all())]:
            form = fold(unicodedata.normalize("NFKC", form))
            forms.append((len(form), topic_pattern(form), topic))
    forms.sort(key=lambda item: -item[0])  # the longest name wins a shared span
    found = {}
    for number, text in enumerate(texts, start=1):
        folded = fold(text)  # one character for one: the quote is the text's own words
        for _length, pattern, topic in forms:
            if topic.pk in found:
                continue
            hit = pattern.search(folded)
            if hit:
                found[topic.pk] = (topic, number, text[hit.start() : hit.end()])
    return sorted(found.values(), key=lambda item: item[1])


def without_names(release, text):
    """The text less the meeting's own name: アジア不拡散協議 names no topic (不拡散)."""
    names = [release.meeting.title]
    if release.meeting.series:
        names.append(release.meeting.series.name)
    for name in filter(None, names):
        text = text.replace(name, " " * len(name))
    return text


def topic_pattern(form):
    if not form.isascii():
        return re.compile(re.escape(form))
    if len(form.split()) == 1 and re.search(r"[A-Z]{2}|\d", form):  # PSI, 3S, INFCIRC/540
        return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")
    stem = form[:-1] if form.endswith("s") else form
    return re.compile(rf"(?<!\w){re.escape(stem)}(?:s|es)?(?!\w)", re.IGNORECASE)


def existing_meeting(parsed, series):
    """The archived meeting a release is about: the same series and edition, else the same
    start date and title."""
    if series is not None and series.pk and parsed.ordinal:
        meeting = Meeting.objects.filter(series=series, ordinal=parsed.ordinal).first()
        if meeting:
            return meeting
    if parsed.start_date and parsed.title:
        return Meeting.objects.filter(
            start_date=parsed.start_date, title__iexact=parsed.title
        ).first()
    return None
