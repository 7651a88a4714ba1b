"""The meeting page's schema.org Event lists only those who took part, and says how."""

import pytest
from django.core.cache import cache
from django.test import Client

from meetings.models import Meeting, Organization, Paragraph, Participation

pytestmark = pytest.mark.django_db


def event():
    response = Client().get("/meetings/astop-v/")
    assert response.status_code == 200
    return response.context["json_ld"]


def test_an_absent_participant_is_not_an_attendee():
    meeting = Meeting.objects.get(slug="astop-v")
    Participation.objects.create(
        meeting=meeting,
        organization=Organization.objects.create(
            name="Absentia", slug="absentia", classification="country"
        ),
        status=Participation.Status.ABSENT,
        source_words="Absentia did not take part",
        position=99,
        source_paragraph=Paragraph.objects.filter(document__meeting=meeting).first(),
    )
    names = [attendee["name"] for attendee in event()["attendee"]]
    assert "Absentia" not in names
    assert "Australia" in names


def test_attendance_mode_follows_the_format():
    assert event()["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")
    Meeting.objects.filter(slug="astop-v").update(format=Meeting.Format.VIRTUAL)
    cache.clear()  # the record is kept until a commit bumps the content version
    assert event()["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")
