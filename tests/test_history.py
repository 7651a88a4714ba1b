"""Never losing anything: history, comparison, revert, restore, and stale edits refused."""

import threading

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client

from meetings.models import DiscussionPoint, Meeting, Paragraph, Participation, Person

from .builders import grow_meeting, make_meeting
from .release import visible_text
from .test_admin import admin_url, client_for, errors_of, form_data, staff_in

pytestmark = pytest.mark.django_db


def edit_meeting(client, meeting, **changes):
    url = admin_url(Meeting, "change", meeting.pk)
    data = form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    return response


@pytest.fixture
def draft():
    return grow_meeting(make_meeting(slug="astop-draft", ordinal=6, status="draft"), 3)


@pytest.fixture
def alice():
    return staff_in("Publishers", "alice")


@pytest.fixture
def bob():
    return staff_in("Editors", "bob")


# --- History, comparison and revert -----------------------------------------------------------


def test_history_says_who_changed_what_and_when(draft, alice):
    staff = client_for(alice)
    edit_meeting(staff, draft, title="Sixth talks")
    edit_meeting(staff, draft, city="Tokyo")
    response = staff.get(admin_url(Meeting, "history", draft.pk))
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    records = response.context["page_obj"].object_list
    assert [record.history_user for record in records] == [alice, alice, None]
    assert "Title: Test meeting astop-draft → Sixth talks" in text
    assert "City: → Tokyo" in text
    assert 'value="Compare the two chosen versions"' in response.content.decode()


