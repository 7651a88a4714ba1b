from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from meetings.health import healthz
from meetings.sitemaps import SITEMAPS
from meetings.views import favicon, robots_txt


def sitemap_page(request):
    return sitemap(request, sitemaps=SITEMAPS)


# A large archive's sitemap comes in pages, ?p=2... (read by the page cache).
sitemap_page.query_parameters = ("p",)

# The admin, the API and the files for crawlers and browsers have one address each.
urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/v1/", include("meetings.api.urls")),
    path("sitemap.xml", sitemap_page, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
]
# Public pages: English at their addresses, Japanese under /ja/.
urlpatterns += i18n_patterns(path("", include("meetings.urls")), prefix_default_language=False)
