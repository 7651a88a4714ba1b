"""Serving concerns: security headers, the anonymous page cache, conditional GETs, /healthz."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings

from astop_site.settings import redis_cache
from meetings.models import Meeting

from .cache_servers import closed_port, use_redis

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@pytest.mark.parametrize("url", ["/", "/meetings/astop-v/", "/search/?q=PSI", "/healthz"])
def test_security_headers_on_every_response(client, url):
    response = client.get(url)
    for header, value in SECURITY_HEADERS.items():
        assert response[header] == value
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "geolocation=()" in response["Permissions-Policy"]


def test_hsts_over_https(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Strict-Transport-Security" not in client.get("/")


def test_cookies_are_secure_and_http_only(client):
    response = client.get("/admin/login/", secure=True)
    cookie = response.cookies["csrftoken"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    from django.conf import settings

    assert settings.SESSION_COOKIE_SECURE and settings.SESSION_COOKIE_HTTPONLY


def test_templates_have_no_inline_scripts_or_styles():
    """The policy forbids them: a template with one would break in the browser."""
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert "<style" not in text, template
        assert not re.search(r"\sstyle=", text), template
        for tag in re.findall(r"<script[^>]*>", text):
            assert "src=" in tag or "application/ld+json" in tag, (template, tag)


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert response["Cache-Control"] == "no-store"


def test_healthz_answers_plain_http_health_checks(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/robots.txt").status_code == 301


def test_healthz_is_503_when_the_cache_is_unreachable(client):
    # The site's Redis backend pointed at a port where nothing listens.
    dead = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")
    with override_settings(CACHES={"default": dead}):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "error: ConnectionError"}


def test_public_pages_answer_conditional_gets(client):
    response = client.get("/meetings/astop-v/")
    assert response["ETag"]
    assert client.get("/meetings/astop-v/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    # The page's citations carry today's access date: a date-based 304 would bring back
    # yesterday's copy, so the page gives no Last-Modified and a full answer to one.
    assert not response.has_header("Last-Modified")
    since = client.get("/meetings/astop-v/", HTTP_IF_MODIFIED_SINCE="Fri, 27 Nov 2026 00:00:00 GMT")
    assert since.status_code == 200
    listing = client.get("/meetings/")
    assert client.get("/meetings/", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304


# The anonymous page cache -------------------------------------------------------------


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 300
    cache.clear()
    yield cache
    cache.clear()


def check_cache_behaviour(client, admin_client, django_assert_num_queries, capture):
    first = client.get("/meetings/astop-v/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get("/meetings/astop-v/")
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    with django_assert_num_queries(0):
        assert client.get("/meetings/astop-v/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    # A change anywhere in the archive empties the cache as soon as it commits.
    with capture(execute=True):
        meeting = Meeting.objects.get(slug="astop-v")
        meeting.summary = "A corrected summary."
        meeting.save()
    assert b"A corrected summary." in client.get("/meetings/astop-v/").content

    # Staff (a session cookie) are never served from, nor stored in, the cache.
    with capture(execute=True):
        Meeting.objects.filter(slug="astop-v").update(title="Changed quietly")
    staff_page = admin_client.get("/meetings/astop-v/")
    assert b"Changed quietly" in staff_page.content


def test_anonymous_pages_are_cached_and_invalidated(
    client, admin_client, page_cache, django_assert_num_queries, django_capture_on_commit_callbacks
):
    check_cache_behaviour(
        client, admin_client, django_assert_num_queries, django_capture_on_commit_callbacks
    )


def test_cached_api_answers_keep_their_cors_headers(client, page_cache):
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/meetings/")
    response = client.get("/api/v1/meetings/", HTTP_ORIGIN="https://notebook.example")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_cache_works_on_redis(
    client, admin_client, settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    use_redis(settings, 4)
    settings.PUBLIC_CACHE_SECONDS = 300
    cache.clear()
    try:
        check_cache_behaviour(
            client, admin_client, django_assert_num_queries, django_capture_on_commit_callbacks
        )
    finally:
        cache.clear()
