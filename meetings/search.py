"""Full-text search: PostgreSQL's text search where available, a plain match on SQLite.

Both backends share one interface:

- ``clean_query(raw)`` validates what a person typed (``QueryError`` explains a refusal);
- ``filter_meetings(queryset, query)`` narrows a meeting queryset (the ``q`` filter);
- ``search_site(query)`` finds meetings, paragraphs, topics, organisations and people,
  each hit with a highlighted snippet and the reason it matched.

Topic names and aliases count: "PSI" also finds "Proliferation Security Initiative"
and the other way round (``query_terms``).

On PostgreSQL, meetings and paragraphs carry a ``search_vector`` column with a GIN
index. ``refresh_search_vectors`` keeps them current; signal handlers call it on
every change (``deferred_refresh`` batches the calls during bulk loads).
"""

import contextlib
import operator
import re
import threading
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .curation.text import control_character_message

MAX_QUERY_LENGTH = 200
# Relevance ranking looks at this many matches of a kind at most (see _best_matches).
RANKED_CANDIDATES = 500
CONFIG = "english"
RESULTS_PER_KIND = 20
# Markers around matches in snippets: control characters that no text contains,
# swapped for <mark> after the snippet has been escaped.
START, STOP = "\x02", "\x03"


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


def query_terms(query):
    """The query, plus every name and alias of a topic that the query names exactly."""
    from .models import Topic, TopicAlias

    named = Topic.objects.public().filter(Q(name__iexact=query) | Q(aliases__name__iexact=query))
    # One query: the union of names and aliases (default orderings dropped for it).
    names = Topic.objects.filter(pk__in=named.values("pk")).order_by().values_list("name")
    aliases = TopicAlias.objects.filter(topic__in=named.values("pk")).order_by().values_list("name")
    terms = {query.casefold(): query}
    for (name,) in sorted(names.union(aliases)):
        terms.setdefault(name.casefold(), name)
    return list(terms.values())


def _search_query(terms):
    return reduce(
        operator.or_,
        (SearchQuery(term, search_type="websearch", config=CONFIG) for term in terms),
    )


def _contains_any(terms, *fields):
    return reduce(
        operator.or_, (Q(**{f"{field}__icontains": term}) for term in terms for field in fields)
    )


def filter_meetings(queryset, query):
    """Meetings matching ``query`` (already cleaned); the caller orders them."""
    return _meetings_matching(queryset, query_terms(query))


