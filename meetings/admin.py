"""The curators' admin: enter a meeting from its release, check it, publish it, lose nothing.

Every model's admin keeps django-simple-history's history with revert, and adds a
comparison of any two versions, a list of deleted rows with a restore button, refusals
to delete what a meeting still uses, the stale-edit guard on every change form, and
the rule that an Editor's change to a published record waits for a Publisher
(see meetings.curation).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models, router, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SIMPLE_HISTORY_EDIT, SimpleHistoryAdmin

from .curation import review
from .curation.history import (
    DELETED_LIST_LIMIT,
    display_value,
    restore_deleted,
    word_diff,
)
from .curation.merge_admin import MergeAdminMixin
from .curation.stale import StaleGuard, guarded_form
from .curation.text import PastedTextField
from .forms import (
    PLAIN_LABELS,
    CuratedInlineFormSet,
    DiscussionPointForm,
    DiscussionPointFormSet,
    MeetingAdminForm,
    MeetingPartFormSet,
    ParagraphForm,
    ParticipationForm,
    ParticipationFormSet,
    ReleaseImport,
    ReleaseTextForm,
    SourceDocumentForm,
    deletion_refusals,
)
from .models import (
    Appearance,
    Correction,
    DiscussionPoint,
    Meeting,
    MeetingDay,
    Membership,
    MembershipReference,
    Organization,
    OrganizationName,
    OrganizationReference,
    Paragraph,
    ParticipantCount,
    Participation,
    Person,
    PersonName,
    PersonReference,
    Revision,
    Series,
    SeriesName,
    SeriesReference,
    SideEvent,
    SourceDocument,
    Topic,
    TopicAlias,
    TopicMention,
    TopicReference,
    VenueReference,
)

# Addresses typed without a scheme are https (Django 6's default, without its warning);
# line breaks typed or pasted into a text area are kept as LF (browsers send CR LF).
CURATED_FORMFIELDS = {
    models.URLField: {"assume_scheme": "https"},
    models.TextField: {"form_class": PastedTextField},
}
PARAGRAPHS_PER_PAGE = 50

# The admin names the archive, not Django, in its header and the browser's tab.
admin.site.site_header = gettext_lazy("ASTOP archive administration")
admin.site.site_title = gettext_lazy("ASTOP archive administration")


class CuratedInline:
    """What every inline of the curated admins shares."""

    formfield_overrides = CURATED_FORMFIELDS
    formset = CuratedInlineFormSet

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["labels"] = {**PLAIN_LABELS, **kwargs.get("labels", {})}
        return super().get_formset(request, obj, **kwargs)


class CuratedAdmin(SimpleHistoryAdmin):
    """History with a comparison of two versions; deleted rows and their restore; the
    stale-edit guard on change forms; changes to a published record held for a Publisher."""

    object_history_template = "admin/meetings/object_history.html"
    object_history_form_template = "admin/meetings/object_history_form.html"
    object_history_list_template = "admin/meetings/object_history_list.html"
    formfield_overrides = CURATED_FORMFIELDS

    # simple-history's titles, in the project's catalog (simple-history has no Japanese).
    def history_view_title(self, request, obj):
        if self.revert_disabled(request, obj) and not SIMPLE_HISTORY_EDIT:
            return _("View history: %(object)s") % {"object": obj}
        return _("Change history: %(object)s") % {"object": obj}

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return _("View %(object)s") % {"object": obj}
        return _("Revert %(object)s") % {"object": obj}

    # --- Stale edits and review: every save of a change form goes through here

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["labels"] = {**PLAIN_LABELS, **kwargs.get("labels", {})}
        form = super().get_form(request, obj, change=change, form=guarded_form(self.form), **kwargs)
        if obj is not None and obj.pk is not None:
            form.guard = StaleGuard.for_admin(self, request, obj)
        return form

    def _create_formsets(self, request, obj, change):
        # Kept for save_model: a change held for review is described with its inline rows.
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        request.curated_formsets = formsets
        return formsets, inline_instances

    def save_model(self, request, obj, form, change):
        meeting = review.published_meeting_held(request.user, obj)
        if meeting is not None:
            raise review.HeldForReview(meeting, form, getattr(request, "curated_formsets", []))
        if not getattr(obj, "_change_reason", None):
            obj._change_reason = review.change_reason(request)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        reason = review.change_reason(request)
        for row in formset.forms:
            row.instance._change_reason = reason
        super().save_formset(request, form, formset, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        extra_context = {**self.review_context(request, obj), **(extra_context or {})}
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except review.HeldForReview as held:
            return self.hold_for_review(request, held)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert saves through the change form, whose checks lock rows: one transaction.
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().history_form_view(request, object_id, version_id, extra_context)
        except review.HeldForReview as held:
            return self.hold_for_review(request, held)

    def hold_for_review(self, request, held):
        obj = held.form.instance
        title = f"{self.opts.verbose_name} “{obj}”" if obj.pk else f"a new {self.opts.verbose_name}"
        revision = review.propose(request, held, title)
        if revision is None:
            self.message_user(request, _("Nothing was changed: there is nothing to publish."))
            return redirect(request.path)
        review.notify_proposed(self, request, revision)
        return redirect("admin:meetings_revision_change", revision.pk)

    def review_context(self, request, obj):
        """What the change form says about review: who must publish, what waits."""
        if obj is None:
            return {}
        meeting = review.meeting_of(obj)
        held = review.published_meeting_held(request.user, obj)
        pending = Revision.objects.pending().filter(meeting=meeting) if meeting else []
        return {"held_meeting": held, "pending_revisions": list(pending)}

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        own = [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name="{}_{}_deleted".format(*info),
            ),
            path(
                "deleted/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
        ]
        return own + super().get_urls()

    def url_name(self, view):
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}"

    def changelist_view(self, request, extra_context=None):
        extra_context = {"deleted_url": reverse(self.url_name("deleted")), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = deletion_refusals(objs)
        for obj in objs:
            meeting = review.published_meeting_held(request.user, obj)
            if meeting is not None:
                refusals.append(
                    _(
                        "%(kind)s “%(object)s” belongs to the published meeting %(meeting)s: "
                        "deleting it is a Publisher’s act (or tick “Delete” on the meeting’s "
                        "page to propose it)."
                    )
                    % {"kind": capfirst(obj._meta.verbose_name), "object": obj, "meeting": meeting}
                )
        return deleted, model_count, perms_needed, refusals or protected

    def compare_view(self, request, object_id):
        history = self.model.history.filter(**{self.opts.pk.attname: object_id})
        versions = list(history.select_related("history_user").order_by("-history_date"))
        if not versions:
            raise Http404("This object has no history.")
        if not self.has_view_history_or_change_history_permission(request, versions[0].instance):
            raise PermissionDenied
        by_id = {str(version.history_id): version for version in versions}
        new = by_id.get(request.GET.get("new"), versions[0])
        old = by_id.get(request.GET.get("old"), versions[1] if len(versions) > 1 else versions[0])
        if new.history_date < old.history_date:
            old, new = new, old
        delta = new.diff_against(old, foreign_keys_are_objs=True)
        rows = []
        for change in delta.changes:
            field = self.model._meta.get_field(change.field)
            old_value, new_value = display_value(change.old), display_value(change.new)
            rows.append(
                {
                    "label": capfirst(field.verbose_name),
                    "old": old_value,
                    "new": new_value,
                    "diff": word_diff(old_value, new_value),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Compare versions: %(object)s") % {"object": versions[0].instance},
            "object_id": object_id,
            "old": old,
            "new": new,
            "rows": rows,
            "history_url": reverse(self.url_name("history"), args=[object_id]),
        }
        return TemplateResponse(request, "admin/meetings/compare.html", context)

    def deleted_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        pk_name = self.opts.pk.attname
        deletions = (
            self.model.history.filter(history_type="-")
            .exclude(**{f"{pk_name}__in": self.model.objects.values("pk")})
            .select_related("history_user")
            .order_by("-history_date")[: DELETED_LIST_LIMIT * 2]
        )
        latest = {}
        for record in deletions:
            latest.setdefault(getattr(record, pk_name), record)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Deleted %(name)s") % {"name": self.opts.verbose_name_plural},
            "records": list(latest.values())[:DELETED_LIST_LIMIT],
            "can_restore": self.has_add_permission(request),
            "restore_url_name": self.url_name("restore"),
            "history_url_name": self.url_name("history"),
        }
        return TemplateResponse(request, "admin/meetings/deleted_list.html", context)

    def restore_view(self, request, history_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        record = get_object_or_404(self.model.history, history_id=history_id, history_type="-")
        if self.model.objects.filter(pk=record.instance.pk).exists():
            self.message_user(
                request,
                _("“%(object)s” is not deleted.") % {"object": record.instance},
                messages.WARNING,
            )
            return redirect(self.url_name("change"), record.instance.pk)
        meeting = review.published_meeting_held(request.user, record.instance)
        if meeting is not None:
            self.message_user(
                request,
                _(
                    "“%(object)s” belongs to the published meeting %(meeting)s: restoring it "
                    "is a Publisher’s act."
                )
                % {"object": record.instance, "meeting": meeting},
                messages.ERROR,
            )
            return redirect(self.url_name("deleted"))
        try:
            obj, companions = restore_deleted(record)
        except ValidationError as error:
            self.message_user(
                request,
                _("“%(object)s” cannot be restored: %(reasons)s")
                % {"object": record.instance, "reasons": " ".join(error.messages)},
                messages.ERROR,
            )
            return redirect(self.url_name("deleted"))
        # The log keeps one language (English); the message speaks the curator's.
        with_rows = f", with {companions} rows deleted with it" if companions else ""
        self.log_addition(request, obj, f"Restored after deletion{with_rows}.")
        if companions:
            message = ngettext(
                "Restored “%(object)s”, with %(count)s row deleted with it.",
                "Restored “%(object)s”, with %(count)s rows deleted with it.",
                companions,
            ) % {"object": obj, "count": companions}
        else:
            message = _("Restored “%(object)s”.") % {"object": obj}
        self.message_user(request, message, messages.SUCCESS)
        return redirect(self.url_name("change"), obj.pk)


# --- Lookup tables ------------------------------------------------------------------------


class MembershipInline(CuratedInline, admin.TabularInline):
    model = Membership
    fk_name = "group"
    extra = 0
    autocomplete_fields = ["member"]
    verbose_name = gettext_lazy("member")
    verbose_name_plural = gettext_lazy("members (dated)")
    formfield_overrides = CURATED_FORMFIELDS


class OtherNameInline(CuratedInline, admin.TabularInline):
    """Other names in one row each: the name, its language and kind, and the page that
    gives it (title and address) in boxes narrow enough to fit the row."""

    extra = 0
    fields = ["name", "language", "kind", "source_title", "source_url"]

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["widgets"] = {
            "language": forms.TextInput(attrs={"size": 4}),
            "source_title": forms.TextInput(attrs={"size": 28}),
            "source_url": forms.URLInput(attrs={"size": 28}),
            **kwargs.get("widgets", {}),
        }
        return super().get_formset(request, obj, **kwargs)


class OrganizationNameInline(OtherNameInline):
    model = OrganizationName
    verbose_name_plural = gettext_lazy("other names (Japanese, formal, former, abbreviations)")


class SeriesNameInline(OtherNameInline):
    model = SeriesName
    verbose_name_plural = gettext_lazy("other names (Japanese, former)")


class PersonNameInline(OtherNameInline):
    model = PersonName
    verbose_name_plural = gettext_lazy("other names (Japanese, readings)")


class ReferenceInline(CuratedInline, admin.TabularInline):
    """Titled sources for the owner's description (a subclass names the model)."""

    extra = 0
    fields = ["title", "url", "publisher", "position"]
    verbose_name = gettext_lazy("source")
    verbose_name_plural = gettext_lazy("sources for the description (titled, authoritative)")


