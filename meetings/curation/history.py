"""History: comparing two versions, finding rows deleted with an object, restoring them."""

import datetime
import difflib

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..models import (
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
        refuse_missing_parents(obj)
        obj.full_clean()
        obj.save(force_insert=True)
        restore_many_to_many(obj, records[key])
    return restored[(record.instance_type, record.instance.pk)], len(restored) - 1


def refuse_missing_parents(obj):
    """A row whose parent is deleted too waits for the parent's restore."""
    for field in obj._meta.concrete_fields:
        target_id = getattr(obj, field.attname)
        if not field.is_relation or target_id is None:
            continue
        if not field.related_model._base_manager.filter(pk=target_id).exists():
            name = field.related_model._meta.verbose_name
            raise ValidationError(
                _(
                    "its %(field)s (a %(kind)s) is deleted too: restore that first, from the "
                    "deleted %(kinds)s."
                )
                % {
                    "field": field.verbose_name,
                    "kind": name,
                    "kinds": field.related_model._meta.verbose_name_plural,
                }
            )


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
