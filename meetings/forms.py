"""Admin forms: the press-release import, readable refusals, corrections of published text.

Every curated change form also carries the stale-edit guard (meetings.curation.stale).
"""

import dataclasses
import re

from django import forms
from django.contrib.admin.utils import NestedObjects
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router, transaction
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.text import capfirst, format_lazy, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from .curation.review import meeting_of
from .curation.stale import StaleGuardForm
from .curation.text import PastedTextField, reject_control_characters
from .models import (
    Appearance,
    DiscussionPoint,
    Meeting,
    Organization,
    Paragraph,
    Participation,
    Person,
    Series,
    SideEvent,
    SourceDocument,
    Topic,
)
from .releases.draft import (
    RELATIONS,
    held_copy,
    held_message,
    participation_roles,
    unique_slug,
    write_release,
)
from .releases.match import match_release
from .releases.parse import Participant, parse_release

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WIDE_TEXT = forms.TextInput(attrs={"class": "vTextField"})  # the admin's wide text box


# --- Import from a press release --------------------------------------------------------

# The size of one release. ASTOP-V's release is about 3,000 characters in 10 paragraphs;
# a long chair's summary is a few tens of thousands. The limits leave room for far longer
# documents while refusing what is not one release (a 2 MB paste made 8,608 paragraphs
# and a source page that took 107 s to open). 200,000 characters are at most 800 KB as
# UTF-8 (600 KB of Japanese), which the import's multipart post carries within
# DATA_UPLOAD_MAX_MEMORY_SIZE.
MAX_RELEASE_CHARACTERS = 200_000
MAX_RELEASE_PARAGRAPHS = 2_000
# Each paragraph's kind is a field of the check step. Past this many paragraphs the post
# would near DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000): kinds are then corrected on the
# source's page after saving.
MAX_EDITABLE_KINDS = 400
CHAIRS_AS = gettext_lazy("Chairs as")  # a participation's second role: a host that also (co-)chairs
PLAIN_LABELS = {
    "slug": gettext_lazy("Web address"),
    "ordinal": gettext_lazy("Edition"),
    "chair_role": CHAIRS_AS,
}
# Instructions with an example, for the import screen and the meeting's page (the models'
# own help texts are statements: "The edition within its series: 5.").
PLAIN_HELP = {
    "slug": gettext_lazy(
        "Letters, digits and hyphens, such as astop-v: the meeting’s page is then "
        "/meetings/astop-v/."
    ),
    "ordinal": gettext_lazy(
        "The number of this meeting within its series, such as 5 for ASTOP-V. "
        "Leave it empty for a one-off meeting."
    ),
    "short_name": gettext_lazy("The series' abbreviation and the edition, such as ASTOP-V."),
    "language": gettext_lazy("A BCP 47 code, such as en for English or ja for Japanese."),
}
NEW, ATTACH = "new", "attach"
CHAIR_ROLES = {Participation.Role.CHAIR, Participation.Role.CO_CHAIR}
STATUS_LABELS = dict(Participation.Status.choices)
ADDED_PARTICIPANT_ROWS = 3  # blank rows for participants the reader missed


class ReleaseTextField(PastedTextField):
    """The pasted release: line breaks as LF, no control characters, within the limits."""

    default_validators = [reject_control_characters]

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_RELEASE_CHARACTERS:
            raise ValidationError(
                _(
                    "The text has %(count)s characters; a release may have at most "
                    "%(limit)s. Paste one release at a time, or split a very long document "
                    "into parts."
                )
                % {"count": f"{len(value):,}", "limit": f"{MAX_RELEASE_CHARACTERS:,}"},
                code="too_long",
            )


class ReleaseTextForm(forms.Form):
    """Step one of the import; its ``release`` is the text as read."""

    text = ReleaseTextField(
        label=gettext_lazy("Text of the release"),
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100, "spellcheck": "false"}),
        strip=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _(
            "Paste the release as published, in English or Japanese: title, date line, "
            "numbered paragraphs, footnotes. Nothing is saved until you confirm on the next "
            "page. At most %(characters)s characters and %(paragraphs)s paragraphs."
        ) % {
            "characters": f"{MAX_RELEASE_CHARACTERS:,}",
            "paragraphs": f"{MAX_RELEASE_PARAGRAPHS:,}",
        }

    def clean_text(self):
        self.release = parse_release(self.cleaned_data["text"])
        count = len(self.release.paragraphs)
        if count > MAX_RELEASE_PARAGRAPHS:
            raise ValidationError(
                _(
                    "The text makes %(count)s paragraphs; a release may have at most "
                    "%(limit)s. Is it one release?"
                )
                % {"count": f"{count:,}", "limit": f"{MAX_RELEASE_PARAGRAPHS:,}"},
                code="too_many_paragraphs",
            )
        return self.cleaned_data["text"]


