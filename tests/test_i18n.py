"""The site in English and Japanese: English at today's addresses, Japanese under /ja/,
each page linking to itself in the other language; the admin in the curator's language,
the API in English at one address."""

import datetime
import html
import re
from gettext import GNUTranslations
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from meetings.models import Meeting, SourceDocument
from meetings.templatetags.japanese_dates import japanese_era

from .builders import add_source
from .release import visible_text

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
    sitemap = ""
    for section in ["pages", "meetings", "records"]:
        response = client.get(f"/sitemap-{section}.xml")
        assert response.status_code == 200
        sitemap += response.content.decode()
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


# The Japanese pages in Japanese -------------------------------------------------------------

JAPANESE_PAGES = [
    *PAGES,
    "/meetings/astop-v/changes/",
    "/participants/asean/",
    "/topics/proliferation-security-initiative/",
    "/search/?q=Pacific+Shield",
    "/search/?q=whaling",
    "/search/",
    "/meetings/?year=1999",
]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Names quoted in the site's strings ("for example: Pacific Shield, PSI, ASEAN"): a topic's
# name on the pages that show it.
NAMES = {"Pacific Shield"}


class JapaneseText(HTMLParser):
    """The text of a page's body that the page says is in its own language, a string
    per text node: what is marked lang="en" (a release, an archive text kept in English)
    is left out, and so are the formatted citations (in their styles' English), scripts
    and styles; the attributes a reader meets (labels, placeholders) are in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, left out?)
        self.parts = []

    def left_out(self):
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        out = (
            self.left_out()
            or tag in ("head", "script", "style")
            or attrs.get("lang") == "en"
            or "citation" in (attrs.get("class") or "").split()
        )
        if not out:
            for name in ("aria-label", "placeholder", "title", "alt"):
                if attrs.get(name):
                    self.parts.append(attrs[name])
        if tag not in VOID:
            self.stack.append((tag, out))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.left_out() and data.strip():
            self.parts.append(" ".join(data.split()))


def japanese_parts(page):
    parser = JapaneseText()
    parser.feed(page)
    return parser.parts


def japanese_text(page):
    return " ".join(japanese_parts(page))


def choice_labels():
    """The labels of the models' choices in English (Host, Press release, Country...)."""
    with translation.override("en"):
        return {
            str(label)
            for model in apps.get_app_config("meetings").get_models()
            for field in model._meta.fields
            for _value, label in field.choices or []
        }


def english_ui_phrases():
    """The English of every string the site's pages are translated from (locale/ja), cut at
    their placeholders and markup: none may be left on a Japanese page. Those kept as they
    are in Japanese (JSON API, PSI) are not English left over."""
    catalog = GNUTranslations((settings.LOCALE_PATHS[0] / "ja/LC_MESSAGES/django.mo").open("rb"))
    phrases = set()
    # A label left unmarked is not in the catalog: it counts as English all the same.
    strings = {**{label: "" for label in choice_labels()}, **catalog._catalog}
    for msgid, msgstr in strings.items():
        english = msgid[0] if isinstance(msgid, tuple) else msgid
        for part in re.split(r"<[^>]*>|%\([a-z_]+\)s|[.:;,·()“”]", english):
            part = part.strip()
            if re.search(r"[A-Za-z]{3}", part) and part not in msgstr and part not in NAMES:
                phrases.add(part)
    return phrases


def english_left(page):
    """The site's English strings on a page: a phrase of several words anywhere in its
    text, a single word (Date, Venue) as a text of its own, not inside a name or title."""
    parts = japanese_parts(page)
    text = " ".join(parts)
    words = {part.strip(" :：()") for part in parts}
    return sorted(
        phrase
        for phrase in english_ui_phrases()
        if (" " in phrase and re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text))
        or (" " not in phrase and phrase in words)
    )


