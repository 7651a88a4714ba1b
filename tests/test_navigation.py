"""Moving around the public site: the series and people indexes, the timeline, footnotes
that link back, filters shown by name, counts in the right number, whose words a text is,
slugs in the wrong case and the page for an address that is not in the archive."""

import datetime
import re

import pytest
from django.core.cache import cache

from meetings.models import Appearance, Meeting, Paragraph, Person, SourceDocument

from .builders import make_meeting
from .release import visible_text

pytestmark = pytest.mark.django_db


def text_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return visible_text(response.content.decode())


def add_appearance(meeting, person, title):
    return Appearance.objects.create(
        meeting=meeting,
        person=person,
        role=Appearance.Role.CHAIR,
        title=title,
        source_paragraph=Paragraph.objects.get(document__meeting=meeting),
    )


# Navigation and indexes ------------------------------------------------------------


def test_the_site_navigation_reaches_series_and_people(client):
    page = client.get("/topics/").content.decode()
    nav = page[page.index('<nav aria-label="Main">') : page.index("</nav>")]
    for url in ["/meetings/", "/series/", "/participants/", "/people/", "/topics/"]:
        assert f'href="{url}"' in nav, url
    assert '<a href="/topics/" aria-current="page">Topics</a>' in nav
    assert nav.count("aria-current") == 1


def test_an_api_page_marks_no_site_page_as_current(client):
    response = client.get("/api/v1/meetings/", headers={"accept": "text/html"})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<nav aria-label="Main">' in page
    nav = page[page.index('<nav aria-label="Main">') : page.index("</nav>")]
    assert 'href="/meetings/"' in nav
    assert "aria-current" not in nav
    meetings = client.get("/meetings/").content.decode()
    assert '<a href="/meetings/" aria-current="page">Meetings</a>' in meetings


# One numbering of paragraphs ----------------------------------------------------------------


def cite_controls(page):
    """The accessible name of each paragraph's Cite control (its summary's text)."""
    return [
        visible_text(summary) for summary in re.findall(r"<summary>(.*?)</summary>", page, re.S)
    ]


def test_every_paragraph_is_referred_to_by_its_one_locator(client):
    meeting = Meeting.objects.get(slug="astop-v")
    source = meeting.sources.get(slug="astop-v-press-release")
    labelled = source.paragraphs.get(label="1.")
    unlabelled = source.paragraphs.filter(label="").order_by("position").first()
    page = client.get("/meetings/astop-v/").content.decode()
    controls = cite_controls(page)
    assert "Cite para. 1" in controls
    assert f"Cite ¶{unlabelled.position}" in controls
    assert len(set(controls)) == len(controls)
    assert "Cite paragraph" not in page
    assert 'Link<span class="visually-hidden"> to para. 1</span></a>' in page

    # A fact cites the paragraph by the same locator, an unlabelled one too (not "body").
    participation = meeting.participations.filter(source_paragraph=labelled).first()
    assert participation is not None
    text = visible_text(client.get("/meetings/astop-v/").content.decode())
    assert "source: para. 1" in text
    assert "source: paragraph" not in text
    participation.source_paragraph = unlabelled
    participation.save()
    cache.clear()
    text = visible_text(client.get("/meetings/astop-v/").content.decode())
    assert f"source: ¶{unlabelled.position}" in text
    assert "source: body" not in text and "source: title" not in text
    japanese = visible_text(client.get("/ja/meetings/astop-v/").content.decode())
    assert f"出典：¶{unlabelled.position}" in japanese


def test_a_search_result_names_the_paragraph_by_its_locator(client):
    text = text_of(client, "/search/?q=ASTOP")
    assert "ASTOP-V, press release, para. 1" in text
    assert "ASTOP-V, press release, 1." not in text
    japanese = text_of(client, "/ja/search/?q=ASTOP")
    assert "ASTOP-V, プレスリリース, para. 1" in japanese


def test_a_source_entered_by_a_curator_says_so(client):
    source = SourceDocument.objects.get(slug="astop-v-press-release")
    source.captured_on = datetime.date(2008, 5, 2)
    source.captured_from = ""
    source.save()
    cache.clear()
    text = text_of(client, "/meetings/astop-v/")
    assert "Entered by a curator on 2 May 2008." in text
    assert "Captured by the archive on 2 May 2008" not in text
    assert "アーカイブの担当者が入力しました" in text_of(client, "/ja/meetings/astop-v/")


def test_series_index_gives_editions_and_years(client):
    assert "Asian Senior-level Talks on Non-Proliferation (ASTOP) 1 edition, 2008" in text_of(
        client, "/series/"
    )
    make_meeting(slug="astop-vi", ordinal=6, day=datetime.date(2009, 6, 2))
    make_meeting(slug="astop-x", ordinal=10, day=datetime.date(2013, 3, 1))
    make_meeting(slug="astop-xi-draft", ordinal=11, status=Meeting.Status.DRAFT)
    text = text_of(client, "/series/")
    assert "(ASTOP) 3 editions, 2008–2013" in text
    assert 'href="/series/astop/"' in client.get("/series/").content.decode()


