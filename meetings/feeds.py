from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import Meeting


class MeetingFeed(Feed):
    feed_type = Atom1Feed
    title = "ASTOP archive: meetings"
    subtitle = "Newly published records of diplomatic meetings on non-proliferation."
    link = reverse_lazy("meetings:meeting-list")

    def items(self):
        return Meeting.objects.published().select_related("series").order_by("-published_at")[:50]

    def item_title(self, meeting):
        return f"{meeting.title} ({meeting.short_name})"

    def item_description(self, meeting):
        return meeting.summary

    def item_pubdate(self, meeting):
        return meeting.published_at

    def item_updateddate(self, meeting):
        return meeting.updated_at

    def item_categories(self, meeting):
        return [meeting.series.short_name]
