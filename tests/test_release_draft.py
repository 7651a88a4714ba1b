"""The writer: a parsed release stored as a draft (or as another source of an archived
meeting), its paste rebuilt byte for byte from the rows, all or nothing."""

import dataclasses
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.models import (
    Meeting,
    Organization,
    Paragraph,
    Participation,
    Person,
    SideEvent,
    SourceDocument,
)
from meetings.releases.draft import write_release
from meetings.releases.match import match_release
from meetings.releases.parse import parse_release

from .release import SEED

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parent / "releases"
SAMPLE_PATHS = sorted(SAMPLES.glob("*.txt"))


def read(path):
    with open(path, encoding="utf-8", newline="") as file:
        return file.read()


@pytest.fixture
def ministry():
    return Organization.objects.get(slug="mofa-japan")


@pytest.mark.parametrize("path", SAMPLE_PATHS, ids=lambda path: path.stem)
def test_every_sample_is_stored_so_that_it_rebuilds_byte_for_byte(path, ministry):
    text = read(path)
    release = parse_release(text)
    astop_v = Meeting.objects.get(slug="astop-v")
    document = write_release(
        release=release, matches=match_release(release), publisher=ministry, attach_to=astop_v
    )
    document.refresh_from_db()
    assert document.rebuild() == text
    assert document.paragraphs.count() == len(release.paragraphs)


def test_crlf_and_mixed_line_breaks_are_rebuilt(ministry):
    text = read(SAMPLE_PATHS[0]).replace("\n", "\r\n", 3).replace("\n", "\r\n")
    text = text.replace("\r\n", "\n", 1)
    release = parse_release(text)
    document = write_release(
        release=release,
        matches=match_release(release),
        publisher=ministry,
        attach_to=Meeting.objects.get(slug="astop-v"),
    )
    document.refresh_from_db()
    assert document.line_break == "crlf" and document.odd_line_breaks
    assert document.rebuild() == text


def test_a_new_release_becomes_a_draft_with_its_confirmed_links(ministry):
    release = parse_release(read(SAMPLES / "en_results_astop13.txt"))
    matches = match_release(release)
    document = write_release(release=release, matches=matches, publisher=ministry)
    meeting = document.meeting
    assert meeting.status == Meeting.Status.DRAFT
    assert (meeting.series.slug, meeting.ordinal, meeting.short_name) == ("astop", 13, "ASTOP-XIII")
    assert meeting.slug == "astop-xiii"
    assert str(meeting.start_date) == "2017-12-08"
    matched = [row.slug for row in matches.organizations if row]
    assert list(meeting.participations.values_list("organization__slug", flat=True)) == matched
    japan = meeting.participations.get(organization__slug="japan")
    assert japan.roles == ["host"]
    assert meeting.sources.get().paragraphs.filter(mentions__isnull=False).exists()


def test_a_second_release_attaches_to_the_archived_meeting():
    """The Japanese provisional translation names the English source as its original;
    an announcement's planned participants stay apart from the attendees."""
    astop_v = Meeting.objects.get(slug="astop-v")
    ministry = Organization.objects.get(slug="mofa-japan")
    release = parse_release(read(SAMPLES / "ja_chairs_summary_provisional.txt"))
    document = write_release(
        release=release,
        matches=match_release(release),
        publisher=ministry,
        attach_to=astop_v,
        relation=release.source.relation,  # as the screen proposes it
    )
    assert document.relation == SourceDocument.Relation.PROVISIONAL_TRANSLATION
    assert document.related_source.slug == "astop-v-press-release"
    attended = astop_v.participations.filter(status="attended").count()
    announcement = parse_release(read(SAMPLES / "en_announcement_astop14.txt"))
    write_release(
        release=announcement,
        matches=match_release(announcement),
        publisher=ministry,
        attach_to=astop_v,
    )
    statuses = set(astop_v.participations.values_list("status", flat=True))
    # UNODA and the IAEA: guests of the summary; the EU: invited by the announcement
    assert statuses == {"attended", "guest", "invited", "planned"}
    assert astop_v.participations.filter(status="attended").count() == attended
    assert astop_v.participations.filter(status="planned").count() > 0


