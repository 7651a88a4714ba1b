"""Addresses of a meeting record's downloads and provenance (views in record_views.py)."""

from django.urls import path

from . import record_views

urlpatterns = [
    path(
        "meetings/<slug:slug>/changes/",
        record_views.MeetingChangesView.as_view(),
        name="meeting-changes",
    ),
    path(
        "meetings/<slug:slug>/sources/<int:source_id>.txt",
        record_views.SourceTextView.as_view(),
        name="source-text",
    ),
]
