"""The curators' admin: enter a meeting from its release, check it, publish it, lose nothing.

Every model's admin keeps django-simple-history's history with revert, and adds a
comparison of any two versions, a list of deleted rows with a restore button, and
refusals to delete what a meeting still uses, naming the meetings.
"""

import datetime
import difflib

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from .forms import (
    DiscussionPointForm,
    DiscussionPointFormSet,
    DraftMeetingForm,
    MeetingAdminForm,
    MeetingPartFormSet,
    ParagraphForm,
    ParticipationForm,
    ParticipationFormSet,
    ReleaseTextForm,
    SourceDocumentForm,
    deletion_refusals,
)
from .importer import create_draft_meeting, parse_release, propose_links
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
    TopicAlias,
    TopicMention,
)

# Rows deleted with an object (by cascade) are recorded within moments of it.
CASCADE_WINDOW = datetime.timedelta(seconds=10)
# Restore parents before the rows that point at them.
RESTORE_ORDER = [
    Organization,
    Series,
    Person,
    Topic,
    TopicAlias,
    Membership,
    Meeting,
    SourceDocument,
    Paragraph,
    TopicMention,
    Participation,
    Appearance,
    DiscussionPoint,
]
DELETED_LIST_LIMIT = 200
# Addresses typed without a scheme are https (Django 6's default, without its warning).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


# --- History: compare, deleted rows, restore ------------------------------------------------


def word_diff(old, new):
    """``old`` and ``new`` with removed words in <del> and added words in <ins>."""
    old_words, new_words = str(old).split(" "), str(new).split(" ")
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    parts = []
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        removed = escape(" ".join(old_words[a_start:a_end]))
        added = escape(" ".join(new_words[b_start:b_end]))
        if operation == "equal":
            parts.append(removed)
            continue
        if removed:
            parts.append(f"<del>{removed}</del>")
        if added:
            parts.append(f"<ins>{added}</ins>")
    return mark_safe(" ".join(parts))  # every piece was escaped above


def display_value(value):
    if isinstance(value, list):  # many-to-many: the through rows of a version
        return ", ".join(str(row) for row in value) or "—"
    return "—" if value in (None, "") else str(value)


def deleted_with(record):
    """Deletion records of the rows that were deleted with ``record``'s object (cascade)."""
    found = []
    for relation in record.instance_type._meta.related_objects:
        child = relation.related_model
        if relation.on_delete is not models.CASCADE or not hasattr(child, "history"):
            continue
        rows = child.history.filter(
            history_type="-",
            history_date__range=(record.history_date - CASCADE_WINDOW, record.history_date),
            **{relation.field.attname: record.instance.pk},
        ).exclude(**{f"{child._meta.pk.attname}__in": child.objects.values("pk")})
        for row in rows:
            found.append(row)
            found.extend(deleted_with(row))
    return found


def restore_order(obj, depths):
    depth = depths.get(obj.pk, 0) if isinstance(obj, DiscussionPoint) else 0
    return RESTORE_ORDER.index(type(obj)), depth


@transaction.atomic
def restore_deleted(record):
    """Bring back a deleted object and the rows deleted with it; a meeting comes back a draft.

    Returns the restored object and the number of rows restored with it. Raises
    ValidationError (and restores nothing) if a row no longer fits, e.g. its slug is taken.
    """
    records = {}
    for row in [record, *deleted_with(record)]:
        records.setdefault((row.instance_type, row.instance.pk), row)
    restored = {key: row.instance for key, row in records.items()}
    # Nested discussion points: a parent before its children.
    points = {pk: obj for (model, pk), obj in restored.items() if model is DiscussionPoint}
    depths = {}
    for pk, point in points.items():
        depth, parent_id = 0, point.parent_id
        while parent_id in points:
            depth, parent_id = depth + 1, points[parent_id].parent_id
        depths[pk] = depth
    for key, obj in sorted(restored.items(), key=lambda item: restore_order(item[1], depths)):
        if isinstance(obj, Meeting):
            obj.status = Meeting.Status.DRAFT
        obj._change_reason = "Restored after deletion"
        obj.full_clean()
        obj.save(force_insert=True)
        restore_many_to_many(obj, records[key])
    return restored[(record.instance_type, record.instance.pk)], len(restored) - 1


def restore_many_to_many(obj, deletion):
    """Links such as a point's topics, from the last version before the deletion."""
    before = deletion.prev_record
    if before is None:
        return
    for field in obj._meta.many_to_many:
        if field.name not in [f.name for f in before._history_m2m_fields]:
            continue
        target = f"{field.m2m_reverse_field_name()}_id"
        ids = [getattr(row, target) for row in getattr(before, field.name).all()]
        getattr(obj, field.name).set(field.related_model.objects.filter(pk__in=ids))


