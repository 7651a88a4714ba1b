"""The meeting page and list: content, drafts, and a query count that does not grow."""

import pytest
from django.contrib.auth import get_user_model

from meetings.models import Meeting

from .builders import grow_meeting, make_meeting
from .release import visible_text

pytestmark = pytest.mark.django_db

# meeting (+series, country, convener), participations (with first time), group
# memberships, appearances, discussion points, their topics, sources, paragraphs,
# mentions, corrections of the paragraphs, days, counts, side events, the last revision,
# the previous and next meetings of the series, and the sources cited for the venue.
MEETING_PAGE_QUERIES = 17
# A Japanese page also reads the other names of the organisations, people, series and
# topics the record names (for their Japanese names): one query per model.
JAPANESE_PAGE_QUERIES = MEETING_PAGE_QUERIES + 4


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_user("curator", password="pw", is_staff=True)
    client.force_login(user)
    return client


def test_meeting_page_shows_the_structured_record(client):
    response = client.get("/meetings/astop-v/")
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    for fact in [
        "Friday 25 April 2008",
        "Mita House, Tokyo, Japan",
        "Host Japan",
        "Convened by Ministry of Foreign Affairs of Japan",
        "Hitoshi Kimura, Senior Vice-Minister for Foreign Affairs (Japan) — opening speech",
        "“the ASEAN member countries”",
        "(2) Strengthening non-proliferation measures in Asian countries",
        "(c) Universalization of the IAEA Additional Protocol",
        "Pacific Shield 07 exercise",
        "Press release · Ministry of Foreign Affairs of Japan · published 1 May 2008",
    ]:
        assert fact in text
    assert "<h1>" in response.content.decode()


def test_each_paragraph_has_an_anchor_and_a_permalink(client):
    page = client.get("/meetings/astop-v/").content.decode()
    for position in range(1, 11):
        assert f'id="astop-v-press-release-p{position}"' in page
    assert (
        '<a href="#astop-v-press-release-p3">Link<span class="visually-hidden"> to para. 1<' in page
    )
    assert "/meetings/astop-v/cite.bib?paragraph=3" in page


def test_meeting_list_shows_published_meetings(client):
    response = client.get("/meetings/")
    assert response.status_code == 200
    assert b"Fifth Asian Senior-level Talks on Non-Proliferation (ASTOP-V)" in response.content


def test_unknown_meeting_is_404(client):
    assert client.get("/meetings/no-such-meeting/").status_code == 404


def test_draft_is_hidden_from_the_public(client):
    make_meeting(slug="astop-draft", ordinal=6, status=Meeting.Status.DRAFT)
    assert client.get("/meetings/astop-draft/").status_code == 404
    assert b"astop-draft" not in client.get("/meetings/").content


def test_staff_preview_a_draft_marked_and_uncached(staff_client):
    make_meeting(slug="astop-draft", ordinal=6, status=Meeting.Status.DRAFT)
    response = staff_client.get("/meetings/astop-draft/")
    assert response.status_code == 200
    assert "Draft — not public." in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert b"astop-draft" in staff_client.get("/meetings/").content


def test_meeting_page_query_count_does_not_grow_with_the_record(client, django_assert_num_queries):
    with django_assert_num_queries(MEETING_PAGE_QUERIES):
        assert client.get("/meetings/astop-v/").status_code == 200

    # 50 participants, 50 paragraphs and 50 discussion points with topics each:
    # without the prefetches each would cost a query (N+1).
    grow_meeting(make_meeting(slug="big-meeting", ordinal=7), 50)
    with django_assert_num_queries(MEETING_PAGE_QUERIES):
        response = client.get("/meetings/big-meeting/")
    assert response.status_code == 200
    assert response.content.decode().count('class="point"') == 50


def test_the_japanese_page_reads_names_in_one_query_per_model(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    with django_assert_num_queries(JAPANESE_PAGE_QUERIES):
        assert client.get("/ja/meetings/astop-v/").status_code == 200
    # 50 participants and points with topics: no more (no one speaks there: one less).
    grow_meeting(make_meeting(slug="big-meeting", ordinal=7), 50)
    with django_assert_max_num_queries(JAPANESE_PAGE_QUERIES):
        assert client.get("/ja/meetings/big-meeting/").status_code == 200
    # Remembered, the record costs the meeting and its series' names (named above it).
    with django_assert_num_queries(2):
        assert client.get("/ja/meetings/big-meeting/").status_code == 200


def test_the_rendered_record_is_remembered_until_the_archive_changes(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    client.get("/meetings/astop-v/")
    with django_assert_num_queries(1):  # the meeting itself; the record comes from the cache
        page = client.get("/meetings/astop-v/").content.decode()
    assert "Senior Vice-Minister for Foreign Affairs" in page
    with django_capture_on_commit_callbacks(execute=True):
        Meeting.objects.get(slug="astop-v").participations.filter(
            organization__slug="china"
        ).update(source_words="China (corrected)")
        Meeting.objects.get(slug="astop-v").save()
    with django_assert_num_queries(MEETING_PAGE_QUERIES):
        assert "China (corrected)" in client.get("/meetings/astop-v/").content.decode()


def test_a_draft_record_is_never_kept(staff_client):
    draft = make_meeting(slug="astop-draft", ordinal=6, status=Meeting.Status.DRAFT)
    staff_client.get("/meetings/astop-draft/")
    draft.sources.get().paragraphs.update(text="Revised opening words.")
    assert "Revised opening words." in staff_client.get("/meetings/astop-draft/").content.decode()


def test_a_published_meeting_page_is_kept_no_later_than_midnight(client):
    """Its citations carry today's access date."""
    response = client.get("/meetings/astop-v/")
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 86400
