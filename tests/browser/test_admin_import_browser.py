"""A curator imports a hard record in a real browser and counts the actions it takes; the
screens fit a 1280 px window; leaving a changed form asks first."""

import datetime

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting
from tests.test_admin_import import HARD

from .test_admin_browser import curator, sign_in

pytestmark = pytest.mark.browser

MAX_ACTIONS = 30  # after the paste, to a correct saved draft (the target)


class Counted:
    """The curator's clicks, choices and typing, counted."""

    def __init__(self, page):
        self.page = page
        self.actions = 0

    def click(self, locator):
        self.actions += 1
        locator.click()

    def choose(self, locator, value):
        self.actions += 1
        locator.select_option(value)


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def overflowing_proposals(page):
    """The proposal sections (and their tables) wider than the box they sit in: each
    would scroll sideways at this window's width."""
    return page.evaluate(
        """[...document.querySelectorAll('.release-import .proposals')].flatMap(section =>
            [section, ...section.querySelectorAll('table')]
              .filter(box => box.scrollWidth > section.clientWidth)
              .map(box => `${section.id} ${box.tagName} ${box.scrollWidth}`))"""
    )


def test_a_hard_record_takes_a_handful_of_actions_after_the_paste(site, page, screenshot):
    curator("hana")
    sign_in(page, site, "hana")
    page.goto(f"{site}/admin/meetings/meeting/import/")
    page.get_by_label("Text of the release").fill(HARD)
    curator_actions = Counted(page)
    curator_actions.click(page.get_by_role("button", name="Read the release"))

    # What was read, at the top and prefilled.
    expect(page.get_by_text("2021 is inferred from the date line (2021-02-08)")).to_be_visible()
    assert page.get_by_label("Web address").input_value() == "astop-xv"
    assert page.get_by_label("Edition").input_value() == "15"
    assert page.get_by_label("Start date").input_value() == "2021-02-03"
    assert page.evaluate("window.innerWidth") == 1280
    assert page_width(page) <= 1280, "the check screen scrolls sideways"
    assert overflowing_proposals(page) == []
    screenshot(page, "admin-import-check-1280")

    # A refused save lists the error at the top, with a link to its row.
    sugimori = page.locator("tr.person", has_text="Kenta SUGIMORI")
    sugimori.locator("input[name$='-title']").fill("")
    page.get_by_role("button", name="Save").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Give the title held at this meeting")
    summary.get_by_role("link").first.click()
    expect(page).to_have_url(f"{site}/admin/meetings/meeting/import/#row-person-0")
    assert page_width(page) <= 1280 and overflowing_proposals(page) == []
    screenshot(page, "admin-import-errors-1280")
    sugimori.locator("input[name$='-title']").fill("State Minister for Foreign Affairs")

    # The one correction this release needs: Japan hosted the meeting it co-chaired.
    japan = page.locator("tr.participant", has_text="“Japan” (¶4)")
    curator_actions.choose(japan.locator("select[name$='-role']"), "host")
    curator_actions.choose(japan.locator("select[name$='-chair_role']"), "co_chair")
    curator_actions.click(page.get_by_role("button", name="Save"))

    expect(page.get_by_text("Draft “ASTOP-XV” created from the release")).to_be_visible()
    assert curator_actions.actions <= MAX_ACTIONS
    print(f"\nactions after the paste: {curator_actions.actions}")

    meeting = Meeting.objects.get(slug="astop-xv")
    assert (meeting.start_date, meeting.venue_name, meeting.city) == (
        datetime.date(2021, 2, 3),
        "Mita Kaigisho (Mita Conference Hall)",
        "Tokyo",
    )
    rows = {
        p.organization.slug: (p.status, p.role, p.chair_role, p.list_complete, p.named_under_id)
        for p in meeting.participations.select_related("organization")
    }
    asean = meeting.participations.get(organization__slug="asean").pk
    assert rows == {
        "japan": ("attended", "host", "co_chair", True, None),
        "singapore": ("attended", "co_chair", "", True, None),
        "asean": ("attended", "participant", "", False, None),
        "brunei-darussalam": ("attended", "participant", "", True, asean),
        "indonesia": ("attended", "participant", "", True, asean),
        "viet-nam": ("attended", "participant", "", True, asean),
        "australia": ("attended", "participant", "", True, None),
        "canada": ("attended", "participant", "", True, None),
        "republic-of-korea": ("attended", "participant", "", True, None),
        "united-states": ("attended", "participant", "", True, None),
        "myanmar": ("absent", "participant", "", True, asean),  # a member, said absent
    }
    assert list(meeting.participant_counts.values_list("count", "approximate", "what")) == [
        (18, False, "countries and organisations"),
        (50, True, "people"),
    ]
    appearance = meeting.appearances.select_related("person").get()
    assert (appearance.person.name, appearance.title, appearance.role) == (
        "Kenta Sugimori",
        "State Minister for Foreign Affairs",
        "opening_speech",
    )
    assert meeting.sources.get().rebuild() == HARD

    # The meeting's page fits the window too, with its new inlines.
    assert page_width(page) <= 1280, "the meeting's page scrolls sideways"
    expect(page.locator("#participant_counts-group")).to_contain_text("about")
    screenshot(page, "admin-meeting-change-1280")


def test_leaving_a_changed_form_asks_first(site, page):
    curator("ines")
    sign_in(page, site, "ines")
    meeting = Meeting.objects.get(slug="astop-v")
    page.goto(f"{site}/admin/meetings/meeting/{meeting.pk}/change/")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))

    page.get_by_label("City").click()
    page.get_by_label("City").fill("Tokyo, Minato")
    page.locator(".breadcrumbs a", has_text="Home").click()
    assert asked == ["beforeunload"]
    assert "/change/" in page.url  # dismissed: the curator stays with the change

    # Saving is not leaving: no question, and the change is kept.
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    assert asked == ["beforeunload"]
    page.locator(".breadcrumbs a", has_text="Home").click()
    expect(page).to_have_url(f"{site}/admin/")
    assert asked == ["beforeunload"]

    # A choice in an autocomplete box (select2 announces it through jQuery only) counts too.
    page.goto(f"{site}/admin/meetings/meeting/{meeting.pk}/change/")
    row = page.locator("#participations-group tr.form-row.has_original").first
    row.locator(".select2-selection").click()
    page.locator(".select2-search--dropdown .select2-search__field").fill("Canada")
    page.locator(".select2-results__option", has_text="Canada").click()
    page.locator(".breadcrumbs a", has_text="Home").click()
    assert asked == ["beforeunload", "beforeunload"]