def test_compare_two_versions_shows_the_words_that_changed(draft, alice):
    staff = client_for(alice)
    first = draft.history.latest()
    edit_meeting(staff, draft, title="Sixth talks on export control")
    edit_meeting(staff, draft, city="Tokyo")
    last = draft.history.latest()
    response = staff.get(
        admin_url(Meeting, "compare", draft.pk),
        {"old": first.history_id, "new": last.history_id},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<del>Test meeting astop-draft</del> <ins>Sixth talks on export control</ins>" in page
    assert "<ins>Tokyo</ins>" in page
    labels = [row["label"] for row in response.context["rows"]]
    assert set(labels) == {"Title", "City"}
    # Any order of the two choices compares older to newer; unknown ids fall back.
    swapped = staff.get(
        admin_url(Meeting, "compare", draft.pk),
        {"old": last.history_id, "new": first.history_id},
    )
    assert swapped.context["old"] == first
    assert staff.get(admin_url(Meeting, "compare", draft.pk), {"old": "x"}).status_code == 200


def test_revert_to_an_earlier_version(draft, alice):
    staff = client_for(alice)
    original = draft.history.latest()
    edit_meeting(staff, draft, title="A wrong title", city="Nowhere")
    draft.refresh_from_db()
    version_before_revert = draft.version

    url = admin_url(Meeting, "simple_history", draft.pk, original.history_id)
    page = staff.get(url)
    assert page.status_code == 200
    response = staff.post(url, form_data(page))
    assert response.status_code == 302, errors_of(response)
    draft.refresh_from_db()
    assert (draft.title, draft.city) == ("Test meeting astop-draft", "")
    # The version only goes up, so stale forms stay stale.
    assert draft.version == version_before_revert + 1
    assert draft.history.latest().history_user == alice


def test_an_editor_reverting_to_a_published_version_keeps_the_draft(draft, alice, bob):
    edit_meeting(client_for(alice), draft, _publish="1")
    published = draft.history.latest()
    assert published.status == "published"
    edit_meeting(client_for(alice), draft, _unpublish="1")

    editor = client_for(bob)
    url = admin_url(Meeting, "simple_history", draft.pk, published.history_id)
    response = editor.post(url, form_data(editor.get(url)))
    assert response.status_code == 302, errors_of(response)
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT


# --- Deleted rows and their restore -------------------------------------------------------------


def meeting_rows(meeting_id):
    return (
        Participation.objects.filter(meeting_id=meeting_id).count(),
        DiscussionPoint.objects.filter(meeting_id=meeting_id).count(),
        Paragraph.objects.filter(document__meeting_id=meeting_id).count(),
        sorted(
            DiscussionPoint.objects.filter(meeting_id=meeting_id).values_list(
                "position", "topics__slug"
            )
        ),
    )


def test_a_deleted_meeting_is_restored_with_everything_deleted_with_it(draft, alice):
    staff = client_for(alice)
    before = meeting_rows(draft.pk)
    assert before[:3] == (3, 3, 4)

    response = staff.post(admin_url(Meeting, "delete", draft.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk=draft.pk).exists()
    assert meeting_rows(draft.pk)[:3] == (0, 0, 0)

    listing = staff.get(admin_url(Meeting, "deleted"))
    assert listing.status_code == 200
    [record] = listing.context["records"]
    assert record.history_user == alice
    assert "ASTOP-DRAFT" in visible_text(listing.content.decode())

    response = staff.post(admin_url(Meeting, "restore", record.history_id), follow=True)
    assert response.redirect_chain[-1][0] == admin_url(Meeting, "change", draft.pk)
    text = visible_text(response.content.decode())
    assert "Restored “ASTOP-DRAFT”, with 11 rows deleted with it." in text
    assert meeting_rows(draft.pk) == before
    restored = Meeting.objects.get(pk=draft.pk)
    assert restored.status == Meeting.Status.DRAFT
    entry = LogEntry.objects.get(object_id=str(draft.pk), action_flag=ADDITION)
    assert entry.user == alice
    assert staff.get(admin_url(Meeting, "deleted")).context["records"] == []


def test_a_participation_deleted_before_the_meeting_stays_deleted(draft, alice):
    staff = client_for(alice)
    participation = draft.participations.first()
    history = Participation.history.filter(id=participation.pk, history_type="-")
    participation.delete()
    history.update(history_date=history.get().history_date.replace(year=2020))
    staff.post(admin_url(Meeting, "delete", draft.pk), {"post": "yes"})
    record = Meeting.history.filter(id=draft.pk, history_type="-").get()
    staff.post(admin_url(Meeting, "restore", record.history_id))
    assert draft.participations.count() == 2


def test_a_deleted_person_is_restored(alice):
    staff = client_for(alice)
    person = Person.objects.create(name="Akiko Yamada", sort_name="Yamada, Akiko", slug="yamada")
    staff.post(admin_url(Person, "delete", person.pk), {"post": "yes"})
    assert not Person.objects.filter(pk=person.pk).exists()
    record = staff.get(admin_url(Person, "deleted")).context["records"][0]
    staff.post(admin_url(Person, "restore", record.history_id))
    assert Person.objects.get(pk=person.pk).name == "Akiko Yamada"


def test_restore_is_refused_readably_when_the_slug_was_taken_again(alice):
    staff = client_for(alice)
    person = Person.objects.create(name="Akiko Yamada", sort_name="Yamada, Akiko", slug="yamada")
    staff.post(admin_url(Person, "delete", person.pk), {"post": "yes"})
    Person.objects.create(name="Another", sort_name="Another", slug="yamada")
    record = Person.history.filter(history_type="-").get()
    response = staff.post(admin_url(Person, "restore", record.history_id), follow=True)
    text = visible_text(response.content.decode())
    assert "“Akiko Yamada” cannot be restored: Person with this Slug already exists." in text
    assert not Person.objects.filter(pk=person.pk).exists()


def test_only_staff_who_may_add_can_restore(draft, alice):
    client_for(alice).post(admin_url(Meeting, "delete", draft.pk), {"post": "yes"})
    record = Meeting.history.filter(history_type="-").get()
    viewer = staff_in("Editors", "viewer")
    viewer.groups.clear()
    assert (
        client_for(viewer).post(admin_url(Meeting, "restore", record.history_id)).status_code == 403
    )
    assert (
        client_for(alice).get(admin_url(Meeting, "restore", record.history_id)).status_code == 405
    )


# --- Two curators, one meeting -------------------------------------------------------------------


def test_the_second_save_of_a_meeting_opened_twice_is_refused(draft, alice, bob):
    first, second = client_for(alice), client_for(bob)
    url = admin_url(Meeting, "change", draft.pk)
    alices_form = form_data(first.get(url))
    bobs_form = form_data(second.get(url))

    alices_form["title"] = "Alice’s title"
    assert first.post(url, alices_form).status_code == 302

    bobs_form["title"] = "Bob’s title"
    bobs_form["city"] = "Bob’s city"
    response = second.post(url, bobs_form)
    assert response.status_code == 200
    errors = errors_of(response)
    assert errors.startswith("Not saved: this was changed after you opened it (")
    assert "Nothing was overwritten, and what you entered is still below." in errors
    assert (
        ": changed meeting “ASTOP-DRAFT”: Title “Test meeting astop-draft” → “Alice’s title”."
        in errors
    )
    assert "alice, " in errors
    assert "Title: saved “Alice’s title”; this form “Bob’s title”." in errors
    # What Bob entered is still on the page.
    assert response.context["adminform"].form["city"].value() == "Bob’s city"
    draft.refresh_from_db()
    assert (draft.title, draft.city) == ("Alice’s title", "")

    # Bob opens the meeting again, and his save goes through.
    bobs_form = form_data(second.get(url))
    bobs_form["city"] = "Bob’s city"
    assert second.post(url, bobs_form).status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.city) == ("Alice’s title", "Bob’s city")


def test_a_stale_save_also_names_changed_parts(draft, alice, bob):
    first, second = client_for(alice), client_for(bob)
    url = admin_url(Meeting, "change", draft.pk)
    page = first.get(url)
    bobs_form = form_data(second.get(url))
    alices_form = form_data(page)
    prefix = next(
        i.formset.prefix
        for i in page.context["inline_admin_formsets"]
        if i.formset.model is Participation
    )
    alices_form[f"{prefix}-0-source_words"] = "Country zero, as printed"
    assert first.post(url, alices_form).status_code == 302
    errors = errors_of(second.post(url, bobs_form))
    assert "alice, " in errors
    assert ": changed participation “Country 0 at ASTOP-DRAFT (Participant)”." in errors


def test_a_stale_save_cannot_revert_a_colleagues_change_to_an_inline_row(draft, alice, bob):
    """Bob's form, opened before Alice changed a participation on its own page, still
    carries the old row: saving it would silently put the old words back."""
    url = admin_url(Meeting, "change", draft.pk)
    bobs_form = form_data(client_for(bob).get(url))
    participation = draft.participations.order_by("position").first()
    participation.save()  # its first version in the history (bulk_create records none)
    own_url = admin_url(Participation, "change", participation.pk)
    alices_form = form_data(client_for(alice).get(own_url))
    alices_form["source_words"] = "Country zero, as printed"
    assert client_for(alice).post(own_url, alices_form).status_code == 302
    bobs_form["summary"] = "Bob’s summary"
    response = client_for(bob).post(url, bobs_form)
    assert response.status_code == 200
    errors = errors_of(response)
    assert "alice, " in errors and "Source words “Country 0” → “Country zero, as printed”" in (
        errors
    )
    participation.refresh_from_db()
    assert participation.source_words == "Country zero, as printed"
    draft.refresh_from_db()
    assert draft.summary == ""


def test_a_stale_save_of_a_record_without_earlier_history_is_refused_too(alice, bob):
    astop_v = Meeting.objects.get(slug="astop-v")  # loaded from the fixture: no history yet
    first, second = client_for(alice), client_for(bob)
    url = admin_url(Meeting, "change", astop_v.pk)
    alices_form, bobs_form = form_data(first.get(url)), form_data(second.get(url))
    alices_form["city"] = "Minato, Tokyo"
    assert first.post(url, alices_form).status_code == 302
    errors = errors_of(second.post(url, bobs_form))
    assert "Not saved: this was changed after you opened it" in errors
    assert "alice, " in errors and ": changed meeting “ASTOP-V”." in errors
    assert "City: saved “Minato, Tokyo”; this form “Tokyo”." in errors
    astop_v.refresh_from_db()
    assert astop_v.city == "Minato, Tokyo"


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_the_version_check_waits_for_a_save_in_progress():
    """A save that started first holds the row; the second check runs after it commits."""
    # Transactional tests run last, on emptied tables: bring back what this one needs.
    call_command("loaddata", "astop_v", verbosity=0)
    Client().get("/")  # warm up the URL configuration outside the race
    meeting = make_meeting(slug="race", ordinal=7, status="draft")
    staff = client_for(get_user_model().objects.create_superuser("racer", password="pw"))
    url = admin_url(Meeting, "change", meeting.pk)
    data = form_data(staff.get(url))
    data["title"] = "Second save"
    outcome = {}

    def second_save():
        try:
            outcome["response"] = staff.post(url, data)
        finally:
            connection.close()

    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        worker = threading.Thread(target=second_save)
        worker.start()
        worker.join(timeout=1)
        assert worker.is_alive(), "the second save did not wait for the row"
        locked.title = "First save"
        locked.save()
    worker.join(timeout=10)
    assert "Not saved:" in errors_of(outcome["response"])
    meeting.refresh_from_db()
    assert meeting.title == "First save"
