from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Meeting, Organization, Person, Series, Topic


class BilingualSitemap(Sitemap):
    """Each page at its English and its Japanese address, each naming the others."""

    # Addresses a page (an address per language, each with three alternates: about 1 MB).
    limit = 2000
    i18n = True
    alternates = True
    x_default = True


class MeetingSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Meeting.objects.public().order_by("pk")

    def lastmod(self, meeting):
        return meeting.updated_at


class LookupSitemap(BilingualSitemap):
    """The public series, organisations, people and topics."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return [
            *Series.objects.public().order_by("pk"),
            *Organization.objects.public().order_by("pk"),
            *Person.objects.public().order_by("pk"),
            *Topic.objects.public().order_by("pk"),
        ]


class PageSitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return [
            "meetings:home",
            "meetings:meeting-list",
            "meetings:series-list",
            "meetings:participant-list",
            "meetings:person-list",
            "meetings:topic-list",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "meetings": MeetingSitemap, "records": LookupSitemap}
