"""Admin forms: the press-release import, readable refusals, corrections of published text.

Every curated change form also carries the stale-edit guard (meetings.curation.stale).
"""

from django import forms
from django.contrib.admin.utils import NestedObjects
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError
from django.db import router
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.text import capfirst, slugify

from .curation.review import meeting_of
from .curation.stale import StaleGuardForm
from .curation.text import PastedTextField, reject_control_characters
from .importer import MAX_RELEASE_CHARACTERS, MAX_RELEASE_PARAGRAPHS, parse_release
from .models import (
    Appearance,
    DiscussionPoint,
    Meeting,
    Organization,
    Paragraph,
    Participation,
    Series,
    SourceDocument,
    Topic,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WIDE_TEXT = forms.TextInput(attrs={"class": "vTextField"})  # the admin's wide text box


# --- New meeting from a press release ---------------------------------------------------


class ReleaseTextField(PastedTextField):
    """The pasted release: line breaks as LF, no control characters, within the limits."""

    default_validators = [reject_control_characters]

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_RELEASE_CHARACTERS:
            raise ValidationError(
                f"The text has {len(value):,} characters; a release may have at most "
                f"{MAX_RELEASE_CHARACTERS:,}. Paste one release at a time, or split a very "
                "long document into parts.",
                code="too_long",
            )


class ReleaseTextForm(forms.Form):
    """Step one of the import; its ``release`` is the text as read."""

    text = ReleaseTextField(
        label="Text of the release",
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100, "spellcheck": "false"}),
        strip=False,
        help_text="Paste the release as published: title, date line, numbered paragraphs, "
        "footnotes. Nothing is saved until you confirm on the next page. At most "
        f"{MAX_RELEASE_CHARACTERS:,} characters and {MAX_RELEASE_PARAGRAPHS:,} paragraphs.",
    )

    def clean_text(self):
        self.release = parse_release(self.cleaned_data["text"])
        count = len(self.release.paragraphs)
        if count > MAX_RELEASE_PARAGRAPHS:
            raise ValidationError(
                f"The text makes {count:,} paragraphs; a release may have at most "
                f"{MAX_RELEASE_PARAGRAPHS:,}. Is it one release?",
                code="too_many_paragraphs",
            )
        return self.release.text


