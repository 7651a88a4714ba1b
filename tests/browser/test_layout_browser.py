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


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_no_page_scrolls_sideways_or_has_tiny_text(
    site, browser, screenshot, width, scheme, language
):
    """In English and in Japanese, whose long runs of characters without spaces must
    break inside the page too."""
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    problems = []
    for name, url in PAGES:
        # The API has one address, in English.
        if language != "en" and not url.startswith("/api/"):
            url = f"/{language}{url}"
        response = page.goto(site + url)
        assert response.status == (404 if name == "not-found" else 200), url
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"{url} scrolls {overflow} px sideways at {width} px ({scheme})")
        small = page.evaluate(SMALL_TEXT)
        if small:
            problems.append(f"{url} has text under 12 px at {width} px: {small[:3]}")
        screenshot(page, f"layout-{name}-{width}-{scheme}-{language}")
    context.close()
    assert not problems, "\n".join(problems)


# Links and controls that stand alone in their element (a menu item, a link in a list or a
# heading, a button), smaller than WCAG 2.2's 24 x 24 px. Links inside a sentence are exempt.
SMALL_TARGETS = """() => [...document.querySelectorAll('a[href], button, summary, select, input')]
.filter(e => {
  const box = e.getBoundingClientRect();
  if (!box.width || e.closest('.visually-hidden')) return false;
  const rest = e.parentElement.textContent.replace(e.textContent, '');
  return !/\\p{L}/u.test(rest) && (box.width < 24 || box.height < 24);
}).map(e => {
  const box = e.getBoundingClientRect();
  return `${e.tagName} ${e.textContent.trim().slice(0, 30)} ${box.width}x${box.height}`;
})"""


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_target_apart_from_running_text_is_24_px_on_a_phone(site, browser, language):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    problems = []
    # The site's own pages (the API's pages have their own stylesheet).
    for _name, url in [(name, url) for name, url in PAGES if not url.startswith("/api/")]:
        if language != "en":
            url = f"/{language}{url}"
        page.goto(site + url)
        small = page.evaluate(SMALL_TARGETS)
        if small:
            problems.append(f"{url}: {small}")
    context.close()
    assert not problems, "\n".join(problems)


# Japanese runs with no space to break at: a long name, a long address, a long word.
LONG_RUNS = """() => {
  const run = '核兵器不拡散条約'.repeat(12);
  const address = 'https://www.mofa.go.jp/mofaj/gaiko/kaku/' + 'kakuheiki_fukakusan_'.repeat(6);
  document.querySelector('h1').textContent = run;
  document.querySelector('main p').textContent = address + ' ' + run + '。';
  return document.scrollingElement.scrollWidth - window.innerWidth;
}"""


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("url", ["/ja/meetings/astop-v/", "/ja/participants/asean/", "/ja/"])
def test_long_japanese_runs_and_addresses_break_inside_the_page(site, browser, width, url):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site + url)
    assert page.evaluate(LONG_RUNS) <= 0
    context.close()


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