class CuratedAdmin(SimpleHistoryAdmin):
    """History with a comparison of two versions; deleted rows and their restore."""

    object_history_list_template = "admin/meetings/object_history_list.html"
    formfield_overrides = HTTPS_URLS

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

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert saves through the change form, whose checks lock rows: one transaction.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, model_count, perms_needed, deletion_refusals(objs) or protected

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
            "title": f"Compare versions: {versions[0].instance}",
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
            "title": f"Deleted {self.opts.verbose_name_plural}",
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
            self.message_user(request, f"“{record.instance}” is not deleted.", messages.WARNING)
            return redirect(self.url_name("change"), record.instance.pk)
        try:
            obj, companions = restore_deleted(record)
        except ValidationError as error:
            self.message_user(
                request,
                f"“{record.instance}” cannot be restored: {' '.join(error.messages)}",
                messages.ERROR,
            )
            return redirect(self.url_name("deleted"))
        with_rows = f", with {companions} rows deleted with it" if companions else ""
        self.log_addition(request, obj, f"Restored after deletion{with_rows}.")
        self.message_user(request, f"Restored “{obj}”{with_rows}.", messages.SUCCESS)
        return redirect(self.url_name("change"), obj.pk)


# --- Lookup tables ------------------------------------------------------------------------


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "group"
    extra = 0
    autocomplete_fields = ["member"]
    verbose_name = "member"
    verbose_name_plural = "members (dated)"
    formfield_overrides = HTTPS_URLS


