"""Sourced records of diplomatic meetings.

Every curated fact about a meeting (a participation, an appearance, a
discussion point, a topic mention) points at the paragraph of the source
document that states it. A database trigger (see migration 0002) makes sure
that paragraph belongs to a source of the same meeting; ``clean()`` says the
same thing in a readable form for forms and admin.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .curation.text import control_character_errors


class ArchiveModel(models.Model):
    """Every model of the archive refuses control characters in its text (see
    meetings.curation.text): as a field error in forms, and before any save
    (signals.refuse_control_characters), raw ones from fixtures and restores included."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        errors = control_character_errors(self, exclude or ())
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


class SlugQuerySet(models.QuerySet):
    """Lookup tables are identified by their slug, also in fixtures."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class NamedQuerySet(models.QuerySet):
    """Other names are identified by their owner's slug and the name."""

    def get_by_natural_key(self, owner_slug, name):
        return self.get(**{f"{self.model.owner_field}__slug": owner_slug, "name": name})


class OtherName(ArchiveModel):
    """A name a record goes by besides its main one, in a language, of a kind; the
    matcher reads them (meetings.releases.match). One shape for organisations, people,
    series and topics: each kind has its table with a foreign key to its owner."""

    class Kind(models.TextChoices):
        USUAL = "usual", _("Usual name")
        FORMAL = "formal", _("Formal name")
        FORMER = "former", _("Former name")
        ABBREVIATION = "abbreviation", _("Abbreviation")
        READING = "reading", _("Reading (kana)")

    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(
        _("language"),
        max_length=10,
        default="en",
        help_text=_("A BCP 47 language code, for example en or ja."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.USUAL)
    # Where the archive has the name from: a page of the ministry's or the body's own.
    source_title = models.CharField(
        _("source title"),
        max_length=300,
        blank=True,
        help_text=_("The title of the page that gives this name."),
    )
    source_url = models.URLField(
        _("source address"), max_length=500, blank=True, help_text=_("The address of that page.")
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganizationQuerySet(SlugQuerySet):
    def public(self):
        """Organisations a published meeting uses: as a participant (any role), its venue
        country, its convener, the publisher of one of its sources, the body someone spoke
        for, or the organiser of its series; or as a member of a participating group on
        the meeting's start date (the meeting page names the group's members on that day).

        Nothing else counts: not being the parent of a used organisation, nor a membership
        on another date. An organisation only a draft uses stays out of sight.
        """
        meetings = Meeting.objects.public()
        organization = OuterRef("pk")
        # Participations and memberships are probed per organisation through their
        # indexes; the other parts are each read once (a hashed IN): probing those per
        # organisation scanned every meeting for each (0.4 s at 20,000 meetings).
        return self.filter(
            Exists(Participation.objects.public().filter(organization=organization))
            | Q(pk__in=meetings.values("country"))
            | Q(pk__in=meetings.values("convener"))
            | Q(pk__in=Series.objects.public().values("organiser"))
            | Q(pk__in=SourceDocument.objects.filter(meeting__in=meetings).values("publisher"))
            | Q(pk__in=Appearance.objects.public().values("on_behalf_of"))
            | Exists(
                # One filter() call: every condition applies to the same membership row.
                Participation.objects.public().filter(
                    Q(organization__member_links__end_date__isnull=True)
                    | Q(organization__member_links__end_date__gte=F("meeting__start_date")),
                    organization__member_links__member=organization,
                    organization__member_links__start_date__lte=F("meeting__start_date"),
                )
            )
        )


class Organization(ArchiveModel):
    class Classification(models.TextChoices):
        COUNTRY = "country", _("Country")
        REGIONAL_GROUP = "regional_group", _("Regional group")
        INTERNATIONAL_BODY = "international_body", _("International body")
        MINISTRY = "ministry", _("Ministry or agency")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    classification = models.CharField(
        _("classification"), max_length=20, choices=Classification.choices
    )
    iso_code = models.CharField(
        _("ISO 3166 code"),
        max_length=2,
        blank=True,
        help_text=_("Two-letter ISO 3166-1 code, for countries only."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        help_text=_("The government a ministry belongs to, for example."),
    )
    description = models.TextField(_("description"), blank=True)

    objects = OrganizationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["iso_code"],
                condition=~Q(iso_code=""),
                name="organization_iso_code_unique",
            ),
            models.CheckConstraint(
                condition=Q(iso_code="") | Q(classification="country"),
                name="organization_iso_code_only_for_countries",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:participant-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def is_group(self):
        return self.classification == self.Classification.REGIONAL_GROUP

    def clean(self):
        if self.iso_code and self.classification != self.Classification.COUNTRY:
            raise ValidationError({"iso_code": _("Only countries have an ISO 3166 code.")})


class OrganizationName(OtherName):
    owner_field = "organization"

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="other_names",
    )

    objects = NamedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(OtherName.Meta):
        verbose_name = _("organization name")
        verbose_name_plural = _("organization names")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"],
                name="organizationname_unique",
                violation_error_message=_("The organisation already has this name."),
            ),
        ]

    def natural_key(self):
        return (self.organization.slug, self.name)

    natural_key.dependencies = ["meetings.organization"]


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day):
        """Memberships in force on ``day`` (start and end dates inclusive)."""
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def public(self):
        """Memberships between two public organisations (the pages of both can show it)."""
        organizations = Organization.objects.public()
        return self.filter(member__in=organizations, group__in=organizations)

    def get_by_natural_key(self, member_slug, group_slug, start_date):
        return self.get(member__slug=member_slug, group__slug=group_slug, start_date=start_date)


class Membership(ArchiveModel):
    """A dated membership of one organisation in a group (a country in ASEAN)."""

    member = models.ForeignKey(
        Organization, verbose_name=_("member"), on_delete=models.PROTECT, related_name="memberships"
    )
    group = models.ForeignKey(
        Organization, verbose_name=_("group"), on_delete=models.PROTECT, related_name="member_links"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Where sources differ, say so here.")
    )

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["group__name", "start_date", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "group", "start_date"], name="membership_unique"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(member=models.F("group")),
                name="membership_not_of_itself",
            ),
        ]

    def __str__(self):
        return _("%(member)s in %(group)s from %(date)s") % {
            "member": self.member,
            "group": self.group,
            "date": self.start_date,
        }

    def natural_key(self):
        return (self.member.slug, self.group.slug, self.start_date.isoformat())

    natural_key.dependencies = ["meetings.organization"]

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A membership cannot end before it starts.")})
        if self.member_id and self.member_id == self.group_id:
            raise ValidationError({"group": _("An organisation cannot be a member of itself.")})


