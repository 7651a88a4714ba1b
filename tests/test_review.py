"""An Editor's change to a published record waits for a Publisher; corrections of the
verbatim text are a Publisher's act with a reason, shown on the public page."""

import pytest
from django.test import Client

from meetings.models import (
    Correction,
    Meeting,
    Organization,
    Paragraph,
    Participation,
    Revision,
    SourceDocument,
)

from .release import visible_text
from .test_admin import (
    admin_url,
    client_for,
    errors_of,
    form_data,
    inline_prefix,
    staff_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def astop_v():
    return Meeting.objects.get(slug="astop-v")


@pytest.fixture
def editor():
    return client_for(staff_in("Editors", "bob"))


@pytest.fixture
def publisher():
    return client_for(staff_in("Publishers", "alice"))


def propose(client, url, **changes):
    """Post the change form at ``url`` with ``changes``; return the response."""
    data = form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def public_title(slug="astop-v"):
    response = Client().get(f"/meetings/{slug}/")
    assert response.status_code == 200
    return response.context["meeting"].title


# --- Held for a Publisher ---------------------------------------------------------------------


def test_an_editors_change_to_a_published_meeting_waits_for_a_publisher(astop_v, editor, publisher):
    original = astop_v.title
    url = admin_url(Meeting, "change", astop_v.pk)
    assert "your changes here wait for a Publisher" in visible_text(
        editor.get(url).content.decode()
    )
    response = propose(editor, url, title="Fifth talks, as edited")
    revision = Revision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == admin_url(Revision, "change", revision.pk)
    astop_v.refresh_from_db()
    assert astop_v.title == original
    assert public_title() == original  # the public page keeps the published version
    assert (revision.status, revision.proposed_by, revision.meeting) == ("pending", "bob", astop_v)
    assert revision.changes == [
        {
            "object": "Meeting",
            "field": "Title",
            "before": original,
            "after": "Fifth talks, as edited",
        }
    ]

    # Staff see it as a diff; the Editor cannot decide it.
    page = editor.get(admin_url(Revision, "change", revision.pk))
    assert page.status_code == 200
    assert "<ins>talks, as edited</ins>" in page.content.decode()
    assert "Publish this change" not in page.content.decode()
    assert (
        editor.post(admin_url(Revision, "change", revision.pk), {"_publish": "1"}).status_code
        == 403
    )
    # The meeting's page lists what waits.
    assert "Changes waiting for a Publisher" in editor.get(url).content.decode()

    response = publisher.post(admin_url(Revision, "change", revision.pk), {"_publish": "1"})
    assert response.status_code == 302
    assert response["Location"] == url
    astop_v.refresh_from_db()
    assert astop_v.title == "Fifth talks, as edited"
    revision.refresh_from_db()
    assert (revision.status, revision.decided_by) == ("published", "alice")
    latest = astop_v.history.latest()
    assert latest.history_user.username == "alice"
    assert latest.history_change_reason.startswith("Proposed by bob on ")
    assert latest.history_change_reason.endswith("; published by alice")


def test_a_publisher_discards_a_proposed_change(astop_v, editor, publisher):
    propose(editor, admin_url(Meeting, "change", astop_v.pk), city="Elsewhere")
    revision = Revision.objects.get()
    response = publisher.post(admin_url(Revision, "change", revision.pk), {"_discard": "1"})
    assert response.status_code == 302
    revision.refresh_from_db()
    assert (revision.status, revision.decided_by) == ("discarded", "alice")
    astop_v.refresh_from_db()
    assert astop_v.city == "Tokyo"
    # A decided change cannot be published afterwards.
    publisher.post(admin_url(Revision, "change", revision.pk), {"_publish": "1"})
    astop_v.refresh_from_db()
    assert astop_v.city == "Tokyo"


def test_an_unchanged_form_proposes_nothing(astop_v, editor):
    url = admin_url(Meeting, "change", astop_v.pk)
    response = propose(editor, url)
    assert response.status_code == 302
    assert response["Location"] == url
    assert not Revision.objects.exists()
    page = editor.get(url)
    assert "Nothing was changed: there is nothing to publish." in page.content.decode()


def test_a_publishers_own_change_goes_live_at_once(astop_v, publisher):
    response = propose(publisher, admin_url(Meeting, "change", astop_v.pk), city="Minato")
    assert response.status_code == 302
    astop_v.refresh_from_db()
    assert astop_v.city == "Minato"
    assert not Revision.objects.exists()


def test_inline_rows_of_a_published_meeting_wait_too(astop_v, editor, publisher):
    url = admin_url(Meeting, "change", astop_v.pk)
    page = editor.get(url)
    data = form_data(page)
    prefix = inline_prefix(page, Participation)
    row = next(
        i
        for i in range(int(data[f"{prefix}-TOTAL_FORMS"]))
        if data[f"{prefix}-{i}-source_words"] == "China"
    )
    data[f"{prefix}-{row}-source_words"] = "the People’s Republic of China"
    assert editor.post(url, data).status_code == 302
    china = astop_v.participations.get(organization__slug="china")
    assert china.source_words == "China"
    revision = Revision.objects.get()
    assert {
        "object": "Participation “China at ASTOP-V (Participant)”",
        "field": "Source words",
        "before": "China",
        "after": "the People’s Republic of China",
    } in revision.changes
    publisher.post(admin_url(Revision, "change", revision.pk), {"_publish": "1"})
    china.refresh_from_db()
    assert china.source_words == "the People’s Republic of China"
    assert china.history.latest().history_change_reason.startswith("Proposed by bob")


@pytest.mark.parametrize("page", ["change", "add"])
def test_a_part_edited_on_its_own_page_waits_too(astop_v, editor, publisher, page):
    china = astop_v.participations.get(organization__slug="china")
    if page == "change":
        url = admin_url(Participation, "change", china.pk)
        response = propose(editor, url, source_words="PRC")
    else:
        url = admin_url(Participation, "add")
        response = editor.post(
            url,
            {
                "meeting": astop_v.pk,
                "organization": Organization.objects.create(
                    name="Mongolia", slug="mongolia", classification="country"
                ).pk,
                "role": "observer",
                "source_words": "Mongolia",
                "position": "20",
                "source_paragraph": Paragraph.objects.get(document__meeting=astop_v, position=3).pk,
            },
        )
    assert response.status_code == 302, errors_of(response)
    before = sorted(astop_v.participations.values_list("organization__slug", "source_words"))
    revision = Revision.objects.get()
    assert revision.title.startswith("participation" if page == "change" else "a new participation")
    publisher.post(admin_url(Revision, "change", revision.pk), {"_publish": "1"})
    after = sorted(astop_v.participations.values_list("organization__slug", "source_words"))
    assert after != before
    assert ("china", "PRC") in after or ("mongolia", "Mongolia") in after


def test_an_editor_cannot_delete_or_revert_a_published_record_directly(astop_v, editor):
    china = astop_v.participations.get(organization__slug="china")
    response = editor.post(admin_url(Participation, "delete", china.pk), {"post": "yes"})
    assert "deleting it is a Publisher’s act" in visible_text(response.content.decode())
    assert Participation.objects.filter(pk=china.pk).exists()

    # A revert is a change like any other.
    astop_v.save()  # a first version in the history, as loaded
    astop_v.city = "Elsewhere"
    astop_v.save()
    first = astop_v.history.earliest()
    url = admin_url(Meeting, "simple_history", astop_v.pk, first.history_id)
    assert editor.post(url, form_data(editor.get(url))).status_code == 302
    astop_v.refresh_from_db()
    assert astop_v.city == "Elsewhere"
    assert Revision.objects.get().changes[0]["field"] == "City"


def test_a_proposal_made_stale_by_a_later_change_is_not_published(astop_v, editor, publisher):
    url = admin_url(Meeting, "change", astop_v.pk)
    propose(editor, url, title="Bob’s title")
    propose(publisher, url, city="Minato")  # goes live, after Bob's proposal
    revision = Revision.objects.get()
    response = publisher.post(admin_url(Revision, "change", revision.pk), {"_publish": "1"})
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "Not published:" in text
    assert "alice, " in text and "changed meeting “ASTOP-V”" in text
    astop_v.refresh_from_db()
    assert (astop_v.title, astop_v.city) != ("Bob’s title", "Tokyo")
    assert astop_v.city == "Minato"
    revision.refresh_from_db()
    assert revision.status == "pending"


def test_editors_of_a_draft_save_directly(editor):
    draft = Meeting.objects.get(slug="astop-v")
    draft.unpublish()
    assert propose(editor, admin_url(Meeting, "change", draft.pk), city="Minato").status_code == 302
    draft.refresh_from_db()
    assert draft.city == "Minato"
    assert not Revision.objects.exists()


def test_revision_list_and_query_count(editor, astop_v, django_assert_num_queries):
    propose(editor, admin_url(Meeting, "change", astop_v.pk), city="A")
    propose(editor, admin_url(Meeting, "change", astop_v.pk), city="B")
    # Session, user, permissions (three), counts (two), the date drill-down and the page
    # of rows with their meetings joined: none per row.
    with django_assert_num_queries(9):
        response = editor.get(admin_url(Revision, "changelist"))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 2


# --- Corrections of the verbatim text -------------------------------------------------------------


def paragraph_3():
    return Paragraph.objects.get(document__meeting__slug="astop-v", position=3)


def test_correcting_published_text_needs_a_reason_and_shows_on_the_public_page(publisher):
    paragraph = paragraph_3()
    url = admin_url(Paragraph, "change", paragraph.pk)
    corrected = paragraph.text.replace("Mita House", "Mita Kaigisho")
    response = propose(publisher, url, text=corrected)
    assert response.status_code == 200
    assert "reason: This paragraph belongs to a published source" in errors_of(response)
    paragraph.refresh_from_db()
    assert "Mita House" in paragraph.text

    response = propose(publisher, url, text=corrected, reason="The release misspelt the venue.")
    assert response.status_code == 302, errors_of(response)
    correction = Correction.objects.get()
    assert (correction.corrected_by, correction.proposed_by) == ("alice", "")
    assert "Mita House" in correction.text_before and "Mita Kaigisho" in correction.text_after
    latest = paragraph.history.latest()
    assert latest.history_change_reason == "Correction: The release misspelt the venue."

    page = Client().get("/meetings/astop-v/")
    assert page.status_code == 200
    text = visible_text(page.content.decode())
    assert "Mita Kaigisho" in text
    assert "(text): The release misspelt the venue. Before: “1. The Ministry" in text
    assert "Corrected by the archive on " in text


def test_an_editors_correction_waits_and_keeps_both_names(editor, publisher):
    paragraph = paragraph_3()
    url = admin_url(Paragraph, "change", paragraph.pk)
    response = propose(editor, url, label="1)", reason="Printed as “1)” in the original.")
    assert response.status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.label == "1."
    revision = Revision.objects.get()
    publisher.post(admin_url(Revision, "change", revision.pk), {"_publish": "1"})
    paragraph.refresh_from_db()
    assert paragraph.label == "1)"
    correction = Correction.objects.get()
    assert (correction.corrected_by, correction.proposed_by) == ("alice", "bob")
    assert correction.what == "label “1.” → “1)”"


def test_a_published_sources_paragraphs_are_read_only_on_the_source_page(admin_client, astop_v):
    source = astop_v.sources.get()
    page = admin_client.get(admin_url(SourceDocument, "change", source.pk))
    html = page.content.decode()
    assert 'name="paragraphs-0-text"' not in html
    assert 'name="paragraphs-__prefix__-text"' not in html  # no rows to add
    assert admin_url(Paragraph, "change", paragraph_3().pk) in html  # corrected on its own page
    astop_v.unpublish()
    html = admin_client.get(admin_url(SourceDocument, "change", source.pk)).content.decode()
    assert 'name="paragraphs-0-text"' in html
