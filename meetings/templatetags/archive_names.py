"""Names in the page's language: ``{{ person|local_name }}`` shows 木村仁 on a Japanese
page and Hitoshi Kimura on an English one; ``{{ person|name_beside }}`` gives the
English name to show beside a Japanese one (and nothing otherwise). Both work for
organisations, people, series and topics and read prefetched names without a query."""

from django import template
from django.utils.translation import get_language

from ..languages import name_in

register = template.Library()


@register.filter
def local_name(record):
    """The record's name in the active language, its main name when it has none in it."""
    if record is None:
        return ""
    return name_in(record, get_language()) or record.name


@register.filter
def name_beside(record):
    """The main (English) name, where the page shows another name instead; else ""."""
    if record is None:
        return ""
    shown = local_name(record)
    return record.name if shown != record.name else ""
