"""Public pages. What the public may see is each model's ``public()``: published
meetings and the series, organisations, people and topics they use. Staff also
see drafts (marked) on the meeting list and page (``visible_meetings()``); pages
about lookups show public rows only, to everyone.
"""

from dataclasses import dataclass
from itertools import groupby

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Max, Min, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView, View

from . import citations, search
from .cache import remember
from .curation.merge import merged_into
from .curation.text import control_character_message
from .filters import MeetingFilterSet
from .languages import name_in, names_in, prefetch_names
from .models import (
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
    TopicMention,
)


def visible_meetings(request):
    if request.user.is_staff:
        return Meeting.objects.all()
    return Meeting.objects.public()


def unreadable_parameters(params):
    """{name: [message]} for query parameters holding a control character (NUL, ESC...).

    PostgreSQL refuses NUL in text outright; no parameter has a use for the others.
    """
    errors = {}
    for name, values in params.lists():
        for text in [name, *values]:
            message = control_character_message(text)
            if message:
                errors[name] = [message]
                break
    return errors


class CaseInsensitiveSlugMixin:
    """A slug in the wrong case (/meetings/ASTOP-V/, /meetings/ASTOP-V/cite.bib) redirects
    (301) to the same address with the right one, and so does the old slug of an
    organisation or person merged into another (``merged_model``); the extra queries are
    made only when the exact slug is not found."""

    merged_model = None

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:
            slug = kwargs.get("slug")
            if slug is None:  # a list's 404 (an unknown format): no record to look for
                raise
            found = self.get_queryset().filter(slug__iexact=slug).first()
            if found is None and self.merged_model is not None:
                merged = merged_into(self.merged_model, slug)
                found = merged and self.get_queryset().filter(pk=merged.pk).first()
            if found is None or found.slug == slug:
                raise
            url = reverse(request.resolver_match.view_name, kwargs={**kwargs, "slug": found.slug})
            if request.META.get("QUERY_STRING"):
                url += "?" + request.META["QUERY_STRING"]
            return HttpResponsePermanentRedirect(url)


def no_store(response):
    """Drafts are shown to staff only: never cache them anywhere."""
    response["Cache-Control"] = "no-cache, no-store, must-revalidate, private"
    return response


class HomeView(TemplateView):
    template_name = "meetings/home.html"

    def get_context_data(self, **kwargs):
        latest = list(Meeting.objects.public().select_related("series").order_by("-start_date")[:5])
        prefetch_names(meeting.series for meeting in latest)
        return super().get_context_data(
            counts=remember("home-counts", archive_counts), latest=latest, **kwargs
        )


def archive_counts():
    """How many series, meetings, organisations and topics the public can see."""
    return {
        "series": Series.objects.public().count(),
        "meetings": Meeting.objects.public().count(),
        "organizations": Organization.objects.public().count(),
        "topics": Topic.objects.public().count(),
    }


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    url: str
    selected: bool


