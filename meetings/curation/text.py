"""Text the archive refuses: control characters, the one definition used at every input.

Tab and line feed are text. A carriage return is not kept: browsers send every line
break of a text area as CR LF, so pasted and typed text is normalised to LF first
(``normalise_line_breaks``); a CR that reaches a model any other way is refused.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

# Unicode's "Cc" category (C0, DEL, C1) less tab and line feed.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalise_line_breaks(text):
    """CR LF and lone CR become LF, as a text area's line breaks should have been."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def control_character_message(text):
    """Why ``text`` is refused, or None if it holds no control character."""
    found = CONTROL_CHARACTER.search(text)
    if found is None:
        return None
    start = found.start()
    line = text.count("\n", 0, start) + 1
    column = start - text.rfind("\n", 0, start)
    return _(
        "Contains the control character %(character)s on line %(line)s, character "
        "%(column)s: remove it (only tabs and line breaks are allowed)."
    ) % {"character": f"U+{ord(found.group()):04X}", "line": line, "column": column}


def reject_control_characters(value):
    """A validator for form fields that are not model fields (the pasted release)."""
    message = control_character_message(value or "")
    if message:
        raise ValidationError(message, code="control_character")


def control_character_errors(instance, exclude=()):
    """{field name: [message]} for the text fields of ``instance`` holding control characters."""
    errors = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude or not isinstance(field, models.CharField | models.TextField):
            continue
        value = getattr(instance, field.attname)
        message = control_character_message(value) if isinstance(value, str) else None
        if message:
            errors[field.name] = [message]
    return errors


class PastedTextField(forms.CharField):
    """A text area's value with its line breaks as LF; every curated text area uses it."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_line_breaks(value) if isinstance(value, str) else value
