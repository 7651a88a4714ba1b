"""What real records say can be held: status and several roles, counts, groups named in
part, first time, one-off meetings, days and side events, related sources, other names.
Each rule is refused by the database and explained by clean()."""

import datetime

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import (
    Meeting,
    MeetingDay,
    Organization,
    OrganizationName,
    Paragraph,
    ParticipantCount,
    Participation,
    PersonName,
    SeriesName,
    SideEvent,
    SourceDocument,
)

from .builders import make_meeting

pytestmark = pytest.mark.django_db


def refused(save):
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        save()
    return error.value


@pytest.fixture
def astop_v():
    return Meeting.objects.get(slug="astop-v")


@pytest.fixture
def astop_vi():
    return make_meeting(slug="astop-vi", ordinal=6, day=datetime.date(2009, 5, 1))


def test_the_fixture_record_keeps_its_defaults(astop_v):
    """ASTOP-V as loaded: everyone attended, dates to the day, format not stated."""
    assert astop_v.date_precision == Meeting.DatePrecision.DAY
    assert astop_v.format == ""
    assert set(astop_v.participations.values_list("status", flat=True)) == {"attended"}
    japan = astop_v.participations.get(organization__slug="japan")
    assert japan.roles == ["host"]


def test_a_one_off_meeting_has_no_series_nor_edition():
    meeting = Meeting.objects.create(
        title="Seminar on export control",
        short_name="",
        slug="seminar",
        start_date=datetime.date(2011, 2, 1),
        end_date=datetime.date(2011, 2, 28),
        date_precision=Meeting.DatePrecision.MONTH,
    )
    assert meeting.series is None and meeting.ordinal is None
    meeting.ordinal = 1
    with pytest.raises(ValidationError, match="Only a meeting of a series"):
        meeting.clean()
    refused(meeting.save)


def test_planned_and_attended_participations_stay_apart(astop_v):
    japan = astop_v.participations.get(organization__slug="japan")
    planned = Participation.objects.create(
        meeting=astop_v,
        organization=japan.organization,
        role=Participation.Role.HOST,
        status=Participation.Status.PLANNED,
        source_words="Japan",
        source_paragraph=japan.source_paragraph,
    )
    assert set(
        astop_v.participations.filter(organization__slug="japan").values_list("status", flat=True)
    ) == {
        "attended",
        "planned",
    }
    assert Participation.objects.get_by_natural_key("astop-v", "japan", "planned") == planned
    assert Participation.objects.get_by_natural_key("astop-v", "japan") == japan
    twice = Participation(
        meeting=astop_v,
        organization=japan.organization,
        status=Participation.Status.PLANNED,
        source_words="Japan",
        source_paragraph=japan.source_paragraph,
    )
    with pytest.raises(ValidationError, match="already listed with this status"):
        twice.validate_constraints()
    refused(twice.save)


def test_a_host_may_also_co_chair_but_a_chair_holds_one_chair_role(astop_v):
    japan = astop_v.participations.get(organization__slug="japan")
    japan.chair_role = Participation.ChairRole.CO_CHAIR
    japan.full_clean()
    japan.save()
    assert japan.roles == ["host", "co_chair"]
    japan.role = Participation.Role.CHAIR
    with pytest.raises(ValidationError, match="second chair role"):
        japan.clean()
    refused(japan.save)


def test_members_named_under_a_group_whose_list_is_not_complete(astop_v):
    asean = astop_v.participations.get(organization__slug="asean")
    asean.list_complete = False
    asean.save()
    thailand = Organization.objects.create(
        name="Thailand X", slug="thailand-x", classification="country"
    )
    member = Participation.objects.create(
        meeting=astop_v,
        organization=thailand,
        named_under=asean,
        source_words="such as Thailand",
        source_paragraph=asean.source_paragraph,
    )
    assert list(asean.named_members.all()) == [member]
    other = make_meeting(slug="astop-vi", ordinal=6)
    elsewhere = Participation(
        meeting=other,
        organization=thailand,
        named_under=asean,
        source_words="Thailand",
        source_paragraph=other.sources.get().paragraphs.get(),
    )
    with pytest.raises(ValidationError, match="another meeting"):
        elsewhere.clean()


def test_first_time_is_derived_from_the_series(astop_v, astop_vi):
    paragraph = astop_vi.sources.get().paragraphs.get()
    for slug in ("japan", "australia"):
        Participation.objects.create(
            meeting=astop_vi,
            organization=Organization.objects.get(slug=slug),
            source_words=slug,
            source_paragraph=paragraph,
        )
    newcomer = Organization.objects.create(name="Newland", slug="newland", classification="country")
    Participation.objects.create(
        meeting=astop_vi, organization=newcomer, source_words="Newland", source_paragraph=paragraph
    )
    first = dict(
        Participation.objects.filter(meeting=astop_vi)
        .with_first_time()
        .values_list("organization__slug", "first_time")
    )
    assert first == {"japan": False, "australia": False, "newland": True}


