"""Full-text search: PostgreSQL's text search where available, a plain match on SQLite.

Both backends share one interface:

- ``clean_query(raw)`` validates what a person typed (``QueryError`` explains a refusal);
- ``filter_meetings(queryset, query)`` narrows a meeting queryset (the ``q`` filter);
- ``search_site(query)`` finds meetings, paragraphs, topics, organisations and people,
  each hit with a highlighted snippet and the reason it matched.

A query is a list of phrases: quoted words stay together ("Pacific Shield"), other
words stand alone and need not be next to each other. Other names count: a phrase that
is a name of a public topic, organisation, series or person is also searched as each
of its other names ("PSI" and "Proliferation Security Initiative", "DPRK" and "North
Korea"), and a word with a joinable prefix in its other spellings ("nonproliferation",
"non-proliferation"); see ``alternatives``.

Japanese text has no spaces, and PostgreSQL's text search has no parser for it: runs
of kana and kanji are indexed as overlapping pairs ("不拡散" as "不拡 拡散 散") in the
same vectors, with the "simple" configuration, and a query's runs are searched as
phrases of pairs. SQLite matches any text plainly.

On PostgreSQL, meetings and paragraphs carry a ``search_vector`` column with a GIN
index. ``refresh_search_vectors`` keeps them current; signal handlers call it on
every change (``deferred_refresh`` batches the calls during bulk loads).
"""

import contextlib
import operator
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, F, Func, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Lower
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import citations, languages
from .curation.text import control_character_message

MAX_QUERY_LENGTH = 200
# Relevance ranking looks at this many matches of a kind at most (see _best_matches).
RANKED_CANDIDATES = 500
CONFIG = "english"
RESULTS_PER_KIND = 20
# Markers around matches in snippets: control characters that no text contains,
# swapped for <mark> after the snippet has been escaped.
START, STOP = "\x02", "\x03"
# Kana, kanji and the marks written inside Japanese words (々, ー).
CJK_CHARACTERS = "ぁ-ゟ゠-ヿㇰ-ㇿ㐀-䶿一-鿿豈-﫿々〆ー"
CJK_CLASS = f"[{CJK_CHARACTERS}]"
CJK_RUN = re.compile(f"{CJK_CLASS}+")
# Prefixes written joined or hyphenated: "nonproliferation", "non-proliferation".
JOINABLE_PREFIXES = ("anti", "counter", "cross", "multi", "non", "semi", "self")
LONGEST_NAME_IN_WORDS = 6
MAX_ALTERNATIVES = 12


class QueryError(ValueError):
    """A query that cannot be searched, with a message for the person who typed it."""


def clean_query(raw):
    unreadable = control_character_message(raw or "")
    if unreadable:
        raise QueryError(f"The search cannot be run. {unreadable}")
    query = " ".join((raw or "").split())
    if not query:
        raise QueryError("Type a word or phrase to search for.")
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(
            f"That search is {len(query)} characters long; please use at most {MAX_QUERY_LENGTH}."
        )
    return query


def uses_postgresql():
    return connection.vendor == "postgresql"


def phrases(query):
    """The phrases of a query: quoted words ("Pacific Shield", straight or typographic
    quotes) stay together, other words stand alone."""
    query = re.sub("[“”„«»「」『』]", '"', query)
    found = re.findall(r'"([^"]*)"|(\S+)', query)
    return tuple(
        " ".join(quoted.split()) or word for quoted, word in found if quoted.strip() or word
    )


def _name_key(text):
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def spellings(text):
    """Other spellings of a word, or of two words, with a prefix written joined or
    hyphenated ("nonproliferation", "non-proliferation", "non proliferation")."""
    words = text.split()
    if len(words) == 2 and words[0].casefold() in JOINABLE_PREFIXES:
        return {f"{words[0]}-{words[1]}", f"{words[0]}{words[1]}"}
    if len(words) != 1:
        return set()
    if re.fullmatch(r"\w+(-\w+)+", text):
        return {text.replace("-", "")}
    for prefix in JOINABLE_PREFIXES:
        joined = text.casefold().startswith(prefix) and text[len(prefix) : len(prefix) + 1] != "-"
        if joined and len(text) > len(prefix) + 3:
            return {f"{text[: len(prefix)]}-{text[len(prefix) :]}"}
    return set()


