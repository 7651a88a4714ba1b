from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path

from meetings.health import healthz
from meetings.sitemaps import SITEMAPS
from meetings.views import favicon, robots_txt


def sitemap_index(request):
    return index(request, sitemaps=SITEMAPS, sitemap_url_name="sitemap-section")


def sitemap_section(request, section):
    return sitemap(request, sitemaps=SITEMAPS, section=section)


# A large section comes in pages, ?p=2..., each listed in the index (read by the page cache).
sitemap_section.query_parameters = ("p",)

# The admin, the API and the files for crawlers and browsers have one address each.
urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/v1/", include("meetings.api.urls")),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap-section"),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
]
# Public pages: English at their addresses, Japanese under /ja/.
urlpatterns += i18n_patterns(path("", include("meetings.urls")), prefix_default_language=False)
