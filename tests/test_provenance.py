"""Provenance of a record: each source as plain text exactly as issued, when the archive
captured it and from where, and a public change log of the published record."""

import datetime
import hashlib

import pytest
from django.contrib.auth import get_user_model

from meetings.models import Correction, Meeting, Participation, SideEvent, SourceDocument

from .builders import RESULTS_EN, make_hard_record
from .release import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_user("curator", password="pw", is_staff=True)
    client.force_login(user)
    return client


@pytest.fixture
def curator():
    return get_user_model().objects.create_user("jane-curator", is_staff=True)


def text_url(source):
    return f"/meetings/{source.meeting.slug}/sources/{source.pk}.txt"


# Plain text as issued -------------------------------------------------------------------


def test_a_release_downloads_byte_for_byte_as_issued(client):
    meeting = make_hard_record()
    source = meeting.sources.get(slug="astop-vi-results-en")
    paste = "\n\n".join(f"{label} {text}" if label else text for label, _, text in RESULTS_EN)
    response = client.get(text_url(source))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="astop-vi-results-en.txt"'
    assert response.content == paste.encode()


# The release as the ministry issued it: 3,220 bytes, paragraphs apart, indented labels,
# a no-break space after "(1)" and a last line "Back to Index" with no line break after it.
ASTOP_V_RELEASE_SHA256 = "1f08cf910ec05b705319eb4533a8c7e3c928383082bf853aaaa4071919af7805"


def test_the_astop_v_release_downloads_exactly_as_issued(client):
    source = SourceDocument.objects.get(slug="astop-v-press-release")
    response = client.get(text_url(source))
    assert response.status_code == 200
    assert response.content.decode() == source.rebuild()
    assert response.content.startswith(
        b"The Results of the Fifth Asian Senior-level Talks on Non-Proliferation (ASTOP-V)"
        b"\n\nMay 1, 2008\n\n  1. The Ministry"
    )
    assert b"\n  2. Mr. Hitoshi KIMURA" in response.content
    assert "\n\n    (2)\u00a0On the strengthening".encode() in response.content
    assert len(response.content) == 3220
    assert hashlib.sha256(response.content).hexdigest() == ASTOP_V_RELEASE_SHA256


def test_a_japanese_source_downloads_as_utf_8(client):
    meeting = make_hard_record()
    source = meeting.sources.get(language="ja")
    response = client.get(text_url(source))
    assert response.status_code == 200
    assert response.content.decode("utf-8") == source.rebuild()
    assert "第6回アジア不拡散協議" in response.content.decode("utf-8")


def test_unknown_or_foreign_sources_are_404(client):
    meeting = make_hard_record()
    astop_v = SourceDocument.objects.get(slug="astop-v-press-release")
    assert client.get(f"/meetings/{meeting.slug}/sources/{astop_v.pk}.txt").status_code == 404
    assert client.get("/meetings/astop-v/sources/999999.txt").status_code == 404
    assert client.get(f"/meetings/no-such/sources/{astop_v.pk}.txt").status_code == 404


def test_a_draft_source_is_for_staff_only_and_never_cached(client, staff_client):
    draft = make_hard_record(slug="astop-vi-draft", status=Meeting.Status.DRAFT)
    source = draft.sources.first()
    staff = staff_client.get(text_url(source))
    assert staff.status_code == 200
    assert "no-store" in staff["Cache-Control"]
    staff_client.logout()
    assert client.get(text_url(source)).status_code == 404


def test_the_record_page_links_each_download_and_says_where_it_was_captured(client):
    meeting = make_hard_record()
    page = client.get(meeting.get_absolute_url()).content.decode()
    for source in meeting.sources.all():
        assert f'href="{text_url(source)}" download' in page
    text = visible_text(page)
    assert text.count("Captured by the archive") == 1  # only the Japanese release is known
    assert "Captured by the archive on 20 February 2009 from https://www.mofa.go.jp/" in text


# The change log -------------------------------------------------------------------------


def changes_text(client, meeting):
    response = client.get(f"/meetings/{meeting.slug}/changes/")
    assert response.status_code == 200
    page = response.content.decode()
    return visible_text(page[page.index("<h1>") : page.index("Back to the record")])


