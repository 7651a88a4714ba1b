"""Addresses of a meeting record's downloads and provenance (views in record_views.py)."""

urlpatterns = []
