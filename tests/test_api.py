"""The JSON API under /api/v1/: the real ASTOP-V record, filters, errors, caching, limits."""

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.http import http_date
from drf_spectacular.validation import validate_schema

from meetings.curation.merge import merge
from meetings.filters import MeetingFilterSet
from meetings.models import (
    Appearance,
    Meeting,
    Organization,
    Paragraph,
    Participation,
    Person,
    Series,
    SourceDocument,
    Topic,
    TopicMention,
)

from .builders import grow_meeting, make_hard_record, make_meeting
from .release import seed_lines, squeeze

pytestmark = pytest.mark.django_db

API = "/api/v1/"
ASTOP_V = "/api/v1/meetings/astop-v/"
ASEAN_2008 = [
    "Brunei Darussalam", "Cambodia", "Indonesia", "Lao PDR", "Malaysia",
    "Myanmar", "Philippines", "Singapore", "Thailand", "Viet Nam",
]  # fmt: skip


@pytest.fixture(autouse=True)
def fresh_throttle(settings):
    """Each test starts with an empty throttle history (it lives in the cache), and
    the views answer themselves: the site's page cache (off by default) stays off."""
    settings.PUBLIC_CACHE_SECONDS = 0
    cache.clear()


def get_json(client, url, params=None, status=200, **headers):
    response = client.get(url, params or {}, headers=headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def slugs(rows):
    return [row["slug"] for row in rows]


def meeting_slugs(client, **params):
    return slugs(get_json(client, "/api/v1/meetings/", params)["results"])


@pytest.fixture
def draft():
    """A draft meeting that names Japan, the PSI and KIMURA: it must never show."""
    meeting = make_meeting(slug="secret-draft", ordinal=77, status=Meeting.Status.DRAFT)
    paragraph = Paragraph.objects.get(document__meeting=meeting)
    Participation.objects.create(
        meeting=meeting,
        organization=Organization.objects.get(slug="japan"),
        role=Participation.Role.HOST,
        source_words="Japan",
        source_paragraph=paragraph,
    )
    Appearance.objects.create(
        meeting=meeting,
        person=Person.objects.get(slug="hitoshi-kimura"),
        role=Appearance.Role.CHAIR,
        title="Draft title",
        source_paragraph=paragraph,
    )
    TopicMention.objects.create(
        topic=Topic.objects.get(slug="proliferation-security-initiative"),
        paragraph=paragraph,
        quote="Opening words",
    )
    return meeting


# The record ----------------------------------------------------------------------


class TestMeetingRecord:
    """GET /api/v1/meetings/astop-v/ is the release's record, fact for fact."""

    @pytest.fixture
    def record(self, client):
        return get_json(client, ASTOP_V)

    def test_meeting_facts(self, record):
        assert record["slug"] == "astop-v"
        assert record["title"] == "Fifth Asian Senior-level Talks on Non-Proliferation"
        assert (record["short_name"], record["ordinal"]) == ("ASTOP-V", 5)
        assert record["series"]["slug"] == "astop"
        assert record["series"]["short_name"] == "ASTOP"
        assert record["start_date"] == record["end_date"] == "2008-04-25"
        assert (record["venue_name"], record["city"]) == ("Mita House", "Tokyo")
        assert "Mita Kaigisho" in record["venue_description"]
        assert record["country"]["iso_code"] == "JP"
        assert record["convener"]["name"] == "Ministry of Foreign Affairs of Japan"
        assert record["host"]["slug"] == "japan"

    def test_links_to_the_api_and_to_the_public_page(self, record):
        assert record["url"] == "http://testserver/api/v1/meetings/astop-v/"
        assert record["html_url"] == "http://testserver/meetings/astop-v/"
        assert record["series"]["url"] == "http://testserver/api/v1/series/astop/"
        assert record["series"]["html_url"] == "http://testserver/series/astop/"
        assert record["host"]["html_url"] == "http://testserver/participants/japan/"

    def test_participants_in_the_order_and_words_of_the_release(self, record):
        rows = [
            (
                p["organization"]["slug"],
                p["role"],
                p["source_words"],
                p["source_paragraph"]["label"],
            )
            for p in record["participations"]
        ]
        assert rows == [
            ("asean", "participant", "the ASEAN member countries", "1."),
            ("australia", "participant", "Australia", "1."),
            ("canada", "participant", "Canada", "1."),
            ("china", "participant", "China", "1."),
            ("new-zealand", "participant", "New Zealand", "1."),
            ("republic-of-korea", "participant", "Republic of Korea", "1."),
            ("united-states", "participant", "the United States", "1."),
            ("japan", "host", "Japan, the host", "1."),
        ]

    def test_asean_shows_its_ten_members_of_2008_and_never_timor_leste(self, record):
        asean, *others = record["participations"]
        members = [member["name"] for member in asean["members_on_date"]]
        assert members == ASEAN_2008
        assert "Timor-Leste" not in json.dumps(record)
        # Countries are not groups: no membership list at all.
        assert {p["members_on_date"] for p in others} == {None}

    def test_kimura_opening_speech_with_the_title_he_held(self, record):
        [appearance] = record["appearances"]
        assert appearance["person"]["name"] == "Hitoshi Kimura"
        assert appearance["person"]["url"] == "http://testserver/api/v1/people/hitoshi-kimura/"
        assert appearance["title"] == "Senior Vice-Minister for Foreign Affairs"
        assert appearance["role"] == "opening_speech"
        assert appearance["on_behalf_of"]["slug"] == "japan"
        assert appearance["source_paragraph"]["label"] == "2."
        assert appearance["source_words"] == (
            "Mr. Hitoshi KIMURA, Senior Vice-Minister for Foreign Affairs"
        )

    def test_discussion_points_as_a_tree_with_topics(self, record):
        points = record["discussion_points"]
        assert [(p["outline"], p["label"]) for p in points] == [
            ("1", "(1)"),
            ("2", "(2)"),
            ("3", "(3)"),
        ]
        second = points[1]
        assert [(p["outline"], p["label"], p["anchor"]) for p in second["subpoints"]] == [
            ("2.1", "(a)", "point-2-1"),
            ("2.2", "(b)", "point-2-2"),
            ("2.3", "(c)", "point-2-3"),
        ]
        assert second["subpoints"][1]["text"] == "strengthening of export control system"
        assert second["subpoints"][1]["subpoints"] == []
        assert {t["slug"] for t in points[2]["topics"]} == {
            "proliferation-security-initiative",
            "pacific-shield-07",
            "sua-2005-protocol",
        }
        assert all(p["source_paragraph"]["document"] == "astop-v-press-release" for p in points)

    def test_topics_mentioned_in_order_of_first_mention(self, record):
        topics = slugs(record["topics"])
        assert len(topics) == len(set(topics)) > 10
        assert topics.index("north-korea-nuclear-and-missile-issues") < topics.index(
            "proliferation-security-initiative"
        )

    def test_source_document_with_every_paragraph_in_order(self, record):
        [source] = record["sources"]
        assert source["slug"] == "astop-v-press-release"
        assert source["kind"] == "press_release"
        assert source["published_on"] == "2008-05-01"
        assert source["publisher"]["abbreviation"] == "MOFA"
        assert source["language"] == "en"
        assert source["original_url"] == (
            "https://www.mofa.go.jp/announce/announce/2008/5/1179532_1010.html"
        )
        paragraphs = source["paragraphs"]
        lines = seed_lines()
        assert [p["position"] for p in paragraphs] == sorted(p["position"] for p in paragraphs)
        assert len(paragraphs) == len(lines) == 10
        for paragraph, line in zip(paragraphs, lines, strict=True):
            assert line.endswith(paragraph["text"])  # verbatim, no-break spaces included
            printed = f"{paragraph['label']} {paragraph['text']}" if paragraph["label"] else None
            assert squeeze(printed or paragraph["text"]) == squeeze(line)
        assert [p["label"] for p in paragraphs] == [
            "", "", "1.", "2.", "3.", "4. (1)", "(2)", "(3)", "(*)", "",
        ]  # fmt: skip
        assert paragraphs[8]["kind"] == "footnote"
        assert paragraphs[3]["anchor"] == "astop-v-press-release-p4"

    def test_footnote_is_linked_to_its_term(self, record):
        footnote = record["sources"][0]["paragraphs"][8]
        assert {(m["topic"]["slug"], m["kind"]) for m in footnote["mentions"]} >= {
            ("nuclear-renaissance", "definition")
        }

    def test_urls_are_the_same_whatever_the_format(self, client):
        record = get_json(client, ASTOP_V, {"format": "json"})
        assert record["url"] == "http://testserver/api/v1/meetings/astop-v/"
        assert record["series"]["url"] == "http://testserver/api/v1/series/astop/"

    def test_the_list_has_the_compact_form(self, client):
        [row] = get_json(client, "/api/v1/meetings/")["results"]
        assert row["slug"] == "astop-v"
        assert row["url"] == "http://testserver/api/v1/meetings/astop-v/"
        assert row["start_date"] == "2008-04-25"
        assert row["country"]["slug"] == "japan"
        assert row["via_group_name"] is None
        assert "participations" not in row and "sources" not in row


class TestLookups:
    def test_series_with_its_published_meetings(self, client):
        series = get_json(client, "/api/v1/series/astop/")
        assert series["name"] == "Asian Senior-level Talks on Non-Proliferation"
        assert series["organiser"]["slug"] == "mofa-japan"
        assert slugs(series["meetings"]) == ["astop-v"]
        assert series["meetings_url"] == "http://testserver/api/v1/meetings/?series=astop"
        assert series["html_url"] == "http://testserver/series/astop/"
        assert slugs(get_json(client, "/api/v1/series/")["results"]) == ["astop"]

    def test_asean_with_its_members_and_their_dates(self, client):
        asean = get_json(client, "/api/v1/organizations/asean/")
        assert asean["classification"] == "regional_group"
        members = {m["member"]["slug"]: (m["start_date"], m["end_date"]) for m in asean["members"]}
        assert members["cambodia"] == ("1999-04-30", None)
        # Timor-Leste joined in 2025: no published meeting involves it, so it is not public.
        assert len(members) == 10 and "timor-leste" not in members
        assert asean["meetings_url"] == "http://testserver/api/v1/meetings/?participant=asean"

    def test_a_group_lists_its_public_members_with_all_their_dates(self, client):
        """Once a published meeting of 2026 has ASEAN, Timor-Leste is public: listed with
        the date it joined, whatever meeting one looks from."""
        meeting = make_meeting(slug="astop-2026", ordinal=26, day=datetime.date(2026, 1, 15))
        Participation.objects.create(
            meeting=meeting,
            organization=Organization.objects.get(slug="asean"),
            source_words="the ASEAN member countries",
            source_paragraph=Paragraph.objects.get(document__meeting=meeting),
        )
        asean = get_json(client, "/api/v1/organizations/asean/")
        members = {m["member"]["slug"]: (m["start_date"], m["end_date"]) for m in asean["members"]}
        assert members["timor-leste"] == ("2025-10-26", None)
        assert len(members) == 11

    def test_a_member_country_lists_its_memberships(self, client):
        viet_nam = get_json(client, "/api/v1/organizations/viet-nam/")
        [membership] = viet_nam["memberships"]
        assert membership["group"]["slug"] == "asean"
        assert membership["start_date"] == "1995-07-28"
        assert viet_nam["members"] == []
        assert viet_nam["iso_code"] == "VN"

    def test_a_blank_source_address_is_null_as_the_schema_says(self, client):
        """An empty string is not a URI: a source without one gives null."""
        SourceDocument.objects.filter(meeting__slug="astop-v").update(original_url="")
        [source] = get_json(client, ASTOP_V)["sources"]
        assert source["original_url"] is None
        schema = json.loads(client.get("/api/v1/schema/?format=json").content)["components"]
        assert schema["schemas"]["SourceDocument"]["properties"]["original_url"]["nullable"]

    def test_ministry_has_its_government_as_parent(self, client):
        mofa = get_json(client, "/api/v1/organizations/mofa-japan/")
        assert mofa["parent"]["slug"] == "japan"

    def test_organizations_list(self, client):
        page = get_json(client, "/api/v1/organizations/", {"page_size": 100})
        # Every organisation of the fixture but Timor-Leste (in no published meeting).
        assert page["count"] == Organization.objects.public().count() == 19
        names = [row["name"] for row in page["results"]]
        assert names == sorted(names)

    def test_person_with_the_title_held_at_each_meeting(self, client):
        person = get_json(client, "/api/v1/people/hitoshi-kimura/")
        assert (person["name"], person["sort_name"], person["honorific"]) == (
            "Hitoshi Kimura",
            "Kimura, Hitoshi",
            "Mr.",
        )
        [appearance] = person["appearances"]
        assert appearance["meeting"]["slug"] == "astop-v"
        assert appearance["title"] == "Senior Vice-Minister for Foreign Affairs"
        assert appearance["role"] == "opening_speech"
        assert slugs(get_json(client, "/api/v1/people/")["results"]) == ["hitoshi-kimura"]

    def test_topic_with_aliases_parent_and_children(self, client):
        psi = get_json(client, "/api/v1/topics/proliferation-security-initiative/")
        assert psi["name"] == "Proliferation Security Initiative"
        assert psi["kind"] == "initiative"
        assert "PSI" in psi["aliases"]
        assert slugs(psi["children"]) == ["pacific-shield-07"]
        assert psi["parent"] is None
        assert psi["meetings_url"].endswith(
            "/api/v1/meetings/?topic=proliferation-security-initiative"
        )
        exercise = get_json(client, "/api/v1/topics/pacific-shield-07/")
        assert exercise["parent"]["slug"] == "proliferation-security-initiative"
        topics = get_json(client, "/api/v1/topics/", {"page_size": 100})
        assert topics["count"] == 17

    def test_root_lists_every_endpoint(self, client):
        root = get_json(client, API)
        assert set(root) == {"meetings", "series", "organizations", "people", "topics"}
        assert root["meetings"] == "http://testserver" + reverse("api:meeting-list")


# Filters -------------------------------------------------------------------------


class TestMeetingFilters:
    """Each filter of the public list finds ASTOP-V with the right value and not with another."""

    @pytest.mark.parametrize(
        ("name", "hit", "miss"),
        [
            ("series", "astop", None),
            ("year", "2008", "2009"),
            ("date_from", "2008-04-25", "2008-04-26"),
            ("date_to", "2008-04-25", "2008-04-24"),
            ("participant", "australia", "mofa-japan"),  # convener, not a participant
            ("topic", "sua-2005-protocol", None),
            ("q", "Mita House", "Reykjavik"),
            ("updated_since", "2026-11-26T00:00:00Z", "2026-11-28T00:00:00Z"),
        ],
    )
    def test_hit_and_miss(self, client, name, hit, miss):
        assert meeting_slugs(client, **{name: hit}) == ["astop-v"]
        if miss is not None:
            assert meeting_slugs(client, **{name: miss}) == []

    def test_series_miss(self, client):
        other_talks = Series.objects.create(
            name="Other talks",
            short_name="OT",
            slug="other-talks",
            organiser=Organization.objects.get(slug="mofa-japan"),
        )
        make_meeting(slug="other-series-meeting", ordinal=1, series=other_talks)
        assert meeting_slugs(client, series="other-talks") == ["other-series-meeting"]
        assert "other-series-meeting" not in meeting_slugs(client, series="astop")

    def test_topic_miss(self, client):
        topic = Topic.objects.create(
            name="Arms Trade Treaty", slug="arms-trade-treaty", kind="instrument"
        )
        other = make_meeting(slug="astop-vi", ordinal=6)
        TopicMention.objects.create(
            topic=topic, paragraph=Paragraph.objects.get(document__meeting=other), quote="Opening"
        )
        assert meeting_slugs(client, topic="arms-trade-treaty") == ["astop-vi"]

    @pytest.mark.parametrize(
        ("name", "value"),
        [("participant", "ASEAN"), ("topic", "PSI-Like"), ("series", "ASTOP")],
    )
    def test_a_slug_in_the_wrong_case_filters_as_in_a_path(self, client, name, value):
        Topic.objects.filter(slug="proliferation-security-initiative").update(slug="psi-like")
        assert meeting_slugs(client, **{name: value}) == ["astop-v"]
        assert meeting_slugs(client, **{name: value.lower()}) == ["astop-v"]

    @pytest.mark.parametrize(
        ("name", "value"),
        [("participant", "timor-leste"), ("topic", "arms-trade-treaty"), ("series", "quillon")],
    )
    def test_lookups_no_published_meeting_uses_are_unknown(self, client, name, value):
        """As on their own pages: a lookup the public cannot see is not there, not even as
        a filter that finds nothing (which would tell that it exists)."""
        Topic.objects.create(name="Arms Trade Treaty", slug="arms-trade-treaty", kind="instrument")
        Series.objects.create(
            name="Quillon Dialogue",
            short_name="QD",
            slug="quillon",
            organiser=Organization.objects.get(slug="mofa-japan"),
        )
        response = client.get("/api/v1/meetings/", {name: value})
        assert response.status_code == 404
        assert response.json()["errors"] == {name: [f'No record has the slug "{value}".']}

    def test_participant_through_a_group_is_marked(self, client):
        [direct] = get_json(client, "/api/v1/meetings/", {"participant": "japan"})["results"]
        assert direct["via_group_name"] is None
        [via_asean] = get_json(client, "/api/v1/meetings/", {"participant": "viet-nam"})["results"]
        assert via_asean["via_group_name"] == "Association of Southeast Asian Nations"

    def test_topic_matches_narrower_topics(self, client):
        assert meeting_slugs(client, topic="north-korea-nuclear-and-missile-issues") == ["astop-v"]

    def test_q_finds_topic_aliases(self, client):
        assert meeting_slugs(client, q="PSI") == ["astop-v"]

    def test_filters_combine(self, client):
        assert meeting_slugs(client, year="2008", participant="canada", q="export") == ["astop-v"]
        assert meeting_slugs(client, year="2008", participant="canada", q="Reykjavik") == []

    def test_ordering(self, client):
        make_meeting(slug="aaa-later", ordinal=6, day=datetime.date(2009, 1, 1))
        assert meeting_slugs(client) == ["aaa-later", "astop-v"]
        assert meeting_slugs(client, ordering="date") == ["astop-v", "aaa-later"]
        # "Fifth Asian ..." sorts before "Test meeting ..."
        assert meeting_slugs(client, ordering="title") == ["astop-v", "aaa-later"]
        assert meeting_slugs(client, ordering="-title") == ["aaa-later", "astop-v"]
        assert meeting_slugs(client, ordering="-updated,title") == ["aaa-later", "astop-v"]

    def test_empty_values_mean_no_filter(self, client):
        assert meeting_slugs(client, year="", q="", participant="", page="", page_size="") == [
            "astop-v"
        ]


class TestPagination:
    @pytest.fixture
    def meetings(self):
        for ordinal in range(6, 9):
            make_meeting(slug=f"astop-{ordinal}", ordinal=ordinal)

    def test_pages_with_count_next_and_previous(self, client, meetings):
        first = get_json(client, "/api/v1/meetings/", {"page_size": 2})
        assert first["count"] == 4
        assert first["previous"] is None
        assert first["next"] == "http://testserver/api/v1/meetings/?page=2&page_size=2"
        second = get_json(client, first["next"])
        assert second["next"] is None
        assert second["previous"] == "http://testserver/api/v1/meetings/?page_size=2"
        assert len(first["results"]) == len(second["results"]) == 2
        assert set(slugs(first["results"] + second["results"])) == {
            "astop-v",
            "astop-6",
            "astop-7",
            "astop-8",
        }
        last = get_json(client, "/api/v1/meetings/", {"page_size": 3, "page": "last"})
        assert len(last["results"]) == 1

    def test_default_and_maximum_page_size(self, client, meetings):
        assert len(get_json(client, "/api/v1/meetings/")["results"]) == 4
        assert len(get_json(client, "/api/v1/meetings/", {"page_size": 100})["results"]) == 4


# Bad input -----------------------------------------------------------------------


def assert_bad_parameter(response, name):
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert name in body["detail"]
    assert list(body["errors"]) == [name]
    assert all(isinstance(message, str) and message for message in body["errors"][name])
    return body["errors"][name]


class TestBadInput:
    @pytest.mark.parametrize(
        ("name", "value"),
        [
            ("year", "two thousand"),
            ("year", "1066"),
            ("year", "٢٠٠٨x"),
            ("date_from", "25/04/2008"),
            ("date_to", "2008-02-30"),
            ("updated_since", "yesterday"),
            ("updated_since", "2026-11-27T10:00:00"),  # no time zone
            ("updated_since", "2026-11-27"),  # a day, not a moment
            ("ordering", "venue"),
            ("ordering", ","),  # an empty order is no order
            ("ordering", "date,"),
            ("q", "x" * 201),
            ("q", "nul\x00byte"),
            ("series", "nul\x00byte"),
            ("page_size", "0"),
            ("page_size", "101"),
            ("page_size", "ten"),
            ("page_size", "1_0"),
            ("page", "two"),
            ("page", "0"),
            ("page", "-1"),
        ],
    )
    def test_bad_value_names_its_parameter(self, client, name, value):
        assert_bad_parameter(client.get("/api/v1/meetings/", {name: value}), name)

    @pytest.mark.parametrize(
        ("name", "value"),
        [("series", "no-such-series"), ("participant", "atlantis"), ("topic", "no-such-topic")],
    )
    def test_a_filter_naming_no_record_is_a_404(self, client, name, value):
        """Well formed, but nothing has that slug: as for /api/v1/topics/<slug>/."""
        response = client.get("/api/v1/meetings/", {name: value})
        assert response.status_code == 404
        assert response.json() == {
            "detail": f"No record has the slug given in: {name}.",
            "errors": {name: [f'No record has the slug "{value}".']},
        }

    def test_a_malformed_value_beside_an_unknown_slug_is_a_400(self, client):
        response = client.get("/api/v1/meetings/", {"series": "nothing", "year": "abc"})
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"series", "year"}

    def test_messages_say_what_is_wrong(self, client):
        [message] = assert_bad_parameter(client.get("/api/v1/meetings/?year=abc"), "year")
        assert message == "Enter a whole number."
        [message] = assert_bad_parameter(client.get("/api/v1/meetings/?page_size=500"), "page_size")
        assert message == "Enter a whole number from 1 to 100."

    @pytest.mark.parametrize(
        "url",
        [
            "/api/v1/meetings/?yaer=2008",
            "/api/v1/meetings/astop-v/?year=2008",
            "/api/v1/topics/?kind=issue",
            "/api/v1/topics/3s/?page=2",
            "/api/v1/series/?series=astop",
        ],
    )
    def test_unknown_parameters(self, client, url):
        name = url.split("?")[1].split("=")[0]
        assert assert_bad_parameter(client.get(url), name) == ["Unknown parameter."]

    @pytest.mark.parametrize(
        "url",
        [
            "/api/v1/meetings/astop-ix/",
            "/api/v1/series/nope/",
            "/api/v1/organizations/atlantis/",
            "/api/v1/people/nobody/",
            "/api/v1/topics/nothing/",
        ],
    )
    def test_unknown_slug_is_a_json_404(self, client, url):
        body = get_json(client, url, status=404)
        assert url.split("/")[-2] in body["detail"]

    @pytest.mark.parametrize(
        "url",
        [
            "/api/v1/meetings/?page=2",
            "/api/v1/meetings/?page=999999999999",
            "/api/v1/topics/?page=3&page_size=10",
        ],
    )
    def test_page_past_the_last_is_a_json_404(self, client, url):
        assert "Invalid page" in get_json(client, url, status=404)["detail"]

    @pytest.mark.parametrize(
        "url", ["/api/v1/nothing-here/", "/api/v1/meetings/a%2Fb/", "/api/v1/meetings/é/"]
    )
    def test_unknown_address_under_the_api_is_a_json_404(self, client, url):
        assert "no API endpoint" in get_json(client, url, status=404)["detail"]

    def test_missing_slash_redirects_like_the_rest_of_the_site(self, client):
        response = client.get("/api/v1/meetings?year=2008")
        assert response.status_code == 301
        assert response["Location"] == "/api/v1/meetings/?year=2008"


