"""Merging two organisations or two people that are one: every row moves to the one kept,
repeats are merged or dropped, names stay findable, the history says who and why."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse

from meetings.curation.merge import merge, merged_into
from meetings.curation.merge_admin import MergeAdminMixin
from meetings.models import (
    Appearance,
    Meeting,
    Membership,
    Organization,
    OrganizationName,
    Paragraph,
    Participation,
    Person,
    PersonName,
    Series,
    SourceDocument,
)
from meetings.releases.match import OrganizationIndex, PersonIndex

from .builders import make_meeting

# The admin tests use the throwaway admin site below.
pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.test_merge")]

REASON = "The same state, imported under its name before 2010."
ASEAN = "Association of Southeast Asian Nations"


# --- A throwaway admin site with the mixin, so these tests stand on their own


class OrganizationMergeAdmin(MergeAdminMixin, admin.ModelAdmin):
    search_fields = ["name"]


class PersonMergeAdmin(MergeAdminMixin, admin.ModelAdmin):
    pass


merge_site = admin.AdminSite(name="merge_site")
merge_site.register(Organization, OrganizationMergeAdmin)
merge_site.register(Person, PersonMergeAdmin)
urlpatterns = [path("curators/", merge_site.urls)]


def site_url(model, view, *args):
    return reverse(f"merge_site:meetings_{model._meta.model_name}_{view}", args=args)


# --- Records to merge


@pytest.fixture
def curator():
    user = get_user_model().objects.create_user("curator", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def sixth():
    """A meeting after ASTOP-V whose release has three paragraphs."""
    meeting = make_meeting(slug="astop-vi", ordinal=6, day=datetime.date(2009, 6, 2))
    document = meeting.sources.get()
    for position in (2, 3):
        document.paragraphs.create(position=position, text=f"Paragraph {position}.")
    return meeting


def paragraph(meeting, position=1):
    return meeting.sources.get(slug=f"{meeting.slug}-release").paragraphs.get(position=position)


@pytest.fixture
def union(sixth):
    """ "Union of Myanmar", the same state as the fixture's Myanmar, used everywhere a
    state can be: a participant (host and co-chair of the sixth talks, where Myanmar is
    listed as a participant too), the venue country and convener, a publisher, a series
    organiser, the body someone spoke for, a member of two groups (ASEAN, as Myanmar
    already is), the government of a ministry, with an other name of its own."""
    union = Organization.objects.create(
        name="Union of Myanmar",
        slug="union-of-myanmar",
        classification="country",
        abbreviation="UM",
        description="Entered from the 2009 release.",
    )
    myanmar = Organization.objects.get(slug="myanmar")
    Participation.objects.create(
        meeting=sixth,
        organization=union,
        role="host",
        chair_role="co_chair",
        source_words="the Union of Myanmar, host and co-chair",
        source_paragraph=paragraph(sixth),
    )
    Participation.objects.create(
        meeting=sixth,
        organization=myanmar,
        source_words="Myanmar",
        source_paragraph=paragraph(sixth, 2),
    )
    Participation.objects.create(
        meeting=sixth,
        organization=union,
        status="planned",
        source_words="the Union of Myanmar",
        source_paragraph=paragraph(sixth, 3),
    )
    Meeting.objects.filter(pk=sixth.pk).update(country=union, convener=union)
    SourceDocument.objects.create(
        meeting=sixth,
        slug="astop-vi-statement",
        kind="statement",
        title="Statement of the host",
        publisher=union,
        published_on=sixth.start_date,
        language="en",
        related_source=None,
    )
    Series.objects.create(name="Yangon Dialogue", short_name="YD", slug="yd", organiser=union)
    Appearance.objects.create(
        meeting=sixth,
        person=Person.objects.get(slug="hitoshi-kimura"),
        role="speaker",
        title="Special Envoy",
        on_behalf_of=union,
        source_paragraph=paragraph(sixth),
    )
    arf = Organization.objects.create(name="ARF", slug="arf", classification="regional_group")
    asean = Organization.objects.get(slug="asean")
    Membership.objects.create(member=union, group=arf, start_date=datetime.date(1996, 7, 23))
    Membership.objects.create(
        member=union, group=asean, start_date=datetime.date(1997, 7, 23), note="Repeat."
    )
    Organization.objects.create(
        name="Ministry of Foreign Affairs (Union of Myanmar)",
        slug="mofa-union-of-myanmar",
        classification="ministry",
        parent=union,
    )
    OrganizationName.objects.create(organization=union, name="ミャンマー連邦", language="ja")
    return union


@pytest.fixture
def myanmar():
    return Organization.objects.get(slug="myanmar")


def merge_union(myanmar, union, curator, reason=REASON):
    return merge(keep=myanmar, duplicate=union, user=curator, reason=reason)


# --- The service


def test_every_row_that_pointed_at_the_duplicate_points_at_the_one_kept(
    union, myanmar, sixth, curator
):
    merge_union(myanmar, union, curator)

    assert not Organization.objects.filter(slug="union-of-myanmar").exists()
    sixth.refresh_from_db()
    assert (sixth.country, sixth.convener) == (myanmar, myanmar)
    assert SourceDocument.objects.get(slug="astop-vi-statement").publisher == myanmar
    assert Series.objects.get(slug="yd").organiser == myanmar
    assert Appearance.objects.get(meeting=sixth).on_behalf_of == myanmar
    assert Organization.objects.get(slug="mofa-union-of-myanmar").parent == myanmar
    assert sorted(
        (m.group.slug, m.start_date.year) for m in Membership.objects.filter(member=myanmar)
    ) == [("arf", 1996), ("asean", 1997)]
    assert sorted(
        (p.status, p.role, p.chair_role) for p in Participation.objects.filter(meeting=sixth)
    ) == [("attended", "host", "co_chair"), ("planned", "participant", "")]
    assert set(
        Participation.objects.filter(meeting=sixth).values_list("organization", flat=True)
    ) == {myanmar.pk}


def test_the_kept_organisation_takes_the_duplicates_names_and_empty_fields(union, myanmar, curator):
    merge_union(myanmar, union, curator)

    # Its name as an other name of the kind the curator gives (here the default, usual);
    # its web address is not a name.
    names = {(n.name, n.kind, n.language) for n in myanmar.other_names.all()}
    assert names == {
        ("ミャンマー", "usual", "ja"),  # its own, from the fixture
        ("ミャンマー連邦", "usual", "ja"),
        ("Union of Myanmar", "usual", "en"),
    }
    myanmar.refresh_from_db()
    assert (myanmar.abbreviation, myanmar.iso_code) == ("UM", "MM")
    assert myanmar.description == "Entered from the 2009 release."


@pytest.mark.parametrize("kind", ["formal", "former"])
def test_the_curator_says_what_kind_of_name_the_duplicates_is(union, myanmar, curator, kind):
    merge(keep=myanmar, duplicate=union, user=curator, reason=REASON, name_kind=kind)
    assert myanmar.other_names.get(name="Union of Myanmar").kind == kind
    assert not myanmar.other_names.filter(name="union-of-myanmar").exists()


def test_a_kind_that_is_not_a_name_is_refused(union, myanmar, curator):
    with pytest.raises(ValidationError, match="“abbreviation” is not a kind of name"):
        merge(keep=myanmar, duplicate=union, user=curator, reason=REASON, name_kind="abbreviation")
    assert Organization.objects.filter(pk=union.pk).exists()


def test_the_importer_and_old_addresses_find_the_one_kept(union, myanmar, curator):
    merge_union(myanmar, union, curator)

    assert OrganizationIndex().find(None, "the Union of Myanmar") == myanmar
    assert OrganizationIndex().find(None, "ミャンマー連邦") == myanmar
    assert merged_into(Organization, "union-of-myanmar") == myanmar
    assert merged_into(Organization, "no-such-state") is None
    # Kept, then merged in its turn: the old address leads on to the one that took it.
    burma = Organization.objects.create(name="Burma", slug="burma", classification="country")
    merge(keep=burma, duplicate=myanmar, user=curator, reason="The same state again.")
    assert merged_into(Organization, "union-of-myanmar") == burma
    assert merged_into(Organization, "myanmar") == burma


def test_a_participation_at_the_same_meeting_is_merged_with_its_roles(
    union, myanmar, sixth, curator
):
    kept = Participation.objects.get(organization=myanmar, meeting=sixth)

    message = merge_union(myanmar, union, curator)

    kept.refresh_from_db()
    assert (kept.role, kept.chair_role, kept.source_words) == ("host", "co_chair", "Myanmar")
    assert "Merged with this record's own at the same meetings: “Union of Myanmar at" in message


def test_a_repeated_membership_is_dropped_and_named_in_the_log(union, myanmar, curator):
    merge_union(myanmar, union, curator)

    membership = Membership.objects.get(member=myanmar, group__slug="asean")
    assert membership.note == ""  # the fixture's row stays as it was
    entry = LogEntry.objects.get(object_id=str(myanmar.pk), action_flag=CHANGE)
    assert entry.user == curator
    assert entry.get_change_message().startswith(
        "Merged “Union of Myanmar” (union-of-myanmar) into this record. Reason: The same "
        "state, imported under its name before 2010."
    )
    assert (
        f"Dropped, this record already has them: “Union of Myanmar in {ASEAN} from 1997-07-23”."
        in entry.change_message
    )
    assert "Moved: 1 organizations (parent), 1 organization names, 1 memberships (member)" in (
        entry.change_message
    )


def test_a_groups_named_members_follow_its_participation(sixth, curator):
    asean = Organization.objects.get(slug="asean")
    twin = Organization.objects.create(
        name="Association of Southeast Asian Nations",
        slug="asean-2",
        classification="regional_group",
    )
    kept = Participation.objects.create(
        meeting=sixth, organization=asean, source_words="ASEAN", source_paragraph=paragraph(sixth)
    )
    dropped = Participation.objects.create(
        meeting=sixth,
        organization=twin,
        list_complete=False,
        source_words="ASEAN members such as",
        source_paragraph=paragraph(sixth, 2),
    )
    member = Participation.objects.create(
        meeting=sixth,
        organization=Organization.objects.get(slug="thailand"),
        named_under=dropped,
        source_words="Thailand",
        source_paragraph=paragraph(sixth, 2),
    )

    merge(keep=asean, duplicate=twin, user=curator, reason="One group.")

    member.refresh_from_db()
    kept.refresh_from_db()
    assert member.named_under == kept
    assert kept.list_complete is False
    assert not Participation.objects.filter(pk=dropped.pk).exists()


def test_two_people_merge_with_their_appearances_and_names(sixth, curator):
    kimura = Person.objects.get(slug="hitoshi-kimura")
    astop_v = Meeting.objects.get(slug="astop-v")
    twin = Person.objects.create(
        name="KIMURA Hitoshi", sort_name="KIMURA, Hitoshi", slug="kimura-hitoshi", honorific="Mr."
    )
    PersonName.objects.create(person=twin, name="木村仁", language="ja")  # kimura has it too
    PersonName.objects.create(person=twin, name="きむら・ひとし", language="ja", kind="reading")
    moved = Appearance.objects.create(
        meeting=sixth,
        person=twin,
        role="head_of_delegation",
        title="Senior Vice-Minister",
        source_paragraph=paragraph(sixth),
    )
    repeat = Appearance.objects.create(
        meeting=astop_v,
        person=twin,
        role="opening_speech",
        title="Senior Vice-Minister for Foreign Affairs",
        source_paragraph=Paragraph.objects.get(document__slug="astop-v-press-release", position=4),
    )

    message = merge(keep=kimura, duplicate=twin, user=curator, reason="One person, two orders.")

    assert not Person.objects.filter(pk=twin.pk).exists()
    moved.refresh_from_db()
    assert moved.person == kimura
    assert not Appearance.objects.filter(pk=repeat.pk).exists()
    assert Appearance.objects.filter(meeting=astop_v, person=kimura).count() == 1
    assert sorted(kimura.other_names.values_list("name", "kind")) == [
        ("KIMURA Hitoshi", "usual"),
        ("きむら・ひとし", "reading"),
        ("木村仁", "usual"),
    ]
    kimura.refresh_from_db()
    assert kimura.honorific == "Mr."
    assert PersonIndex().find("KIMURA Hitoshi") == kimura
    assert merged_into(Person, "kimura-hitoshi") == kimura
    assert "Dropped, this record already has them: “木村仁”; " not in message
    assert "“木村仁”" in message and "(Opening speech, ASTOP-V)" in message


def test_every_change_is_in_the_history_with_the_curator_and_the_reason(
    union, myanmar, sixth, curator
):
    moved = Participation.objects.get(organization=union, status="planned")
    merged = Participation.objects.get(organization=myanmar, meeting=sixth)
    dropped = Participation.objects.get(organization=union, status="attended")

    merge_union(myanmar, union, curator, reason="Same state. " + "Long explanation. " * 10)

    note = "Merged Union of Myanmar into Myanmar: Same state. Long explanation."
    records = [
        moved.history.latest(),
        merged.history.latest(),
        dropped.history.latest(),
        Organization.history.filter(id=union.pk).latest(),
        myanmar.history.latest(),
        Meeting.history.filter(id=sixth.pk).latest(),
        OrganizationName.history.filter(name="Union of Myanmar").get(),
        OrganizationName.history.filter(name="ミャンマー連邦").latest(),
    ]
    assert [r.history_type for r in records] == ["~", "~", "-", "-", "~", "~", "+", "~"]
    for record in records:
        assert record.history_user == curator
        assert record.history_change_reason.startswith(note)
        assert len(record.history_change_reason) == 100
    assert records[0].organization_id == myanmar.pk
    assert (records[1].role, records[1].chair_role) == ("host", "co_chair")
    assert (records[5].country_id, records[5].convener_id) == (myanmar.pk, myanmar.pk)


def test_meetings_whose_record_changed_are_marked_updated(union, myanmar, sixth, curator):
    Meeting.objects.filter(pk=sixth.pk).update(
        updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    astop_v = Meeting.objects.get(slug="astop-v")

    merge_union(myanmar, union, curator)

    assert Meeting.objects.get(pk=sixth.pk).updated_at.year > 2020
    assert Meeting.objects.get(pk=astop_v.pk).updated_at == astop_v.updated_at


@pytest.mark.parametrize(
    "keep, duplicate, message",
    [
        ("myanmar", "myanmar", "“Myanmar” cannot be merged into itself."),
        (
            "asean",
            "myanmar",
            f"“Myanmar” is a member of “{ASEAN}”: a group cannot be merged",
        ),
        (
            "myanmar",
            "asean",
            f"“Myanmar” is a member of “{ASEAN}”: a group cannot be merged",
        ),
        (
            "myanmar",
            "mofa-japan",
            "of Japan” is a ministry or agency and “Myanmar” a country: they are not one",
        ),
        ("myanmar", "thailand", "“Thailand” (TH) and “Myanmar” (MM) have different ISO 3166"),
        ("myanmar", "hitoshi-kimura", "only two organisations or two people can be merged."),
    ],
)
def test_a_merge_that_makes_no_sense_is_refused_and_changes_nothing(
    union, curator, keep, duplicate, message
):
    def row(slug):
        return Organization.objects.filter(slug=slug).first() or Person.objects.get(slug=slug)

    before = Participation.objects.count(), Membership.objects.count(), LogEntry.objects.count()

    with pytest.raises(ValidationError) as refused:
        merge(keep=row(keep), duplicate=row(duplicate), user=curator, reason=REASON)

    assert message in refused.value.messages[0]
    assert (
        Participation.objects.count(),
        Membership.objects.count(),
        LogEntry.objects.count(),
    ) == before
    assert row(keep) and row(duplicate)


def test_a_merge_without_a_reason_is_refused(union, myanmar, curator):
    with pytest.raises(ValidationError, match="Say why the two are one"):
        merge_union(myanmar, union, curator, reason="  ")
    assert Organization.objects.filter(slug="union-of-myanmar").exists()


def test_a_ministry_cannot_be_merged_into_its_government(union, curator):
    ministry = Organization.objects.get(slug="mofa-union-of-myanmar")
    ministry.classification = "country"  # so that only the part-of link stands in the way
    ministry.save()
    with pytest.raises(ValidationError, match="is a part of “Union of Myanmar”"):
        merge(keep=union, duplicate=ministry, user=curator, reason=REASON)


def merge_queries(sixth, curator, size):
    """The queries of merging a duplicate that took part in ``size`` meetings."""
    keep = Organization.objects.create(
        name=f"Keep {size}", slug=f"keep-{size}", classification="country"
    )
    duplicate = Organization.objects.create(
        name=f"Duplicate {size}", slug=f"duplicate-{size}", classification="country"
    )
    for ordinal in range(size):
        meeting = make_meeting(slug=f"q{size}-{ordinal}", ordinal=100 + size * 10 + ordinal)
        Participation.objects.create(
            meeting=meeting,
            organization=duplicate,
            source_words=duplicate.name,
            source_paragraph=meeting.sources.get().paragraphs.get(),
        )
    ContentType.objects.get_for_model(Organization)  # cached once per process
    with CaptureQueriesContext(connection) as queries:
        merge(keep=keep, duplicate=duplicate, user=curator, reason=REASON)
    assert Participation.objects.filter(organization=keep).count() == size
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_rows_moved(sixth, curator):
    # Rows move in one bulk update (and one bulk history insert) per relation, not one by
    # one. Most of the 64 queries read the 11 relations twice (references included): once
    # to plan the moves, once when deleting the duplicate (Django checks that nothing points
    # at it any more); the page cache finds the meetings concerned with one query per
    # relation. PostgreSQL adds the search text: which meetings to refresh (2), the refresh (2).
    expected = 68 if connection.vendor == "postgresql" else 64
    assert merge_queries(sixth, curator, 1) == expected
    assert merge_queries(sixth, curator, 20) == expected


# --- The admin: an action, a confirmation page, permissions


def test_the_action_opens_the_confirmation_page_for_exactly_two(union, myanmar, curator):
    client = Client()
    client.force_login(curator)
    changelist = site_url(Organization, "changelist")

    response = client.post(
        changelist, {"action": "merge_selected", "_selected_action": [myanmar.pk, union.pk]}
    )
    assert response.status_code == 302
    assert response["Location"] == site_url(Organization, "merge", myanmar.pk, union.pk)

    response = client.post(
        changelist, {"action": "merge_selected", "_selected_action": [myanmar.pk]}, follow=True
    )
    assert response.status_code == 200
    assert "Select exactly two organizations to merge." in response.content.decode()


def test_the_confirmation_page_shows_what_moves(
    union, myanmar, curator, django_assert_max_num_queries
):
    client = Client()
    client.force_login(curator)

    response = client.get(site_url(Organization, "merge", myanmar.pk, union.pk))

    assert response.status_code == 200
    rows = {row["label"]: row["counts"] for row in response.context["rows"]}
    assert rows["participations"] == [(1, 1), (2, 1)]
    assert rows["memberships (member)"] == [(1, 1), (2, 1)]
    assert rows["meetings (country)"] == [(0, 0), (1, 0)]
    assert "memberships (group)" not in rows  # neither has a member
    page = response.content.decode()
    assert '<th scope="row">Participations</th>' in page
    assert "<td>2 (1 also on the other)</td>" in page
    assert 'name="keep"' in page and 'name="reason"' in page


def test_confirming_merges_and_leads_to_the_one_kept(union, myanmar, curator):
    client = Client()
    client.force_login(curator)

    response = client.post(
        site_url(Organization, "merge", myanmar.pk, union.pk),
        {"keep": myanmar.pk, "reason": REASON, "name_kind": "usual"},
    )

    assert response.status_code == 302
    assert response["Location"] == site_url(Organization, "change", myanmar.pk)
    assert not Organization.objects.filter(pk=union.pk).exists()
    assert Participation.objects.filter(organization=myanmar).count() == 2
    entry = LogEntry.objects.get(object_id=str(myanmar.pk))
    assert entry.user == curator
    assert myanmar.other_names.get(name="Union of Myanmar").kind == "usual"


def test_the_page_asks_what_kind_of_name_the_other_ones_is(union, myanmar, curator):
    client = Client()
    client.force_login(curator)
    url = site_url(Organization, "merge", myanmar.pk, union.pk)
    page = client.get(url).content.decode()
    assert "The other one’s name is" in page
    assert '<option value="usual" selected>Usual name</option>' in page
    assert '<option value="formal">Formal name</option>' in page
    response = client.post(url, {"keep": myanmar.pk, "reason": REASON, "name_kind": "former"})
    assert response.status_code == 302
    assert myanmar.other_names.get(name="Union of Myanmar").kind == "former"


@pytest.mark.urls("astop_site.urls")
def test_the_history_of_the_one_kept_says_what_was_merged(admin_client, union, myanmar, curator):
    merge_union(myanmar, union, curator)
    response = admin_client.get(reverse("admin:meetings_organization_history", args=[myanmar.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        '<p class="merge-summary">Merged “Union of Myanmar” (union-of-myanmar) into this '
        "record. Reason: The same state, imported under its name before 2010."
    ) in page
    [record] = [r for r in response.context["page_obj"] if getattr(r, "merge_summary", "")]
    assert "Other names added: Union of Myanmar." in record.merge_summary


def test_the_page_says_why_a_merge_is_refused(myanmar, curator):
    client = Client()
    client.force_login(curator)
    asean = Organization.objects.get(slug="asean")
    url = site_url(Organization, "merge", asean.pk, myanmar.pk)

    response = client.post(url, {"keep": asean.pk, "reason": REASON})

    assert response.status_code == 200
    assert "a group cannot be merged with its own member." in response.content.decode()
    assert Organization.objects.filter(pk=myanmar.pk).exists()


def test_a_reason_is_required_on_the_page(union, myanmar, curator):
    client = Client()
    client.force_login(curator)

    response = client.post(
        site_url(Organization, "merge", myanmar.pk, union.pk),
        {"keep": myanmar.pk, "name_kind": "usual"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert Organization.objects.filter(pk=union.pk).exists()


def test_only_curators_who_may_change_and_delete_may_merge(union, myanmar):
    users = get_user_model().objects
    url = site_url(Organization, "merge", myanmar.pk, union.pk)
    data = {"keep": myanmar.pk, "reason": REASON, "name_kind": "usual"}

    visitor = Client()
    visitor.force_login(users.create_user("visitor", password="pw"))
    response = visitor.post(url, data)
    assert response.status_code == 302 and "/login/" in response["Location"]

    changer = users.create_user("changer", password="pw", is_staff=True)
    changer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_organization", "change_organization"])
    )
    staff = Client()
    staff.force_login(changer)
    assert staff.get(url).status_code == 403
    assert staff.post(url, data).status_code == 403
    response = staff.post(
        site_url(Organization, "changelist"),
        {"action": "merge_selected", "_selected_action": [myanmar.pk, union.pk]},
    )
    assert response.status_code == 200  # the list again: the action is not offered
    assert "Merge the two selected" not in response.content.decode()
    assert Organization.objects.filter(pk=union.pk).exists()


def test_people_are_merged_through_their_own_page(curator):
    kimura = Person.objects.get(slug="hitoshi-kimura")
    twin = Person.objects.create(name="KIMURA Hitoshi", sort_name="KIMURA, Hitoshi", slug="kh")
    client = Client()
    client.force_login(curator)

    response = client.post(
        site_url(Person, "merge", kimura.pk, twin.pk),
        {"keep": kimura.pk, "reason": "Same man.", "name_kind": "usual"},
    )

    assert response.status_code == 302
    assert not Person.objects.filter(pk=twin.pk).exists()
    assert kimura.other_names.filter(name="KIMURA Hitoshi").exists()


@pytest.mark.postgresql
def test_the_search_text_of_the_meetings_concerned_is_rebuilt_once(sixth, curator):
    kimura = Person.objects.get(slug="hitoshi-kimura")
    misspelt = Person.objects.create(name="Hitosi Kimura", sort_name="Kimura, Hitosi", slug="hk")
    Appearance.objects.create(
        meeting=sixth,
        person=misspelt,
        role="speaker",
        title="Envoy",
        source_paragraph=paragraph(sixth),
    )
    assert not Meeting.objects.filter(pk=sixth.pk, search_vector="hitoshi").exists()

    with CaptureQueriesContext(connection) as captured:
        merge(keep=kimura, duplicate=misspelt, user=curator, reason="A typing error.")

    refreshes = [
        q["sql"]
        for q in captured
        if q["sql"].startswith('UPDATE "meetings_meeting" SET "search_vector"')
    ]
    assert len(refreshes) == 1
    assert Meeting.objects.filter(pk=sixth.pk, search_vector="hitoshi").exists()


@pytest.mark.parametrize("model_name", ["organization", "person"])
def test_the_archives_admin_offers_the_merge_action(admin_client, model_name):
    page = admin_client.get(reverse(f"admin:meetings_{model_name}_changelist"))
    assert b'value="merge_selected"' in page.content


@pytest.mark.urls("astop_site.urls")
def test_the_merged_organisations_old_page_leads_to_the_one_kept(client, union, myanmar, curator):
    merge_union(myanmar, union, curator)
    response = client.get("/participants/union-of-myanmar/?page=2")
    assert response.status_code == 301
    assert response["Location"] == "/participants/myanmar/?page=2"
    assert client.get("/participants/no-such-state/").status_code == 404
