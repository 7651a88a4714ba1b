"""Citing a record: formatted citations from the CSL styles, the reference-manager meta
tags, the archive and the permalink in every download, and today's access date."""

import datetime
import json
import re
from html import unescape
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from meetings import citations
from meetings.models import Meeting, Paragraph

from .builders import make_meeting

pytestmark = pytest.mark.django_db

PERMALINK = "http://testserver/meetings/astop-v/"
TITLE = "The Results of the Fifth Asian Senior-level Talks on Non-Proliferation (ASTOP-V)"
MOFA = "Ministry of Foreign Affairs of Japan"


def on_day(monkeypatch, day, hour=12, minute=0, second=0):
    """Make the site's clock say ``day`` at that time (UTC)."""
    moment = datetime.datetime.combine(
        day, datetime.time(hour, minute, second), tzinfo=datetime.UTC
    )
    monkeypatch.setattr(timezone, "now", lambda: moment)


def cited_styles(page):
    """Style name: citation text, from the page's "Cite this record" section."""
    section = re.search(r'<dl class="citation" lang="en">(.*?)</dl>', page, re.S).group(1)
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", section, re.S)
    return {name: unescape(text) for name, text in pairs}


def meta_tags(page):
    head = page[: page.index("</head>")]
    return re.findall(r'<meta name="(citation_\w+)" content="([^"]*)">', head)


# Formatted citations ----------------------------------------------------------------


def test_the_record_is_cited_in_four_styles_accessed_today(client, monkeypatch):
    on_day(monkeypatch, datetime.date(2026, 9, 14))
    response = client.get("/meetings/astop-v/")
    assert response.status_code == 200
    assert cited_styles(response.content.decode()) == {
        "Chicago": f"{MOFA}. “{TITLE}.” Press release, May 1, 2008. ASTOP archive. "
        f"Accessed September 14, 2026. {PERMALINK}.",
        "APA": f"{MOFA}. (2008, May 1). <i>{TITLE}</i> [Press release]. ASTOP archive. "
        f"Retrieved September 14, 2026, from {PERMALINK}",
        "MLA": f"{MOFA}. “{TITLE}.” Press release. <i>ASTOP archive</i>, 1 May 2008, "
        f"{PERMALINK}. Accessed 14 Sept. 2026.",
        "Harvard": f"{MOFA} (2008) <i>{TITLE}</i>. Press release, 1 May. ASTOP archive. "
        f"Available at: {PERMALINK} (Accessed: 14 September 2026).",
    }


def test_a_kept_record_still_shows_the_day_it_is_read(
    client, monkeypatch, django_assert_num_queries
):
    """The rendered record is remembered for days; the access date is not part of it."""
    on_day(monkeypatch, datetime.date(2026, 9, 14))
    client.get("/meetings/astop-v/")
    on_day(monkeypatch, datetime.date(2026, 9, 15), hour=0, second=1)
    with django_assert_num_queries(1):  # the meeting; the record comes from the cache
        page = client.get("/meetings/astop-v/").content.decode()
    styles = cited_styles(page)
    assert "Accessed September 15, 2026." in styles["Chicago"]
    assert "(Accessed: 15 September 2026)." in styles["Harvard"]
    assert "September 14" not in page


def test_a_page_showing_an_access_date_expires_at_midnight(settings):
    settings.TIME_ZONE = "UTC"
    noon = datetime.datetime(2026, 9, 14, 12, tzinfo=datetime.UTC)
    assert citations.seconds_until_tomorrow(noon) == 12 * 3600
    assert citations.seconds_until_tomorrow(noon.replace(hour=23, minute=59, second=59)) == 1
    assert citations.seconds_until_tomorrow(noon.replace(hour=0)) == 24 * 3600


