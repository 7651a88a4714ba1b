"""The one FilterSet for meeting lists: the public list page and the API share it."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from . import search
from .models import Meeting, Organization, Participation, Series, Topic


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class IsoDateFilter(django_filters.DateFilter):
    """Dates as YYYY-MM-DD only, on the list page and in the API alike."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault("error_messages", {"invalid": _("Enter a date as YYYY-MM-DD.")})
        super().__init__(*args, **kwargs)


class ZonedDateTimeField(forms.Field):
    """An ISO 8601 moment with its time zone ("Z" or "+09:00"), as UTC.

    A moment is exact only with its zone, so one without is refused. A moment past
    the ends of what Python can hold in UTC (9999-12-31T23:59:59-23:59 is in year
    10000 there) is moved to that end: the filter's answer is the same.
    """

    default_error_messages = {
        "invalid": _("Enter a date and time with a time zone, such as 2008-04-25T09:00:00+09:00."),
    }

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        try:
            moment = parse_datetime(value)
        except ValueError:  # well formed but impossible: month 13, offset +99:00
            moment = None
        if moment is None or moment.tzinfo is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return moment.astimezone(datetime.UTC)
        except OverflowError:
            late = moment.year == datetime.MAXYEAR
            return (datetime.datetime.max if late else datetime.datetime.min).replace(
                tzinfo=datetime.UTC
            )


class ZonedDateTimeFilter(django_filters.Filter):
    field_class = ZonedDateTimeField


class SlugField(ModelChoiceField):
    """A record by its slug, in any case. A slug that names none is not malformed, so its
    error has a code of its own ("unknown_record"): the API answers it 404, like an
    unknown slug in a path."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            # A slug in the wrong case names the record, as it does in a path.
            # (PostgreSQL refuses NUL in a query: such a value names nothing.)
            if isinstance(value, str) and value and "\x00" not in value:
                lookup = {f"{self.to_field_name}__iexact": value}
                record = self.queryset.filter(**lookup).first()
                if record is not None:
                    return record
            error.code = "unknown_record"
            raise


class SlugFilter(django_filters.ModelChoiceFilter):
    field_class = SlugField


class MeetingFilterForm(forms.Form):
    def clean_ordering(self):
        ordering = self.cleaned_data.get("ordering")
        # "date," or "," would otherwise be taken as no order at all.
        if ordering and not all(ordering):
            raise ValidationError(
                _("Each comma-separated value must name an order, such as date or -date."),
                code="invalid",
            )
        return ordering


class MeetingFilterSet(django_filters.FilterSet):
    series = SlugFilter(
        field_name="series",
        to_field_name="slug",
        queryset=Series.objects.public(),
        label=_("Series"),
    )
    year = YearFilter(
        field_name="start_date", lookup_expr="year", label=_("Year"), min_value=1900, max_value=2999
    )
    date_from = IsoDateFilter(
        field_name="start_date", lookup_expr="gte", label=_("From (YYYY-MM-DD)")
    )
    date_to = IsoDateFilter(field_name="start_date", lookup_expr="lte", label=_("To (YYYY-MM-DD)"))
    participant = SlugFilter(
        to_field_name="slug",
        queryset=Organization.objects.public(),
        method="filter_participant",
        label=_("Participant"),
    )
    participant_status = django_filters.ChoiceFilter(
        choices=Participation.Status.choices,
        method="filter_participant_status",
        label=_("Participant's status"),
    )
    topic = SlugFilter(
        to_field_name="slug",
        queryset=Topic.objects.public(),
        method="filter_topic",
        label=_("Topic"),
    )
    q = django_filters.CharFilter(
        method="filter_text", label=_("Words"), max_length=search.MAX_QUERY_LENGTH
    )
    updated_since = ZonedDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label=_("Updated since (ISO 8601, with a zone)")
    )
    ordering = django_filters.OrderingFilter(
        fields=[("start_date", "date"), ("title", "title"), ("updated_at", "updated")],
        label=_("Sort by"),
    )

    class Meta:
        model = Meeting
        fields = []
        form = MeetingFilterForm

    def filter_participant(self, queryset, name, organization):
        status = self.form.cleaned_data.get("participant_status")
        if status:
            return queryset.with_participant(organization, status)
        return queryset.attended_by(organization)

    def filter_participant_status(self, queryset, name, status):
        if self.form.cleaned_data.get("participant"):
            return queryset  # the participant filter reads it
        return queryset.with_participant(None, status)

    def filter_topic(self, queryset, name, topic):
        return queryset.mentioning(topic)

    def filter_text(self, queryset, name, value):
        # The form has already refused an over-long value; empty ones never get here.
        return search.filter_meetings(queryset, search.clean_query(value))