class SeriesQuerySet(SlugQuerySet):
    def public(self):
        """Series with at least one published meeting."""
        return self.filter(Exists(Meeting.objects.public().filter(series=OuterRef("pk"))))


class Series(ArchiveModel):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=30)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey(
        Organization,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="series_organised",
    )

    objects = SeriesQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:series-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class SeriesName(OtherName):
    """ "Asian Senior-level Talks on Non-Proliferation" before 2017, アジア不拡散協議."""

    owner_field = "series"

    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="other_names"
    )

    objects = NamedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(OtherName.Meta):
        verbose_name = _("series name")
        verbose_name_plural = _("series names")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "name"],
                name="seriesname_unique",
                violation_error_message=_("The series already has this name."),
            ),
        ]

    def natural_key(self):
        return (self.series.slug, self.name)

    natural_key.dependencies = ["meetings.series"]


class PersonQuerySet(SlugQuerySet):
    def public(self):
        """People with an appearance in a published meeting."""
        return self.filter(Exists(Appearance.objects.public().filter(person=OuterRef("pk"))))


class Person(ArchiveModel):
    name = models.CharField(
        pgettext_lazy("person", "name"),
        max_length=200,
        help_text=_("Given name first: Hitoshi Kimura."),
    )
    sort_name = models.CharField(
        _("sort name"), max_length=200, help_text=_("Family name first: Kimura, Hitoshi.")
    )
    honorific = models.CharField(_("honorific"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:person-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class PersonName(OtherName):
    """木村仁, きむら・ひとし, KIMURA Hitoshi: the matcher reads either name order."""

    owner_field = "person"

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="other_names"
    )

    objects = NamedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(OtherName.Meta):
        verbose_name = _("person name")
        verbose_name_plural = _("person names")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "name"],
                name="personname_unique",
                violation_error_message=_("The person already has this name."),
            ),
        ]

    def natural_key(self):
        return (self.person.slug, self.name)

    natural_key.dependencies = ["meetings.person"]


class TopicQuerySet(SlugQuerySet):
    def public(self):
        """Topics a published meeting uses: named in one of its sources (a mention or a
        footnote's definition) or given to one of its discussion points. Being the parent
        of a used topic does not count."""
        topic = OuterRef("pk")
        return self.filter(
            Exists(TopicMention.objects.public().filter(topic=topic))
            | Exists(DiscussionPoint.objects.public().filter(topics=topic))
        )


class Topic(ArchiveModel):
    class Kind(models.TextChoices):
        ISSUE = "issue", _("Issue")
        INSTRUMENT = "instrument", _("Instrument")
        INITIATIVE = "initiative", _("Initiative")
        EXERCISE = "exercise", _("Exercise")
        CONCEPT = "concept", _("Concept")
        FORUM = "forum", _("Forum or process")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("In the archive's own words.")
    )

    objects = TopicQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:topic-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A topic cannot sit under itself.")})
            ancestor = ancestor.parent


class TopicAliasQuerySet(NamedQuerySet):
    def public(self):
        """The other names of public topics."""
        return self.filter(topic__in=Topic.objects.public())


class TopicAlias(OtherName):
    """Another name or abbreviation of a topic ("PSI")."""

    owner_field = "topic"

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="aliases"
    )

    objects = TopicAliasQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(OtherName.Meta):
        verbose_name = _("topic alias")
        verbose_name_plural = _("topic aliases")
        constraints = [
            models.UniqueConstraint(fields=["topic", "name"], name="topicalias_unique"),
        ]

    def natural_key(self):
        return (self.topic.slug, self.name)

    natural_key.dependencies = ["meetings.topic"]


@dataclass
class ParticipationList:
    """One list of the record's participants (see Meeting.participation_lists)."""

    key: str
    heading: str
    statuses: list
    rows: list = field(default_factory=list)
    counts: list = field(default_factory=list)
    absent_ids: set = field(default_factory=set)


def record_history(meeting):
    """The history rows of a meeting's record by model: the meeting's own and each part's,
    deleted parts included (their rows keep the meeting they belonged to)."""
    sources = SourceDocument.history.filter(meeting_id=meeting.pk)
    paragraphs = Paragraph.history.filter(document_id__in=sources.values("id"))
    parts = (Participation, ParticipantCount, MeetingDay, SideEvent, Appearance, DiscussionPoint)
    return {
        Meeting: meeting.history.all(),
        SourceDocument: sources,
        Paragraph: paragraphs,
        TopicMention: TopicMention.history.filter(paragraph_id__in=paragraphs.values("id")),
        **{model: model.history.filter(meeting_id=meeting.pk) for model in parts},
    }


def record_prefetches():
    """The related rows a meeting's full record shows (see Meeting.load_record)."""
    cited = ["source_paragraph__document"]
    return [
        Prefetch(
            "participations",
            Participation.objects.with_first_time().select_related(
                "organization", "named_under__organization", *cited
            ),
        ),
        Prefetch(
            "appearances",
            Appearance.objects.select_related(
                "person", "on_behalf_of", "source_paragraph__document"
            ),
        ),
        Prefetch(
            "discussion_points",
            DiscussionPoint.objects.select_related("source_paragraph__document").prefetch_related(
                "topics"
            ),
        ),
        Prefetch("sources", SourceDocument.objects.select_related("publisher", "related_source")),
        "sources__paragraphs",
        Prefetch("sources__paragraphs__mentions", TopicMention.objects.select_related("topic")),
        Prefetch("days", MeetingDay.objects.select_related(*cited)),
        Prefetch("participant_counts", ParticipantCount.objects.select_related(*cited)),
        Prefetch("side_events", SideEvent.objects.select_related(*cited)),
        "venue_references",
    ]


