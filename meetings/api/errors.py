"""The API's error bodies: always {"detail": "..."}; bad parameters add "errors"."""

from rest_framework import exceptions, serializers


class ParameterError(exceptions.ValidationError):
    """400 for query parameters: ``errors`` maps each parameter to its messages."""

    def __init__(self, errors):
        names = ", ".join(sorted(errors))
        super().__init__(
            {
                "detail": f"Invalid query parameter: {names}.",
                "errors": {name: [str(message) for message in errors[name]] for name in errors},
            }
        )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in plain words.")


class ParameterErrorSerializer(ErrorSerializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Each offending query parameter with its messages.",
    )
