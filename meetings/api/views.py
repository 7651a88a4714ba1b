"""The read-only JSON API: what each model's ``public()`` lets the public see.

Every view answers GET (and HEAD/OPTIONS) only. Responses carry an ETag (a hash
of the body) and, for meetings, a Last-Modified; conditional requests get 304.
Unknown or malformed query parameters get a 400 that names them.
"""

import hashlib

from django.db.models import Max, Prefetch
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.text import capfirst
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from ..filters import MeetingFilterSet
from ..models import Appearance, Meeting, Membership, Organization, Person, Series, Topic
from ..views import CaseInsensitiveSlugMixin, unreadable_parameters
from . import schema, serializers
from .errors import ParameterError
from .renderers import FrontDoorRenderer

SLUG_PATTERN = r"[-a-zA-Z0-9_]+"
LIST_PARAMETERS = ("page", "page_size", "format")  # "format=api" is the browsable API
DETAIL_PARAMETERS = ("format",)


class ConditionalGetMixin:
    """ETag, Last-Modified and Cache-Control on successful reads; 304 when unchanged.

    The ETag hashes the rendered body, so it changes whenever anything shown
    changes (a renamed topic, too). ``last_modified`` is set by views that know it.
    """

    cache_max_age = 60
    last_modified = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        response["ETag"] = etag
        timestamp = None
        if self.last_modified is not None:
            timestamp = int(self.last_modified.timestamp())
            response["Last-Modified"] = http_date(timestamp)
        patch_cache_control(response, public=True, max_age=self.cache_max_age)
        response = get_conditional_response(
            request, etag=etag, last_modified=timestamp, response=response
        )
        if response.status_code == 412:  # If-Match or If-Unmodified-Since failed
            return JsonResponse({"detail": "Precondition failed."}, status=412)
        return response


