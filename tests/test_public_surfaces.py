"""Nothing a draft alone uses reaches the public, on any surface; publishing it shows it all.

Each surface is checked for its status first: an error page lacks every word too.
"""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from meetings.models import (
    Appearance,
    DiscussionPoint,
    Meeting,
    Membership,
    Organization,
    Participation,
    Person,
    Series,
    SourceDocument,
    Topic,
    TopicMention,
)

from .builders import make_meeting
from .conftest import DRAFT_ONLY_WORDS

pytestmark = pytest.mark.django_db

DETAIL_PAGES = [
    "/meetings/qd-i/",
    "/meetings/qd-i/cite.bib",
    "/series/quillon-dialogue/",
    "/participants/quillonia/",
    "/participants/quillonia-foreign-office/",
    "/participants/quillon-pact/",
    "/participants/varrow/",
    "/people/orla-quillfeather/",
    "/topics/quillon-accord/",
    "/api/v1/meetings/qd-i/",
    "/api/v1/series/quillon-dialogue/",
    "/api/v1/organizations/quillonia/",
    "/api/v1/organizations/quillonia-foreign-office/",
    "/api/v1/organizations/quillon-pact/",
    "/api/v1/organizations/varrow/",
    "/api/v1/people/orla-quillfeather/",
    "/api/v1/topics/quillon-accord/",
]

# Lists, search, feeds and facets, and the pages of public rows the draft also names.
LIST_PAGES = [
    "/",
    "/meetings/",
    "/meetings/?year=2009",
    "/meetings/?participant=china",
    "/meetings/?topic=proliferation-security-initiative",
    "/meetings/?q=Quillon",
    "/participants/",
    "/topics/",
    "/search/?q=Quillon",
    "/search/?q=QLAX",
    "/search/?q=Varrow",
    "/search/?q=Quillfeather",
    "/search/?q=PSI",
    "/sitemap.xml",
    "/sitemap-meetings.xml",
    "/sitemap-records.xml",
    "/feeds/meetings.atom",
    "/series/astop/",
    "/participants/china/",
    "/participants/asean/",
    "/people/hitoshi-kimura/",
    "/topics/proliferation-security-initiative/",
    "/topics/iran-nuclear-issue/",
    "/participants/united-states/",
    "/api/v1/meetings/",
    "/api/v1/meetings/?q=Quillon",
    "/api/v1/series/",
    "/api/v1/organizations/?page_size=100",
    "/api/v1/people/",
    "/api/v1/topics/?page_size=100",
    "/api/v1/organizations/asean/",
    "/api/v1/organizations/china/",
    "/api/v1/organizations/japan/",
    "/api/v1/people/hitoshi-kimura/",
    "/api/v1/topics/proliferation-security-initiative/",
    "/api/v1/series/astop/",
    "/api/v1/topics/iran-nuclear-issue/",
    "/api/v1/organizations/united-states/",
]

# The same pages in Japanese: the API and the sitemap have one address.
JAPANESE = [
    f"/ja{url}" for url in DETAIL_PAGES + LIST_PAGES if not url.startswith(("/api/", "/sitemap"))
]


def leaks(body):
    text = body.decode().lower()
    return [word for word in DRAFT_ONLY_WORDS if word in text]


@pytest.mark.parametrize("url", DETAIL_PAGES + [url for url in JAPANESE if url[3:] in DETAIL_PAGES])
def test_a_draft_only_row_has_no_public_page(client, draft_only, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", LIST_PAGES + [url for url in JAPANESE if url[3:] in LIST_PAGES])
def test_no_list_search_feed_or_facet_names_a_draft_only_row(client, draft_only, url):
    response = client.get(url)
    assert response.status_code == 200
    assert leaks(response.content) == []


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("series", "quillon-dialogue"),
        ("participant", "quillonia"),
        ("participant", "varrow"),
        ("topic", "quillon-accord"),
    ],
)
@pytest.mark.parametrize("url", ["/meetings/", "/ja/meetings/", "/api/v1/meetings/"])
def test_a_draft_only_slug_is_refused_as_an_unknown_one(client, draft_only, url, name, slug):
    """Any other answer would tell that the slug exists."""
    draft = client.get(url, {name: slug})
    unknown = client.get(url, {name: "no-such-slug"})
    assert draft.status_code == unknown.status_code >= 400
    assert draft.content.decode().replace(slug, "no-such-slug") == unknown.content.decode()