def test_series_index_queries_do_not_grow_with_the_series(client, django_assert_num_queries):
    for ordinal in range(6, 30):
        make_meeting(slug=f"m{ordinal}", ordinal=ordinal)
    with django_assert_num_queries(1):
        assert client.get("/series/").status_code == 200


def test_people_index_gives_names_titles_and_meeting_counts(client):
    text = text_of(client, "/people/")
    assert "Hitoshi Kimura Senior Vice-Minister for Foreign Affairs (Japan) · 1 meeting" in text
    kimura = Person.objects.get(slug="hitoshi-kimura")
    add_appearance(make_meeting(slug="astop-vi", ordinal=6), kimura, "Minister for Foreign Affairs")
    hidden = make_meeting(slug="astop-vii", ordinal=7, status=Meeting.Status.DRAFT)
    add_appearance(hidden, kimura, "Prime Minister")
    text = text_of(client, "/people/")
    assert "Minister for Foreign Affairs; Senior Vice-Minister for Foreign Affairs (Japan)" in text
    assert "· 2 meetings" in text
    assert "Prime Minister" not in text


def test_people_index_is_alphabetical_by_family_name_and_its_queries_are_fixed(
    client, django_assert_num_queries
):
    meeting = make_meeting(slug="astop-vi", ordinal=6)
    for sort_name, name, slug in [
        ("Abe, Aiko", "Aiko Abe", "aiko-abe"),
        ("Yamada, Yuki", "Yuki Yamada", "yuki-yamada"),
    ]:
        person = Person.objects.create(name=name, sort_name=sort_name, slug=slug)
        add_appearance(meeting, person, "Director-General")
    text = text_of(client, "/people/")
    assert text.index("Aiko Abe") < text.index("Hitoshi Kimura") < text.index("Yuki Yamada")
    # How many (for the pages), the people, then their public appearances.
    with django_assert_num_queries(3):
        client.get("/people/")
    for i in range(30):
        person = Person.objects.create(name=f"P {i}", sort_name=f"P, {i}", slug=f"p-{i}")
        add_appearance(meeting, person, "Delegate")
    with django_assert_num_queries(3):
        client.get("/people/")


def test_people_index_pages_past_a_hundred(client):
    meeting = make_meeting(slug="astop-vi", ordinal=6)
    for i in range(100):
        person = Person.objects.create(name=f"P {i:03}", sort_name=f"P, {i:03}", slug=f"p-{i}")
        add_appearance(meeting, person, "Delegate")
    assert "Page 1 of 2" in text_of(client, "/people/")
    assert "Page 2 of 2" in text_of(client, "/people/?page=2")
    assert client.get("/people/?page=3").status_code == 404


def test_sitemap_lists_the_indexes(client):
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>http://testserver/series/</loc>" in sitemap
    assert "<loc>http://testserver/people/</loc>" in sitemap


# The series timeline ---------------------------------------------------------------------


def test_a_one_edition_timeline_says_so(client):
    text = text_of(client, "/series/astop/")
    assert "Editions in the archive 1 edition, 2008 2008 ASTOP-V: Fifth Asian" in text


def test_a_timeline_of_many_editions_marks_the_years_without_one(client):
    make_meeting(slug="astop-vi", ordinal=6, day=datetime.date(2009, 6, 2))
    make_meeting(slug="astop-vii", ordinal=7, day=datetime.date(2009, 11, 20))
    make_meeting(slug="astop-viii", ordinal=8, day=datetime.date(2011, 2, 1))
    make_meeting(slug="astop-xii", ordinal=12, day=datetime.date(2015, 2, 1))
    text = text_of(client, "/series/astop/")
    assert "5 editions, 2008–2015" in text
    assert "2009 ASTOP-VI: Test meeting astop-vi, 2 June 2009" in text
    assert "ASTOP-VII: Test meeting astop-vii, 20 November 2009" in text
    assert "2010: no edition in the archive 2011 ASTOP-VIII" in text
    assert "2012–2014: no edition in the archive 2015 ASTOP-XII" in text


# Footnotes ---------------------------------------------------------------------------------


def test_a_footnote_links_back_to_where_it_is_cited(client):
    page = client.get("/meetings/astop-v/").content.decode()
    marker = '<a href="#astop-v-press-release-p9" class="footnote-ref">(*)</a>'
    assert f"Nuclear Renaissance{marker}, the significance" in page
    footnote = page[page.index('id="astop-v-press-release-p9"') :]
    assert '<a href="#astop-v-press-release-p7" class="footnote-back">↩' in footnote
    assert "back to paragraph (2) where this note is cited" in visible_text(footnote)
    # The text itself is untouched: one marker link, one link back.
    assert page.count('class="footnote-ref"') == 1
    assert page.count('class="footnote-back"') == 1


