import os

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

urlpatterns = [
    path(os.environ.get("DJANGO_ADMIN_URL", "admin/"), admin.site.urls),
    path("api/v1/", include("meetings.api.urls")),
    path("sitemap.xml", sitemap_page, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("", include("meetings.urls")),
]