def test_counts_days_and_side_events_cite_a_paragraph_of_their_meeting(astop_v, astop_vi):
    paragraph = astop_v.sources.get().paragraphs.get(position=3)
    count = ParticipantCount.objects.create(
        meeting=astop_v,
        count=50,
        what="people",
        approximate=True,
        source_words="about 50 people",
        source_paragraph=paragraph,
    )
    assert str(count) == "about 50 people"
    day = MeetingDay.objects.create(
        meeting=astop_v,
        date=astop_v.start_date,
        venue_name="Mita House",
        source_paragraph=paragraph,
    )
    SideEvent.objects.create(
        meeting=astop_v,
        kind=SideEvent.Kind.RECEPTION,
        title="Reception",
        source_paragraph=paragraph,
    )
    foreign = astop_vi.sources.get().paragraphs.get()
    for fact in (count, day, astop_v.side_events.get()):
        fact.source_paragraph = foreign
        with pytest.raises(ValidationError, match="another meeting"):
            fact.clean()
        refused(fact.save)
    day.refresh_from_db()
    day.date = datetime.date(2008, 4, 26)
    with pytest.raises(ValidationError, match="outside the meeting's dates"):
        day.clean()
    assert count.history.count() == 1 and day.history.count() == 1


def test_a_translation_names_its_original(astop_v):
    original = astop_v.sources.get()
    translation = SourceDocument(
        meeting=astop_v,
        slug="astop-v-ja",
        kind=SourceDocument.Kind.CHAIRS_SUMMARY,
        title="仮訳",
        publisher=original.publisher,
        published_on=original.published_on,
        language="ja",
        relation=SourceDocument.Relation.PROVISIONAL_TRANSLATION,
    )
    with pytest.raises(ValidationError, match="which source this one translates"):
        translation.clean()
    refused(translation.save)
    translation.related_source = original
    translation.full_clean()
    translation.save()
    assert list(original.related_sources.all()) == [translation]


def test_a_stored_source_rebuilds_its_paste():
    meeting = make_meeting(slug="astop-vi", ordinal=6)
    document = meeting.sources.get()
    document.paragraphs.all().delete()
    Paragraph.objects.create(document=document, position=1, text="Title", separator="")
    Paragraph.objects.create(
        document=document, position=2, label="1.", gap="\u3000", text="Body\nline", separator="\n\n"
    )
    document.trailing = "\n"
    document.line_break = SourceDocument.LineBreak.CRLF
    document.odd_line_breaks = {"1": "lf"}
    document.save()
    assert document.rebuild() == "Title\r\n\n1.\u3000Body\r\nline\r\n"


def test_other_names_have_natural_keys_and_are_unique(astop_v):
    japan = Organization.objects.get(slug="japan")
    OrganizationName.objects.create(organization=japan, name="日本国", language="ja")
    SeriesName.objects.create(
        series=astop_v.series,
        name="Asian Senior-level Talks on Non-Proliferation",
        kind=SeriesName.Kind.FORMER,
    )
    person = astop_v.appearances.get().person
    PersonName.objects.create(person=person, name="KIMURA Hitoshi", language="en")
    data = serializers.serialize(
        "json",
        [*OrganizationName.objects.all(), *SeriesName.objects.all(), *PersonName.objects.all()],
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
    )
    for item in serializers.deserialize("json", data, handle_forward_references=True):
        assert item.object.pk is not None  # found again by its natural key: no duplicate
    twice = OrganizationName(organization=japan, name="日本国")
    with pytest.raises(ValidationError, match="already has this name"):
        twice.validate_constraints()
    refused(twice.save)


def test_the_record_page_says_status_second_role_and_a_partial_list(client, astop_v):
    """An absent state is listed apart, never shown as an attendee."""
    china = astop_v.participations.get(organization__slug="china")
    china.status = Participation.Status.ABSENT
    china.save()
    japan = astop_v.participations.get(organization__slug="japan")
    japan.chair_role = Participation.ChairRole.CO_CHAIR
    japan.save()
    asean = astop_v.participations.get(organization__slug="asean")
    asean.list_complete = False
    asean.save()
    response = client.get(astop_v.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    took_part = page[page.index('<ul class="participants list-took-part"') :]
    took_part = took_part[: took_part.index('<h3 id="absent-heading">')]
    assert ">China</a>" not in took_part
    absent = page[page.index('<ul class="participants list-absent"') :].split("</ul>")[0]
    assert ">China</a>" in absent
    japan_row = took_part[took_part.index(">Japan</a>") :].split("</li>")[0]
    assert '<span class="badge">Host</span> <span class="badge">Co-chair</span>' in japan_row
    assert "The source names only some of its members" in took_part


def test_an_absent_state_did_not_attend(astop_v):
    china = Organization.objects.get(slug="china")
    assert list(Meeting.objects.attended_by(china)) == [astop_v]
    astop_v.participations.filter(organization=china).update(status=Participation.Status.ABSENT)
    assert list(Meeting.objects.attended_by(china)) == []
    assert list(Meeting.objects.involving(china)) == [astop_v]