def web_address_for(*, short_name="", series=None, ordinal=None, title="", start_date=None):
    """A free web address for a meeting, from the first of its names written in Latin
    letters: the short name, the series' abbreviation and edition, the title, else the
    date ("meeting-2008-04-25": a Japanese title gives none, and its Latin fragments,
    "ASEAN", would mislead). Numbered past the addresses already taken."""
    names = [
        short_name,
        f"{series.short_name} {ordinal}" if series and ordinal else "",
        title,
        f"meeting {start_date.isoformat()}" if start_date else "meeting",
    ]
    latin = [name for name in names if not re.search(r"[^\x00-\u024f]", name)]
    stem = next(s for s in map(slugify, latin) if re.search("[a-z]", s))[:90].strip("-")
    taken = set(Meeting.objects.filter(slug__startswith=stem).values_list("slug", flat=True))
    slug, number = stem, 2
    while slug in taken:
        slug, number = f"{stem}-{number}", number + 1
    return slug


def curated_formfield(field, **kwargs):
    """Form fields of the import as the curated admins make them: dates picked from a
    calendar, addresses typed without a scheme taken as https."""
    if isinstance(field, models.DateField):
        kwargs["widget"] = DATE_INPUT
    if isinstance(field, models.URLField):
        kwargs.update(assume_scheme="https", widget=forms.URLInput(attrs={"class": "vURLField"}))
    return field.formfield(**kwargs)


