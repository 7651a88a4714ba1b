"""The site in English and Japanese: English at today's addresses, Japanese under /ja/,
each page linking to itself in the other language; the admin in the curator's language,
the API in English at one address."""

import html
import re

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/meetings/",
    "/meetings/?year=2008&participant=asean",
    "/meetings/astop-v/",
    "/series/",
    "/series/astop/",
    "/participants/",
    "/participants/japan/",
    "/people/",
    "/people/hitoshi-kimura/",
    "/topics/",
    "/topics/pacific-shield-07/",
    "/search/?q=PSI",
]
NOT_FOUND = ["/no-such-page/", "/meetings/no-such-meeting/"]


def html_lang(page):
    return re.search(r'<html lang="([^"]*)"', page).group(1)


def switch_link(page):
    """Where the language switch in the header leads, and the language it names."""
    match = re.search(r'<p class="language-switch"><a href="([^"]*)" hreflang="([^"]*)"', page)
    return html.unescape(match.group(1)), match.group(2)


def alternates(page):
    found = re.findall(r'<link rel="alternate" hreflang="([^"]*)" href="([^"]*)">', page)
    return {language: html.unescape(address) for language, address in found}


def expected_alternates(url):
    return {
        "en": f"http://testserver{url}",
        "ja": f"http://testserver/ja{url}",
        "x-default": f"http://testserver{url}",
    }


@pytest.mark.parametrize("url", PAGES)
def test_every_public_page_is_in_english_at_its_address_and_in_japanese_under_ja(client, url):
    english = client.get(url)
    assert english.status_code == 200
    assert english["Content-Language"] == "en"
    page = english.content.decode()
    assert html_lang(page) == "en"
    assert switch_link(page) == (f"/ja{url}", "ja")
    assert alternates(page) == expected_alternates(url)

    japanese = client.get(f"/ja{url}")
    assert japanese.status_code == 200
    assert japanese["Content-Language"] == "ja"
    page = japanese.content.decode()
    assert html_lang(page) == "ja"
    assert switch_link(page) == (url, "en")
    assert alternates(page) == expected_alternates(url)
    assert "ASTOPアーカイブ" in page
    assert "Skip to content" not in page


@pytest.mark.parametrize("url", NOT_FOUND)
def test_the_page_not_found_is_in_either_language_and_links_to_the_other(client, url):
    english = client.get(url)
    assert english.status_code == 404
    page = english.content.decode()
    assert html_lang(page) == "en"
    assert "This page is not in the archive" in page
    assert switch_link(page) == (f"/ja{url}", "ja")

    japanese = client.get(f"/ja{url}")
    assert japanese.status_code == 404
    page = japanese.content.decode()
    assert html_lang(page) == "ja"
    assert "このページはアーカイブにありません" in page
    assert 'href="/ja/meetings/">会議</a>（年・参加者・テーマ別）' in page
    assert switch_link(page) == (url, "en")


def test_an_english_address_stays_english_whatever_the_browser_asks(client):
    response = client.get("/meetings/astop-v/", headers={"accept-language": "ja"})
    assert response.status_code == 200
    assert html_lang(response.content.decode()) == "en"
    # One answer for every browser: nothing for caches to keep apart.
    assert "Accept-Language" not in response.get("Vary", "")


def test_the_front_page_in_japanese(client):
    page = client.get("/ja/").content.decode()
    assert "<title>ASTOPアーカイブ</title>" in page
    assert "外交会議の記録：発表された原文と、そこから読み取れる事実</h1>" in page
    assert '<li><a href="/ja/meetings/">会議</a></li>' in page
    assert 'action="/ja/search/"' in page
    # Japanese has one form for every number; English has two.
    assert '<span class="count">1</span>件の会議</a>' in page
    assert '<span class="count">1</span> meeting</a>' in client.get("/").content.decode()


def test_the_sitemap_lists_each_page_in_both_languages_with_alternates(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    sitemap = response.content.decode()
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap
    for url in ["/", "/meetings/astop-v/", "/people/hitoshi-kimura/", "/topics/"]:
        assert f"<loc>http://testserver{url}</loc>" in sitemap
        assert f"<loc>http://testserver/ja{url}</loc>" in sitemap
        for language, address in expected_alternates(url).items():
            link = f'<xhtml:link rel="alternate" hreflang="{language}" href="{address}"/>'
            # Once under each language's <url>.
            assert sitemap.count(link) == 2, link


def test_the_admin_speaks_the_curators_language(client):
    japanese = client.get("/admin/login/", headers={"accept-language": "ja"})
    assert japanese.status_code == 200
    assert html_lang(japanese.content.decode()) == "ja"
    assert "ログイン" in japanese.content.decode()
    assert "Accept-Language" in japanese["Vary"]
    english = client.get("/admin/login/", headers={"accept-language": "en"})
    assert html_lang(english.content.decode()) == "en"
    assert "Log in" in english.content.decode()
    assert client.get("/ja/admin/login/").status_code == 404


def test_the_api_is_unchanged_at_its_one_address(client):
    english = client.get("/api/v1/meetings/astop-v/", headers={"accept": "application/json"})
    japanese = client.get(
        "/api/v1/meetings/astop-v/",
        headers={"accept": "application/json", "accept-language": "ja"},
    )
    assert english.status_code == japanese.status_code == 200
    assert english.json() == japanese.json()
    assert english.json()["html_url"] == "http://testserver/meetings/astop-v/"
    # Messages too, Django REST framework's own included (it has Japanese ones).
    for url in ["/api/v1/meetings/no-such/", "/api/v1/meetings/?page=999"]:
        missing = client.get(url, headers={"accept-language": "ja"})
        assert missing.status_code == 404
        assert missing.json() == client.get(url).json()
        assert missing.json()["detail"].isascii()
    assert client.get("/ja/api/v1/").status_code == 404
