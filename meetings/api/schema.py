"""OpenAPI documentation shared by the API views: parameters, headers, errors, examples."""

from drf_spectacular.extensions import OpenApiFilterExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse

from ..curation.text import CONTROL_CHARACTER
from ..filters import MeetingFilterSet
from .errors import ErrorSerializer, ParameterErrorSerializer
from .pagination import Pagination

HEADER = OpenApiParameter.HEADER
QUERY = OpenApiParameter.QUERY

MEETING_LIST_DESCRIPTION = """\
Published meetings, newest first, in a compact form; follow `url` for the full record.

The filters are those of the public list page. Each one narrows the list; an empty
value is the same as leaving the parameter out. Unknown parameters and malformed
values answer 400 with the offending names in `errors`.
For incremental harvesting, keep the time of your last run and ask for
`updated_since` (or send `If-None-Match` with the ETag you were given).
"""

MEETING_DETAIL_DESCRIPTION = """\
The full, sourced record: series, dates (with their precision: `month` when the source
gives only the month), format, venue and the venue of each day (`days`), host and
convener; participations in the source's words, each with its `status` (only
`attended`, `observer` and `guest` took part; `planned` and `invited` come from an
announcement; `absent` did not take part), its roles, whether it is the organisation's
`first_time` in the series, and for a group named in part `list_complete: false` with
its named members pointing at it (`named_under`); for a group, its members on the
meeting date (the group's membership, not a confirmed attendance list); counts the
source gives (`participant_counts`); side events; appearances with the titles held
then; the discussion points as a tree with their topics; and every source document,
verbatim and in order, in its language, with its relation to another source (a
translation, a copy) and a plain-text copy as issued (`text_url`). Each fact names the
paragraph that states it (`source_paragraph`).
"""

CONDITIONAL_HEADERS = [
    OpenApiParameter(
        "If-None-Match",
        str,
        HEADER,
        description="An ETag from an earlier response: 304 if the body is unchanged.",
    ),
    OpenApiParameter(
        "ETag",
        str,
        HEADER,
        required=True,
        description="Validator of this exact body; send it back in If-None-Match.",
        response=[200, 304],
    ),
    OpenApiParameter(
        "Cache-Control",
        str,
        HEADER,
        required=True,
        description="Public, with a short max-age.",
        response=[200, 304],
    ),
    OpenApiParameter(
        "Retry-After",
        int,
        HEADER,
        required=True,
        description="Seconds to wait before the next request.",
        response=[429],
    ),
]
# Meetings have a time of last change; the lookups have none (their ETag is enough).
MEETING_CONDITIONAL_HEADERS = [
    *CONDITIONAL_HEADERS,
    OpenApiParameter(
        "If-Modified-Since",
        str,
        HEADER,
        description=(
            "An HTTP date: 304 if no meeting shown changed since. Ignored when "
            "If-None-Match is sent; If-None-Match is the exact test."
        ),
    ),
    OpenApiParameter(
        "Last-Modified",
        str,
        HEADER,
        description="When the meeting (for the list: any meeting) was last changed.",
        response=[200, 304],
    ),
]

ORDERING_CHOICES = ["date", "-date", "title", "-title", "updated", "-updated"]
PARTICIPANT_STATUSES = [
    value for value, _ in MeetingFilterSet.base_filters["participant_status"].extra["choices"]
]


class MeetingFilterExtension(OpenApiFilterExtension):
    """The meeting filters are documented by hand below, with the types, limits and
    examples that spectacular cannot read from MeetingFilterSet (tests keep the two
    lists equal)."""

    target_class = "meetings.api.views.MeetingFilterBackend"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        return []


# The limits are the FilterSet's, which the list page and the API both apply.
YEAR_LIMITS = MeetingFilterSet.base_filters["year"].extra
Q_MAX_LENGTH = MeetingFilterSet.base_filters["q"].extra["max_length"]

