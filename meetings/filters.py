"""The one FilterSet for meeting lists: the public list page and the API share it."""

import django_filters
from django import forms

from . import search
from .models import Meeting, Organization, Series, Topic


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class IsoDateFilter(django_filters.DateFilter):
    """Dates as YYYY-MM-DD only, on the list page and in the API alike."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault("error_messages", {"invalid": "Enter a date as YYYY-MM-DD."})
        super().__init__(*args, **kwargs)


class MeetingFilterSet(django_filters.FilterSet):
    series = django_filters.ModelChoiceFilter(
        field_name="series",
        to_field_name="slug",
        queryset=Series.objects.all(),
        label="Series",
    )
    year = YearFilter(
        field_name="start_date", lookup_expr="year", label="Year", min_value=1900, max_value=2999
    )
    date_from = IsoDateFilter(field_name="start_date", lookup_expr="gte", label="From (YYYY-MM-DD)")
    date_to = IsoDateFilter(field_name="start_date", lookup_expr="lte", label="To (YYYY-MM-DD)")
    participant = django_filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=Organization.objects.all(),
        method="filter_participant",
        label="Participant",
    )
    topic = django_filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=Topic.objects.all(),
        method="filter_topic",
        label="Topic",
    )
    q = django_filters.CharFilter(
        method="filter_text", label="Words", max_length=search.MAX_QUERY_LENGTH
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label="Updated since (ISO 8601)"
    )
    ordering = django_filters.OrderingFilter(
        fields=[("start_date", "date"), ("title", "title"), ("updated_at", "updated")],
        label="Sort by",
    )

    class Meta:
        model = Meeting
        fields = []

    def filter_participant(self, queryset, name, organization):
        return queryset.attended_by(organization)

    def filter_topic(self, queryset, name, topic):
        return queryset.mentioning(topic)

    def filter_text(self, queryset, name, value):
        # The form has already refused an over-long value; empty ones never get here.
        return search.filter_meetings(queryset, search.clean_query(value))


def unknown_parameters(query_params, filterset_class=MeetingFilterSet, allowed=("page",)):
    """Names in the query string that neither the FilterSet nor the view knows."""
    known = set(filterset_class.base_filters) | set(allowed)
    return sorted(set(query_params) - known)
