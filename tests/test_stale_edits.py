"""Every curated change form, inline rows included, refuses a save over a colleague's
change made since it was opened, says who changed what and when, and keeps the input."""

import pytest
from django.contrib.auth import get_user_model

from meetings.management.restore import restore_lock
from meetings.models import (
    Appearance,
    DiscussionPoint,
    Meeting,
    Membership,
    Organization,
    Paragraph,
    Participation,
    Person,
    Series,
    SourceDocument,
    Topic,
    TopicAlias,
    TopicMention,
)

from .test_admin import CURATED_MODELS, admin_url, client_for, errors_of, form_data

pytestmark = pytest.mark.django_db

# A field of each model that a curator may change without other consequences.
CHANGE = {
    Appearance: ("source_words", "Mr. Hitoshi KIMURA"),
    DiscussionPoint: ("heading", "A heading in other words"),
    Meeting: ("summary", "A summary."),
    Membership: ("note", "A note."),
    Organization: ("description", "A description."),
    Paragraph: ("kind", "other"),
    Participation: ("source_words", "the words"),
    Person: ("description", "A description."),
    Series: ("description", "A description."),
    SourceDocument: ("rights", "Terms of reuse."),
    Topic: ("description", "A description."),
    TopicAlias: ("name", "Another name"),
    TopicMention: ("kind", "definition"),
}


@pytest.fixture
def anne():
    return client_for(get_user_model().objects.create_superuser("anne", password="pw"))


@pytest.fixture
def ben():
    return client_for(get_user_model().objects.create_superuser("ben", password="pw"))


def test_every_curated_model_is_covered():
    assert set(CHANGE) == set(CURATED_MODELS)


@pytest.mark.parametrize("model", CURATED_MODELS, ids=lambda m: m._meta.model_name)
def test_a_form_opened_before_a_colleagues_save_is_refused(anne, ben, model):
    row = model.objects.first()
    row.save()  # a first version in the history, as a record entered in the admin has
    url = admin_url(model, "change", row.pk)
    annes_form, bens_form = form_data(anne.get(url)), form_data(ben.get(url))
    name, value = CHANGE[model]
    annes_form[name] = value
    response = anne.post(url, annes_form)
    assert response.status_code == 302, errors_of(response)

    response = ben.post(url, bens_form)
    assert response.status_code == 200
    errors = errors_of(response)
    assert errors.startswith("Not saved: this was changed after you opened it (")
    label = model._meta.get_field(name).verbose_name
    assert "anne, " in errors and f": changed {model._meta.verbose_name} “" in errors
    assert label.lower() in errors.lower()
    assert response.context["adminform"].form[name].value() != value  # Ben's input, kept
    row.refresh_from_db()
    assert str(getattr(row, name)) == value

    # Opened again, the form saves.
    response = ben.post(url, form_data(ben.get(url)))
    assert response.status_code == 302, errors_of(response)


INLINE_CASES = [
    # (parent model, which parent, inline model, the inline's foreign key)
    (Organization, {"slug": "asean"}, Membership, "group"),
    (Topic, {"slug": "proliferation-security-initiative"}, TopicAlias, "topic"),
    (SourceDocument, {"meeting__slug": "astop-v"}, Paragraph, "document"),
    (Paragraph, {"document__meeting__slug": "astop-v", "position": 8}, TopicMention, "paragraph"),
    (Meeting, {"slug": "astop-v"}, SourceDocument, "meeting"),
    (Meeting, {"slug": "astop-v"}, Participation, "meeting"),
    (Meeting, {"slug": "astop-v"}, Appearance, "meeting"),
    (Meeting, {"slug": "astop-v"}, DiscussionPoint, "meeting"),
]


@pytest.mark.parametrize(
    ("parent_model", "parent", "child_model", "fk"),
    INLINE_CASES,
    ids=[f"{case[0].__name__}-{case[2].__name__}" for case in INLINE_CASES],
)
def test_a_change_to_an_inline_row_on_its_own_page_makes_the_parent_form_stale(
    anne, ben, parent_model, parent, child_model, fk
):
    parent_row = parent_model.objects.get(**parent)
    child = child_model.objects.filter(**{fk: parent_row}).order_by("pk").first()
    child.save()  # a first version in the history
    parent_url = admin_url(parent_model, "change", parent_row.pk)
    bens_form = form_data(ben.get(parent_url))

    child_url = admin_url(child_model, "change", child.pk)
    annes_form = form_data(anne.get(child_url))
    name, new_value = CHANGE[child_model]
    annes_form[name] = new_value
    assert anne.post(child_url, annes_form).status_code == 302

    response = ben.post(parent_url, bens_form)
    assert response.status_code == 200
    errors = errors_of(response)
    assert "Not saved: this was changed after you opened it" in errors
    child.refresh_from_db()
    assert "anne, " in errors
    assert f": changed {child_model._meta.verbose_name} “{child}”" in errors
    assert str(getattr(child, name)) == new_value


def test_a_form_posted_without_its_opened_state_is_refused(admin_client):
    person = Person.objects.get()
    url = admin_url(Person, "change", person.pk)
    data = form_data(admin_client.get(url))
    del data["opened_state"]
    data["description"] = "Overwrites whatever is there"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "this form does not say when it was opened" in errors_of(response)
    person.refresh_from_db()
    assert person.description != "Overwrites whatever is there"


def test_a_save_during_a_restore_of_the_archive_says_why_instead_of_waiting(admin_client, tmp_path):
    person = Person.objects.get()
    url = admin_url(Person, "change", person.pk)
    data = form_data(admin_client.get(url))
    data["description"] = "Entered during a restore"
    with restore_lock(tmp_path / "backup.json"):
        response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = errors_of(response)
    assert "Not saved: A restore of the archive from backup.json has been running since " in errors
    assert "save it again when the restore has ended" in errors
    assert response.context["adminform"].form["description"].value() == "Entered during a restore"
    assert admin_client.post(url, data).status_code == 302  # once it has ended