# Filters: names, marks, numbers ------------------------------------------------------------


def test_active_filters_show_names_not_slugs(client):
    text = text_of(
        client, "/meetings/?topic=proliferation-security-initiative&participant=viet-nam"
    )
    assert "Topic: Proliferation Security Initiative remove filter Topic" in text
    assert "Participant: Viet Nam remove" in text
    assert "proliferation-security-initiative" not in text
    assert "Series: Asian Senior-level Talks on Non-Proliferation" in text_of(
        client, "/meetings/?series=astop"
    )
    assert "Year: 2008 remove" in text_of(client, "/meetings/?year=2008")


def test_the_selected_facet_value_is_marked(client):
    page = client.get("/meetings/?participant=japan").content.decode()
    assert (
        '<li class="selected"><a href="?participant=japan" aria-current="true">'
        '<span class="facet-mark" aria-hidden="true">✓</span> Japan</a>'
    ) in page
    assert page.count('aria-current="true"') == 1
    assert "Japan (1 meeting) (selected)" in visible_text(page)


def test_counts_say_one_meeting_and_two_meetings(client):
    text = text_of(client, "/meetings/")
    assert "1 meeting " in text and "1 meetings" not in text
    assert "2008 (1 meeting)" in text
    make_meeting(slug="astop-vi", ordinal=6, day=datetime.date(2008, 12, 1))
    cache.clear()  # the facet counts are kept until a change commits
    text = text_of(client, "/meetings/")
    assert "2 meetings" in text and "2008 (2 meetings)" in text
    assert "1 meetings" not in text_of(client, "/")


# Whose words -------------------------------------------------------------------------------


def test_the_archives_summaries_are_labelled_as_its_own(client):
    summary = "Archive summary: Japan's Ministry of Foreign Affairs brought together"
    assert summary in text_of(client, "/")
    assert summary in text_of(client, "/meetings/")
    assert "Archive summary: Japan holds ASTOP because" in text_of(
        client, "/people/hitoshi-kimura/"
    )
    assert "Archive description: Senior Vice-Minister" in text_of(client, "/people/hitoshi-kimura/")
    assert "Archive description: A regional organisation" in text_of(client, "/participants/asean/")
    feed = client.get("/feeds/meetings.atom").content.decode()
    assert '<summary type="html">Archive summary: Japan\'s Ministry of Foreign Affairs' in feed


# Slugs in the wrong case and unknown addresses ---------------------------------------------


@pytest.mark.parametrize(
    ("url", "right"),
    [
        ("/meetings/ASTOP-V/", "/meetings/astop-v/"),
        ("/meetings/Astop-V/?utm_source=mail", "/meetings/astop-v/?utm_source=mail"),
        ("/series/ASTOP/", "/series/astop/"),
        ("/participants/Japan/", "/participants/japan/"),
        ("/participants/ASEAN/", "/participants/asean/"),
        ("/people/Hitoshi-Kimura/", "/people/hitoshi-kimura/"),
        ("/topics/Pacific-Shield-07/", "/topics/pacific-shield-07/"),
        ("/meetings/ASTOP-V/cite.bib?paragraph=4", "/meetings/astop-v/cite.bib?paragraph=4"),
    ],
)
def test_a_slug_in_the_wrong_case_redirects_to_the_right_one(client, url, right):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == right
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "url", ["/meetings/ASTOP-IX/", "/participants/Atlantis/", "/topics/PSI/", "/people/X/"]
)
def test_an_unknown_slug_in_any_case_stays_not_found(client, url):
    assert client.get(url).status_code == 404


def test_a_draft_in_the_wrong_case_is_not_revealed(client, admin_client):
    make_meeting(slug="astop-vi", ordinal=6, status=Meeting.Status.DRAFT)
    assert client.get("/meetings/ASTOP-VI/").status_code == 404
    assert admin_client.get("/meetings/ASTOP-VI/")["Location"] == "/meetings/astop-vi/"


def test_the_not_found_page_offers_search_and_ways_to_browse(client):
    response = client.get("/meetings/no-such-meeting/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<form class="big-search" role="search"' in page
    assert 'name="q"' in page and 'action="/search/"' in page
    text = visible_text(page)
    assert "This page is not in the archive" in text
    assert "Browse the archive Meetings, by year, participant and topic Series" in text
    for url in ["/meetings/", "/series/", "/participants/", "/people/", "/topics/"]:
        assert f'href="{url}"' in page[page.index("browse-heading") :], url


def test_an_empty_search_offers_ways_to_browse(client):
    assert "Browse the archive" in text_of(client, "/search/")
    assert "Browse the archive" in text_of(client, "/search/?q=whaling")
    assert "Browse the archive" not in text_of(client, "/search/?q=Pacific+Shield")