def test_a_record_without_a_source_is_cited_as_the_archive_page(client, monkeypatch):
    on_day(monkeypatch, datetime.date(2026, 9, 14))
    meeting = make_meeting(slug="astop-vi", ordinal=6)
    meeting.sources.all().delete()
    page = client.get("/meetings/astop-vi/").content.decode()
    assert cited_styles(page)["Chicago"] == (
        "“Test meeting astop-vi.” ASTOP archive. Accessed September 14, 2026. "
        "http://testserver/meetings/astop-vi/."
    )
    assert ("citation_publisher", "ASTOP archive") in meta_tags(page)


def test_formatted_text_is_escaped():
    citation = citations.Citation(
        item={
            "id": "x",
            "type": "report",
            "title": "Arms <b>& ammunition</b>",
            "author": [{"literal": "R&D Office"}],
            "URL": "http://testserver/meetings/x/",
        },
        meta_tags=(),
    )
    chicago = dict(citation.formatted())["Chicago"]
    assert "R&amp;D Office. “Arms &lt;b&gt;&amp; ammunition&lt;/b&gt;.”" in chicago


def test_every_style_file_is_valid_csl_with_its_licence():
    assert sorted(path.stem for path in citations.CSL_DIR.glob("*.csl")) == sorted(citations.STYLES)
    csl = "{http://purl.org/net/xbiblio/csl}"
    for name in citations.STYLES:
        citations._style(name)  # parsed against the CSL schema: an invalid file raises
        rights = ElementTree.parse(citations.CSL_DIR / f"{name}.csl").find(f"{csl}info/{csl}rights")
        assert rights.get("license") == "https://creativecommons.org/licenses/by-sa/3.0/"


# Meta tags for reference managers ----------------------------------------------------


def test_the_meeting_page_carries_highwire_meta_tags(client):
    page = client.get("/meetings/astop-v/").content.decode()
    assert meta_tags(page) == [
        ("citation_title", TITLE),
        ("citation_author", MOFA),
        ("citation_publisher", MOFA),
        ("citation_technical_report_institution", MOFA),
        ("citation_publication_date", "2008/05/01"),
        ("citation_language", "en"),
        ("citation_public_url", PERMALINK),
        ("citation_abstract_html_url", PERMALINK),
        ("citation_fulltext_html_url", PERMALINK),
    ]


# Downloads --------------------------------------------------------------------------


def test_bibtex_names_the_archive_and_the_permalink(client, monkeypatch):
    on_day(monkeypatch, datetime.date(2026, 9, 14))
    response = client.get("/meetings/astop-v/cite.bib?paragraph=4")
    assert response.status_code == 200
    bibtex = response.content.decode()
    assert bibtex.startswith("@misc{astop-v-2008-p4,\n")
    assert "  url = {http://testserver/meetings/astop-v/#astop-v-press-release-p4},\n" in bibtex
    assert (
        "  note = {ASTOP archive. Cited at para. 2. Original: "
        "https://www.mofa.go.jp/announce/announce/2008/5/1179532\\_1010.html}\n"
    ) in bibtex


def test_ris_names_the_archive_and_the_permalink(client):
    response = client.get("/meetings/astop-v/cite.ris")
    assert response.status_code == 200
    lines = response.content.decode().split("\r\n")
    assert "DB  - ASTOP archive" in lines
    assert f"UR  - {PERMALINK}" in lines
    assert lines[-2:] == ["ER  - ", ""]


def test_csl_json_names_the_archive_and_the_permalink(client):
    response = client.get("/meetings/astop-v/cite.json?paragraph=4")
    assert response.status_code == 200
    [item] = json.loads(response.content)
    assert item["archive"] == "ASTOP archive"
    assert item["URL"] == PERMALINK + "#astop-v-press-release-p4"
    assert item["title"] == TITLE


def test_the_page_and_its_downloads_agree_on_the_permalink(client):
    page = client.get("/meetings/astop-v/").content.decode()
    assert f'<link rel="canonical" href="{PERMALINK}">' in page
    [item] = json.loads(client.get("/meetings/astop-v/cite.json").content)
    assert item["URL"] == PERMALINK
    assert Meeting.objects.get(slug="astop-v").get_absolute_url() == "/meetings/astop-v/"


