"""Where a published record comes from and how it has changed: each source as plain text,
exactly as issued, and the record's public change log, built from its history."""

import bisect
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.generic import DetailView, View

from .models import (
    Appearance,
    Correction,
    DiscussionPoint,
    Meeting,
    MeetingDay,
    Organization,
    Paragraph,
    ParticipantCount,
    Participation,
    Person,
    SideEvent,
    SourceDocument,
    Topic,
    TopicMention,
    record_history,
)
from .views import no_store, visible_meetings


class SourceTextView(View):
    """One source of a meeting as plain text, byte for byte as pasted."""

    def get(self, request, slug, source_id):
        meeting = get_object_or_404(visible_meetings(request), slug=slug)
        source = get_object_or_404(SourceDocument, meeting=meeting, pk=source_id)
        response = HttpResponse(
            source.rebuild().encode(),
            content_type="text/plain; charset=utf-8",
            headers={
                "Content-Disposition": content_disposition_header(
                    as_attachment=True, filename=f"{source.slug}.txt"
                )
            },
        )
        return response if meeting.is_published else no_store(response)


class MeetingChangesView(DetailView):
    """The change log of a record: what changed since it was first published, and why."""

    template_name = "meetings/meeting_changes.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return visible_meetings(self.request).select_related("series")

    def get_context_data(self, **kwargs):
        days = change_log(self.object)
        return super().get_context_data(days=days, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        return response if self.object.is_published else no_store(response)


# The change log -------------------------------------------------------------------------

# Bookkeeping, not content: never listed as a change.
UNLISTED_FIELDS = {
    "id",
    "meeting",
    "version",
    "updated_at",
    "created_at",
    "published_at",
    "search_vector",
    "separator",
    "gap",
    "trailing",
    "line_break",
    "odd_line_breaks",
}
# Values short enough to say in a sentence; longer ones are only named as changed.
SHORT = 80


@dataclass
class ChangeDay:
    date: object
    changes: list = field(default_factory=list)


def change_log(meeting):
    """The changes to the published record, newest day first, in plain words.

    Only what changed while the record was public: a part edited while the record was a
    draft is covered by "Published again", never shown. No curator's name appears.
    """
    history = record_history(meeting)
    rows = {Meeting: list(history.pop(Meeting).order_by("history_date", "history_id"))}
    publications = published_periods(meeting, rows[Meeting])
    if not publications:
        return []
    rows.update(
        (model, list(part_rows.order_by("history_date", "history_id")))
        for model, part_rows in history.items()
    )
    names = names_of(rows)
    entries = []
    for model, model_rows in rows.items():
        previous = {}
        for row in model_rows:
            before = previous.get(row.id)
            previous[row.id] = row
            if model is Meeting:
                text = meeting_change(row, before, first_published=publications[0][0])
            elif is_public(row.history_date, publications):
                text = part_change(model, row, before, names)
            else:
                text = None
            if text:
                entries.append((row.history_date, text))
    corrections = Correction.objects.filter(
        paragraph__document__meeting=meeting, corrected_at__gt=publications[0][0]
    ).select_related("paragraph__document")
    for correction in corrections:
        if not is_public(correction.corrected_at, publications):
            continue
        paragraph = correction.paragraph
        entries.append(
            (
                correction.corrected_at,
                f"Paragraph {paragraph.label or paragraph.position} of “{paragraph.document.title}”"
                f" corrected ({correction.what}): {correction.reason}",
            )
        )
    days = {}
    for when, text in sorted(entries, key=lambda entry: entry[0], reverse=True):
        day = timezone.localdate(when)
        days.setdefault(day, ChangeDay(day)).changes.append(text)
    return list(days.values())


def published_periods(meeting, meeting_rows):
    """[(start, end or None)]: the times the record was public, from the meeting's history
    rows in order. A record loaded as published (no history) has been public since
    ``published_at``."""
    periods = []
    start = None
    for row in meeting_rows:
        public = row.status == Meeting.Status.PUBLISHED
        if public and start is None:
            start = row.history_date
        elif not public and start is not None:
            periods.append((start, row.history_date))
            start = None
    if start is not None:
        periods.append((start, None))
    if not periods and meeting.is_published and meeting.published_at:
        periods.append((meeting.published_at, None))
    return periods


def is_public(moment, periods):
    index = bisect.bisect_right([start for start, _ in periods], moment) - 1
    if index < 0:
        return False
    end = periods[index][1]
    return end is None or moment < end


def meeting_change(row, before, first_published):
    if row.status != Meeting.Status.PUBLISHED:
        return None  # a draft state is never shown
    if row.history_date == first_published:
        return "First published"
    if before is None or before.status != Meeting.Status.PUBLISHED:
        return "Published again after a revision"
    changed = [
        change for change in changed_fields(Meeting, row, before) if change[0].name != "status"
    ]
    return f"The meeting: {words(changed)}" if changed else None


def part_change(model, row, before, names):
    label = describe(model, row, names)
    if row.history_type == "+":
        return f"Added: {label}"
    if row.history_type == "-":
        return f"Removed: {label}"
    if model is Paragraph or before is None:
        # A published paragraph changes only by a correction, listed with its reason. A
        # row with no earlier version (loaded from a fixture) has nothing to compare with.
        return None
    changed = changed_fields(model, row, before)
    return f"{label}: {words(changed)}" if changed else None


def changed_fields(model, row, before):
    """[(field, before, after)] for the listed fields that differ, as a reader would read them."""
    changed = []
    for model_field in model._meta.concrete_fields:
        if model_field.name in UNLISTED_FIELDS:
            continue
        old, new = getattr(before, model_field.attname), getattr(row, model_field.attname)
        if old != new:
            changed.append((model_field, shown(model_field, old), shown(model_field, new)))
    return changed


def shown(model_field, value):
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value) or "none"
    if model_field.is_relation or value is None or len(str(value)) > SHORT:
        return None
    return str(value) or "none"


def words(changed):
    parts = []
    for model_field, old, new in changed:
        name = str(model_field.verbose_name)
        if old is not None and new is not None:
            parts.append(f"{name} changed from “{old}” to “{new}”")
        else:
            parts.append(f"{name} changed")
    return "; ".join(parts)


def names_of(rows):
    """Names of the organisations, people and topics the rows point at (three queries)."""
    ids = {
        Organization: {row.organization_id for row in rows[Participation]},
        Person: {row.person_id for row in rows[Appearance]},
        Topic: {row.topic_id for row in rows[TopicMention]},
    }
    return {model: model.objects.in_bulk(model_ids) for model, model_ids in ids.items()}


def describe(model, row, names):
    def name(model_of, pk):
        found = names[model_of].get(pk)
        return found.name if found else "a record since deleted"

    if model is Participation:
        status = row.get_status_display().lower()
        return f"participant {name(Organization, row.organization_id)} ({status})"
    if model is Appearance:
        return f"speaker {name(Person, row.person_id)} ({row.get_role_display().lower()})"
    if model is TopicMention:
        return f"topic {name(Topic, row.topic_id)} in the source"
    if model is SourceDocument:
        return f"source “{row.title}”"
    if model is Paragraph:
        return f"paragraph {row.label or row.position}"
    if model is DiscussionPoint:
        return f"point {row.label} {row.heading}".replace("  ", " ")
    if model is ParticipantCount:
        return f"count “{row.source_words}”"
    if model is MeetingDay:
        return f"venue of {row.date.day} {row.date:%B %Y}"
    if model is SideEvent:
        return f"side event “{row.title}”"
    raise ValueError(model)