class DraftMeetingForm(forms.Form):
    """What the curator confirms: the meeting's facts, its source, and each proposed link."""

    text = ReleaseTextField(widget=forms.HiddenInput, strip=False)
    series = forms.ModelChoiceField(Series.objects.all())
    ordinal = forms.IntegerField(min_value=1, max_value=32767, help_text="The edition: 5.")
    title = forms.CharField(max_length=300, widget=WIDE_TEXT)
    short_name = forms.CharField(max_length=50)
    slug = forms.SlugField(max_length=100, help_text="The meeting's address: /meetings/<slug>/.")
    start_date = forms.DateField(widget=DATE_INPUT)
    end_date = forms.DateField(widget=DATE_INPUT)
    venue_name = forms.CharField(max_length=200, required=False, widget=WIDE_TEXT)
    city = forms.CharField(max_length=100, required=False)
    source_kind = forms.ChoiceField(label="Kind of source", choices=SourceDocument.Kind.choices)
    publisher = forms.ModelChoiceField(Organization.objects.all())
    published_on = forms.DateField(label="Published on", widget=DATE_INPUT)
    language = forms.CharField(max_length=10, help_text="BCP 47 code: en, ja.")
    original_url = forms.URLField(
        label="Original address",
        max_length=500,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "vURLField"}),
    )
    participations = forms.MultipleChoiceField(
        label="Participants", required=False, widget=forms.CheckboxSelectMultiple
    )
    appearances = forms.MultipleChoiceField(
        label="People", required=False, widget=forms.CheckboxSelectMultiple
    )
    mentions = forms.MultipleChoiceField(
        label="Topics", required=False, widget=forms.CheckboxSelectMultiple
    )

    MEETING_FIELDS = [
        "series", "ordinal", "title", "short_name", "slug", "start_date", "end_date",
        "venue_name", "city",
    ]  # fmt: skip
    SOURCE_FIELDS = ["source_kind", "publisher", "published_on", "language", "original_url"]
    PROPOSAL_FIELDS = ["participations", "appearances", "mentions"]

    def __init__(self, *args, release, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.release = release
        self.proposals = proposals
        paragraphs = release.paragraphs
        self.fields["participations"].choices = [
            (p.key, f"{p.organization} — {Participation.Role(p.mention.role).label} — "
             f"“{p.mention.words}” (¶{p.mention.paragraph + 1})")
            for p in proposals.participations
        ]  # fmt: skip
        self.fields["appearances"].choices = [
            (a.key, f"{a.mention.name}{'' if a.person else ' (new person)'}, {a.mention.title} — "
             f"{Appearance.Role(a.mention.role).label} (¶{a.mention.paragraph + 1})")
            for a in proposals.appearances
        ]  # fmt: skip
        self.fields["mentions"].choices = [
            (m.key, f"{m.topic} — “{m.quote}” in ¶{m.paragraph + 1} "
             f"{paragraphs[m.paragraph].label}{' (definition)' if m.kind == 'definition' else ''}")
            for m in proposals.mentions
        ]  # fmt: skip

    def meeting_fields(self):
        return [self[name] for name in self.MEETING_FIELDS]

    def source_fields(self):
        return [self[name] for name in self.SOURCE_FIELDS]

    def proposal_fields(self):
        return [self[name] for name in self.PROPOSAL_FIELDS]

    @classmethod
    def initial_from(cls, release):
        """What can be read from the text, as the form's starting values."""
        short_prefix = release.short_name.split("-")[0]
        series = (
            Series.objects.filter(short_name__iexact=short_prefix).first() if short_prefix else None
        )
        return {
            "text": release.text,
            "series": series,
            "ordinal": release.ordinal,
            "title": release.meeting_title,
            "short_name": release.short_name,
            "slug": slugify(release.short_name),
            "start_date": release.start_date,
            "end_date": release.end_date,
            "venue_name": release.venue_name,
            "city": release.city,
            "source_kind": release.kind,
            "publisher": series.organiser if series else None,
            "published_on": release.published_on,
            "language": release.language,
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The meeting cannot end before it starts.")
        return cleaned

    def confirmed(self, name):
        """The proposals of one kind that the curator ticked."""
        keys = set(self.cleaned_data.get(name, []))
        return [p for p in getattr(self.proposals, name) if p.key in keys]

    def add_model_errors(self, error):
        """Show a ValidationError from the models on the fields of this form, where they match."""
        renamed = {"kind": "source_kind"}
        for name, messages in error.message_dict.items():
            name = renamed.get(name, name)
            self.add_error(name if name in self.fields else None, messages)


# --- The meeting change form --------------------------------------------------------------


class MeetingAdminForm(StaleGuardForm):
    class Meta:
        model = Meeting
        fields = "__all__"


# --- Refusals to delete ------------------------------------------------------------------
# (Inline rows ticked for deletion are checked by the admin itself: its message lists
# the protected rows, and those of a meeting's parts name the meeting.)


def describe(obj):
    meeting = meeting_of(obj)
    where = f" of {meeting} ({meeting.get_status_display().lower()})" if meeting else ""
    if obj is meeting:
        where = f" ({meeting.get_status_display().lower()})"
    return f"{capfirst(obj._meta.verbose_name)} “{obj}”{where}"


def deletion_refusals(objs):
    """Why ``objs`` may not be deleted, naming the meetings that use them; empty if they may."""
    objs = list(objs)
    if not objs:
        return []
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    uses = [describe(obj) for obj in collector.protected]
    meetings = {meeting_of(obj) for obj in collector.protected} - {None}
    for obj in objs:
        if isinstance(obj, Meeting) and obj.is_published:
            uses.append(f"{obj} is published: unpublish it before deleting it.")
        if isinstance(obj, Topic):
            # A many-to-many link would vanish silently: refuse as PROTECT would.
            for point in obj.discussion_points.select_related("meeting"):
                uses.append(f"{describe(point)} lists the topic “{obj}”")
                meetings.add(point.meeting)
    if meetings:
        names = ", ".join(
            f"{m} ({m.get_status_display().lower()})" for m in sorted(meetings, key=str)
        )
        uses.insert(0, f"Used by the meeting{'s' if len(meetings) > 1 else ''} {names}.")
    return uses


# --- Parts of a meeting --------------------------------------------------------------------


def paragraph_label(paragraph):
    return f"¶{paragraph.position} {paragraph}"[:90]


class KnownLabels:
    """An autocomplete widget that shows its selected options from labels read once for
    the whole formset (Django's reads them with a query per widget: N+1 on long inlines)."""

    known_labels = {}

    def optgroups(self, name, value, attr=None):
        empty = self.choices.field.empty_values
        selected = [str(v) for v in value if str(v) not in empty]
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for key in selected:
            if key in self.known_labels:
                label = self.known_labels[key]
                options.append(self.create_option(name, key, label, set(selected), len(options)))
        return [(None, options, 0)]


class CuratedInlineFormSet(BaseInlineFormSet):
    """Every curated inline: autocomplete labels in one query per field, not one per row,
    and each row's parent taken from the page (its name is in each row's title)."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if self.instance.pk is not None:
            setattr(form.instance, self.fk.name, self.instance)
        return form

    @cached_property
    def forms(self):
        forms = BaseInlineFormSet.forms.func(self)
        for name, field in forms[0].fields.items() if forms else []:
            widget = getattr(field.widget, "widget", field.widget)
            if not isinstance(widget, AutocompleteMixin):
                continue
            keys = set()
            for form in forms:
                value = form[name].value()
                keys.update(str(v) for v in (value if isinstance(value, list | tuple) else [value]))
            keys -= {str(v) for v in field.empty_values}
            labels = {
                str(obj.pk): field.label_from_instance(obj)
                for obj in field.queryset.filter(pk__in=keys)
            }
            known = type(f"Known{type(widget).__name__}", (KnownLabels, type(widget)), {})
            for form in forms:
                inner = getattr(form.fields[name].widget, "widget", form.fields[name].widget)
                inner.__class__ = known
                inner.known_labels = labels
        return forms


class MeetingPartFormSet(CuratedInlineFormSet):
    """Rows citing a paragraph choose among the paragraphs of this meeting's own sources.

    The choices are read once per formset; a paragraph of another meeting sent anyway is
    refused by the model's ``clean()`` with its readable message.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, choices in (
            ("source_paragraph", "paragraph_choices"),
            ("parent", "parent_choices"),
        ):
            if name in form.fields:
                form.fields[name].choices = getattr(self, choices)
                # Paragraphs and points are edited in their own place, not from this list.
                widget = form.fields[name].widget
                for link in ("add", "change", "delete", "view"):
                    setattr(widget, f"can_{link}_related", False)

    @property
    def paragraph_choices(self):
        if not hasattr(self, "_paragraph_choices"):
            paragraphs = Paragraph.objects.none()
            if self.instance.pk:
                paragraphs = Paragraph.objects.filter(document__meeting=self.instance).order_by(
                    "document__published_on", "document_id", "position"
                )
            self._paragraph_choices = [("", "---------")] + [
                (paragraph.pk, paragraph_label(paragraph)) for paragraph in paragraphs
            ]
        return self._paragraph_choices

    @property
    def parent_choices(self):
        if not hasattr(self, "_parent_choices"):
            points = []
            if self.instance.pk:
                points = DiscussionPoint.objects.filter(meeting=self.instance).select_related(
                    "parent"
                )
            in_outline_order = sorted(points, key=lambda p: [int(n) for n in p.outline.split(".")])
            self._parent_choices = [("", "— (top level)")] + [
                (point.pk, f"{point.outline} {point}"[:90]) for point in in_outline_order
            ]
        return self._parent_choices


class ParticipationFormSet(MeetingPartFormSet):
    """One row per organisation, one host: said plainly, before the database would refuse."""

    def clean(self):
        # Before the formset's own unique check, whose message does not explain the rule.
        rows = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]
        seen = set()
        for row in rows:
            key = (row.get("organization"), row.get("status") or Participation.Status.ATTENDED)
            if key[0] is not None and key in seen:
                raise ValidationError(
                    f"{key[0]} is on two rows. A meeting lists each organisation once per "
                    "status (attended, planned, ...): keep one row; a host that also chairs "
                    "gives its second role as the chair role."
                )
            seen.add(key)
        hosts = {}
        for row in rows:
            if row.get("role") == Participation.Role.HOST and row.get("organization"):
                status = row.get("status") or Participation.Status.ATTENDED
                hosts.setdefault(status, []).append(row["organization"])
        for names in hosts.values():
            if len(names) > 1:
                names = " and ".join(str(host) for host in names)
                raise ValidationError(f"A meeting has one host; {names} are both marked as host.")
        super().clean()


