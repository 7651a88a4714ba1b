"""A curator in a real browser: paste a release, confirm, edit, preview, publish; and two
curators editing the same meeting at once.

The live server runs at http://localhost:<port>: Chromium keeps the admin's Secure
session cookie on localhost (not on 127.0.0.1), so signing in works as in production.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from meetings.models import Meeting, Paragraph

pytestmark = pytest.mark.browser

RELEASE = """\
The Results of the Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI)

February 12, 2009

  1. The Ministry of Foreign Affairs held the Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI) on Tuesday, February 10, at Mita House. Senior officials from the ASEAN member countries, Canada, China, and Japan, the host, participated in the meeting.
  2. Mr. Hitoshi KIMURA, Senior Vice-Minister for Foreign Affairs, gave an opening speech, in which he referred to the PSI.
  3. (1) Participants exchanged views on export control.

    (*)  Nuclear Renaissance: Re-evaluation of the nuclear power generation.

Back to Index
"""  # noqa: E501


def curator(username):
    return get_user_model().objects.create_superuser(username, password=f"{username}-pw-2009")


def sign_in(page, site, username):
    page.goto(f"{site}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"{username}-pw-2009")
    page.get_by_role("button", name="Log in").click()
    assert page.url == f"{site}/admin/", page.url


def test_a_curator_enters_checks_previews_and_publishes_a_meeting(site, page, screenshot):
    assert site.startswith("http://localhost:")
    curator("alice")
    sign_in(page, site, "alice")

    page.goto(f"{site}/admin/meetings/meeting/")
    page.get_by_role("link", name="Import from a press release").click()
    page.get_by_label("Text of the release").fill(RELEASE)
    page.get_by_role("button", name="Read the release").click()

    # What was read: the meeting's facts prefilled, each proposal kept unless dropped.
    assert page.get_by_label("Short name").input_value() == "ASTOP-VI"
    assert page.get_by_label("Web address").input_value() == "astop-vi"
    assert page.get_by_label("Edition").input_value() == "6"
    assert page.get_by_label("Start date").input_value() == "2009-02-10"
    assert page.get_by_label("Published on").input_value() == "2009-02-12"
    assert page.locator("#release-paragraphs tbody tr").count() == 7
    keep = page.locator("#participants input[name$='-keep']")
    assert keep.count() == 4
    assert all(box.is_checked() for box in keep.all())
    # China is left out here, to be added on the meeting's page.
    page.locator("tr.participant", has_text="“China”").locator("input[name$='-keep']").uncheck()
    screenshot(page, "admin-import-proposals")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Draft “ASTOP-VI” created from the release")).to_be_visible()
    meeting = Meeting.objects.get(slug="astop-vi")
    assert list(meeting.participations.values_list("organization__slug", flat=True)) == [
        "asean",
        "canada",
        "japan",
    ]
    assert meeting.appearances.get().person.slug == "hitoshi-kimura"

    # Add a participant in the inline: China, cited to paragraph 1.
    inline = page.locator("#participations-group")
    inline.get_by_role("button", name="Add another Participation").click()
    row = inline.locator("tr.form-row.dynamic-participations").last
    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("China")
    page.locator(".select2-results__option", has_text="China").click()
    row.locator("input[name$='-source_words']").fill("China")
    row.locator("input[name$='-position']").fill("4")
    first_paragraph = meeting.sources.get().paragraphs.get(label="1.")
    row.locator("select[name$='-source_paragraph']").select_option(str(first_paragraph.pk))
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    assert meeting.participations.filter(organization__slug="china").exists()
    screenshot(page, "admin-meeting-draft")

    # Preview the draft at its public address.
    page.locator(".object-tools").get_by_role("link", name="Preview draft").click()
    assert page.url == f"{site}/meetings/astop-vi/"
    expect(page.get_by_text("Draft — not public.")).to_be_visible()
    screenshot(page, "admin-preview-draft")

    # Publish it from the list, then find it on the public list.
    page.goto(f"{site}/admin/meetings/meeting/")
    page.locator("tr", has_text="ASTOP-VI").locator("input.action-select").check()
    page.get_by_role("combobox", name="Action").select_option(label="Publish the selected meetings")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("Published: ASTOP-VI.")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED

    anonymous = page.context.browser.new_context()
    public = anonymous.new_page()
    public.goto(f"{site}/meetings/")
    assert public.get_by_text(
        "Sixth Asian Senior-level Talks on Non-Proliferation"
    ).first.is_visible()
    screenshot(public, "admin-published-on-public-list")
    anonymous.close()


def test_two_curators_edit_the_same_meeting_and_the_second_is_refused(
    site, page, browser, screenshot
):
    """Alice changes a participation row; Bob's form, opened before, would put it back."""
    curator("alice")
    curator("bob")
    meeting = Meeting.objects.get(slug="astop-v")
    china = meeting.participations.get(organization__slug="china")
    china.save()  # a first version in the history, as a record entered in the admin has
    change_url = f"{site}/admin/meetings/meeting/{meeting.pk}/change/"

    sign_in(page, site, "alice")
    other_context = browser.new_context(viewport={"width": 1280, "height": 900})
    other = other_context.new_page()
    errors = []
    other.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(other, site, "bob")

    page.goto(change_url)
    other.goto(change_url)

    china_words = page.locator("#participations-group input[name$='-source_words'][value='China']")
    china_words.fill("the People’s Republic of China")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()

    other.get_by_label("City").fill("Tokyo, Japan")
    other.get_by_role("button", name="Save and continue editing").first.click()
    refusal = other.locator(".errorlist.nonfield")
    expect(
        refusal.get_by_text(re.compile(r"^Not saved: this was changed after you opened it"))
    ).to_be_visible()
    text = refusal.inner_text()
    assert "Nothing was overwritten, and what you entered is still below." in text
    assert re.search(
        r"alice, .*: changed participation “China at ASTOP-V \(Participant\)”: "
        r"Source words “China” → “the People’s Republic of China”",
        text,
    ), text
    assert other.get_by_label("City").input_value() == "Tokyo, Japan"  # Bob's input, kept
    screenshot(other, "admin-stale-edit-refused")
    china.refresh_from_db()
    meeting.refresh_from_db()
    assert china.source_words == "the People’s Republic of China"
    assert meeting.city == "Tokyo"

    # Opened again, Bob's form shows Alice's change, and his save goes through.
    other.goto(change_url)
    other.get_by_label("City").fill("Tokyo, Japan")
    other.get_by_role("button", name="Save and continue editing").first.click()
    expect(other.get_by_text("was changed successfully")).to_be_visible()
    china.refresh_from_db()
    meeting.refresh_from_db()
    assert (china.source_words, meeting.city) == ("the People’s Republic of China", "Tokyo, Japan")
    other_context.close()
    assert not errors