@pytest.fixture
def revised(curator):
    """ASTOP-VI edited as a draft, published, revised in public, withdrawn, edited, and
    published again: each saved by a named curator."""
    meeting = make_hard_record(status=Meeting.Status.DRAFT)
    china = meeting.participations.get(organization__slug="china")
    china.source_words = "Words only the draft held"
    china._history_user = curator
    china.save()
    meeting._history_user = curator
    meeting.publish()
    china.refresh_from_db()
    china.status = Participation.Status.ABSENT
    china.source_words = "China did not attend."
    china._history_user = curator
    china.save()
    SideEvent.objects.create(
        meeting=meeting,
        kind=SideEvent.Kind.WORKSHOP,
        title="Workshop on the Additional Protocol",
        position=5,
        source_paragraph=china.source_paragraph,
    )
    paragraph = meeting.sources.get(
        language="en", relation="provisional_translation"
    ).paragraphs.get(position=4)
    before = paragraph.text
    paragraph.text = before.replace("February 12", "February 11")
    paragraph.save()
    Correction.objects.create(
        paragraph=paragraph,
        corrected_by="jane-curator",
        reason="The translation gave the wrong evening for the reception.",
        label_before=paragraph.label,
        text_before=before,
        label_after=paragraph.label,
        text_after=paragraph.text,
    )
    meeting.participations.get(organization__slug="canada").delete()
    meeting.unpublish()
    meeting.title = "Sixth Asian Senior-level Talks (a title only a draft had)"
    meeting.save()
    meeting.title = "Sixth Asian Senior-level Talks on Non-Proliferation"
    meeting.save()
    meeting.publish()
    return meeting


def test_the_change_log_says_what_changed_since_publication(client, revised):
    text = changes_text(client, revised)
    for change in [
        "First published",
        "participant China (absent): status changed from “Attended” to “Absent”; source words "
        "changed from “Words only the draft held” to “China did not attend.”",
        "Added: side event “Workshop on the Additional Protocol”",
        "Removed: participant Canada (invited)",
        "Paragraph 3. of “The Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI) "
        "(Provisional Translation)” corrected (text): The translation gave the wrong evening for "
        "the reception.",
        "Published again after a revision",
    ]:
        assert change in text, change
    # Newest first: the republication before the first publication.
    assert text.index("Published again") < text.index("First published")


def test_the_change_log_never_shows_a_draft_state_nor_a_curator(client, revised):
    text = changes_text(client, revised)
    assert "from “China” to" not in text  # edited while a draft
    assert "a title only a draft had" not in text  # edited while withdrawn
    assert "The meeting:" not in text  # its title ended as it was published
    assert "jane-curator" not in text


def test_the_record_says_when_it_was_first_published_and_last_revised(client, revised):
    page = client.get(revised.get_absolute_url()).content.decode()
    text = visible_text(page)
    today = datetime.date.today()
    assert f"First published {revised.published_at:%-d %B %Y}; last revised" in text
    assert f'<time datetime="{today:%Y-%m-%d}">' in page
    assert f'href="/meetings/{revised.slug}/changes/">What has changed</a>' in page


def test_a_record_loaded_as_published_has_no_change_yet(client):
    astop_v = Meeting.objects.get(slug="astop-v")
    text = changes_text(client, astop_v)
    assert (
        f"No change since the record was first published on {astop_v.published_at:%-d %B %Y}"
        in text
    )
    page = visible_text(client.get("/meetings/astop-v/").content.decode())
    assert f"First published {astop_v.published_at:%-d %B %Y}. What has changed" in page


def test_a_draft_change_log_is_for_staff_only(client, staff_client):
    draft = make_hard_record(slug="astop-vi-draft", status=Meeting.Status.DRAFT)
    response = staff_client.get(f"/meetings/{draft.slug}/changes/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "This record has not been published yet." in response.content.decode()
    staff_client.logout()
    assert client.get(f"/meetings/{draft.slug}/changes/").status_code == 404


def test_the_change_log_costs_the_same_however_long_it_is(
    client, revised, django_assert_num_queries
):
    # meeting, its history, the history of its 9 kinds of parts, names of organisations
    # and topics (no speaker here, so no query for people), corrections.
    with django_assert_num_queries(13):
        client.get(f"/meetings/{revised.slug}/changes/")
    for n in range(10):
        SideEvent.objects.create(
            meeting=revised,
            kind=SideEvent.Kind.OTHER,
            title=f"Briefing {n}",
            position=10 + n,
            source_paragraph=revised.side_events.first().source_paragraph,
        )
    with django_assert_num_queries(13):
        text = changes_text(client, revised)
    assert text.count("Added: side event “Briefing") == 10
