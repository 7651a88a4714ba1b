"""Keep derived state current when a record or a lookup changes: PostgreSQL
search vectors, and the versions of the cached pages that show it."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import search
from .cache import EVERYTHING, LISTS, bump_tags
from .models import (
    Appearance,
    DiscussionPoint,
    Meeting,
    MeetingDay,
    Organization,
    OrganizationName,
    Paragraph,
    Participation,
    Person,
    PersonName,
    Series,
    SeriesName,
    SideEvent,
    SourceDocument,
    Topic,
    TopicAlias,
    TopicMention,
)

# How to find the meetings whose search text a saved or deleted row feeds.
MEETINGS_OF = {
    Meeting: lambda row: [row.pk],
    SourceDocument: lambda row: [row.meeting_id],
    Paragraph: lambda row: Meeting.objects.filter(sources=row.document_id).values_list(
        "pk", flat=True
    ),
    Participation: lambda row: [row.meeting_id],
    Appearance: lambda row: [row.meeting_id],
    MeetingDay: lambda row: [row.meeting_id],
    SideEvent: lambda row: [row.meeting_id],
    Series: lambda row: Meeting.objects.filter(series=row.pk).values_list("pk", flat=True),
    TopicMention: lambda row: Meeting.objects.filter(
        sources__paragraphs=row.paragraph_id
    ).values_list("pk", flat=True),
    Topic: lambda row: Meeting.objects.filter(
        sources__paragraphs__mentions__topic=row.pk
    ).values_list("pk", flat=True),
    TopicAlias: lambda row: Meeting.objects.filter(
        sources__paragraphs__mentions__topic=row.topic_id
    ).values_list("pk", flat=True),
    Organization: lambda row: Meeting.objects.filter(
        participations__organization=row.pk
    ).values_list("pk", flat=True),
    OrganizationName: lambda row: Meeting.objects.filter(
        participations__organization=row.organization_id
    ).values_list("pk", flat=True),
    Person: lambda row: Meeting.objects.filter(appearances__person=row.pk).values_list(
        "pk", flat=True
    ),
    PersonName: lambda row: Meeting.objects.filter(appearances__person=row.person_id).values_list(
        "pk", flat=True
    ),
}


@receiver([post_save, post_delete])
def refresh_search_text(sender, instance, **kwargs):
    meetings_of = MEETINGS_OF.get(sender)
    if meetings_of is None or not search.uses_postgresql():
        return
    for meeting_id in set(meetings_of(instance)):
        search.schedule_refresh(meeting_id)


# The shared records whose own pages show a row: (tag prefix, how to find the record).
RECORD_OF = {
    Organization: ("org", lambda row: row),
    OrganizationName: ("org", lambda row: row.organization),
    Person: ("person", lambda row: row),
    PersonName: ("person", lambda row: row.person),
    Topic: ("topic", lambda row: row),
    TopicAlias: ("topic", lambda row: row.topic),
    Series: ("series", lambda row: row),
    SeriesName: ("series", lambda row: row.series),
    # A meeting's part names a record whose page lists the meeting (known from the row
    # itself: when a meeting is deleted, its parts go first).
    Participation: ("org", lambda row: row.organization),
    Appearance: ("person", lambda row: row.person),
    TopicMention: ("topic", lambda row: row.topic),
}


def meetings_where(*lookups):
    """Ids of the meetings matching any of the lookups: one indexed query each (an OR
    across several joined tables would multiply their rows)."""

    def find(row):
        ids = set()
        for lookup, attribute in lookups:
            ids.update(
                Meeting.objects.filter(**{lookup: getattr(row, attribute)}).values_list(
                    "pk", flat=True
                )
            )
        return ids

    return find


# Meetings whose pages name a shared record besides those MEETINGS_OF lists for search.
MEETINGS_NAMING = {
    Organization: meetings_where(
        ("participations__organization", "pk"),
        ("country", "pk"),
        ("convener", "pk"),
        ("sources__publisher", "pk"),
        ("appearances__on_behalf_of", "pk"),
    ),
    OrganizationName: meetings_where(
        ("participations__organization", "organization_id"),
        ("country", "organization_id"),
        ("convener", "organization_id"),
        ("sources__publisher", "organization_id"),
        ("appearances__on_behalf_of", "organization_id"),
    ),
    DiscussionPoint: lambda row: [row.meeting_id],
    Topic: meetings_where(
        ("sources__paragraphs__mentions__topic", "pk"), ("discussion_points__topics", "pk")
    ),
    SeriesName: meetings_where(("series", "series_id")),
}


def meeting_tags(meeting_ids, neighbours=False):
    """The pages a change to these meetings alters: each meeting's, its series', its
    participants', people's and topics' (their lists of meetings); with ``neighbours``
    the previous and next editions (their links to it)."""
    meetings = Meeting.objects.filter(pk__in=meeting_ids)
    tags = {f"meeting-{slug}" for slug in meetings.values_list("slug", flat=True)}
    named = [
        ("series", Series.objects.filter(meetings__in=meeting_ids)),
        ("org", Organization.objects.filter(participations__meeting__in=meeting_ids)),
        ("org", Organization.objects.filter(meetings_hosted_in__in=meeting_ids)),
        ("org", Organization.objects.filter(meetings_convened__in=meeting_ids)),
        ("person", Person.objects.filter(appearances__meeting__in=meeting_ids)),
        ("topic", Topic.objects.filter(mentions__paragraph__document__meeting__in=meeting_ids)),
        ("topic", Topic.objects.filter(discussion_points__meeting__in=meeting_ids)),
    ]
    for prefix, rows in named:
        tags.update(f"{prefix}-{slug}" for slug in rows.values_list("slug", flat=True).distinct())
    if neighbours:
        for meeting in meetings.filter(series__isnull=False, ordinal__isnull=False):
            editions = Meeting.objects.filter(series=meeting.series_id)
            for nearest in (
                editions.filter(ordinal__lt=meeting.ordinal).order_by("-ordinal")[:1],
                editions.filter(ordinal__gt=meeting.ordinal).order_by("ordinal")[:1],
            ):
                tags.update(f"meeting-{slug}" for slug in nearest.values_list("slug", flat=True))
    return tags


# A record shown on more meetings' pages than this expires every page when it changes.
WIDELY_SHOWN = 500


def changed_tags(sender, instance):
    """The tags of every page a saved or deleted row shows on; EVERYTHING when unsure."""
    meetings_of = MEETINGS_NAMING.get(sender) or MEETINGS_OF.get(sender)
    if meetings_of is None and sender not in RECORD_OF:
        return {EVERYTHING}  # memberships, counts, references...: rare, and shown widely
    tags = {LISTS}
    if sender in RECORD_OF:
        prefix, record_of = RECORD_OF[sender]
        tags.add(f"{prefix}-{record_of(instance).slug}")
    if meetings_of is not None:
        meeting_ids = set(meetings_of(instance))
        if len(meeting_ids) > WIDELY_SHOWN:
            return {EVERYTHING}  # listing their pages would cost more than rebuilding them
        tags |= meeting_tags(meeting_ids, neighbours=sender is Meeting)
    if sender is Meeting:
        tags.add(f"meeting-{instance.slug}")  # deleted: its page goes too
    return tags


@receiver([post_save, post_delete, m2m_changed])
def expire_cached_pages(sender, instance=None, **kwargs):
    """After the transaction commits, expire the pages that show what changed (loaddata
    and imports included); pages that do not show it stay cached."""
    model = getattr(sender, "_meta", None)
    if (
        model is None
        or model.app_label != "meetings"
        or model.label.startswith("meetings.Historical")
    ):
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed: act once, after the change
    if isinstance(instance, DiscussionPoint) and sender is not DiscussionPoint:
        sender = DiscussionPoint  # its topics changed (m2m_changed sends the through model)
    # loaddata and restores save rows as stored, before the rows they relate to: all pages.
    raw = kwargs.get("raw") or instance is None
    tags = {EVERYTHING} if raw else changed_tags(sender, instance)
    transaction.on_commit(lambda: bump_tags(tags))