class DiscussionPointFormSet(MeetingPartFormSet):
    def clean(self):
        super().clean()
        places = {}
        for form in self.forms:
            data = form.cleaned_data
            if not data or self._should_delete_form(form) or data.get("position") is None:
                continue
            parent = data.get("parent")
            place = (parent.pk if parent else None, data["position"])
            if place in places:
                where = f"under {parent}" if parent else "at the top level"
                raise ValidationError(
                    f"Two points {where} have position {data['position']}: "
                    "give each its own number."
                )
            places[place] = form


def meeting_of_form(form, cleaned):
    """The meeting id a part's form saves to (the inline's parent, or the chosen meeting)."""
    meeting = cleaned.get("meeting")
    return meeting.pk if meeting else form.instance.meeting_id


class ParticipationForm(forms.ModelForm):
    """The same organisation twice in one meeting with one status, said plainly. A row
    that gives no status says the organisation attended."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            self.fields["status"].required = False

    def clean_status(self):
        return self.cleaned_data.get("status") or Participation.Status.ATTENDED

    def clean(self):
        cleaned = super().clean()
        meeting_id = self.instance.meeting_id or getattr(cleaned.get("meeting"), "pk", None)
        organization = cleaned.get("organization")
        if meeting_id and organization:
            taken = Participation.objects.filter(
                meeting_id=meeting_id, organization=organization, status=cleaned.get("status")
            )
            if taken.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "organization", f"{organization} already takes part in this meeting."
                )
        return cleaned


class DiscussionPointForm(forms.ModelForm):
    """Positions among siblings, said plainly (the database holds them unique too)."""

    def clean(self):
        cleaned = super().clean()
        meeting_id = meeting_of_form(self, cleaned)
        position = cleaned.get("position")
        parent = cleaned.get("parent")
        if meeting_id and position is not None:
            siblings = DiscussionPoint.objects.filter(
                meeting_id=meeting_id, parent=parent, position=position
            ).exclude(pk=self.instance.pk)
            if siblings.exists():
                where = f"under {parent}" if parent else "at the top level"
                self.add_error(
                    "position", f"Another point {where} already has position {position}."
                )
        return cleaned


class SourceDocumentForm(forms.ModelForm):
    """A document whose paragraphs are cited stays with its meeting (a trigger holds it too)."""

    def clean_meeting(self):
        meeting = self.cleaned_data["meeting"]
        moved = self.instance.pk and meeting and self.instance.meeting_id != meeting.pk
        if moved and is_cited(Paragraph.objects.filter(document=self.instance)):
            raise ValidationError(
                "Facts of its meeting cite this document's paragraphs: "
                "it cannot move to another meeting."
            )
        return meeting


class ParagraphForm(forms.ModelForm):
    """A cited paragraph stays with its meeting (a trigger holds it too). Changing the
    verbatim text of a published source is a correction: it needs a reason, which the
    public page shows beside the paragraph."""

    reason = forms.CharField(
        label="Reason for the correction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text="Required to change the label or text of a published source. Shown on the "
        "public page beside the paragraph, with the date.",
        validators=[reject_control_characters],
    )

    def corrects_published_text(self):
        document = self.cleaned_data.get("document") or getattr(self.instance, "document", None)
        meeting = meeting_of(document) if document else None
        if meeting is None or not meeting.is_published:
            return False
        return self.instance._state.adding or bool({"label", "text"} & set(self.changed_data))

    def clean(self):
        cleaned = super().clean()
        if self.corrects_published_text() and not (cleaned.get("reason") or "").strip():
            self.add_error(
                "reason",
                "This paragraph belongs to a published source: say why its text is corrected.",
            )
        return cleaned

    def correction_reason(self):
        """The reason, when saving this form corrects a published text; else None."""
        return self.cleaned_data["reason"].strip() if self.corrects_published_text() else None

    def clean_document(self):
        document = self.cleaned_data["document"]
        moved = (
            self.instance.pk
            and document
            and self.instance.document.meeting_id != document.meeting_id
        )
        if moved and is_cited(Paragraph.objects.filter(pk=self.instance.pk)):
            raise ValidationError(
                "Facts of its meeting cite this paragraph: it cannot move to another meeting."
            )
        return document


def is_cited(paragraphs):
    """Whether a participation, appearance or discussion point cites one of ``paragraphs``."""
    return any(
        model.objects.filter(source_paragraph__in=paragraphs).exists()
        for model in (Participation, Appearance, DiscussionPoint)
    )
