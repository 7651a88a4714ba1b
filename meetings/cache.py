"""Caching keyed on the archive's content version: a cache for anonymous GETs of
public pages and API responses, ``remember()`` for costly derived figures, and the
Redis backend that lets the site run on without Redis.

The page cache sits after the middleware that adds the headers every answer carries
(HSTS, CSP, Permissions-Policy, CORS...), so a cached answer gets them exactly as a
fresh one does, and before sessions, authentication, URL resolution and any query.
Keys carry a content version; any change to a curated record bumps it after the
transaction commits (meetings/signals.py), so every cached page is dropped at once.

Only what every visitor would get is kept: answers to cookieless GETs (a page may
embed a CSRF token taken from a cookie), 200s that set no cookie and are not
private, at canonical URLs (each query parameter one the view declares, once, in
its one spelling: junk query strings would fill the cache). A page's language is
its address's (English, or Japanese under /ja/: astop_site/languages.py), so the
path in the key keeps the languages apart; an answer whose language came from the
request's Accept-Language (the admin's) says so in its Vary and is not kept.
"""

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response, get_max_age
from redis.exceptions import RedisError

from .api.throttling import refuse_if_throttled

logger = logging.getLogger(__name__)

VERSION_KEY = "archive:content-version"
# What a stored response may vary on: Accept is part of every key, and cached answers
# are for requests without a Cookie.
VARIES_ON = {"accept", "cookie"}


# A change saved while the cache did not answer: its bump is made when it answers again,
# or pages cached before the outage would outlive the change.
missed_bump = False


def new_version():
    """A version never used before, even if the key was evicted (Redis under maxmemory)
    while pages stored under earlier versions are still there: the time in microseconds."""
    return time.time_ns() // 1000


def content_version():
    if missed_bump:
        bump_content_version()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, new_version(), timeout=None)
        version = cache.get(VERSION_KEY, 0)
    return version


def bump_content_version():
    global missed_bump
    try:
        missed_bump = cache.incr(VERSION_KEY) is None  # None: the cache did not answer
    except ValueError:  # not set yet (or evicted): start a new series
        cache.add(VERSION_KEY, new_version(), timeout=None)
        missed_bump = False


def remember(name, compute, *parts, timeout=600):
    """``compute()``, cached until the next change to the archive (or ``timeout``).

    For derived figures that cost a scan of large tables: facet counts, totals.
    """
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return cache.get_or_set(f"archive:{name}:{content_version()}:{digest}", compute, timeout)


# The page cache ------------------------------------------------------------------------


def page_key(request, version):
    parts = [
        request.method,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        request.META.get("HTTP_ACCEPT", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"archive:page:{version}:{digest}"


def cacheable_request(request):
    return request.method in ("GET", "HEAD") and not request.META.get("HTTP_COOKIE")


def cacheable_response(response):
    control = response.get("Cache-Control", "")
    varies_on = {name.lower() for name in cc_delim_re.split(response.get("Vary", "")) if name}
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and "private" not in control
        and "no-store" not in control
        and varies_on <= VARIES_ON
    )


def declared_parameters(request):
    """The query parameters the view that answered declares it reads (``query_parameters``)."""
    match = request.resolver_match
    if match is None:
        return ()
    view = getattr(match.func, "view_class", None) or getattr(match.func, "cls", match.func)
    return getattr(view, "query_parameters", ())


def canonical_url(request):
    known = declared_parameters(request)
    return request.META.get("QUERY_STRING", "") == request.GET.urlencode() and all(
        name in known and len(values) == 1 for name, values in request.GET.lists()
    )


def stored_copy(response):
    """A plain copy: a DRF or template response pickles its data and context too
    (121 KB for a 30 KB API body, 10 ms a hit). It keeps the API view's throttles,
    which a cached answer must pass as well."""
    stored = HttpResponse(
        response.content, status=response.status_code, headers=dict(response.items())
    )
    view = getattr(response, "renderer_context", {}).get("view")
    stored.throttle_classes = tuple(view.throttle_classes) if view is not None else ()
    return stored


def cached_answer(request, stored):
    refusal = refuse_if_throttled(request, stored.throttle_classes)
    if refusal is not None:
        return refusal
    return get_conditional_response(
        request, etag=stored.get("ETag"), last_modified=None, response=stored
    )


class AnonymousCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PUBLIC_CACHE_SECONDS
        if not seconds or not cacheable_request(request):
            return self.get_response(request)
        key = page_key(request, content_version())
        stored = cache.get(key)
        if stored is not None:
            return cached_answer(request, stored)
        response = self.get_response(request)
        # A page that says how long it stays right (a citation's access date: until
        # midnight) is kept no longer than that.
        max_age = get_max_age(response)
        if max_age is not None:
            seconds = min(seconds, max_age)
        if seconds > 0 and cacheable_response(response) and canonical_url(request):
            cache.set(key, stored_copy(response), seconds)
        return response


# Running on without Redis --------------------------------------------------------------


class Outage:
    """One Redis server's state in this process: when it failed, when to try it again."""

    def __init__(self):
        self.since = None
        self.retry_at = 0.0

    def skip(self):
        return self.since is not None and time.monotonic() < self.retry_at

    def failed(self, location, error, retry_seconds):
        now = time.monotonic()
        if self.since is None:
            self.since = now
            logger.error(
                "Cache %s unreachable (%s: %s): serving pages uncached, retrying every %d s.",
                location, error.__class__.__name__, error, retry_seconds,
            )  # fmt: skip
        self.retry_at = now + retry_seconds

    def ended(self, location):
        if self.since is not None:
            logger.warning(
                "Cache %s answers again after %.0f s.", location, time.monotonic() - self.since
            )
            self.since = None


OUTAGES = {}  # location -> Outage; shared by the threads of a process


class ReusingRedisClient(RedisCacheClient):
    """Django's client makes a redis.Redis for every call, which costs redis-py 6 about
    100 us (its table of reply parsers); one per server does (it is thread-safe)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache, answering as an empty cache while Redis does not answer.

    Reads miss and writes do nothing, so pages are served uncached. After a failure
    the cache is skipped for ``retry_seconds`` (no request waits for a dead server),
    then tried again. An outage is logged once when it starts and once when it ends.
    Short socket timeouts (settings.redis_cache) bound the wait for a hung server.
    ``strict`` is the plain backend, whose errors are raised (for /healthz).
    """

    retry_seconds = 10

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisClient

    @property
    def location(self):
        """The server's address without its password, for the log."""
        return re.sub(r"//[^@/]*@", "//", self._servers[0])

    @property
    def outage(self):
        return OUTAGES.setdefault(self.location, Outage())

    @property
    def strict(self):
        return super()

    def _try(self, call, default, *args):
        outage = self.outage
        if outage.skip():
            return default
        try:
            result = call(*args)
        except RedisError as error:
            outage.failed(self.location, error, self.retry_seconds)
            return default
        outage.ended(self.location)
        return result

    def get(self, key, default=None, version=None):
        return self._try(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._try(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._try(super().has_key, False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().add, False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._try(super().set, None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().set_many, list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().touch, False, key, timeout, version)

    def incr(self, key, delta=1, version=None):
        return self._try(super().incr, None, key, delta, version)

    def delete(self, key, version=None):
        return self._try(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        self._try(super().delete_many, None, keys, version)

    def clear(self):
        return self._try(super().clear, False)
