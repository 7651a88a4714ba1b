"""The matcher: what a release names, found among the archive's rows (never guessed)."""

import datetime
from pathlib import Path

import pytest

from meetings.models import (
    Organization,
    OrganizationName,
    Person,
    PersonName,
    Series,
    SeriesName,
    Topic,
    TopicAlias,
)
from meetings.releases import parse
from meetings.releases.match import match_release, match_series, match_topics, new_series
from meetings.releases.parse import parse_release

from .release import SEED

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parent / "releases"


def test_the_astop_v_release_matches_its_own_record(django_assert_num_queries):
    """Every participant, the speaker, the series and the meeting itself, in a fixed
    number of queries however many names the release holds."""
    release = parse_release(SEED.read_text(encoding="utf-8"))
    with django_assert_num_queries(8):
        matches = match_release(release)
    assert [o.slug for o in matches.organizations] == [p.slug for p in release.participants]
    assert matches.people == [Person.objects.get(slug="hitoshi-kimura")]
    assert matches.series.slug == "astop"
    assert matches.meeting.slug == "astop-v"
    assert {"proliferation-security-initiative", "iran-nuclear-issue"} <= {
        topic.slug for topic, _, _ in matches.topics
    }


def test_a_name_missing_from_the_archive_is_proposed_as_a_new_organisation():
    """From the name table (name, web address, classification), never saved by the matcher."""
    release = parse_release((SAMPLES / "en_chairs_summary_arf.txt").read_text(encoding="utf-8"))
    matches = match_release(release)
    new = {
        p.slug: row
        for p, row in zip(release.participants, matches.organizations, strict=True)
        if row.pk is None
    }
    unoda = new["unoda"]
    assert (unoda.name, unoda.slug, unoda.abbreviation, unoda.classification) == (
        "United Nations Office for Disarmament Affairs",
        "unoda",
        "UNODA",
        "international_body",
    )
    assert not Organization.objects.filter(slug="unoda").exists()
    assert Organization.objects.get(slug="japan") in matches.organizations


def test_a_name_outside_the_table_is_proposed_once_with_a_guessed_classification():
    participants = [
        parse.Participant("the Nordic Export Control Office", "", "Nordic Export Control Office",
                          status, [], 0)
        for status in ("planned", "attended")
    ] + [parse.Participant("Ruritania", "", "Ruritania", "attended", [], 0)]  # fmt: skip
    found = match_release(parse.ParsedRelease(paragraphs=[], participants=participants))
    office, again, ruritania = found.organizations
    assert office is again and office.pk is None
    assert (office.slug, office.classification) == (
        "nordic-export-control-office",
        "international_body",
    )
    assert (ruritania.slug, ruritania.classification) == ("ruritania", "country")


def test_organisations_by_other_names_in_japanese():
    japan = Organization.objects.get(slug="japan")
    OrganizationName.objects.create(organization=japan, name="日本国", language="ja")
    found = match_release(
        parse.ParsedRelease(
            paragraphs=[],
            participants=[parse.Participant("日本国", "", "日本国", "attended", [], 0)],
        )
    )
    assert found.organizations == [japan]


def test_people_in_either_name_order_and_by_other_names():
    kimura = Person.objects.get(slug="hitoshi-kimura")
    PersonName.objects.get_or_create(person=kimura, name="木村仁", defaults={"language": "ja"})
    people = [
        parse.Person("", name, english, "", "", 0)
        for name, english in (
            ("KIMURA Hitoshi", ""),
            ("Hitoshi KIMURA", "Hitoshi Kimura"),
            ("木村仁", ""),
            ("Kenji MORITA", "Kenji Morita"),
            ("MORITA Kenji", "Kenji Morita"),
        )
    ]
    found = match_release(parse.ParsedRelease(paragraphs=[], people=people))
    assert found.people[:3] == [kimura, kimura, kimura]
    # Not in the archive: one new person, given name first, whichever order was written.
    morita, again = found.people[3:]
    assert morita is again and morita.pk is None
    assert (morita.name, morita.sort_name, morita.slug) == (
        "Kenji Morita",
        "Morita, Kenji",
        "kenji-morita",
    )


def test_series_by_abbreviation_and_former_name():
    astop = Series.objects.get(slug="astop")
    SeriesName.objects.create(
        series=astop, name="Asia Senior-Level Talks on Non-Proliferation", kind="former"
    )
    assert match_series(parse.Series("", "", "ASTOP")) == astop
    assert (
        match_series(parse.Series("", "Asia Senior-Level Talks on Non-Proliferation", "")) == astop
    )
    assert match_series(parse.Series("", "Another series", "")) is None


def test_topics_by_alias_as_a_whole_word_in_the_paragraph_that_names_them():
    found = match_topics(["Nothing here about PSIs.", "They discussed the PSI."])
    assert [(topic.slug, number, quote) for topic, number, quote in found] == [
        ("proliferation-security-initiative", 2, "PSI")  # ¶2: numbered as the page numbers it
    ]


