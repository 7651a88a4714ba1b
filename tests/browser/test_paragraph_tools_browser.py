"""The record page in a browser: one citation control per paragraph, targets a finger can
hit, the structured record a few Tab presses away, and axe-core's WCAG 2.2 rules."""

from pathlib import Path

import pytest

from tests.conftest import require_service

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent.parent / "node_modules/axe-core/axe.min.js"
WCAG_22 = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RECORD = "/meetings/astop-v/"


def axe_violations(browser, url, prepare=None, width=390, scheme="light"):
    """axe-core's findings on ``url`` as readable lines (after ``prepare(page)``, if given),
    at ``width`` px in the ``scheme`` colour scheme."""
    require_service(AXE.exists(), f"axe-core not installed at {AXE} (run npm ci)")
    # Injecting axe needs an inline script, which the site's own policy forbids.
    context = browser.new_context(
        bypass_csp=True, color_scheme=scheme, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.goto(url)
    if prepare:
        prepare(page)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22
    )
    context.close()
    return [
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]


def test_each_paragraph_has_one_control_that_discloses_its_citations(site, page, screenshot):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(site + RECORD)
    paragraphs = page.locator(".release-text .para")
    assert paragraphs.count() == 10
    assert page.locator(".release-text .para-cite summary").count() == 10
    # Before it is opened, a paragraph offers no citation link to Tab through.
    assert page.locator(".release-text .para-cite a:visible").count() == 0

    control = page.locator("#astop-v-press-release-p3 summary")
    # Shown and read as "Cite para. 1": the locator its citations give.
    assert " ".join(control.text_content().split()) == "Cite para. 1"
    assert not page.locator("#astop-v-press-release-p3 .para-citation").is_visible()
    control.click()
    note = page.locator("#astop-v-press-release-p3 .para-citation")
    assert note.is_visible()
    assert ", May 1, 2008, para. 1, ASTOP archive, " in note.inner_text()
    assert note.inner_text().endswith("/meetings/astop-v/#astop-v-press-release-p3.")
    links = page.locator("#astop-v-press-release-p3 .para-cite a")
    assert [link.text_content() for link in links.all()] == [
        "Link to para. 1",
        "BibTeX for para. 1",
        "RIS for para. 1",
        "CSL-JSON for para. 1",
    ]
    assert all(link.is_visible() for link in links.all())
    # A paragraph without a label of its own is cited by its position.
    unlabelled = page.locator("#astop-v-press-release-p10 summary")
    assert " ".join(unlabelled.text_content().split()) == "Cite ¶10"
    assert links.nth(1).get_attribute("href") == "/meetings/astop-v/cite.bib?paragraph=3"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "paragraph-cite-open-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "paragraph-cite-open-1280")


def test_every_citation_control_is_at_least_24_px_at_phone_width(site, page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(site + RECORD)
    for control in page.locator(".para-cite summary").all():
        control.click()  # open every disclosure: its links are targets too
    small = []
    targets = page.locator(".para-tools a:visible, .para-tools summary:visible").all()
    assert len(targets) == 10 * 5 + 1  # five each, and the footnote's glossary link
    for target in targets:
        box = target.bounding_box()
        if box["width"] < 24 or box["height"] < 24:
            small.append((target.inner_text(), round(box["width"]), round(box["height"])))
    assert not small, small


def test_the_structured_record_is_reached_in_a_few_tab_presses(site, page):
    page.goto(site + RECORD)
    for presses in range(1, 6):  # noqa: B007 (counted)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Skip to the structured record":
            break
    else:
        pytest.fail("no link to the structured record within 5 Tab presses")
    page.keyboard.press("Enter")
    # Following an in-page link is asynchronous: wait for the address to change.
    page.wait_for_function("location.hash === '#record-heading'", timeout=5000)
    page.keyboard.press("Tab")  # the first link after the heading is in the record
    assert page.evaluate("document.activeElement.closest('aside.record') !== null")
    assert presses <= 2


def test_the_record_page_passes_axe_with_wcag_22_rules(site, browser):
    assert axe_violations(browser, site + RECORD) == []


def test_an_open_citation_control_passes_axe_with_wcag_22_rules(site, browser):
    def open_first(page):
        page.locator(".para-cite summary").first.click()

    assert axe_violations(browser, site + RECORD, open_first) == []
