import json

from rest_framework.renderers import BrowsableAPIRenderer, TemplateHTMLRenderer

from ..filters import MeetingFilterSet
from .pagination import Pagination
from .throttling import AnonRateThrottle

# A throttle's period in seconds, as the front door page says it.
PERIODS = {1: "a second", 60: "a minute", 3600: "an hour", 86400: "a day"}


class ArchiveBrowsableAPIRenderer(BrowsableAPIRenderer):
    """The browsable API without its filter dialog, whose button DRF styles inline
    (the Content-Security-Policy forbids that); the filters are in the schema and docs."""

    def get_filter_form(self, data, view, request):
        return None


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