class ImportForm(forms.Form):
    """The meeting and its source, as read from the release and corrected by the curator.

    The meeting's fields are Meeting's own; the source's are SourceDocument's, named
    ``source_<field>``. Saving as another source of an archived meeting needs none of
    the meeting's fields."""

    MEETING_FIELDS = [
        "title", "short_name", "slug", "series", "ordinal", "start_date", "end_date",
        "date_precision", "format", "venue_name", "city",
    ]  # fmt: skip
    SOURCE_FIELDS = [
        "kind", "title", "language", "published_on", "original_url", "captured_from", "publisher",
    ]  # fmt: skip

    text = ReleaseTextField(widget=forms.HiddenInput, strip=False)
    target = forms.ChoiceField(
        label=gettext_lazy("Save as"),
        widget=forms.RadioSelect,
        initial=NEW,
        choices=[
            (NEW, gettext_lazy("A new meeting")),
            (ATTACH, gettext_lazy("Another source of:")),
        ],
    )
    meeting = forms.ModelChoiceField(
        Meeting.objects.order_by("-start_date", "pk"),
        label=gettext_lazy("Meeting"),
        required=False,
        empty_label=gettext_lazy("— choose the meeting —"),
    )
    source_relation = forms.ChoiceField(
        label=gettext_lazy("Relation"),
        choices=list(RELATIONS.items()),
        required=False,
        help_text=gettext_lazy(
            "What this source is to the meeting’s source in another language, when you add it "
            "to a meeting that has one: a translation of it, a provisional translation, or the "
            "original it translates. “None stated” links nothing."
        ),
    )
    new_series_name = forms.CharField(
        label=gettext_lazy("Or a new series"), max_length=200, required=False, widget=WIDE_TEXT
    )
    new_series_short_name = forms.CharField(
        label=gettext_lazy("Its abbreviation"),
        max_length=30,
        required=False,
        help_text=gettext_lazy("Such as ASTOP or ARF ISM."),
    )

    def __init__(self, *args, existing_meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        meeting_fields = forms.fields_for_model(
            Meeting,
            fields=self.MEETING_FIELDS,
            labels=PLAIN_LABELS,
            help_texts=PLAIN_HELP,
            widgets={"title": WIDE_TEXT, "venue_name": WIDE_TEXT},
            formfield_callback=curated_formfield,
        )
        source_fields = forms.fields_for_model(
            SourceDocument,
            fields=self.SOURCE_FIELDS,
            labels={
                "kind": _("Kind of source"),
                "original_url": _("Original address"),
                "captured_from": _("Copied from"),
            },
            help_texts={
                "language": PLAIN_HELP["language"],
                "captured_from": _(
                    "Only if you copied the text from a web page: that page’s address, such as "
                    "%(example)s. Left empty, the source is recorded as entered by a curator."
                )
                % {"example": "https://www.mofa.go.jp/press/release/22/2/0212_01.html"},
            },
            widgets={"title": WIDE_TEXT},
            formfield_callback=curated_formfield,
        )
        self.fields.update(meeting_fields)
        self.fields.update({f"source_{name}": field for name, field in source_fields.items()})
        self.existing_meeting = existing_meeting  # the one the release is about, if any
        if self.data.get(self.add_prefix("target")) == ATTACH:
            for name in self.MEETING_FIELDS:
                self.fields[name].required = False

    def meeting_fields(self):
        fields = [self[name] for name in self.MEETING_FIELDS]
        position = self.MEETING_FIELDS.index("ordinal")
        new_series = [self["new_series_name"], self["new_series_short_name"]]
        return [*fields[:position], *new_series, *fields[position:]]

    def source_fields(self):
        return [*(self[f"source_{name}"] for name in self.SOURCE_FIELDS), self["source_relation"]]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") == ATTACH:
            if not cleaned.get("meeting"):
                self.add_error(
                    "meeting", _("Choose the meeting this release is another source of.")
                )
            return cleaned
        if cleaned.get("source_relation"):
            self.add_error("source_relation", _("A new meeting has no other source to relate to."))
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The meeting cannot end before it starts."))
        if cleaned.get("new_series_name"):
            if cleaned.get("series"):
                self.add_error("new_series_name", _("Choose a series or name a new one, not both."))
            elif Series.objects.filter(name__iexact=cleaned["new_series_name"]).exists():
                self.add_error("new_series_name", _("This series exists: choose it in the list."))
            if not cleaned.get("new_series_short_name"):
                self.add_error("new_series_short_name", _("Give the new series' abbreviation."))
        slug = cleaned.get("slug")
        if slug and Meeting.objects.filter(slug=slug).exists():
            self.add_error(
                "slug",
                _("Another meeting has this web address: %(address)s.")
                % {"address": f"/meetings/{slug}/"},
            )
        return cleaned

    def add_model_errors(self, error):
        """Show a ValidationError from the models on this form's field of the same name (the
        meeting's, else the source's); an error of a field not on the form is named."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, messages in error.message_dict.items():
            field = next((n for n in (name, f"source_{name}") if n in self.fields), None)
            if field is None and name != NON_FIELD_ERRORS:
                messages = [f"{capfirst(name)}: {message}" for message in messages]
            self.add_error(field, messages)


class RowForm(forms.Form):
    """One proposal of the release: kept or dropped, as read or corrected."""

    keep = forms.BooleanField(label=gettext_lazy("Keep"), required=False)


class ParticipantRow(RowForm):
    organization = forms.ChoiceField(label=gettext_lazy("Organisation"), required=False)
    status = forms.ChoiceField(choices=Participation.Status.choices)
    role = forms.ChoiceField(choices=Participation.Role.choices)
    chair_role = forms.ChoiceField(
        label=CHAIRS_AS, choices=Participation.ChairRole.choices, required=False
    )
    list_complete = forms.BooleanField(label=gettext_lazy("List complete"), required=False)

    def __init__(self, *args, organizations, is_group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = organizations
        self.is_group = is_group
        if not is_group:  # a single state's list of members is no question
            del self.fields["list_complete"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("keep") and not cleaned.get("organization"):
            self.add_error("organization", _("Choose the organisation, or untick “Keep”."))
        if cleaned.get("chair_role") and cleaned.get("role") in CHAIR_ROLES:
            self.add_error("chair_role", _("A second chair role is for a host or a participant."))
        return cleaned


class AddedParticipantRow(forms.Form):
    """A participant the release names and the reader missed, added by the curator."""

    organization = forms.ChoiceField(label=gettext_lazy("Organisation"), required=False)
    source_words = forms.CharField(label=gettext_lazy("As written"), max_length=300, required=False)
    paragraph = forms.TypedChoiceField(label="¶", coerce=int, required=False)
    status = forms.ChoiceField(choices=Participation.Status.choices, initial="attended")
    role = forms.ChoiceField(choices=Participation.Role.choices, initial="participant")
    chair_role = forms.ChoiceField(
        label=CHAIRS_AS, choices=Participation.ChairRole.choices, required=False
    )

    def __init__(self, *args, organizations, paragraphs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = organizations
        self.fields["paragraph"].choices = paragraphs

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("organization") or cleaned.get("source_words"):
            for name in ("organization", "source_words", "paragraph"):
                if cleaned.get(name) in (None, ""):
                    self.add_error(name, _("Needed for an added participant."))
        return cleaned

    def as_participant(self):
        """The participant as the reader would have given it; None for an empty row."""
        data = self.cleaned_data
        if not data["organization"]:
            return None
        return Participant(
            source_words=data["source_words"],
            slug="",
            name="",
            status=data["status"],
            roles=[data["role"], *filter(None, [data["chair_role"]])],
            paragraph=data["paragraph"],
        )


class CountRow(RowForm):
    count = forms.IntegerField(min_value=0, max_value=1_000_000)
    what = forms.CharField(max_length=200)
    approximate = forms.BooleanField(label=pgettext_lazy("approximately", "About"), required=False)


class PersonRow(RowForm):
    person = forms.ChoiceField(label=gettext_lazy("Person"))
    title = forms.CharField(max_length=200, required=False, widget=WIDE_TEXT)
    role = forms.ChoiceField(choices=Appearance.Role.choices)
    on_behalf_of = forms.ChoiceField(label=gettext_lazy("For (organisation)"), required=False)

    def __init__(self, *args, people, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = people
        self.fields["on_behalf_of"].choices = organizations

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("keep") and not cleaned.get("title"):
            self.add_error("title", _("Give the title held at this meeting, or untick “Keep”."))
        return cleaned


class SideEventRow(RowForm):
    title = forms.CharField(max_length=300, required=False, widget=WIDE_TEXT)
    kind = forms.ChoiceField(choices=SideEvent.Kind.choices)
    date = forms.DateField(required=False, widget=DATE_INPUT)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("keep") and not cleaned.get("title"):
            self.add_error("title", _("Give the event's name, or untick “Keep”."))
        return cleaned


class ParagraphKindRow(forms.Form):
    kind = forms.ChoiceField(choices=Paragraph.Kind.choices)


class ReleaseImport:
    """The check step of the import: the release as read, its matches in the archive, and
    the curator's corrections to both. ``save()`` applies the corrections and writes the
    draft (or the new source) in one transaction; a refusal becomes form errors, and the
    page shows everything the curator typed again."""

    def __init__(self, release, data=None):
        self.release = release
        self.matches = match_release(release)
        # The archive holds this very text already: said at the top, and saving refuses it.
        self.held = held_copy(release)
        self.form = ImportForm(data, initial=self.initial(), existing_meeting=self.matches.meeting)
        self.organizations = {
            str(organization.pk): organization
            for organization in Organization.objects.only("pk", "name").order_by("name")
        }
        archived = [(key, o.name) for key, o in self.organizations.items()]
        self.participants = [
            ParticipantRow(
                data,
                prefix=f"participant-{index}",
                organizations=[("", _("— choose —")), *new_choice(organization), *archived],
                is_group=organization is not None
                and organization.classification == Organization.Classification.REGIONAL_GROUP,
                initial=participant_initial(parsed, organization),
            )
            for index, (parsed, organization) in enumerate(
                zip(release.participants, self.matches.organizations, strict=True)
            )
        ]
        paragraphs = [("", "—")] + [
            (number, f"¶{number} {paragraph.label} {paragraph.text}"[:60])
            for number, paragraph in enumerate(release.paragraphs, start=1)
        ]
        self.added = [
            AddedParticipantRow(
                data,
                prefix=f"added-{index}",
                organizations=[("", "—"), *archived],
                paragraphs=paragraphs,
            )
            for index in range(ADDED_PARTICIPANT_ROWS)
        ]
        self.counts = [
            CountRow(
                data,
                prefix=f"count-{index}",
                initial={"keep": True, **dataclasses.asdict(count)},
            )
            for index, count in enumerate(release.participant_counts)
        ]
        self.people_by_key = {
            str(person.pk): person for person in Person.objects.only("pk", "name").order_by("name")
        }
        self.people = [
            PersonRow(
                data,
                prefix=f"person-{index}",
                people=[*new_choice(person), *((k, p.name) for k, p in self.people_by_key.items())],
                organizations=[("", "—"), *new_choice(represented), *archived],
                initial={
                    "keep": True,
                    "person": choice_key(person),
                    "title": parsed.title,
                    "role": parsed.role or Appearance.Role.SPEAKER,
                    "on_behalf_of": choice_key(represented),
                },
            )
            for index, (parsed, person, represented) in enumerate(
                zip(release.people, self.matches.people, self.matches.on_behalf_of, strict=True)
            )
        ]
        self.side_events = [
            SideEventRow(
                data,
                prefix=f"side-event-{index}",
                initial={"keep": True, **dataclasses.asdict(event)},
            )
            for index, event in enumerate(release.side_events)
        ]
        self.topics = [
            RowForm(data, prefix=f"topic-{index}", initial={"keep": True})
            for index in range(len(self.matches.topics))
        ]
        # What each row proposes, for the page to show beside it.
        groups = {p.slug: p.source_words for p in release.participants if p.whole_group}
        for row, proposed in zip(self.participants, release.participants, strict=True):
            row.proposed = proposed
            row.named_under = groups.get(proposed.member_of, proposed.member_of)
        for row, proposed in zip(self.counts, release.participant_counts, strict=True):
            row.proposed = proposed
        for row, proposed in zip(self.people, release.people, strict=True):
            row.proposed = proposed
        for row, proposed in zip(self.side_events, release.side_events, strict=True):
            row.proposed = proposed
        for row, (topic, index, quote) in zip(self.topics, self.matches.topics, strict=True):
            row.proposed = {"topic": topic, "paragraph": index, "quote": quote}
        self.kinds_editable = len(release.paragraphs) <= MAX_EDITABLE_KINDS
        self.paragraphs = [
            ParagraphKindRow(data, prefix=f"paragraph-{index}", initial={"kind": paragraph.kind})
            for index, paragraph in enumerate(release.paragraphs if self.kinds_editable else [])
        ]
        self.errors = []

    def initial(self):
        meeting, source, series = self.release.meeting, self.release.source, self.matches.series
        unknown = meeting.series if series is None else None
        latest = SourceDocument.objects.order_by("-published_on", "-pk").only("publisher").first()
        return {
            "text": self.release.rebuild(),
            "target": ATTACH if self.matches.meeting and not self.held else NEW,
            "meeting": self.matches.meeting,
            "title": meeting.title,
            "short_name": meeting.short_name,
            "slug": web_address_for(
                short_name=meeting.short_name,
                series=series,
                ordinal=meeting.ordinal,
                title=meeting.title,
                start_date=meeting.start_date,
            ),
            "series": series,
            # A series the release names and the archive does not have, proposed as new.
            "new_series_name": unknown.name if unknown else "",
            "new_series_short_name": unknown.short_name if unknown else "",
            "ordinal": meeting.ordinal,
            "start_date": meeting.start_date,
            "end_date": meeting.end_date or meeting.start_date,
            "date_precision": meeting.date_precision or Meeting.DatePrecision.DAY,
            "format": meeting.format,
            "venue_name": meeting.venue_name,
            "city": meeting.city,
            "source_kind": source.kind,
            "source_title": source.title or meeting.title,
            "source_language": source.language,
            "source_published_on": source.published_on,
            "source_original_url": source.original_url,
            "source_captured_from": "",
            # The relation the release states of itself, for a meeting it is recognised as
            # another source of; else none until the curator says.
            "source_relation": source.relation
            if source.relation in RELATIONS and self.matches.meeting and not self.held
            else "",
            "source_publisher": (series.organiser_id if series else None)
            or (latest.publisher_id if latest else None),
        }

    def participant_groups(self):
        """The participants grouped as the release states them: by status, then role."""
        statuses, roles = list(Participation.Status.values), list(Participation.Role.values)
        groups = {}
        for row in self.participants:
            key = (statuses.index(row.initial["status"]), roles.index(row.initial["role"]))
            groups.setdefault(key, []).append(row)
        return [
            (
                f"{Participation.Status.choices[status][1]} — "
                f"{Participation.Role.choices[role][1].lower()}",
                rows,
            )
            for (status, role), rows in sorted(groups.items())
        ]

    def unmatched(self):
        """The participants the archive has no organisation for (saving creates one)."""
        return [row for row in self.participants if row.initial["organization"] == NEW]

    def paragraph_rows(self):
        """Each paragraph with its kind's form row (None when kinds are not editable here)."""
        rows = self.paragraphs or [None] * len(self.release.paragraphs)
        return list(zip(self.release.paragraphs, rows, strict=True))

    def rows(self):
        return [
            *self.participants,
            *self.added,
            *self.counts,
            *self.people,
            *self.side_events,
            *self.topics,
            *self.paragraphs,
        ]

    def error_summary(self):
        """Every error on the screen as (anchor, message), in the page's order: the form's
        own, then each row's, named by its section and the words it proposes."""
        summary = [("", message) for message in [*self.form.non_field_errors(), *self.errors]]
        for name, messages in self.form.errors.items():
            if name != NON_FIELD_ERRORS:
                bound = self.form[name]
                where = f"#{bound.id_for_label}" if not bound.is_hidden else ""
                summary += [
                    (where, _("%(label)s: %(message)s") % {"label": bound.label, "message": m})
                    for m in messages
                ]
        sections = [
            (_("Participants"), self.participants),
            (_("Added participants"), self.added),
            (_("Counts"), self.counts),
            (_("People"), self.people),
            (_("Side events"), self.side_events),
            (_("Paragraphs"), self.paragraphs),
        ]
        for section, rows in sections:
            for row in rows:
                words = getattr(getattr(row, "proposed", None), "source_words", "")
                if words:
                    where = _("%(section)s, “%(words)s”") % {"section": section, "words": words}
                else:
                    where = section
                for messages in row.errors.values():
                    summary += [
                        (
                            f"#row-{row.prefix}",
                            _("%(label)s: %(message)s") % {"label": where, "message": m},
                        )
                        for m in messages
                    ]
        return summary

    def is_valid(self):
        valid = all([self.form.is_valid(), *(row.is_valid() for row in self.rows())])
        if valid:
            hosts = {}
            proposed = self.matches.organizations + [None] * len(self.added)
            for row, organization in zip(self.participants + self.added, proposed, strict=True):
                data = row.cleaned_data
                if data.get("keep", True) and data["organization"] and data["role"] == "host":
                    chosen = self.chosen(
                        {"keep": True, **data}, "organization", organization, self.organizations
                    )
                    hosts.setdefault(data["status"], []).append(chosen.name)
            for names in hosts.values():
                if len(names) > 1:
                    self.errors.append(
                        _(
                            "A meeting has one host; %(names)s are both marked as host: make "
                            "one of them a participant (a host that also chairs gives "
                            "“%(chairs_as)s: %(co_chair)s”)."
                        )
                        % {
                            "names": _(" and ").join(names),
                            "chairs_as": CHAIRS_AS,
                            "co_chair": Participation.ChairRole.CO_CHAIR.label.lower(),
                        }
                    )
        return valid and not self.errors

    def save(self):
        """The source document written, or None when the archive refused it (see errors)."""
        try:
            with transaction.atomic():
                return self.write()
        except ValidationError as error:
            self.form.add_model_errors(error)
            return None

    @property
    def attach_to(self):
        """The archived meeting the curator adds this release to; None for a new meeting."""
        data = self.form.cleaned_data
        return data["meeting"] if data["target"] == ATTACH else None

    def held_message(self):
        return held_message(self.held) if self.held else ""

    def chosen_meeting(self):
        """The meeting this release would be added to as the screen stands; None for a new
        one (or none chosen yet)."""
        if self.form["target"].value() != ATTACH:
            return None
        try:
            return self.form.fields["meeting"].clean(self.form["meeting"].value())
        except ValidationError:
            return None

    def conflicts(self):
        """What this release says of an organisation that already takes part in the chosen
        meeting and differs from it: the meeting keeps what it has (one row each)."""
        meeting = self.chosen_meeting()
        if meeting is None:
            return []
        held = {p.organization_id: p for p in meeting.participations.select_related("organization")}
        warnings = []
        for row in self.participants:
            key, status = row["organization"].value(), row["status"].value()
            organization = self.organizations.get(str(key))
            participation = held.get(organization.pk) if organization else None
            if row["keep"].value() and participation and participation.status != status:
                held_status = participation.get_status_display().lower()
                warnings.append(
                    _(
                        "%(organisation)s already takes part in %(meeting)s as %(held)s; this "
                        "release says %(read)s: saving keeps %(held)s."
                    )
                    % {
                        "organisation": participation.organization.name,
                        "meeting": meeting,
                        "held": held_status,
                        "read": str(STATUS_LABELS.get(status, status)).lower(),
                    }
                )
        return warnings

    def write(self):
        data = self.form.cleaned_data
        attach_to = self.attach_to
        if attach_to is None:
            self.correct_meeting(data)
        source = self.release.source
        source.kind, source.title = data["source_kind"], data["source_title"]
        source.language, source.published_on = data["source_language"], data["source_published_on"]
        source.original_url = data["source_original_url"]
        # No rows when the release has too many paragraphs to correct their kinds here.
        for paragraph, row in zip(self.release.paragraphs, self.paragraphs, strict=False):
            paragraph.kind = row.cleaned_data["kind"]
        self.correct_participants()
        self.release.participant_counts = [
            dataclasses.replace(
                count,
                count=row.cleaned_data["count"],
                what=row.cleaned_data["what"],
                approximate=row.cleaned_data["approximate"],
            )
            for count, row in zip(self.release.participant_counts, self.counts, strict=True)
            if row.cleaned_data["keep"]
        ]
        self.correct_people()
        self.release.side_events = [
            dataclasses.replace(
                event,
                title=row.cleaned_data["title"],
                kind=row.cleaned_data["kind"],
                date=row.cleaned_data["date"],
            )
            for event, row in zip(self.release.side_events, self.side_events, strict=True)
            if row.cleaned_data["keep"]
        ]
        self.matches.topics = [
            topic
            for topic, row in zip(self.matches.topics, self.topics, strict=True)
            if row.cleaned_data["keep"]
        ]
        document = write_release(
            release=self.release,
            matches=self.matches,
            publisher=data["source_publisher"],
            attach_to=attach_to,
            captured_from=data["source_captured_from"],
            relation=data["source_relation"],
        )
        meeting = document.meeting
        if attach_to is None and meeting.slug != data["slug"]:
            # The writer names the meeting from the release; the curator's address wins.
            meeting.slug = data["slug"]
            meeting.full_clean()
            meeting.save()
        return document

    def correct_meeting(self, data):
        meeting = self.release.meeting
        for name in self.MEETING_ATTRIBUTES:
            setattr(meeting, name, data[name])
        if data["new_series_name"]:
            self.matches.series = save_clean(
                Series(
                    name=data["new_series_name"],
                    short_name=data["new_series_short_name"],
                    # Whoever publishes its releases; corrected on the series' page if not.
                    organiser=data["source_publisher"],
                    slug=unique_slug(Series, data["new_series_short_name"], "series"),
                )
            )
        else:
            self.matches.series = data["series"]

    MEETING_ATTRIBUTES = [
        "title", "short_name", "ordinal", "start_date", "end_date", "date_precision", "format",
        "venue_name", "city",
    ]  # fmt: skip

    def correct_participants(self):
        organizations = []
        rows = zip(
            self.release.participants, self.matches.organizations, self.participants, strict=True
        )
        for parsed, proposed, row in rows:
            data = row.cleaned_data
            parsed.status = data["status"]
            parsed.list_complete = data.get("list_complete", parsed.list_complete)
            parsed.roles = [data["role"], *filter(None, [data["chair_role"]])]
            organizations.append(self.chosen(data, "organization", proposed, self.organizations))
        for row in self.added:
            participant = row.as_participant()
            if participant is not None:
                self.release.participants.append(participant)
                organizations.append(self.organizations[row.cleaned_data["organization"]])
        self.matches.organizations = organizations

    def correct_people(self):
        people, represented = [], []
        proposals = zip(self.matches.people, self.matches.on_behalf_of, strict=True)
        rows = zip(self.release.people, proposals, self.people, strict=True)
        for parsed, (proposed, organization), row in rows:
            data = row.cleaned_data
            parsed.title, parsed.role = data["title"], data["role"]
            people.append(self.chosen(data, "person", proposed, self.people_by_key))
            chosen = data["on_behalf_of"] and self.chosen(
                {"keep": True, **data}, "on_behalf_of", organization, self.organizations
            )
            represented.append(chosen or None)
        self.matches.people, self.matches.on_behalf_of = people, represented

    @staticmethod
    def chosen(data, name, proposed, archived):
        """The row the curator kept: the proposed new one (the writer creates it), one of
        the archive's, or None when dropped."""
        if not data["keep"]:
            return None
        return proposed if data[name] == NEW else archived[data[name]]


def new_choice(row):
    """The choice of creating the proposed ``row``, when the archive does not have it."""
    if row is None or row.pk is not None:
        return []
    if isinstance(row, Organization):
        kind = row.get_classification_display().lower()
    else:
        kind = _("person")
    return [(NEW, _("New: %(name)s (%(kind)s)") % {"name": row.name, "kind": kind})]


def choice_key(row):
    return "" if row is None else NEW if row.pk is None else str(row.pk)


def participant_initial(parsed, organization):
    """The roles as the writer stores them: a host that also chairs is a host with a chair
    role; an observer holds the observer role."""
    role, chair_role = participation_roles(parsed.roles, parsed.status)
    return {
        "keep": organization is not None,
        "organization": choice_key(organization),
        "status": parsed.status,
        "role": role,
        "chair_role": chair_role,
        "list_complete": parsed.list_complete,
    }


def save_clean(row):
    row.full_clean()
    row.save()
    return row


# --- The meeting change form --------------------------------------------------------------


class MeetingAdminForm(StaleGuardForm):
    """A meeting left without a web address gets one (a Japanese title gives no letters
    to make it from: see web_address_for)."""

    class Meta:
        model = Meeting
        fields = "__all__"
        help_texts = {
            **PLAIN_HELP,
            "slug": format_lazy(
                "{} {}",
                PLAIN_HELP["slug"],
                gettext_lazy(
                    "Left empty, it is made from the short name, the series and edition, "
                    "the title or the date."
                ),
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        cleaned = super().clean()
        if "slug" in self.fields and not cleaned.get("slug"):
            cleaned["slug"] = web_address_for(
                short_name=cleaned.get("short_name", ""),
                series=cleaned.get("series"),
                ordinal=cleaned.get("ordinal"),
                title=cleaned.get("title", ""),
                start_date=cleaned.get("start_date"),
            )
        return cleaned


# --- Refusals to delete ------------------------------------------------------------------
# (Inline rows ticked for deletion are checked by the admin itself: its message lists
# the protected rows, and those of a meeting's parts name the meeting.)


def describe(obj):
    meeting = meeting_of(obj)
    values = {"kind": capfirst(obj._meta.verbose_name), "object": obj, "meeting": meeting}
    if meeting is None:
        return _("%(kind)s “%(object)s”") % values
    values["status"] = meeting.get_status_display().lower()
    if obj is meeting:
        return _("%(kind)s “%(object)s” (%(status)s)") % values
    return _("%(kind)s “%(object)s” of %(meeting)s (%(status)s)") % values


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
            uses.append(
                _("%(meeting)s is published: unpublish it before deleting it.") % {"meeting": obj}
            )
        if isinstance(obj, Topic):
            # A many-to-many link would vanish silently: refuse as PROTECT would.
            for point in obj.discussion_points.select_related("meeting"):
                uses.append(
                    _("%(point)s lists the topic “%(topic)s”")
                    % {"point": describe(point), "topic": obj}
                )
                meetings.add(point.meeting)
    if meetings:
        names = _(", ").join(
            _("%(meeting)s (%(status)s)") % {"meeting": m, "status": m.get_status_display().lower()}
            for m in sorted(meetings, key=str)
        )
        used_by = ngettext(
            "Used by the meeting %(names)s.", "Used by the meetings %(names)s.", len(meetings)
        )
        uses.insert(0, used_by % {"names": names})
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
            self._parent_choices = [("", _("— (top level)"))] + [
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
                    _(
                        "%(organisation)s is on two rows. A meeting lists each organisation "
                        "once per status (attended, planned, ...): keep one row; a host that "
                        "also chairs gives its second role as the chair role."
                    )
                    % {"organisation": key[0]}
                )
            seen.add(key)
        hosts = {}
        for row in rows:
            if row.get("role") == Participation.Role.HOST and row.get("organization"):
                status = row.get("status") or Participation.Status.ATTENDED
                hosts.setdefault(status, []).append(row["organization"])
        for names in hosts.values():
            if len(names) > 1:
                names = _(" and ").join(str(host) for host in names)
                raise ValidationError(
                    _("A meeting has one host; %(names)s are both marked as host.")
                    % {"names": names}
                )
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
                values = {"parent": parent, "position": data["position"]}
                if parent:
                    message = _(
                        "Two points under %(parent)s have position %(position)s: give each its "
                        "own number."
                    )
                else:
                    message = _(
                        "Two points at the top level have position %(position)s: give each its "
                        "own number."
                    )
                raise ValidationError(message % values)
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
                    "organization",
                    _("%(organisation)s already takes part in this meeting.")
                    % {"organisation": organization},
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
                if parent:
                    message = _("Another point under %(parent)s already has position %(position)s.")
                else:
                    message = _("Another point at the top level already has position %(position)s.")
                self.add_error("position", message % {"parent": parent, "position": position})
        return cleaned


class SourceDocumentForm(forms.ModelForm):
    """A document whose paragraphs are cited stays with its meeting (a trigger holds it too)."""

    def clean_meeting(self):
        meeting = self.cleaned_data["meeting"]
        moved = self.instance.pk and meeting and self.instance.meeting_id != meeting.pk
        if moved and is_cited(Paragraph.objects.filter(document=self.instance)):
            raise ValidationError(
                _(
                    "Facts of its meeting cite this document's paragraphs: it cannot move to "
                    "another meeting."
                )
            )
        return meeting


class ParagraphForm(forms.ModelForm):
    """A cited paragraph stays with its meeting (a trigger holds it too). Changing the
    verbatim text of a published source is a correction: it needs a reason, which the
    public page shows beside the paragraph."""

    reason = forms.CharField(
        label=gettext_lazy("Reason for the correction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text=gettext_lazy(
            "Required to change the label or text of a published source. Shown on the public "
            "page beside the paragraph, with the date."
        ),
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
                _("This paragraph belongs to a published source: say why its text is corrected."),
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
                _("Facts of its meeting cite this paragraph: it cannot move to another meeting.")
            )
        return document


def is_cited(paragraphs):
    """Whether a participation, appearance or discussion point cites one of ``paragraphs``."""
    return any(
        model.objects.filter(source_paragraph__in=paragraphs).exists()
        for model in (Participation, Appearance, DiscussionPoint)
    )
