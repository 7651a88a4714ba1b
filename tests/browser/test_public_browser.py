"""The public site in a real browser: a reader's path, permalinks, layout, print, accessibility."""

from pathlib import Path

import pytest

from tests.conftest import require_service

pytestmark = pytest.mark.browser

# WCAG 2.0 to 2.2, A and AA (target sizes included), and axe's best practices.
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]
AXE = Path(__file__).resolve().parent.parent.parent / "node_modules/axe-core/axe.min.js"
PAGES = [
    "/",
    "/meetings/",
    "/meetings/?participant=viet-nam",
    "/meetings/astop-v/",
    "/series/",
    "/series/astop/",
    "/participants/",
    "/participants/asean/",
    "/people/",
    "/people/hitoshi-kimura/",
    "/topics/",
    "/topics/proliferation-security-initiative/",
    "/search/?q=Pacific+Shield",
    "/search/",
    "/meetings/no-such-meeting/",
]


def test_a_reader_finds_a_meeting_follows_a_topic_and_searches(site, page):
    page.goto(site + "/")
    assert page.locator("h1").count() == 1
    page.get_by_role("link", name="meetings", exact=False).first.click()
    assert page.url.endswith("/meetings/")

    page.get_by_role("link", name="Australia").click()
    assert "participant=australia" in page.url
    assert page.get_by_text("Participant: Australia").is_visible()
    title = "Fifth Asian Senior-level Talks on Non-Proliferation (ASTOP-V)"
    page.get_by_role("link", name=title).click()
    assert page.url.endswith("/meetings/astop-v/")
    speaker = "Mr. Hitoshi KIMURA, Senior Vice-Minister for Foreign Affairs"
    assert page.get_by_text(speaker).is_visible()

    page.locator(".record").get_by_role("link", name="Pacific Shield 07").first.click()
    assert page.url.endswith("/topics/pacific-shield-07/")
    assert page.locator("h1").inner_text() == "Pacific Shield 07"

    page.get_by_label("Search the archive").fill("Pacific Shield")
    page.get_by_label("Search the archive").press("Enter")
    assert "/search/?q=Pacific+Shield" in page.url
    assert page.locator("mark").first.is_visible()
    page.get_by_role("link", name="ASTOP-V, press release, (3)").click()
    assert page.url.endswith("/meetings/astop-v/#astop-v-press-release-p8")
    assert page.locator("#astop-v-press-release-p8").is_visible()


def test_a_japanese_reader_finds_the_record_and_switches_to_english(site, page, screenshot):
    page.goto(site + "/ja/")
    assert page.locator("html").get_attribute("lang") == "ja"
    page.locator("header nav").get_by_role("link", name="会議", exact=True).click()
    assert page.url.endswith("/ja/meetings/")
    page.get_by_role("link", name="Fifth Asian Senior-level Talks", exact=False).first.click()
    assert page.url.endswith("/ja/meetings/astop-v/")
    assert page.get_by_role("heading", name="構造化された記録").is_visible()
    assert page.locator(".record time").first.inner_text() == "2008年4月25日"
    assert page.locator('.release-text[lang="en"]').is_visible()
    screenshot(page, "meeting-ja-1280")
    page.set_viewport_size({"width": 390, "height": 900})
    screenshot(page, "meeting-ja-390")
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/meetings/astop-v/") and "/ja/" not in page.url
    assert page.get_by_role("heading", name="Structured record").is_visible()


def test_a_paragraph_permalink_scrolls_to_it(site, page):
    page.set_viewport_size({"width": 390, "height": 700})
    page.goto(site + "/meetings/astop-v/#astop-v-press-release-p9")
    box = page.locator("#astop-v-press-release-p9").bounding_box()
    assert 0 <= box["y"] < 700, box
    background = page.locator("#astop-v-press-release-p9").evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert background == "rgb(255, 242, 179)"  # :target highlight


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_and_no_sideways_scrolling(site, page, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    for name, url in [("home", "/"), ("list", "/meetings/"), ("meeting", "/meetings/astop-v/")]:
        page.goto(site + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        assert screenshot(page, f"{name}-{width}").stat().st_size > 10_000


def test_the_meeting_page_prints_cleanly_with_its_citation(site, page, screenshot):
    page.goto(site + "/meetings/astop-v/")
    page.emulate_media(media="print")
    assert page.locator(".citation").is_visible()
    assert not page.locator(".para-tools").first.is_visible()
    assert not page.locator(".site-search").is_visible()
    screenshot(page, "meeting-print")
    assert page.pdf()[:4] == b"%PDF"


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_accessibility_check_passes_on_every_page(site, browser, scheme, width, language):
    """axe-core's WCAG A and AA rules (contrast, target sizes) on a phone and a desktop
    screen, in both colour schemes, in English and in Japanese."""
    require_service(AXE.exists(), f"axe-core not installed at {AXE} (run npm ci)")
    # Injecting axe needs an inline script, which the site's own policy forbids.
    context = browser.new_context(
        bypass_csp=True, color_scheme=scheme, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    failures = []
    for url in PAGES:
        if language != "en":
            url = f"/{language}{url}"
        page.goto(site + url)
        assert page.evaluate("document.documentElement.lang") == language
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(f"async () => await axe.run(document, {{runOnly: {AXE_RULES}}})")
        for violation in result["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            failures.append(
                f"{url} ({scheme}, {width} px): {violation['id']} ({violation['impact']}) {targets}"
            )
    context.close()
    assert not failures, "\n".join(failures)
