"""What must never be wrong is refused by the database, and explained by clean()."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import (
    Appearance,
    DiscussionPoint,
    Meeting,
    Membership,
    Organization,
    Paragraph,
    Participation,
    Person,
    SourceDocument,
    Topic,
)

from .builders import make_meeting

pytestmark = pytest.mark.django_db


def refused(save):
    """Run ``save`` in a savepoint and return the database's refusal."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        save()
    return error.value


@pytest.fixture
def astop_v():
    return Meeting.objects.get(slug="astop-v")


@pytest.fixture
def other_paragraph():
    """A paragraph of another meeting's source."""
    return make_meeting(slug="astop-vi", ordinal=6).sources.get().paragraphs.get()


def test_meeting_slug_is_unique(astop_v):
    refused(lambda: make_meeting(slug="astop-v", ordinal=60))


def test_ordinal_is_unique_within_a_series(astop_v):
    refused(lambda: make_meeting(slug="another-fifth", ordinal=5))
    duplicate = Meeting(series=astop_v.series, ordinal=5, slug="x", start_date=astop_v.start_date)
    duplicate.end_date = duplicate.start_date
    with pytest.raises(ValidationError, match="already has an edition number 5"):
        duplicate.clean()


def test_a_meeting_cannot_end_before_it_starts(astop_v):
    astop_v.end_date = datetime.date(2008, 4, 24)
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        astop_v.clean()
    refused(astop_v.save)


def test_a_published_meeting_has_a_publication_time(astop_v):
    astop_v.published_at = None
    refused(astop_v.save)


def test_a_meeting_has_one_host(astop_v):
    china = Participation.objects.get(meeting=astop_v, organization__slug="china")
    china.role = Participation.Role.HOST
    with pytest.raises(ValidationError, match="already has a host"):
        china.clean()
    refused(china.save)


def test_an_organisation_takes_part_once_per_meeting(astop_v):
    paragraph = Paragraph.objects.get(document__meeting=astop_v, position=3)
    refused(
        lambda: Participation.objects.create(
            meeting=astop_v,
            organization=Organization.objects.get(slug="china"),
            source_words="China",
            source_paragraph=paragraph,
        )
    )


@pytest.mark.parametrize("model", [Participation, Appearance, DiscussionPoint])
def test_a_fact_cannot_cite_another_meetings_paragraph(model, astop_v, other_paragraph):
    fact = model.objects.filter(meeting=astop_v).first()
    fact.source_paragraph = other_paragraph
    with pytest.raises(ValidationError, match="belongs to a source of another meeting"):
        fact.clean()
    error = refused(fact.save)
    assert "another meeting" in str(error)


def test_a_new_fact_cannot_cite_another_meetings_paragraph(astop_v, other_paragraph):
    refused(
        lambda: Appearance.objects.create(
            meeting=astop_v,
            person=Person.objects.get(slug="hitoshi-kimura"),
            role=Appearance.Role.CHAIR,
            title="Chair",
            source_paragraph=other_paragraph,
        )
    )


def test_a_cited_source_cannot_move_to_another_meeting(astop_v, other_paragraph):
    source = SourceDocument.objects.get(slug="astop-v-press-release")
    source.meeting = other_paragraph.document.meeting
    refused(source.save)
    paragraph = Paragraph.objects.get(document=source, position=3)
    paragraph.document = other_paragraph.document
    paragraph.position = 50
    refused(paragraph.save)


def test_a_membership_cannot_end_before_it_starts():
    membership = Membership.objects.get(member__slug="cambodia")
    membership.end_date = datetime.date(1990, 1, 1)
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        membership.clean()
    refused(membership.save)


def test_only_countries_have_iso_codes_and_each_code_once():
    asean = Organization.objects.get(slug="asean")
    asean.iso_code = "AS"
    with pytest.raises(ValidationError, match="Only countries"):
        asean.clean()
    refused(asean.save)
    refused(
        lambda: Organization.objects.create(
            name="Japan again", slug="japan-again", classification="country", iso_code="JP"
        )
    )


def test_slugs_of_lookup_tables_are_unique():
    refused(
        lambda: Topic.objects.create(
            name="PSI", slug="proliferation-security-initiative", kind="initiative"
        )
    )
    refused(
        lambda: Person.objects.create(name="H. Kimura", sort_name="Kimura", slug="hitoshi-kimura")
    )


def test_a_topic_cannot_sit_under_itself():
    psi = Topic.objects.get(slug="proliferation-security-initiative")
    psi.parent = Topic.objects.get(slug="pacific-shield-07")
    with pytest.raises(ValidationError, match="cannot sit under itself"):
        psi.clean()


def test_discussion_point_positions_are_unique_among_siblings(astop_v):
    point = DiscussionPoint.objects.get(meeting=astop_v, parent=None, position=1)
    point.position = 2
    refused(point.save)
    child = DiscussionPoint.objects.get(meeting=astop_v, label="(b)")
    child.position = 1
    refused(child.save)


def test_deleting_what_a_meeting_uses_is_refused(astop_v):
    from django.db.models import ProtectedError, RestrictedError

    with pytest.raises(ProtectedError):
        Organization.objects.get(slug="china").delete()
    with pytest.raises(RestrictedError):
        Paragraph.objects.get(document__meeting=astop_v, position=3).delete()


def test_deleting_a_meeting_takes_its_own_parts_with_it():
    meeting = make_meeting(slug="short-lived", ordinal=99)
    paragraph = meeting.sources.get().paragraphs.get()
    Participation.objects.create(
        meeting=meeting,
        organization=Organization.objects.get(slug="china"),
        source_words="China",
        source_paragraph=paragraph,
    )
    meeting.delete()
    assert not Paragraph.objects.filter(pk=paragraph.pk).exists()
    assert Organization.objects.filter(slug="china").exists()