MEETING_FILTER_PARAMETERS = [
    OpenApiParameter(
        "series",
        str,
        QUERY,
        description="Slug of a series: meetings of that series.",
        examples=[OpenApiExample("ASTOP", value="astop")],
    ),
    OpenApiParameter(
        "year",
        {
            "type": "integer",
            "minimum": YEAR_LIMITS["min_value"],
            "maximum": YEAR_LIMITS["max_value"],
        },
        QUERY,
        description="Meetings that started in this year.",
        examples=[OpenApiExample("2008", value=2008)],
    ),
    OpenApiParameter(
        "date_from",
        OpenApiTypes.DATE,
        QUERY,
        description="Meetings that started on or after this day (YYYY-MM-DD).",
    ),
    OpenApiParameter(
        "date_to",
        OpenApiTypes.DATE,
        QUERY,
        description="Meetings that started on or before this day (YYYY-MM-DD).",
    ),
    OpenApiParameter(
        "participant",
        str,
        QUERY,
        description=(
            "Slug of an organisation: meetings it took part in, itself or through a group "
            "it belonged to on the meeting date (see `via_group_name`). An absent, planned "
            "or invited organisation did not take part: ask for it with `participant_status`."
        ),
        examples=[OpenApiExample("Viet Nam (through ASEAN)", value="viet-nam")],
    ),
    OpenApiParameter(
        "participant_status",
        {"type": "string", "enum": PARTICIPANT_STATUSES},
        QUERY,
        description=(
            "With `participant`: meetings where that organisation itself is listed with this "
            "status instead of those it took part in. Alone: meetings where any organisation "
            "is listed with it."
        ),
        examples=[OpenApiExample("Absent", value="absent")],
    ),
    OpenApiParameter(
        "topic",
        str,
        QUERY,
        description="Slug of a topic: meetings whose sources mention it or a narrower topic.",
        examples=[OpenApiExample("PSI", value="proliferation-security-initiative")],
    ),
    OpenApiParameter(
        "q",
        {"type": "string", "maxLength": Q_MAX_LENGTH},
        QUERY,
        description=(
            "Words to search for in titles, summaries, participants, people, topics and "
            "series (every name, in any language: DPRK, 木村仁, アジア不拡散協議) and the "
            "source text; Japanese finds any part of a word (不拡散)."
        ),
        examples=[
            OpenApiExample("Words", value="export control"),
            OpenApiExample("Japanese", value="拡散に対する安全保障構想"),
        ],
    ),
    OpenApiParameter(
        "updated_since",
        OpenApiTypes.DATETIME,
        QUERY,
        description=(
            "Meetings changed at or after this moment (ISO 8601, with a time zone; a "
            "moment without one answers 400)."
        ),
    ),
    OpenApiParameter(
        "ordering",
        {"type": "array", "items": {"type": "string", "enum": ORDERING_CHOICES}},
        QUERY,
        style="form",
        explode=False,
        description="Sort keys, comma-separated; a leading '-' reverses. Default: -date.",
    ),
]


# Text parameters hold no control characters other than tab and line feed (the API
# answers 400; PostgreSQL refuses NUL in text).
NO_CONTROL_CHARACTERS = f"^[^{CONTROL_CHARACTER.pattern.removeprefix('[')}*$"


def allow_empty_query_values(result, generator, request, public):
    """Spectacular post-processing hook: an empty query value counts as absent (``?q=``),
    as in the public list's form; say so on every query parameter. And text parameters
    hold no control characters."""
    for path in result["paths"].values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    parameter["allowEmptyValue"] = True
                    schema = parameter["schema"]
                    if schema.get("type") == "string" and "format" not in schema:
                        schema.setdefault("pattern", NO_CONTROL_CHARACTERS)
    return result


