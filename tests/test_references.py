"""Descriptions the archive wrote cite titled, authoritative sources."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError

from meetings.models import (
    Meeting,
    Membership,
    Organization,
    Person,
    Series,
    Topic,
    TopicReference,
)

pytestmark = pytest.mark.django_db

AUTHORITATIVE_HOSTS = {
    "www.mofa.go.jp",
    "www.iaea.org",
    "undocs.org",
    "asean.org",
    "treaties.unoda.org",
    "www.imo.org",
    "japan.kantei.go.jp",
    "www.jaif.or.jp",  # the trade-press report the venue description names
}


@pytest.mark.parametrize("url", ["www.iaea.org/topics/additional-protocol", "not an address", ""])
def test_a_reference_without_a_valid_address_is_refused(url):
    reference = TopicReference(
        topic=Topic.objects.get(slug="iaea-additional-protocol"),
        title="Additional Protocol",
        url=url,
    )
    with pytest.raises(ValidationError) as error:
        reference.full_clean()
    assert "url" in error.value.message_dict


def test_a_reference_needs_a_title_and_the_same_address_twice_is_refused():
    topic = Topic.objects.get(slug="iaea-additional-protocol")
    with pytest.raises(ValidationError) as error:
        TopicReference(topic=topic, title="", url="https://www.iaea.org/").full_clean()
    assert "title" in error.value.message_dict
    cited = topic.references.get()
    with pytest.raises(ValidationError, match="already cited here"):
        TopicReference(topic=topic, title="Again", url=cited.url).full_clean()


def test_every_description_of_the_record_cites_an_authoritative_source():
    owners = [
        *Topic.objects.exclude(description=""),
        *Organization.objects.exclude(description=""),
        *Person.objects.exclude(description=""),
        *Series.objects.exclude(description=""),
        *Membership.objects.all(),
    ]
    assert len(owners) == 17 + 2 + 1 + 1 + 11
    for owner in owners:
        references = list(owner.references.all())
        assert references, owner
        for reference in references:
            reference.full_clean()
            assert urlsplit(reference.url).hostname in AUTHORITATIVE_HOSTS, reference.url
            assert reference.title and reference.publisher, reference.url
    venue = Meeting.objects.get(slug="astop-v").venue_references.all()
    assert [reference.publisher for reference in venue] == [
        "Ministry of Foreign Affairs of Japan",
        "Japan Atomic Industrial Forum",
    ]


def test_descriptions_hold_no_bare_addresses():
    texts = [
        *Topic.objects.values_list("description", flat=True),
        *Organization.objects.values_list("description", flat=True),
        *Person.objects.values_list("description", flat=True),
        *Series.objects.values_list("description", flat=True),
        *Meeting.objects.values_list("venue_description", flat=True),
    ]
    assert not [text for text in texts if re.search(r"https?://|www\.", text)]


@pytest.mark.parametrize(
    "url, link",
    [
        (
            "/topics/iaea-additional-protocol/",
            '<a href="https://www.iaea.org/topics/additional-protocol" rel="external">'
            "Additional Protocol</a> — International Atomic Energy Agency",
        ),
        (
            "/people/hitoshi-kimura/",
            '<a href="https://www.mofa.go.jp/policy/un/disarmament/arms/psi/overview0710.html"'
            ' rel="external">PSI Maritime Interdiction Exercise &quot;Pacific Shield 07&quot;'
            " Hosted by the Government of Japan (Overview and Evaluation)</a>"
            " — Ministry of Foreign Affairs of Japan",
        ),
        (
            "/series/astop/",
            '<a href="https://www.mofa.go.jp/announce/announce/2008/5/1179532_1010.html"'
            ' rel="external">The Results of the Fifth Asian Senior-level Talks on'
            " Non-Proliferation (ASTOP-V)</a> — Ministry of Foreign Affairs of Japan",
        ),
        (
            "/participants/asean/",
            '<a href="https://asean.org/member-states/" rel="external">ASEAN Member States'
            '<span class="visually-hidden"> (for Viet Nam)</span></a>'
            " — Association of Southeast Asian Nations",
        ),
        (
            "/meetings/astop-v/",
            '<a href="https://www.jaif.or.jp/news_db/data/2008/0501-1-3.html" rel="external">'
            "Japan Atomic Industrial Forum news, 1 May 2008</a> — Japan Atomic Industrial Forum",
        ),
    ],
)
def test_pages_show_references_as_titled_links(client, url, link):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert link in page
    assert 'rel="external">http' not in page  # no source shown by its bare address


def test_the_api_gives_references_with_title_address_and_publisher(client):
    topic = client.get("/api/v1/topics/proliferation-security-initiative/").json()
    assert topic["references"] == [
        {
            "title": "Proliferation Security Initiative (PSI)",
            "url": "https://www.mofa.go.jp/policy/un/disarmament/arms/psi/",
            "publisher": "Ministry of Foreign Affairs of Japan",
        }
    ]
    asean = client.get("/api/v1/organizations/asean/").json()
    assert asean["references"][0]["url"] == "https://asean.org/member-states/"
    assert {m["references"][0]["title"] for m in asean["members"]} == {"ASEAN Member States"}
    person = client.get("/api/v1/people/hitoshi-kimura/").json()
    assert len(person["references"]) == 2


def test_references_keep_a_history():
    reference = Topic.objects.get(slug="export-control").references.get()
    reference.title = "Resolution 1540 (2004) on weapons of mass destruction"
    reference.save()
    assert reference.history.count() == 1
    assert reference.history.first().title.endswith("weapons of mass destruction")
