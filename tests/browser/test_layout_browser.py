"""Every public page at phone and desktop widths, light and dark: nothing scrolls sideways,
no text is smaller than 12 px, and a screenshot of each is kept for a person to look at."""

import pytest

pytestmark = pytest.mark.browser

# (name, address): every kind of public page, with and without results.
PAGES = [
    ("home", "/"),
    ("meetings", "/meetings/"),
    ("meetings-filtered", "/meetings/?topic=proliferation-security-initiative&year=2008"),
    ("meeting", "/meetings/astop-v/"),
    ("series-index", "/series/"),
    ("series", "/series/astop/"),
    ("participants", "/participants/"),
    ("participant-asean", "/participants/asean/"),
    ("participant-japan", "/participants/japan/"),
    ("people", "/people/"),
    ("person", "/people/hitoshi-kimura/"),
    ("topics", "/topics/"),
    ("topic", "/topics/proliferation-security-initiative/"),
    ("search", "/search/?q=Pacific+Shield"),
    ("search-nothing", "/search/?q=whaling"),
    ("search-empty", "/search/"),
    ("not-found", "/meetings/no-such-meeting/"),
    ("api", "/api/v1/"),
]

# Elements holding text of their own whose computed size is under 12 px (visually hidden
# text excepted: it is not drawn).
SMALL_TEXT = """() => [...document.querySelectorAll('body *')].filter(element => {
  const own = [...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own || element.closest('.visually-hidden') || !element.getClientRects().length) return false;
  return parseFloat(getComputedStyle(element).fontSize) < 12;
}).map(element => element.tagName.toLowerCase() + '.' + element.className + ': '
  + element.textContent.trim().slice(0, 40))"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_no_page_scrolls_sideways_or_has_tiny_text(site, browser, screenshot, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    problems = []
    for name, url in PAGES:
        response = page.goto(site + url)
        assert response.status == (404 if name == "not-found" else 200), url
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"{url} scrolls {overflow} px sideways at {width} px ({scheme})")
        small = page.evaluate(SMALL_TEXT)
        if small:
            problems.append(f"{url} has text under 12 px at {width} px: {small[:3]}")
        screenshot(page, f"layout-{name}-{width}-{scheme}")
    context.close()
    assert not problems, "\n".join(problems)


def test_dark_mode_changes_the_colours(site, browser):
    """The same page reads light on dark when the reader's system asks for it."""
    colours = {}
    for scheme in ["light", "dark"]:
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(site + "/meetings/astop-v/")
        colours[scheme] = page.evaluate(
            "[getComputedStyle(document.body).backgroundColor,"
            " getComputedStyle(document.querySelector('.release-text')).backgroundColor]"
        )
        context.close()
    assert colours["light"] == ["rgb(253, 252, 249)", "rgb(255, 255, 255)"]
    assert colours["dark"] == ["rgb(20, 24, 29)", "rgb(28, 33, 39)"]