def other_names(candidates):
    """{name key: every name of the same thing} for the public topics, organisations,
    series and people that one of ``candidates`` names."""
    from .models import Organization, Person, Series, Topic

    keys = {_name_key(candidate) for candidate in candidates}
    named = {
        Topic: ("name", "aliases__name"),
        Organization: ("name", "abbreviation", "other_names__name"),
        Series: ("name", "short_name", "other_names__name"),
        Person: ("name", "other_names__name"),
    }
    # One query: for every (model, name field), the names of the owners a key names.
    rows = []
    for model, fields in named.items():
        lowered = {f"name_{index}": Lower(field) for index, field in enumerate(fields)}
        matches = reduce(operator.or_, (Q(**{f"{key}__in": keys}) for key in lowered))
        owners = model.objects.public().annotate(**lowered).filter(matches).values("pk")
        for field in fields:
            rows.append(
                model.objects.filter(pk__in=owners)
                .order_by()
                .annotate(owner_model=Value(model._meta.model_name), owner=F("pk"), other=F(field))
                .values_list("owner_model", "owner", "other")
            )
    groups = {}
    for owner_model, owner, name in rows[0].union(*rows[1:], all=True):
        if name:
            groups.setdefault((owner_model, owner), set()).add(name)
    names = {}
    for group in groups.values():
        for name in group:
            names.setdefault(_name_key(name), set()).update(group)
    return names


def alternatives(query):
    """The query as typed, then with each name or hyphenated word in it replaced by each
    of its other names and spellings: phrase tuples, any one of which may match."""
    base = phrases(query)
    spans = [
        (start, start + length, " ".join(base[start : start + length]))
        for length in range(min(LONGEST_NAME_IN_WORDS, len(base)), 0, -1)
        for start in range(len(base) - length + 1)
    ]
    names = other_names(text for _start, _end, text in spans)
    found = [base]
    taken = set()
    for start, end, text in spans:  # longest first: "Security Initiative" stays whole
        replacements = (names.get(_name_key(text), set()) | spellings(text)) - {text}
        if not replacements or taken & set(range(start, end)):
            continue
        taken.update(range(start, end))
        # Replacements are made in the query as typed, each alone, so positions hold.
        for replacement in sorted(replacements):
            found.append((*base[:start], replacement, *base[end:]))
    return list(dict.fromkeys(found))[:MAX_ALTERNATIVES]


def query_terms(query):
    """The alternatives of a query written out, the query first (for notes and tests)."""
    return _written(alternatives(query))


def _written(alternatives):
    return [
        alternative[0]
        if len(alternative) == 1
        else " ".join(f'"{phrase}"' if " " in phrase else phrase for phrase in alternative)
        for alternative in alternatives
    ]


def _bigram_query(run):
    if len(run) == 1:
        return f"'{run}':*"
    return " <-> ".join(f"'{run[index : index + 2]}'" for index in range(len(run) - 1))


def _alternative_query(alternative):
    """One alternative as a tsquery: its words through websearch, its Japanese runs as
    phrases of character pairs; all must match."""
    words = []
    parts = []
    for phrase in alternative:
        for run in CJK_RUN.findall(phrase):
            parts.append(SearchQuery(_bigram_query(run), search_type="raw", config="simple"))
        rest = " ".join(CJK_RUN.sub(" ", phrase).split())
        if rest:
            words.append(f'"{rest}"' if " " in rest else rest)
    if words:
        parts.insert(0, SearchQuery(" ".join(words), search_type="websearch", config=CONFIG))
    return reduce(operator.and_, parts)


def _search_query(alternatives):
    return reduce(operator.or_, (_alternative_query(alternative) for alternative in alternatives))


def _has_cjk(alternatives):
    return any(CJK_RUN.search(phrase) for alternative in alternatives for phrase in alternative)


def _all_phrases(alternatives):
    return sorted({phrase for alternative in alternatives for phrase in alternative})


