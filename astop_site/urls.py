import os

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(os.environ.get("DJANGO_ADMIN_URL", "admin/"), admin.site.urls),
    path("api/v1/", include("meetings.api.urls")),
    path("", include("meetings.urls")),
]
