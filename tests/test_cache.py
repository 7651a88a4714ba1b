"""The anonymous page cache: one entry per variant a response has, the same headers on a
cached answer as on a fresh one, and only canonical URLs kept (junk query strings are not)."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import path
from django.views import View

from astop_site import urls as site_urls
from meetings.cache import REBUILD_SECONDS, page_key, tag_versions
from meetings.models import Meeting

from .cache_servers import use_redis

pytestmark = pytest.mark.django_db

REDIS_INDEX = 3
SECURITY_HEADERS = [
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "Permissions-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
]


@pytest.fixture
def redis_db(settings):
    """The page cache on, in Redis database 3 (emptied before and after)."""
    database = use_redis(settings, REDIS_INDEX)
    settings.PUBLIC_CACHE_SECONDS = 300
    cache.clear()
    yield database
    cache.clear()


def stored_pages(redis_db):
    return len(redis_db.keys("*archive:page:*"))


def test_a_plain_http_redirect_is_never_served_over_https(client, redis_db, settings):
    settings.SECURE_SSL_REDIRECT = True
    for _ in range(2):
        response = client.get("/meetings/astop-v/")
        assert response.status_code == 301
        assert response["Location"] == "https://testserver/meetings/astop-v/"
    for _ in range(2):
        response = client.get("/meetings/astop-v/", secure=True)
        assert response.status_code == 200
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_https_and_plain_http_answers_are_kept_apart(client, redis_db):
    """Without the redirect (a local run), HSTS belongs to HTTPS answers only."""
    assert "Strict-Transport-Security" not in client.get("/meetings/astop-v/")
    for _ in range(2):
        response = client.get("/meetings/astop-v/", secure=True)
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Strict-Transport-Security" not in client.get("/meetings/astop-v/")
    assert stored_pages(redis_db) == 2


@pytest.mark.parametrize("url", ["/meetings/astop-v/", "/api/v1/meetings/astop-v/"])
def test_a_cached_answer_has_the_headers_of_a_fresh_one(
    client, redis_db, django_assert_num_queries, url
):
    fresh = client.get(url, secure=True)
    with django_assert_num_queries(0):
        cached = client.get(url, secure=True)
    assert cached.content == fresh.content
    for header in SECURITY_HEADERS:
        assert cached[header] == fresh[header], header
    for header in ["Content-Type", "ETag", "Cache-Control", "Vary"]:
        assert cached.get(header) == fresh.get(header), header


def test_cors_headers_are_added_to_cached_api_answers(client, redis_db, django_assert_num_queries):
    """CORS depends on the request's Origin only: one stored answer serves every origin."""
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/meetings/")
    with django_assert_num_queries(0):
        response = client.get("/api/v1/meetings/", headers={"origin": "https://notebook.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/meetings/")


def test_answers_are_kept_apart_by_host_and_accept(client, redis_db):
    json = client.get("/api/v1/meetings/astop-v/", headers={"accept": "application/json"})
    assert json["Content-Type"] == "application/json"
    browsable = client.get("/api/v1/meetings/astop-v/", headers={"accept": "text/html"})
    assert browsable["Content-Type"].startswith("text/html")
    client.get("/meetings/astop-v/")
    other_host = client.get("/meetings/astop-v/", HTTP_HOST="localhost")
    assert b"http://localhost/meetings/astop-v/" in other_host.content


def test_english_and_japanese_pages_are_stored_apart(client, redis_db, django_assert_num_queries):
    """An address says its language (English, or Japanese under /ja/) whatever the browser
    asks: each page is stored once and serves every browser in its own language."""
    english = client.get("/meetings/astop-v/", headers={"accept-language": "ja"})
    japanese = client.get("/ja/meetings/astop-v/", headers={"accept-language": "en"})
    assert b'<html lang="en">' in english.content
    assert b'<html lang="ja">' in japanese.content
    assert stored_pages(redis_db) == 2
    with django_assert_num_queries(0):
        for accept_language in ["en", "ja", "ja,en;q=0.8"]:
            headers = {"accept-language": accept_language}
            assert client.get("/meetings/astop-v/", headers=headers).content == english.content
            assert client.get("/ja/meetings/astop-v/", headers=headers).content == japanese.content
    assert stored_pages(redis_db) == 2


def test_visitors_with_cookies_get_fresh_answers(client, redis_db, django_assert_num_queries):
    """A page may embed something from a cookie (a CSRF token): only cookieless visits share."""
    client.get("/meetings/astop-v/")
    client.cookies["csrftoken"] = "a" * 32
    with django_assert_num_queries(1, exact=False):
        assert client.get("/meetings/astop-v/").status_code == 200
    assert stored_pages(redis_db) == 1


# Canonical URLs only --------------------------------------------------------------------


class Echo(View):
    """A page that reads one query parameter, and says so."""

    query_parameters = ("q",)

    def get(self, request):
        return HttpResponse(f"q={request.GET.get('q', '')}")


class ShortLived(View):
    """A page right only for the number of seconds ?seconds= says (like today's date)."""

    query_parameters = ("seconds",)

    def get(self, request):
        response = HttpResponse("short-lived")
        response["Cache-Control"] = f"max-age={int(request.GET['seconds'])}"
        return response


urlpatterns = [
    path("echo/", Echo.as_view()),
    path("short-lived/", ShortLived.as_view()),
    # The site's own patterns, not include(): i18n_patterns must stay at the root.
    *site_urls.urlpatterns,
]


@pytest.mark.urls(__name__)
def test_a_page_is_kept_no_longer_than_its_max_age(client, redis_db):
    client.get("/short-lived/?seconds=0")
    assert stored_pages(redis_db) == 0
    client.get("/short-lived/?seconds=42")
    (key,) = redis_db.keys("*archive:page:*")
    assert 0 < redis_db.ttl(key) <= 42
    client.get("/short-lived/?seconds=86400")
    assert max(redis_db.ttl(key) for key in redis_db.keys("*archive:page:*")) <= 300


def test_junk_query_strings_are_not_stored(client, redis_db, django_assert_num_queries):
    for number in range(50):
        assert client.get(f"/meetings/astop-v/?utm_source={number}").status_code == 200
        assert client.get(f"/robots.txt?x={number}").status_code == 200
        assert client.get(f"/api/v1/meetings/?junk={number}").status_code == 400
    assert stored_pages(redis_db) == 0
    client.get("/meetings/astop-v/")
    with django_assert_num_queries(0):
        assert client.get("/meetings/astop-v/").status_code == 200
    assert stored_pages(redis_db) == 1


def test_sitemap_pages_are_stored(client, redis_db, django_assert_num_queries):
    assert client.get("/sitemap-meetings.xml?p=1").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/sitemap-meetings.xml?p=1").status_code == 200
    client.get("/sitemap-meetings.xml?page=1")
    assert stored_pages(redis_db) == 1


def test_missing_pages_are_not_stored(client, redis_db):
    for number in range(20):
        assert client.get(f"/meetings/no-such-meeting-{number}/").status_code == 404
    assert stored_pages(redis_db) == 0


@pytest.mark.urls(__name__)
def test_only_the_parameters_a_view_declares_are_stored_once_each(client, redis_db):
    canonical = ["/echo/", "/echo/?q=PSI", "/echo/?q=", "/echo/?q=nuclear+renaissance"]
    for url in canonical:
        client.get(url)
    assert stored_pages(redis_db) == len(canonical)
    not_canonical = ["/echo/?x=1", "/echo/?q=a&q=b", "/echo/?q=%50SI", "/echo/?q=PSI&", "/echo/?"]
    for url in not_canonical:
        assert client.get(url).status_code == 200
    assert stored_pages(redis_db) == len(canonical)


def test_an_evicted_version_never_brings_back_older_pages(client, redis_db):
    """Under maxmemory Redis may evict a tag's version and keep pages stored under it."""
    assert b"Changed quietly" not in client.get("/meetings/astop-v/").content
    Meeting.objects.filter(slug="astop-v").update(title="Changed quietly")  # no signal
    redis_db.delete(*redis_db.keys("*archive:tag:meeting-astop-v"))
    assert b"Changed quietly" in client.get("/meetings/astop-v/").content


@pytest.mark.parametrize(
    "url",
    [
        "/meetings/?year=2008",
        "/meetings/?participant=asean&page=1",
        "/search/?q=PSI",
        "/meetings/astop-v/cite.bib?paragraph=3",
        "/api/v1/meetings/?year=2008&page_size=5",
        "/api/v1/topics/?page=1",
    ],
)
def test_filtered_lists_and_searches_are_kept(client, redis_db, url, django_assert_num_queries):
    """The views name the parameters they read, so their filtered answers are stored and
    a second request makes no query."""
    assert client.get(url).status_code == 200
    assert stored_pages(redis_db) == 1
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


# Versions per record: a save expires the pages that show what it changed ---------------


@pytest.fixture
def other_meeting(db):
    """A published meeting of another series, sharing no participant with ASTOP-V."""
    from meetings.models import Organization, Series

    from .builders import make_meeting

    series = Series.objects.create(
        name="Other talks",
        short_name="OT",
        slug="other-talks",
        organiser=Organization.objects.get(slug="mofa-japan"),
    )
    return make_meeting(slug="other-talks-i", ordinal=1, series=series)


def stored_entry(url):
    """The page cache's entry for an anonymous GET of ``url``: (response, versions)."""
    return cache.get(page_key(RequestFactory().get(url)))


def is_fresh(entry):
    _response, versions = entry
    return tag_versions(versions) == versions


def test_a_save_expires_the_pages_that_show_the_record_only(
    client, redis_db, other_meeting, django_capture_on_commit_callbacks, django_assert_num_queries
):
    pages = {
        "astop": "/meetings/astop-v/",
        "astop api": "/api/v1/meetings/astop-v/",
        "china": "/participants/china/",
        "list": "/meetings/",
        "other": "/meetings/other-talks-i/",
        "other api": "/api/v1/meetings/other-talks-i/",
        "other series": "/series/other-talks/",
    }
    for url in pages.values():
        assert client.get(url).status_code == 200
    entries = {name: stored_entry(url) for name, url in pages.items()}
    assert all(is_fresh(entry) for entry in entries.values())

    with django_capture_on_commit_callbacks(execute=True):
        astop = Meeting.objects.get(slug="astop-v")
        astop.title = "Fifth Asian Senior-level Talks (retitled)"
        astop.save()

    expired = {name for name, entry in entries.items() if not is_fresh(entry)}
    assert expired == {"astop", "astop api", "china", "list"}
    with django_assert_num_queries(0):
        for name in ["other", "other api", "other series"]:
            assert client.get(pages[name]).content == entries[name][0].content
    assert "(retitled)" in client.get("/meetings/astop-v/").content.decode()
    assert is_fresh(stored_entry("/meetings/astop-v/"))


def test_renaming_an_organisation_expires_the_meetings_that_name_it(
    client, redis_db, other_meeting, django_capture_on_commit_callbacks
):
    from meetings.models import Organization

    for url in ["/meetings/astop-v/", "/meetings/other-talks-i/"]:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        china = Organization.objects.get(slug="china")
        china.name = "China (renamed)"
        china.save()
    assert not is_fresh(stored_entry("/meetings/astop-v/"))
    assert is_fresh(stored_entry("/meetings/other-talks-i/"))
    assert "China (renamed)" in client.get("/meetings/astop-v/").content.decode()


def test_a_stale_page_is_rebuilt_by_one_request_while_the_others_get_the_old_copy(
    client, redis_db, django_capture_on_commit_callbacks, django_assert_num_queries
):
    url = "/meetings/astop-v/"
    old = client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        astop = Meeting.objects.get(slug="astop-v")
        astop.title = "Retitled quietly"
        astop.save()
    key = page_key(RequestFactory().get(url))
    # Another request is rebuilding (it holds the lock): this one gets the old copy.
    assert cache.add(f"{key}:rebuilding", 1, REBUILD_SECONDS)
    with django_assert_num_queries(0):
        assert client.get(url).content == old
    cache.delete(f"{key}:rebuilding")
    # The lock is free: this request rebuilds, stores the new page and frees the lock.
    fresh = client.get(url).content
    assert b"Retitled quietly" in fresh
    assert cache.get(f"{key}:rebuilding") is None
    with django_assert_num_queries(0):
        assert client.get(url).content == fresh


@pytest.mark.parametrize(
    ("url", "keys"),
    [
        ("/meetings/astop-v/", "archive meeting-astop-v"),
        ("/api/v1/meetings/astop-v/", "archive meeting-astop-v"),
        ("/series/astop/", "archive series-astop"),
        ("/participants/asean/", "archive org-asean"),
        ("/people/hitoshi-kimura/", "archive person-hitoshi-kimura"),
        ("/meetings/", "archive lists"),
        ("/feeds/meetings.atom", "archive lists"),
        ("/api/v1/meetings/?year=2008", "archive lists"),
    ],
)
def test_public_answers_say_how_a_cdn_may_keep_and_purge_them(client, redis_db, url, keys):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Surrogate-Key"] == keys
    control = response["Cache-Control"]
    assert "public" in control
    s_maxage = int(control.split("s-maxage=")[1].split(",")[0])
    assert 0 < s_maxage <= 300
    cached = client.get(url)
    assert cached["Surrogate-Key"] == keys
    assert cached["Cache-Control"] == control


def test_answers_for_one_visitor_carry_no_surrogate_key(client, redis_db):
    client.cookies["csrftoken"] = "a" * 32
    assert "Surrogate-Key" not in client.get("/meetings/astop-v/")
