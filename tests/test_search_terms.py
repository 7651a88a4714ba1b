"""What a reader types: quoted phrases, other names, spelling variants, Japanese text."""

import pytest

from meetings import search
from meetings.models import Meeting, Organization, OrganizationName, Paragraph, Person, PersonName

from .builders import make_meeting

pytestmark = pytest.mark.django_db


def hit_titles(query, kind):
    hits, _notes = search.search_site(query)
    return [hit.title for hit in hits if hit.kind == kind]


def meeting_slugs(query):
    found = search.filter_meetings(Meeting.objects.public(), search.clean_query(query))
    return sorted(found.values_list("slug", flat=True))


def give_text(meeting, text):
    Paragraph.objects.filter(document__meeting=meeting).update(text=text)
    meeting.save()  # the search text follows the meeting's save


@pytest.mark.parametrize("query", ['"Pacific Shield"', "“Pacific Shield”", '"pacific shield" PSI'])
def test_a_quoted_phrase_finds_the_paragraph_that_holds_it(query):
    assert "ASTOP-V, press release, (3)" in hit_titles(query, "paragraph")
    assert meeting_slugs(query) == ["astop-v"]


def test_words_need_not_be_next_to_each_other_but_a_phrase_must():
    meeting = make_meeting(slug="shield-words", ordinal=6)
    give_text(meeting, "The shield of the Pacific fleet was discussed.")
    assert meeting_slugs("Pacific shield") == ["astop-v", "shield-words"]
    assert meeting_slugs('"Pacific shield"') == ["astop-v"]


@pytest.mark.parametrize("query", ["nonproliferation", "Nonproliferation", "non proliferation"])
def test_spelling_variants_of_a_hyphenated_word_find_it(query):
    assert meeting_slugs(query) == ["astop-v"]
    assert hit_titles(query, "paragraph")


def test_the_hyphenated_form_finds_the_closed_form():
    meeting = make_meeting(slug="closed-form", ordinal=6)
    give_text(meeting, "Counterproliferation was the theme.")
    assert meeting_slugs("counter-proliferation") == ["closed-form"]


def test_an_organisations_other_name_finds_text_that_uses_its_name():
    north_korea = Organization.objects.create(
        name="Democratic People's Republic of Korea",
        slug="dprk",
        abbreviation="DPRK",
        classification="country",
    )
    OrganizationName.objects.create(organization=north_korea, name="North Korea")
    meeting = make_meeting(slug="dprk-talks", ordinal=6)
    meeting.participations.create(
        organization=north_korea,
        source_words="the DPRK",
        position=1,
        source_paragraph=Paragraph.objects.get(document__meeting=meeting),
    )
    # ASTOP-V's release says "North Korea" only; DPRK is a name of the same state.
    assert meeting_slugs("DPRK") == ["astop-v", "dprk-talks"]
    assert any(title.startswith("ASTOP-V") for title in hit_titles("DPRK", "paragraph"))
    assert "North Korea" in search.query_terms("DPRK")


def test_a_draft_only_organisation_lends_no_names():
    hidden = Organization.objects.create(
        name="Kingdom of Secrets", slug="secrets", classification="country"
    )
    OrganizationName.objects.create(organization=hidden, name="Hidden Realm")
    draft = make_meeting(slug="draft-talks", ordinal=6, status=Meeting.Status.DRAFT)
    draft.participations.create(
        organization=hidden,
        source_words="Secrets",
        position=1,
        source_paragraph=Paragraph.objects.get(document__meeting=draft),
    )
    assert search.query_terms("Hidden Realm") == ["Hidden Realm"]


def test_a_name_inside_a_longer_query_is_expanded_there():
    terms = search.query_terms("PSI exercise")
    assert '"Proliferation Security Initiative" exercise' in terms


def test_the_record_pages_venue_description_is_searched():
    # The record page shows "Mita Kaigisho (Mita Conference Hall)" in the venue's note.
    assert meeting_slugs("Mita Kaigisho") == ["astop-v"]


def test_participants_words_and_people_names_in_other_languages_are_searched():
    kimura = Person.objects.get(slug="hitoshi-kimura")
    PersonName.objects.create(person=kimura, name="木村仁", language="ja")
    assert "Hitoshi Kimura" in hit_titles("木村仁", "person")
    assert "Hitoshi Kimura" in hit_titles("木村", "person")
    assert meeting_slugs("木村") == ["astop-v"]


JAPANESE = (
    "第５回アジア不拡散協議（ＡＳＴＯＰ）が三田共用会議所で開催され、"
    "拡散に対する安全保障構想（ＰＳＩ）について議論が行われた。"
)


@pytest.mark.parametrize(
    "query", ["不拡散", "三田共用会議所", "拡散に対する安全保障構想", "議論", "ＰＳＩ 不拡散"]
)
def test_japanese_text_is_found_by_any_part_of_it(query):
    meeting = make_meeting(slug="astop-ja", ordinal=6)
    give_text(meeting, JAPANESE)
    assert meeting_slugs(query) == ["astop-ja"]
    hits = [hit for hit in search.search_site(query)[0] if hit.kind == "paragraph"]
    assert [hit.obj.document.meeting.slug for hit in hits] == ["astop-ja"]
    assert "<mark>" in hits[0].snippet


def test_japanese_words_not_in_the_text_find_nothing():
    meeting = make_meeting(slug="astop-ja", ordinal=6)
    give_text(meeting, JAPANESE)
    # Every character is in the text, but not in this order.
    assert meeting_slugs("散拡不") == []
    assert meeting_slugs("捕鯨") == []


def test_a_query_in_a_language_the_archive_holds_nothing_in_says_so():
    hits, notes = search.search_site("捕鯨")
    assert hits == []
    assert any("Japanese" in note for note in notes)


@pytest.mark.postgresql
def test_postgresql_indexes_japanese_as_bigrams_in_the_same_vector():
    meeting = make_meeting(slug="astop-ja", ordinal=6)
    give_text(meeting, JAPANESE)
    vector = Meeting.objects.get(slug="astop-ja").search_vector
    assert "'不拡'" in vector and "'拡散'" in vector
    paragraph = Paragraph.objects.get(document__meeting=meeting)
    assert "'三田'" in paragraph.search_vector
