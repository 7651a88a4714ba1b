from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


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
