"""The API's pages for people (the front door, the docs and the browsable API) work
under the site's CSP and pass axe-core."""

import pytest

from tests.browser.test_paragraph_tools_browser import axe_violations

pytestmark = pytest.mark.browser


def test_api_docs_render_from_local_files_without_policy_errors(site, page, screenshot):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site + "/api/v1/docs/")
    page.locator(".opblock-summary-path", has_text="/api/v1/meetings/").first.wait_for()
    screenshot(page, "api-docs")
    assert all(url.startswith(site) for url in requested), "a CDN was asked for something"
    # The page fixture fails the test on any console error: CSP violations included.


def test_browsable_api_renders_without_policy_errors(site, page):
    page.goto(site + "/api/v1/meetings/astop-v/")
    assert page.locator("h1").first.inner_text() == "Meeting Instance"
    assert "Senior Vice-Minister for Foreign Affairs" in page.content()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_api_front_door_is_a_site_page_without_sideways_scrolling(
    site, page, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "/api/v1/")
    assert page.locator("h1").inner_text() == "The archive’s JSON API"
    assert page.locator(".site-footer").get_by_role("link", name="API documentation").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"api-front-door-{width}")
    page.get_by_role("link", name="API documentation").first.click()
    page.locator(".opblock-summary-path", has_text="/api/v1/meetings/").first.wait_for()


def test_the_api_front_door_passes_axe_with_wcag_22_rules(site, browser):
    assert axe_violations(browser, site + "/api/v1/") == []
