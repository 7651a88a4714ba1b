"""Keep derived state current when a record or a lookup changes: PostgreSQL
search vectors, and the content version that keys the public page cache."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import search
from .cache import bump_content_version
from .models import (
    Appearance,
    Meeting,
    MeetingDay,
    Organization,
    OrganizationName,
    Paragraph,
    Participation,
    Person,
    PersonName,
    Series,
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


@receiver([post_save, post_delete, m2m_changed])
def expire_cached_pages(sender, **kwargs):
    """Any change to the archive's data (loaddata and imports included) empties the cache."""
    model = getattr(sender, "_meta", None)
    if (
        model is not None
        and model.app_label == "meetings"
        and not model.label.startswith("meetings.Historical")
    ):
        transaction.on_commit(bump_content_version)
