"""A hard record in a real browser: every fact laid out at phone and desktop width, in both
colour schemes, with no sideways scroll and no axe-core violation; its change log too."""

from pathlib import Path

import pytest

from tests.builders import make_hard_record
from tests.conftest import require_service

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent.parent / "node_modules/axe-core/axe.min.js"


@pytest.fixture
def hard(site):
    return make_hard_record()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_hard_record_fits_every_width(site, hard, browser, screenshot, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    for name, url in [
        ("record-facts", hard.get_absolute_url()),
        ("record-changes", f"/meetings/{hard.slug}/changes/"),
    ]:
        page.goto(site + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        assert screenshot(page, f"{name}-{width}-{scheme}").stat().st_size > 10_000
    context.close()


def test_the_lists_and_sources_read_as_a_reader_expects(site, hard, page):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(site + hard.get_absolute_url())
    took_part = page.get_by_role("list", name="Participants")
    assert took_part.get_by_role("link", name="Timor-Leste").is_visible()
    # Myanmar is there only in ASEAN's membership, marked as absent.
    myanmar = took_part.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Myanmar", exact=True)
    )
    assert myanmar.count() == 2  # the ASEAN row and the member's own item inside it
    assert myanmar.last.inner_text() == "Myanmar (did not take part)"
    assert took_part.locator("a.org-name", has_text="Myanmar").count() == 0
    absent = page.get_by_role("list", name="Did not take part")
    assert absent.get_by_role("link", name="Myanmar").is_visible()
    expected = page.get_by_role("list", name="Expected to take part")
    assert expected.get_by_role("link", name="New Zealand").is_visible()
    # The translation's relation leads to the Japanese release on the same page.
    page.get_by_role("link", name="the Japanese press release").click()
    assert page.url.endswith("#source-astop-vi-results-ja")
    assert page.locator("#source-astop-vi-results-ja h3").get_attribute("lang") == "ja"
    assert page.locator("#source-astop-vi-results-ja h3").is_visible()
    page.get_by_role("link", name="What has changed").click()
    assert page.url.endswith(f"/meetings/{hard.slug}/changes/")
    assert page.locator("h1").inner_text() == "Changes to this record"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violation(site, hard, browser, scheme):
    require_service(AXE.exists(), f"axe-core not installed at {AXE} (run npm ci)")
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    page = context.new_page()
    failures = []
    for url in [hard.get_absolute_url(), f"/meetings/{hard.slug}/changes/"]:
        page.goto(site + url)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => await axe.run(document, "
            "{runOnly: ['wcag2a', 'wcag2aa', 'wcag22aa', 'best-practice']})"
        )
        for violation in result["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            failures.append(f"{url} ({scheme}): {violation['id']} {targets}")
    context.close()
    assert not failures, "\n".join(failures)