class TestSlugsInTheWrongCase:
    """As on the pages: a record asked for by its slug in another case, or an organisation
    or person by the slug it had before it was merged into another, redirects (301) to the
    record's address; anything else stays a JSON 404."""

    @pytest.mark.parametrize(
        ("url", "right"),
        [
            ("/api/v1/meetings/ASTOP-V/", ASTOP_V),
            ("/api/v1/meetings/Astop-V/?format=json", ASTOP_V + "?format=json"),
            ("/api/v1/series/ASTOP/", "/api/v1/series/astop/"),
            ("/api/v1/organizations/ASEAN/", "/api/v1/organizations/asean/"),
            ("/api/v1/people/Hitoshi-Kimura/", "/api/v1/people/hitoshi-kimura/"),
            ("/api/v1/topics/Pacific-Shield-07/", "/api/v1/topics/pacific-shield-07/"),
        ],
    )
    def test_a_slug_in_the_wrong_case_redirects_to_the_right_one(self, client, url, right):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == right
        assert get_json(client, right)["slug"] == right.split("/")[4]

    @pytest.fixture
    def curator(self, django_user_model):
        return django_user_model.objects.create_user("curator", is_staff=True)

    def test_a_merged_organisations_old_slug_redirects_to_the_one_kept(self, client, curator):
        myanmar = Organization.objects.get(slug="myanmar")
        union = Organization.objects.create(
            name="Union of Myanmar", slug="union-of-myanmar", classification="country"
        )
        merge(keep=myanmar, duplicate=union, user=curator, reason="One state.")
        response = client.get("/api/v1/organizations/union-of-myanmar/")
        assert response.status_code == 301
        assert response["Location"] == "/api/v1/organizations/myanmar/"

    def test_a_merged_persons_old_slug_redirects_to_the_one_kept(self, client, curator):
        kimura = Person.objects.get(slug="hitoshi-kimura")
        twin = Person.objects.create(name="KIMURA Hitoshi", sort_name="Kimura", slug="kimura-h")
        merge(keep=kimura, duplicate=twin, user=curator, reason="One person.")
        response = client.get("/api/v1/people/kimura-h/?format=json")
        assert response.status_code == 301
        assert response["Location"] == "/api/v1/people/hitoshi-kimura/?format=json"

    @pytest.mark.parametrize(
        "url",
        ["/api/v1/meetings/ASTOP-IX/", "/api/v1/organizations/Atlantis/", "/api/v1/people/X/"],
    )
    def test_an_unknown_slug_in_any_case_is_a_json_404(self, client, url):
        assert url.split("/")[-2] in get_json(client, url, status=404)["detail"]

    def test_a_draft_in_the_wrong_case_is_not_revealed(self, client, draft):
        assert get_json(client, "/api/v1/meetings/SECRET-DRAFT/", status=404)


