"""What curators type, paste or load: control characters refused everywhere, line breaks
kept as LF, sizes within a documented limit, and readable refusals instead of a 500."""

import io
import json
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from meetings.forms import MAX_RELEASE_CHARACTERS, MAX_RELEASE_PARAGRAPHS
from meetings.models import (
    DiscussionPoint,
    Meeting,
    Organization,
    Paragraph,
    Participation,
    Person,
    SourceDocument,
)

from .builders import grow_meeting, make_meeting
from .release import visible_text
from .test_admin import (
    add_inline_row,
    admin_url,
    client_for,
    errors_of,
    form_data,
    inline_prefix,
    staff_in,
)
from .test_admin_import import RELEASE, read_release

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:meetings_meeting_import"


@pytest.fixture
def draft():
    return grow_meeting(make_meeting(slug="astop-draft", ordinal=6, status="draft"), 3)


# --- Control characters (item 11) ---------------------------------------------------------


def test_a_control_character_is_a_field_error_in_the_admin(admin_client):
    person = Person.objects.get()
    url = admin_url(Person, "change", person.pk)
    data = form_data(admin_client.get(url))
    data["description"] = "Senior Vice-Minister\x07 for Foreign Affairs"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert (
        "description: Contains the control character U+0007 on line 1, character 21: remove it "
        "(only tabs and line breaks are allowed)." in errors_of(response)
    )
    assert response.context["adminform"].form["description"].value() == data["description"]
    person.refresh_from_db()
    assert "\x07" not in person.description


def test_a_control_character_in_an_inline_row_is_a_field_error(admin_client, draft):
    url = admin_url(Meeting, "change", draft.pk)
    page = admin_client.get(url)
    data = form_data(page)
    data[f"{inline_prefix(page, Participation)}-0-source_words"] = "Country\x1b zero"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "source_words: Contains the control character U+001B" in errors_of(response)


def test_line_breaks_typed_in_a_text_area_are_kept_as_lf(admin_client):
    person = Person.objects.get()
    url = admin_url(Person, "change", person.pk)
    data = form_data(admin_client.get(url))
    data["description"] = "First line\r\nSecond line\rThird line"
    assert admin_client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.description == "First line\nSecond line\nThird line"


def test_the_importer_refuses_a_control_character_and_keeps_the_paste(admin_client):
    pasted = RELEASE.replace("Mita House", "Mita\x0cHouse").replace("\n", "\r\n")
    response = read_release(admin_client, pasted)
    assert response.status_code == 200
    form = response.context["text_form"]
    assert form.errors["text"] == [
        "Contains the control character U+000C on line 5, character 140: remove it "
        "(only tabs and line breaks are allowed)."
    ]
    assert response.context["form"] is None
    page = response.content.decode()
    assert "Mita\x0cHouse" in page  # the paste is still in the text box
    assert "Please correct the error below." in page


def test_the_importer_keeps_a_crlf_paste_as_lf(admin_client):
    response = read_release(admin_client, RELEASE.replace("\n", "\r\n"))
    assert response.status_code == 200
    assert response.context["release"].rebuild() == RELEASE
    assert response.context["form"]["text"].value().count("\r") == 0


def test_the_confirmation_step_checks_the_text_again(admin_client):
    response = admin_client.post(reverse(IMPORT_URL), {"text": "Tampered\x00 text", "_create": "1"})
    assert response.status_code == 200
    assert "U+0000" in response.context["text_form"].errors["text"][0]
    assert not Meeting.objects.filter(slug="astop-vi").exists()


def test_loaddata_refuses_a_control_character_and_loads_nothing(tmp_path):
    fixture = tmp_path / "bad.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "meetings.person",
                    "fields": {"name": "Good Name", "sort_name": "Name, Good", "slug": "good"},
                },
                {
                    "model": "meetings.person",
                    "fields": {"name": "Bad\x1bName", "sort_name": "Name, Bad", "slug": "bad"},
                },
            ]
        )
    )
    with pytest.raises(ValidationError) as refused:
        call_command("loaddata", str(fixture), verbosity=0)
    assert "Person" in str(refused.value) and "U+001B" in str(refused.value)
    assert not Person.objects.filter(slug__in=["good", "bad"]).exists()


def test_the_astop_v_fixture_with_its_typographic_text_still_loads():
    call_command("loaddata", "astop_v", verbosity=0)
    text = " ".join(Paragraph.objects.values_list("text", flat=True))
    assert "\u00a0" in text or "’" in text or "“" in text


def test_an_archive_restore_with_a_control_character_is_refused_and_rolled_back(tmp_path):
    Person.objects.update(description="Stored before the check\x07 existed")
    path = tmp_path / "archive.json"
    call_command("export_archive", str(path), stdout=io.StringIO())
    Person.objects.update(description="Current description")
    with pytest.raises((CommandError, ValidationError)) as refused:
        call_command("import_archive", str(path), replace=True, stdout=io.StringIO())
    assert "U+0007" in str(refused.value)
    assert Person.objects.get().description == "Current description"
    assert Meeting.objects.filter(slug="astop-v").exists()


# --- Admin crashes (item 10) ----------------------------------------------------------------


