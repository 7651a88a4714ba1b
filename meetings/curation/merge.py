"""Merging two organisations or two people that turn out to be one ("Union of Myanmar"
and "Myanmar", "KIMURA Hitoshi" and "Hitoshi Kimura").

Every row that points at the duplicate is moved to the record kept; the relations are
read from the model (``_meta.related_objects``), so a relation added later moves too.
Where a moved row would repeat one the kept record already has (a unique constraint:
both took part in the same meeting with the same status), the kept record's row stays:
a participation takes over the roles and the named members of the duplicate's; any
other repeat (an other name, a membership, an appearance in the same role) is dropped,
and the log entry says which. The duplicate's name and abbreviation become other names of
the record kept (the name of the kind the curator says: usual, formal or former), so the
importer matches them. Its web address is not a name: the history keeps it with the
duplicate's deletion, and ``merged_into`` leads an old address from there to the record
kept. The history records every change with the curator and the reason.
"""

import re
from dataclasses import dataclass, field

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .. import search
from ..models import (
    Meeting,
    Membership,
    Organization,
    OrganizationName,
    Participation,
    Person,
    PersonName,
)

NAMES = {Organization: OrganizationName, Person: PersonName}
# The duplicate's value fills the kept record's field when that one is empty.
FILLED_FIELDS = {
    Organization: ["abbreviation", "iso_code", "description"],
    Person: ["honorific", "description"],
}
# What the duplicate's name is to the record kept: the curator says; by default another
# usual name (a formal or a former name is a fact only the curator knows).
NAME_KINDS = ["usual", "formal", "former"]
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# The history's change reason is a 100-character field.
HISTORY_NOTE_LENGTH = 100


@dataclass
class Relation:
    """The rows of one relation that point at the duplicate, and what merging does to them."""

    field: models.ForeignKey  # on the related model, pointing at the merged model
    moved: list = field(default_factory=list)  # rows that will point at the record kept
    repeats: list = field(default_factory=list)  # (duplicate's row, the kept record's twin)

    @property
    def label(self):
        """ "participations", "memberships (group)": the field is named when it is not
        simply the merged model's own name."""
        plural = str(self.field.model._meta.verbose_name_plural)
        if self.field.name == self.field.related_model._meta.model_name:
            return plural
        return _("%(kinds)s (%(field)s)") % {"kinds": plural, "field": self.field.verbose_name}

    @property
    def count(self):
        return len(self.moved) + len(self.repeats)


def plan(keep, duplicate):
    """What merging ``duplicate`` into ``keep`` would do: per relation, the rows that move
    and the rows that repeat one of ``keep``'s. Two queries per relation at most."""
    relations = []
    loaded = {}  # a row reached by two relations (a meeting's country and convener) is one
    for rel in type(duplicate)._meta.related_objects:
        if not rel.one_to_many:
            raise TypeError(f"Merging does not know how to move {rel.name} ({rel}).")
        relation = Relation(field=rel.field)
        rows = [
            loaded.setdefault((rel.related_model, row.pk), row)
            for row in rel.related_model._base_manager.filter(**{rel.field.name: duplicate})
        ]
        twins = twins_of(rel.field, keep) if rows else {}
        for row in rows:
            twin = next(filter(None, (twins.get(key) for key in unique_keys(rel.field, row))), None)
            if twin is None:
                relation.moved.append(row)
            else:
                relation.repeats.append((row, twin))
        relations.append(relation)
    return relations


def unique_field_sets(fk):
    """The unique constraints of ``fk``'s model that include ``fk``, as field lists.
    Conditional constraints are left out: none of them includes an organisation or a
    person."""
    sets = [
        list(constraint.fields)
        for constraint in fk.model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
        and constraint.condition is None
        and fk.name in constraint.fields
    ]
    sets += [list(fields) for fields in fk.model._meta.unique_together if fk.name in fields]
    return sets


def unique_keys(fk, row):
    """For each unique constraint including ``fk``: the values ``row`` would share with a
    twin once moved (every field of the constraint but ``fk``)."""
    keys = []
    for index, fields in enumerate(unique_field_sets(fk)):
        others = [row._meta.get_field(name).attname for name in fields if name != fk.name]
        keys.append((index, *(getattr(row, attname) for attname in others)))
    return keys


def twins_of(fk, keep):
    """``keep``'s rows along ``fk``, by each of their unique keys (one query, or none)."""
    if not unique_field_sets(fk):
        return {}
    rows = fk.model._base_manager.filter(**{fk.name: keep})
    return {key: row for row in rows for key in unique_keys(fk, row)}


def refusal(keep, duplicate):
    """Why ``duplicate`` cannot be merged into ``keep`` (a readable sentence), or None."""
    if type(keep) is not type(duplicate) or type(keep) not in NAMES:
        return _(
            "“%(duplicate)s” and “%(keep)s” are not two records of one kind: only two "
            "organisations or two people can be merged."
        ) % {"duplicate": duplicate, "keep": keep}
    if keep.pk == duplicate.pk:
        return _("“%(keep)s” cannot be merged into itself.") % {"keep": keep}
    if isinstance(keep, Organization):
        return organization_refusal(keep, duplicate)
    return None


