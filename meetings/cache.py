"""Caching keyed on versions of what a page shows: a cache for anonymous GETs of public
pages and API responses, ``remember()`` for costly derived figures, and the Redis
backend that lets the site run on without Redis.

The page cache sits after the middleware that adds the headers every answer carries
(HSTS, CSP, Permissions-Policy, CORS...), so a cached answer gets them exactly as a
fresh one does, and before sessions, authentication, URL resolution and any query.

Every page names the records it shows by tags, which are also its ``Surrogate-Key``
header, so a CDN in front can keep and purge pages the same way: "meeting-astop-v" for
a meeting's page and its API detail (likewise "series-", "org-", "person-", "topic-"),
"lists" for every other page (lists, home, search, feed, sitemap), and "archive" for all
of them. A view may name more by setting ``response["Surrogate-Key"]`` itself. Each tag
has a version in the cache; a page is stored with the versions of its tags, and a saved
record bumps the versions of the pages that show it after the transaction commits
(meetings/signals.py). Pages that do not show it stay cached. A page whose version has
moved is rebuilt by one request (a short lock taken with cache.add) while the others get
the previous copy.

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
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    get_max_age,
    patch_cache_control,
)
from redis.exceptions import RedisError

from .api.throttling import refuse_if_throttled

logger = logging.getLogger(__name__)

EVERYTHING = "archive"  # every page carries it: bumping it expires them all
LISTS = "lists"  # every page that is not one record's
# The record a page's address names: URL name -> tag prefix (pages and the API alike).
RECORD_PAGES = {
    "meeting-detail": "meeting",
    "meeting-citation": "meeting",
    "meeting-changes": "meeting",
    "source-text": "meeting",
    "series-detail": "series",
    "participant-detail": "org",
    "organization-detail": "org",
    "person-detail": "person",
    "topic-detail": "topic",
}
# While one request rebuilds a stale page the others get the previous copy, this long at
# most (a rebuild that failed lets the next request try after it).
REBUILD_SECONDS = 30
# What a stored response may vary on: Accept is part of every key, and cached answers
# are for requests without a Cookie.
VARIES_ON = {"accept", "cookie"}

# Tags bumped while the cache did not answer: bumped again when it answers, or pages
# cached before the outage would outlive the change.
missed_bumps = set()


def new_version():
    """A version never used before, even if a tag was evicted (Redis under maxmemory)
    while pages stored under earlier versions are still there: the time in microseconds."""
    return time.time_ns() // 1000


def tag_key(tag):
    return f"archive:tag:{tag}"


def tag_versions(tags):
    """{tag: version}. A tag without one (new, or evicted) gets minus the time: a version
    never used before, and older than any bump (see AnonymousCacheMiddleware)."""
    if missed_bumps:
        bump_tags(missed_bumps.copy())
    keys = {tag_key(tag): tag for tag in tags}
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, -new_version(), timeout=None)
    if missing:
        found.update(cache.get_many(missing))
    return {tag: found.get(key, 0) for key, tag in keys.items()}


def bump_tags(tags):
    """Expire every page and remembered figure that carries one of ``tags``."""
    tags = set(tags)
    version = new_version()
    failed = cache.set_many({tag_key(tag): version for tag in tags}, timeout=None)
    if failed:
        missed_bumps.update(tags)
    else:
        missed_bumps.difference_update(tags)


def content_version():
    """The version of everything: a part of every key."""
    return tag_versions([EVERYTHING])[EVERYTHING]


def bump_content_version():
    """Expire every page and remembered figure (bulk loads that send no signals)."""
    bump_tags([EVERYTHING])


def remember(name, compute, *parts, tags=(LISTS,), timeout=600):
    """``compute()``, cached until a change to what ``tags`` name (or ``timeout``).

    For derived figures that cost a scan of large tables: facet counts, totals; and a
    meeting's rendered record (tagged with the meeting's tag).
    """
    versions = sorted(tag_versions([EVERYTHING, *tags]).items())
    digest = hashlib.sha256(repr((parts, versions)).encode()).hexdigest()[:32]
    return cache.get_or_set(f"archive:{name}:{digest}", compute, timeout)


# The page cache ------------------------------------------------------------------------


def page_key(request):
    parts = [
        request.method,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        request.META.get("HTTP_ACCEPT", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"archive:page:{digest}"


def page_tags(request, response):
    """The tags of an answer: its address's record (or "lists"), what the view named."""
    tags = {EVERYTHING, *response.get("Surrogate-Key", "").split()}
    match = request.resolver_match
    prefix = RECORD_PAGES.get(match.url_name) if match else None
    if prefix and "slug" in match.kwargs:
        tags.add(f"{prefix}-{match.kwargs['slug'].lower()}")
    else:
        tags.add(LISTS)
    return sorted(tags)


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
        key = page_key(request)
        stored = cache.get(key)  # (response, {tag: version})
        if stored is not None:
            response, versions = stored
            if tag_versions(versions) == versions or not cache.add(
                f"{key}:rebuilding", 1, REBUILD_SECONDS
            ):
                return cached_answer(request, response)  # fresh, or another request rebuilds
        started = new_version()
        try:
            return self.answer_and_store(request, key, seconds, started)
        finally:
            if stored is not None:
                cache.delete(f"{key}:rebuilding")

    def answer_and_store(self, request, key, seconds, started):
        response = self.get_response(request)
        # A page that says how long it stays right (a citation's access date: until
        # midnight) is kept no longer than that.
        max_age = get_max_age(response)
        if max_age is not None:
            seconds = min(seconds, max_age)
        if not (seconds > 0 and cacheable_response(response) and canonical_url(request)):
            cache.delete(key)  # no longer a page to keep (unpublished, moved...)
            return response
        tags = page_tags(request, response)
        response["Surrogate-Key"] = " ".join(tags)
        patch_cache_control(response, public=True, s_maxage=seconds)
        # Versions read after rendering: one that moved while the page was rendered (a
        # save committed meanwhile) may not be in it, and the page is not stored.
        versions = tag_versions(tags)
        if max(versions.values()) < started:
            cache.set(key, (stored_copy(response), versions), seconds)
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