class MeetingQuerySet(models.QuerySet):
    def public(self):
        """Published meetings. Every other model's ``public()`` starts from these."""
        return self.filter(status=Meeting.Status.PUBLISHED)

    def attended_by(self, organization):
        """Meetings the organisation attended itself, or through a group it belonged to then
        (unless the source says it was absent).

        ``via_group_name`` names the group where only the group's participation links
        them (the group's membership on that day, not confirmed attendance); else None.
        """
        own = Participation.objects.filter(organization=organization)
        attended = own.filter(status__in=Participation.PRESENT).values("meeting")
        # A member the source says was absent did not come with its group.
        absent = own.filter(status=Participation.Status.ABSENT).values("meeting")
        return self._linked_to(organization, Q(pk__in=attended)).exclude(pk__in=absent)

    def with_participant(self, organization, status):
        """Meetings where the organisation (any, for None) is listed with this status
        ("absent", "planned"...): itself only, for a group's membership says nothing of a
        member's status."""
        listed = Participation.objects.filter(status=status)
        if organization is not None:
            listed = listed.filter(organization=organization)
        return self.filter(pk__in=listed.values("meeting"))

    def involving(self, organization):
        """Meetings in which the organisation has any part: participant (any role), venue
        country, convener, publisher of a source, the body someone spoke for, or member of
        a participating group on the day (``via_group_name``, as in ``attended_by()``)."""
        parts = [
            Participation.objects.filter(organization=organization),
            SourceDocument.objects.filter(publisher=organization),
            Appearance.objects.filter(on_behalf_of=organization),
        ]
        direct = Q(country=organization) | Q(convener=organization)
        for rows in parts:
            direct |= Q(pk__in=rows.values("meeting"))
        return self._linked_to(organization, direct)

    def _linked_to(self, organization, direct):
        """Meetings matching ``direct``, or with a group the organisation was a member of then."""

        def group_member_then(meeting_day):
            # One filter() call: every condition applies to the same membership row.
            return Participation.objects.filter(
                Q(organization__member_links__end_date__isnull=True)
                | Q(organization__member_links__end_date__gte=meeting_day),
                organization__member_links__member=organization,
                organization__member_links__start_date__lte=meeting_day,
            )

        # Semi-joins driven by the organisation's participations (an index scan)
        # rather than a probe per meeting: the difference is 50x at 100,000 meetings.
        via_group = group_member_then(F("meeting__start_date")).values("meeting")
        group_name = group_member_then(OuterRef("start_date")).filter(meeting=OuterRef("pk"))
        return self.filter(direct | Q(pk__in=via_group)).annotate(
            via_group_name=Case(
                When(direct, then=None),
                default=Subquery(group_name.values("organization__name")[:1]),
                output_field=models.CharField(),
            )
        )

    def mentioning(self, topic):
        """Meetings whose sources mention the topic or one of its narrower topics."""
        mentions = TopicMention.objects.filter(
            Q(topic=topic) | Q(topic__parent=topic), paragraph__document__meeting=OuterRef("pk")
        )
        return self.filter(Exists(mentions))

    def with_record(self):
        """Everything the full record shows, in a fixed number of queries."""
        return self.select_related("series", "country", "convener").prefetch_related(
            *record_prefetches()
        )

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Meeting(ArchiveModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month only (start and end are the month's first and last days)")

    class Format(models.TextChoices):
        NOT_STATED = "", _("Not stated")
        IN_PERSON = "in_person", _("In person")
        VIRTUAL = "virtual", _("Virtual (video conference)")
        HYBRID = "hybrid", _("Hybrid")

    series = models.ForeignKey(
        Series,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("Empty for a one-off meeting."),
    )
    ordinal = models.PositiveSmallIntegerField(
        _("ordinal"),
        null=True,
        blank=True,
        help_text=_("Its number in the series, for example 5 for the fifth."),
    )
    title = models.CharField(pgettext_lazy("meeting", "title"), max_length=300)
    short_name = models.CharField(
        _("short name"),
        max_length=50,
        blank=True,
        help_text=_("The series' abbreviation and the edition, for example ASTOP-V."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("In the archive's own words."))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, blank=True)
    venue_name = models.CharField(
        _("venue name"), max_length=200, blank=True, help_text=_("As the source names it.")
    )
    venue_description = models.TextField(_("venue description"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        Organization,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_hosted_in",
        limit_choices_to={"classification": Organization.Classification.COUNTRY},
    )
    convener = models.ForeignKey(
        Organization,
        verbose_name=_("convener"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_convened",
        help_text=_("The body that held the meeting (a ministry, for example)."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by every save; guards against stale edits."),
    )
    # Weighted full-text document on PostgreSQL (GIN-indexed), kept by meetings.search.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start_date", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "ordinal"], name="meeting_ordinal_unique_in_series"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="meeting_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="meeting_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(ordinal__isnull=True) | Q(series__isnull=False),
                name="meeting_edition_needs_series",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-start_date"]),
            # Last-Modified of the API list and its updated_since filter.
            models.Index(fields=["updated_at"]),
        ]
        permissions = [("publish_meeting", "Can publish meetings")]

    def __str__(self):
        return self.short_name or self.title

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.get("force_insert"):
            self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:meeting-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["meetings.series", "meetings.organization"]

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def publish(self):
        """Make the meeting public; publishing again keeps the first publication time."""
        self.status = self.Status.PUBLISHED
        self.published_at = self.published_at or timezone.now()
        self.save()

    def unpublish(self):
        self.status = self.Status.DRAFT
        self.save()

    @property
    def host(self):
        """The host organisation, read from the (prefetched) participations."""
        for participation in self.participations.all():
            if participation.role == Participation.Role.HOST:
                return participation.organization
        return None

    def participation_lists(self):
        """The prefetched participations and counts in the record's three lists: those who
        took part (attended, observer, guest), those expected to (an announcement's planned
        or invited ones) and those who did not (absent). A member the source names under a
        group of the same list sits under it (``named``), not beside it."""
        lists = [
            ParticipationList("took-part", "Participants", Participation.PRESENT),
            ParticipationList("expected", "Expected to take part", Participation.EXPECTED),
            ParticipationList("absent", "Did not take part", [Participation.Status.ABSENT]),
        ]
        list_of = {status: rows for rows in lists for status in rows.statuses}
        participations = list(self.participations.all())
        by_id = {participation.pk: participation for participation in participations}
        for participation in participations:
            participation.named = []
        for participation in participations:
            group = by_id.get(participation.named_under_id)
            if group is not None and list_of[group.status] is list_of[participation.status]:
                group.named.append(participation)
            else:
                list_of[participation.status].rows.append(participation)
        for count in self.participant_counts.all():
            list_of[count.status].counts.append(count)
        # A group's membership names a member the source says was absent: say so there.
        absent_ids = {row.organization_id for row in list_of[Participation.Status.ABSENT].rows}
        for rows in lists:
            rows.absent_ids = absent_ids
        return lists

    def last_revised(self):
        """When the published record last changed (the meeting or any of its parts), or None
        if it has not changed since it was first published. One query."""
        if self.published_at is None:
            return None
        # The first history row that shows it published, or for a record loaded as
        # published (no history) ``published_at``.
        first = self.history.filter(status=self.Status.PUBLISHED).order_by("history_date")
        since = Coalesce(Subquery(first.values("history_date")[:1]), Value(self.published_at))
        changes = [
            # As in the change log: an edit with no earlier version to compare with (a row
            # loaded from a fixture) says nothing.
            rows.filter(
                Q(history_type__in=["+", "-"])
                | Exists(
                    rows.model.objects.filter(
                        id=OuterRef("id"), history_date__lt=OuterRef("history_date")
                    )
                ),
                history_date__gt=since,
            )
            .values("history_date")
            .order_by()
            for rows in record_history(self).values()
        ]
        newest = changes[0].union(*changes[1:]).order_by("-history_date")[:1]
        return next((row["history_date"] for row in newest), None)

    def load_record(self):
        """Fetch the full record of a meeting already in hand (as with_record() would)."""
        prefetch_related_objects([self], *record_prefetches(), "sources__paragraphs__corrections")
        self.prefetch_group_members()

    def prefetch_group_members(self):
        """Give each participating group ``members_on_date``: its members on the start date.

        That is the group's membership, not a list of who attended.
        """
        prefetch_related_objects(
            [self],
            Prefetch(
                "participations__organization__member_links",
                Membership.objects.active_on(self.start_date)
                .select_related("member")
                .order_by("member__name"),
                to_attr="members_on_date",
            ),
        )

    def point_tree(self):
        """Top-level discussion points, each with ``subpoints``, from the prefetched rows."""
        points = list(self.discussion_points.all())
        by_id = {point.pk: point for point in points}
        by_parent = {}
        for point in points:
            by_parent.setdefault(point.parent_id, []).append(point)
        for point in points:
            if point.parent_id:
                point.parent = by_id[point.parent_id]  # fills the cache: no query
            point.subpoints = sorted(by_parent.get(point.pk, []), key=lambda p: p.position)
        return sorted(by_parent.get(None, []), key=lambda p: p.position)

    def topics_mentioned(self):
        """Topics in order of first mention across the sources (prefetched rows)."""
        topics = {}
        for source in self.sources.all():
            for paragraph in source.paragraphs.all():
                for mention in paragraph.mentions.all():
                    topics.setdefault(mention.topic.pk, mention.topic)
        return list(topics.values())

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The meeting cannot end before it starts.")})
        if self.ordinal is not None and not self.series_id:
            raise ValidationError(
                {"ordinal": _("Only a meeting of a series has an edition number.")}
            )
        if self.series_id and self.ordinal:
            clash = Meeting.objects.filter(series_id=self.series_id, ordinal=self.ordinal)
            if clash.exclude(pk=self.pk).exists():
                message = _("%(series)s already has an edition number %(ordinal)s.")
                raise ValidationError(
                    {"ordinal": message % {"series": self.series, "ordinal": self.ordinal}}
                )


LINE_BREAKS = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


class SourceDocument(ArchiveModel):
    class Kind(models.TextChoices):
        PRESS_RELEASE = "press_release", _("Press release")
        ANNOUNCEMENT = "announcement", _("Announcement")
        CHAIRS_SUMMARY = "chairs_summary", _("Chair's summary")
        STATEMENT = "statement", _("Statement")
        SPEECH = "speech", _("Speech or remarks")
        OVERVIEW = "overview", _("Overview and evaluation")
        OTHER = "other", _("Other")

    class Relation(models.TextChoices):
        NONE = "", _("None")
        TRANSLATION = "translation", _("Translation of")
        PROVISIONAL_TRANSLATION = "provisional_translation", _("Provisional translation of")
        COPY = "copy", _("Copy of")

    class LineBreak(models.TextChoices):
        # Stored by name: the archive keeps no CR in its text (meetings.curation.text).
        LF = "lf", "LF"
        CRLF = "crlf", "CR LF"
        CR = "cr", "CR"

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="sources"
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.ForeignKey(
        Organization,
        verbose_name=_("publisher"),
        on_delete=models.PROTECT,
        related_name="documents_published",
    )
    published_on = models.DateField(_("published on"))
    language = models.CharField(
        _("language"),
        max_length=10,
        default="en",
        help_text=_("A BCP 47 language code, for example en or ja."),
    )
    original_url = models.URLField(_("original url"), max_length=500, blank=True)
    rights = models.TextField(
        _("rights"), blank=True, help_text=_("Terms of reuse, with their source.")
    )
    relation = models.CharField(_("relation"), max_length=30, choices=Relation.choices, blank=True)
    related_source = models.ForeignKey(
        "self",
        verbose_name=_("related source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="related_sources",
        help_text=_("The source this one translates or copies."),
    )
    copy_url = models.URLField(
        _("copy url"),
        max_length=500,
        blank=True,
        help_text=_("For a copy: the address of the copy itself."),
    )
    captured_on = models.DateField(
        _("captured on"),
        null=True,
        blank=True,
        help_text=_("When the archive took its copy of the text."),
    )
    captured_from = models.URLField(
        _("captured from"),
        max_length=500,
        blank=True,
        help_text=_("The address the archive took the text from."),
    )
    # What the paste held besides its paragraphs, so it can be rebuilt byte for byte.
    trailing = models.TextField(
        _("trailing"), blank=True, help_text=_("White space after the last paragraph.")
    )
    line_break = models.CharField(
        _("line break"), max_length=4, choices=LineBreak.choices, default=LineBreak.LF
    )
    odd_line_breaks = models.JSONField(
        _("odd line breaks"),
        default=dict,
        blank=True,
        help_text=_('Line number to line break ("crlf"), where it differs.'),
    )

    objects = SlugQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["published_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(relation="") | Q(related_source__isnull=False) | Q(relation="copy"),
                name="sourcedocument_translation_names_original",
                violation_error_message=_("Say which source this one translates."),
            ),
            models.CheckConstraint(
                condition=~Q(related_source=F("pk")),
                name="sourcedocument_not_related_to_itself",
                violation_error_message=_("A source cannot translate or copy itself."),
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["meetings.meeting", "meetings.organization"]

    def clean(self):
        translation = (self.Relation.TRANSLATION, self.Relation.PROVISIONAL_TRANSLATION)
        if self.relation in translation and not self.related_source_id:
            raise ValidationError({"related_source": _("Say which source this one translates.")})
        if self.related_source_id and self.related_source_id == self.pk:
            raise ValidationError(
                {"related_source": _("A source cannot translate or copy itself.")}
            )

    def rebuild(self):
        """The text as pasted, byte for byte, from the stored paragraphs (one query)."""
        joined = "".join(
            paragraph.separator + paragraph.label + paragraph.gap + paragraph.text
            for paragraph in self.paragraphs.order_by("position")
        )
        lines = (joined + self.trailing).split("\n")
        names = [self.odd_line_breaks.get(str(n), self.line_break) for n in range(len(lines) - 1)]
        breaks = [LINE_BREAKS[name] for name in names]
        return "".join(line + end for line, end in zip(lines, [*breaks, ""], strict=True))

    @property
    def language_name(self):
        """ "Japanese" (日本語 on a Japanese page) for "ja"; the code itself where Django
        knows no name for it."""
        try:
            return get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.language

    @property
    def anchor(self):
        return f"source-{self.slug}"

    def footnote_anchors(self):
        """Footnote label to anchor ("(*)" -> its paragraph), from the prefetched paragraphs."""
        return {
            paragraph.label: paragraph.anchor
            for paragraph in self.paragraphs.all()
            if paragraph.kind == Paragraph.Kind.FOOTNOTE and paragraph.label
        }


class ParagraphQuerySet(models.QuerySet):
    def public(self):
        """Paragraphs of the sources of published meetings."""
        return self.filter(document__meeting__in=Meeting.objects.public())

    def get_by_natural_key(self, document_slug, position):
        return self.get(document__slug=document_slug, position=position)


class Paragraph(ArchiveModel):
    """One paragraph of a source document, verbatim, in its place."""

    class Kind(models.TextChoices):
        TITLE = "title", _("Title")
        DATELINE = "dateline", _("Date line")
        BODY = "body", _("Body")
        FOOTNOTE = "footnote", _("Footnote")
        CAPTION = "caption", _("Photo caption")
        TABLE = "table", _("Table row")
        OTHER = "other", _("Other text of the page")

    document = models.ForeignKey(
        SourceDocument,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="paragraphs",
    )
    position = models.PositiveIntegerField(_("position"))
    label = models.CharField(
        _("label"), max_length=20, blank=True, help_text=_('As printed: "1.", "(2)", "(*)".')
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BODY)
    text = models.TextField(_("text"), help_text=_("Exactly as issued, without the label."))
    # The white space of the paste, verbatim: before the paragraph, between label and text.
    separator = models.TextField(_("separator"), blank=True, default="")
    gap = models.CharField(_("gap"), max_length=20, blank=True, default="")
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = ParagraphQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["document_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="paragraph_position_unique"
            ),
        ]

    def __str__(self):
        return f"{self.label} {self.text[:60]}".strip()

    def natural_key(self):
        return (self.document.slug, self.position)

    natural_key.dependencies = ["meetings.sourcedocument"]

    @property
    def anchor(self):
        """Stable fragment for permalinks; unique on a meeting page with several sources."""
        return f"{self.document.slug}-p{self.position}"

    @property
    def printed(self):
        """The paragraph as it stands in the source: label, then text."""
        return f"{self.label} {self.text}" if self.label else self.text


def check_source_paragraph(fact):
    """The readable twin of the database trigger on ``source_paragraph``."""
    if not (fact.source_paragraph_id and fact.meeting_id):
        return
    if fact.source_paragraph.document.meeting_id != fact.meeting_id:
        raise ValidationError(
            {"source_paragraph": _("This paragraph belongs to a source of another meeting.")}
        )


class ParticipationQuerySet(models.QuerySet):
    def public(self):
        """Participations in published meetings."""
        return self.filter(meeting__in=Meeting.objects.public())

    def get_by_natural_key(self, meeting_slug, organization_slug, status="attended"):
        return self.get(
            meeting__slug=meeting_slug, organization__slug=organization_slug, status=status
        )

    def with_first_time(self):
        """Each row gets ``first_time``: its organisation took part in this meeting and in no
        earlier published meeting of the series, neither itself nor through a group it was a
        member of then. Derived, never stored, in the same query.

        False outside a series, for a state that did not take part, and at the earliest
        edition the archive holds: the editions before it may simply be missing.
        """
        series = OuterRef("meeting__series")
        before = OuterRef("meeting__start_date")
        earlier_edition = Meeting.objects.public().filter(series=series, start_date__lt=before)
        organization = OuterRef("organization")
        day = F("meeting__start_date")
        # Itself, or a group it belonged to on that day (ASEAN for Indonesia).
        taken_part_before = Participation.objects.public().filter(
            Q(organization=organization)
            | Q(
                Q(organization__member_links__end_date__isnull=True)
                | Q(organization__member_links__end_date__gte=day),
                organization__member_links__member=organization,
                organization__member_links__start_date__lte=day,
            ),
            status__in=Participation.PRESENT,
            meeting__series=series,
            meeting__start_date__lt=before,
        )
        return self.annotate(
            first_time=Case(
                When(meeting__series__isnull=True, then=False),
                When(~Q(status__in=Participation.PRESENT), then=False),
                When(~Exists(earlier_edition), then=False),
                When(Exists(taken_part_before), then=False),
                default=True,
                output_field=models.BooleanField(),
            )
        )


class Participation(ArchiveModel):
    class Role(models.TextChoices):
        HOST = "host", _("Host")
        CHAIR = "chair", _("Chair")
        CO_CHAIR = "co_chair", _("Co-chair")
        PARTICIPANT = "participant", _("Participant")
        OBSERVER = "observer", _("Observer")

    class ChairRole(models.TextChoices):
        NONE = "", _("None")
        CHAIR = "chair", _("Chair")
        CO_CHAIR = "co_chair", _("Co-chair")

    class Status(models.TextChoices):
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Absent")
        PLANNED = "planned", _("Planned (announced)")
        INVITED = "invited", _("Invited")
        OBSERVER = "observer", _("Observer")
        GUEST = "guest", _("Guest")

    # The statuses of those who were there: absent, planned and invited ones were not.
    PRESENT = [Status.ATTENDED, Status.OBSERVER, Status.GUEST]
    # An announcement's: named in advance, not confirmed as present.
    EXPECTED = [Status.PLANNED, Status.INVITED]

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participations"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT
    )
    chair_role = models.CharField(
        _("chair role"),
        max_length=10,
        choices=ChairRole.choices,
        blank=True,
        help_text=_("A second role: a host that also chairs or co-chairs."),
    )
    status = models.CharField(
        pgettext_lazy("attendance", "status"),
        max_length=10,
        choices=Status.choices,
        default=Status.ATTENDED,
        help_text=_("Planned participants (announcements) stay apart from attendees."),
    )
    named_under = models.ForeignKey(
        "self",
        verbose_name=_("named under"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="named_members",
        help_text=_('The group\'s participation this member was named under ("such as ...").'),
    )
    list_complete = models.BooleanField(
        _("list complete"),
        default=True,
        help_text=_('A group: False when only some members are named ("such as", など).'),
    )
    source_words = models.CharField(
        _("source words"),
        max_length=300,
        help_text=_('The words the source used: "the ASEAN member countries".'),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    source_paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("source paragraph"),
        on_delete=models.RESTRICT,
        related_name="participations",
    )

    objects = ParticipationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["meeting_id", "position"]
        # The participant filter and page read a participant's meetings from the index
        # alone (at 100,000 meetings a bitmap scan read 9,000 table blocks for one).
        indexes = [
            models.Index(fields=["organization", "meeting"], name="participation_org_meeting")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organization", "status"],
                name="participation_once_per_meeting",
                violation_error_message=_("This organisation is already listed with this status."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "status"],
                condition=Q(role="host"),
                name="participation_one_host",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["chair", "co_chair"]) | Q(chair_role=""),
                name="participation_chair_role_is_second",
                violation_error_message=_("A second chair role is for a host or a participant."),
            ),
            models.CheckConstraint(
                condition=~Q(named_under=F("pk")),
                name="participation_not_named_under_itself",
                violation_error_message=_("A participation cannot be named under itself."),
            ),
        ]

    def __str__(self):
        return _("%(organization)s at %(meeting)s (%(role)s)") % {
            "organization": self.organization,
            "meeting": self.meeting,
            "role": self.get_role_display(),
        }

    def natural_key(self):
        return (self.meeting.slug, self.organization.slug, self.status)

    natural_key.dependencies = ["meetings.meeting", "meetings.organization", "meetings.paragraph"]

    @property
    def roles(self):
        """Every role held: ["host", "co_chair"]; a plain participant holds none."""
        held = [self.role, self.chair_role]
        return [role for role in held if role and role != self.Role.PARTICIPANT]

    def clean(self):
        check_source_paragraph(self)
        if self.role == self.Role.HOST and self.meeting_id:
            hosts = Participation.objects.filter(
                meeting_id=self.meeting_id, role=self.Role.HOST, status=self.status
            )
            if hosts.exclude(pk=self.pk).exists():
                raise ValidationError({"role": _("This meeting already has a host.")})
        if self.chair_role and self.role in (self.Role.CHAIR, self.Role.CO_CHAIR):
            raise ValidationError(
                {"chair_role": _("A second chair role is for a host or a participant.")}
            )
        if self.named_under_id:
            group = self.named_under
            if self.pk and group.pk == self.pk:
                raise ValidationError(
                    {"named_under": _("A participation cannot be named under itself.")}
                )
            if group.meeting_id != self.meeting_id:
                raise ValidationError(
                    {"named_under": _("That group is listed at another meeting.")}
                )


class ParticipantCountQuerySet(models.QuerySet):
    def public(self):
        """Counts given for published meetings."""
        return self.filter(meeting__in=Meeting.objects.public())

    def get_by_natural_key(self, meeting_slug, position):
        return self.get(meeting__slug=meeting_slug, position=position)


class ParticipantCount(ArchiveModel):
    """ "Officials of 23 ARF members and international organisations, about 50 people": a
    count the source gives instead of (or besides) names, with its words."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="participant_counts",
    )
    count = models.PositiveIntegerField(_("count"))
    what = models.CharField(
        _("what"), max_length=200, help_text=_('What is counted: "ARF members", "people".')
    )
    approximate = models.BooleanField(
        _("approximate"), default=False, help_text=_('"about", "約".')
    )
    status = models.CharField(
        pgettext_lazy("attendance", "status"),
        max_length=10,
        choices=Participation.Status.choices,
        default=Participation.Status.ATTENDED,
    )
    source_words = models.CharField(_("source words"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    source_paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("source paragraph"),
        on_delete=models.RESTRICT,
        related_name="participant_counts",
    )

    objects = ParticipantCountQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant count")
        verbose_name_plural = _("participant counts")
        ordering = ["meeting_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="participantcount_position_unique",
                violation_error_message=_("The meeting already has a count in this position."),
            ),
        ]

    def __str__(self):
        about = "about " if self.approximate else ""
        return f"{about}{self.count} {self.what}"

    def natural_key(self):
        return (self.meeting.slug, self.position)

    natural_key.dependencies = ["meetings.meeting", "meetings.paragraph"]

    def clean(self):
        check_source_paragraph(self)


class MeetingDayQuerySet(models.QuerySet):
    def public(self):
        return self.filter(meeting__in=Meeting.objects.public())

    def get_by_natural_key(self, meeting_slug, date):
        return self.get(meeting__slug=meeting_slug, date=date)


class MeetingDay(ArchiveModel):
    """Where one day of the meeting was held, when the venue changes from day to day."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"))
    venue_name = models.CharField(_("venue name"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    source_paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("source paragraph"),
        on_delete=models.RESTRICT,
        related_name="meeting_days",
    )

    objects = MeetingDayQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting day")
        verbose_name_plural = _("meeting days")
        ordering = ["meeting_id", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "date"],
                name="meetingday_unique",
                violation_error_message=_("The meeting already has a venue for this day."),
            ),
        ]

    def __str__(self):
        return f"{self.date}: {self.venue_name or self.city}"

    def natural_key(self):
        return (self.meeting.slug, self.date.isoformat())

    natural_key.dependencies = ["meetings.meeting", "meetings.paragraph"]

    def clean(self):
        check_source_paragraph(self)
        meeting = self.meeting if self.meeting_id else None
        if meeting and self.date and not meeting.start_date <= self.date <= meeting.end_date:
            raise ValidationError({"date": _("The day falls outside the meeting's dates.")})


class SideEventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(meeting__in=Meeting.objects.public())

    def get_by_natural_key(self, meeting_slug, position):
        return self.get(meeting__slug=meeting_slug, position=position)


class SideEvent(ArchiveModel):
    """A reception, a working-level meeting or a workshop held alongside the meeting."""

    class Kind(models.TextChoices):
        RECEPTION = "reception", _("Reception")
        WORKING_LEVEL = "working_level", _("Working-level meeting")
        WORKSHOP = "workshop", _("Workshop or seminar")
        OTHER = "other", _("Other")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="side_events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(pgettext_lazy("meeting", "title"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    venue_name = models.CharField(_("venue name"), max_length=200, blank=True)
    source_words = models.CharField(
        _("source words"),
        max_length=500,
        blank=True,
        help_text=_("The sentence of the source that tells of it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    source_paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("source paragraph"),
        on_delete=models.RESTRICT,
        related_name="side_events",
    )

    objects = SideEventQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("side event")
        verbose_name_plural = _("side events")
        ordering = ["meeting_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="sideevent_position_unique",
                violation_error_message=_("The meeting already has a side event in this position."),
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.meeting.slug, self.position)

    natural_key.dependencies = ["meetings.meeting", "meetings.paragraph"]

    def clean(self):
        check_source_paragraph(self)


class AppearanceQuerySet(models.QuerySet):
    def public(self):
        """Appearances at published meetings."""
        return self.filter(meeting__in=Meeting.objects.public())

    def get_by_natural_key(self, meeting_slug, person_slug, role):
        return self.get(meeting__slug=meeting_slug, person__slug=person_slug, role=role)


class Appearance(ArchiveModel):
    """A person's part in a meeting, with the title they held at the time."""

    class Role(models.TextChoices):
        OPENING_SPEECH = "opening_speech", _("Opening speech")
        CHAIR = "chair", _("Chair")
        CO_CHAIR = "co_chair", _("Co-chair")
        HEAD_OF_DELEGATION = "head_of_delegation", _("Head of delegation")
        SPEAKER = "speaker", _("Speaker")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="appearances"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="appearances"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    title = models.CharField(
        pgettext_lazy("held by a person", "title"),
        max_length=200,
        blank=True,
        help_text=_("The title held at this meeting; blank when the source gives none."),
    )
    on_behalf_of = models.ForeignKey(
        Organization,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appearances",
    )
    source_words = models.CharField(_("source words"), max_length=300, blank=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("What they said, in the archive's words.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    source_paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("source paragraph"),
        on_delete=models.RESTRICT,
        related_name="appearances",
    )

    objects = AppearanceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appearance")
        verbose_name_plural = _("appearances")
        ordering = ["meeting_id", "position"]
        # A person's page and the people list read a person's meetings from the index alone.
        indexes = [models.Index(fields=["person", "meeting"], name="appearance_person_meeting")]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person", "role"], name="appearance_unique"),
        ]

    def __str__(self):
        return _("%(person)s, %(title)s (%(role)s, %(meeting)s)") % {
            "person": self.person,
            "title": self.title,
            "role": self.get_role_display(),
            "meeting": self.meeting,
        }

    def natural_key(self):
        return (self.meeting.slug, self.person.slug, self.role)

    natural_key.dependencies = ["meetings.meeting", "meetings.person", "meetings.paragraph"]

    def clean(self):
        check_source_paragraph(self)


class DiscussionPointQuerySet(models.QuerySet):
    def public(self):
        """Discussion points of published meetings."""
        return self.filter(meeting__in=Meeting.objects.public())

    def get_by_natural_key(self, meeting_slug, outline):
        """``outline`` is the dotted path of positions: "2" or "2.1"."""
        point = None
        for position in outline.split("."):
            point = self.get(meeting__slug=meeting_slug, parent=point, position=int(position))
        return point


class DiscussionPoint(ArchiveModel):
    """An item of the talks, nestable: (2) with (a), (b), (c) under it."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="discussion_points",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(
        _("position"), help_text=_("Order among its siblings.")
    )
    label = models.CharField(
        _("label"), max_length=20, blank=True, help_text=_('As printed: "(1)", "(a)".')
    )
    heading = models.CharField(
        _("heading"), max_length=300, help_text=_("A short heading, in the archive's words.")
    )
    text = models.TextField(_("text"), help_text=_("The source's words for this point, verbatim."))
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="discussion_points"
    )
    source_paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("source paragraph"),
        on_delete=models.RESTRICT,
        related_name="discussion_points",
    )

    objects = DiscussionPointQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[topics])

    class Meta:
        verbose_name = _("discussion point")
        verbose_name_plural = _("discussion points")
        ordering = ["meeting_id", "parent_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                condition=Q(parent__isnull=True),
                name="discussionpoint_top_position_unique",
            ),
            models.UniqueConstraint(
                fields=["parent", "position"], name="discussionpoint_child_position_unique"
            ),
        ]

    def __str__(self):
        return f"{self.label} {self.heading}".strip()

    def natural_key(self):
        return (self.meeting.slug, self.outline)

    natural_key.dependencies = ["meetings.meeting", "meetings.paragraph", "meetings.topic"]

    @property
    def outline(self):
        positions = []
        point = self
        while point is not None:
            positions.append(str(point.position))
            point = point.parent
        return ".".join(reversed(positions))

    @property
    def anchor(self):
        return "point-" + self.outline.replace(".", "-")

    def clean(self):
        check_source_paragraph(self)
        parent = (
            DiscussionPoint.objects.filter(pk=self.parent_id).first() if self.parent_id else None
        )
        if self.parent_id and parent is None:
            raise ValidationError({"parent": _("The parent point is deleted: restore it first.")})
        if parent and self.meeting_id and parent.meeting_id != self.meeting_id:
            raise ValidationError({"parent": _("The parent point belongs to another meeting.")})
        if self.text and self.source_paragraph_id and self.text not in self.source_paragraph.text:
            raise ValidationError(
                {"text": _("The text must be quoted verbatim from its paragraph.")}
            )


class TopicMentionQuerySet(models.QuerySet):
    def public(self):
        """Mentions in the sources of published meetings."""
        return self.filter(paragraph__document__meeting__in=Meeting.objects.public())

    def get_by_natural_key(self, topic_slug, document_slug, position):
        return self.get(
            topic__slug=topic_slug,
            paragraph__document__slug=document_slug,
            paragraph__position=position,
        )


class TopicMention(ArchiveModel):
    """Where a paragraph names a topic, or (in a footnote) defines it."""

    class Kind(models.TextChoices):
        MENTION = "mention", _("Mention")
        DEFINITION = "definition", _("Definition")

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="mentions"
    )
    paragraph = models.ForeignKey(
        Paragraph, verbose_name=_("paragraph"), on_delete=models.CASCADE, related_name="mentions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MENTION)
    quote = models.CharField(
        _("quote"), max_length=300, help_text=_("The words of the paragraph that name it.")
    )

    objects = TopicMentionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic mention")
        verbose_name_plural = _("topic mentions")
        ordering = ["paragraph_id", "topic__name"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "paragraph"], name="topicmention_unique"),
        ]

    def __str__(self):
        return _("%(topic)s in %(document)s %(label)s") % {
            "topic": self.topic,
            "document": self.paragraph.document,
            "label": self.paragraph.label,
        }

    def natural_key(self):
        return (self.topic.slug, *self.paragraph.natural_key())

    natural_key.dependencies = ["meetings.topic", "meetings.paragraph"]

    def clean(self):
        if self.quote and self.paragraph_id and self.quote not in self.paragraph.text:
            raise ValidationError(
                {"quote": _("The quote must appear, verbatim, in the paragraph.")}
            )


class ReferenceQuerySet(models.QuerySet):
    """A reference is identified by its owner's natural key and its address."""

    def get_by_natural_key(self, *key):
        *owner_key, url = key
        owner_model = self.model._meta.get_field(self.model.owner_field).related_model
        owner = owner_model.objects.get_by_natural_key(*owner_key)
        return self.get(**{self.model.owner_field: owner, "url": url})


class Reference(ArchiveModel):
    """An authoritative source for a description the archive wrote, cited by its title:
    the ministry's page, the treaty text, the organisation's own site. One shape for
    every kind of owner: each kind has its table with a foreign key to its owner."""

    title = models.CharField(_("title"), max_length=300, help_text=_("The page's own title."))
    url = models.URLField(_("address"), max_length=500)
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_("Who published it: the Ministry of Foreign Affairs."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "title"]

    def __str__(self):
        return f"{self.title} — {self.publisher}" if self.publisher else self.title


def reference_constraints(owner_field):
    return [
        models.UniqueConstraint(
            fields=[owner_field, "url"],
            name=f"{owner_field}reference_unique",
            violation_error_message=_("This address is already cited here."),
        ),
    ]


class TopicReference(Reference):
    owner_field = "topic"

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="references"
    )

    history = HistoricalRecords()

    class Meta(Reference.Meta):
        verbose_name = _("topic reference")
        verbose_name_plural = _("topic references")
        constraints = reference_constraints("topic")

    def natural_key(self):
        return (*self.topic.natural_key(), self.url)

    natural_key.dependencies = ["meetings.topic"]


