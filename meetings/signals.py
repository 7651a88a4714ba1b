"""Keep PostgreSQL search vectors current when a record or a lookup changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import search
from .models import (
    Appearance,
    Meeting,
    Organization,
    Paragraph,
    Participation,
    Person,
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
    Person: lambda row: Meeting.objects.filter(appearances__person=row.pk).values_list(
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