def test_an_editors_correction_waits_for_a_publisher_and_shows_on_the_public_page(
    site, page, browser, screenshot
):
    editor = get_user_model().objects.create_user("bob", password="bob-pw-2009", is_staff=True)
    # An Editor: everything on the archive but publishing. (Transactional tests run on
    # emptied tables, without the groups a migration makes.)
    meetings = Permission.objects.filter(content_type__app_label="meetings")
    editor.user_permissions.set(meetings.exclude(codename="publish_meeting"))
    curator("alice")
    paragraph = Paragraph.objects.get(document__meeting__slug="astop-v", position=3)

    sign_in(page, site, "bob")
    page.goto(f"{site}/admin/meetings/paragraph/{paragraph.pk}/change/")
    expect(page.get_by_text("your changes here wait for a Publisher")).to_be_visible()
    text = page.get_by_label("Text")
    text.fill(text.input_value().replace("Mita House", "Mita Kaigisho"))
    reason = "The venue's name as the ministry spells it."
    page.get_by_label("Reason for the correction").fill(reason)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("waits for a Publisher")).to_be_visible()
    expect(page.locator("#revision-changes ins", has_text="Kaigisho")).to_be_visible()
    screenshot(page, "admin-revision-waiting")
    paragraph.refresh_from_db()
    assert "Mita House" in paragraph.text

    other_context = browser.new_context(viewport={"width": 1280, "height": 900})
    other = other_context.new_page()
    sign_in(other, site, "alice")
    other.goto(page.url)
    other.get_by_role("button", name="Publish this change").click()
    expect(other.get_by_text("Published: paragraph")).to_be_visible()
    paragraph.refresh_from_db()
    assert "Mita Kaigisho" in paragraph.text

    public = other_context.new_page()
    public.goto(f"{site}/meetings/astop-v/")
    note = public.locator(f"#{paragraph.anchor} .correction-note")
    expect(note).to_contain_text(reason)
    expect(note).to_contain_text("Before: “1. The Ministry of Foreign Affairs held")
    screenshot(public, "public-correction-note")
    other_context.close()
