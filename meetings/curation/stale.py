"""The stale-edit guard of every curated change form, inline rows included.

A change form carries ``opened_state``: when it was opened and a digest of what it showed,
the object's row and the rows of its inlines (many-to-many links included). A save
computes the digest again with those rows locked (``select_for_update``, inside the
admin's transaction, so no other save slips in between) and is refused if it differs:
the refusal names who changed what and when, from the history, and the form keeps
what the curator entered.
"""

import datetime
import hashlib
import json

from django import forms
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.forms.models import _get_foreign_key
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..management.restore import restore_in_progress

# Kept up to date by the search module, not by curators: not part of what a form shows.
IGNORED_FIELDS = (SearchVectorField,)
CHANGE_DETAILS_SHOWN = 20


class StaleGuard:
    """The rows one change form shows: ``model`` row ``pk`` and its inline rows."""

    def __init__(self, model, pk, relations):
        self.model = model
        self.pk = pk
        self.relations = relations  # [(inline model, name of its foreign key to ``model``)]

    @classmethod
    def for_admin(cls, model_admin, request, obj):
        relations = []
        for inline in model_admin.get_inline_instances(request, obj):
            fk = _get_foreign_key(model_admin.model, inline.model, fk_name=inline.fk_name)
            relations.append((inline.model, fk.attname))
        return cls(model_admin.model, obj.pk, relations)

    def token(self):
        """What the form is opened with: the time and the digest of the rows."""
        return f"{timezone.now().isoformat()}|{self.digest(lock=False)}"

    def digest(self, *, lock):
        state = [self.rows(self.model, {"pk": self.pk}, lock)]
        for model, fk_attname in self.relations:
            state.append(self.rows(model, {fk_attname: self.pk}, lock))
        encoded = json.dumps(state, cls=DjangoJSONEncoder, sort_keys=True)
        return hashlib.sha256(encoded.encode()).hexdigest()

    @staticmethod
    def rows(model, condition, lock):
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if not isinstance(field, IGNORED_FIELDS)
        ]
        queryset = model._base_manager.filter(**condition).order_by("pk")
        if lock:
            queryset = queryset.select_for_update()
        rows = list(queryset.values_list(*fields))
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            links = through.objects.filter(
                **{f"{field.m2m_field_name()}__in": [row[0] for row in rows]}
            )
            rows.append(
                list(
                    links.order_by("pk").values_list(
                        f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
                    )
                )
            )
        return rows

    def refusal(self, opened_state):
        """Messages refusing the save, or [] when nothing changed since ``opened_state``."""
        opened_at, _separator, digest = (opened_state or "").partition("|")
        if digest and digest == self.digest(lock=True):
            return []
        try:
            since = datetime.datetime.fromisoformat(opened_at)
        except ValueError:
            return [
                _(
                    "Not saved: this form does not say when it was opened, so a colleague’s "
                    "change could be overwritten. Open the page again and make your changes "
                    "there."
                )
            ]
        when_opened = formats.date_format(timezone.localtime(since), "DATETIME_FORMAT")
        changes = self.changes_since(since)
        messages = [
            _(
                "Not saved: this was changed after you opened it (%(opened)s). Nothing was "
                "overwritten, and what you entered is still below. Open the page again (in "
                "another tab) to see the current version, then make your changes there."
            )
            % {"opened": when_opened}
        ]
        messages.extend(changes[:CHANGE_DETAILS_SHOWN])
        if len(changes) > CHANGE_DETAILS_SHOWN:
            more = len(changes) - CHANGE_DETAILS_SHOWN
            messages.append(
                ngettext("… and %(count)s more change.", "… and %(count)s more changes.", more)
                % {"count": more}
            )
        if not changes:
            messages.append(
                _("The change left no history (a fixture load, a restore or a script made it).")
            )
        return messages

    def changes_since(self, since):
        """ "alice, 3 December 2026 17:40: changed participation “Japan …”: Role …" lines."""
        records = list(self.model.history.filter(id=self.pk, history_date__gt=since))
        for model, fk_attname in self.relations:
            history = model.history.filter(**{fk_attname: self.pk}, history_date__gt=since)
            records.extend(history)
        records.sort(key=lambda record: record.history_date)
        return [describe_record(record) for record in records]


def describe_record(record):
    user = record.history_user
    who = (user.get_full_name() or user.get_username()) if user else _("someone")
    when = formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
    values = {
        "who": who,
        "when": when,
        "kind": record.instance._meta.verbose_name,
        "object": record.instance,
    }
    if record.history_type == "+":
        return _("%(who)s, %(when)s: added %(kind)s “%(object)s”.") % values
    if record.history_type == "-":
        return _("%(who)s, %(when)s: deleted %(kind)s “%(object)s”.") % values
    details = ""
    previous = record.prev_record
    if previous is not None:
        delta = record.diff_against(
            previous, excluded_fields=["updated_at", "version"], foreign_keys_are_objs=True
        )
        details = _("; ").join(
            _("%(field)s “%(old)s” → “%(new)s”")
            % {
                "field": capfirst(record.instance._meta.get_field(change.field).verbose_name),
                "old": shown(change.old),
                "new": shown(change.new),
            }
            for change in delta.changes
        )
    if details:
        return _("%(who)s, %(when)s: changed %(kind)s “%(object)s”: %(details)s.") % {
            **values,
            "details": details,
        }
    return _("%(who)s, %(when)s: changed %(kind)s “%(object)s”.") % values


def shown(value):
    if isinstance(value, list):  # many-to-many: the through rows of a version
        return ", ".join(str(row) for row in value)
    text = "" if value is None else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


class StaleGuardForm(forms.ModelForm):
    """The base of every curated change form; the admin gives it ``guard`` on change pages."""

    opened_state = forms.CharField(widget=forms.HiddenInput, required=False)
    guard = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.guard is not None and not self.is_bound:
            self.fields["opened_state"].initial = self.guard.token()

    def clean(self):
        cleaned = super().clean()
        running = restore_in_progress()
        if running is not None:
            # The restore's transaction holds the rows: a save would wait for it to end.
            raise ValidationError(
                _(
                    "Not saved: %(restore)s What you entered is still below: save it again "
                    "when the restore has ended."
                )
                % {"restore": running.message}
            )
        if self.guard is not None:
            refusal = self.guard.refusal(cleaned.get("opened_state"))
            if refusal:
                raise ValidationError(refusal + self.differences_from_saved(cleaned))
        return cleaned

    def differences_from_saved(self, cleaned):
        """ "City: saved “Minato, Tokyo”; this form “”." for this form's plain fields."""
        saved = self.guard.model._base_manager.filter(pk=self.guard.pk).first()
        if saved is None:
            return []
        lines = []
        for field in saved._meta.concrete_fields:
            if field.is_relation or field.name not in cleaned:
                continue
            now, yours = getattr(saved, field.attname), cleaned[field.name]
            if now != yours and (now or yours):
                lines.append(
                    _("%(field)s: saved “%(saved)s”; this form “%(yours)s”.")
                    % {
                        "field": capfirst(field.verbose_name),
                        "saved": shown(now),
                        "yours": shown(yours),
                    }
                )
        return lines


def guarded_form(form_class):
    """``form_class`` with the guard's hidden field, if it does not have it already."""
    if issubclass(form_class, StaleGuardForm):
        return form_class
    return type(form_class.__name__, (StaleGuardForm, form_class), {})