class MeetingListView(ListView):
    """Meetings with filters (the shared MeetingFilterSet), facet counts and pages.

    Unknown parameters are ignored here (links from elsewhere carry their own);
    bad values of known ones answer 400 with the form's message, as does a control
    character in any parameter.
    """

    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"
    # The page cache keeps only URLs made of these (meetings.cache.canonical_url).
    query_parameters = (*MeetingFilterSet.base_filters, "page")
    paginate_by = 20
    facet_limit = 30

    def get(self, request, *args, **kwargs):
        self.filterset = MeetingFilterSet(
            request.GET,
            queryset=visible_meetings(request).select_related("series", "country"),
            request=request,
        )
        unreadable = unreadable_parameters(request.GET)
        if unreadable:
            return self.render_problem(400, filter_errors=unreadable)
        if not self.filterset.is_valid():
            return self.render_problem(400, filter_errors=self.filterset.errors)
        self.object_list = self.filterset.qs
        if "ordering" not in request.GET:
            self.object_list = self.object_list.order_by("-start_date", "slug")
        try:
            context = self.get_context_data()
        except InvalidPage:
            return self.render_problem(404, page_error=True)
        return self.render_to_response(context)

    def render_problem(self, status, **context):
        """The page with a message instead of results (bad filter values, no such page)."""
        self.object_list = Meeting.objects.none()
        self.paginate_by = None
        return self.render_to_response(self.get_context_data(**context), status=status)

    def paginate_queryset(self, queryset, page_size):
        # Unlike ListView's, an unknown page raises InvalidPage for get() to explain.
        paginator = Paginator(queryset, page_size)
        page = paginator.page(self.request.GET.get("page") or 1)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        prefetch_names(
            record
            for meeting in context["object_list"]
            for record in (meeting.series, meeting.country)
        )
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            filterset=self.filterset,
            query_string=params.urlencode(),
            facets=self.cached_facets() if self.filterset.is_valid() else {},
            active_filters=self.active_filters(),
        )
        return context

    def facet_url(self, name, value):
        params = self.request.GET.copy()
        params.pop("page", None)
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else self.request.path

    def facet(self, name, rows):
        selected = self.request.GET.get(name, "")
        return [
            FacetValue(value, label, count, self.facet_url(name, value), str(value) == selected)
            for value, label, count in rows
        ]

    def cached_facets(self):
        """Facet counts scan every matching meeting: keep them until the archive changes."""
        params = sorted(
            (name, value)
            for name, value in self.request.GET.items()
            if name in self.filterset.filters and name != "ordering"
        )
        rows = remember(
            "facets", self.facet_rows, self.request.user.is_staff, params, get_language()
        )
        return {name: self.facet(name, values) for name, values in rows.items()}

    def facet_rows(self):
        """(value, label, count) for each filter's values, within the current results."""
        meetings = self.object_list.values("pk")
        series = (
            Series.objects.filter(meetings__in=meetings)
            .annotate(n=Count("meetings"))
            .values_list("slug", "name", "n")
        )
        years = (
            Meeting.objects.filter(pk__in=meetings)
            .annotate(y=ExtractYear("start_date"))
            .values("y")
            .annotate(n=Count("pk"))
            .order_by("-y")
            .values_list("y", "y", "n")
        )
        participants = (
            Participation.objects.filter(meeting__in=meetings)
            .values("organization__slug", "organization__name")
            .annotate(n=Count("meeting", distinct=True))
            .order_by("-n", "organization__name")
            .values_list("organization__slug", "organization__name", "n")[: self.facet_limit]
        )
        topics = (
            TopicMention.objects.filter(paragraph__document__meeting__in=meetings)
            .values("topic__slug", "topic__name")
            .annotate(n=Count("paragraph__document__meeting", distinct=True))
            .order_by("-n", "topic__name")
            .values_list("topic__slug", "topic__name", "n")[: self.facet_limit]
        )
        rows = {
            "series": list(series),
            "year": list(years),
            "participant": list(participants),
            "topic": list(topics),
        }
        # Named in the page's language where the archive knows the name (one query each).
        for name, model in [("series", Series), ("participant", Organization), ("topic", Topic)]:
            local = names_in(model, [value for value, _label, _count in rows[name]], get_language())
            rows[name] = [(value, local.get(value, label), n) for value, label, n in rows[name]]
        return rows

    def active_filters(self):
        """(label, value, url without it) for each filter in use, to show and remove.

        A series, participant or topic is shown by its name, not its slug.
        """
        cleaned = getattr(self.filterset.form, "cleaned_data", {})
        active = []
        for name, field in self.filterset.form.fields.items():
            value = self.request.GET.get(name)
            if value and name != "ordering":
                shown = cleaned.get(name) or value
                if isinstance(shown, (Organization, Series, Topic)):
                    shown = name_in(shown, get_language()) or shown.name
                active.append((field.label, str(shown), self.facet_url(name, None)))
        return active