class TestReadOnly:
    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    @pytest.mark.parametrize("url", ["/api/v1/meetings/", ASTOP_V, "/api/v1/topics/3s/"])
    def test_writes_are_refused_and_change_nothing(self, client, method, url):
        before = list(Meeting.objects.values())
        response = getattr(client, method)(
            url, data=json.dumps({"title": "Changed"}), content_type="application/json"
        )
        assert response.status_code == 405
        assert response.json()["detail"] == f'Method "{method.upper()}" not allowed.'
        assert list(Meeting.objects.values()) == before

    def test_writes_with_parameters_are_refused_too(self, client):
        assert client.post("/api/v1/meetings/?year=2008&yaer=1").status_code == 405

    def test_allow_header_lists_reads_only(self, client):
        assert client.get(ASTOP_V)["Allow"] == "GET, HEAD, OPTIONS"


# Drafts --------------------------------------------------------------------------


class TestDraftsNeverShow:
    def test_not_in_the_list_or_its_count(self, client, draft):
        page = get_json(client, "/api/v1/meetings/")
        assert page["count"] == 1
        assert slugs(page["results"]) == ["astop-v"]

    def test_no_detail(self, client, draft):
        get_json(client, "/api/v1/meetings/secret-draft/", status=404)

    @pytest.mark.parametrize(
        "params",
        [
            {"year": "2009"},
            {"series": "astop"},
            {"participant": "japan"},
            {"topic": "proliferation-security-initiative"},
            {"date_from": "2009-01-01"},
            {"q": "secret-draft"},
            {"q": "Test meeting"},
            {"q": "Opening words"},
        ],
    )
    def test_not_found_by_any_filter_or_search(self, client, draft, params):
        assert "secret-draft" not in meeting_slugs(client, **params)
        assert get_json(client, "/api/v1/meetings/", params)["count"] <= 1

    def test_not_found_as_recently_updated(self, client, draft):
        just_before = (draft.updated_at - datetime.timedelta(seconds=1)).isoformat()
        assert "secret-draft" not in meeting_slugs(client, updated_since=just_before)

    def test_not_nested_in_series_or_people(self, client, draft):
        assert slugs(get_json(client, "/api/v1/series/astop/")["meetings"]) == ["astop-v"]
        kimura = get_json(client, "/api/v1/people/hitoshi-kimura/")
        assert [a["meeting"]["slug"] for a in kimura["appearances"]] == ["astop-v"]
        assert "Draft title" not in json.dumps(kimura)

    def test_nowhere_in_any_response(self, client, draft):
        for url in [
            "/api/v1/meetings/",
            "/api/v1/series/",
            "/api/v1/people/",
            "/api/v1/organizations/japan/",
            "/api/v1/topics/proliferation-security-initiative/",
        ]:
            assert "secret-draft" not in client.get(url).content.decode()

    def test_not_for_staff_either(self, admin_client, draft):
        assert admin_client.get("/api/v1/meetings/secret-draft/").status_code == 404
        assert "secret-draft" not in admin_client.get("/api/v1/meetings/").content.decode()


