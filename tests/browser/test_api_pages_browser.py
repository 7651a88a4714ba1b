"""The API's pages for people (docs and the browsable API) work under the site's CSP."""

import pytest

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
