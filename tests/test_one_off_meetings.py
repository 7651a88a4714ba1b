"""A one-off meeting (no series, no edition, no short name) is served everywhere the
public can reach it, and is nobody's previous or next edition."""

import pytest
from django.test import Client

from meetings.models import Meeting

from .builders import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_off():
    meetings = [
        make_meeting(slug=slug, ordinal=n) for n, slug in [(90, "seminar-a"), (91, "seminar-b")]
    ]
    Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(
        series=None, ordinal=None, short_name=""
    )
    return Meeting.objects.get(slug="seminar-a")


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/meetings/",
        "/meetings/seminar-a/",
        "/meetings/seminar-a/cite.bib",
        "/meetings/seminar-a/cite.ris",
        "/meetings/seminar-a/cite.json",
        "/feeds/meetings.atom",
        "/sitemap-meetings.xml",
        "/search/?q=seminar",
        "/api/v1/meetings/",
        "/api/v1/meetings/seminar-a/",
        "/participants/mofa-japan/",
    ],
)
def test_every_surface_serves_a_one_off_meeting(one_off, url):
    response = Client().get(url)
    assert response.status_code == 200
    assert b"edition None" not in response.content


def test_a_one_off_meeting_has_no_series_line_and_no_neighbours(one_off):
    response = Client().get("/meetings/seminar-a/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "edition" not in page.split("<h1>")[0].split('class="kicker"')[-1]
    assert "()" not in page
    assert response.context["previous_meeting"] is None
    assert response.context["next_meeting"] is None


@pytest.mark.parametrize(
    "url", ["/", "/meetings/", "/participants/mofa-japan/", "/feeds/meetings.atom"]
)
def test_a_one_off_meeting_is_named_without_empty_brackets(one_off, url):
    page = Client().get(url).content.decode()
    assert "Test meeting seminar-a" in page
    assert "Test meeting seminar-a (" not in page
