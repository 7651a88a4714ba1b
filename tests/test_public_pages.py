"""Public pages: content, filters, bad input, drafts, citations, and pinned query counts."""

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection

from meetings.models import Organization, Participation
from meetings.sitemaps import MeetingSitemap

from .builders import grow_meeting, make_meeting
from .release import visible_text

pytestmark = pytest.mark.django_db


def text_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return visible_text(response.content.decode())


# Pages ----------------------------------------------------------------------------


def test_home_says_what_the_archive_holds(client):
    text = text_of(client, "/")
    assert "1 meeting series" in text
    assert "1 meeting " in text and "1 meetings" not in text
    assert "19 participants and other organisations" in text
    assert "17 topics" in text
    assert "Fifth Asian Senior-level Talks on Non-Proliferation (ASTOP-V)" in text


def test_meeting_page_links_every_name_to_its_page(client):
    page = client.get("/meetings/astop-v/").content.decode()
    for url in [
        "/participants/asean/",
        "/participants/viet-nam/",
        "/participants/japan/",
        "/people/hitoshi-kimura/",
        "/topics/pacific-shield-07/",
        "/series/astop/",
        "/topics/#glossary-nuclear-renaissance",
    ]:
        assert f'href="{url}"' in page, url


def test_meeting_page_offers_a_citation_and_json_ld(client):
    response = client.get("/meetings/astop-v/")
    page = response.content.decode()
    # The styles themselves are tested with the citations; here: the page offers one.
    cite = visible_text(page[page.index('<section class="cite"') :])
    for part in [
        "Ministry of Foreign Affairs of Japan",
        "The Results of the Fifth Asian Senior-level Talks on Non-Proliferation (ASTOP-V)",
        "ASTOP archive",
        "http://testserver/meetings/astop-v/",
    ]:
        assert part in cite, part
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Event"
    assert data["startDate"] == "2008-04-25"
    assert data["superEvent"]["name"] == "Asian Senior-level Talks on Non-Proliferation"
    assert data["location"]["name"] == "Mita House"
    assert data["organizer"]["name"] == "Ministry of Foreign Affairs of Japan"
    assert data["attendee"][0]["name"] == "Association of Southeast Asian Nations"
    assert len(data["attendee"]) == 8
    assert '<meta property="og:title" content="Fifth Asian Senior-level Talks' in page
    assert '<link rel="canonical" href="http://testserver/meetings/astop-v/">' in page


@pytest.mark.parametrize(
    ("fmt", "content_type", "expected"),
    [
        ("bib", "application/x-bibtex", "@misc{astop-v-2008,"),
        ("ris", "application/x-research-info-systems", "TY  - PRESS\r\nAU  - Ministry"),
        ("json", "application/vnd.citationstyles.csl+json", '"issued": {'),
    ],
)
def test_citation_downloads(client, fmt, content_type, expected):
    response = client.get(f"/meetings/astop-v/cite.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert f'filename="astop-v.{fmt}"' in response["Content-Disposition"]
    assert expected in response.content.decode()


def test_citation_of_one_paragraph(client):
    response = client.get("/meetings/astop-v/cite.json?paragraph=4")
    item = json.loads(response.content)[0]
    assert item["URL"] == "http://testserver/meetings/astop-v/#astop-v-press-release-p4"
    assert item["note"].startswith("Cited at para. 2.")
    assert item["issued"] == {"date-parts": [[2008, 5, 1]]}
    bibtex = client.get("/meetings/astop-v/cite.bib?paragraph=4").content.decode()
    assert "@misc{astop-v-2008-p4," in bibtex
    assert "author = {{Ministry of Foreign Affairs of Japan}}" in bibtex


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/meetings/astop-v/cite.doc", 404),
        ("/meetings/astop-v/cite.bib?paragraph=x", 400),
        ("/meetings/astop-v/cite.bib?paragraph=99", 404),
        ("/meetings/nope/cite.bib", 404),
    ],
)
def test_citation_bad_input(client, url, status):
    assert client.get(url).status_code == status


def test_series_page_has_timeline_and_matrix(client):
    response = client.get("/series/astop/")
    page = response.content.decode()
    text = visible_text(page)
    assert "1 edition, 2008 2008 ASTOP-V: Fifth Asian Senior-level Talks" in text
    assert "Who took part when" in text
    assert "Japan Host" in text
    assert "Australia ✓ took part" in text


def test_participant_pages(client):
    text = text_of(client, "/participants/")
    assert "Regional group" in text and "Country" in text
    asean = text_of(client, "/participants/asean/")
    assert "the source says “the ASEAN member countries”" in asean
    assert "Members over time" in asean
    assert "Viet Nam from 28 July 1995" in asean
    indonesia = text_of(client, "/participants/indonesia/")
    assert "Through Association of Southeast Asian Nations: Indonesia was a member" in indonesia
    assert "membership, not confirmed attendance" in indonesia
    assert "Association of Southeast Asian Nations from 8 August 1967" in indonesia


