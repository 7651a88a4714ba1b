"""Behind a proxy: one setting (TRUSTED_PROXY_COUNT) decides the client's address for the
API throttle and the sign-in lockout alike; a made-up X-Forwarded-For escapes neither,
and answers from the page cache are throttled too."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from meetings.api.throttling import client_address

from .cache_servers import use_redis

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


@pytest.fixture
def api_rate(settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"},
    }
    cache.clear()


@pytest.mark.parametrize(
    "count, forwarded, expected",
    [
        (0, None, PROXY),
        (0, "203.0.113.7", PROXY),  # no trusted proxy: the header is the client's own words
        (1, None, PROXY),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the left part is made up
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (2, "203.0.113.7", "203.0.113.7"),  # reached the inner proxy directly
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "not-an-address", PROXY),
    ],
)
def test_client_address(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(RequestFactory().get("/", **headers)) == expected


def test_a_made_up_forwarded_for_does_not_escape_the_api_throttle(client, api_rate, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [
        client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_behind_a_proxy_the_throttle_counts_each_client(client, api_rate, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    statuses = [
        client.get(
            "/api/v1/topics/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7"
        ).status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    other = client.get("/api/v1/topics/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 200


def test_answers_from_the_page_cache_are_throttled(client, api_rate, settings):
    use_redis(settings, 6)
    settings.PUBLIC_CACHE_SECONDS = 300
    cache.clear()
    try:
        statuses = [client.get("/api/v1/topics/").status_code for _ in range(3)]
        refused = client.get("/api/v1/topics/", headers={"origin": "https://notebook.example"})
        # Another address is served from the cache.
        other = client.get("/api/v1/topics/", REMOTE_ADDR="203.0.113.8")
    finally:
        cache.clear()
    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Request was throttled.")
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert refused["X-Content-Type-Options"] == "nosniff"
    assert other.status_code == 200


def sign_in(client, password, forwarded):
    return client.post(
        reverse("admin:login"),
        {"username": "curator", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_a_stranger_behind_the_proxy_cannot_lock_the_curator_out(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    get_user_model().objects.create_user("curator", password="right-password", is_staff=True)
    stranger = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        # The proxy appends the address it saw; the stranger wrote the curator's before it.
        sign_in(stranger, "wrong", "203.0.113.7, 198.51.100.9")
    assert sign_in(stranger, "right-password", "203.0.113.7, 198.51.100.9").status_code == 429
    assert sign_in(Client(), "right-password", "203.0.113.7").status_code == 302
