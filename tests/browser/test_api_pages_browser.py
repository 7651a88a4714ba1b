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


def test_browsable_api_renders_without_policy_errors(site, page, screenshot):
    page.goto(site + "/api/v1/meetings/astop-v/")
    assert page.locator("h1").inner_text() == "Meeting"
    assert page.locator(".breadcrumbs li").all_inner_texts() == ["API", "Meetings", "Meeting"]
    assert "Senior Vice-Minister for Foreign Affairs" in page.locator("pre.answer").inner_text()
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The record's answer is too long for a whole-page screenshot: the list's is not.
    page.goto(site + "/api/v1/meetings/")
    screenshot(page, "api-browsable-meetings-390")


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


def swagger_rendered(page):
    page.locator(".opblock-summary-path", has_text="/api/v1/meetings/").first.wait_for()


# The API's pages for a browser: the front door, the docs, DRF's browsable API for a list, a
# record and its errors (an unknown address, a bad parameter).
API_PAGES = {
    "/api/v1/": None,
    "/api/v1/docs/": swagger_rendered,
    "/api/v1/meetings/": None,
    "/api/v1/meetings/astop-v/": None,
    "/api/v1/no-such-thing/": None,
    "/api/v1/meetings/?year=soon": None,
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("url", API_PAGES)
def test_every_api_page_passes_axe_with_wcag_22_rules(site, browser, url, width, scheme):
    assert axe_violations(browser, site + url, API_PAGES[url], width, scheme) == []