class CJKBigrams(Func):
    """The kana and kanji of a text as overlapping pairs, a run's last character alone
    ("不拡散は" → "不拡 拡散 散は は"): words the "simple" text search configuration
    indexes. A text without such characters costs one regular-expression test."""

    template = (
        f"(SELECT coalesce(string_agg(CASE WHEN substr(doc.t, i + 1, 1) ~ '{CJK_CLASS}' "
        "THEN substr(doc.t, i, 2) ELSE substr(doc.t, i, 1) END, ' ' ORDER BY i), '') "
        "FROM (SELECT %(expressions)s AS t) AS doc, generate_series(1, CASE WHEN doc.t ~ "
        f"'{CJK_CLASS}' THEN length(doc.t) ELSE 0 END) AS i "
        f"WHERE substr(doc.t, i, 1) ~ '{CJK_CLASS}')"
    )
    output_field = TextField()


def _contains_any(phrase, *fields):
    return reduce(operator.or_, (Q(**{f"{field}__icontains": phrase}) for field in fields))


def _matching(alternatives, has_phrase):
    """SQLite: rows that hold every phrase of at least one alternative."""
    return reduce(
        operator.or_,
        (
            reduce(operator.and_, (has_phrase(phrase) for phrase in alternative))
            for alternative in alternatives
        ),
    )


def filter_meetings(queryset, query):
    """Meetings matching ``query`` (already cleaned); the caller orders them."""
    return _meetings_matching(queryset, alternatives(query))


def _meetings_matching(queryset, alternatives):
    if uses_postgresql():
        return queryset.filter(search_vector=_search_query(alternatives))
    return queryset.filter(_matching(alternatives, _meeting_has))


def _meeting_has(phrase):
    """SQLite: a meeting shows ``phrase`` on its page (the texts of its PostgreSQL vector)."""
    from .models import Appearance, MeetingDay, Paragraph, Participation, SideEvent, TopicMention

    meeting = OuterRef("pk")
    fields = ("title", "short_name", "summary", "venue_name", "venue_description", "city")
    return (
        _contains_any(phrase, *fields, "series__name", "series__other_names__name")
        | Exists(Paragraph.objects.filter(_contains_any(phrase, "text"), document__meeting=meeting))
        | Exists(
            TopicMention.objects.filter(
                _contains_any(phrase, "topic__name", "topic__aliases__name"),
                paragraph__document__meeting=meeting,
            )
        )
        | Exists(
            Participation.objects.filter(
                _contains_any(
                    phrase,
                    "source_words",
                    "organization__name",
                    "organization__abbreviation",
                    "organization__other_names__name",
                ),
                meeting=meeting,
            )
        )
        | Exists(
            Appearance.objects.filter(
                _contains_any(phrase, "title", "person__name", "person__other_names__name"),
                meeting=meeting,
            )
        )
        | Exists(MeetingDay.objects.filter(_contains_any(phrase, "venue_name"), meeting=meeting))
        | Exists(
            SideEvent.objects.filter(_contains_any(phrase, "title", "venue_name"), meeting=meeting)
        )
    )


# Keeping the PostgreSQL vectors current -------------------------------------------

_deferred = threading.local()


def _aggregate(queryset, field):
    """One row per meeting: the ``field`` values of ``queryset`` joined by spaces."""
    return Coalesce(
        Subquery(
            queryset.values("meeting_key")
            .annotate(joined=StringAgg(field, " ", distinct=True))
            .values("joined")[:1]
        ),
        Value(""),
        output_field=TextField(),
    )