class OrganizationReference(Reference):
    owner_field = "organization"

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="references",
    )

    history = HistoricalRecords()

    class Meta(Reference.Meta):
        verbose_name = _("organization reference")
        verbose_name_plural = _("organization references")
        constraints = reference_constraints("organization")

    def natural_key(self):
        return (*self.organization.natural_key(), self.url)

    natural_key.dependencies = ["meetings.organization"]


class MembershipReference(Reference):
    """A source for a membership and its dates."""

    owner_field = "membership"

    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        related_name="references",
    )

    history = HistoricalRecords()

    class Meta(Reference.Meta):
        verbose_name = _("membership reference")
        verbose_name_plural = _("membership references")
        constraints = reference_constraints("membership")

    def natural_key(self):
        return (*self.membership.natural_key(), self.url)

    natural_key.dependencies = ["meetings.membership"]


class PersonReference(Reference):
    owner_field = "person"

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="references"
    )

    history = HistoricalRecords()

    class Meta(Reference.Meta):
        verbose_name = _("person reference")
        verbose_name_plural = _("person references")
        constraints = reference_constraints("person")

    def natural_key(self):
        return (*self.person.natural_key(), self.url)

    natural_key.dependencies = ["meetings.person"]


class SeriesReference(Reference):
    owner_field = "series"

    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="references"
    )

    history = HistoricalRecords()

    class Meta(Reference.Meta):
        verbose_name = _("series reference")
        verbose_name_plural = _("series references")
        constraints = reference_constraints("series")

    def natural_key(self):
        return (*self.series.natural_key(), self.url)

    natural_key.dependencies = ["meetings.series"]


