import re

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext, gettext_lazy

from .models import Meeting

# Characters XML 1.0 cannot carry: the C0 controls but tab, line feed and carriage return,
# and the two non-characters U+FFFE and U+FFFF.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value):
    """``value`` with each character XML cannot carry shown as U+FFFD.

    Inputs refuse control characters, but one stored by other means must not break
    the feed for everyone.
    """
    if isinstance(value, str):
        return NOT_IN_XML.sub("\ufffd", value)
    if isinstance(value, list | tuple):
        return [xml_safe(item) for item in value]
    return value


class XmlSafeAtom1Feed(Atom1Feed):
    def add_item(self, **fields):
        super().add_item(**{name: xml_safe(value) for name, value in fields.items()})


class MeetingFeed(Feed):
    feed_type = XmlSafeAtom1Feed
    # In the language of the feed's address: /feeds/meetings.atom or /ja/feeds/meetings.atom.
    title = gettext_lazy("ASTOP archive: meetings")
    subtitle = gettext_lazy("Newly published records of diplomatic meetings on non-proliferation.")
    link = reverse_lazy("meetings:meeting-list")

    def items(self):
        return Meeting.objects.public().select_related("series").order_by("-published_at")[:50]

    def item_title(self, meeting):
        return f"{meeting.title} ({meeting.short_name})" if meeting.short_name else meeting.title

    def item_description(self, meeting):
        # The summary is the archive's words, not the release's: say so.
        if not meeting.summary:
            return ""
        return gettext("Archive summary: %(summary)s") % {"summary": meeting.summary}

    def item_pubdate(self, meeting):
        return meeting.published_at

    def item_updateddate(self, meeting):
        return meeting.updated_at

    def item_categories(self, meeting):
        return [meeting.series.short_name] if meeting.series else []
