"""/healthz: is the database (and the cache, when one is configured) answering?"""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    # The site's Redis backend hides errors from pages (meetings.cache); its strict
    # self raises them. The wait is bounded by the backend's socket timeouts.
    backend = getattr(cache, "strict", cache)
    backend.set("archive:healthz", "ok", 5)
    if backend.get("archive:healthz") != "ok":
        raise LookupError("no round trip")


def healthz(request):
    checks = {}
    for name, check in [("database", check_database), ("cache", check_cache)]:
        try:
            check()
            checks[name] = "ok"
        except Exception as error:  # any failure means unhealthy, named by its class
            checks[name] = f"error: {error.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    response = JsonResponse({"status": "ok" if healthy else "error", "checks": checks})
    response.status_code = 200 if healthy else 503
    response["Cache-Control"] = "no-store"
    return response