def test_a_refused_release_writes_nothing(ministry):
    release = parse_release(read(SAMPLES / "en_seminar_days.txt"))
    release.meeting.start_date = None
    counts = (Meeting.objects.count(), SourceDocument.objects.count(), Paragraph.objects.count())
    with pytest.raises(ValidationError, match="no date"):
        write_release(release=release, matches=match_release(release), publisher=ministry)
    release = parse_release(read(SAMPLES / "en_seminar_days.txt"))
    release.paragraphs[-1].label = "x" * 30  # longer than a label may be: refused late
    with pytest.raises(ValidationError):
        write_release(release=release, matches=match_release(release), publisher=ministry)
    after = (Meeting.objects.count(), SourceDocument.objects.count(), Paragraph.objects.count())
    assert after == counts
    assert Participation.objects.count() == 8


def test_a_venue_per_day_cites_the_paragraph_that_names_it(ministry):
    release = parse_release(read(SAMPLES / "en_seminar_days.txt"))
    meeting = write_release(
        release=release, matches=match_release(release), publisher=ministry
    ).meeting
    days = list(meeting.days.select_related("source_paragraph"))
    assert [day.venue_name for day in days] == [venue.name for venue in release.meeting.venues]
    assert len(days) == 2
    for day in days:
        assert day.venue_name in day.source_paragraph.text


HOLDOUT2 = SAMPLES / "holdout2"


def test_participants_and_people_the_archive_lacks_are_created(ministry):
    """With the name table's classification and other names; people given name first,
    the name as written kept as another name; one named without a title appears with none."""
    release = parse_release(read(HOLDOUT2 / "ja_results_run_together.txt"))
    release.people.append(dataclasses.replace(release.people[0], name="中山", english_name="",
                                              title="", reading="", role=""))  # fmt: skip
    matches = match_release(release)
    meeting = write_release(release=release, matches=matches, publisher=ministry).meeting
    bangladesh = Organization.objects.get(slug="bangladesh")
    assert (bangladesh.name, bangladesh.classification, bangladesh.iso_code) == (
        "Bangladesh",
        "country",
        "BD",
    )
    assert bangladesh.other_names.filter(name="バングラデシュ", language="ja").exists()
    assert meeting.participations.filter(organization=bangladesh, status="attended").exists()
    assert meeting.participations.count() == len(release.participants)
    singapore = meeting.participations.get(organization__slug="singapore")
    assert (singapore.role, singapore.chair_role) == ("host", "co_chair")
    ishida = Person.objects.get(name="Koji Ishida")
    assert (ishida.sort_name, ishida.slug) == ("Ishida, Koji", "koji-ishida")
    assert set(ishida.other_names.values_list("name", "language", "kind")) == {
        ("石田浩二", "ja", "usual"),
        ("いしだ・こうじ", "ja", "reading"),
    }
    appearance = meeting.appearances.get(person=ishida)
    assert (appearance.role, appearance.title) == ("head_of_delegation", "軍縮不拡散・科学部審議官")
    nakayama = Person.objects.get(name="中山")
    assert meeting.appearances.get(person=nakayama).title == ""


def test_rows_the_curator_dropped_are_not_created(ministry):
    release = parse_release(read(HOLDOUT2 / "en_statement_cochairs.txt"))
    matches = match_release(release)
    dropped = {p.slug for p in release.participants if p.slug in ("bangladesh", "opcw")}
    assert dropped == {"bangladesh", "opcw"}
    matches.organizations = [
        None if p.slug in dropped else row
        for p, row in zip(release.participants, matches.organizations, strict=True)
    ]
    matches.people = [None, *matches.people[1:]]
    new = {row.slug for row in matches.organizations if row is not None and row.pk is None}
    assert "mongolia" in new and "japan" not in new
    organizations, people = Organization.objects.count(), Person.objects.count()
    meeting = write_release(release=release, matches=matches, publisher=ministry).meeting
    assert not Organization.objects.filter(slug__in=dropped).exists()
    assert Organization.objects.count() - organizations == len(new)
    assert not Person.objects.filter(name="Ingrid Halvorsen").exists()
    assert Person.objects.count() - people == 3
    assert meeting.appearances.count() == 3


