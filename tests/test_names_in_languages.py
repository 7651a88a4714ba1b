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

from .builders import grow_meeting, make_meeting

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
            *Topic.objects.prefetch_related("aliases"),
        ]
        unnamed = [record.slug for record in records if not name_beside(record)]
    assert len(records) == 20 + 1 + 1 + 17
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
    assert len(names) == 25 + 1 + 1 + 19
    for other in names:
        assert other.source_title, other.name
        assert other.source_url.startswith(
            (
                "https://www.mofa.go.jp/mofaj/",
                "https://www.kantei.go.jp/jp/",
                "http://www.clearing.mod.go.jp/",
                "https://hdl.handle.net/11094/",  # Osaka University's repository
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


# The API ---------------------------------------------------------------------------


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_api_gives_a_persons_names_by_language_and_each_other_name_with_its_source(client):
    kimura = get_json(client, "/api/v1/people/hitoshi-kimura/")
    assert kimura["name"] == "Hitoshi Kimura"
    assert kimura["names"] == {"en": "Hitoshi Kimura", "ja": "木村仁"}
    assert kimura["other_names"] == [
        {
            "name": "きむら・ひとし",
            "language": "ja",
            "kind": "reading",
            "source_title": "",
            "source_url": None,
        },
        {
            "name": "木村仁",
            "language": "ja",
            "kind": "usual",
            "source_title": "我が国主催PSI海上阻止訓練「Pacific Shield 07」（概要と評価）",
            "source_url": "https://www.mofa.go.jp/mofaj/gaiko/fukaku_j/psi/ps07_gh.html",
        },
    ]


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("/api/v1/series/astop/", {"ja": "アジア不拡散協議"}),
        # The usual name, not the formal 大韓民国.
        ("/api/v1/organizations/republic-of-korea/", {"ja": "韓国"}),
        ("/api/v1/topics/iaea-additional-protocol/", {"ja": "IAEA追加議定書"}),
        # English aliases keep "en" the main name.
        (
            "/api/v1/topics/north-korea-nuclear-and-missile-issues/",
            {"ja": "北朝鮮の核・ミサイル問題"},
        ),
        ("/api/v1/topics/sua-2005-protocol/", {"ja": "2005年SUA条約議定書"}),
    ],
)
def test_the_api_gives_every_record_its_names_in_every_language(client, url, names):
    record = get_json(client, url)
    assert record["names"] == {"en": record["name"], **names}
    languages = {other["language"] for other in record["other_names"]}
    assert set(names) <= languages


def test_the_topic_also_called_dprk_lists_it_among_its_other_names(client):
    topic = get_json(client, "/api/v1/topics/north-korea-nuclear-and-missile-issues/")
    dprk = next(other for other in topic["other_names"] if other["name"] == "DPRK")
    assert dprk == {
        "name": "DPRK",
        "language": "en",
        "kind": "abbreviation",
        "source_title": "Resolution 1718 (2006)",
        "source_url": "https://undocs.org/S/RES/1718(2006)",
    }
    assert "DPRK" in topic["aliases"]


@pytest.mark.parametrize(
    "url", ["/api/v1/organizations/", "/api/v1/people/", "/api/v1/series/", "/api/v1/topics/"]
)
def test_lists_give_names_for_a_page_of_any_length_in_the_same_queries(
    client, django_assert_num_queries, url
):
    page = get_json(client, url, page_size=100)["results"]
    assert all(record["names"]["en"] == record["name"] for record in page)
    assert any("ja" in record["names"] for record in page)
    with CaptureQueriesContext(connection) as before:
        client.get(url, {"page_size": 100})
    # 50 more organisations and another person, each with a Japanese name.
    meeting = make_meeting(slug="named", ordinal=6)
    grow_meeting(meeting, 50)
    person = Person.objects.create(name="Aiko Sato", sort_name="Sato, Aiko", slug="aiko-sato")
    PersonName.objects.create(person=person, name="佐藤愛子", language="ja")
    meeting.appearances.create(
        person=person, title="Director", position=1, source_paragraph=meeting_paragraph(meeting)
    )
    for organization in Organization.objects.filter(slug__startswith="named-country-"):
        OrganizationName.objects.create(
            organization=organization, name=f"{organization.name}（日本語）", language="ja"
        )
    with django_assert_num_queries(len(before)):
        response = client.get(url, {"page_size": 100})
    grown = response.json()["results"]
    named = {"/api/v1/organizations/": 50, "/api/v1/people/": 1}.get(url, 0)
    assert sum("ja" in record["names"] for record in grown) == named + sum(
        "ja" in record["names"] for record in page
    )


