"""The admin side of merging (``merge.py``): an action on two selected rows that opens a
confirmation page, where the curator picks the one to keep, sees what moves and gives
the reason. Only curators who may change and delete the model may merge."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import OtherName
from .merge import NAME_KINDS, merge, plan, refusal

# The names of the records merged, in the curator's language (the models' verbose names stay
# untranslated: changing them would make migrations). Same English as the models'.
KIND_NAMES = {
    "organization": (gettext_lazy("organization"), gettext_lazy("organizations")),
    "person": (gettext_lazy("person"), gettext_lazy("people")),
}


class MergeForm(forms.Form):
    keep = forms.TypedChoiceField(
        label=gettext_lazy("Keep"),
        coerce=int,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("The other one goes."),
    )
    name_kind = forms.ChoiceField(
        label=gettext_lazy("The other one’s name is"),
        choices=[(kind, OtherName.Kind(kind).label) for kind in NAME_KINDS],
        initial="usual",
        help_text=gettext_lazy(
            "Kept as an other name of the one kept: “Formal name” for “the Kingdom of "
            "Cambodia”, “Former name” for “Union of Myanmar”, else “Usual name”."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Why they are one: the history and the log keep it."),
    )

    def __init__(self, *args, records, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [
            (record.pk, f"{record} ({record.slug})") for record in records
        ]


class MergeAdminMixin:
    """Add to an organisation's or a person's ModelAdmin: ``class OrganizationAdmin(
    MergeAdminMixin, CuratedAdmin)``."""

    merge_template = "admin/meetings/merge_confirm.html"

    def has_merge_permission(self, request):
        return self.has_change_permission(request) and self.has_delete_permission(request)

    def kind_names(self):
        """This model's name, singular and plural, in the curator's language."""
        return KIND_NAMES.get(
            self.opts.model_name, (self.opts.verbose_name, self.opts.verbose_name_plural)
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if IS_POPUP_VAR not in request.GET and self.has_merge_permission(request):
            function, name, _description = self.get_action("merge_selected")
            description = _("Merge the two selected %(names)s") % {"names": self.kind_names()[1]}
            # The admin fills in %(verbose_name_plural)s: a literal % must be doubled.
            actions["merge_selected"] = (function, name, description.replace("%", "%%"))
        return actions

    @admin.action(description="Merge the two selected %(verbose_name_plural)s")
    def merge_selected(self, request, queryset):
        pks = sorted(queryset.values_list("pk", flat=True)[:3])
        if len(pks) != 2:
            self.message_user(
                request,
                _("Select exactly two %(names)s to merge.") % {"names": self.kind_names()[1]},
                messages.WARNING,
            )
            return None
        return redirect(self.merge_url(*pks))

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_merge"
        view = self.admin_site.admin_view(self.merge_view)
        return [path("merge/<int:first>/<int:second>/", view, name=name), *super().get_urls()]

    def merge_url(self, first, second):
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_merge"
        return reverse(name, args=[first, second], current_app=self.admin_site.name)

    def merge_view(self, request, first, second):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        records = [self.get_object(request, str(pk)) for pk in (first, second)]
        if None in records:
            raise Http404(f"No such {self.opts.verbose_name}.")
        request.current_app = self.admin_site.name
        form = MergeForm(request.POST or None, records=records)
        problem = refusal(*records)
        if request.method == "POST" and form.is_valid() and not problem:
            keep = next(record for record in records if record.pk == form.cleaned_data["keep"])
            duplicate = next(record for record in records if record is not keep)
            try:
                merge(
                    keep=keep,
                    duplicate=duplicate,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    name_kind=form.cleaned_data["name_kind"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("“%(duplicate)s” was merged into “%(keep)s”.")
                    % {"duplicate": duplicate, "keep": keep},
                    messages.SUCCESS,
                )
                change = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
                return redirect(reverse(change, args=[keep.pk], current_app=self.admin_site.name))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Merge two %(names)s") % {"names": self.kind_names()[1]},
            "kind_name": self.kind_names()[0],
            "records": records,
            "rows": relation_rows(records),
            "form": form,
            "problem": problem,
        }
        return TemplateResponse(request, self.merge_template, context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """A merge changes little of the record kept itself: its version in the history
        says what was merged (the log entry's account, read in one query)."""
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        merges = [
            record
            for record in historical_records
            if record.history_type == "~"
            and (record.history_change_reason or "").startswith("Merged ")
        ]
        if not merges:
            return
        entries = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=str(merges[0].instance.pk),
            action_flag=CHANGE,
            change_message__startswith="Merged “",
        ).order_by("action_time")
        for record in merges:
            entry = next((e for e in entries if e.action_time >= record.history_date), None)
            record.merge_summary = entry.change_message if entry else record.history_change_reason


def relation_rows(records):
    """Per relation either record has rows in: its label and, for each record, how many of
    its rows would move if it were the one merged away, and how many of them repeat the
    other's (merged or dropped)."""
    first, second = records
    if refusal(first, second):
        return []
    rows = {}
    for keep, duplicate in ((second, first), (first, second)):
        for relation in plan(keep, duplicate):
            rows.setdefault(relation.label, []).append(relation)
    return [
        {"label": label, "counts": [(r.count, len(r.repeats)) for r in relations]}
        for label, relations in rows.items()
        if any(relation.count for relation in relations)
    ]