def test_an_organisation_no_published_meeting_uses_has_no_page(client):
    """Timor-Leste joined ASEAN in 2025, after every meeting in the archive."""
    assert client.get("/participants/timor-leste/").status_code == 404
    assert "Timor-Leste" not in text_of(client, "/participants/asean/")


def test_an_organisation_page_lists_every_part_it_has(client):
    mofa = text_of(client, "/participants/mofa-japan/")
    assert "No published meeting names" not in mofa
    assert "Ministry or agency · part of Japan" in mofa
    assert "Fifth Asian Senior-level Talks on Non-Proliferation (ASTOP-V)" in mofa
    assert "Convener: held the meeting" in mofa
    assert (
        "Publisher of the press release “The Results of the Fifth Asian Senior-level Talks on "
        "Non-Proliferation (ASTOP-V)”, 1 May 2008" in mofa
    )
    assert "Organiser of Asian Senior-level Talks on Non-Proliferation (ASTOP)" in mofa
    japan = text_of(client, "/participants/japan/")
    for part in [
        "Host; the source says “Japan, the host” source: para. 1 of ASTOP-V",
        "Venue country: the meeting was held in Japan (Tokyo)",
        "Represented by Hitoshi Kimura, Senior Vice-Minister for Foreign Affairs (opening speech)",
    ]:
        assert part in japan
    assert "membership, not confirmed attendance" not in japan


def test_person_page_gives_the_title_held_at_each_meeting(client):
    text = text_of(client, "/people/hitoshi-kimura/")
    assert "Opening speech as Senior Vice-Minister for Foreign Affairs, for Japan" in text


def test_topic_pages(client):
    text = text_of(client, "/topics/")
    assert "Glossary: terms the sources define" in text
    assert "Nuclear Renaissance: Re-evaluation of the nuclear power generation" in text
    psi = client.get("/topics/proliferation-security-initiative/").content.decode()
    assert "Also called:" in psi and '<span class="alias">PSI</span>' in psi
    assert "Regarding the <mark>PSI</mark> as one of new tools" in psi
    assert 'href="/topics/pacific-shield-07/"' in psi
    assert (
        'href="https://www.mofa.go.jp/policy/un/disarmament/arms/psi/" rel="external">'
        "Proliferation Security Initiative (PSI)</a> — Ministry of Foreign Affairs of Japan" in psi
    )


def test_feed_sitemap_and_robots(client):
    feed = client.get("/feeds/meetings.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert b"<title>Fifth Asian Senior-level Talks on Non-Proliferation (ASTOP-V)</title>" in (
        feed.content
    )
    index = client.get("/sitemap.xml").content.decode()
    for section in ["pages", "meetings", "records"]:
        assert f"<loc>http://testserver/sitemap-{section}.xml</loc>" in index
    meetings = client.get("/sitemap-meetings.xml").content.decode()
    assert "<loc>http://testserver/meetings/astop-v/</loc>" in meetings
    records = client.get("/sitemap-records.xml").content.decode()
    assert "<loc>http://testserver/topics/pacific-shield-07/</loc>" in records
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert b"Sitemap: http://testserver/sitemap.xml" in robots.content


