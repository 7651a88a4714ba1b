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
    becomes a link; every character of the text stays as issued. A footnote ends with
    a link back (↩) to each paragraph that cites it.
    """
    text = conditional_escape(paragraph.text)
    for label, anchor in footnote_anchors.items():
        if paragraph.label == label:
            continue
        marker = conditional_escape(label)
        link = format_html('<a href="#{}" class="footnote-ref">{}</a>', anchor, label)
        text = text.replace(marker, link)
    if footnote_anchors.get(paragraph.label) == paragraph.anchor:
        text += footnote_backlinks(paragraph)
    return mark_safe(text)


def footnote_backlinks(footnote):
    """Links from a footnote back to each paragraph of its source that cites it
    (the source's paragraphs are prefetched: no query)."""
    links = [
        format_html(
            ' <a href="#{}" class="footnote-back">↩<span class="visually-hidden">'
            " back to paragraph {} where this note is cited</span></a>",
            paragraph.anchor,
            paragraph.label or paragraph.position,
        )
        for paragraph in footnote.document.paragraphs.all()
        if paragraph.pk != footnote.pk and footnote.label in paragraph.text
    ]
    return mark_safe("".join(links))


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
