"""Redis refusing connections, or accepting them and never answering: every page is
served uncached and quickly, the outage is logged once, /healthz answers 503 naming
the cache, and an admin save that succeeded says so."""

import logging
import time
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.urls import reverse

from astop_site.settings import redis_cache
from meetings import cache as page_cache
from meetings.models import Topic

from .cache_servers import SilentServer, closed_port, use_redis

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/meetings/",
    "/meetings/astop-v/",
    "/search/?q=PSI",
    "/topics/",
    "/api/v1/meetings/",
    "/api/v1/meetings/astop-v/",
    "/static/meetings/site.css",
    "/admin/login/",
    "/robots.txt",
]


@pytest.fixture(params=["refused", "hung"])
def broken_redis(request, settings):
    """The site's Redis backend, its page cache on, and a Redis that is down or hung."""
    server = SilentServer() if request.param == "hung" else None
    port = server.port if server else closed_port()
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{port}/0")}
    settings.PUBLIC_CACHE_SECONDS = 300
    yield server
    if server:
        server.stop()


def test_every_page_is_served_uncached_and_the_outage_logged_once(client, broken_redis, caplog):
    slowest = 0.0
    with caplog.at_level(logging.WARNING, logger="meetings.cache"):
        for _ in range(3):
            for url in PAGES:
                started = time.monotonic()
                response = client.get(url)
                slowest = max(slowest, time.monotonic() - started)
                assert response.status_code == 200, url
    assert b"ASTOP-V" in client.get("/meetings/astop-v/").content
    # One socket timeout (0.5 s) at most, then the cache is skipped: no request waits.
    assert slowest < 3
    if broken_redis:
        assert len(broken_redis.connections) == 1
    logged = [record for record in caplog.records if record.name == "meetings.cache"]
    assert len(logged) == 1
    assert "unreachable" in logged[0].getMessage()
    assert "serving pages uncached" in logged[0].getMessage()


def test_healthz_answers_503_naming_the_cache(client, broken_redis):
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 3
    assert response.status_code == 503
    error = "TimeoutError" if broken_redis else "ConnectionError"
    assert response.json() == {
        "status": "error",
        "checks": {"database": "ok", "cache": f"error: {error}"},
    }


class FormFields(HTMLParser):
    """The values a browser would submit with the page's main form (its "Save" button)."""

    def __init__(self):
        super().__init__()
        self.data, self.textarea, self.select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind == "submit" and name != "_save":
                return
            self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.data.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            self.data.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select":
            self.select = None


def test_an_admin_save_succeeds_and_says_so(
    admin_client, broken_redis, django_capture_on_commit_callbacks
):
    topic = Topic.objects.get(slug="3s")
    url = reverse("admin:meetings_topic_change", args=[topic.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    form = FormFields()
    form.feed(page.content.decode())
    data = {}
    for name, value in form.data:
        data.setdefault(name, []).append(value)
    data["description"] = ["Safeguards, security and safety."]
    # The commit runs the callbacks, the cache's content-version bump among them.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(url, data, follow=True)
    assert callbacks
    assert response.status_code == 200
    assert "was changed successfully" in response.content.decode()
    topic.refresh_from_db()
    assert topic.description == "Safeguards, security and safety."


def test_a_change_saved_during_an_outage_expires_the_pages_cached_before_it(settings):
    """Redis back with the pages it held: the change's missed bump is made first."""
    redis_db = use_redis(settings, 5)
    cache.clear()
    before = page_cache.content_version()
    working = settings.CACHES
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{closed_port()}/0")}
    page_cache.bump_content_version()
    assert page_cache.missed_bumps == {page_cache.EVERYTHING}
    settings.CACHES = working
    after = page_cache.content_version()
    assert after > before
    assert page_cache.content_version() == after  # bumped once, when Redis answered
    assert not page_cache.missed_bumps
    redis_db.flushdb()