def test_favicon_for_pages_without_an_icon_link(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/meetings/favicon.svg"


def test_not_found_page_is_in_the_site_style(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"This page is not in the archive" in response.content
    assert b'class="site-header"' in response.content


# The meeting list and its filters --------------------------------------------------


@pytest.mark.parametrize(
    ("query", "hit"),
    [
        ("series=astop", True),
        ("year=2008", True),
        ("year=2009", False),
        ("date_from=2008-04-25&date_to=2008-04-25", True),
        ("date_from=2008-04-26", False),
        ("participant=japan", True),
        ("participant=viet-nam", True),  # through ASEAN
        ("topic=pacific-shield-07", True),
        ("topic=proliferation-security-initiative", True),
        ("q=Pacific+Shield", True),
        ("q=PSI", True),
        ("q=Proliferation+Security+Initiative", True),
        ("q=whaling", False),
        ("ordering=date", True),
    ],
)
def test_list_filters_hit_and_miss(client, query, hit):
    text = text_of(client, f"/meetings/?{query}")
    assert ("Fifth Asian Senior-level Talks on Non-Proliferation (ASTOP-V)" in text) is hit
    assert ("No meetings match these filters." in text) is not hit


def test_participant_through_a_group_is_marked(client):
    text = text_of(client, "/meetings/?participant=viet-nam")
    assert "Linked through Association of Southeast Asian Nations" in text
    assert "not a confirmed attendee" in text
    assert "Linked through" not in text_of(client, "/meetings/?participant=japan")


def test_facets_count_and_link_with_the_filter_state(client):
    page = client.get("/meetings/?year=2008").content.decode()
    assert 'href="?year=2008&amp;participant=canada">Canada</a>' in page
    assert re.search(r"Canada</a> <span class=\"facet-count\">\(1", page)
    assert (
        '<a href="?year=2008" aria-current="true">'
        '<span class="facet-mark" aria-hidden="true">✓</span> 2008</a>'
    ) in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=abc", "Enter a whole number."),
        ("date_from=2008-13-45", "Enter a date as YYYY-MM-DD."),
        ("date_to=25/04/2008", "Enter a date as YYYY-MM-DD."),
        ("participant=atlantis", "Select a valid choice."),
        ("participant=timor-leste", "Select a valid choice."),  # in no published meeting
        ("topic=nothing", "Select a valid choice."),
        ("ordering=colour", "Select a valid choice."),
        ("q=" + "x" * 2000, "at most 200 characters"),
    ],
)
def test_list_bad_values_get_400_with_a_message(client, query, message):
    text = text_of(client, f"/meetings/?{query}", status=400)
    assert "These filters could not be applied" in text
    assert message in text


def test_list_page_out_of_range_is_a_friendly_404(client):
    text = text_of(client, "/meetings/?page=9999", status=404)
    assert "There is no such page of results" in text
    assert text_of(client, "/meetings/?page=abc", status=404)


def test_list_ignores_unknown_parameters(client):
    assert "ASTOP-V" in text_of(client, "/meetings/?utm_source=newsletter")


def test_list_paginates(client):
    for ordinal in range(6, 30):
        make_meeting(slug=f"m{ordinal}", ordinal=ordinal)
    first = text_of(client, "/meetings/")
    assert "25 meetings" in first and "Page 1 of 2" in first
    assert "Page 2 of 2" in text_of(client, "/meetings/?page=2")


# Search -----------------------------------------------------------------------------


def test_search_finds_paragraphs_topics_and_says_why(client):
    response = client.get("/search/?q=Pacific+Shield")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Pacific</mark>" in page or "<mark>Pacific Shield</mark>" in page
    text = visible_text(page)
    assert "Paragraphs of the sources" in text
    assert "ASTOP-V, press release, (3)" in text
    assert "Matched words of the source text" in text
    assert "Pacific Shield 07" in text


def test_search_by_alias_finds_the_topic(client):
    text = text_of(client, "/search/?q=PSI")
    assert "Proliferation Security Initiative" in text
    assert "also searched as 'Proliferation Security Initiative'" in text


@pytest.mark.parametrize(("q", "status"), [("", 200), ("   ", 200), ("x" * 2000, 400)])
def test_search_empty_or_too_long_gets_a_message(client, q, status):
    response = client.get("/search/", {"q": q})
    assert response.status_code == status
    if status == 400:
        assert "please use at most 200" in response.content.decode()


def test_search_escapes_what_it_shows(client):
    page = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in page


# Query counts: fixed, whatever the size of the data ------------------------------------

PAGE_QUERIES = {
    "/": 5,
    "/meetings/": 6,
    "/meetings/?participant=viet-nam&year=2008": 7,
    # The series, its meetings, the sources cited for its description.
    "/series/astop/": 4,
    "/participants/": 1,
    # The organisation, its meetings, its parts in them (participations, sources it
    # published, appearances for it), the series it organises, its members, its groups,
    # the sources cited for its description and for its memberships (one query each).
    "/participants/asean/": 10,
    # The same and its parent organisation (which must be public too); it has no
    # memberships, so no query for their sources.
    "/participants/mofa-japan/": 10,
    # The person, their appearances, the sources cited for their description.
    "/people/hitoshi-kimura/": 3,
    "/topics/": 2,
    # ... and the sources cited for its description.
    "/topics/proliferation-security-initiative/": 6,
    # query expansion (names and aliases of topics named), then meetings,
    # paragraphs, topics, participants and people: one query each; on PostgreSQL
    # meetings and paragraphs first fetch the ids of the matches to rank (+2). The other
    # names of the topics and people found, which a hit found by one of them shows (+2:
    # a topic and a person whose description names it).
    "/search/?q=Pacific+Shield": 10 if connection.vendor == "postgresql" else 8,
    "/meetings/astop-v/cite.bib": 2,
}


