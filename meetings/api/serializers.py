"""JSON shapes of the API.

``*RefSerializer`` is the compact form of a record where another one points at it;
the full serializers below them are the detail (and, for lookups, the list) form.
Every serializer reads prefetched rows only: the view's queryset decides the queries,
but for the other names of organisations, people, series and topics (``names``,
``other_names``), which a list fetches for its whole page (``NamedListSerializer``).
"""

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..languages import fetch_names, names_by_language
from ..models import (
    Appearance,
    DiscussionPoint,
    Meeting,
    MeetingDay,
    Membership,
    Organization,
    OtherName,
    Paragraph,
    ParticipantCount,
    Participation,
    Person,
    Series,
    SideEvent,
    SourceDocument,
    Topic,
    TopicMention,
)


@extend_schema_field(OpenApiTypes.URI)
class HtmlUrlField(serializers.Field):
    """The object's public page (``get_absolute_url()``) as an absolute URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "The public page of this record.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value.get_absolute_url())


@extend_schema_field(OpenApiTypes.URI)
class MeetingsUrlField(serializers.Field):
    """The meeting list filtered to this record (``?participant=japan``)."""

    def __init__(self, parameter, **kwargs):
        self.parameter = parameter
        kwargs.setdefault("help_text", f"The published meetings, filtered by {parameter}.")
        super().__init__(source="slug", read_only=True, **kwargs)

    def to_representation(self, value):
        url = self.context["request"].build_absolute_uri(reverse("api:meeting-list"))
        return f"{url}?{urlencode({self.parameter: value})}"


class OptionalUrlField(serializers.URLField):
    """A URL the curators may leave blank: null then, never "" (not a URI)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


class RecordSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose model fields are all output-only, so always present."""

    def get_extra_kwargs(self):
        extra_kwargs = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra_kwargs.setdefault(name, {})["read_only"] = True
        return extra_kwargs


class ApiUrlField(serializers.HyperlinkedIdentityField):
    """This record in the API, always at the same address: unlike DRF's field it
    keeps no ``?format=`` of the request, so the URL can serve as an identifier."""

    def get_url(self, obj, view_name, request, format):
        return request.build_absolute_uri(reverse(view_name, kwargs={"slug": obj.slug}))


def api_url(view_name):
    return ApiUrlField(
        view_name=view_name, lookup_field="slug", help_text="This record in the API."
    )


class ReferenceSerializer(serializers.Serializer):
    """A titled source for a description the archive wrote (any owner's reference)."""

    title = serializers.CharField(read_only=True, help_text="The page's own title.")
    url = serializers.URLField(read_only=True)
    publisher = serializers.CharField(read_only=True, help_text="Empty when not recorded.")


def references_field(help_text="Sources for the description, by title."):
    return ReferenceSerializer(many=True, read_only=True, help_text=help_text)


class OtherNameSerializer(serializers.Serializer):
    """A name the record goes by besides ``name``, and the page the archive has it from."""

    name = serializers.CharField(read_only=True)
    language = serializers.CharField(read_only=True, help_text="BCP 47 code: en, ja.")
    kind = serializers.ChoiceField(
        OtherName.Kind.choices,
        read_only=True,
        help_text="usual, formal, former, abbreviation, or reading (the kana of a name).",
    )
    source_title = serializers.CharField(
        read_only=True, help_text="The title of the page that gives the name; empty if none."
    )
    source_url = OptionalUrlField(help_text="The address of that page; null if none.")


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "string"},
        "example": {"en": "Hitoshi Kimura", "ja": "木村仁"},
    }
)
class NamesField(serializers.Field):
    """The record's name in each language the archive holds one in."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            "Its name in each language, by BCP 47 code: `en` (the archive's main name, "
            "as `name`) and, where the archive holds one, `ja` and others (the usual "
            "name in that language, else another in it; see `other_names`).",
        )
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        return names_by_language(record)


def other_names_field(source=None):
    return OtherNameSerializer(
        source=source,
        many=True,
        read_only=True,
        help_text="Every other name, in any language, with where it comes from.",
    )


class NamedListSerializer(serializers.ListSerializer):
    """A list of organisations, people, series or topics: their other names are fetched
    for the whole page at once (one query, however long the page)."""

    def to_representation(self, data):
        records = list(data.all() if hasattr(data, "all") else data)
        fetch_names(records)
        return super().to_representation(records)


class NamedRecordSerializer(RecordSerializer):
    """An organisation, person, series or topic with ``names`` and ``other_names``, read
    from one fetch of its other names (its list's, in a list)."""

    names = NamesField()

    def to_representation(self, record):
        fetch_names([record])
        return super().to_representation(record)


# Compact references ------------------------------------------------------------


class OrganizationRefSerializer(RecordSerializer):
    url = api_url("api:organization-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Organization
        fields = ["url", "html_url", "slug", "name", "abbreviation", "classification", "iso_code"]


class SeriesRefSerializer(RecordSerializer):
    url = api_url("api:series-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Series
        fields = ["url", "html_url", "slug", "name", "short_name"]


class PersonRefSerializer(RecordSerializer):
    url = api_url("api:person-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Person
        fields = ["url", "html_url", "slug", "name"]


class TopicRefSerializer(RecordSerializer):
    url = api_url("api:topic-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Topic
        fields = ["url", "html_url", "slug", "name", "kind"]


class MeetingRefSerializer(RecordSerializer):
    url = api_url("api:meeting-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Meeting
        fields = ["url", "html_url", "slug", "short_name", "title", "start_date", "end_date"]


class ParagraphRefSerializer(RecordSerializer):
    """The paragraph of the source that states a fact."""

    document = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    anchor = serializers.CharField(
        read_only=True, help_text="Fragment of the paragraph on the meeting's public page."
    )

    class Meta:
        model = Paragraph
        fields = ["document", "position", "label", "anchor"]


# Meetings ----------------------------------------------------------------------


class MeetingListSerializer(RecordSerializer):
    """The compact form in the meeting list."""

    url = api_url("api:meeting-detail")
    html_url = HtmlUrlField()
    series = SeriesRefSerializer(read_only=True)
    country = OrganizationRefSerializer(read_only=True, allow_null=True)
    via_group_name = serializers.SerializerMethodField(
        help_text=(
            "Only with the participant filter: the group through which the organisation "
            "is linked to the meeting, where it did not take part itself. That is the "
            "group's membership on that date, not confirmed attendance. Null otherwise."
        )
    )

    class Meta:
        model = Meeting
        fields = [
            "url",
            "html_url",
            "slug",
            "series",
            "ordinal",
            "title",
            "short_name",
            "start_date",
            "end_date",
            "date_precision",
            "format",
            "venue_name",
            "city",
            "country",
            "published_at",
            "updated_at",
            "via_group_name",
        ]

    def get_via_group_name(self, meeting) -> str | None:
        return getattr(meeting, "via_group_name", None)


class ParticipationSerializer(RecordSerializer):
    organization = OrganizationRefSerializer(read_only=True)
    source_paragraph = ParagraphRefSerializer(read_only=True)
    status = serializers.ChoiceField(
        Participation.Status.choices,
        read_only=True,
        help_text=(
            "attended, observer or guest: took part. planned or invited: named in advance "
            "(an announcement), not confirmed as present. absent: did not take part."
        ),
    )
    roles = serializers.ListField(
        child=serializers.ChoiceField(Participation.Role.choices),
        read_only=True,
        help_text='Every role held ("host", "co_chair"); empty for a plain participant.',
    )
    first_time = serializers.BooleanField(
        read_only=True,
        help_text=(
            "Took part in no earlier published meeting of the series, itself or through a "
            "group. Derived; false outside a series and at the earliest edition the archive "
            "holds (the ones before may be missing)."
        ),
    )
    named_under = serializers.SlugRelatedField(
        source="named_under.organization",
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text='The group this member was named under ("such as ..."): its slug.',
    )
    list_complete = serializers.BooleanField(
        read_only=True,
        help_text='For a group: false when the source names only some members ("such as").',
    )
    members_on_date = serializers.SerializerMethodField(
        help_text=(
            "For a group (ASEAN): its members on the meeting's start date. That is the "
            "group's membership, not a confirmed list of who attended. Null for others."
        )
    )

    class Meta:
        model = Participation
        fields = [
            "organization",
            "status",
            "role",
            "chair_role",
            "roles",
            "first_time",
            "named_under",
            "list_complete",
            "source_words",
            "position",
            "source_paragraph",
            "members_on_date",
        ]

    @extend_schema_field(OrganizationRefSerializer(many=True, allow_null=True))
    def get_members_on_date(self, participation):
        organization = participation.organization
        if not organization.is_group:
            return None
        members = [membership.member for membership in organization.members_on_date]
        return OrganizationRefSerializer(members, many=True, context=self.context).data


class ParticipantCountSerializer(RecordSerializer):
    """A count the source gives instead of (or besides) names."""

    source_paragraph = ParagraphRefSerializer(read_only=True)

    class Meta:
        model = ParticipantCount
        fields = ["count", "what", "approximate", "status", "source_words", "source_paragraph"]


class MeetingDaySerializer(RecordSerializer):
    """Where one day of the meeting was held."""

    source_paragraph = ParagraphRefSerializer(read_only=True)

    class Meta:
        model = MeetingDay
        fields = ["date", "venue_name", "city", "source_paragraph"]


class SideEventSerializer(RecordSerializer):
    source_paragraph = ParagraphRefSerializer(read_only=True)

    class Meta:
        model = SideEvent
        fields = ["kind", "title", "date", "venue_name", "position", "source_paragraph"]


class AppearanceSerializer(RecordSerializer):
    person = PersonRefSerializer(read_only=True)
    on_behalf_of = OrganizationRefSerializer(read_only=True, allow_null=True)
    source_paragraph = ParagraphRefSerializer(read_only=True)

    class Meta:
        model = Appearance
        fields = [
            "person",
            "role",
            "title",
            "on_behalf_of",
            "source_words",
            "summary",
            "position",
            "source_paragraph",
        ]


class DiscussionPointSerializer(RecordSerializer):
    """One point of the talks, with its sub-points (``Meeting.point_tree()``)."""

    outline = serializers.CharField(
        read_only=True, help_text='Dotted positions from the top: "2" or "2.1".'
    )
    anchor = serializers.CharField(
        read_only=True, help_text="Fragment of the point on the meeting's public page."
    )
    topics = TopicRefSerializer(many=True, read_only=True)
    source_paragraph = ParagraphRefSerializer(read_only=True)

    class Meta:
        model = DiscussionPoint
        fields = ["outline", "anchor", "label", "heading", "text", "topics", "source_paragraph"]

    def get_fields(self):
        fields = super().get_fields()
        fields["subpoints"] = DiscussionPointSerializer(many=True, read_only=True)
        return fields


class TopicMentionSerializer(RecordSerializer):
    topic = TopicRefSerializer(read_only=True)

    class Meta:
        model = TopicMention
        fields = ["topic", "kind", "quote"]


class ParagraphSerializer(RecordSerializer):
    anchor = serializers.CharField(
        read_only=True, help_text="Fragment of the paragraph on the meeting's public page."
    )
    mentions = TopicMentionSerializer(many=True, read_only=True)

    class Meta:
        model = Paragraph
        fields = ["position", "label", "kind", "text", "anchor", "mentions"]


@extend_schema_field(OpenApiTypes.URI)
class SourceTextUrlField(serializers.Field):
    """The source as plain text, exactly as issued."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "The source as plain text, byte for byte as issued.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, source):
        path = reverse("meetings:source-text", args=[source.meeting.slug, source.pk])
        return self.context["request"].build_absolute_uri(path)


class SourceDocumentSerializer(RecordSerializer):
    publisher = OrganizationRefSerializer(read_only=True)
    original_url = OptionalUrlField(help_text="Where the source was published, when known.")
    relation = serializers.ChoiceField(
        SourceDocument.Relation.choices,
        read_only=True,
        help_text='How it relates to ``related_source``; "" for none.',
    )
    related_source = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The source this one translates or copies (its slug, in ``sources``).",
    )
    copy_url = OptionalUrlField(help_text="For a copy: the address of the copy itself.")
    captured_from = OptionalUrlField(help_text="The address the archive took the text from.")
    text_url = SourceTextUrlField()
    paragraphs = ParagraphSerializer(
        many=True, read_only=True, help_text="The document verbatim, paragraph by paragraph."
    )

    class Meta:
        model = SourceDocument
        fields = [
            "slug",
            "kind",
            "title",
            "publisher",
            "published_on",
            "language",
            "original_url",
            "relation",
            "related_source",
            "copy_url",
            "captured_on",
            "captured_from",
            "text_url",
            "rights",
            "paragraphs",
        ]


class MeetingSerializer(MeetingListSerializer):
    """The full record. Expects ``with_record()`` rows and ``prefetch_group_members()``."""

    convener = OrganizationRefSerializer(read_only=True, allow_null=True)
    host = serializers.SerializerMethodField(help_text="The participant in the host role.")
    participations = ParticipationSerializer(many=True, read_only=True)
    participant_counts = ParticipantCountSerializer(many=True, read_only=True)
    days = MeetingDaySerializer(
        many=True, read_only=True, help_text="The venue of each day, where it changes."
    )
    side_events = SideEventSerializer(many=True, read_only=True)
    appearances = AppearanceSerializer(many=True, read_only=True)
    discussion_points = serializers.SerializerMethodField(
        help_text="The points of the talks, as a tree."
    )
    topics = serializers.SerializerMethodField(
        help_text="Topics the sources mention, in order of first mention."
    )
    sources = SourceDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "url",
            "html_url",
            "slug",
            "series",
            "ordinal",
            "title",
            "short_name",
            "summary",
            "start_date",
            "end_date",
            "date_precision",
            "format",
            "venue_name",
            "venue_description",
            "city",
            "country",
            "days",
            "convener",
            "host",
            "participations",
            "participant_counts",
            "side_events",
            "appearances",
            "discussion_points",
            "topics",
            "sources",
            "published_at",
            "updated_at",
            "version",
        ]

    @extend_schema_field(OrganizationRefSerializer(allow_null=True))
    def get_host(self, meeting):
        host = meeting.host
        return OrganizationRefSerializer(host, context=self.context).data if host else None

    @extend_schema_field(DiscussionPointSerializer(many=True))
    def get_discussion_points(self, meeting):
        return DiscussionPointSerializer(meeting.point_tree(), many=True, context=self.context).data

    @extend_schema_field(TopicRefSerializer(many=True))
    def get_topics(self, meeting):
        return TopicRefSerializer(meeting.topics_mentioned(), many=True, context=self.context).data


# Lookups -----------------------------------------------------------------------


class SeriesSerializer(NamedRecordSerializer):
    url = api_url("api:series-detail")
    html_url = HtmlUrlField()
    organiser = OrganizationRefSerializer(read_only=True)
    meetings = MeetingRefSerializer(
        many=True, read_only=True, help_text="Its published meetings, by edition."
    )
    meetings_url = MeetingsUrlField("series")
    other_names = other_names_field()

    class Meta:
        model = Series
        list_serializer_class = NamedListSerializer
        fields = [
            "url",
            "html_url",
            "slug",
            "name",
            "names",
            "other_names",
            "short_name",
            "description",
            "organiser",
            "meetings",
            "meetings_url",
        ]


class MembershipSerializer(RecordSerializer):
    group = OrganizationRefSerializer(read_only=True)
    references = references_field("Sources for the membership and its dates.")

    class Meta:
        model = Membership
        fields = ["group", "start_date", "end_date", "note", "references"]


class MemberSerializer(RecordSerializer):
    member = OrganizationRefSerializer(read_only=True)
    references = references_field("Sources for the membership and its dates.")

    class Meta:
        model = Membership
        fields = ["member", "start_date", "end_date", "note", "references"]


class OrganizationSerializer(NamedRecordSerializer):
    url = api_url("api:organization-detail")
    html_url = HtmlUrlField()
    parent = OrganizationRefSerializer(read_only=True, allow_null=True)
    memberships = MembershipSerializer(
        many=True, read_only=True, help_text="The groups it belongs or belonged to, with dates."
    )
    members = MemberSerializer(
        source="member_links",
        many=True,
        read_only=True,
        help_text="For a group: every member it has had, with dates.",
    )
    references = references_field()
    meetings_url = MeetingsUrlField("participant")
    other_names = other_names_field()

    class Meta:
        model = Organization
        list_serializer_class = NamedListSerializer
        fields = [
            "url",
            "html_url",
            "slug",
            "name",
            "names",
            "other_names",
            "abbreviation",
            "classification",
            "iso_code",
            "parent",
            "description",
            "references",
            "memberships",
            "members",
            "meetings_url",
        ]


class PersonAppearanceSerializer(RecordSerializer):
    meeting = MeetingRefSerializer(read_only=True)
    on_behalf_of = OrganizationRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Appearance
        fields = ["meeting", "role", "title", "on_behalf_of", "summary"]


class PersonSerializer(NamedRecordSerializer):
    url = api_url("api:person-detail")
    html_url = HtmlUrlField()
    appearances = PersonAppearanceSerializer(
        many=True,
        read_only=True,
        help_text="Parts in published meetings, with the title held at each.",
    )
    references = references_field()
    other_names = other_names_field()

    class Meta:
        model = Person
        list_serializer_class = NamedListSerializer
        fields = [
            "url",
            "html_url",
            "slug",
            "name",
            "names",
            "other_names",
            "sort_name",
            "honorific",
            "description",
            "references",
            "appearances",
        ]


class TopicSerializer(NamedRecordSerializer):
    url = api_url("api:topic-detail")
    html_url = HtmlUrlField()
    parent = TopicRefSerializer(read_only=True, allow_null=True)
    children = TopicRefSerializer(many=True, read_only=True, help_text="Narrower topics.")
    aliases = serializers.SlugRelatedField(
        slug_field="name",
        many=True,
        read_only=True,
        help_text='Other names and abbreviations ("PSI"), in any language; see `other_names`.',
    )
    references = references_field()
    meetings_url = MeetingsUrlField("topic")
    other_names = other_names_field(source="aliases")

    class Meta:
        model = Topic
        list_serializer_class = NamedListSerializer
        fields = [
            "url",
            "html_url",
            "slug",
            "name",
            "names",
            "other_names",
            "kind",
            "parent",
            "children",
            "aliases",
            "description",
            "references",
            "meetings_url",
        ]