def refresh_search_vectors(meeting_ids=None):
    """Rebuild the search vectors of these meetings (all when None); PostgreSQL only.

    A meeting's vector holds every text its page shows; one UPDATE per table, set-based."""
    from .models import (
        Appearance,
        Meeting,
        MeetingDay,
        Paragraph,
        Participation,
        Series,
        SeriesName,
        SideEvent,
        TopicAlias,
        TopicMention,
    )

    if not uses_postgresql():
        return
    meetings = Meeting.objects.all()
    paragraphs = Paragraph.objects.all()
    if meeting_ids is not None:
        meetings = meetings.filter(pk__in=meeting_ids)
        paragraphs = paragraphs.filter(document__meeting__in=meeting_ids)
    meeting = OuterRef("pk")
    mentions = TopicMention.objects.filter(paragraph__document__meeting=meeting).annotate(
        meeting_key=F("paragraph__document__meeting")
    )
    aliases = TopicAlias.objects.filter(
        topic__mentions__paragraph__document__meeting=meeting
    ).annotate(meeting_key=F("topic__mentions__paragraph__document__meeting"))
    participants = Participation.objects.filter(meeting=meeting).annotate(meeting_key=F("meeting"))
    people = Appearance.objects.filter(meeting=meeting).annotate(meeting_key=F("meeting"))
    days = MeetingDay.objects.filter(meeting=meeting).annotate(meeting_key=F("meeting"))
    side_events = SideEvent.objects.filter(meeting=meeting).annotate(meeting_key=F("meeting"))
    texts = Paragraph.objects.filter(document__meeting=meeting).annotate(
        meeting_key=F("document__meeting")
    )
    series_name = Coalesce(
        Subquery(Series.objects.filter(pk=OuterRef("series")).values("name")[:1]), Value("")
    )
    series_names = SeriesName.objects.filter(series__meetings=meeting).annotate(
        meeting_key=F("series__meetings")
    )
    names = [
        _aggregate(series_names, "name"),
        _aggregate(mentions, "topic__name"),
        _aggregate(aliases, "name"),
        _aggregate(participants, "organization__name"),
        _aggregate(participants, "organization__abbreviation"),
        _aggregate(participants, "organization__other_names__name"),
        _aggregate(people, "person__name"),
        _aggregate(people, "person__other_names__name"),
    ]
    shown = [
        F("summary"),
        F("venue_name"),
        F("venue_description"),
        F("city"),
        series_name,
        _aggregate(participants, "source_words"),
        _aggregate(people, "title"),
        _aggregate(days, "venue_name"),
        _aggregate(side_events, "title"),
        _aggregate(side_events, "venue_name"),
    ]
    body = _aggregate(texts, "text")
    everything = [F("title"), F("short_name"), *names, *shown, body]
    meetings.update(
        search_vector=SearchVector("title", "short_name", weight="A", config=CONFIG)
        + SearchVector(*names, weight="B", config=CONFIG)
        + SearchVector(*shown, weight="C", config=CONFIG)
        + SearchVector(body, weight="D", config=CONFIG)
        + SearchVector(CJKBigrams(_joined(everything)), weight="D", config="simple")
    )
    paragraphs.update(
        search_vector=SearchVector("text", config=CONFIG)
        + SearchVector(CJKBigrams(F("text")), config="simple")
    )


def _joined(expressions):
    """The texts one after another, a space apart (PostgreSQL's concat_ws skips NULLs)."""
    return Func(Value(" "), *expressions, function="concat_ws", output_field=TextField())


def schedule_refresh(meeting_id):
    """Refresh one meeting now, or at the end of ``deferred_refresh()`` when inside one."""
    pending = getattr(_deferred, "meeting_ids", None)
    if pending is not None:
        pending.add(meeting_id)
    elif meeting_id is not None:
        refresh_search_vectors([meeting_id])


@contextlib.contextmanager
def deferred_refresh():
    """Collect refreshes during a bulk write and run them once at the end."""
    if getattr(_deferred, "meeting_ids", None) is not None:
        yield  # already collecting: the outermost block refreshes
        return
    _deferred.meeting_ids = set()
    try:
        yield
        pending = _deferred.meeting_ids
    finally:
        _deferred.meeting_ids = None
    if pending:
        refresh_search_vectors(pending)


class DeferredRefreshMiddleware:
    """A request that writes (an admin save, an import) refreshes each meeting's search
    text once, when its view is done, however many of the meeting's rows it saved."""

    SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.SAFE_METHODS:
            return self.get_response(request)
        with deferred_refresh():
            return self.get_response(request)


# Searching the whole site ---------------------------------------------------------