@pytest.mark.parametrize(("url", "queries"), PAGE_QUERIES.items())
def test_query_counts_do_not_grow_with_the_data(client, django_assert_num_queries, url, queries):
    """Counted with an empty cache: the work a page does when nothing is remembered."""
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    # 50 more participants, paragraphs and points in another meeting, and 30 meetings.
    grow_meeting(make_meeting(slug="big", ordinal=6), 50)
    for ordinal in range(7, 37):
        make_meeting(slug=f"m{ordinal}", ordinal=ordinal)
    cache.clear()
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


# A Japanese page also reads the other names of the records it shows, for their Japanese
# names: one query per model shown (organisations, people, series, topics), whatever the
# number of records. An English page shows main names only and reads none.
JAPANESE_NAME_QUERIES = {
    "/": 1,  # the series of the latest meetings
    # The meetings' series and venue countries; the facets' series, participants and
    # topics (their Japanese names only: three queries, kept with the facet counts).
    "/meetings/": 2 + 3,
    "/meetings/?participant=viet-nam&year=2008": 2 + 3 + 1,  # and the participant filtered
    "/series/astop/": 2,  # the series; its organiser and the participants in the matrix
    "/participants/": 1,
    # The organisation, its parent, members and groups; the series of its meetings and
    # those it organises (it is represented by no one).
    "/participants/asean/": 2,
    "/participants/mofa-japan/": 2,
    "/people/hitoshi-kimura/": 2,  # the person; the organisations represented
    "/topics/": 1,
    "/topics/proliferation-security-initiative/": 1,  # its parent and narrower topics
    # None: the names of the hits are read on every page (see above).
    "/search/?q=Pacific+Shield": 0,
}


@pytest.mark.parametrize(("url", "names"), JAPANESE_NAME_QUERIES.items())
def test_japanese_pages_read_names_in_one_query_per_model(
    client, django_assert_num_queries, django_assert_max_num_queries, url, names
):
    with django_assert_num_queries(PAGE_QUERIES[url] + names):
        assert client.get(f"/ja{url}").status_code == 200
    grow_meeting(make_meeting(slug="big", ordinal=6), 50)
    for ordinal in range(7, 37):
        make_meeting(slug=f"m{ordinal}", ordinal=ordinal)
    cache.clear()
    # No more (the newest meetings, shown first on the list, have no venue country).
    with django_assert_max_num_queries(PAGE_QUERIES[url] + names):
        assert client.get(f"/ja{url}").status_code == 200


@pytest.mark.parametrize(("url", "saved"), [("/", 4), ("/meetings/", 4)])
def test_totals_and_facets_are_remembered_until_the_archive_changes(
    client, django_assert_num_queries, django_capture_on_commit_callbacks, url, saved
):
    client.get(url)
    with django_assert_num_queries(PAGE_QUERIES[url] - saved):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        make_meeting(slug="fresh", ordinal=6)
    with django_assert_num_queries(PAGE_QUERIES[url]):
        assert "FRESH" in client.get(url).content.decode()


def test_series_matrix_shows_only_the_most_recent_editions(client):
    """A long series keeps its page small: every edition is in the timeline, but the matrix
    has a column for the most recent ones only, and says so."""
    japan = Organization.objects.get(slug="japan")
    for ordinal in range(6, 6 + 15):
        meeting = make_meeting(
            slug=f"astop-{ordinal}", ordinal=ordinal, day=datetime.date(2000 + ordinal, 5, 1)
        )
        Participation.objects.create(
            meeting=meeting,
            organization=japan,
            role="host",
            source_words="Japan",
            source_paragraph=meeting.sources.get().paragraphs.get(),
        )
    page = client.get("/series/astop/").content.decode()
    header = page.split('<table class="matrix">')[1].split("</thead>")[0]
    columns = re.findall(r'<th scope="col"><a href="/meetings/([^/]+)/"', header)
    assert columns == [f"astop-{ordinal}" for ordinal in range(9, 21)]  # the last 12
    assert "The 12 most recent of 16 editions" in visible_text(page)
    timeline = page.split('class="timeline"')[1].split('id="matrix-heading"')[0]
    assert timeline.count("/meetings/astop-") == 16  # ASTOP-V and the 15 new ones


def test_a_large_sitemap_section_comes_in_pages_the_index_lists(client, monkeypatch):
    monkeypatch.setattr(MeetingSitemap, "limit", 3)
    make_meeting(slug="astop-vi", ordinal=6)  # two meetings, each in two languages
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-meetings.xml</loc>" in index
    assert "<loc>http://testserver/sitemap-meetings.xml?p=2</loc>" in index
    assert "sitemap-meetings.xml?p=3" not in index
    assert "<loc>http://testserver/sitemap-pages.xml</loc>" in index
    second = client.get("/sitemap-meetings.xml?p=2").content.decode()
    assert second.count("<url>") == 1
    assert client.get("/sitemap-meetings.xml?p=3").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404
