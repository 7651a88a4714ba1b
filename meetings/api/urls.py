from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.APIRootView = views.APIRootView
router.include_format_suffixes = False  # one address per record; ?format= does the rest
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("series", views.SeriesViewSet, basename="series")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("people", views.PersonViewSet, basename="person")
router.register("topics", views.TopicViewSet, basename="topic")

urlpatterns = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    # An HTML page has no API description to give OPTIONS (DRF's would fail to render
    # it): GET and HEAD only, so OPTIONS gets a 405 that lists them.
    path("docs/", views.DocsView.as_view(http_method_names=["get", "head"]), name="docs"),
    *router.urls,
    # Last: every other address under /api/v1/ gets a JSON 404, not the site's HTML one.
    re_path(r"^(?P<path>[\s\S]*)$", views.NotFoundView.as_view(), name="not-found"),
]
