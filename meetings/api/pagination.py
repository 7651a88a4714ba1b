"""Page-number pagination that refuses malformed numbers instead of guessing."""

import re

from rest_framework import pagination
from rest_framework.exceptions import NotFound

from .errors import ParameterError

# ASCII digits only: int() would take "١" or "1_0".
WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")
DIGITS = re.compile(r"[0-9]+")


class Pagination(pagination.PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    page_query_description = (
        'A page number, from 1 (or "last"). A page past the last one answers 404.'
    )
    page_size_query_description = f"Results per page, from 1 to {max_page_size} (default 25)."
    invalid_page_message = "Invalid page {page_number}: {message}."

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if not raw:  # absent or empty, as with the filters
            return self.page_size
        if not WHOLE_NUMBER.fullmatch(raw) or not 1 <= int(raw) <= self.max_page_size:
            raise ParameterError(
                {"page_size": [f"Enter a whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if not raw:
            return 1
        if raw in self.last_page_strings:
            return paginator.num_pages
        number = raw.lstrip("0") if DIGITS.fullmatch(raw) else ""
        if not number:
            raise ParameterError({"page": ['Enter a whole number of 1 or more, or "last".']})
        if len(number) > 18:  # past any last page (and int() refuses 4,301 digits)
            raise NotFound("Invalid page: that page is past the last one.")
        return int(number)

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["count", "next", "previous", "results"]
        properties = response["properties"]
        properties["count"].update(minimum=0, example=1)
        properties["next"]["example"] = properties["previous"]["example"] = None
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        limits = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(limits[parameter["name"]])
        return parameters