def test_a_refused_release_creates_no_organisation_or_person(ministry):
    release = parse_release(read(HOLDOUT2 / "en_statement_cochairs.txt"))
    release.paragraphs[-1].label = "x" * 30  # refused after the participants are written
    counts = (Organization.objects.count(), Person.objects.count(), Meeting.objects.count())
    with pytest.raises(ValidationError):
        write_release(release=release, matches=match_release(release), publisher=ministry)
    assert (Organization.objects.count(), Person.objects.count(), Meeting.objects.count()) == (
        counts
    )


def test_side_events_cite_their_paragraphs(ministry):
    release = parse_release(read(HOLDOUT2 / "ja_results_side_events.txt"))
    meeting = write_release(
        release=release, matches=match_release(release), publisher=ministry
    ).meeting
    events = list(meeting.side_events.select_related("source_paragraph"))
    assert [(e.kind, str(e.date), e.venue_name, e.position) for e in events] == [
        ("reception", "2023-03-01", "飯倉公館", 1),
        ("working_level", "2023-03-02", "", 2),
        ("workshop", "2023-03-03", "三田共用会議所", 3),
    ]
    assert events[2].title == "アジア不拡散ワークショップ"
    for event in events:
        assert event.source_paragraph.label.startswith("（")
        assert event.source_paragraph.document.meeting == meeting
        # The sentence that tells of it, as written, beside its short title.
        assert event.title in event.source_words or event.kind == "working_level"
        assert event.source_words in event.source_paragraph.text
    assert SideEvent.objects.count() == 3


def test_a_copy_keeps_the_original_address_and_its_own(ministry):
    release = parse_release(read(HOLDOUT2 / "en_copy_other_site.txt"))
    document = write_release(release=release, matches=match_release(release), publisher=ministry)
    document.refresh_from_db()
    assert (document.relation, document.original_url, document.copy_url) == (
        "copy",
        "https://www.mofa.go.jp/press/release/press4e_001234.html",
        "https://www.vn.emb-japan.go.jp/itpr_en/press_astop12.html",
    )
    assert document.rebuild() == read(HOLDOUT2 / "en_copy_other_site.txt")
    # Entered on the day of the import; the text names its pages, but nobody said the
    # text was copied from one of them: no capture address is claimed.
    assert (document.captured_on, document.captured_from) == (timezone.localdate(), "")


def test_the_address_the_text_was_copied_from_is_kept_when_given(ministry):
    release = parse_release(read(HOLDOUT2 / "en_copy_other_site.txt"))
    document = write_release(
        release=release,
        matches=match_release(release),
        publisher=ministry,
        captured_from="https://www.vn.emb-japan.go.jp/itpr_en/press_astop12.html",
    )
    assert document.captured_from == "https://www.vn.emb-japan.go.jp/itpr_en/press_astop12.html"


JAPANESE_ONE_OFF = """\
日・ASEAN輸出管理セミナーの開催（結果）

平成20年4月28日

１．４月２５日（金曜日），外務省において日・ASEAN輸出管理セミナーを開催しました。
２．ASEAN諸国及び豪州の輸出管理担当者が参加しました。
"""
ENGLISH_ONE_OFF = """\
Japan-ASEAN Seminar on Export Control (Results)

April 28, 2008

1. On Friday, April 25, the Ministry of Foreign Affairs held the Japan-ASEAN Seminar on Export Control.
2. Export control officials of the ASEAN member countries and Australia took part.
"""  # noqa: E501


def write(text, ministry, attach_to=None, relation=""):
    release = parse_release(text)
    return write_release(
        release=release,
        matches=match_release(release),
        publisher=ministry,
        attach_to=attach_to,
        relation=relation,
    )


