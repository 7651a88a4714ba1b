import json
from urllib.parse import urlsplit

from rest_framework.renderers import BrowsableAPIRenderer, TemplateHTMLRenderer

from ..filters import MeetingFilterSet
from .pagination import Pagination
from .throttling import AnonRateThrottle

# A throttle's period in seconds, as the front door page says it.
PERIODS = {1: "a second", 60: "a minute", 3600: "an hour", 86400: "a day"}


class ArchiveBrowsableAPIRenderer(BrowsableAPIRenderer):
    """The browsable API as a page of the site (templates/rest_framework/api.html): the
    answer, its status and headers, without DRF's forms (the API is read-only) or its
    filter dialog (the filters are in the schema and docs)."""

    def get_filter_form(self, data, view, request):
        return None

    def show_form_for_method(self, view, method, request, instance):
        return False  # read-only: no forms for writes

    def get_raw_data_form(self, data, view, method, request):
        return None

    def get_breadcrumbs(self, request):
        """DRF's, without the addresses that lack their slash (the not-found view's, which
        redirects them) above the page itself: "API / Meetings / Meeting"."""
        *above, page = super().get_breadcrumbs(request)
        return [crumb for crumb in above if urlsplit(crumb[1]).path.endswith("/")] + [page]


class FrontDoorRenderer(TemplateHTMLRenderer):
    """The API's root for people: a page in the site's style that explains the API,
    with the root's own answer as the example of a first request."""

    template_name = "api/front_door.html"

    def get_template_context(self, data, renderer_context):
        request = renderer_context["request"]
        requests, period = AnonRateThrottle().parse_rate(AnonRateThrottle().get_rate())
        return {
            "endpoints": data,
            "root_url": request.build_absolute_uri(request.path),
            "answer": json.dumps(data, indent=2),
            "filters": [
                (name, field.label) for name, field in MeetingFilterSet.base_filters.items()
            ],
            "page_size": Pagination.page_size,
            "max_page_size": Pagination.max_page_size,
            "rate": (requests, PERIODS[period]),
        }