@pytest.mark.parametrize("q", ["Quillon", "QLAX", "Varrow", "Quillfeather", "Quillon Pact"])
def test_searching_for_a_draft_only_name_finds_nothing(client, draft_only, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"0 results for “{q}”" in page
    assert "also searched as" not in page


def test_home_counts_only_what_the_public_sees(client, draft_only):
    text = client.get("/").content.decode()
    for count in [
        '<span class="count">1</span> meeting series',
        '<span class="count">1</span> meeting</a>',
        '<span class="count">19</span> participants and other organisations',
        '<span class="count">17</span> topics',
    ]:
        assert count in text


def test_staff_preview_the_draft_marked(admin_client, draft_only):
    response = admin_client.get("/meetings/qd-i/")
    assert response.status_code == 200
    assert "Draft — not public." in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_publishing_the_meeting_shows_everything_it_uses(client, draft_only):
    draft_only.meeting.publish()
    cache.clear()  # totals and facets are kept until a commit, which tests never make

    for url in DETAIL_PAGES:
        assert client.get(url).status_code == 200, url
    names = {
        "/participants/": [
            "Republic of Quillonia",
            "Quillonian Foreign Office",
            "Quillon Pact",
            "Isle of Varrow",
        ],
        "/participants/asean/": ["Isle of Varrow"],
        "/participants/china/": ["QD-I"],
        "/people/hitoshi-kimura/": ["Guest of the Quillon Dialogue"],
        "/topics/": ["Quillon Accord", "an instrument of the Quillon Pact"],
        "/topics/proliferation-security-initiative/": ["Quillon Accord", "QD-I"],
        "/topics/iran-nuclear-issue/": ['part of <a href="/topics/quillon-accord/">'],
        "/participants/united-states/": ['part of <a href="/participants/quillonia/">'],
        "/api/v1/organizations/united-states/": ['"slug":"quillonia"'],
        "/search/?q=QLAX": ["Quillon Accord", "also searched as"],
        "/search/?q=Quillfeather": ["Orla Quillfeather"],
        "/search/?q=Varrow": ["Isle of Varrow"],
        "/sitemap-meetings.xml": ["/meetings/qd-i/"],
        "/sitemap-records.xml": ["/participants/varrow/", "/topics/quillon-accord/"],
        "/feeds/meetings.atom": ["First Quillon Dialogue"],
        "/meetings/?year=2009": ["First Quillon Dialogue", "Quillon Dialogue</a>"],
        "/api/v1/series/": ['"quillon-dialogue"'],
        "/api/v1/organizations/?page_size=100": ['"varrow"', '"quillonia-foreign-office"'],
        "/api/v1/people/": ['"orla-quillfeather"'],
        "/api/v1/topics/proliferation-security-initiative/": ['"quillon-accord"'],
    }
    for url, expected in names.items():
        response = client.get(url)
        assert response.status_code == 200, url
        for name in expected:
            assert name in response.content.decode(), (url, name)
    home = client.get("/").content.decode()
    assert '<span class="count">2</span> meeting series' in home
    assert '<span class="count">23</span> participants and other organisations' in home
    assert '<span class="count">18</span> topics' in home


def test_unpublishing_hides_them_again(client, draft_only):
    draft_only.meeting.publish()
    draft_only.meeting.unpublish()
    for url in ["/participants/varrow/", "/topics/quillon-accord/", "/people/orla-quillfeather/"]:
        assert client.get(url).status_code == 404


# Each way of being used, alone, makes a lookup public, and only in a published meeting.


def organization_used_as(role, meeting, organization):
    paragraph = meeting.sources.get().paragraphs.get()
    if role == "participant":
        Participation.objects.create(
            meeting=meeting, organization=organization, source_words="x", source_paragraph=paragraph
        )
    elif role in ("country", "convener"):
        setattr(meeting, role, organization)
        meeting.save()
    elif role == "publisher":
        SourceDocument.objects.filter(meeting=meeting).update(publisher=organization)
    elif role == "represented":
        Appearance.objects.create(
            meeting=meeting,
            person=Person.objects.get(slug="hitoshi-kimura"),
            role=Appearance.Role.SPEAKER,
            title="x",
            on_behalf_of=organization,
            source_paragraph=paragraph,
        )
    elif role == "series organiser":
        Series.objects.filter(pk=meeting.series_id).update(organiser=organization)
    elif role == "group member on the day":
        group = Organization.objects.create(
            name="Some Group", slug="some-group", classification="regional_group"
        )
        Membership.objects.create(member=organization, group=group, start_date=meeting.start_date)
        Participation.objects.create(
            meeting=meeting, organization=group, source_words="x", source_paragraph=paragraph
        )


ROLES = [
    "participant",
    "country",
    "convener",
    "publisher",
    "represented",
    "series organiser",
    "group member on the day",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", [Meeting.Status.PUBLISHED, Meeting.Status.DRAFT])
def test_each_part_in_a_meeting_makes_an_organisation_public(role, status):
    series = Series.objects.create(
        name="Lone series",
        short_name="LS",
        slug="lone-series",
        organiser=Organization.objects.get(slug="japan"),
    )
    meeting = make_meeting(slug="lone", ordinal=1, status=status, series=series)
    organization = Organization.objects.create(
        name="Lone Land", slug="lone-land", classification="country"
    )
    organization_used_as(role, meeting, organization)
    is_public = Organization.objects.public().filter(pk=organization.pk).exists()
    assert is_public is (status == Meeting.Status.PUBLISHED)


@pytest.mark.parametrize(
    ("joined", "left", "public"),
    [
        (datetime.date(2009, 1, 1), None, True),
        (datetime.date(2000, 1, 1), datetime.date(2009, 1, 1), True),
        (datetime.date(2009, 1, 2), None, False),
        (datetime.date(2000, 1, 1), datetime.date(2008, 12, 31), False),
    ],
)
def test_a_group_member_is_public_only_through_a_meeting_held_while_it_was_a_member(
    joined, left, public
):
    meeting = make_meeting(slug="lone", ordinal=6, day=datetime.date(2009, 1, 1))
    group = Organization.objects.create(name="G", slug="g", classification="regional_group")
    member = Organization.objects.create(name="M", slug="m", classification="country")
    Membership.objects.create(member=member, group=group, start_date=joined, end_date=left)
    Participation.objects.create(
        meeting=meeting,
        organization=group,
        source_words="G",
        source_paragraph=meeting.sources.get().paragraphs.get(),
    )
    assert Organization.objects.public().filter(pk=member.pk).exists() is public
    assert Membership.objects.public().filter(member=member).exists() is public


@pytest.mark.parametrize("status", [Meeting.Status.PUBLISHED, Meeting.Status.DRAFT])
def test_a_topic_is_public_through_a_mention_or_a_point(status):
    meeting = make_meeting(slug="lone", ordinal=6, status=status)
    paragraph = meeting.sources.get().paragraphs.get()
    mentioned = Topic.objects.create(name="Mentioned", slug="mentioned", kind="issue")
    tagged = Topic.objects.create(name="Tagged", slug="tagged", kind="issue", parent=mentioned)
    unused_parent = Topic.objects.create(name="Above", slug="above", kind="issue")
    mentioned.parent = unused_parent
    mentioned.save()
    TopicMention.objects.create(topic=mentioned, paragraph=paragraph, quote="Opening")
    point = DiscussionPoint.objects.create(
        meeting=meeting, position=1, heading="h", text="Opening", source_paragraph=paragraph
    )
    point.topics.set([tagged])
    public = set(Topic.objects.public().filter(slug__in=["mentioned", "tagged", "above"]))
    expected = {mentioned, tagged} if status == Meeting.Status.PUBLISHED else set()
    assert public == expected


def test_the_feed_is_xml_that_names_no_draft(client, draft_only):
    response = client.get("/feeds/meetings.atom")
    assert response.status_code == 200
    entries = ET.fromstring(response.content).findall("{http://www.w3.org/2005/Atom}entry")
    assert [entry.findtext("{http://www.w3.org/2005/Atom}title") for entry in entries] == [
        "Fifth Asian Senior-level Talks on Non-Proliferation (ASTOP-V)"
    ]
