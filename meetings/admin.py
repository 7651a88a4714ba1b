from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "group"
    extra = 0
    autocomplete_fields = ["member"]
    verbose_name = "member"
    verbose_name_plural = "members (dated)"


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "abbreviation", "classification", "iso_code"]
    list_filter = ["classification"]
    search_fields = ["name", "abbreviation", "iso_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["member", "group", "start_date", "end_date"]
    list_filter = ["group"]
    list_select_related = ["member", "group"]
    search_fields = ["member__name", "group__name"]
    autocomplete_fields = ["member", "group"]
    date_hierarchy = "start_date"


@admin.register(Series)
class SeriesAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "organiser"]
    list_select_related = ["organiser"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["organiser"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "sort_name"]
    search_fields = ["name", "sort_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class TopicAliasInline(admin.TabularInline):
    model = TopicAlias
    extra = 0


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "aliases__name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [TopicAliasInline]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["organization", "source_paragraph"]


class AppearanceInline(admin.StackedInline):
    model = Appearance
    extra = 0
    autocomplete_fields = ["person", "on_behalf_of", "source_paragraph"]


class DiscussionPointInline(admin.StackedInline):
    model = DiscussionPoint
    extra = 0
    autocomplete_fields = ["parent", "topics", "source_paragraph"]


class SourceDocumentInline(admin.TabularInline):
    model = SourceDocument
    extra = 0
    fields = ["title", "kind", "publisher", "published_on", "language", "slug"]
    autocomplete_fields = ["publisher"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "title", "series", "start_date", "city", "status"]
    list_filter = ["status", "series"]
    list_select_related = ["series"]
    search_fields = ["title", "short_name", "slug", "city", "venue_name"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["series", "country", "convener"]
    readonly_fields = ["created_at", "updated_at", "version"]
    save_on_top = True
    inlines = [SourceDocumentInline, ParticipationInline, AppearanceInline, DiscussionPointInline]
    fieldsets = [
        (None, {"fields": ["series", "ordinal", "title", "short_name", "slug", "summary"]}),
        ("When and where", {"fields": ["start_date", "end_date", "venue_name", "city", "country"]}),
        ("Publication", {"fields": ["status", "published_at"]}),
        (
            "More",
            {
                "classes": ["collapse"],
                "fields": ["convener", "venue_description", "created_at", "updated_at", "version"],
            },
        ),
    ]


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    extra = 0
    fields = ["position", "label", "kind", "text"]


@admin.register(SourceDocument)
class SourceDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "kind", "published_on"]
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
class ParagraphAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "document", "position", "kind"]
    list_filter = ["kind"]
    list_select_related = ["document"]
    search_fields = ["text", "label", "document__title", "document__meeting__short_name"]
    autocomplete_fields = ["document"]
    inlines = [TopicMentionInline]


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "meeting", "role", "source_words"]
    list_filter = ["role"]
    list_select_related = ["organization", "meeting"]
    search_fields = ["organization__name", "meeting__short_name", "source_words"]
    autocomplete_fields = ["meeting", "organization", "source_paragraph"]


@admin.register(Appearance)
class AppearanceAdmin(SimpleHistoryAdmin):
    list_display = ["person", "title", "meeting", "role"]
    list_filter = ["role"]
    list_select_related = ["person", "meeting"]
    search_fields = ["person__name", "title", "meeting__short_name"]
    autocomplete_fields = ["meeting", "person", "on_behalf_of", "source_paragraph"]


@admin.register(DiscussionPoint)
class DiscussionPointAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "meeting", "position"]
    list_select_related = ["meeting"]
    search_fields = ["heading", "text", "label", "meeting__short_name"]
    autocomplete_fields = ["meeting", "parent", "topics", "source_paragraph"]


@admin.register(TopicMention)
class TopicMentionAdmin(SimpleHistoryAdmin):
    list_display = ["topic", "quote", "kind", "paragraph"]
    list_filter = ["kind"]
    list_select_related = ["topic", "paragraph__document"]
    search_fields = ["topic__name", "quote"]
    autocomplete_fields = ["topic", "paragraph"]


@admin.register(TopicAlias)
class TopicAliasAdmin(SimpleHistoryAdmin):
    list_display = ["name", "topic"]
    list_select_related = ["topic"]
    search_fields = ["name", "topic__name"]
    autocomplete_fields = ["topic"]