# HTTP caching, throttling, CORS -----------------------------------------------------


class TestConditionalRequests:
    @pytest.mark.parametrize(
        "url",
        [
            "/api/v1/meetings/",
            ASTOP_V,
            "/api/v1/series/astop/",
            "/api/v1/organizations/",
            "/api/v1/people/hitoshi-kimura/",
            "/api/v1/topics/3s/",
        ],
    )
    def test_etag_and_304(self, client, url):
        response = client.get(url)
        etag = response["ETag"]
        assert etag.startswith('"') and etag.endswith('"')
        assert response["Cache-Control"] == "public, max-age=60"
        again = client.get(url, headers={"if-none-match": etag})
        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == etag
        weak = client.get(url, headers={"if-none-match": f"W/{etag}"})
        assert weak.status_code == 304
        other = client.get(url, headers={"if-none-match": '"something-else"'})
        assert other.status_code == 200

    def test_meetings_have_last_modified(self, client):
        response = client.get(ASTOP_V)
        updated = Meeting.objects.get(slug="astop-v").updated_at
        assert response["Last-Modified"] == http_date(updated.timestamp())
        assert client.get("/api/v1/meetings/")["Last-Modified"] == response["Last-Modified"]
        since = client.get(ASTOP_V, headers={"if-modified-since": response["Last-Modified"]})
        assert since.status_code == 304
        earlier = http_date((updated - datetime.timedelta(days=1)).timestamp())
        assert client.get(ASTOP_V, headers={"if-modified-since": earlier}).status_code == 200

    def test_head_has_the_headers_without_the_body(self, client):
        response = client.head(ASTOP_V)
        assert response.status_code == 200
        assert response.content == b""
        assert response["ETag"] == client.get(ASTOP_V)["ETag"]

    def test_failed_precondition_is_json(self, client):
        response = client.get(ASTOP_V, headers={"if-match": '"not-this"'})
        assert response.status_code == 412
        assert response.json() == {"detail": "Precondition failed."}

    def test_lookups_have_an_etag_but_no_last_modified(self, client):
        response = client.get("/api/v1/topics/3s/")
        assert response.has_header("ETag")
        assert not response.has_header("Last-Modified")

    def test_a_change_gives_a_new_etag_and_date(self, client):
        first = client.get(ASTOP_V)
        meeting = Meeting.objects.get(slug="astop-v")
        meeting.summary += " Edited."
        meeting.save()
        second = client.get(ASTOP_V, headers={"if-none-match": first["ETag"]})
        assert second.status_code == 200
        assert second["ETag"] != first["ETag"]
        assert second.json()["summary"].endswith(" Edited.")
        assert second["Last-Modified"] == http_date(meeting.updated_at.timestamp())

    def test_renamed_lookup_changes_the_etag(self, client):
        first = client.get(ASTOP_V)["ETag"]
        Organization.objects.filter(slug="canada").update(name="Canada (renamed)")
        assert client.get(ASTOP_V, headers={"if-none-match": first}).status_code == 200

    def test_errors_are_not_marked_public(self, client):
        response = client.get("/api/v1/meetings/?year=abc")
        assert "public" not in response.get("Cache-Control", "")