def slug_parameter(example):
    return OpenApiParameter(
        "slug",
        {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"},
        OpenApiParameter.PATH,
        required=True,
        description="The record's stable identifier.",
        examples=[OpenApiExample(example, value=example)],
    )


NOT_MODIFIED = OpenApiResponse(
    description="Not modified: the ETag in If-None-Match (or the If-Modified-Since date) "
    "is still current. No body."
)
BAD_PARAMETERS = OpenApiResponse(
    ParameterErrorSerializer,
    description="An unknown query parameter, or a malformed or out-of-range value.",
    examples=[
        OpenApiExample(
            "Malformed value",
            value={
                "detail": "Invalid query parameter: year.",
                "errors": {"year": ["Enter a whole number."]},
            },
            status_codes=["400"],
        ),
        OpenApiExample(
            "Unknown parameter",
            value={
                "detail": "Invalid query parameter: yaer.",
                "errors": {"yaer": ["Unknown parameter."]},
            },
            status_codes=["400"],
        ),
        OpenApiExample(
            "Page size out of range",
            value={
                "detail": "Invalid query parameter: page_size.",
                "errors": {
                    "page_size": [f"Enter a whole number from 1 to {Pagination.max_page_size}."]
                },
            },
            status_codes=["400"],
        ),
    ],
)
THROTTLED = OpenApiResponse(
    ErrorSerializer,
    description="Too many requests from this address; wait Retry-After seconds.",
    examples=[
        OpenApiExample(
            "Throttled",
            value={"detail": "Request was throttled. Expected available in 42 seconds."},
            status_codes=["429"],
        )
    ],
)
LIST_ERRORS = {
    304: NOT_MODIFIED,
    400: BAD_PARAMETERS,
    404: OpenApiResponse(
        ErrorSerializer,
        description=(
            "A page number past the last page, or a filter that names no record "
            "(a series, participant or topic slug that no published meeting uses)."
        ),
        examples=[
            OpenApiExample(
                "Past the last page",
                value={"detail": "Invalid page 9: That page contains no results."},
                status_codes=["404"],
            ),
            OpenApiExample(
                "Unknown series",
                value={
                    "detail": "No record has the slug given in: series.",
                    "errors": {"series": ['No record has the slug "astop-9".']},
                },
                status_codes=["404"],
            ),
        ],
    ),
    429: THROTTLED,
}
DETAIL_ERRORS = {
    304: NOT_MODIFIED,
    400: BAD_PARAMETERS,
    404: OpenApiResponse(
        ErrorSerializer,
        description="No record with this slug (drafts are never shown).",
        examples=[
            OpenApiExample(
                "Unknown slug",
                value={"detail": 'No meeting with the slug "astop-xcix".'},
                status_codes=["404"],
            )
        ],
    ),
    429: THROTTLED,
}

MEETING_LIST_EXAMPLE = OpenApiExample(
    "ASTOP-V",
    response_only=True,
    status_codes=["200"],
    value={
        "url": "https://astop.example/api/v1/meetings/astop-v/",
        "html_url": "https://astop.example/meetings/astop-v/",
        "slug": "astop-v",
        "series": {
            "url": "https://astop.example/api/v1/series/astop/",
            "html_url": "https://astop.example/series/astop/",
            "slug": "astop",
            "name": "Asian Senior-level Talks on Non-Proliferation",
            "short_name": "ASTOP",
        },
        "ordinal": 5,
        "title": "Fifth Asian Senior-level Talks on Non-Proliferation",
        "short_name": "ASTOP-V",
        "start_date": "2008-04-25",
        "end_date": "2008-04-25",
        "date_precision": "day",
        "format": "",
        "venue_name": "Mita House",
        "city": "Tokyo",
        "country": {
            "url": "https://astop.example/api/v1/organizations/japan/",
            "html_url": "https://astop.example/participants/japan/",
            "slug": "japan",
            "name": "Japan",
            "abbreviation": "",
            "classification": "country",
            "iso_code": "JP",
        },
        "published_at": "2026-11-27T00:00:00Z",
        "updated_at": "2026-11-27T00:00:00Z",
        "via_group_name": None,
    },
)
