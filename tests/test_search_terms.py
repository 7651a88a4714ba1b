"""What a reader types: quoted phrases, other names, spelling variants, Japanese text."""

import pytest
from django.utils import translation

from meetings import search
from meetings.models import Meeting, Organization, OrganizationName, Paragraph

from .builders import make_meeting

pytestmark = pytest.mark.django_db


def hit_titles(query, kind, language="en"):
    """The titles of the hits of a kind, as a page in ``language`` names them."""
    with translation.override(language):
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


def test_japanese_names_find_the_person_and_the_meeting_from_both_languages_pages(client):
    """木村仁 is the fixture's Japanese name of Hitoshi Kimura (with his reading)."""
    assert "Hitoshi Kimura" in hit_titles("木村仁", "person")
    assert "Hitoshi Kimura" in hit_titles("木村", "person")
    assert "Hitoshi Kimura" in hit_titles("きむら", "person")
    assert meeting_slugs("木村") == ["astop-v"]
    for address, query, person in [
        ("/search/", "木村", "Hitoshi Kimura"),
        ("/ja/search/", "木村仁", "木村仁 (Hitoshi Kimura)"),
    ]:
        response = client.get(address, {"q": query})
        assert response.status_code == 200
        hits = response.context["hits"]
        assert [hit.title for hit in hits if hit.kind == "person"] == [person]
        assert [hit.obj.slug for hit in hits if hit.kind == "meeting"] == ["astop-v"]
        person_hit = next(hit for hit in hits if hit.kind == "person")
        assert f"<mark>{query}</mark>" in person_hit.snippet


@pytest.mark.parametrize(
    ("query", "kind", "title", "japanese_title"),
    [
        ("韓国", "organization", "Republic of Korea", "韓国"),
        ("東南アジア諸国連合", "organization", "Association of Southeast Asian Nations", None),
        ("拡散に対する安全保障構想", "topic", "Proliferation Security Initiative", None),
        ("追加議定書", "topic", "IAEA Additional Protocol", "IAEA追加議定書"),
        ("輸出管理", "topic", "Export control", None),
    ],
)
def test_japanese_names_of_participants_and_topics_find_them_and_the_meeting(
    query, kind, title, japanese_title
):
    assert title in hit_titles(query, kind)
    assert f"{japanese_title or query} ({title})" in hit_titles(query, kind, "ja")
    assert meeting_slugs(query) == ["astop-v"]


def test_the_series_japanese_name_finds_its_meetings():
    assert meeting_slugs("アジア不拡散協議") == ["astop-v"]
    assert meeting_slugs("不拡散") == ["astop-v"]


def test_dprk_finds_astop_v_through_the_north_korea_topic():
    assert "North Korea's nuclear and missile issues" in search.query_terms("DPRK")
    assert meeting_slugs("DPRK") == ["astop-v"]
    assert "North Korea's nuclear and missile issues" in hit_titles("DPRK", "topic")


JAPANESE = (
    "第５回アジア不拡散協議（ＡＳＴＯＰ）が三田共用会議所で開催され、"
    "拡散に対する安全保障構想（ＰＳＩ）について議論が行われた。"
)


@pytest.mark.parametrize(
    ("query", "meetings"),
    [
        # ASTOP-V too, by the Japanese names of its series (アジア不拡散協議), of a topic
        # (3S（核不拡散・原子力安全・核セキュリティ）) and of the PSI.
        ("不拡散", ["astop-ja", "astop-v"]),
        ("三田共用会議所", ["astop-ja"]),
        ("拡散に対する安全保障構想", ["astop-ja", "astop-v"]),
        ("議論", ["astop-ja"]),
        # ＰＳＩ is the PSI: ASTOP-V's paragraphs name it.
        ("ＰＳＩ 不拡散", ["astop-ja", "astop-v"]),
    ],
)
def test_japanese_text_is_found_by_any_part_of_it(query, meetings):
    meeting = make_meeting(slug="astop-ja", ordinal=6)
    give_text(meeting, JAPANESE)
    assert meeting_slugs(query) == meetings
    hits = [hit for hit in search.search_site(query)[0] if hit.kind == "paragraph"]
    japanese = [hit for hit in hits if hit.obj.document.meeting.slug == "astop-ja"]
    assert len(japanese) == 1
    assert "<mark>" in japanese[0].snippet


def test_japanese_words_not_in_the_text_find_nothing():
    meeting = make_meeting(slug="astop-ja", ordinal=6)
    give_text(meeting, JAPANESE)
    # Every character is in the text, but not in this order.
    assert meeting_slugs("散拡不") == []
    assert meeting_slugs("捕鯨") == []


def test_a_japanese_query_that_finds_nothing_says_what_the_archive_holds_in_japanese():
    # ASTOP-V's release is held in English only; the Japanese names of its records are held.
    hits, notes = search.search_site("三田共用会議所")
    assert hits == []
    assert notes == [
        "Nothing in the archive matches these Japanese words. It holds the Japanese names "
        "of participants, people, series and topics, but no release in Japanese yet: "
        "try the English words."
    ]
    make_meeting(slug="astop-ja", ordinal=6).sources.update(language="ja")
    assert search.search_site("捕鯨") == (
        [],
        ["Nothing in the archive matches these Japanese words."],
    )


def test_an_english_query_on_a_japanese_page_that_finds_nothing_adds_no_note(client):
    response = client.get("/ja/search/", {"q": "whaling"})
    assert response.status_code == 200
    assert (response.context["hits"], response.context["notes"]) == ([], [])
    assert response.context["groups"] == []


@pytest.mark.postgresql
def test_postgresql_indexes_japanese_as_bigrams_in_the_same_vector():
    meeting = make_meeting(slug="astop-ja", ordinal=6)
    give_text(meeting, JAPANESE)
    vector = Meeting.objects.get(slug="astop-ja").search_vector
    assert "'不拡'" in vector and "'拡散'" in vector
    paragraph = Paragraph.objects.get(document__meeting=meeting)
    assert "'三田'" in paragraph.search_vector