@pytest.mark.parametrize("url", JAPANESE_PAGES)
def test_no_english_is_left_on_a_japanese_page_but_names_and_sources(client, url):
    response = client.get(f"/ja{url}")
    assert response.status_code == 200
    assert english_left(response.content.decode()) == []


# What a reader found left in English on the Japanese pages (issue #11), each a string
# of the site's own, not a name.
FOUND_IN_ENGLISH = {
    "/meetings/astop-v/": [
        "Cite this record",
        "Download the citation",
        "Each paragraph of the release",
        "Press release",
        "press release",
        "forum or process",
    ],
    "/search/?q=ASTOP": [
        "Matched the meeting's title",
        "Matched words of the source text",
        "Matched the topic's name",
        "Matched the person's name",
        "also searched as",
        "press release",
    ],
    "/search/?q=PSI": ["press release", "Matched"],
    "/topics/": ["Concept", "Exercise", "Forum or process", "press release"],
    "/participants/asean/": ["Regional group", "REGIONAL GROUP", "Participant"],
}


@pytest.mark.parametrize("url", FOUND_IN_ENGLISH)
def test_what_a_reader_found_in_english_is_in_japanese(client, japanese_original, url):
    response = client.get(f"/ja{url}")
    assert response.status_code == 200
    page = response.content.decode()
    text = japanese_text(page)
    assert [found for found in FOUND_IN_ENGLISH[url] if found in text] == []
    assert english_left(page) == []


def test_the_check_finds_english_left_on_a_page():
    page = (
        '<p>Structured <b>record</b></p><p lang="en">Main points</p><dl class="citation">'
        "<dd>ASTOP archive</dd></dl><h3>Speakers</h3><p>The Speakers of the House</p>"
    )
    assert japanese_parts(page) == ["Structured", "record", "Speakers", "The Speakers of the House"]
    assert english_left(page) == ["Speakers", "Structured record"]
    assert english_left("<p>Structured record</p>") == ["Structured record"]
    assert {"Structured record", "Main points", "Archive summary"} <= english_ui_phrases()
    # The models' choice labels and the strings of the citation block and the search too.
    assert {"Press release", "Forum or process", "Regional group", "Cite this record"} <= (
        english_ui_phrases()
    )
    assert {"Matched words of the source text", "also searched as"} <= english_ui_phrases()
    assert english_left("<h3>Concept</h3><p>ASTOP-V（Press release）</p>") == [
        "Concept",
        "Press release",
    ]


def test_dates_on_japanese_pages_are_written_the_japanese_way(client):
    record = client.get("/ja/meetings/astop-v/").content.decode()
    assert '<time datetime="2008-04-25">2008年4月25日（金）</time>' in record
    assert "平成20年" in record
    assert "2008年4月25日" in client.get("/ja/meetings/").content.decode()
    assert "2008年4月25日" in client.get("/ja/people/hitoshi-kimura/").content.decode()
    english = client.get("/meetings/astop-v/").content.decode()
    assert '<time datetime="2008-04-25">Friday 25 April 2008</time>' in english
    assert "平成" not in english
    assert "25 April 2008" in client.get("/meetings/").content.decode()


@pytest.mark.parametrize(
    ("day", "era"),
    [
        (datetime.date(1988, 12, 31), "昭和63年"),
        (datetime.date(1989, 1, 7), "昭和64年"),
        (datetime.date(1989, 1, 8), "平成元年"),
        (datetime.date(2008, 4, 25), "平成20年"),
        (datetime.date(2019, 4, 30), "平成31年"),
        (datetime.date(2019, 5, 1), "令和元年"),
        (datetime.date(2026, 12, 7), "令和8年"),
    ],
)
def test_the_japanese_era_year(day, era):
    assert japanese_era(day) == era


