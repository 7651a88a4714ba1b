"""Paragraphs as a public page refers to them: the one numbering of the Cite control."""

from django import template

from .. import citations

register = template.Library()


@register.filter
def locator(paragraph):
    """ "para. 1" for label "1.", "(2)", "¶10" when unlabelled (meetings.citations.locator)."""
    return citations.locator(paragraph)
