"""Text stored by any means (here a raw UPDATE) never makes a public answer fail.

Inputs refuse control characters; a row written around them must still leave the feed,
the sitemap, the API and the pages answering, and the feed and sitemap well-formed XML.
"""

import xml.etree.ElementTree as ET

import pytest

from meetings.feeds import xml_safe
from meetings.models import (
    Appearance,
    Meeting,
    Organization,
    Paragraph,
    Participation,
    Person,
    Series,
    Topic,
    TopicAlias,
)

pytestmark = pytest.mark.django_db

# Vertical tab (common in pastes from word processors), escape, DEL, and U+FFFE, which
# XML cannot carry either. PostgreSQL refuses NUL in text, so no row can hold one there.
ODD = "\x0b\x1b\x7f\ufffe"
# What the feed shows for ODD: DEL is allowed in XML, the others are replaced.
SHOWN = "\ufffd\ufffd\x7f\ufffd"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def odd_text():
    """ASTOP-V and the lookups it uses, each with control characters in its text."""
    Meeting.objects.filter(slug="astop-v").update(
        title=f"Fifth Asian{ODD} Talks", short_name=f"ASTOP{ODD}V", summary=f"Summary{ODD}."
    )
    Series.objects.filter(slug="astop").update(short_name=f"ASTOP{ODD}")
    Paragraph.objects.filter(document__meeting__slug="astop-v", position=4).update(
        text=f"Text of the release{ODD} PSI."
    )
    Person.objects.filter(slug="hitoshi-kimura").update(name=f"Hitoshi{ODD} Kimura")
    Topic.objects.filter(slug="proliferation-security-initiative").update(
        name=f"Proliferation{ODD} Security Initiative", description=f"About{ODD} it."
    )
    TopicAlias.objects.filter(name="PSI").update(name=f"PSI{ODD}")
    Organization.objects.filter(slug="japan").update(name=f"Japan{ODD}")
    Participation.objects.filter(organization__slug="china").update(source_words=f"China{ODD}")
    Appearance.objects.all().update(title=f"Senior{ODD} Vice-Minister")


def test_the_feed_stays_xml(client, odd_text):
    response = client.get("/feeds/meetings.atom")
    assert response.status_code == 200
    [entry] = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == f"Fifth Asian{SHOWN} Talks (ASTOP{SHOWN}V)"
    assert entry.findtext(f"{ATOM}summary") == f"Archive summary: Summary{SHOWN}."
    assert entry.find(f"{ATOM}category").get("term") == f"ASTOP{SHOWN}"


def test_the_sitemap_stays_xml(client, odd_text):
    response = client.get("/sitemap-meetings.xml")
    assert response.status_code == 200
    locations = [loc.text for loc in ET.fromstring(response.content).iter()]
    assert "http://testserver/meetings/astop-v/" in locations


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/meetings/",
        "/api/v1/meetings/astop-v/",
        "/api/v1/meetings/?q=PSI",
        "/api/v1/series/astop/",
        "/api/v1/organizations/japan/",
        "/api/v1/people/",
        "/api/v1/people/hitoshi-kimura/",
        "/api/v1/topics/",
        "/api/v1/topics/proliferation-security-initiative/",
    ],
)
def test_the_api_answers_json(client, odd_text, url):
    response = client.get(url)
    assert response.status_code == 200
    assert any(ODD in text for text in strings_in(response.json()))


def strings_in(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict | list):
        for item in data.values() if isinstance(data, dict) else data:
            yield from strings_in(item)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/meetings/",
        "/meetings/astop-v/",
        "/meetings/astop-v/cite.bib",
        "/meetings/astop-v/cite.ris",
        "/meetings/astop-v/cite.json",
        "/series/astop/",
        "/participants/japan/",
        "/people/hitoshi-kimura/",
        "/topics/",
        "/topics/proliferation-security-initiative/",
        "/search/?q=PSI",
        "/search/?q=release",
        "/api/v1/meetings/?format=api",
    ],
)
def test_the_pages_answer(client, odd_text, url):
    assert client.get(url).status_code == 200


def test_xml_safe_keeps_what_xml_allows():
    assert xml_safe("tab\tline\nreturn\r é “quote”") == "tab\tline\nreturn\r é “quote”"
    assert xml_safe(["a\x00b", "c"]) == ["a\ufffdb", "c"]
    assert xml_safe(None) is None
