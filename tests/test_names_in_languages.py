"""Names in both languages: the page's language picks the name shown (local_name, with
the English beside it: name_beside), and the API gives every language's name."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from meetings.models import (
    Organization,
    OrganizationName,
    OtherName,
    Person,
    PersonName,
    Series,
    SeriesName,
    Topic,
    TopicAlias,
)
from meetings.templatetags.archive_names import local_name, name_beside

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(db):
    """A person with a Japanese reading listed before her Japanese name, an organisation
    with only a Japanese former name, and a topic with no Japanese name at all."""
    person = Person.objects.create(name="Aiko Sato", sort_name="Sato, Aiko", slug="aiko-sato")
    PersonName.objects.create(person=person, name="さとう・あいこ", language="ja", kind="reading")
    PersonName.objects.create(person=person, name="佐藤愛子", language="ja", kind="usual")
    PersonName.objects.create(person=person, name="SATO Aiko", language="en", kind="usual")
    organization = Organization.objects.create(
        name="Old Agency", slug="old-agency", classification="ministry"
    )
    OrganizationName.objects.create(
        organization=organization, name="旧庁", language="ja", kind=OtherName.Kind.FORMER
    )
    topic = Topic.objects.create(name="Plain topic", slug="plain-topic", kind="issue")
    TopicAlias.objects.create(topic=topic, name="PT", language="en", kind="abbreviation")
    return person, organization, topic


def test_a_japanese_page_shows_the_usual_japanese_name_with_the_english_beside(named):
    person, organization, topic = named
    with translation.override("ja"):
        assert (local_name(person), name_beside(person)) == ("佐藤愛子", "Aiko Sato")
        # No usual name in Japanese: another Japanese name will do.
        assert (local_name(organization), name_beside(organization)) == ("旧庁", "Old Agency")
        # None at all: the English name, and nothing beside it.
        assert (local_name(topic), name_beside(topic)) == ("Plain topic", "")
    with translation.override("en"):
        assert (local_name(person), name_beside(person)) == ("Aiko Sato", "")
        assert (local_name(organization), name_beside(organization)) == ("Old Agency", "")
    assert (local_name(None), name_beside(None)) == ("", "")


# The SUA 2005 Protocol's Japanese name waits for a page of the ministry's that gives it.
WITHOUT_A_JAPANESE_NAME = {"sua-2005-protocol"}


def test_the_fixture_names_every_record_in_japanese_too():
    with translation.override("ja"):
        assert local_name(Series.objects.get(slug="astop")) == "アジア不拡散協議"
        assert local_name(Person.objects.get(slug="hitoshi-kimura")) == "木村仁"
        assert local_name(Organization.objects.get(slug="republic-of-korea")) == "韓国"
        assert local_name(Topic.objects.get(slug="proliferation-security-initiative")) == (
            "拡散に対する安全保障構想"
        )
        records = [
            *Organization.objects.prefetch_related("other_names"),
            *Person.objects.prefetch_related("other_names"),
            *Series.objects.prefetch_related("other_names"),
            *Topic.objects.exclude(slug__in=WITHOUT_A_JAPANESE_NAME).prefetch_related("aliases"),
        ]
        unnamed = [record.slug for record in records if not name_beside(record)]
    assert len(records) == 20 + 1 + 1 + 16
    assert unnamed == []
    reading = PersonName.objects.get(person__slug="hitoshi-kimura", kind=OtherName.Kind.READING)
    assert (reading.name, reading.language) == ("きむら・ひとし", "ja")


def test_each_japanese_name_of_the_fixture_gives_its_source():
    names = [
        *OrganizationName.objects.filter(language="ja"),
        *PersonName.objects.filter(language="ja").exclude(kind=OtherName.Kind.READING),
        *SeriesName.objects.filter(language="ja"),
        *TopicAlias.objects.filter(language="ja"),
    ]
    assert len(names) == 25 + 1 + 1 + 18
    for other in names:
        assert other.source_title, other.name
        assert other.source_url.startswith(
            (
                "https://www.mofa.go.jp/mofaj/",
                "https://www.kantei.go.jp/jp/",
                "http://www.clearing.mod.go.jp/",
            )
        ), other.name
        assert other.kind in (OtherName.Kind.USUAL, OtherName.Kind.FORMAL, "abbreviation")


def test_the_north_korea_topic_is_also_called_dprk():
    dprk = TopicAlias.objects.get(name="DPRK")
    assert (dprk.topic.slug, dprk.language, dprk.kind) == (
        "north-korea-nuclear-and-missile-issues",
        "en",
        OtherName.Kind.ABBREVIATION,
    )
    assert dprk.source_url == "https://undocs.org/S/RES/1718(2006)"


def test_prefetched_names_are_read_without_a_query(named):
    people = list(Person.objects.filter(slug="aiko-sato").prefetch_related("other_names"))
    topics = list(Topic.objects.filter(slug="plain-topic").prefetch_related("aliases"))
    with translation.override("ja"), CaptureQueriesContext(connection) as queries:
        assert [local_name(person) for person in people] == ["佐藤愛子"]
        assert [name_beside(topic) for topic in topics] == [""]
    assert len(queries) == 0