def test_the_two_language_versions_are_related_as_the_curator_says(ministry):
    """Nothing is stated unless the curator says: translation of, or original of, the
    meeting's source in the other language."""
    japanese = write(JAPANESE_ONE_OFF, ministry)
    english = write(ENGLISH_ONE_OFF, ministry, attach_to=japanese.meeting)
    assert (english.relation, english.related_source) == ("", None)
    english.meeting.sources.filter(pk=english.pk).delete()
    english = write(ENGLISH_ONE_OFF, ministry, japanese.meeting, relation="translation")
    assert (english.relation, english.related_source) == ("translation", japanese)
    japanese.refresh_from_db()
    assert (japanese.relation, japanese.related_source) == ("", None)
    # The other way round: the Japanese one added is the original of the English one.
    other = write(ENGLISH_ONE_OFF.replace("Seminar", "Workshop"), ministry)
    added = write(
        JAPANESE_ONE_OFF.replace("セミナー", "ワークショップ"), ministry, other.meeting, "original"
    )
    other.refresh_from_db()
    assert (other.relation, other.related_source) == ("translation", added)
    assert (added.relation, added.related_source) == ("", None)
    # A meeting with no source in another language has nothing to relate to.
    with pytest.raises(ValidationError) as refused:
        write(JAPANESE_ONE_OFF.replace("セミナー", "会合"), ministry, added.meeting, "translation")
    assert refused.value.message_dict == {
        "relation": [f"{added.meeting} has no source in another language to relate this one to."]
    }


def test_a_source_of_another_kind_is_not_a_translation(ministry):
    japanese = write(JAPANESE_ONE_OFF, ministry)
    speech = parse_release(ENGLISH_ONE_OFF)
    speech.source.kind = "speech"
    document = write_release(
        release=speech, matches=match_release(speech), publisher=ministry,
        attach_to=japanese.meeting,
    )  # fmt: skip
    assert (document.relation, document.related_source) == ("", None)


def test_the_same_release_twice_is_refused_and_nothing_is_written(ministry):
    astop_v = Meeting.objects.get(slug="astop-v")
    counts = (SourceDocument.objects.count(), Paragraph.objects.count())
    with pytest.raises(ValidationError) as refused:
        write(read(SEED), ministry, attach_to=astop_v)
    existing = astop_v.sources.get()
    assert refused.value.messages == [
        f"This release is already a source of ASTOP-V: “{existing.title}” (English). "
        "Nothing was saved."
    ]
    assert (SourceDocument.objects.count(), Paragraph.objects.count()) == counts
    # The same words in another language's source, or other words, are not the same release.
    write(read(SEED).replace("Mita House", "the Mita Conference Hall"), ministry, astop_v)
    assert astop_v.sources.count() == 2


OBSERVED = """\
The Results of the Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI)

February 12, 2009

1. The Ministry of Foreign Affairs held the Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI) on Tuesday, February 10, at Mita House. Senior officials from Australia, Mongolia and Japan, the host, participated in the meeting. Singapore took part as an observer.
2. Mr. Hitoshi KIMURA, Senior Vice-Minister for Foreign Affairs, gave an opening speech.
"""  # noqa: E501


def test_an_observer_is_written_with_the_observer_role(ministry):
    meeting = write(OBSERVED, ministry).meeting
    singapore = meeting.participations.get(organization__slug="singapore")
    assert (singapore.status, singapore.role) == ("observer", "observer")
    assert meeting.participations.get(organization__slug="australia").role == "participant"


@pytest.mark.parametrize(("slug", "expected"), [(None, None), ("japan", "japan"),
                                                ("mongolia", "mongolia"),
                                                ("bangladesh", "bangladesh")])  # fmt: skip
def test_a_person_is_written_on_behalf_of_the_organisation_proposed(ministry, slug, expected):
    """An archived organisation, or one the release adds (Mongolia is new here), or one
    that only the person names (Bangladesh, new too)."""
    release = parse_release(OBSERVED)
    release.people[0].on_behalf_of = slug
    document = write_release(release=release, matches=match_release(release), publisher=ministry)
    appearance = document.meeting.appearances.get()
    assert getattr(appearance.on_behalf_of, "slug", None) == expected
    if expected:
        assert Organization.objects.filter(slug=expected).count() == 1
