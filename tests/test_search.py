"""Search: one interface on both databases; PostgreSQL's full text where it runs."""

import pytest
from django.db import connection
from django.utils import translation

from meetings import search
from meetings.models import Meeting, Paragraph

from .builders import make_meeting

pytestmark = pytest.mark.django_db


def kinds_and_titles(query):
    with translation.override("en"):
        hits, _notes = search.search_site(query)
    return [(hit.kind, hit.title) for hit in hits]


@pytest.mark.parametrize(
    ("raw", "message"),
    [("", "Type a word"), ("   ", "Type a word"), ("y" * 201, "please use at most 200")],
)
def test_clean_query_explains_a_refusal(raw, message):
    with pytest.raises(search.QueryError, match=message):
        search.clean_query(raw)


def test_clean_query_folds_white_space():
    assert search.clean_query("  Pacific \n Shield ") == "Pacific Shield"


def test_aliases_expand_the_query_both_ways():
    assert set(search.query_terms("PSI")) == {
        "PSI",
        "Proliferation Security Initiative",
        "拡散に対する安全保障構想",
    }
    assert "PSI" in search.query_terms("proliferation security initiative")
    assert search.query_terms("whaling") == ["whaling"]


def test_alias_finds_a_paragraph_that_uses_only_the_other_name():
    # Paragraph (3) says "PSI", never "Proliferation Security Initiative".
    hits = kinds_and_titles("Proliferation Security Initiative")
    assert ("paragraph", "ASTOP-V, press release, (3)") in hits
    assert ("topic", "Proliferation Security Initiative") in hits
    assert ("meeting", "Fifth Asian Senior-level Talks on Non-Proliferation (ASTOP-V)") in hits


def test_search_covers_participants_and_people():
    assert ("organization", "Association of Southeast Asian Nations") in kinds_and_titles("ASEAN")
    assert ("person", "Hitoshi Kimura") in kinds_and_titles("Kimura")


def test_snippets_are_escaped_and_marked():
    hits, _notes = search.search_site("Pacific Shield")
    hit = next(h for h in hits if h.kind == "paragraph")
    assert "<mark>" in hit.snippet
    assert "<script" not in search.mark_terms("<script>Pacific</script>", ["Pacific"])


def test_filter_meetings_misses_what_is_not_there():
    assert not search.filter_meetings(Meeting.objects.all(), "whaling").exists()
    assert search.filter_meetings(Meeting.objects.all(), "Six Party Talks").exists()


@pytest.mark.postgresql
def test_postgresql_keeps_weighted_vectors_with_gin_indexes():
    meeting = Meeting.objects.get(slug="astop-v")
    assert "'astop':" in meeting.search_vector and "A" in meeting.search_vector
    assert Paragraph.objects.filter(search_vector__isnull=True).count() == 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE %s",
            ["meetings_%_search_gin"],
        )
        indexes = dict(cursor.fetchall())
    assert set(indexes) == {"meetings_meeting_search_gin", "meetings_paragraph_search_gin"}
    assert all("USING gin (search_vector)" in ddl for ddl in indexes.values())


@pytest.mark.postgresql
def test_postgresql_vectors_follow_changes(django_capture_on_commit_callbacks):
    meeting = make_meeting(slug="whaling-talks", ordinal=6)
    paragraph = meeting.sources.get().paragraphs.get()
    paragraph.text = "Delegates discussed whaling in the Southern Ocean."
    paragraph.save()
    found = search.filter_meetings(Meeting.objects.all(), "whaling")
    assert list(found.values_list("slug", flat=True)) == ["whaling-talks"]
    assert Paragraph.objects.filter(
        search_vector=search._search_query([("Southern", "Ocean")])
    ).exists()


@pytest.mark.postgresql
def test_postgresql_ranks_a_bounded_set_and_says_so(monkeypatch):
    monkeypatch.setattr(search, "RANKED_CANDIDATES", 1)
    make_meeting(slug="second", ordinal=6).sources.get().paragraphs.update(text="PSI again.")
    Meeting.objects.get(slug="second").save()
    hits, notes = search.search_site("PSI")
    assert len([hit for hit in hits if hit.kind == "paragraph"]) == 1
    assert len([hit for hit in hits if hit.kind == "meeting"]) == 1
    assert notes == [
        f"More than 1 {kind} match: the best shown are the best of the first 1. "
        "Add words to narrow the search."
        for kind in ("meetings", "paragraphs")
    ]


@pytest.mark.postgresql
def test_postgresql_ranks_title_matches_first_and_highlights_with_headline():
    make_meeting(slug="shield-review", ordinal=6).sources.get().paragraphs.update(
        text="A review of exercises."
    )
    other = Meeting.objects.get(slug="shield-review")
    other.title = "Pacific Shield review meeting"
    other.summary = "A meeting on Pacific Shield."
    other.save()
    hits, notes = search.search_site("Pacific Shield")
    assert [hit.obj.slug for hit in hits if hit.kind == "meeting"] == ["shield-review", "astop-v"]
    assert notes == []
    hit = next(h for h in hits if h.kind == "paragraph")
    assert "<mark>Pacific</mark> <mark>Shield</mark>" in hit.snippet