@admin.register(Organization)
class OrganizationAdmin(CuratedAdmin):
    list_display = ["name", "abbreviation", "classification", "iso_code", "parent"]
    list_filter = ["classification"]
    list_select_related = ["parent"]
    search_fields = ["name", "abbreviation", "iso_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(CuratedAdmin):
    list_display = ["member", "group", "start_date", "end_date"]
    list_filter = ["group"]
    list_select_related = ["member", "group"]
    search_fields = ["member__name", "group__name"]
    autocomplete_fields = ["member", "group"]
    date_hierarchy = "start_date"


@admin.register(Series)
class SeriesAdmin(CuratedAdmin):
    list_display = ["name", "short_name", "organiser"]
    list_select_related = ["organiser"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["organiser"]


@admin.register(Person)
class PersonAdmin(CuratedAdmin):
    list_display = ["name", "sort_name", "honorific"]
    search_fields = ["name", "sort_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class TopicAliasInline(admin.TabularInline):
    model = TopicAlias
    extra = 0


@admin.register(Topic)
class TopicAdmin(CuratedAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "aliases__name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [TopicAliasInline]


@admin.register(TopicAlias)
class TopicAliasAdmin(CuratedAdmin):
    list_display = ["name", "topic"]
    list_select_related = ["topic"]
    search_fields = ["name", "topic__name"]
    autocomplete_fields = ["topic"]


# --- Meetings -------------------------------------------------------------------------------


class YearListFilter(admin.SimpleListFilter):
    title = "year"
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
    title = "participant"
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

    title = "topic"
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


class SourceDocumentInline(admin.TabularInline):
    model = SourceDocument
    extra = 0
    fields = ["title", "kind", "publisher", "published_on", "language", "slug", "paragraphs"]
    readonly_fields = ["paragraphs"]
    autocomplete_fields = ["publisher"]
    show_change_link = True
    verbose_name_plural = "sources (their paragraphs are edited on each source's page)"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(paragraph_count=models.Count("paragraphs"))

    @admin.display(description="paragraphs")
    def paragraphs(self, document):
        if not document.pk:
            return "—"
        url = reverse("admin:meetings_sourcedocument_change", args=[document.pk])
        return format_html(
            '<a href="{}#paragraphs">{} paragraphs</a>', url, document.paragraph_count
        )


class ParticipationInline(admin.TabularInline):
    model = Participation
    form = ParticipationForm
    formset = ParticipationFormSet
    extra = 0
    fields = ["position", "organization", "role", "source_words", "source_paragraph"]
    autocomplete_fields = ["organization"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")


class AppearanceInline(admin.StackedInline):
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


class DiscussionPointInline(admin.StackedInline):
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
    readonly_fields = ["published_at", "public_page", "created_at", "updated_at", "version"]
    save_on_top = True
    actions = ["publish_meetings", "unpublish_meetings"]
    inlines = [SourceDocumentInline, ParticipationInline, AppearanceInline, DiscussionPointInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("series", "ordinal"),
                    "title",
                    ("short_name", "slug"),
                    "summary",
                    "opened_version",
                ]
            },
        ),
        (
            "When and where",
            {"fields": [("start_date", "end_date"), "venue_name", "city", "country"]},
        ),
        ("Publication", {"fields": ["status", "published_at", "public_page"]}),
        (
            "More",
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

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly.insert(0, "status")
        return readonly

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            # Only publishers decide what the public sees; a revert carries an old status too.
            saved = Meeting.objects.filter(pk=obj.pk).values("status", "published_at").first()
            obj.status = saved["status"] if saved else Meeting.Status.DRAFT
            obj.published_at = saved["published_at"] if saved else None
        super().save_model(request, obj, form, change)

    def changelist_view(self, request, extra_context=None):
        if self.has_add_permission(request):
            extra_context = {
                "import_url": reverse("admin:meetings_meeting_import"),
                **(extra_context or {}),
            }
        return super().changelist_view(request, extra_context)

    @admin.display(description="public page")
    def public_page(self, meeting):
        if not meeting.pk:
            return "—"
        label = "View" if meeting.is_published else "Preview draft"
        return format_html('<a href="{}">{}</a>', meeting.get_absolute_url(), label)

    @admin.action(description="Publish the selected meetings", permissions=["publish"])
    def publish_meetings(self, request, queryset):
        self.change_status(request, queryset.filter(status=Meeting.Status.DRAFT), "publish")

    @admin.action(description="Unpublish the selected meetings", permissions=["publish"])
    def unpublish_meetings(self, request, queryset):
        self.change_status(request, queryset.filter(status=Meeting.Status.PUBLISHED), "unpublish")

    def change_status(self, request, meetings, verb):
        names = []
        for meeting in meetings:
            getattr(meeting, verb)()
            self.log_change(request, meeting, f"{verb.capitalize()}ed.")
            names.append(str(meeting))
        if names:
            self.message_user(
                request, f"{verb.capitalize()}ed: {', '.join(names)}.", messages.SUCCESS
            )
        else:
            self.message_user(request, f"Nothing to {verb}.", messages.WARNING)

    def import_view(self, request):
        """New meeting from a press release: paste, check what was read, confirm, create."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        text_form = ReleaseTextForm()
        form = release = None
        if request.method == "POST" and "_read" in request.POST:
            text_form = ReleaseTextForm(request.POST)
            if text_form.is_valid():
                release = parse_release(text_form.cleaned_data["text"])
                form = DraftMeetingForm(
                    initial=DraftMeetingForm.initial_from(release),
                    release=release,
                    proposals=propose_links(release),
                )
        elif request.method == "POST":
            release = parse_release(request.POST.get("text", ""))
            form = DraftMeetingForm(request.POST, release=release, proposals=propose_links(release))
            if form.is_valid():
                meeting = self.create_draft(form)
                if meeting:
                    self.log_addition(request, meeting, "Created as a draft from a press release.")
                    self.message_user(
                        request,
                        f"Draft “{meeting}” created from the release: check it, then publish it.",
                        messages.SUCCESS,
                    )
                    return redirect("admin:meetings_meeting_change", meeting.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "New meeting from a press release",
            "text_form": text_form,
            "form": form,
            "release": release,
        }
        return TemplateResponse(request, "admin/meetings/meeting/import_release.html", context)

    def create_draft(self, form):
        data = form.cleaned_data
        try:
            return create_draft_meeting(
                release=form.release,
                series=data["series"],
                ordinal=data["ordinal"],
                title=data["title"],
                short_name=data["short_name"],
                slug=data["slug"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                venue_name=data["venue_name"],
                city=data["city"],
                publisher=data["publisher"],
                published_on=data["published_on"],
                source_kind=data["source_kind"],
                language=data["language"],
                original_url=data["original_url"],
                participations=form.confirmed("participations"),
                appearances=form.confirmed("appearances"),
                mentions=form.confirmed("mentions"),
            )
        except ValidationError as error:
            form.add_model_errors(error)
            return None


# --- Sources and facts, each also on its own ---------------------------------------------------


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    extra = 0
    fields = ["position", "label", "kind", "text"]


@admin.register(SourceDocument)
class SourceDocumentAdmin(CuratedAdmin):
    form = SourceDocumentForm
    list_display = ["title", "meeting", "kind", "language", "published_on"]
    list_filter = ["kind", "language"]
    list_select_related = ["meeting"]
    search_fields = ["title", "slug", "meeting__short_name"]
    autocomplete_fields = ["meeting", "publisher"]
    date_hierarchy = "published_on"
    inlines = [ParagraphInline]


class TopicMentionInline(admin.TabularInline):
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


@admin.register(Participation)
class ParticipationAdmin(CuratedAdmin):
    form = ParticipationForm
    list_display = ["organization", "meeting", "role", "source_words"]
    list_filter = ["role"]
    list_select_related = ["organization", "meeting"]
    search_fields = ["organization__name", "meeting__short_name", "source_words"]
    autocomplete_fields = ["meeting", "organization", "source_paragraph"]


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