def organization_refusal(keep, duplicate):
    link = Membership.objects.filter(
        models.Q(member=keep, group=duplicate) | models.Q(member=duplicate, group=keep)
    ).first()
    if link is not None:
        return _(
            "“%(member)s” is a member of “%(group)s”: a group cannot be merged with its own member."
        ) % {"member": link.member, "group": link.group}
    if keep.classification != duplicate.classification:
        return _(
            "“%(duplicate)s” is a %(duplicate_kind)s and “%(keep)s” a %(keep_kind)s: they are "
            "not one organisation."
        ) % {
            "duplicate": duplicate,
            "duplicate_kind": duplicate.get_classification_display().lower(),
            "keep": keep,
            "keep_kind": keep.get_classification_display().lower(),
        }
    if keep.iso_code and duplicate.iso_code and keep.iso_code != duplicate.iso_code:
        return _(
            "“%(duplicate)s” (%(duplicate_code)s) and “%(keep)s” (%(keep_code)s) have "
            "different ISO 3166 codes: they are not one country."
        ) % {
            "duplicate": duplicate,
            "duplicate_code": duplicate.iso_code,
            "keep": keep,
            "keep_code": keep.iso_code,
        }
    if duplicate.parent_id == keep.pk or keep.parent_id == duplicate.pk:
        part, whole = (duplicate, keep) if duplicate.parent_id == keep.pk else (keep, duplicate)
        return _("“%(part)s” is a part of “%(whole)s”: they are not one organisation.") % {
            "part": part,
            "whole": whole,
        }
    return None


def merge(*, keep, duplicate, user, reason, name_kind="usual"):
    """Merge ``duplicate`` into ``keep`` (two organisations or two people) and delete it;
    its name becomes an other name of ``name_kind`` (usual, formal or former).

    One transaction, both rows locked. Returns what the admin log says. Raises
    ValidationError, with nothing changed, for a merge that makes no sense. The queries
    are a constant number per relation, plus a few per dropped repeat (its history row).
    """
    reason = reason.strip()
    if name_kind not in NAME_KINDS:
        raise ValidationError(
            _("“%(kind)s” is not a kind of name: %(kinds)s.")
            % {"kind": name_kind, "kinds": ", ".join(NAME_KINDS)}
        )
    if not reason:
        raise ValidationError(_("Say why the two are one: the reason goes into the history."))
    problem = refusal(keep, duplicate)
    if problem:
        raise ValidationError(problem)
    model = type(keep)
    with transaction.atomic(), search.deferred_refresh():
        locked = model.objects.select_for_update().in_bulk([keep.pk, duplicate.pk])
        if len(locked) < 2:
            raise ValidationError(_("One of the two was deleted meanwhile: nothing was merged."))
        keep, duplicate = locked[keep.pk], locked[duplicate.pk]
        problem = refusal(keep, duplicate)  # the rows may have changed since they were read
        if problem:
            raise ValidationError(problem)
        note = history_note(f"Merged {duplicate} into {keep}: {reason}")
        relations = plan(keep, duplicate)
        message = log_message(duplicate, reason, relations)  # names the rows before they move
        for relation in relations:
            move(relation, keep, user, note)
        names = add_other_names(keep, duplicate, user, note, name_kind)
        if names:
            message += " Other names added: " + ", ".join(names) + "."
        fill_blanks(keep, duplicate)
        duplicate._history_user, duplicate._change_reason = user, note
        duplicate.delete()
        keep.full_clean()
        keep._history_user, keep._change_reason = user, note
        keep.save()
        touch_meetings(relations)
        LogEntry.objects.log_actions(
            user.pk, [keep], CHANGE, change_message=message, single_object=True
        )
    return message


def move(relation, keep, user, note):
    """Point the relation's rows at ``keep``; merge or drop the repeats first (a dropped
    participation's named members go under the kept one), so no constraint clashes."""
    model, fk = relation.field.model, relation.field
    twins = {row.pk: twin for row, twin in relation.repeats}
    dropped = [row for row, _twin in relation.repeats]
    for rel in model._meta.related_objects if dropped else []:
        # Rows pointing at a dropped row (a group's named members) follow it to its twin.
        followers = list(
            rel.related_model._base_manager.filter(**{f"{rel.field.name}__in": dropped})
        )
        for follower in followers:
            setattr(follower, rel.field.name, twins[getattr(follower, rel.field.attname)])
        update_with_history(followers, [rel.field.name], user, note)
    for row in dropped:
        row._history_user, row._change_reason = user, note
        row.delete()
    for row in relation.moved:
        setattr(row, fk.name, keep)
    update_with_history(relation.moved, [fk.name], user, note)
    if model is Participation:
        changed = [twin for row, twin in relation.repeats if combine_participations(twin, row)]
        update_with_history(changed, ["role", "chair_role", "list_complete"], user, note)


