import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The escapes of django.utils.html.json_script: no "<", ">" or "&" inside a script block.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def paragraph_text(paragraph, footnote_anchors):
    """The paragraph's text, escaped, with footnote markers such as "(*)" linked.

    ``footnote_anchors`` maps a footnote's label to its anchor. Only the marker
    becomes a link; every character of the text stays as issued.
    """
    text = conditional_escape(paragraph.text)
    for label, anchor in footnote_anchors.items():
        if paragraph.label == label:
            continue
        marker = conditional_escape(label)
        link = format_html('<a href="#{}" class="footnote-ref">{}</a>', anchor, label)
        text = text.replace(marker, link)
    return mark_safe(text)


@register.filter
def json_ld(data):
    """A schema.org JSON-LD block; escaped like json_script so the data cannot close it."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag
def mark_quote(text, quote):
    """The paragraph text, escaped, with the first occurrence of ``quote`` in <mark>."""
    before, found, after = text.partition(quote)
    if not found:
        return conditional_escape(text)
    return format_html("{}<mark>{}</mark>{}", before, found, after)