class MeetingDetailView(CaseInsensitiveSlugMixin, DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return visible_meetings(self.request).select_related("series", "country", "convener")

    def get_context_data(self, **kwargs):
        meeting = self.object
        prefetch_names([meeting.series])  # named above the record, which may be remembered
        permalink = self.request.build_absolute_uri(meeting.get_absolute_url())
        if meeting.is_published:
            record = remember(
                "meeting-record",
                lambda: self.render_record(meeting, permalink),
                meeting.pk,
                permalink,
                # Kept until the meeting or a record it shows changes, not any save.
                tags=[f"meeting-{meeting.slug}"],
            )
        else:
            record = self.render_record(meeting, permalink)  # drafts change often: never kept
        return super().get_context_data(permalink=permalink, **record, **kwargs)

    def render_record(self, meeting, permalink):
        """The costly part of the page: the release, the structured record, the citation."""
        meeting.load_record()
        prefetch_names(named_in_record(meeting))
        context = {
            "meeting": meeting,
            "previous_meeting": None,
            "next_meeting": None,
            "citation": citations.suggested_citation(meeting, permalink),
        }
        if meeting.series_id and meeting.ordinal:  # a one-off meeting has no neighbours
            editions = Meeting.objects.public().filter(series=meeting.series_id)
            context["previous_meeting"] = (
                editions.filter(ordinal__lt=meeting.ordinal).order_by("-ordinal").first()
            )
            context["next_meeting"] = (
                editions.filter(ordinal__gt=meeting.ordinal).order_by("ordinal").first()
            )
        return {
            "record_html": render_to_string(
                "includes/meeting_record.html", context, request=self.request
            ),
            "json_ld": citations.event_json_ld(meeting, permalink, self.request),
            "citation": context["citation"],
        }

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_published:
            return no_store(response)
        # The citations' access date is today's: no copy outlives midnight. No Last-Modified
        # either: an If-Modified-Since 304 would bring back yesterday's date; the ETag
        # (a hash of the body, which holds the date) answers conditional requests.
        patch_cache_control(response, max_age=citations.seconds_until_tomorrow())
        return response


def named_in_record(meeting):
    """The organisations, people, series and topics a meeting's loaded record names."""
    yield from (meeting.series, meeting.country, meeting.convener)
    for participation in meeting.participations.all():
        yield participation.organization
        if participation.named_under_id:
            yield participation.named_under.organization
        for membership in getattr(participation.organization, "members_on_date", ()):
            yield membership.member
    for appearance in meeting.appearances.all():
        yield from (appearance.person, appearance.on_behalf_of)
    for point in meeting.discussion_points.all():
        yield from point.topics.all()
    for source in meeting.sources.all():
        yield source.publisher
        for paragraph in source.paragraphs.all():
            for mention in paragraph.mentions.all():
                yield mention.topic


class MeetingCitationView(CaseInsensitiveSlugMixin, View):
    """BibTeX, RIS or CSL-JSON for a meeting's release, or one paragraph (?paragraph=N)."""

    query_parameters = ("paragraph",)

    def get_queryset(self):
        return visible_meetings(self.request).select_related("series")

    def get(self, request, slug, fmt):
        if fmt not in citations.FORMATS:
            raise Http404("Citations come as .bib, .ris or .json.")
        meeting = get_object_or_404(self.get_queryset(), slug=slug)
        source = meeting.sources.select_related("publisher").first()
        if source is None:
            raise Http404("This meeting has no source document to cite.")
        paragraph = None
        if "paragraph" in request.GET:
            try:
                position = int(request.GET["paragraph"])
            except ValueError:
                return HttpResponse(
                    "paragraph must be a whole number.", status=400, content_type="text/plain"
                )
            paragraph = get_object_or_404(Paragraph, document=source, position=position)
        permalink = request.build_absolute_uri(meeting.get_absolute_url())
        if paragraph:
            permalink += f"#{paragraph.anchor}"
        content_type, body = citations.render(
            fmt, meeting, source, paragraph, permalink, timezone.localdate()
        )
        name = slugify(f"{meeting.slug}-p{paragraph.position}" if paragraph else meeting.slug)
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response if meeting.is_published else no_store(response)


class SeriesListView(ListView):
    template_name = "meetings/series_list.html"
    context_object_name = "series_list"

    def get_queryset(self):
        editions = Q(meetings__in=Meeting.objects.public())
        return (
            Series.objects.public()
            .annotate(
                edition_count=Count("meetings", filter=editions),
                first_date=Min("meetings__start_date", filter=editions),
                last_date=Max("meetings__start_date", filter=editions),
            )
            .order_by("name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        prefetch_names(context["series_list"])
        return context


# The series page's participation matrix has a column for this many of the latest editions.
MATRIX_EDITIONS = 12


class SeriesDetailView(CaseInsensitiveSlugMixin, DetailView):
    template_name = "meetings/series_detail.html"
    context_object_name = "series"

    def get_queryset(self):
        return Series.objects.public().select_related("organiser")

    def get_context_data(self, **kwargs):
        editions = list(Meeting.objects.public().filter(series=self.object).order_by("ordinal"))
        # A column per edition: a long series would make a table of thousands of cells.
        matrix_editions = editions[-MATRIX_EDITIONS:]
        participations = Participation.objects.filter(meeting__in=matrix_editions).select_related(
            "organization"
        )
        rows = {}
        for participation in participations:
            organization = participation.organization
            rows.setdefault(organization.pk, (organization, {}))[1][participation.meeting_id] = (
                participation
            )
        matrix = [
            (organization, [cells.get(edition.pk) for edition in matrix_editions])
            for organization, cells in sorted(rows.values(), key=lambda row: row[0].name)
        ]
        prefetch_names([self.object, self.object.organiser, *(row[0] for row in matrix)])
        return super().get_context_data(
            editions=editions,
            timeline=timeline(editions),
            matrix_editions=matrix_editions,
            matrix=matrix,
            **kwargs,
        )


def timeline(editions):
    """The editions by year, oldest first, and the stretches of years without one.

    Rows are {"year": 2008, "editions": [...]} or {"gap": "2009–2011"}.
    """
    if not editions:
        return None
    rows = []
    by_year = groupby(sorted(editions, key=lambda edition: edition.start_date), year_of)
    for year, group in by_year:
        if rows:
            after, before = rows[-1]["year"] + 1, year - 1
            if after == before:
                rows.append({"gap": str(after)})
            elif after < before:
                rows.append({"gap": f"{after}–{before}"})
        rows.append({"year": year, "editions": list(group)})
    return {"rows": rows, "first": rows[0]["year"], "last": rows[-1]["year"]}


def year_of(meeting):
    return meeting.start_date.year


class ParticipantListView(ListView):
    template_name = "meetings/participant_list.html"
    context_object_name = "organizations"

    def get_queryset(self):
        return (
            Organization.objects.public()
            .annotate(
                meeting_count=Count(
                    "participations__meeting",
                    filter=Q(participations__meeting__in=Meeting.objects.public()),
                    distinct=True,
                )
            )
            .order_by("classification", "name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        prefetch_names(context["organizations"])
        return context


class ParticipantDetailView(CaseInsensitiveSlugMixin, DetailView):
    merged_model = Organization
    template_name = "meetings/participant_detail.html"
    context_object_name = "organization"

    def get_queryset(self):
        return Organization.objects.public().prefetch_related(
            Prefetch("parent", Organization.objects.public())
        )

    def get_context_data(self, **kwargs):
        organization = self.object
        # Each meeting carries the organisation's parts in it (a few rows at most).
        meetings = (
            Meeting.objects.public()
            .involving(organization)
            .select_related("series", "country", "convener")
            .prefetch_related(
                Prefetch(
                    "participations",
                    Participation.objects.filter(organization=organization).select_related(
                        "source_paragraph__document"
                    ),
                    to_attr="parts_as_participant",
                ),
                Prefetch(
                    "sources",
                    SourceDocument.objects.filter(publisher=organization),
                    to_attr="parts_as_publisher",
                ),
                Prefetch(
                    "appearances",
                    Appearance.objects.filter(on_behalf_of=organization).select_related(
                        "person", "source_paragraph__document"
                    ),
                    to_attr="parts_as_represented",
                ),
            )
            .order_by("-start_date", "slug")
        )
        memberships = Membership.objects.public().prefetch_related("references")
        meetings = list(meetings)
        series_organised = list(Series.objects.public().filter(organiser=organization))
        members = list(
            memberships.filter(group=organization)
            .select_related("member")
            .order_by("start_date", "member__name")
        )
        groups = list(
            memberships.filter(member=organization).select_related("group").order_by("start_date")
        )
        prefetch_names(
            [
                organization,
                organization.parent,
                *(meeting.series for meeting in meetings),
                *(
                    appearance.person
                    for meeting in meetings
                    for appearance in meeting.parts_as_represented
                ),
                *series_organised,
                *(membership.member for membership in members),
                *(membership.group for membership in groups),
            ]
        )
        return super().get_context_data(
            meetings=meetings,
            series_organised=series_organised,
            members=members,
            groups=groups,
            **kwargs,
        )


class PersonListView(ListView):
    """Everyone who appears in a published meeting, by family name, with the titles
    they held and the number of meetings."""

    template_name = "meetings/people_list.html"
    context_object_name = "people"
    query_parameters = ("page",)
    paginate_by = 100

    def get_queryset(self):
        appearances = Appearance.objects.public()
        return (
            Person.objects.public()
            .annotate(
                meeting_count=Count(
                    "appearances__meeting",
                    filter=Q(appearances__in=appearances),
                    distinct=True,
                )
            )
            .prefetch_related(
                Prefetch(
                    "appearances",
                    appearances.select_related("on_behalf_of").order_by(
                        "-meeting__start_date", "position"
                    ),
                    to_attr="public_appearances",
                )
            )
            .order_by("sort_name", "slug")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for person in context["people"]:
            person.titles = titles_held(person.public_appearances)
        prefetch_names(
            record
            for person in context["people"]
            for record in (person, *(organization for _title, organization in person.titles))
        )
        return context


def titles_held(appearances):
    """Each title and whom it was held for, once, the latest first: ("Senior
    Vice-Minister for Foreign Affairs", Japan)."""
    titles = {}
    for appearance in appearances:
        titles.setdefault((appearance.title, appearance.on_behalf_of_id), appearance)
    return [(appearance.title, appearance.on_behalf_of) for appearance in titles.values()]


class PersonDetailView(CaseInsensitiveSlugMixin, DetailView):
    merged_model = Person
    template_name = "meetings/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.public()

    def get_context_data(self, **kwargs):
        appearances = (
            Appearance.objects.public()
            .filter(person=self.object)
            .select_related("meeting", "on_behalf_of", "source_paragraph__document")
            .order_by("-meeting__start_date", "position")
        )
        appearances = list(appearances)
        prefetch_names([self.object, *(appearance.on_behalf_of for appearance in appearances)])
        return super().get_context_data(appearances=appearances, **kwargs)


class TopicListView(ListView):
    template_name = "meetings/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return (
            Topic.objects.public()
            .annotate(
                meeting_count=Count(
                    "mentions__paragraph__document__meeting",
                    filter=Q(mentions__paragraph__document__meeting__in=Meeting.objects.public()),
                    distinct=True,
                )
            )
            .order_by("kind", "name")
        )

    def get_context_data(self, **kwargs):
        glossary = (
            TopicMention.objects.public()
            .filter(kind=TopicMention.Kind.DEFINITION)
            .select_related("topic", "paragraph__document__meeting")
            .order_by("topic__name")
        )
        context = super().get_context_data(glossary=glossary, **kwargs)
        prefetch_names([*context["topics"], *(definition.topic for definition in glossary)])
        return context


class TopicDetailView(CaseInsensitiveSlugMixin, DetailView):
    template_name = "meetings/topic_detail.html"
    context_object_name = "topic"

    def get_queryset(self):
        public = Topic.objects.public()
        return public.prefetch_related(
            Prefetch("parent", public), "aliases", Prefetch("children", public)
        )

    def get_context_data(self, **kwargs):
        mentions = (
            TopicMention.objects.public()
            .filter(topic=self.object)
            .select_related("paragraph__document__meeting")
            .order_by("-paragraph__document__meeting__start_date", "paragraph__position")
        )
        points = (
            DiscussionPoint.objects.public()
            .filter(topics=self.object)
            .select_related("meeting", "source_paragraph__document", "parent")
            .order_by("-meeting__start_date", "position")
        )
        topic = self.object
        prefetch_names([topic, topic.parent, *topic.children.all()])
        return super().get_context_data(mentions=mentions, points=points, **kwargs)


class SearchView(TemplateView):
    template_name = "meetings/search.html"
    query_parameters = ("q",)

    def get(self, request, *args, **kwargs):
        raw = request.GET.get("q", "")
        context = self.get_context_data(q=raw[: search.MAX_QUERY_LENGTH])
        if not raw.strip() and not control_character_message(raw):
            return self.render_to_response(context)
        try:
            query = search.clean_query(raw)
        except search.QueryError as error:
            context["error"] = str(error)
            return self.render_to_response(context, status=400)
        hits, notes = search.search_site(query)
        context.update(query=query, hits=hits, notes=notes, groups=group_hits(hits))
        return self.render_to_response(context)


HIT_KINDS = ["meeting", "paragraph", "topic", "organization", "person"]


def group_hits(hits):
    """The hits by kind, in the page's order; the template names each kind."""
    groups = ([hit for hit in hits if hit.kind == kind] for kind in HIT_KINDS)
    return [group for group in groups if group]


def favicon(request):
    """Pages without a <link rel="icon"> (the admin's) make browsers ask for this."""
    return HttpResponsePermanentRedirect(static("meetings/favicon.svg"))


def robots_txt(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    # The admin's address is not listed: it may be private (DJANGO_ADMIN_URL).
    lines = ["User-agent: *", "Disallow: /search/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")
