"""/healthz: is the database (and the cache, when one is configured) answering?"""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse


def healthz(request):
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as error:  # any failure means unhealthy, with its message
        checks["database"] = f"error: {error.__class__.__name__}"
    try:
        cache.set("archive:healthz", "ok", 5)
        checks["cache"] = "ok" if cache.get("archive:healthz") == "ok" else "error: no round trip"
    except Exception as error:
        checks["cache"] = f"error: {error.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    response = JsonResponse({"status": "ok" if healthy else "error", "checks": checks})
    response.status_code = 200 if healthy else 503
    response["Cache-Control"] = "no-store"
    return response
