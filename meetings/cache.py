"""Caching keyed on the archive's content version: a cache for anonymous GETs of
public pages and API responses, and ``remember()`` for costly derived figures.

The middleware sits first in MIDDLEWARE, so a cached answer is returned before
sessions, authentication, URL resolution or any query. Keys carry a content
version; any change to a curated record bumps it after the transaction commits
(meetings/signals.py), so every cached page is dropped at once. Requests with a
session cookie (staff) bypass it, as do responses that set cookies or say
private/no-store.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

VERSION_KEY = "archive:content-version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): start a new series
        cache.add(VERSION_KEY, 2, timeout=None)


def remember(name, compute, *parts, timeout=600):
    """``compute()``, cached until the next change to the archive (or ``timeout``).

    For derived figures that cost a scan of large tables: facet counts, totals.
    """
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return cache.get_or_set(f"archive:{name}:{content_version()}:{digest}", compute, timeout)


def page_key(request, version):
    parts = [
        request.method,
        request.get_host(),
        request.get_full_path(),
        # What the response varies on: content negotiation (the browsable API)
        # and CORS (Access-Control-Allow-Origin echoes the Origin).
        request.META.get("HTTP_ACCEPT", ""),
        request.META.get("HTTP_ORIGIN", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"archive:page:{version}:{digest}"


def cacheable_request(request):
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def cacheable_response(response):
    control = response.get("Cache-Control", "")
    return (
        response.status_code in (200, 301, 404)
        and not response.cookies
        and not response.streaming
        and "private" not in control
        and "no-store" not in control
    )


class AnonymousCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PUBLIC_CACHE_SECONDS
        if not seconds or not cacheable_request(request):
            return self.get_response(request)
        key = page_key(request, content_version())
        response = cache.get(key)
        if response is not None:
            conditional = get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=None,
                response=response,
            )
            return conditional
        response = self.get_response(request)
        if cacheable_response(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            # A plain copy: a DRF or template response pickles its data and context too
            # (121 KB for a 30 KB API body, 10 ms a hit).
            stored = HttpResponse(
                response.content, status=response.status_code, headers=dict(response.items())
            )
            cache.set(key, stored, seconds)
        return response