def _meetings_matching(queryset, terms):
    from .models import Paragraph, Participation, TopicMention

    if uses_postgresql():
        return queryset.filter(search_vector=_search_query(terms))
    meeting = OuterRef("pk")
    return queryset.filter(
        _contains_any(terms, "title", "short_name", "summary", "venue_name", "city")
        | Exists(Paragraph.objects.filter(_contains_any(terms, "text"), document__meeting=meeting))
        | Exists(
            TopicMention.objects.filter(
                _contains_any(terms, "topic__name", "topic__aliases__name"),
                paragraph__document__meeting=meeting,
            )
        )
        | Exists(
            Participation.objects.filter(
                _contains_any(terms, "organization__name", "organization__abbreviation"),
                meeting=meeting,
            )
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
    """Rebuild the search vectors of these meetings (all when None); PostgreSQL only."""
    from .models import Appearance, Meeting, Paragraph, Participation, TopicAlias, TopicMention

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
    texts = Paragraph.objects.filter(document__meeting=meeting).annotate(
        meeting_key=F("document__meeting")
    )
    meetings.update(
        search_vector=SearchVector("title", "short_name", weight="A", config=CONFIG)
        + SearchVector(
            _aggregate(mentions, "topic__name"),
            _aggregate(aliases, "name"),
            _aggregate(participants, "organization__name"),
            _aggregate(participants, "organization__abbreviation"),
            _aggregate(people, "person__name"),
            weight="B",
            config=CONFIG,
        )
        + SearchVector("summary", "venue_name", "city", weight="C", config=CONFIG)
        + SearchVector(_aggregate(texts, "text"), weight="D", config=CONFIG)
    )
    paragraphs.update(search_vector=SearchVector("text", config=CONFIG))


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


def search_site(query):
    """Hits for ``query`` (cleaned) among the public meetings, paragraphs and lookups,
    and notes for the reader where a kind had more matches than were ranked."""
    from .models import Meeting, Organization, Paragraph, Person, Topic

    terms = query_terms(query)
    alias_note = (
        f" (also searched as {', '.join(repr(t) for t in terms[1:])})" if len(terms) > 1 else ""
    )
    meetings = Meeting.objects.public()
    paragraphs = Paragraph.objects.public().select_related("document__meeting")
    topics = Topic.objects.public()
    organizations = Organization.objects.public()
    people = Person.objects.public()
    meeting_hits = _meetings_matching(meetings, terms).select_related("series")
    notes = []

    if uses_postgresql():
        search = _search_query(terms)
        meeting_hits, too_many_meetings = _best_matches(
            meetings.select_related("series"), search, "-start_date"
        )
        meeting_hits = meeting_hits.annotate(snippet=_headline("summary", search))
        paragraphs, too_many_paragraphs = _best_matches(
            paragraphs, search, "document__meeting__start_date", "position"
        )
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
        topic_vector = SearchVector("name", "aliases__name", config=CONFIG) + SearchVector(
            "description", config=CONFIG, weight="C"
        )
        topics = (
            topics.annotate(document=topic_vector)
            .filter(document=search)
            .annotate(snippet=_headline("description", search))
            .order_by("name")
            .distinct()
        )
        organizations = (
            organizations.annotate(
                document=SearchVector("name", "abbreviation", "description", config=CONFIG)
            )
            .filter(document=search)
            .order_by("name")
        )
        people = (
            people.annotate(document=SearchVector("name", "description", config=CONFIG))
            .filter(document=search)
            .order_by("sort_name")
        )
    else:
        meeting_hits = meeting_hits.order_by("-start_date")
        paragraphs = paragraphs.filter(_contains_any(terms, "text")).order_by(
            "document__meeting__start_date", "position"
        )
        topics = (
            topics.filter(_contains_any(terms, "name", "aliases__name", "description"))
            .order_by("name")
            .distinct()
        )
        organizations = organizations.filter(
            _contains_any(terms, "name", "abbreviation", "description")
        )
        people = people.filter(_contains_any(terms, "name", "description"))

    def snippet(obj, text):
        marked = getattr(obj, "snippet", None)
        return highlight(marked) if marked is not None else mark_terms(text, terms)

    hits = []
    for meeting in meeting_hits[:RESULTS_PER_KIND]:
        hits.append(
            Hit(
                "meeting",
                meeting,
                f"{meeting.title} ({meeting.short_name})",
                meeting.get_absolute_url(),
                snippet(meeting, meeting.summary),
                "Matched the meeting's title, summary, participants, topics or text" + alias_note,
            )
        )
    for paragraph in paragraphs[:RESULTS_PER_KIND]:
        meeting = paragraph.document.meeting
        label = paragraph.label or paragraph.get_kind_display().lower()
        hits.append(
            Hit(
                "paragraph",
                paragraph,
                f"{meeting.short_name}, {paragraph.document.get_kind_display().lower()}, {label}",
                f"{meeting.get_absolute_url()}#{paragraph.anchor}",
                snippet(paragraph, paragraph.text),
                "Matched words of the source text" + alias_note,
            )
        )
    for topic in topics[:RESULTS_PER_KIND]:
        hits.append(
            Hit(
                "topic",
                topic,
                topic.name,
                topic.get_absolute_url(),
                snippet(topic, topic.description),
                "Matched the topic's name, an alias or its description" + alias_note,
            )
        )
    for organization in organizations[:RESULTS_PER_KIND]:
        hits.append(
            Hit(
                "organization",
                organization,
                organization.name,
                organization.get_absolute_url(),
                mark_terms(organization.description or organization.name, terms),
                "Matched the name, abbreviation or description",
            )
        )
    for person in people[:RESULTS_PER_KIND]:
        hits.append(
            Hit(
                "person",
                person,
                person.name,
                person.get_absolute_url(),
                mark_terms(person.description or person.name, terms),
                "Matched the person's name or description",
            )
        )
    return hits, notes