@pytest.fixture
def japanese_original():
    """ASTOP-V's release as the ministry issued it first, in Japanese; the English one its
    provisional translation."""
    meeting = Meeting.objects.get(slug="astop-v")
    original = add_source(
        meeting,
        slug="astop-v-press-release-ja",
        language="ja",
        paragraphs=[
            ("", "title", "第5回アジア不拡散協議（ASTOP）の開催（結果）"),
            ("1", "body", "本25日、外務省は不拡散協議を開催した。"),
        ],
    )
    meeting.sources.filter(slug="astop-v-press-release").update(
        relation=SourceDocument.Relation.PROVISIONAL_TRANSLATION, related_source=original
    )
    return original


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_each_source_is_in_its_own_language_and_links_to_the_other(
    client, japanese_original, prefix
):
    response = client.get(f"{prefix}/meetings/astop-v/")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.split(
        r'<div class="source" id="source-', page.split('<section class="release"')[1]
    )
    blocks = {block.split('"')[0]: block for block in sources[1:]}
    english, japanese = blocks["astop-v-press-release"], blocks["astop-v-press-release-ja"]
    assert '<div class="release-text" lang="en">' in english
    assert '<div class="release-text" lang="ja">' in japanese
    assert 'href="#source-astop-v-press-release-ja"' in english
    assert 'href="#source-astop-v-press-release"' in japanese
    if prefix:
        assert re.search(
            r'<a href="#source-astop-v-press-release-ja">日本語の[^<]+</a>の仮訳。', english
        )
        assert "原文。英語版はその仮訳です。" in visible_text(japanese)
    else:
        assert "Provisional translation of the Japanese press release." in visible_text(english)
        assert "The original: the English version is its provisional translation." in (
            visible_text(japanese)
        )


def test_the_archives_words_are_labelled_on_the_record_and_in_search(client):
    record = visible_text(client.get("/meetings/astop-v/").content.decode())
    assert "Archive description: The Mita Kaigisho" in record
    speech = Meeting.objects.get(slug="astop-v").appearances.exclude(summary="").first()
    assert f"Archive summary: {speech.summary[:40]}" in record
    found = visible_text(client.get("/search/?q=ASTOP").content.decode())
    assert "Archive summary: " in found
    japanese = client.get("/ja/meetings/astop-v/").content.decode()
    assert "アーカイブによる要約" in japanese and "アーカイブによる説明" in japanese


@pytest.mark.parametrize(
    ("q", "shown"), [("PSI", "“PSI”"), ('"Pacific Shield"', "“Pacific Shield”"), ("“PSI”", "“PSI”")]
)
def test_the_search_names_the_query_in_one_pair_of_quotes(client, q, shown):
    text = visible_text(client.get("/search/", {"q": q}).content.decode())
    assert f"for {shown}" in text
    assert "““" not in text and '“"' not in text
    japanese = visible_text(client.get("/ja/search/", {"q": q}).content.decode())
    assert f"「{shown[1:-1]}」" in japanese


def test_the_feed_speaks_the_language_of_its_address(client):
    english = client.get("/feeds/meetings.atom").content.decode()
    assert "<title>ASTOP archive: meetings</title>" in english
    assert "Archive summary: " in english
    japanese = client.get("/ja/feeds/meetings.atom")
    assert japanese.status_code == 200
    feed = japanese.content.decode()
    assert "<title>ASTOPアーカイブ：会議</title>" in feed
    assert "<subtitle>不拡散をめぐる外交会議の、新しく公開された記録。</subtitle>" in feed
    assert "アーカイブによる要約：" in feed
    assert 'href="http://testserver/ja/meetings/astop-v/"' in feed


def test_a_filter_error_on_a_japanese_page_is_in_japanese(client):
    response = client.get("/ja/meetings/", {"date_from": "25/04/2008"})
    assert response.status_code == 400
    text = visible_text(response.content.decode())
    assert "日付はYYYY-MM-DDの形式で入力してください。" in text
    # The API keeps its English.
    api = client.get(
        "/api/v1/meetings/", {"date_from": "25/04/2008"}, headers={"accept": "application/json"}
    )
    assert "Enter a date as YYYY-MM-DD." in str(api.json())
