"""/api/v1/: a page in the site's style that explains the API for browsers, the JSON
root for everyone else; the API's docs linked from every page's footer."""

import json
import re
from html import unescape

import pytest
from django.core.cache import cache

from .release import visible_text

pytestmark = pytest.mark.django_db

API = "/api/v1/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ENDPOINTS = ["meetings", "series", "organizations", "people", "topics"]


@pytest.fixture(autouse=True)
def fresh_throttle(settings):
    """An empty throttle history, and the views answering themselves (no page cache)."""
    settings.PUBLIC_CACHE_SECONDS = 0
    cache.clear()


def front_door(client):
    response = client.get(API, headers={"accept": BROWSER})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    return response.content.decode()


def test_a_browser_gets_a_page_in_the_site_style(client):
    page = front_door(client)
    assert "<title>JSON API · ASTOP archive</title>" in page
    assert '<a class="skip-link" href="#main">Skip to content</a>' in page  # base.html
    assert 'class="site-footer"' in page
    assert page.count("<h1>") == 1
    assert "<h1>The archive’s JSON API</h1>" in page


def test_the_page_lists_every_endpoint_with_a_line_each(client):
    page = front_door(client)
    endpoints = re.findall(r'<dt><a href="(/api/v1/[a-z]+/)"><code>', page)
    assert endpoints == [f"/api/v1/{name}/" for name in ENDPOINTS]
    text = visible_text(page)
    for line in [
        "/api/v1/meetings/ Published meetings",
        "/api/v1/series/ Meeting series",
        "/api/v1/organizations/ Countries, groups and international bodies",
        "/api/v1/people/ People who spoke",
        "/api/v1/topics/ Issues, instruments and initiatives",
    ]:
        assert line in text, line


def test_the_first_request_shows_the_real_answer(client):
    page = front_door(client)
    assert "curl -H 'Accept: application/json' http://testserver/api/v1/</code>" in page
    answer = re.search(r'<pre class="answer"[^>]*><code>(.*?)</code></pre>', page, re.S)
    assert json.loads(unescape(answer.group(1))) == client.get(API).json()


def test_the_page_says_how_to_page_filter_and_how_often_to_ask(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "120/minute"},
    }
    text = visible_text(front_door(client))
    assert "25 results a page (page_size up to 100)" in text
    assert "120 requests a minute from one address" in text
    for name, label in [
        ("series", "Series"),
        ("year", "Year"),
        ("participant", "Participant"),
        ("topic", "Topic"),
        ("q", "Words"),
        ("updated_since", "Updated since (ISO 8601, with a zone)"),
    ]:
        assert f"{name} {label}" in text, name


def test_the_page_links_the_schema_and_the_docs(client):
    page = front_door(client)
    assert '<a href="/api/v1/schema/">' in page
    assert '<a href="/api/v1/docs/">' in page
    assert client.get("/api/v1/schema/").status_code == 200
    assert client.get("/api/v1/docs/").status_code == 200


@pytest.mark.parametrize("accept", [None, "application/json", "*/*"])
def test_json_clients_still_get_the_json_root(client, accept):
    headers = {"accept": accept} if accept else {}
    response = client.get(API, headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {name: f"http://testserver/api/v1/{name}/" for name in ENDPOINTS}
    assert "Accept" in response["Vary"]


def test_the_page_costs_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        front_door(client)


def test_the_page_cache_keeps_the_page_and_the_json_apart(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 300
    front_door(client)
    assert client.get(API, headers={"accept": "application/json"}).json()["meetings"]
    assert "<h1>The archive’s JSON API</h1>" in front_door(client)


def test_every_page_footer_links_the_api_and_its_docs(client):
    page = client.get("/").content.decode()
    footer = page[page.index('class="site-footer"') :]
    assert '<a href="/api/v1/">JSON API</a>' in footer
    assert '<a href="/api/v1/docs/">API documentation</a>' in footer