class TestThrottling:
    def test_anonymous_rate_then_429_with_retry_after(self, client, settings):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"},
        }
        for _ in range(3):
            assert client.get("/api/v1/topics/").status_code == 200
        response = client.get(ASTOP_V)
        assert response.status_code == 429
        assert response["Content-Type"] == "application/json"
        assert "throttled" in response.json()["detail"]
        assert 0 < int(response["Retry-After"]) <= 60


class TestCors:
    def test_readable_from_any_origin(self, client):
        response = client.get(ASTOP_V, headers={"origin": "https://research.example"})
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response["Access-Control-Expose-Headers"]

    def test_preflight_allows_reading_only(self, client):
        response = client.options(
            "/api/v1/meetings/",
            headers={"origin": "https://research.example", "access-control-request-method": "GET"},
        )
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
        assert methods == {"GET", "HEAD", "OPTIONS"}

    def test_public_pages_are_not_shared(self, client):
        response = client.get("/meetings/", headers={"origin": "https://research.example"})
        assert not response.has_header("Access-Control-Allow-Origin")


# Schema, docs, browsable API ---------------------------------------------------------


class TestDocumentation:
    def test_schema_is_valid_openapi(self, client):
        response = client.get("/api/v1/schema/", {"format": "json"})
        assert response.status_code == 200
        schema = json.loads(response.content)
        validate_schema(schema)
        assert schema["openapi"].startswith("3.")
        assert client.get("/api/v1/schema/")["Content-Type"].startswith(
            "application/vnd.oai.openapi"
        )

    def test_schema_documents_the_filterset_and_pagination(self, client):
        schema = json.loads(client.get("/api/v1/schema/?format=json").content)
        operation = schema["paths"]["/api/v1/meetings/"]["get"]
        query = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}
        assert set(query) == set(MeetingFilterSet.base_filters) | {"page", "page_size"}
        assert query["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100}
        assert query["year"]["schema"]["minimum"] == 1900
        headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
        assert headers == {"If-None-Match", "If-Modified-Since"}

    def test_every_operation_documents_its_answers(self, client):
        schema = json.loads(client.get("/api/v1/schema/?format=json").content)
        for path, item in schema["paths"].items():
            responses = item["get"]["responses"]
            assert set(responses) == {"200", "304", "400", "404", "429"}, path
            assert responses["200"]["headers"]["ETag"]["required"] is True
            assert responses["429"]["headers"]["Retry-After"]["required"] is True
            assert responses["400"]["content"]["application/json"]["examples"]

    def test_docs_are_served_from_our_own_static_files(self, client):
        page = client.get("/api/v1/docs/")
        assert page.status_code == 200
        html = page.content.decode()
        assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
        assert "cdn" not in html.lower()
        # No inline script: the set-up code comes as a file of its own.
        assert "<script>" not in html.replace(" ", "")
        assert 'src="/api/v1/docs/?script="' in html
        script = client.get("/api/v1/docs/?script=")
        assert script.status_code == 200
        assert script["Content-Type"].startswith("application/javascript")
        assert "/api/v1/schema/" in script.content.decode()
        bundle = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
        assert bundle.status_code == 200

    def test_browsable_api_for_people(self, client):
        response = client.get("/api/v1/meetings/", headers={"accept": "text/html"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert "Fifth Asian Senior-level Talks on Non-Proliferation" in response.content.decode()
        detail = client.get(ASTOP_V, {"format": "api"})
        assert detail.status_code == 200

    @pytest.mark.parametrize(
        ("url", "status", "crumbs"),
        [
            ("/api/v1/meetings/", 200, [("API", API), ("Meetings", "/api/v1/meetings/")]),
            (
                ASTOP_V,
                200,
                [("API", API), ("Meetings", "/api/v1/meetings/"), ("Meeting", ASTOP_V)],
            ),
            (
                "/api/v1/no-such-thing/",
                404,
                [("API", API), ("Not found", "/api/v1/no-such-thing/")],
            ),
            (
                "/api/v1/meetings/nope/",
                404,
                [
                    ("API", API),
                    ("Meetings", "/api/v1/meetings/"),
                    ("Meeting", "/api/v1/meetings/nope/"),
                ],
            ),
        ],
    )
    def test_browsable_pages_are_site_pages_with_plain_breadcrumbs(
        self, client, url, status, crumbs
    ):
        response = client.get(url, headers={"accept": "text/html"})
        assert response.status_code == status
        page = response.content.decode()
        assert '<html lang="en">' in page
        assert 'class="site-footer"' in page  # the site's base.html
        found = re.findall(
            r'<li><a href="([^"]+)"[^>]*>([^<]+)</a></li>',
            page.split('class="breadcrumbs"')[1].split("</ol>")[0],
        )
        assert [(name, address) for address, name in found] == crumbs
        assert f"<h1>{crumbs[-1][0]}</h1>" in page
        assert f"<strong>HTTP {status} " in page
        assert "<form" not in page.split("<main")[1]  # read-only: no forms for writes
        assert f'<a href="{url}?format=json">The answer as JSON</a>' in page


# Query budgets -------------------------------------------------------------------


class TestQueryCounts:
    """Queries per request stay fixed however big the page or the record (no N+1)."""

    def test_meeting_detail_with_1_and_with_50_rows_of_everything(
        self, client, django_assert_num_queries
    ):
        # meeting+series+country+convener, participations (with first time), appearances,
        # points, point topics, sources, paragraphs, mentions, days, counts, side events,
        # group members on the date, the sources cited for the venue.
        with django_assert_num_queries(13):
            assert client.get(ASTOP_V).status_code == 200
        grow_meeting(make_meeting(slug="big", ordinal=50), 50)
        with django_assert_num_queries(13):
            response = client.get("/api/v1/meetings/big/")
        assert len(response.json()["participations"]) == 50
        assert len(response.json()["discussion_points"]) == 50

    def test_meeting_list_whatever_the_page_size(self, client, django_assert_num_queries):
        # count, page (with series and country), the latest change for Last-Modified.
        with django_assert_num_queries(3):
            client.get("/api/v1/meetings/")
        for ordinal in range(6, 36):
            make_meeting(slug=f"astop-{ordinal}", ordinal=ordinal)
        with django_assert_num_queries(3):
            response = client.get("/api/v1/meetings/", {"page_size": 100})
        assert len(response.json()["results"]) == 31

    @pytest.mark.parametrize(
        ("params", "queries"),
        [
            ({"series": "astop"}, 4),  # + the series
            ({"participant": "viet-nam"}, 4),  # + the organisation
            ({"topic": "3s", "year": "2008"}, 4),  # + the topic
        ],
    )
    def test_filtered_meeting_list(self, client, django_assert_num_queries, params, queries):
        with django_assert_num_queries(queries):
            assert client.get("/api/v1/meetings/", params).status_code == 200

    @pytest.mark.parametrize(
        ("url", "queries"),
        [
            # count, page, published meetings; and on every lookup, the references
            # (the sources cited for its description): one query for all of them; and on
            # series, organisations and people, their other names (one query a page)
            ("/api/v1/series/?page_size=100", 5),
            ("/api/v1/series/astop/", 4),
            # count, page, public parents, memberships, members, the references of the
            # organisations and of their memberships either way
            ("/api/v1/organizations/?page_size=100", 9),
            ("/api/v1/organizations/asean/", 6),
            ("/api/v1/people/?page_size=100", 5),  # count, page, published appearances
            ("/api/v1/people/hitoshi-kimura/", 4),
            ("/api/v1/topics/?page_size=100", 6),  # count, page, parents, aliases, children
            ("/api/v1/topics/proliferation-security-initiative/", 4),
        ],
    )
    def test_lookups(self, client, django_assert_num_queries, url, queries):
        grow_meeting(make_meeting(slug="big", ordinal=50), 50)  # 50 more organisations
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200


# Every fact a real record holds -----------------------------------------------------------


class TestRealRecordFacts:
    """The detail carries every new fact; the list stays lean."""

    @pytest.fixture
    def hard(self, client):
        make_hard_record()
        return get_json(client, "/api/v1/meetings/astop-vi/")

    def test_dates_format_days_counts_and_side_events(self, hard):
        assert hard["date_precision"] == "day"
        assert hard["format"] == "hybrid"
        assert [(day["date"], day["venue_name"]) for day in hard["days"]] == [
            ("2009-02-12", "Mita Kaigisho (Mita Conference Hall)"),
            ("2009-02-13", "Iikura Guest House"),
        ]
        assert hard["days"][0]["source_paragraph"]["anchor"] == "astop-vi-results-en-p2"
        assert [
            (count["count"], count["what"], count["approximate"], count["source_words"])
            for count in hard["participant_counts"]
        ] == [
            (
                14,
                "countries and organisations",
                False,
                "Officials of 14 countries and organisations",
            ),
            (60, "people", True, "about 60 people"),
        ]
        assert [(event["kind"], event["date"]) for event in hard["side_events"]] == [
            ("reception", "2009-02-12"),
            ("working_level", "2009-02-13"),
        ]

    def test_participations_with_status_roles_first_time_and_groups(self, hard):
        rows = {row["organization"]["slug"]: row for row in hard["participations"]}
        assert {
            slug: row["status"] for slug, row in rows.items() if row["status"] != "attended"
        } == {
            "iaea": "guest",
            "myanmar": "absent",
            "new-zealand": "planned",
            "canada": "invited",
        }
        japan = rows["japan"]
        assert (japan["role"], japan["chair_role"], japan["roles"]) == (
            "host",
            "co_chair",
            ["host", "co_chair"],
        )
        assert rows["australia"]["roles"] == ["co_chair"]
        assert {slug for slug, row in rows.items() if row["first_time"]} == {"timor-leste", "iaea"}
        assert rows["asean"]["list_complete"] is False
        assert {slug for slug, row in rows.items() if row["named_under"] == "asean"} == {
            "brunei-darussalam",
            "cambodia",
            "indonesia",
        }
        assert rows["myanmar"]["source_words"].startswith("The Union of Myanmar did not")
        assert rows["myanmar"]["source_paragraph"]["label"] == "2."

    def test_sources_in_their_languages_and_related(self, hard):
        sources = {source["slug"]: source for source in hard["sources"]}
        ja = sources["astop-vi-results-ja"]
        assert (ja["language"], ja["kind"], ja["relation"], ja["related_source"]) == (
            "ja",
            "press_release",
            "",
            None,
        )
        assert ja["captured_on"] == "2009-02-20"
        assert ja["captured_from"].startswith("https://www.mofa.go.jp/")
        en = sources["astop-vi-results-en"]
        assert (en["relation"], en["related_source"]) == ("provisional_translation", ja["slug"])
        assert en["captured_on"] is None and en["captured_from"] is None
        copy = sources["astop-vi-embassy-copy"]
        assert (copy["relation"], copy["related_source"]) == ("copy", en["slug"])
        assert copy["copy_url"] == "https://www.emb-japan.example/itpr_en/astop6.html"
        assert sources["astop-vi-announcement"]["kind"] == "announcement"

    def test_each_source_links_its_text_as_issued(self, client, hard):
        source = hard["sources"][0]
        assert source["text_url"].startswith("http://testserver/meetings/astop-vi/sources/")
        response = client.get(source["text_url"])
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"

    def test_the_list_stays_lean(self, client, hard):
        rows = get_json(client, "/api/v1/meetings/")["results"]
        listed = next(row for row in rows if row["slug"] == "astop-vi")
        assert (listed["date_precision"], listed["format"]) == ("day", "hybrid")
        for detail_only in (
            "participations",
            "days",
            "participant_counts",
            "side_events",
            "sources",
        ):
            assert detail_only not in listed

    def test_the_participant_filter_finds_only_meetings_attended(self, client, hard):
        assert meeting_slugs(client, participant="myanmar") == ["astop-v"]  # through ASEAN
        assert meeting_slugs(client, participant="myanmar", participant_status="absent") == [
            "astop-vi"
        ]
        assert meeting_slugs(client, participant="new-zealand") == ["astop-v"]
        assert meeting_slugs(client, participant="new-zealand", participant_status="planned") == [
            "astop-vi"
        ]
        assert meeting_slugs(client, participant="canada", participant_status="invited") == [
            "astop-vi"
        ]
        assert meeting_slugs(client, participant_status="absent") == ["astop-vi"]
        assert meeting_slugs(client, participant="japan", participant_status="absent") == []

    def test_an_unknown_participant_status_is_a_400_that_names_it(self, client):
        body = get_json(client, "/api/v1/meetings/", {"participant_status": "asleep"}, status=400)
        assert list(body["errors"]) == ["participant_status"]

    def test_the_astop_v_record_is_unchanged(self, client):
        record = get_json(client, ASTOP_V)
        assert {row["status"] for row in record["participations"]} == {"attended"}
        assert not any(row["first_time"] for row in record["participations"])
        assert (record["date_precision"], record["format"]) == ("day", "")
        assert record["days"] == record["participant_counts"] == record["side_events"] == []
        [source] = record["sources"]
        assert (source["relation"], source["related_source"], source["copy_url"]) == (
            "",
            None,
            None,
        )