@dataclass
class Hit:
    kind: str  # "meeting", "paragraph", "topic", "organization", "person"
    obj: object
    title: str
    url: str
    snippet: str  # safe HTML, matches in <mark>
    reason: str


def highlight(text):
    """Escape a snippet that marks matches with START/STOP and turn the marks into <mark>."""
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))


def _holds_any(text, terms):
    folded = text.casefold()
    return any(term.casefold() in folded for term in terms)


def mark_terms(text, terms, width=240):
    """SQLite's stand-in for SearchHeadline: a window around the first match, marked."""
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    first = pattern.search(text)
    if first is None:
        return highlight(text[:width] + ("…" if len(text) > width else ""))
    start = max(0, first.start() - width // 3)
    window = text[start : start + width]
    marked = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", window)
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    return highlight(prefix + marked + suffix)


def _best_matches(queryset, search, *tiebreak):
    """The matches of ``search`` ranked by relevance, and whether there were too many.

    Ranking every match of a common word means reading every matching row: at
    100,000 meetings that took seconds. So the index supplies the first
    RANKED_CANDIDATES matches (in no particular order) and only those are ranked.
    """
    ids = list(
        queryset.filter(search_vector=search)
        .order_by()
        .values_list("pk", flat=True)[: RANKED_CANDIDATES + 1]
    )
    ranked = (
        queryset.filter(pk__in=ids[:RANKED_CANDIDATES])
        .annotate(rank=SearchRank(F("search_vector"), search))
        .order_by("-rank", *tiebreak)
    )
    return ranked, len(ids) > RANKED_CANDIDATES


def _headline(field, search):
    return SearchHeadline(
        field,
        search,
        config=CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
    )


def shown_name(record):
    """A hit's name in the page's language, the English beside a Japanese one."""
    local = languages.name_in(record, get_language())
    return f"{local} ({record.name})" if local and local != record.name else record.name


def search_site(query):
    """Hits for ``query`` (cleaned) among the public meetings, paragraphs and lookups,
    and notes for the reader where a kind had more matches than were ranked."""
    from .models import Meeting, Organization, Paragraph, Person, Topic

    found = alternatives(query)
    terms = _all_phrases(found)
    written = _written(found)
    alias_note = (
        _(" (also searched as %(terms)s)") % {"terms": ", ".join(repr(t) for t in written[1:])}
        if len(written) > 1
        else ""
    )
    japanese = _has_cjk(found)
    meetings = Meeting.objects.public()
    paragraphs = Paragraph.objects.public().select_related("document__meeting")
    topics = Topic.objects.public()
    organizations = Organization.objects.public()
    people = Person.objects.public()
    meeting_hits = _meetings_matching(meetings, found).select_related("series")
    notes = []

    if uses_postgresql():
        search = _search_query(found)
        meeting_hits, too_many_meetings = _best_matches(
            meetings.select_related("series"), search, "-start_date"
        )
        paragraphs, too_many_paragraphs = _best_matches(
            paragraphs, search, "document__meeting__start_date", "position"
        )
        if not japanese:  # a headline marks words, not the character pairs of Japanese
            meeting_hits = meeting_hits.annotate(snippet=_headline("summary", search))
            paragraphs = paragraphs.annotate(snippet=_headline("text", search))
        for too_many, kind in [
            (too_many_meetings, "meetings"),
            (too_many_paragraphs, "paragraphs"),
        ]:
            if too_many:
                notes.append(
                    f"More than {RANKED_CANDIDATES} {kind} match: the best shown are the best "
                    f"of the first {RANKED_CANDIDATES}. Add words to narrow the search."
                )
    else:
        meeting_hits = meeting_hits.order_by("-start_date")
        paragraphs = paragraphs.filter(
            _matching(found, lambda phrase: _contains_any(phrase, "text"))
        ).order_by("document__meeting__start_date", "position")

    if uses_postgresql() and not japanese:
        topic_vector = SearchVector("name", "aliases__name", config=CONFIG) + SearchVector(
            "description", config=CONFIG, weight="C"
        )
        topics = (
            topics.annotate(document=topic_vector)
            .filter(document=search)
            .annotate(snippet=_headline("description", search))
        )
        organizations = organizations.annotate(
            document=SearchVector(
                "name", "abbreviation", "other_names__name", "description", config=CONFIG
            )
        ).filter(document=search)
        people = people.annotate(
            document=SearchVector("name", "other_names__name", "description", config=CONFIG)
        ).filter(document=search)
    else:
        topics = topics.filter(
            _matching(
                found,
                lambda phrase: _contains_any(phrase, "name", "aliases__name", "description"),
            )
        )
        organizations = organizations.filter(
            _matching(
                found,
                lambda phrase: _contains_any(
                    phrase, "name", "abbreviation", "other_names__name", "description"
                ),
            )
        )
        people = people.filter(
            _matching(
                found,
                lambda phrase: _contains_any(phrase, "name", "other_names__name", "description"),
            )
        )
    # With their other names: a hit found by one shows it (木村仁 for Hitoshi Kimura).
    topics = topics.order_by("name").distinct().prefetch_related("aliases")
    organizations = organizations.order_by("name").distinct().prefetch_related("other_names")
    people = people.order_by("sort_name").distinct().prefetch_related("other_names")

    def snippet(obj, text):
        marked = getattr(obj, "snippet", None)
        return highlight(marked) if marked is not None else mark_terms(text, terms)

    def named_snippet(record, text):
        """The text marked where it holds a term, else the record's names marked."""
        if _holds_any(text, terms):
            return snippet(record, text)
        names = [record.name, *(other.name for other in languages.other_names(record))]
        return mark_terms(" · ".join(dict.fromkeys(names)), terms)

    hits = []
    for meeting in meeting_hits[:RESULTS_PER_KIND]:
        hits.append(
            Hit(
                "meeting",
                meeting,
                f"{meeting.title} ({meeting.short_name})",
                meeting.get_absolute_url(),
                snippet(meeting, meeting.summary),
                _("Matched the meeting's title, summary, participants, topics or text")
                + alias_note,
            )
        )
    for paragraph in paragraphs[:RESULTS_PER_KIND]:
        meeting = paragraph.document.meeting
        hits.append(
            Hit(
                "paragraph",
                paragraph,
                f"{meeting.short_name}, {paragraph.document.get_kind_display().lower()}, "
                f"{citations.locator(paragraph)}",
                f"{meeting.get_absolute_url()}#{paragraph.anchor}",
                snippet(paragraph, paragraph.text),
                _("Matched words of the source text") + alias_note,
            )
        )
    for topic in topics[:RESULTS_PER_KIND]:
        hits.append(
            Hit(
                "topic",
                topic,
                shown_name(topic),
                topic.get_absolute_url(),
                named_snippet(topic, topic.description),
                _("Matched the topic's name, an alias or its description") + alias_note,
            )
        )
    for organization in organizations[:RESULTS_PER_KIND]:
        hits.append(
            Hit(
                "organization",
                organization,
                shown_name(organization),
                organization.get_absolute_url(),
                named_snippet(organization, organization.description),
                _("Matched the name, abbreviation or description"),
            )
        )
    for person in people[:RESULTS_PER_KIND]:
        hits.append(
            Hit(
                "person",
                person,
                shown_name(person),
                person.get_absolute_url(),
                named_snippet(person, person.description),
                _("Matched the person's name or description"),
            )
        )
    if japanese and not hits:
        notes.append(_nothing_in_japanese())
    return hits, notes


def _nothing_in_japanese():
    """What the archive holds in Japanese, for a Japanese query that found nothing."""
    from .models import Meeting, OrganizationName, PersonName, SeriesName, TopicAlias

    nothing = _("Nothing in the archive matches these Japanese words.")
    if Meeting.objects.public().filter(sources__language__startswith="ja").exists():
        return nothing
    names = [OrganizationName, PersonName, SeriesName, TopicAlias]
    if any(model.objects.filter(language__startswith="ja").exists() for model in names):
        return (
            nothing
            + " "
            + _(
                "It holds the Japanese names of participants, people, series and topics, "
                "but no release in Japanese yet: try the English words."
            )
        )
    return _(
        "The archive holds no Japanese text yet: its records are in English. Try the English words."
    )