class VenueReference(Reference):
    """A source for the meeting's venue description."""

    owner_field = "meeting"

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="venue_references",
    )

    history = HistoricalRecords()

    class Meta(Reference.Meta):
        verbose_name = _("venue reference")
        verbose_name_plural = _("venue references")
        constraints = reference_constraints("meeting")

    def natural_key(self):
        return (*self.meeting.natural_key(), self.url)

    natural_key.dependencies = ["meetings.meeting"]


@receiver(pre_save)
def refuse_control_characters(sender, instance, raw, **kwargs):
    """The guard behind every save, raw ones included (loaddata, the archive restore)."""
    if not isinstance(instance, ArchiveModel):
        return
    errors = control_character_errors(instance)
    if errors:
        # A row being loaded may have no primary key yet: name it by its slug where it has one.
        label = getattr(instance, "slug", "") or instance.pk
        described = f"{instance._meta.verbose_name} “{label}”"
        raise ValidationError(
            [
                f"{capfirst(described)}, {name}: {' '.join(messages)}"
                for name, messages in errors.items()
            ]
        )


class Correction(models.Model):
    """A correction of the verbatim text of a published source, shown beside its paragraph."""

    paragraph = models.ForeignKey(
        Paragraph, verbose_name=_("paragraph"), on_delete=models.CASCADE, related_name="corrections"
    )
    corrected_at = models.DateTimeField(_("corrected at"), default=timezone.now)
    corrected_by = models.CharField(
        _("corrected by"), max_length=150, help_text=_("The Publisher's user name.")
    )
    proposed_by = models.CharField(_("proposed by"), max_length=150, blank=True)
    reason = models.TextField(_("reason"))
    label_before = models.CharField(_("label before"), max_length=20, blank=True)
    text_before = models.TextField(_("text before"))
    label_after = models.CharField(_("label after"), max_length=20, blank=True)
    text_after = models.TextField(_("text after"))

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["paragraph_id", "corrected_at"]

    def __str__(self):
        return _("Correction of %(paragraph)s on %(date)s") % {
            "paragraph": self.paragraph,
            "date": f"{self.corrected_at:%Y-%m-%d}",
        }

    @property
    def what(self):
        parts = []
        if self.label_before != self.label_after:
            parts.append(f"label “{self.label_before}” → “{self.label_after}”")
        if self.text_before != self.text_after:
            parts.append("text")
        return " and ".join(parts) or "nothing"


class RevisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Revision.Status.PENDING)


class Revision(models.Model):
    """An Editor's change to a published record, waiting for a Publisher.

    ``form_data`` is the change form as the Editor posted it to ``path``; publishing posts
    it again there as the Publisher, through every check a save makes (stale edits too).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a Publisher")
        PUBLISHED = "published", _("Published")
        DISCARDED = "discarded", _("Discarded")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="revisions"
    )
    title = models.CharField(
        pgettext_lazy("revision", "title"), max_length=300, help_text=_("What the change is to.")
    )
    path = models.CharField(_("path"), max_length=300)
    form_data = models.JSONField(_("form data"))
    changes = models.JSONField(
        _("changes"), help_text=_("Field by field: object, field, before, after.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    proposed_by = models.CharField(_("proposed by"), max_length=150)
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    decided_by = models.CharField(_("decided by"), max_length=150, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-proposed_at"]

    def __str__(self):
        return _("%(title)s, proposed by %(curator)s") % {
            "title": self.title,
            "curator": self.proposed_by,
        }