def combine_participations(kept, dropped):
    """Give ``kept`` the roles ``dropped`` held that it lacks (host, chair or co-chair); a
    list named in part stays marked so. True when ``kept`` changed."""
    before = (kept.role, kept.chair_role, kept.list_complete)
    roles = {kept.role, kept.chair_role, dropped.role, dropped.chair_role}
    chair = next(
        (r for r in (Participation.Role.CHAIR, Participation.Role.CO_CHAIR) if r in roles), ""
    )
    if Participation.Role.HOST in roles:
        kept.role, kept.chair_role = Participation.Role.HOST, chair
    elif chair:
        kept.role, kept.chair_role = chair, ""
    elif Participation.Role.OBSERVER in roles:
        kept.role = Participation.Role.OBSERVER
    kept.list_complete = kept.list_complete and dropped.list_complete
    return (kept.role, kept.chair_role, kept.list_complete) != before


def add_other_names(keep, duplicate, user, note, name_kind):
    """The duplicate's name (of ``name_kind``) and abbreviation as other names of ``keep``
    (those it does not already go by). Returns the names added."""
    name_model = NAMES[type(keep)]
    owner = name_model.owner_field
    taken = {keep.name, getattr(keep, "abbreviation", "")}
    taken |= set(name_model.objects.filter(**{owner: keep}).values_list("name", flat=True))
    # Without an abbreviation of its own, ``keep`` takes the duplicate's (fill_blanks).
    abbreviation = getattr(keep, "abbreviation", "") and getattr(duplicate, "abbreviation", "")
    wanted = [(duplicate.name, name_kind), (abbreviation, name_model.Kind.ABBREVIATION)]
    rows = []
    for name, kind in wanted:
        if name and name not in taken:
            taken.add(name)
            language = "ja" if JAPANESE.search(name) else "en"
            rows.append(name_model(**{owner: keep}, name=name, kind=kind, language=language))
    for row in rows:
        row.full_clean(exclude=[owner], validate_unique=False, validate_constraints=False)
    bulk_create_with_history(rows, name_model, default_user=user, default_change_reason=note)
    return [row.name for row in rows]


def fill_blanks(keep, duplicate):
    for name in FILLED_FIELDS[type(keep)]:
        if not getattr(keep, name) and getattr(duplicate, name):
            setattr(keep, name, getattr(duplicate, name))


def touch_meetings(relations):
    """Meetings whose record changed are marked updated (API ``updated_since``, feeds)."""
    meeting_ids = set()
    for relation in relations:
        rows = relation.moved + [twin for _row, twin in relation.repeats]
        for row in rows:
            meeting_ids.add(
                row.pk if isinstance(row, Meeting) else getattr(row, "meeting_id", None)
            )
    meeting_ids.discard(None)
    if meeting_ids:
        Meeting.objects.filter(pk__in=meeting_ids).update(updated_at=timezone.now())


def update_with_history(rows, fields, user, note):
    if rows:
        bulk_update_with_history(
            rows, type(rows[0]), fields, default_user=user, default_change_reason=note
        )


def history_note(text):
    if len(text) <= HISTORY_NOTE_LENGTH:
        return text
    return text[: HISTORY_NOTE_LENGTH - 1] + "…"


def log_message(duplicate, reason, relations):
    parts = [
        f"Merged “{duplicate}” ({duplicate.slug}) into this record. Reason: {reason.rstrip('.')}."
    ]
    moved = [f"{len(r.moved)} {r.label}" for r in relations if r.moved]
    if moved:
        parts.append("Moved: " + ", ".join(moved) + ".")
    for relation in relations:
        if not relation.repeats:
            continue
        repeats = "; ".join(f"“{row}”" for row, _twin in relation.repeats)
        if relation.field.model is Participation:
            parts.append(f"Merged with this record's own at the same meetings: {repeats}.")
        else:
            parts.append(f"Dropped, this record already has them: {repeats}.")
    return " ".join(parts)


def merged_into(model, slug):
    """The record a merged organisation or person with this old web address went into,
    or None: an old address keeps leading to the record. The duplicate's deletion in the
    history has its address; the record kept was saved in the same merge, with the same
    note. A record kept and later merged in its turn leads on to the one that took it."""
    pk_name = model._meta.pk.attname
    for _attempt in range(10):  # merges of merges, however unlikely, end somewhere
        gone = (
            model.history.filter(
                slug=slug, history_type="-", history_change_reason__startswith="Merged "
            )
            .order_by("-history_date")
            .first()
        )
        if gone is None:
            return None
        kept = (
            model.history.filter(
                history_type="~",
                history_change_reason=gone.history_change_reason,
                history_date__gte=gone.history_date,
            )
            .exclude(**{pk_name: getattr(gone, pk_name)})
            .order_by("history_date")
            .first()
        )
        if kept is None:
            return None
        current = model.objects.filter(pk=getattr(kept, pk_name)).first()
        if current is not None:
            return current
        slug = kept.slug
    return None