def meeting_paragraph(meeting):
    return meeting.sources.get().paragraphs.order_by("position").first()


def schema_components(client):
    return get_json(client, "/api/v1/schema/", format="json")["components"]["schemas"]


@pytest.mark.parametrize("component", ["Organization", "Person", "Series", "Topic"])
def test_the_schema_documents_names_and_other_names(client, component):
    properties = schema_components(client)[component]["properties"]
    names = properties["names"]
    assert names["type"] == "object"
    assert names["additionalProperties"] == {"type": "string"}
    assert names["example"] == {"en": "Hitoshi Kimura", "ja": "木村仁"}
    assert "BCP 47" in names["description"]
    other_names = properties["other_names"]
    assert other_names["type"] == "array"
    assert other_names["items"] == {"$ref": "#/components/schemas/OtherName"}
    assert "where it comes from" in other_names["description"]


def test_the_schema_documents_an_other_name_and_a_sources_language_and_relation(client):
    components = schema_components(client)
    other_name = components["OtherName"]
    assert set(other_name["properties"]) == {
        "name",
        "language",
        "kind",
        "source_title",
        "source_url",
    }
    assert other_name["properties"]["language"]["description"] == "BCP 47 code: en, ja."
    assert other_name["properties"]["source_url"]["nullable"] is True
    source = components["SourceDocument"]["properties"]
    assert source["language"]["description"] == "A BCP 47 language code, for example en or ja."
    assert "translates or copies" in source["related_source"]["description"]
    assert "related_source" in source["relation"]["description"]


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The lookups' budgets (tests/test_api.py) and one query for the other names of
        # the records given, a list's page or the one record; the topics' view already
        # fetches their aliases, which are their other names (+0).
        ("/api/v1/series/?page_size=100", 4 + 1),
        ("/api/v1/series/astop/", 3 + 1),
        ("/api/v1/organizations/?page_size=100", 8 + 1),
        ("/api/v1/organizations/asean/", 5 + 1),
        ("/api/v1/people/?page_size=100", 4 + 1),
        ("/api/v1/people/hitoshi-kimura/", 3 + 1),
        ("/api/v1/topics/?page_size=100", 6),
        ("/api/v1/topics/proliferation-security-initiative/", 4),
    ],
)
def test_the_api_reads_names_in_one_query_a_request(
    client, django_assert_num_queries, url, queries
):
    grow_meeting(make_meeting(slug="big", ordinal=50), 50)  # 50 more organisations
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_schema_says_the_search_reads_every_language(client):
    parameters = get_json(client, "/api/v1/schema/", format="json")["paths"]["/api/v1/meetings/"][
        "get"
    ]["parameters"]
    q = next(parameter for parameter in parameters if parameter["name"] == "q")
    assert "in any language" in q["description"]
    assert q["examples"]["Japanese"]["value"] == "拡散に対する安全保障構想"
    found = get_json(client, "/api/v1/meetings/", q="拡散に対する安全保障構想")["results"]
    assert [meeting["slug"] for meeting in found] == ["astop-v"]


# Pages -----------------------------------------------------------------------------


def test_the_meeting_lists_facets_and_filters_name_records_in_the_pages_language(client):
    japanese = client.get("/ja/meetings/", {"participant": "republic-of-korea"})
    assert japanese.status_code == 200
    facets = {
        name: {facet.value: facet.label for facet in values}
        for name, values in japanese.context["facets"].items()
    }
    assert facets["series"] == {"astop": "アジア不拡散協議"}
    assert facets["participant"]["republic-of-korea"] == "韓国"
    assert facets["participant"]["japan"] == "日本"
    assert facets["topic"]["proliferation-security-initiative"] == "拡散に対する安全保障構想"
    assert facets["topic"]["sua-2005-protocol"] == "2005年SUA条約議定書"
    assert [value for _label, value, _url in japanese.context["active_filters"]] == ["韓国"]
    english = client.get("/meetings/", {"participant": "republic-of-korea"})
    labels = {facet.value: facet.label for facet in english.context["facets"]["participant"]}
    assert labels["republic-of-korea"] == "Republic of Korea"
    assert [value for _label, value, _url in english.context["active_filters"]] == [
        "Republic of Korea"
    ]