def test_a_second_release_proposes_the_archived_meeting():
    """Same series and edition; else the same date and title."""
    text = (SAMPLES / "en_results_astop13.txt").read_text(encoding="utf-8")
    release = parse_release(text)
    assert match_release(release).meeting is None
    release.meeting.ordinal = 5
    assert match_release(release).meeting.slug == "astop-v"
    release.meeting.series = None
    release.meeting.title = "Fifth Asian Senior-level Talks on Non-Proliferation"
    release.meeting.start_date = datetime.date(2008, 4, 25)
    assert match_release(release).meeting.slug == "astop-v"
    release.meeting.start_date = datetime.date(2008, 4, 26)
    assert match_release(release).meeting is None


@pytest.mark.parametrize(
    ("text", "slug", "quote"),
    [
        ("They discussed export control in Asia.", "export-control", "export control"),
        ("Export controls were discussed.", "export-control", "Export controls"),
        ("Iran's nuclear issues were raised.", "iran-nuclear-issue", "Iran's nuclear issues"),
    ],
)
def test_topics_in_either_case_and_number(text, slug, quote):
    found = match_topics(["Title", text])
    assert [(topic.slug, number, words) for topic, number, words in found] == [(slug, 2, quote)]


# The Japanese aliases a release's topic words need (the fixture gives most of them).
JAPANESE_ALIASES = {
    "export-control": "輸出管理",
    "proliferation-of-wmd": "不拡散",
    "3s": "核セキュリティ",
    "proliferation-security-initiative": "拡散に対する安全保障構想",
    "north-korea-nuclear-and-missile-issues": "北朝鮮の核・ミサイル問題",
    "iran-nuclear-issue": "イランの核問題",
    "iaea-additional-protocol": "追加議定書",
    "un-security-council-resolutions": "安保理決議",
}


def test_japanese_topic_words_inside_japanese_text():
    """Japanese has no spaces: an alias matches wherever it stands in the text."""
    for slug, name in JAPANESE_ALIASES.items():
        topic = Topic.objects.get(slug=slug)
        TopicAlias.objects.get_or_create(topic=topic, name=name, defaults={"language": "ja"})
    texts = [
        "協議の結果",
        "会合では，不拡散，輸出管理，核セキュリティ及び拡散に対する安全保障構想について議論した。",
        "北朝鮮の核・ミサイル問題，イランの核問題，追加議定書及び安保理決議についても議論した。",
    ]
    found = {topic.slug: (number, quote) for topic, number, quote in match_topics(texts)}
    assert found == {
        "proliferation-of-wmd": (2, "不拡散"),
        "export-control": (2, "輸出管理"),
        "3s": (2, "核セキュリティ"),
        "proliferation-security-initiative": (2, "拡散に対する安全保障構想"),
        "north-korea-nuclear-and-missile-issues": (3, "北朝鮮の核・ミサイル問題"),
        "iran-nuclear-issue": (3, "イランの核問題"),
        "iaea-additional-protocol": (3, "追加議定書"),
        "un-security-council-resolutions": (3, "安保理決議"),
    }


def test_a_short_later_mention_is_one_proposed_person_with_whom_he_represents():
    release = parse_release(
        "Results of the Talks\nMay 1, 2008\n"
        "1. Mr. Kenji TANABE, Director-General, Ministry of Foreign Affairs of Japan, chaired "
        "the talks.\n2. Mr. Tanabe stated that export control mattered.\n"
        "3. Ambassador John Smith of Australia delivered a speech.\n"
    )
    matches = match_release(release)
    tanabe, smith = matches.people
    assert tanabe.pk is None and tanabe.name == "Kenji Tanabe"
    assert smith.pk is None and smith.name == "John Smith"
    assert matches.on_behalf_of == [
        Organization.objects.get(slug="japan"),
        Organization.objects.get(slug="australia"),
    ]


def test_the_meeting_s_own_name_is_no_topic():
    """不拡散 in アジア不拡散協議 is the series' name, not a topic the meeting discussed."""
    topic = Topic.objects.get(slug="proliferation-of-wmd")
    TopicAlias.objects.get_or_create(topic=topic, name="不拡散", defaults={"language": "ja"})
    release = parse_release(
        "第18回アジア不拡散協議の開催（結果）\n令和6年2月16日\n"
        "１　2月15日，第18回アジア不拡散協議を開催しました。\n"
        "２　会合では，不拡散体制の強化について議論しました。\n"
    )
    found = [(t.slug, number, quote) for t, number, quote in match_release(release).topics]
    assert found == [("proliferation-of-wmd", 4, "不拡散")]


def test_a_topic_s_quote_is_the_paragraph_s_own_words():
    """Full-width letters are read as letters, and quoted as printed."""
    found = match_topics(["Title", "輸出管理及びＩＡＥＡ追加議定書について議論した。"])
    quotes = {topic.slug: quote for topic, _number, quote in found}
    assert quotes["iaea-additional-protocol"] == "ＩＡＥＡ追加議定書"
    assert quotes["export-control"] == "輸出管理"


def test_a_series_the_archive_lacks_is_proposed_unsaved_by_its_abbreviation():
    proposed = new_series(parse.Series("", "Mekong-Pacific Coastal Resilience Dialogue", "MPCRD"))
    assert (proposed.pk, proposed.name, proposed.short_name, proposed.slug) == (
        None,
        "Mekong-Pacific Coastal Resilience Dialogue",
        "MPCRD",
        "mpcrd",
    )
    assert new_series(None) is None
