"""Odd query parameters on public pages: a 400 that says why, or the page; never a 500.

PostgreSQL refuses NUL in text, so a NUL that reached a query used to answer 500 there.
"""

import pytest

pytestmark = pytest.mark.django_db

LIST_PARAMETERS = [
    "q",
    "series",
    "participant",
    "topic",
    "year",
    "date_from",
    "date_to",
    "updated_since",
    "ordering",
]


@pytest.mark.parametrize("q", ["\x00", "PSI\x00", "Pacific\x1bShield", "\x1f", "a\x7fb"])
def test_a_control_character_in_a_search_is_refused_with_a_message(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The search cannot be run. Contains the control character U+00" in page
    assert "only tabs and line breaks are allowed" in page


def test_tabs_and_line_breaks_in_a_search_are_white_space(client):
    response = client.get("/search/", {"q": "Pacific\tShield\n"})
    assert response.status_code == 200
    assert "for “Pacific Shield”" in response.content.decode()


@pytest.mark.parametrize("name", LIST_PARAMETERS)
@pytest.mark.parametrize("value", ["\x00", "astop\x00", "2008\x1b"])
def test_a_control_character_in_a_list_parameter_is_refused_with_a_message(client, name, value):
    response = client.get("/meetings/", {name: value})
    assert response.status_code == 400
    page = response.content.decode()
    assert "These filters could not be applied" in page
    assert f"<strong>{name}</strong>: Contains the control character U+00" in page


@pytest.mark.parametrize("name", LIST_PARAMETERS)
def test_the_api_refuses_a_control_character_in_any_parameter(client, name):
    response = client.get("/api/v1/meetings/", {name: "x\x00"})
    assert response.status_code == 400
    assert "control character U+0000" in str(response.json())


ODD_VALUES = [
    "\x00",
    "\x1b[0m",
    "",
    " ",
    "-1",
    "0",
    "99999999999999999999",
    "1e400",
    "NaN",
    "٣",  # an Arabic-Indic digit, which int() accepts
    "’",
    "<script>",
    "../../etc",
    "%",
    "x" * 5000,
    "9999-12-31T23:59:59-23:59",
    "0000-00-00",
]

# Each public page with the parameters it reads, and two it does not.
PAGES = {
    "/": ["page"],
    "/meetings/": [*LIST_PARAMETERS, "page"],
    "/meetings/astop-v/": ["page"],
    "/meetings/astop-v/cite.bib": ["paragraph"],
    "/series/astop/": ["page"],
    "/participants/": ["page"],
    "/participants/japan/": ["page"],
    "/people/hitoshi-kimura/": ["page"],
    "/topics/": ["page"],
    "/topics/proliferation-security-initiative/": ["page"],
    "/search/": ["q", "page"],
    "/sitemap-meetings.xml": ["p"],
    "/feeds/meetings.atom": ["page"],
    "/api/v1/meetings/": [*LIST_PARAMETERS, "page", "page_size", "format"],
    "/api/v1/meetings/astop-v/": ["format"],
    "/api/v1/topics/": ["page", "page_size"],
}


@pytest.mark.parametrize("url", PAGES)
def test_no_odd_parameter_makes_a_public_page_fail(client, url):
    failures = []
    for name in [*PAGES[url], "utm_source"]:
        for value in ODD_VALUES:
            status = client.get(url, {name: value}).status_code
            if status >= 500:
                failures.append((name, value[:20], status))
    assert failures == []


@pytest.mark.parametrize(
    "url", ["/search/?q=%FF%FE", "/meetings/?q=%C0%AF", "/meetings/?series=%ED%A0%80"]
)
def test_bytes_that_are_not_utf8_do_not_fail(client, url):
    assert client.get(url).status_code < 500
