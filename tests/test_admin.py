"""The curators' admin: pages of every model, the meeting form, publishing, who may do what."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    Appearance,
    DiscussionPoint,
    Meeting,
    MeetingDay,
    Membership,
    Organization,
    Paragraph,
    ParticipantCount,
    Participation,
    Person,
    Series,
    SideEvent,
    SourceDocument,
    Topic,
    TopicAlias,
    TopicMention,
    VenueReference,
)

from .builders import grow_meeting, make_meeting
from .release import visible_text

pytestmark = pytest.mark.django_db

CURATED_MODELS = [
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
]


# --- Helpers (also used by test_history) --------------------------------------------------


def staff_in(group_name, username):
    user = get_user_model().objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def admin_url(model, view, *args):
    return reverse(f"admin:meetings_{model._meta.model_name}_{view}", args=args)


def field_value(bound):
    value = bound.value()
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def form_data(response):
    """What a browser would post back from an admin change form, as rendered."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for bound in form:
            value = field_value(bound)
            if value is not None:
                data[bound.html_name] = value
    return data


def inline_prefix(response, model):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset.prefix
    raise LookupError(model)


def add_inline_row(data, prefix, **fields):
    """Append one new row to an inline formset in posted ``data``."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    return index


def errors_of(response):
    """Every error message the admin form page shows, as one text."""
    messages = list(response.context["adminform"].form.non_field_errors())
    for name, errors in response.context["adminform"].form.errors.items():
        messages += [f"{name}: {error}" for error in errors]
    for inline in response.context.get("inline_admin_formsets", []):
        messages += list(inline.formset.non_form_errors())
        for form_errors in inline.formset.errors:
            for name, errors in form_errors.items():
                messages += [f"{name}: {error}" for error in errors]
    return " | ".join(messages)


@pytest.fixture
def astop_v():
    return Meeting.objects.get(slug="astop-v")


@pytest.fixture
def draft():
    return make_meeting(slug="astop-draft", ordinal=6, status=Meeting.Status.DRAFT)


# --- Pages of every model -----------------------------------------------------------------

# Queries per changelist page, as a superuser: session and user, the counts, the page of
# rows with list_select_related (no query per row), one per list filter that lists
# choices from the database, and the date drill-down. They must not grow with the
# number of rows. (The drill-down's queries depend on how many years the rows span,
# so the rows span two years before and after growing.)
CHANGELIST_QUERIES = {
    Appearance: 5,
    DiscussionPoint: 5,
    Meeting: 11,
    Membership: 8,
    Organization: 5,
    Paragraph: 5,
    Participation: 5,
    Person: 5,
    Series: 5,
    SourceDocument: 8,
    Topic: 5,
    TopicAlias: 5,
    TopicMention: 5,
}


@pytest.mark.parametrize("model", CURATED_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_query_count_is_pinned_and_does_not_grow(
    admin_client, draft, model, django_assert_num_queries
):
    with django_assert_num_queries(CHANGELIST_QUERIES[model]):
        assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    for number in range(3):
        grow_meeting(make_meeting(slug=f"extra-{number}", ordinal=10 + number), 20)
    with django_assert_num_queries(CHANGELIST_QUERIES[model]):
        assert admin_client.get(admin_url(model, "changelist")).status_code == 200


# Queries per change page of the first row (ASTOP-V's data), as a superuser. They include
# the stale-edit guard's reading of the row and of each inline's rows (one query each, and
# one per many-to-many field), and one per autocomplete field of an inline (not one per
# row, as Django's AutocompleteSelect alone would make). Organisations, people and series
# have an inline of other names: two queries (its rows, and the guard's reading of them).
# A meeting's counts, days and side events take three each: their rows, the guard's
# reading, and the paragraphs they may cite. Meetings (their venue), memberships,
# organisations, people, series and topics have an inline of references for their
# description: two queries more (its rows, and the guard's reading of them).
CHANGE_PAGE_QUERIES = {
    Appearance: 13,
    DiscussionPoint: 12,
    Meeting: 39,
    Membership: 11,
    Organization: 23,
    Paragraph: 11,
    Participation: 12,
    Person: 9,
    Series: 10,
    SourceDocument: 14,
    Topic: 9,
    TopicAlias: 6,
    TopicMention: 14,
}


@pytest.mark.parametrize("model", CURATED_MODELS, ids=lambda m: m._meta.model_name)
def test_change_page_query_count_is_pinned(admin_client, model, django_assert_num_queries):
    row = model.objects.order_by("pk").first()  # the same row on every database
    admin_client.get(admin_url(model, "change", row.pk))  # content types, cached after
    with django_assert_num_queries(CHANGE_PAGE_QUERIES[model]):
        assert admin_client.get(admin_url(model, "change", row.pk)).status_code == 200


def test_change_page_query_count_does_not_grow_with_the_inline_rows(
    admin_client, django_assert_num_queries
):
    small = grow_meeting(make_meeting(slug="small", ordinal=20, status="draft"), 3)
    large = grow_meeting(make_meeting(slug="large", ordinal=21, status="draft"), 40)
    admin_client.get(admin_url(Meeting, "change", small.pk))  # content types, cached after
    for meeting in (small, large):
        with django_assert_num_queries(35):
            response = admin_client.get(admin_url(Meeting, "change", meeting.pk))
        assert response.status_code == 200
    assert len(response.context["inline_admin_formsets"][1].formset.forms) == 40
    # The organisation of each participation row is shown, read in that same one query.
    assert "Country 39" in response.content.decode()


@pytest.mark.parametrize("model", CURATED_MODELS, ids=lambda m: m._meta.model_name)
def test_add_and_change_pages_of_every_model(admin_client, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 200
    row = model.objects.first()
    assert admin_client.get(admin_url(model, "change", row.pk)).status_code == 200


@pytest.mark.parametrize("model", CURATED_MODELS, ids=lambda m: m._meta.model_name)
def test_saving_the_change_form_as_rendered_succeeds_for_every_model(admin_client, model):
    row = model.objects.first()
    url = admin_url(model, "change", row.pk)
    response = admin_client.post(url, form_data(admin_client.get(url)))
    assert response.status_code == 302, errors_of(response)
    assert LogEntry.objects.filter(object_id=str(row.pk), action_flag=CHANGE).exists()


@pytest.mark.parametrize(
    ("model", "query", "found", "missing"),
    [
        (Meeting, "Mita", "ASTOP-V", "ASTOP-DRAFT"),
        (Organization, "ASEAN", "Association of Southeast Asian Nations", "Canada"),
        (Person, "Kimura", "Hitoshi Kimura", "Nobody"),
        (Topic, "PSI", "Proliferation Security Initiative", "Export control"),
        (Paragraph, "Mita House", "1. The Ministry of Foreign Affairs held", "Back to Index"),
        (Participation, "host", "Japan at ASTOP-V (Host)", "Canada at ASTOP-V (Participant)"),
    ],
)
def test_changelist_search(admin_client, draft, model, query, found, missing):
    response = admin_client.get(admin_url(model, "changelist"), {"q": query})
    assert response.status_code == 200
    rows = [str(row) for row in response.context["cl"].result_list]
    assert any(row.startswith(found) for row in rows), rows
    assert not any(row.startswith(missing) for row in rows), rows


@pytest.mark.parametrize(
    ("parameters", "expected"),
    [
        ({}, {"ASTOP-V", "ASTOP-DRAFT"}),
        ({"status__exact": "draft"}, {"ASTOP-DRAFT"}),
        ({"status__exact": "published"}, {"ASTOP-V"}),
        ({"series__id__exact": "SERIES"}, {"ASTOP-V", "ASTOP-DRAFT"}),
        ({"year": "2008"}, {"ASTOP-V"}),
        ({"year": "2009"}, {"ASTOP-DRAFT"}),
        ({"participant": "canada"}, {"ASTOP-V"}),
        ({"participant": "asean"}, {"ASTOP-V"}),
        ({"topic": "proliferation-security-initiative"}, {"ASTOP-V"}),
        ({"topic": "export-control"}, {"ASTOP-V"}),
        ({"start_date__year": "2009"}, {"ASTOP-DRAFT"}),
    ],
)
def test_meeting_changelist_filters(admin_client, draft, parameters, expected):
    if parameters.get("series__id__exact") == "SERIES":
        parameters["series__id__exact"] = str(Series.objects.get(slug="astop").pk)
    response = admin_client.get(admin_url(Meeting, "changelist"), parameters)
    assert response.status_code == 200
    assert {str(m) for m in response.context["cl"].result_list} == expected


def test_meeting_changelist_offers_each_filter(admin_client):
    # The series filter shows once there is a choice of series.
    Series.objects.create(
        name="Other talks", short_name="OT", slug="ot", organiser=Organization.objects.first()
    )
    response = admin_client.get(admin_url(Meeting, "changelist"))
    titles = [spec.title for spec in response.context["cl"].filter_specs]
    assert titles == ["status", "series", "year", "participant", "topic"]
    assert response.context["cl"].date_hierarchy == "start_date"
    page = response.content.decode()
    assert "Import from a press release" in page
    assert admin_url(Meeting, "deleted") in page


def test_meeting_change_form_is_laid_out_for_curators(admin_client, astop_v):
    response = admin_client.get(admin_url(Meeting, "change", astop_v.pk))
    page = response.content.decode()
    inlines = [inline.formset.model for inline in response.context["inline_admin_formsets"]]
    assert inlines == [
        SourceDocument,
        Participation,
        ParticipantCount,
        Appearance,
        DiscussionPoint,
        MeetingDay,
        SideEvent,
        VenueReference,
    ]
    assert page.count('class="submit-row"') == 2  # save on top and at the bottom
    assert 'name="opened_state"' in page
    assert "collapse" in page
    assert "data-autocomplete-light-url" in page or "admin-autocomplete" in page
    assert '<a href="/meetings/astop-v/" class="viewsitelink">View on site</a>' in page
    assert "10 paragraphs" in page  # the link to the source's paragraphs
    points = response.context["inline_admin_formsets"][4].formset.queryset
    assert [p.label for p in points] == ["(1)", "(2)", "(a)", "(b)", "(c)", "(3)"]
    # Source paragraphs to choose from are this meeting's own.
    choices = response.context["inline_admin_formsets"][1].formset.forms[0]
    labels = [label for _, label in choices.fields["source_paragraph"].choices]
    assert len(labels) == 11 and labels[3].startswith("¶3 1. The Ministry")


def test_a_draft_links_to_its_preview(admin_client, draft):
    page = admin_client.get(admin_url(Meeting, "change", draft.pk)).content.decode()
    assert '<a href="/meetings/astop-draft/" class="viewsitelink">Preview draft</a>' in page
    listing = admin_client.get(admin_url(Meeting, "changelist")).content.decode()
    assert '<a href="/meetings/astop-draft/">Preview draft</a>' in listing


def test_adding_lookup_rows(admin_client):
    response = admin_client.post(
        admin_url(Person, "add"),
        {
            "name": "Akiko Yamada",
            "sort_name": "Yamada, Akiko",
            "slug": "akiko-yamada",
            "other_names-TOTAL_FORMS": "1",
            "other_names-INITIAL_FORMS": "0",
            "other_names-0-name": "山田明子",
            "other_names-0-language": "ja",
            "other_names-0-kind": "usual",
            "other_names-0-source_title": "Biography of the Director-General",
            "other_names-0-source_url": "www.mofa.go.jp/about/staff.html",
            "references-TOTAL_FORMS": "0",
            "references-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    response = admin_client.post(
        admin_url(Topic, "add"),
        {
            "name": "Nuclear security",
            "slug": "nuclear-security",
            "kind": "concept",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "NuSec",
            "aliases-0-language": "en",
            "aliases-0-kind": "abbreviation",
            "references-TOTAL_FORMS": "0",
            "references-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, errors_of(response)
    assert Topic.objects.get(slug="nuclear-security").aliases.get().name == "NuSec"
    response = admin_client.post(
        admin_url(Organization, "add"),
        {
            "name": "Mongolia",
            "slug": "mongolia",
            "classification": "country",
            "iso_code": "MN",
            "other_names-TOTAL_FORMS": "1",
            "other_names-INITIAL_FORMS": "0",
            "other_names-0-name": "モンゴル",
            "other_names-0-language": "ja",
            "other_names-0-kind": "usual",
            "member_links-TOTAL_FORMS": "0",
            "member_links-INITIAL_FORMS": "0",
            "references-TOTAL_FORMS": "0",
            "references-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, errors_of(response)
    assert Organization.objects.get(slug="mongolia").other_names.get().name == "モンゴル"
    name = Person.objects.get(slug="akiko-yamada").other_names.get()
    assert (name.language, name.source_title) == ("ja", "Biography of the Director-General")
    assert name.source_url == "https://www.mofa.go.jp/about/staff.html"


@pytest.mark.parametrize(
    "model, prefix",
    [(Organization, "other_names"), (Person, "other_names"), (Series, "other_names"),
     (Topic, "aliases")],
)  # fmt: skip
def test_other_names_show_the_page_they_come_from(admin_client, model, prefix):
    """Each other name's row has its source's title and address, in the one table row."""
    row = model.objects.order_by("pk").first()
    response = admin_client.get(admin_url(model, "change", row.pk))
    assert response.status_code == 200
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )
    fields = formset.empty_form.fields
    assert list(fields)[:5] == ["name", "language", "kind", "source_title", "source_url"]
    sizes = [fields[name].widget.attrs.get("size") for name in list(fields)[:5]]
    assert sizes == [None, 4, None, 28, 28]
    page = response.content.decode()
    assert f'name="{prefix}-__prefix__-source_url" size="28"' in page
    assert "Source title" in page and "Source address" in page


# --- Readable refusals, never a 500 -----------------------------------------------------


def post_meeting(client, meeting, **changes):
    url = admin_url(Meeting, "change", meeting.pk)
    page = client.get(url)
    data = form_data(page)
    data.update(changes)
    return page, data, url


def test_meeting_that_ends_before_it_starts(admin_client, astop_v):
    _, data, url = post_meeting(admin_client, astop_v, end_date="2008-04-24")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "end_date: The meeting cannot end before it starts." in errors_of(response)


def test_duplicate_ordinal_in_a_series(admin_client, draft):
    _, data, url = post_meeting(admin_client, draft, ordinal="5")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = errors_of(response)
    assert "Asian Senior-level Talks on Non-Proliferation already has an edition number 5" in errors


def test_the_same_organisation_twice_in_one_meeting(admin_client, astop_v):
    page, data, url = post_meeting(admin_client, astop_v)
    prefix = inline_prefix(page, Participation)
    paragraph = Paragraph.objects.get(document__meeting=astop_v, position=3)
    add_inline_row(
        data,
        prefix,
        organization=str(Organization.objects.get(slug="canada").pk),
        role="participant",
        source_words="Canada",
        position="9",
        source_paragraph=str(paragraph.pk),
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Canada already takes part in this meeting." in errors_of(response)


def test_two_hosts(admin_client, draft):
    page, data, url = post_meeting(admin_client, draft)
    prefix = inline_prefix(page, Participation)
    paragraph = str(draft.sources.get().paragraphs.get().pk)
    for slug in ("japan", "china"):
        add_inline_row(
            data,
            prefix,
            organization=str(Organization.objects.get(slug=slug).pk),
            role="host",
            source_words=slug,
            position="1",
            source_paragraph=paragraph,
        )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "A meeting has one host; Japan and China are both marked as host." in errors_of(response)
    assert not draft.participations.exists()


def test_a_second_host_next_to_a_saved_one(admin_client, astop_v):
    page, data, url = post_meeting(admin_client, astop_v)
    add_inline_row(
        data,
        inline_prefix(page, Participation),
        organization=str(Organization.objects.get(slug="indonesia").pk),
        role="host",
        source_words="Indonesia",
        position="9",
        source_paragraph=str(Paragraph.objects.get(document__meeting=astop_v, position=3).pk),
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "role: This meeting already has a host." in errors_of(response)


def test_a_paragraph_of_another_meetings_source(admin_client, astop_v, draft):
    foreign = str(draft.sources.get().paragraphs.get().pk)
    # Through the meeting's inline (where the list offers only its own paragraphs) ...
    page, data, url = post_meeting(admin_client, astop_v)
    prefix = inline_prefix(page, Participation)
    data[f"{prefix}-0-source_paragraph"] = foreign
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "This paragraph belongs to a source of another meeting." in errors_of(response)
    # ... and on the participation's own page.
    participation = astop_v.participations.first()
    url = admin_url(Participation, "change", participation.pk)
    data = form_data(admin_client.get(url))
    data["source_paragraph"] = foreign
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "This paragraph belongs to a source of another meeting." in errors_of(response)


def test_two_discussion_points_in_the_same_place(admin_client, astop_v):
    page, data, url = post_meeting(admin_client, astop_v)
    prefix = inline_prefix(page, DiscussionPoint)
    data[f"{prefix}-0-position"] = "2"  # (1) moved onto (2)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Another point at the top level already has position 2." in errors_of(response)


def test_membership_that_ends_before_it_starts(admin_client):
    membership = Membership.objects.first()
    url = admin_url(Membership, "change", membership.pk)
    data = form_data(admin_client.get(url))
    data["end_date"] = "1900-01-01"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "A membership cannot end before it starts." in errors_of(response)
    # The same through the group's page.
    asean = Organization.objects.get(slug="asean")
    url = admin_url(Organization, "change", asean.pk)
    page = admin_client.get(url)
    data = form_data(page)
    data[f"{inline_prefix(page, Membership)}-0-end_date"] = "1900-01-01"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "A membership cannot end before it starts." in errors_of(response)


# --- Deleting what a meeting uses ---------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "slug", "named"),
    [
        (Organization, "japan", "Used by the meeting ASTOP-V (published)."),
        (Person, "hitoshi-kimura", "Used by the meeting ASTOP-V (published)."),
        (Topic, "export-control", "Used by the meeting ASTOP-V (published)."),
        (Meeting, "astop-v", "ASTOP-V is published: unpublish it before deleting it."),
    ],
)
def test_deleting_what_a_published_meeting_uses_is_refused(admin_client, model, slug, named):
    row = model.objects.get(slug=slug)
    url = admin_url(model, "delete", row.pk)
    response = admin_client.get(url)
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "would require deleting the following protected related objects" in text
    assert named in text
    response = admin_client.post(url, {"post": "yes"})
    assert model.objects.filter(pk=row.pk).exists()


def test_deleting_a_topic_names_the_discussion_points_that_list_it(admin_client):
    # Export control is listed on two points; a many-to-many link would vanish silently.
    row = Topic.objects.get(slug="export-control")
    text = visible_text(admin_client.get(admin_url(Topic, "delete", row.pk)).content.decode())
    assert "lists the topic “Export control”" in text


def test_bulk_delete_action_is_refused_too(admin_client):
    japan = Organization.objects.get(slug="japan")
    response = admin_client.post(
        admin_url(Organization, "changelist"),
        {"action": "delete_selected", "_selected_action": [japan.pk], "post": "yes"},
    )
    assert "Used by the meeting ASTOP-V (published)." in visible_text(response.content.decode())
    assert Organization.objects.filter(pk=japan.pk).exists()


def test_deleting_a_cited_paragraph_inline_is_refused(admin_client, astop_v):
    astop_v.unpublish()  # the paragraphs of a published source are read-only here
    source = astop_v.sources.get()
    url = admin_url(SourceDocument, "change", source.pk)
    page = admin_client.get(url)
    data = form_data(page)
    data[f"{inline_prefix(page, Paragraph)}-2-DELETE"] = "on"  # ¶3, cited by participations
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = errors_of(response)
    assert "would require deleting the following protected related objects" in errors
    assert "participation Japan at ASTOP-V (Host)" in errors
    assert source.paragraphs.count() == 10


def test_moving_a_cited_source_to_another_meeting_is_refused(admin_client, astop_v, draft):
    source = astop_v.sources.get()
    url = admin_url(SourceDocument, "change", source.pk)
    data = form_data(admin_client.get(url))
    data["meeting"] = str(draft.pk)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "cannot move to another meeting" in errors_of(response)


def test_a_draft_meeting_can_be_deleted(admin_client, draft):
    response = admin_client.post(admin_url(Meeting, "delete", draft.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk=draft.pk).exists()


# --- Publishing ----------------------------------------------------------------------------


def run_action(client, action, meetings):
    return client.post(
        admin_url(Meeting, "changelist"),
        {"action": action, "_selected_action": [m.pk for m in meetings]},
        follow=True,
    )


def test_publish_and_unpublish_are_logged_and_change_what_the_public_sees(client, draft):
    publisher = staff_in("Publishers", "pat")
    staff = client_for(publisher)
    assert client.get("/meetings/astop-draft/").status_code == 404

    response = run_action(staff, "publish_meetings", [draft])
    assert "Published: ASTOP-DRAFT." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.PUBLISHED
    assert draft.published_at is not None
    first_published = draft.published_at
    assert client.get("/meetings/astop-draft/").status_code == 200
    assert "ASTOP-DRAFT" in client.get("/meetings/").content.decode()

    run_action(staff, "unpublish_meetings", [draft])
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT
    assert client.get("/meetings/astop-draft/").status_code == 404
    assert "ASTOP-DRAFT" not in client.get("/meetings/").content.decode()

    run_action(staff, "publish_meetings", [draft])
    draft.refresh_from_db()
    assert draft.published_at == first_published  # the first publication time is kept

    log = LogEntry.objects.filter(object_id=str(draft.pk), user=publisher).order_by("pk")
    assert [entry.get_change_message() for entry in log] == [
        "Published.",
        "Unpublished.",
        "Published.",
    ]


def test_a_publisher_can_publish_and_unpublish_from_the_change_form(draft):
    staff = client_for(staff_in("Publishers", "pat"))
    page, data, url = post_meeting(staff, draft, title="Published title", _publish="1")
    assert 'value="Save and publish" name="_publish"' in page.content.decode()
    assert staff.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.PUBLISHED and draft.published_at
    assert draft.title == "Published title"
    page, data, url = post_meeting(staff, draft, _unpublish="1")
    assert 'value="Save and unpublish" name="_unpublish"' in page.content.decode()
    assert staff.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT


def test_the_status_field_does_not_publish(draft):
    """Publishing happens in Meeting.publish() only: a posted status is ignored."""
    staff = client_for(staff_in("Publishers", "pat"))
    page, data, url = post_meeting(staff, draft, status="published")
    assert "status" not in page.context["adminform"].form.fields
    assert staff.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT


def test_staff_preview_a_draft_at_its_public_address(draft):
    staff = client_for(staff_in("Editors", "eddie"))
    response = staff.get("/meetings/astop-draft/")
    assert response.status_code == 200
    assert "Draft — not public." in response.content.decode()


# --- Who may do what --------------------------------------------------------------------------


def test_editors_and_publishers_groups_hold_exactly_the_curators_permissions():
    editors = Group.objects.get(name="Editors")
    publishers = Group.objects.get(name="Publishers")
    editor_permissions = set(editors.permissions.values_list("content_type__model", "codename"))
    models = {m._meta.model_name for m in CURATED_MODELS}
    assert editor_permissions == {
        (model, f"{action}_{model}")
        for model in models
        for action in ("add", "change", "delete", "view")
    }
    publisher_permissions = set(
        publishers.permissions.values_list("content_type__model", "codename")
    )
    assert publisher_permissions == editor_permissions | {("meeting", "publish_meeting")}


def test_an_editor_cannot_manage_users_groups_or_lockouts():
    staff = client_for(staff_in("Editors", "eddie"))
    for url in ("/admin/auth/user/", "/admin/auth/group/", "/admin/axes/accessattempt/"):
        assert staff.get(url).status_code == 403, url


def test_an_editor_saves_drafts_but_cannot_publish(client, draft):
    editor = staff_in("Editors", "eddie")
    staff = client_for(editor)
    # No publish actions for an editor ...
    response = staff.get(admin_url(Meeting, "changelist"))
    assert "publish_meetings" not in response.content.decode()
    run_action(staff, "publish_meetings", [draft])
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT
    # ... the status is read-only on the form, and posting it anyway changes nothing.
    page = staff.get(admin_url(Meeting, "change", draft.pk))
    assert "status" not in page.context["adminform"].form.fields
    _, data, url = post_meeting(staff, draft, title="Edited by an editor", status="published")
    assert staff.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Edited by an editor", Meeting.Status.DRAFT)
    assert client.get("/meetings/astop-draft/").status_code == 404


def test_an_editor_cannot_unpublish_either(astop_v):
    staff = client_for(staff_in("Editors", "eddie"))
    run_action(staff, "unpublish_meetings", [astop_v])
    astop_v.refresh_from_db()
    assert astop_v.status == Meeting.Status.PUBLISHED


# --- Signing in: lockout after repeated failures ---------------------------------------------


def sign_in(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "curator", "password": password, "next": reverse("admin:index")},
    )


def test_admin_login_locks_after_repeated_failures_and_a_superuser_unlocks(admin_client):
    get_user_model().objects.create_user("curator", password="right-password", is_staff=True)
    client = Client()
    for _ in range(5):
        assert sign_in(client, "wrong").status_code in (200, 429)
    response = sign_in(client, "right-password")
    assert response.status_code == 429
    text = visible_text(response.content.decode())
    assert "Too many failed sign-ins for “curator” from this address" in text
    assert "ask an administrator to unlock it" in text

    # A superuser unlocks it in the axes admin.
    attempt = AccessAttempt.objects.get(username="curator")
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert sign_in(client, "right-password").status_code == 302


def test_admin_login_unlocks_after_the_cool_off(settings):
    get_user_model().objects.create_user("curator", password="right-password", is_staff=True)
    client = Client()
    for _ in range(5):
        sign_in(client, "wrong")
    assert sign_in(client, "right-password").status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now()
        - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    )
    assert sign_in(client, "right-password").status_code == 302


def test_every_admin_page_names_the_archive_and_loads_the_project_styles(admin_client):
    for url in ["/admin/", "/admin/meetings/meeting/", "/admin/meetings/meeting/import/"]:
        page = admin_client.get(url).content.decode()
        assert "ASTOP archive administration</a>" in page, url
        assert "<title>" in page and "| ASTOP archive administration</title>" in page, url
        assert page.count("meetings/admin-curation.css") == 1, url
        assert "Django administration" not in page, url
