"""Edits of a published record that wait for a Publisher.

The rule, in one place (``published_meeting_held``): a change to a published meeting's
record — the meeting, its sources and their paragraphs, its participations, appearances,
discussion points and topic mentions, on any admin page, a revert included — made by
someone who may not publish is not saved. It becomes a pending ``Revision``: the form as
posted, with a field-by-field summary staff see as a diff. A Publisher publishes it (the
form is posted again, as the Publisher, through every check a save makes) or discards it;
the public page keeps the published version meanwhile. Publishers' own edits go live.
Organisations, people, topics and series are shared lookups, outside any one record.
"""

import copy

from django.contrib import messages
from django.db import transaction
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import QueryDict
from django.urls import resolve
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ..models import Meeting, Revision

PUBLISH_PERMISSION = "meetings.publish_meeting"
NOT_COMPARED = {"opened_state", "DELETE", "id"}


class HeldForReview(Exception):
    """Raised by the admin's save of a change that must wait for a Publisher."""

    def __init__(self, meeting, form, formsets):
        super().__init__(f"held for review: {meeting}")
        self.meeting = meeting
        self.form = form
        self.formsets = formsets


def meeting_of(obj):
    """The meeting a record belongs to, if any."""
    if isinstance(obj, Meeting):
        return obj
    for path in ("meeting", "document.meeting", "paragraph.document.meeting"):
        target = obj
        for name in path.split("."):
            target = getattr(target, name, None)
        if isinstance(target, Meeting):
            return target
    return None


def published_meeting_held(user, obj):
    """The published meeting whose record ``user``'s change of ``obj`` would alter, if
    ``user`` may not publish; else None (the change may be saved at once)."""
    if user.has_perm(PUBLISH_PERMISSION):
        return None
    touched = [meeting_of(obj)]
    if obj.pk is not None:
        saved = type(obj)._base_manager.filter(pk=obj.pk).first()
        touched.append(meeting_of(saved) if saved is not None else None)
    meeting_ids = {meeting.pk for meeting in touched if meeting is not None and meeting.pk}
    return (
        Meeting.objects.filter(pk__in=meeting_ids, status=Meeting.Status.PUBLISHED)
        .order_by("pk")
        .first()
    )


def change_reason(request):
    """The history's note on rows saved by publishing a revision."""
    revision = getattr(request, "publishing_revision", None)
    if revision is None:
        return None
    proposed_on = formats.date_format(timezone.localtime(revision.proposed_at), "DATETIME_FORMAT")
    return (
        f"Proposed by {revision.proposed_by} on {proposed_on}; "
        f"published by {request.user.get_username()}"
    )[:100]


def propose(request, held, title):
    """Keep the held change as a pending revision; return it (None when the form
    changes nothing: a Publisher's queue holds only real changes)."""
    changes = describe_changes(held.form, held.formsets)
    if not changes:
        return None
    pairs = [
        [name, value]
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    ]
    return Revision.objects.create(
        meeting=held.meeting,
        title=title[:300],
        path=request.path_info,
        form_data=pairs,
        changes=changes,
        proposed_by=request.user.get_username(),
    )


def describe_changes(form, formsets):
    """[{object, field, before, after}] for what the forms would change."""
    model = form._meta.model
    saved = model._base_manager.filter(pk=form.instance.pk).first() if form.instance.pk else None
    # Compared with the saved row, not the form's initial values (a revert's are old ones).
    current = type(form)(instance=saved) if saved is not None else form
    # Stored as JSON: names in the curator's language now, not lazy translations.
    changes = describe_form(form, str(capfirst(model._meta.verbose_name)), current)
    for formset in formsets:
        name = str(capfirst(formset.model._meta.verbose_name))
        for row in formset.forms:
            if not row.has_changed():
                continue
            label = f"{name} “{row.instance}”" if row.instance.pk else f"New {name.lower()}"
            if formset._should_delete_form(row):
                changes.append({"object": label, "field": "", "before": "", "after": "deleted"})
            else:
                changes.extend(describe_form(row, label, row))
    return changes


def describe_form(form, label, current):
    rows = []
    for name, field in form.fields.items():
        if name in NOT_COMPARED or not field.has_changed(current[name].initial, form[name].data):
            continue
        rows.append(
            {
                "object": label,
                "field": str(capfirst(field.label or name)),
                "before": shown(field, current[name].initial),
                "after": shown(field, form.cleaned_data.get(name)),
            }
        )
    return rows


def shown(field, value):
    if value in (None, "", []):
        return ""
    if isinstance(field, ModelMultipleChoiceField):
        if not hasattr(value, "__iter__"):
            value = [value]
        keys = [getattr(item, "pk", item) for item in value]
        return ", ".join(str(row) for row in field.queryset.filter(pk__in=keys))
    if isinstance(field, ModelChoiceField):
        if hasattr(value, "pk"):
            return str(value)
        return str(field.queryset.filter(pk=value).first() or value)
    choices = dict(getattr(field, "choices", []) or [])
    return str(choices.get(value, value))


def publish(request, revision):
    """Post the revision's form again as ``request.user`` (a Publisher).

    Returns None when it was saved, else the messages that refused it.
    """
    match = resolve(revision.path)
    replay = copy.copy(request)
    replay.POST = QueryDict(mutable=True)
    for name, value in revision.form_data:
        replay.POST.appendlist(name, value)
    replay.path = replay.path_info = revision.path
    replay.publishing_revision = revision
    response = match.func(replay, *match.args, **match.kwargs)
    if response.status_code == 302:
        decide(revision, Revision.Status.PUBLISHED, request.user)
        return None
    return form_errors(getattr(response, "context_data", None) or {}) or [
        _("The change could not be published (answer %(status)s).")
        % {"status": response.status_code}
    ]


def decide(revision, status, user):
    with transaction.atomic():
        revision.status = status
        revision.decided_by = user.get_username()
        revision.decided_at = timezone.now()
        revision.save()


def form_errors(context):
    """Every error a re-shown admin change form carries, as plain messages."""
    found = []
    adminform = context.get("adminform")
    if adminform is not None:
        form = adminform.form
        found += list(form.non_field_errors())
        for name, errors in form.errors.items():
            if name != "__all__":
                found += [f"{capfirst(name.replace('_', ' '))}: {error}" for error in errors]
    for inline in context.get("inline_admin_formsets", []):
        found += list(inline.formset.non_form_errors())
        for row_errors in inline.formset.errors:
            for name, errors in row_errors.items():
                found += [f"{capfirst(name.replace('_', ' '))}: {error}" for error in errors]
    return found


def notify_proposed(model_admin, request, revision):
    model_admin.message_user(
        request,
        _(
            "Your change to %(title)s waits for a Publisher: the published record stays as it "
            "is until one publishes your change."
        )
        % {"title": revision.title},
        messages.SUCCESS,
    )