class ArchiveViewSet(CaseInsensitiveSlugMixin, ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """A model's public records, by slug. As on the pages, a slug in the wrong case (or an
    old slug of a merged record) redirects: DRF's dispatch hands the detail's first 404 to
    CaseInsensitiveSlugMixin, and answers the 404 itself when that finds no record."""

    model = None
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = None
    # What a list reads: unknown names get a 400, and the page cache keeps only these.
    query_parameters = LIST_PARAMETERS
    slug_looked_up = False

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404 as exc:  # no record has the slug in any case
            response = self.handle_exception(exc)
            return self.finalize_response(self.request, response, *args, **kwargs)

    def handle_exception(self, exc):
        if isinstance(exc, Http404) and not self.slug_looked_up:
            self.slug_looked_up = True
            raise exc  # to CaseInsensitiveSlugMixin.dispatch
        return super().handle_exception(exc)

    def get_view_name(self):
        """The browsable API's heading and breadcrumb: "Meetings", "Meeting"."""
        meta = self.model._meta
        return capfirst(meta.verbose_name if self.detail else meta.verbose_name_plural)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # throttling first
        if self.action == "list":
            allowed = self.query_parameters
        elif self.action == "retrieve":
            allowed = DETAIL_PARAMETERS
        else:  # OPTIONS, and the writes about to get their 405
            allowed = request.query_params
        unknown = sorted(set(request.query_params) - set(allowed))
        if unknown:
            raise ParameterError({name: ["Unknown parameter."] for name in unknown})

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            name = self.model._meta.verbose_name
            raise Http404(f'No {name} with the slug "{self.kwargs["slug"]}".') from None


class MeetingFilterBackend(DjangoFilterBackend):
    """The shared MeetingFilterSet, with errors in the API's 400 shape.

    As on the list page, no parameter may hold a control character (PostgreSQL
    refuses NUL in text).
    """

    def filter_queryset(self, request, queryset, view):
        if view.action != "list":
            return queryset
        unreadable = unreadable_parameters(request.query_params)
        if unreadable:
            raise ParameterError(unreadable)
        filterset = self.get_filterset(request, queryset, view)
        if not filterset.is_valid():
            raise ParameterError(filterset.errors)
        return filterset.qs


@extend_schema_view(
    list=extend_schema(
        summary="List published meetings",
        description=schema.MEETING_LIST_DESCRIPTION,
        parameters=[*schema.MEETING_FILTER_PARAMETERS, *schema.MEETING_CONDITIONAL_HEADERS],
        responses={200: serializers.MeetingListSerializer(many=True), **schema.LIST_ERRORS},
        examples=[schema.MEETING_LIST_EXAMPLE],
    ),
    retrieve=extend_schema(
        summary="One meeting's full record",
        description=schema.MEETING_DETAIL_DESCRIPTION,
        parameters=[schema.slug_parameter("astop-v"), *schema.MEETING_CONDITIONAL_HEADERS],
        responses={200: serializers.MeetingSerializer, **schema.DETAIL_ERRORS},
    ),
)
class MeetingViewSet(ArchiveViewSet):
    model = Meeting
    filter_backends = [MeetingFilterBackend]
    filterset_class = MeetingFilterSet
    query_parameters = (*MeetingFilterSet.base_filters, *LIST_PARAMETERS)

    def get_queryset(self):
        meetings = Meeting.objects.public()
        if self.action == "retrieve":
            return meetings.with_record()
        return meetings.select_related("series", "country")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.MeetingSerializer
        return serializers.MeetingListSerializer

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        # Counts drafts too: publishing or unpublishing one changes the list.
        self.last_modified = Meeting.objects.aggregate(latest=Max("updated_at"))["latest"]
        return response

    def retrieve(self, request, *args, **kwargs):
        meeting = self.get_object()
        meeting.prefetch_group_members()
        self.last_modified = meeting.updated_at
        return Response(self.get_serializer(meeting).data)


@extend_schema_view(
    list=extend_schema(
        summary="List meeting series",
        parameters=schema.CONDITIONAL_HEADERS,
        responses={200: serializers.SeriesSerializer(many=True), **schema.LIST_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One meeting series",
        parameters=[schema.slug_parameter("astop"), *schema.CONDITIONAL_HEADERS],
        responses={200: serializers.SeriesSerializer, **schema.DETAIL_ERRORS},
    ),
)
class SeriesViewSet(ArchiveViewSet):
    model = Series
    serializer_class = serializers.SeriesSerializer

    def get_queryset(self):
        return (
            Series.objects.public()
            .select_related("organiser")
            .prefetch_related(
                Prefetch("meetings", Meeting.objects.public().order_by("ordinal")), "references"
            )
            .order_by("name", "slug")
        )


@extend_schema_view(
    list=extend_schema(
        summary="List organisations",
        description="Countries, regional groups, international bodies and ministries.",
        parameters=schema.CONDITIONAL_HEADERS,
        responses={200: serializers.OrganizationSerializer(many=True), **schema.LIST_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One organisation, with its memberships",
        parameters=[schema.slug_parameter("asean"), *schema.CONDITIONAL_HEADERS],
        responses={200: serializers.OrganizationSerializer, **schema.DETAIL_ERRORS},
    ),
)
class OrganizationViewSet(ArchiveViewSet):
    model = Organization
    merged_model = Organization
    serializer_class = serializers.OrganizationSerializer

    def get_queryset(self):
        organizations = Organization.objects.public()
        memberships = Membership.objects.public().prefetch_related("references")
        return organizations.prefetch_related(
            Prefetch("parent", organizations),
            Prefetch("memberships", memberships.select_related("group")),
            Prefetch("member_links", memberships.select_related("member")),
            "references",
        ).order_by("name", "slug")


@extend_schema_view(
    list=extend_schema(
        summary="List people",
        parameters=schema.CONDITIONAL_HEADERS,
        responses={200: serializers.PersonSerializer(many=True), **schema.LIST_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One person, with their parts in published meetings",
        parameters=[schema.slug_parameter("hitoshi-kimura"), *schema.CONDITIONAL_HEADERS],
        responses={200: serializers.PersonSerializer, **schema.DETAIL_ERRORS},
    ),
)
class PersonViewSet(ArchiveViewSet):
    model = Person
    merged_model = Person
    serializer_class = serializers.PersonSerializer

    def get_queryset(self):
        appearances = (
            Appearance.objects.public()
            .select_related("meeting", "on_behalf_of")
            .order_by("meeting__start_date", "position")
        )
        return (
            Person.objects.public()
            .prefetch_related(Prefetch("appearances", appearances), "references")
            .order_by("sort_name", "slug")
        )


@extend_schema_view(
    list=extend_schema(
        summary="List topics",
        description="Issues, instruments, initiatives and the like that meetings discussed.",
        parameters=schema.CONDITIONAL_HEADERS,
        responses={200: serializers.TopicSerializer(many=True), **schema.LIST_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One topic, with its aliases",
        parameters=[
            schema.slug_parameter("proliferation-security-initiative"),
            *schema.CONDITIONAL_HEADERS,
        ],
        responses={200: serializers.TopicSerializer, **schema.DETAIL_ERRORS},
    ),
)
class TopicViewSet(ArchiveViewSet):
    model = Topic
    serializer_class = serializers.TopicSerializer

    def get_queryset(self):
        topics = Topic.objects.public()
        return topics.prefetch_related(
            Prefetch("parent", topics), "aliases", Prefetch("children", topics), "references"
        ).order_by("name", "slug")


class APIRootView(ConditionalGetMixin, routers.APIRootView):
    """The endpoints as JSON; for a browser, a page that explains the API."""

    name = "API"  # the first breadcrumb of the browsable API's pages
    renderer_classes = [JSONRenderer, FrontDoorRenderer]


class SchemaView(ConditionalGetMixin, SpectacularAPIView):
    query_parameters = ("format", "lang")


class DocsView(ConditionalGetMixin, SpectacularSwaggerSplitView):
    url_name = "api:schema"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if "script" in request.GET:
            # No deep links: Swagger UI puts each inside its operation's button, a link
            # in a button that neither a keyboard nor a screen reader can reach apart.
            settings = {**spectacular_settings.SWAGGER_UI_SETTINGS, "deepLinking": False}
            response.data["settings"] = self._dump(settings)
        return response


@extend_schema(exclude=True)
class NotFoundView(APIView):
    """Any other address under the API: a JSON 404, or the same address with its slash."""

    name = "Not found"

    def get(self, request, path=""):
        if not request.path_info.endswith("/"):
            try:
                match = resolve(request.path_info + "/")
            except Resolver404:
                match = None
            if match is not None and match.url_name != "not-found":
                return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
        raise NotFound("There is no API endpoint at this address; /api/v1/ lists them.")

    post = put = patch = delete = get