class OrganizationReferenceInline(ReferenceInline):
    model = OrganizationReference


class MembershipReferenceInline(ReferenceInline):
    model = MembershipReference
    verbose_name_plural = gettext_lazy("sources for the membership and its dates")


class SeriesReferenceInline(ReferenceInline):
    model = SeriesReference


class PersonReferenceInline(ReferenceInline):
    model = PersonReference


class TopicReferenceInline(ReferenceInline):
    model = TopicReference


class VenueReferenceInline(ReferenceInline):
    model = VenueReference
    verbose_name_plural = gettext_lazy("sources for the venue description")


@admin.register(Organization)
class OrganizationAdmin(MergeAdminMixin, CuratedAdmin):
    list_display = ["name", "abbreviation", "classification", "iso_code", "parent"]
    list_filter = ["classification"]
    list_select_related = ["parent"]
    search_fields = ["name", "abbreviation", "iso_code", "slug", "other_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [OrganizationNameInline, MembershipInline, OrganizationReferenceInline]


@admin.register(Membership)
class MembershipAdmin(CuratedAdmin):
    list_display = ["member", "group", "start_date", "end_date"]
    list_filter = ["group"]
    list_select_related = ["member", "group"]
    search_fields = ["member__name", "group__name"]
    autocomplete_fields = ["member", "group"]
    date_hierarchy = "start_date"
    inlines = [MembershipReferenceInline]


@admin.register(Series)
class SeriesAdmin(CuratedAdmin):
    list_display = ["name", "short_name", "organiser"]
    list_select_related = ["organiser"]
    search_fields = ["name", "short_name", "other_names__name"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["organiser"]
    inlines = [SeriesNameInline, SeriesReferenceInline]


@admin.register(Person)
class PersonAdmin(MergeAdminMixin, CuratedAdmin):
    list_display = ["name", "sort_name", "honorific"]
    search_fields = ["name", "sort_name", "slug", "other_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonNameInline, PersonReferenceInline]


class TopicAliasInline(OtherNameInline):
    model = TopicAlias


@admin.register(Topic)
class TopicAdmin(CuratedAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "aliases__name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [TopicAliasInline, TopicReferenceInline]


@admin.register(TopicAlias)
class TopicAliasAdmin(CuratedAdmin):
    list_display = ["name", "topic"]
    list_select_related = ["topic"]
    search_fields = ["name", "topic__name"]
    autocomplete_fields = ["topic"]


# --- Meetings -------------------------------------------------------------------------------


class YearListFilter(admin.SimpleListFilter):
    title = gettext_lazy("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Meeting.objects.dates("start_date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        return queryset.filter(start_date__year=int(self.value()))


class ParticipantListFilter(admin.SimpleListFilter):
    title = gettext_lazy("participant")
    parameter_name = "participant"

    def lookups(self, request, model_admin):
        participants = Organization.objects.filter(participations__isnull=False).distinct()
        return list(participants.order_by("name").values_list("slug", "name"))

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        taking_part = Participation.objects.filter(organization__slug=self.value())
        return queryset.filter(pk__in=taking_part.values("meeting"))


class TopicListFilter(admin.SimpleListFilter):
    """Topics named in a meeting's source or listed on its discussion points."""

    title = gettext_lazy("topic")
    parameter_name = "topic"

    def lookups(self, request, model_admin):
        used = Topic.objects.filter(Q(mentions__isnull=False) | Q(discussion_points__isnull=False))
        return list(used.distinct().order_by("name").values_list("slug", "name"))

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        named = TopicMention.objects.filter(topic__slug=self.value())
        listed = DiscussionPoint.objects.filter(topics__slug=self.value())
        return queryset.filter(
            Q(pk__in=named.values("paragraph__document__meeting"))
            | Q(pk__in=listed.values("meeting"))
        )


class SourceDocumentInline(CuratedInline, admin.TabularInline):
    model = SourceDocument
    extra = 0
    fields = ["title", "kind", "publisher", "published_on", "language", "slug", "paragraphs"]
    readonly_fields = ["paragraphs"]
    autocomplete_fields = ["publisher"]
    show_change_link = True
    verbose_name_plural = gettext_lazy(
        "sources (their paragraphs are edited on each source's page)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(paragraph_count=models.Count("paragraphs"))

    @admin.display(description=gettext_lazy("paragraphs"))
    def paragraphs(self, document):
        if not document.pk:
            return "—"
        url = reverse("admin:meetings_sourcedocument_change", args=[document.pk])
        count = document.paragraph_count
        label = ngettext("%(count)s paragraph", "%(count)s paragraphs", count) % {"count": count}
        return format_html('<a href="{}#paragraphs">{}</a>', url, label)


class ParticipationInline(CuratedInline, admin.TabularInline):
    model = Participation
    form = ParticipationForm
    formset = ParticipationFormSet
    extra = 0
    fields = [
        "position",
        "organization",
        "status",
        "role",
        "chair_role",
        "list_complete",
        "source_words",
        "source_paragraph",
    ]
    autocomplete_fields = ["organization"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")


class ParticipantCountInline(CuratedInline, admin.TabularInline):
    """ "About 50 people": counts the source gives instead of (or besides) names."""

    model = ParticipantCount
    formset = MeetingPartFormSet
    extra = 0
    fields = [
        "position",
        "count",
        "approximate",
        "what",
        "status",
        "source_words",
        "source_paragraph",
    ]
    verbose_name_plural = gettext_lazy("participant counts")


class MeetingDayInline(CuratedInline, admin.TabularInline):
    model = MeetingDay
    formset = MeetingPartFormSet
    extra = 0
    fields = ["date", "venue_name", "city", "source_paragraph"]
    verbose_name_plural = gettext_lazy("days (where the venue changes from day to day)")


class SideEventInline(CuratedInline, admin.TabularInline):
    model = SideEvent
    formset = MeetingPartFormSet
    extra = 0
    fields = ["position", "kind", "title", "date", "venue_name", "source_words", "source_paragraph"]


class AppearanceInline(CuratedInline, admin.StackedInline):
    model = Appearance
    formset = MeetingPartFormSet
    extra = 0
    fields = [
        ("person", "role", "position"),
        ("title", "on_behalf_of"),
        "source_words",
        "summary",
        "source_paragraph",
    ]
    autocomplete_fields = ["person", "on_behalf_of"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "on_behalf_of")


class DiscussionPointInline(CuratedInline, admin.StackedInline):
    """Points in outline order; a point's place is its parent and its position among siblings."""

    model = DiscussionPoint
    form = DiscussionPointForm
    formset = DiscussionPointFormSet
    extra = 0
    fields = [("position", "parent", "label"), "heading", "text", "topics", "source_paragraph"]
    autocomplete_fields = ["topics"]

    def get_queryset(self, request):
        # Two levels in outline order: (1), (2), (2)(a), (2)(b), (3).
        return (
            super()
            .get_queryset(request)
            .select_related("parent")
            .prefetch_related("topics")
            .order_by(
                Coalesce("parent__position", "position"),
                F("parent").asc(nulls_first=True),
                "position",
            )
        )


@admin.register(Meeting)
class MeetingAdmin(CuratedAdmin):
    form = MeetingAdminForm
    list_display = [
        "short_name",
        "title",
        "series",
        "start_date",
        "city",
        "status",
        "published_at",
        "public_page",
    ]
    list_filter = ["status", "series", YearListFilter, ParticipantListFilter, TopicListFilter]
    list_select_related = ["series"]
    search_fields = ["title", "short_name", "slug", "city", "venue_name", "series__name"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["series", "country", "convener"]
    # Publishing goes through Meeting.publish(): the actions and the publish buttons.
    readonly_fields = [
        "status",
        "published_at",
        "public_page",
        "created_at",
        "updated_at",
        "version",
    ]
    save_on_top = True
    actions = ["publish_meetings", "unpublish_meetings"]
    inlines = [
        SourceDocumentInline,
        ParticipationInline,
        ParticipantCountInline,
        AppearanceInline,
        DiscussionPointInline,
        MeetingDayInline,
        SideEventInline,
        VenueReferenceInline,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("series", "ordinal"),
                    "title",
                    ("short_name", "slug"),
                    "summary",
                    "opened_state",
                ]
            },
        ),
        (
            gettext_lazy("When and where"),
            {
                "fields": [
                    ("start_date", "end_date", "date_precision"),
                    "format",
                    "venue_name",
                    "city",
                    "country",
                ]
            },
        ),
        (gettext_lazy("Publication"), {"fields": ["status", "published_at", "public_page"]}),
        (
            gettext_lazy("More"),
            {
                "classes": ["collapse"],
                "fields": ["convener", "venue_description", "created_at", "updated_at", "version"],
            },
        ),
    ]

    def get_urls(self):
        importer = path(
            "import/",
            self.admin_site.admin_view(self.import_view),
            name="meetings_meeting_import",
        )
        return [importer, *super().get_urls()]

    def has_publish_permission(self, request):
        return request.user.has_perm("meetings.publish_meeting")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = self.has_publish_permission(request)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        # The status changes only through publish() and unpublish(); a revert's instance
        # carries the status and version of its old version, which must not come back.
        saved = Meeting.objects.filter(pk=obj.pk).values("status", "published_at", "version")
        saved = saved.first() or {"status": Meeting.Status.DRAFT, "published_at": None}
        obj.status, obj.published_at = saved["status"], saved["published_at"]
        obj.version = saved.get("version", obj.version)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not self.has_publish_permission(request):
            return
        meeting = form.instance
        if "_publish" in request.POST and not meeting.is_published:
            meeting.publish()
            self.message_user(
                request, _("Published: %(names)s.") % {"names": meeting}, messages.SUCCESS
            )
        elif "_unpublish" in request.POST and meeting.is_published:
            meeting.unpublish()
            self.message_user(
                request, _("Unpublished: %(names)s.") % {"names": meeting}, messages.SUCCESS
            )

    def changelist_view(self, request, extra_context=None):
        if self.has_add_permission(request):
            extra_context = {
                "import_url": reverse("admin:meetings_meeting_import"),
                **(extra_context or {}),
            }
        return super().changelist_view(request, extra_context)

    @admin.display(description=gettext_lazy("public page"))
    def public_page(self, meeting):
        if not meeting.pk:
            return "—"
        label = _("View") if meeting.is_published else _("Preview draft")
        return format_html('<a href="{}">{}</a>', meeting.get_absolute_url(), label)

    @admin.action(
        description=gettext_lazy("Publish the selected meetings"), permissions=["publish"]
    )
    def publish_meetings(self, request, queryset):
        self.change_status(request, queryset.filter(status=Meeting.Status.DRAFT), "publish")

    @admin.action(
        description=gettext_lazy("Unpublish the selected meetings"), permissions=["publish"]
    )
    def unpublish_meetings(self, request, queryset):
        self.change_status(request, queryset.filter(status=Meeting.Status.PUBLISHED), "unpublish")

    def change_status(self, request, meetings, verb):
        names = []
        for meeting in meetings:
            getattr(meeting, verb)()
            self.log_change(request, meeting, f"{verb.capitalize()}ed.")
            names.append(str(meeting))
        if names:
            done = _("Published: %(names)s.") if verb == "publish" else _("Unpublished: %(names)s.")
            self.message_user(request, done % {"names": ", ".join(names)}, messages.SUCCESS)
        else:
            nothing = _("Nothing to publish.") if verb == "publish" else _("Nothing to unpublish.")
            self.message_user(request, nothing, messages.WARNING)

    def import_view(self, request):
        """Import from a press release: paste, check and correct what was read, save."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        text_form = ReleaseTextForm()
        screen = None
        if request.method == "POST":
            # Every step posts the text: it is checked (size, control characters) first,
            # and a refused paste comes back in the text box.
            text_form = ReleaseTextForm(request.POST)
            if text_form.is_valid():
                reading = "_read" in request.POST
                screen = ReleaseImport(text_form.release, None if reading else request.POST)
        if screen is not None and screen.form.is_bound and screen.is_valid():
            held = screen.attach_to and review.published_meeting_held(
                request.user, screen.attach_to
            )
            if held:
                screen.form.add_error(
                    "target",
                    _(
                        "%(meeting)s is published: adding a source to it is a Publisher’s act. "
                        "Ask a Publisher to import this release."
                    )
                    % {"meeting": held},
                )
            else:
                document = screen.save()
                if document is not None:
                    return self.imported(request, document, attached=bool(screen.attach_to))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import from a press release"),
            "text_form": text_form,
            "screen": screen,
            "form": screen.form if screen else None,
            "release": screen.release if screen else None,
        }
        return TemplateResponse(request, "admin/meetings/meeting/import_release.html", context)

    def imported(self, request, document, *, attached):
        meeting = document.meeting
        if attached:
            self.log_change(request, meeting, f"Source “{document.title}” added from a release.")
            message = _("“%(source)s” added as another source of “%(meeting)s”.") % {
                "source": document.title,
                "meeting": meeting,
            }
        else:
            self.log_addition(request, meeting, "Created as a draft from a press release.")
            message = _(
                "Draft “%(meeting)s” created from the release: check it, then publish it."
            ) % {"meeting": meeting}
        self.message_user(request, message, messages.SUCCESS)
        return redirect("admin:meetings_meeting_change", meeting.pk)


# --- Sources and facts, each also on its own ---------------------------------------------------


class ParagraphInline(CuratedInline, admin.TabularInline):
    """A page of the source's paragraphs at a time; read-only once the meeting is published
    (a correction is made on the paragraph's own page, with its reason)."""

    model = Paragraph
    extra = 0
    fields = ["position", "label", "kind", "text"]
    show_change_link = True
    template = "admin/meetings/sourcedocument/paragraph_inline.html"

    def is_published_text(self, document):
        return document is not None and document.pk and document.meeting.is_published

    def get_readonly_fields(self, request, obj=None):
        return self.fields if self.is_published_text(obj) else []

    def has_add_permission(self, request, obj=None):
        return not self.is_published_text(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.is_published_text(obj) and super().has_delete_permission(request, obj)


@admin.register(SourceDocument)
class SourceDocumentAdmin(CuratedAdmin):
    form = SourceDocumentForm
    list_display = ["title", "meeting", "kind", "language", "published_on"]
    list_filter = ["kind", "language"]
    list_select_related = ["meeting"]
    search_fields = ["title", "slug", "meeting__short_name"]
    autocomplete_fields = ["meeting", "publisher", "related_source"]
    date_hierarchy = "published_on"
    inlines = [ParagraphInline]

    def paragraph_page(self, request, document):
        paragraphs = Paragraph.objects.filter(document=document).order_by("position")
        return Paginator(paragraphs.only("pk"), PARAGRAPHS_PER_PAGE).get_page(
            request.GET.get("paragraphs")
        )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ParagraphInline) and obj.pk:
            page = self.paragraph_page(request, obj)
            kwargs["queryset"] = kwargs["queryset"].filter(pk__in=[p.pk for p in page])
            request.paragraph_page = page
        return kwargs

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["paragraph_page"] = getattr(request, "paragraph_page", None)
        return super().render_change_form(request, context, add, change, form_url, obj)


class TopicMentionInline(CuratedInline, admin.TabularInline):
    model = TopicMention
    extra = 0
    autocomplete_fields = ["topic"]


@admin.register(Paragraph)
class ParagraphAdmin(CuratedAdmin):
    form = ParagraphForm
    list_display = ["__str__", "document", "position", "kind"]
    list_filter = ["kind"]
    list_select_related = ["document"]
    search_fields = ["text", "label", "document__title", "document__meeting__short_name"]
    autocomplete_fields = ["document"]
    inlines = [TopicMentionInline]

    def save_model(self, request, obj, form, change):
        reason = form.correction_reason()
        if reason is None:
            return super().save_model(request, obj, form, change)
        saved = Paragraph.objects.filter(pk=obj.pk).values("label", "text").first() or {
            "label": "",
            "text": "",
        }
        obj._change_reason = "; ".join(
            filter(None, [f"Correction: {reason}", review.change_reason(request)])
        )[:100]
        super().save_model(request, obj, form, change)
        revision = getattr(request, "publishing_revision", None)
        Correction.objects.create(
            paragraph=obj,
            corrected_by=request.user.get_username(),
            proposed_by=revision.proposed_by if revision else "",
            reason=reason,
            label_before=saved["label"],
            text_before=saved["text"],
            label_after=obj.label,
            text_after=obj.text,
        )


@admin.register(Participation)
class ParticipationAdmin(CuratedAdmin):
    form = ParticipationForm
    list_display = ["organization", "meeting", "role", "chairs_as", "status", "source_words"]
    list_filter = ["role", "status"]
    list_select_related = ["organization", "meeting"]
    search_fields = ["organization__name", "meeting__short_name", "source_words"]
    autocomplete_fields = ["meeting", "organization", "named_under", "source_paragraph"]

    @admin.display(description=gettext_lazy("chairs as"), ordering="chair_role")
    def chairs_as(self, participation):
        return participation.get_chair_role_display() if participation.chair_role else "—"


@admin.register(ParticipantCount)
class ParticipantCountAdmin(CuratedAdmin):
    list_display = ["__str__", "meeting", "status"]
    list_select_related = ["meeting"]
    search_fields = ["what", "source_words", "meeting__short_name"]
    autocomplete_fields = ["meeting", "source_paragraph"]


@admin.register(MeetingDay)
class MeetingDayAdmin(CuratedAdmin):
    list_display = ["date", "meeting", "venue_name", "city"]
    list_select_related = ["meeting"]
    search_fields = ["venue_name", "city", "meeting__short_name"]
    autocomplete_fields = ["meeting", "source_paragraph"]


@admin.register(SideEvent)
class SideEventAdmin(CuratedAdmin):
    list_display = ["title", "kind", "meeting", "date"]
    list_filter = ["kind"]
    list_select_related = ["meeting"]
    search_fields = ["title", "meeting__short_name"]
    autocomplete_fields = ["meeting", "source_paragraph"]


@admin.register(Appearance)
class AppearanceAdmin(CuratedAdmin):
    list_display = ["person", "title", "meeting", "role"]
    list_filter = ["role"]
    list_select_related = ["person", "meeting"]
    search_fields = ["person__name", "title", "meeting__short_name"]
    autocomplete_fields = ["meeting", "person", "on_behalf_of", "source_paragraph"]


@admin.register(DiscussionPoint)
class DiscussionPointAdmin(CuratedAdmin):
    form = DiscussionPointForm
    list_display = ["__str__", "meeting", "parent", "position"]
    list_select_related = ["meeting", "parent"]
    search_fields = ["heading", "text", "label", "meeting__short_name"]
    autocomplete_fields = ["meeting", "parent", "topics", "source_paragraph"]


@admin.register(TopicMention)
class TopicMentionAdmin(CuratedAdmin):
    list_display = ["topic", "quote", "kind", "paragraph"]
    list_filter = ["kind"]
    list_select_related = ["topic", "paragraph__document"]
    search_fields = ["topic__name", "quote"]
    autocomplete_fields = ["topic", "paragraph"]


# --- Changes to published records, waiting for a Publisher -----------------------------------


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """Staff see what waits and its diff; a Publisher publishes or discards it."""

    list_display = ["title", "meeting", "proposed_by", "proposed_at", "status"]
    list_filter = ["status"]
    list_select_related = ["meeting"]
    search_fields = ["title", "meeting__short_name", "proposed_by"]
    date_hierarchy = "proposed_at"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("meetings.change_meeting")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        revision = get_object_or_404(Revision.objects.select_related("meeting"), pk=object_id)
        if not self.has_view_permission(request, revision):
            raise PermissionDenied
        can_decide = request.user.has_perm(review.PUBLISH_PERMISSION)
        refusals = []
        if request.method == "POST":
            if not can_decide:
                raise PermissionDenied
            if revision.status != Revision.Status.PENDING:
                self.message_user(request, _("This change was decided already."), messages.WARNING)
                return redirect("admin:meetings_revision_change", revision.pk)
            if "_discard" in request.POST:
                review.decide(revision, Revision.Status.DISCARDED, request.user)
                self.message_user(
                    request, _("Discarded: %(names)s.") % {"names": revision}, messages.SUCCESS
                )
                return redirect("admin:meetings_revision_changelist")
            refusals = review.publish(request, revision)
            if not refusals:
                self.message_user(
                    request, _("Published: %(names)s.") % {"names": revision}, messages.SUCCESS
                )
                return redirect("admin:meetings_meeting_change", revision.meeting_id)
        rows = [
            {**change, "diff": word_diff(change["before"], change["after"])}
            for change in revision.changes
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Change to %(title)s") % {"title": revision.title},
            "revision": revision,
            "rows": rows,
            "refusals": refusals,
            "can_decide": can_decide and revision.status == Revision.Status.PENDING,
        }
        return TemplateResponse(request, "admin/meetings/revision.html", context)