def test_the_same_organisation_on_two_new_rows_is_a_readable_refusal(admin_client, draft):
    url = admin_url(Meeting, "change", draft.pk)
    page = admin_client.get(url)
    data = form_data(page)
    prefix = inline_prefix(page, Participation)
    paragraph = str(draft.sources.get().paragraphs.first().pk)
    japan = str(Organization.objects.get(slug="japan").pk)
    for role in ("host", "chair"):  # a co-chair that also hosts
        add_inline_row(
            data, prefix, organization=japan, role=role, source_words="Japan", position="9",
            source_paragraph=paragraph,
        )  # fmt: skip
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Japan is on two rows. A meeting lists each organisation once" in errors_of(response)
    # Nothing lost: both rows come back as entered.
    forms = response.context["inline_admin_formsets"][1].formset.forms
    assert [form["role"].value() for form in forms[-2:]] == ["host", "chair"]
    assert not draft.participations.filter(organization__slug="japan").exists()


def test_a_host_row_without_an_organisation_is_a_field_error(admin_client, draft):
    url = admin_url(Meeting, "change", draft.pk)
    page = admin_client.get(url)
    data = form_data(page)
    add_inline_row(
        data, inline_prefix(page, Participation), organization="", role="host",
        source_words="the host", position="9",
        source_paragraph=str(draft.sources.get().paragraphs.first().pk),
    )  # fmt: skip
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "organization: This field is required." in errors_of(response)


def test_restoring_a_child_point_before_its_parent_says_so(admin_client):
    meeting = Meeting.objects.get(slug="astop-v")
    meeting.unpublish()
    parent = DiscussionPoint.objects.get(meeting=meeting, label="(2)")
    child = parent.children.get(label="(a)")
    admin_client.post(admin_url(DiscussionPoint, "delete", parent.pk), {"post": "yes"})
    assert not DiscussionPoint.objects.filter(pk__in=[parent.pk, child.pk]).exists()
    record = DiscussionPoint.history.get(id=child.pk, history_type="-")
    response = admin_client.post(
        admin_url(DiscussionPoint, "restore", record.history_id), follow=True
    )
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert (
        "cannot be restored: its parent (a discussion point) is deleted too: restore that first"
        in (text)
    )
    # The parent's restore brings the child back with it.
    record = DiscussionPoint.history.get(id=parent.pk, history_type="-")
    admin_client.post(admin_url(DiscussionPoint, "restore", record.history_id))
    assert DiscussionPoint.objects.filter(pk=child.pk).exists()


# --- Size (item 12) -------------------------------------------------------------------------


def test_a_release_over_the_character_limit_is_refused_with_its_text_kept(admin_client):
    pasted = RELEASE + ("x" * 79 + "\n") * (MAX_RELEASE_CHARACTERS // 80 + 1)
    response = read_release(admin_client, pasted)
    assert response.status_code == 200
    [message] = response.context["text_form"].errors["text"]
    assert message.startswith(
        f"The text has {len(pasted):,} characters; a release may have at most 200,000."
    )
    assert response.context["text_form"]["text"].value() == pasted


def test_a_release_over_the_paragraph_limit_is_refused(admin_client):
    pasted = RELEASE + "A line.\n" * MAX_RELEASE_PARAGRAPHS
    response = read_release(admin_client, pasted)
    [message] = response.context["text_form"].errors["text"]
    assert message.startswith("The text makes 2,00")
    assert "a release may have at most 2,000." in message


def test_a_long_japanese_paste_gets_a_form_error_not_a_bare_400(admin_client, settings):
    """1.8 MB of Japanese: the import form posts multipart, so the text travels as UTF-8
    (not three times larger, percent-encoded: 5.4 MB, over Django's default limit of
    2.5 MB for a request's form data); the size check answers in the form."""
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440  # Django's default
    pasted = "核不拡散に関するアジア上級協議。\n" * 37_500  # 600,000 characters, 1.8 MB
    assert len(pasted.encode()) >= 1_800_000
    page = admin_client.get(reverse(IMPORT_URL)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    response = admin_client.post(reverse(IMPORT_URL), {"text": pasted, "_read": "1"})
    assert response.status_code == 200
    assert "a release may have at most 200,000" in response.context["text_form"].errors["text"][0]
    assert response.context["text_form"]["text"].value() == pasted


def test_a_large_sources_admin_page_shows_a_page_of_paragraphs(
    admin_client, django_assert_max_num_queries
):
    meeting = make_meeting(slug="long", ordinal=9, status="draft")
    document = meeting.sources.get()
    Paragraph.objects.bulk_create(
        Paragraph(document=document, position=10 + i, text=f"Paragraph {i}.") for i in range(1999)
    )
    url = admin_url(SourceDocument, "change", document.pk)
    started = time.perf_counter()
    response = admin_client.get(url, {"paragraphs": "3"})
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance.text for form in formset.forms][:2] == ["Paragraph 99.", "Paragraph 100."]
    assert len(formset.forms) == 50
    text = visible_text(response.content.decode())
    assert "Paragraphs 101–150 of 2000; page:" in text
    assert elapsed < 5, f"{elapsed:.1f} s"
    # Saving that page saves its rows only, and keeps the others.
    data = form_data(response)
    data["paragraphs-0-text"] = "Paragraph 99, edited."
    response = admin_client.post(f"{url}?paragraphs=3", data)
    assert response.status_code == 302, errors_of(response)
    assert document.paragraphs.count() == 2000
    assert document.paragraphs.get(position=109).text == "Paragraph 99, edited."


def test_an_editor_may_import(client):
    staff = client_for(staff_in("Editors", "eddie"))
    assert staff.get(reverse(IMPORT_URL)).status_code == 200