# One paragraph ----------------------------------------------------------------------


# ASTOP-V's paragraphs: position, label as printed, and the locator that cites it.
LOCATORS = [(3, "1.", "para. 1"), (6, "4. (1)", "para. 4 (1)"), (7, "(2)", "(2)"), (10, "", "¶10")]


@pytest.mark.parametrize(("position", "label", "locator"), LOCATORS)
def test_a_paragraph_is_cited_by_its_own_label_or_else_its_position(position, label, locator):
    paragraph = Paragraph.objects.get(document__meeting__slug="astop-v", position=position)
    assert paragraph.label == label
    assert citations.locator(paragraph) == locator


@pytest.mark.parametrize(("label", "locator"), [("１．", "para. １"), ("12.", "para. 12")])
def test_numbered_labels_in_any_digits_read_as_paragraphs(label, locator):
    assert citations.locator(Paragraph(position=1, label=label)) == locator


@pytest.mark.parametrize(("position", "label", "locator"), LOCATORS)
def test_every_download_of_a_paragraph_gives_the_same_locator(client, position, label, locator):
    url = f"/meetings/astop-v/cite.{{}}?paragraph={position}"
    [item] = json.loads(client.get(url.format("json")).content)
    assert item["locator"] == locator
    assert item["URL"] == f"{PERMALINK}#astop-v-press-release-p{position}"
    bibtex = client.get(url.format("bib")).content.decode()
    assert f"note = {{ASTOP archive. Cited at {locator}." in bibtex
    ris = client.get(url.format("ris")).content.decode().split("\r\n")
    assert f"N1  - Cited at {locator}." in " ".join(ris)


def test_the_whole_release_has_no_locator(client):
    [item] = json.loads(client.get("/meetings/astop-v/cite.json").content)
    assert "locator" not in item
    assert "Cited at" not in client.get("/meetings/astop-v/cite.bib").content.decode()


def paragraph_tools(page, position):
    """The "Cite" disclosure under the paragraph at ``position`` of ASTOP-V's release."""
    anchor = f'id="astop-v-press-release-p{position}"'
    part = page[page.index(anchor) :]
    return part[part.index('<details class="para-cite">') : part.index("</details>")]


@pytest.mark.parametrize(("position", "label", "locator"), LOCATORS)
def test_the_cite_control_shows_the_chicago_note_with_the_paragraphs_locator(
    client, position, label, locator
):
    response = client.get("/meetings/astop-v/")
    assert response.status_code == 200
    tools = paragraph_tools(response.content.decode(), position)
    summary = re.search(r"<summary>(.*?)</summary>", tools, re.S).group(1)
    # Shown and read alike: "Cite para. 1", "Cite ¶10".
    assert " ".join(re.sub(r"<[^>]+>", "", summary).split()) == f"Cite {locator}"
    note = re.search(r'<p class="para-citation" lang="en">(.*?)</p>', tools, re.S).group(1)
    note = unescape(note)
    assert note == (
        f"{MOFA}, “{TITLE},” press release, May 1, 2008, {locator}, ASTOP archive, "
        f"{PERMALINK}#astop-v-press-release-p{position}."
    )
    assert f'href="#astop-v-press-release-p{position}"' in tools
    assert f'href="/meetings/astop-v/cite.json?paragraph={position}" download' in tools


def test_the_paragraph_notes_cost_one_rendering_per_source(client, monkeypatch):
    """CSL renders the release's note once; each paragraph fills in its locator and address."""
    calls = []
    real = citations.citeproc.CitationStylesBibliography
    monkeypatch.setattr(
        citations.citeproc,
        "CitationStylesBibliography",
        lambda *args: calls.append(args) or real(*args),
    )
    citations.paragraph_note.cache_clear()
    citations.formatted.cache_clear()
    assert client.get("/meetings/astop-v/").status_code == 200
    assert len(calls) == len(citations.STYLES) + 1  # the record's four styles, one note
