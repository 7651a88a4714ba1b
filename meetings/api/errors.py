"""The API's error bodies: always {"detail": "..."}; bad parameters add "errors"."""

from django.forms.utils import ErrorList
from rest_framework import exceptions, serializers, status


class ParameterError(exceptions.ValidationError):
    """400 for query parameters: ``errors`` maps each parameter to its messages.

    Parameters that only name a record that does not exist (``?series=astop-9``, the
    FilterSet's "unknown_record" errors) are well formed: that answer is 404, as for an
    unknown slug in a path.
    """

    def __init__(self, errors):
        names = ", ".join(sorted(errors))
        unknown = {name: unknown_records(errors[name]) for name in errors}
        if all(unknown.values()):
            self.status_code = status.HTTP_404_NOT_FOUND
            detail = f"No record has the slug given in: {names}."
            messages = {
                name: [f'No record has the slug "{value}".' for value in unknown[name]]
                for name in errors
            }
        else:
            detail = f"Invalid query parameter: {names}."
            messages = {name: [str(message) for message in errors[name]] for name in errors}
        super().__init__({"detail": detail, "errors": messages})


def unknown_records(messages):
    """The slugs that ``messages`` (a form's ErrorList) say name no record, if that is
    all they say; otherwise an empty list."""
    if not isinstance(messages, ErrorList):
        return []
    errors = messages.as_data()
    if not all(error.code == "unknown_record" for error in errors):
        return []
    return [error.params["value"] for error in errors]


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in plain words.")


class ParameterErrorSerializer(ErrorSerializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Each offending query parameter with its messages.",
    )
