"""The admin's import screen: paste a release, correct what was read, save it as a draft
meeting or as another source of an archived meeting, in one transaction."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from meetings import forms
from meetings.models import (
    Appearance,
    Meeting,
    Organization,
    Paragraph,
    ParticipantCount,
    Participation,
    Person,
    Series,
    SideEvent,
    SourceDocument,
    TopicMention,
)

from .release import SEED, visible_text
from .test_admin import admin_url, client_for, errors_of, field_value, form_data, staff_in

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:meetings_meeting_import")

RELEASE = """\
The Results of the Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI)

February 12, 2009

1. The Ministry of Foreign Affairs held the Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI) on Tuesday, February 10, at Mita House. Senior officials from the ASEAN member countries, Australia, Canada, Mongolia, and Japan, the host, participated in the meeting.
2. Mr. Hitoshi KIMURA, Senior Vice-Minister for Foreign Affairs, gave an opening speech on the PSI.
(*) Nuclear Renaissance: a footnote.
Back to Index
"""  # noqa: E501

# Co-chairs, a group named with some of its members, an absent state, counts.
HARD = """\
Press Releases

The Results of the Fifteenth Asia Senior-Level Talks on Non-Proliferation (ASTOP-XV)

February 8, 2021

  1. On Wednesday, February 3, the Ministry of Foreign Affairs held the Fifteenth Asia Senior-Level Talks on Non-Proliferation (ASTOP-XV) at Mita Kaigisho (Mita Conference Hall), Tokyo. The meeting was co-chaired by Japan and the Republic of Singapore.

  2. Senior officials from the ASEAN member countries, such as Brunei Darussalam, the Republic of Indonesia and the Socialist Republic of Viet Nam, as well as Australia, Canada, the Republic of Korea and the United States of America, participated in the meeting. Officials of 18 countries and organisations, about 50 people, took part in all. The Republic of the Union of Myanmar did not attend due to domestic circumstances.

  3. Mr. Kenta SUGIMORI, State Minister for Foreign Affairs, delivered opening remarks.

Back to Index
"""  # noqa: E501

# A one-off seminar with a Japanese title only: no series, no Latin letters for an address.
JAPANESE_ONE_OFF = """\
日・ASEAN輸出管理セミナーの開催（結果）

平成20年4月28日

１．４月２５日（金曜日），外務省において日・ASEAN輸出管理セミナーを開催しました。
２．ASEAN諸国及び豪州の輸出管理担当者が参加しました。
"""

# ASTOP-V's release in Japanese: the same meeting, the archive has it in English. A
# reception the same day, given by a speaker named by surname and title.
JAPANESE_ASTOP_V = """\
第5回アジア不拡散協議（ASTOP-V）の開催（結果）

平成20年5月1日

１．4月25日（金曜日），外務省は三田共用会議所において第5回アジア不拡散協議（ASTOP-V）を開催しました。ASEAN諸国，豪州，カナダ，中国，韓国及び米国の政府関係者が参加しました。
２．同日，木村外務副大臣主催のレセプションが開催されました。
"""

# The third meeting of a series the archive does not have yet.
NEW_SERIES = """\
The Results of the Third Tokyo Dialogue on Export Control

March 3, 2011

1. On March 1, 2011, the Ministry of Foreign Affairs held the Third Tokyo Dialogue on Export Control at Mita House, Tokyo. Officials from Australia, Canada and Japan, the host, participated.
"""  # noqa: E501


def read_release(client, text=RELEASE):
    return client.post(IMPORT_URL, {"text": text, "_read": "1"})


def screen_data(response):
    """What the browser posts back from the check step, as rendered (unticked boxes left out)."""
    screen = response.context["screen"]
    data = {}
    for form in [screen.form, *screen.rows()]:
        for bound in form:
            value = field_value(bound)
            if value is not None:
                data[bound.html_name] = value
    return data


def save_release(client, text=RELEASE, **changes):
    """Read ``text``, change the posted fields as a curator would, and save."""
    data = screen_data(read_release(client, text))
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)  # an unticked box
        else:
            data[name] = value
    return client.post(IMPORT_URL, {**data, "_save": "1"})


def row_prefix(response, kind, source_words):
    """The form prefix of the proposal row that reads ``source_words``."""
    screen = response.context["screen"]
    rows = {"participant": screen.participants, "person": screen.people, "count": screen.counts}
    for row in rows[kind]:
        if row.proposed.source_words == source_words:
            return row.prefix
    raise LookupError(source_words)


# --- Reading -----------------------------------------------------------------------------


def test_reading_prefills_the_meeting_and_groups_the_proposals(admin_client):
    assert admin_client.get(IMPORT_URL).status_code == 200
    response = read_release(admin_client)
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["series"] == Series.objects.get(slug="astop")
    assert (initial["ordinal"], initial["short_name"], initial["slug"]) == (
        6,
        "ASTOP-VI",
        "astop-vi",
    )
    assert initial["title"] == "Sixth Asian Senior-level Talks on Non-Proliferation"
    assert initial["start_date"] == datetime.date(2009, 2, 10)
    assert initial["source_published_on"] == datetime.date(2009, 2, 12)
    assert initial["source_publisher"] == Organization.objects.get(slug="mofa-japan").pk
    page = visible_text(response.content.decode())
    # The parser's warnings, in plain words, at the top.
    assert "To check" in page
    assert "gives no year: 2009 is inferred from the date line (2009-02-12)" in page
    assert "“Mongolia” (¶3) is not an organisation of the archive yet" in page
    assert "New: Mongolia (country)" in page
    # Plain words for the slug and the ordinal.
    assert "Web address:" in page and "Edition:" in page
    assert "Slug" not in page and "Ordinal" not in page
    groups = [heading for heading, rows in response.context["screen"].participant_groups()]
    assert groups == ["Attended — host", "Attended — participant"]
    assert "“Japan, the host” (¶3)" in page
    assert "“Mr. Hitoshi KIMURA, Senior Vice-Minister for Foreign Affairs” (¶4)" in page
    assert page.count("(¶") >= 7
    assert len(response.context["screen"].paragraphs) == 6  # each kind can be corrected


def test_reading_takes_a_constant_number_of_queries(admin_client, django_assert_max_num_queries):
    """Choices are read once for all rows, not once per row (a release of 11 participants
    takes the queries of one with 5)."""
    # Session and user; the matcher's 8 (organisations, people, series, topics, each with
    # their other names, and the archived meeting twice); the latest publisher; the free
    # web address; the choices of organisation, person, series, publisher and meeting; the
    # sources that could hold the same text.
    read_release(admin_client)  # content types, cached after
    with django_assert_max_num_queries(19) as small:
        read_release(admin_client)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(read_release(admin_client, HARD).context["screen"].participants) == 11


# --- Saving --------------------------------------------------------------------------------


def test_saving_as_read_writes_a_draft_with_the_kept_rows(admin_client):
    response = save_release(admin_client)
    meeting = Meeting.objects.get(slug="astop-vi")
    assert response.status_code == 302
    assert response["Location"] == admin_url(Meeting, "change", meeting.pk)
    assert meeting.status == Meeting.Status.DRAFT
    assert (meeting.series.slug, meeting.ordinal, meeting.city) == ("astop", 6, "Tokyo")
    source = meeting.sources.get()
    assert source.rebuild() == RELEASE
    assert list(meeting.participations.values_list("organization__slug", "role")) == [
        ("asean", "participant"),
        ("australia", "participant"),
        ("canada", "participant"),
        ("mongolia", "participant"),
        ("japan", "host"),
    ]  # Mongolia, not in the archive, is added to it
    assert Organization.objects.get(slug="mongolia").classification == "country"
    appearance = meeting.appearances.get()
    assert (appearance.person.slug, appearance.role) == ("hitoshi-kimura", "opening_speech")
    mentions = TopicMention.objects.filter(paragraph__document=source).order_by("topic__name")
    assert [m.quote for m in mentions] == ["Nuclear Renaissance", "PSI"]
    entry = LogEntry.objects.get(object_id=str(meeting.pk))
    assert entry.get_change_message() == "Created as a draft from a press release."
    assert Client().get("/meetings/astop-vi/").status_code == 404  # a draft


def test_the_curators_corrections_are_what_is_saved(admin_client):
    read = read_release(admin_client, HARD)
    assert "“Brunei Darussalam” (¶5) named under “the ASEAN member countries”" in visible_text(
        read.content.decode()
    )
    japan = row_prefix(read, "participant", "Japan")
    canada = row_prefix(read, "participant", "Canada")
    count = row_prefix(read, "count", "18 countries and organisations")
    person = row_prefix(read, "person", "Mr. Kenta SUGIMORI, State Minister for Foreign Affairs")
    response = save_release(
        admin_client,
        HARD,
        title="Fifteenth Asia Senior-Level Talks on Non-Proliferation (Tokyo)",
        slug="astop-15",
        city="Minato, Tokyo",
        **{
            "source_kind": "press_release",
            "paragraph-0-kind": "other",
            f"{japan}-role": "host",
            f"{japan}-chair_role": "co_chair",
            f"{canada}-keep": None,
            f"{count}-count": "19",
            f"{person}-title": "State Minister for Foreign Affairs of Japan",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    meeting = Meeting.objects.get(slug="astop-15")
    assert meeting.title == "Fifteenth Asia Senior-Level Talks on Non-Proliferation (Tokyo)"
    assert meeting.city == "Minato, Tokyo"
    assert meeting.sources.get().paragraphs.get(position=1).kind == "other"
    rows = {
        p.organization.slug: (p.status, p.role, p.chair_role, p.list_complete)
        for p in meeting.participations.select_related("organization")
    }
    assert rows["japan"] == ("attended", "host", "co_chair", True)
    assert rows["singapore"] == ("attended", "co_chair", "", True)
    assert rows["asean"] == ("attended", "participant", "", False)  # "such as"
    assert rows["myanmar"] == ("absent", "participant", "", True)
    assert "canada" not in rows
    assert (
        meeting.participations.get(organization__slug="indonesia").named_under.organization.slug
        == "asean"
    )
    assert list(meeting.participant_counts.values_list("count", "approximate", "what")) == [
        (19, False, "countries and organisations"),
        (50, True, "people"),
    ]
    appearance = meeting.appearances.get()
    assert appearance.title == "State Minister for Foreign Affairs of Japan"
    assert appearance.person.name == "Kenta Sugimori"  # a new person, as the release names him
    assert appearance.person.sort_name == "Sugimori, Kenta"


def test_a_japanese_one_off_meeting_gets_an_address_from_its_date(admin_client):
    response = read_release(admin_client, JAPANESE_ONE_OFF)
    assert response.context["form"].initial["slug"] == "meeting-2008-04-25"
    assert response.context["form"].initial["series"] is None
    assert save_release(admin_client, JAPANESE_ONE_OFF).status_code == 302
    meeting = Meeting.objects.get(slug="meeting-2008-04-25")
    assert (meeting.series, meeting.ordinal, meeting.title) == (
        None,
        None,
        "日・ASEAN輸出管理セミナー",
    )
    assert meeting.sources.get().language == "ja"
    # A second one on the same day gets its own address.
    response = read_release(admin_client, JAPANESE_ONE_OFF.replace("セミナー", "ワークショップ"))
    assert response.context["form"].initial["slug"] == "meeting-2008-04-25-2"


def test_a_new_series_is_created_on_the_screen(admin_client):
    read = read_release(admin_client, NEW_SERIES)
    assert read.context["form"].initial["new_series_name"] == "Tokyo Dialogue on Export Control"
    response = save_release(admin_client, NEW_SERIES)
    assert response.context["form"].errors["new_series_short_name"] == [
        "Give the new series' abbreviation."
    ]
    assert not Series.objects.filter(name="Tokyo Dialogue on Export Control").exists()
    response = save_release(
        admin_client, NEW_SERIES, new_series_short_name="TDEC", short_name="TDEC-3", slug="tdec-3"
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(slug="tdec-3")
    assert (meeting.series.name, meeting.series.short_name, meeting.ordinal) == (
        "Tokyo Dialogue on Export Control",
        "TDEC",
        3,
    )


def test_a_refusal_keeps_everything_typed_and_writes_nothing(admin_client):
    before = (Paragraph.objects.count(), Series.objects.count(), Person.objects.count())
    response = save_release(
        admin_client,
        NEW_SERIES,
        title="The Third Tokyo Dialogue, corrected",
        new_series_short_name="TDEC",
        slug="astop-v",
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["slug"] == ["Another meeting has this web address: /meetings/astop-v/."]
    page = response.content.decode()
    assert 'value="The Third Tokyo Dialogue, corrected"' in page
    assert 'value="TDEC"' in page
    assert (Paragraph.objects.count(), Series.objects.count(), Person.objects.count()) == before


def test_a_refusal_while_writing_rolls_back_the_new_series_and_people(admin_client, monkeypatch):
    """A refusal the archive makes while writing (here after the writer has written
    everything) leaves nothing behind: not the series and person created before it."""
    real_write = forms.write_release

    def write_then_refuse(**kwargs):
        real_write(**kwargs)
        raise ValidationError({"ordinal": "Tokyo Dialogue on Export Control already has 3."})

    monkeypatch.setattr(forms, "write_release", write_then_refuse)
    before = (Meeting.objects.count(), Series.objects.count(), Paragraph.objects.count())
    response = save_release(admin_client, NEW_SERIES, new_series_short_name="TDEC")
    assert response.status_code == 200
    assert response.context["form"].errors["ordinal"] == [
        "Tokyo Dialogue on Export Control already has 3."
    ]
    assert 'value="TDEC"' in response.content.decode()
    assert (Meeting.objects.count(), Series.objects.count(), Paragraph.objects.count()) == before


def test_two_hosts_and_a_kept_row_without_organisation_are_refused(admin_client):
    read = read_release(admin_client, HARD)
    japan = row_prefix(read, "participant", "Japan")
    singapore = row_prefix(read, "participant", "the Republic of Singapore")
    response = save_release(
        admin_client,
        HARD,
        **{f"{japan}-role": "host", f"{singapore}-role": "host"},
    )
    assert response.status_code == 200
    [error] = response.context["screen"].errors
    assert error.startswith("A meeting has one host; Japan and Singapore are both marked as host")
    response = save_release(admin_client, HARD, **{f"{japan}-organization": ""})
    row = next(row for row in response.context["screen"].participants if row.prefix == japan)
    assert row.errors["organization"] == ["Choose the organisation, or untick “Keep”."]
    assert not Meeting.objects.filter(ordinal=15).exists()


# --- A release about a meeting already in the archive ------------------------------------------


def test_a_second_release_is_proposed_as_another_source_of_its_meeting(admin_client):
    astop_v = Meeting.objects.get(slug="astop-v")
    english = astop_v.sources.get()
    response = read_release(admin_client, JAPANESE_ASTOP_V)
    form = response.context["form"]
    assert form.existing_meeting == astop_v
    assert form.initial["target"] == "attach"
    assert "This release is about ASTOP-V, already in the archive" in response.content.decode()
    assert form.initial["meeting"] == astop_v
    before = (astop_v.participations.count(), astop_v.title, astop_v.version)
    response = save_release(admin_client, JAPANESE_ASTOP_V)
    assert response.status_code == 302
    assert response["Location"] == admin_url(Meeting, "change", astop_v.pk)
    entry = LogEntry.objects.get(object_id=str(astop_v.pk))
    assert entry.get_change_message().startswith("Source “")
    astop_v.refresh_from_db()
    assert (astop_v.title, astop_v.version) == before[1:]
    assert astop_v.sources.count() == 2
    added = astop_v.sources.order_by("-pk").first()
    assert (added.kind, added.language) == ("press_release", "ja")
    assert added.rebuild() == JAPANESE_ASTOP_V
    # The organisations already linked are not linked twice.
    assert astop_v.participations.count() == before[0]
    # Two language versions are related only when the curator says so.
    english.refresh_from_db()
    assert (english.relation, english.related_source) == ("", None)
    assert (added.relation, added.related_source) == ("", None)


def test_the_same_release_pasted_again_is_refused_naming_the_source(admin_client):
    """Same text, same language, same meeting: a second copy would double the record's
    counts and side events. Nothing is written."""
    assert save_release(admin_client, JAPANESE_ASTOP_V).status_code == 302
    astop_v = Meeting.objects.get(slug="astop-v")
    japanese = astop_v.sources.get(language="ja")
    rows = (SourceDocument.objects.count(), Paragraph.objects.count(), SideEvent.objects.count())
    response = save_release(admin_client, JAPANESE_ASTOP_V)
    assert response.status_code == 200
    message = (
        f"This release is already a source of ASTOP-V: “{japanese.title}” (Japanese). "
        "Nothing was saved."
    )
    assert message in response.context["form"].non_field_errors()
    assert message in visible_text(response.content.decode())
    after = (SourceDocument.objects.count(), Paragraph.objects.count(), SideEvent.objects.count())
    assert after == rows
    # The English release as the archive holds it is refused the same way.
    response = save_release(admin_client, SEED.read_text(encoding="utf-8"))
    assert response.status_code == 200
    assert "This release is already a source of ASTOP-V: “" in " ".join(
        response.context["form"].non_field_errors()
    )
    assert astop_v.sources.count() == 2


def test_attaching_to_a_published_meeting_says_it_shows_at_once(admin_client):
    response = read_release(admin_client, JAPANESE_ASTOP_V)
    page = visible_text(response.content.decode())
    assert "This meeting is public: what you save here is shown at once." in page
    response = read_release(admin_client, RELEASE)  # a new meeting: a draft
    assert response.status_code == 200
    assert "This meeting is public" not in response.content.decode()


def test_the_curator_may_make_it_a_new_meeting_instead(admin_client):
    response = save_release(admin_client, JAPANESE_ASTOP_V, target="new", ordinal="5")
    assert response.status_code == 200
    assert "already has an edition number 5" in " ".join(response.context["form"].errors["ordinal"])
    assert Meeting.objects.get(slug="astop-v").sources.count() == 1


# --- Who may import -------------------------------------------------------------------------------


def test_editors_may_import_but_not_anonymous_visitors(client):
    assert client.get(IMPORT_URL).status_code == 302  # to the login page
    staff = client_for(staff_in("Editors", "eddie"))
    assert staff.get(IMPORT_URL).status_code == 200
    assert save_release(staff, JAPANESE_ONE_OFF).status_code == 302


# --- The meeting's own page --------------------------------------------------------------------


def test_the_meeting_page_says_web_address_and_edition_and_shows_the_new_inlines(admin_client):
    meeting = Meeting.objects.get(slug="astop-v")
    response = admin_client.get(admin_url(Meeting, "change", meeting.pk))
    page = visible_text(response.content.decode())
    assert "Web address:" in page and "Edition:" in page
    groups = [inline.formset.model for inline in response.context["inline_admin_formsets"]]
    assert {ParticipantCount, Appearance, SourceDocument, Participation} <= set(groups)
    assert "meetings/admin-unsaved.js" in response.content.decode()


def test_a_meeting_added_with_a_japanese_title_and_no_address_gets_one(admin_client):
    page = admin_client.get(admin_url(Meeting, "add"))
    data = {
        name: value
        for name, value in (
            (bound.html_name, field_value(bound)) for bound in page.context["adminform"].form
        )
        if value is not None
    }
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({bound.html_name: field_value(bound) for bound in management})
    data.update(
        title="核不拡散に関する日豪協議",
        slug="",
        start_date="2008-04-25",
        end_date="2008-04-25",
        date_precision="day",
    )
    response = admin_client.post(admin_url(Meeting, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Meeting.objects.get(title="核不拡散に関する日豪協議").slug == "meeting-2008-04-25"


def test_an_editor_may_not_add_a_source_to_a_published_meeting(client):
    """A published record changes only through a Publisher: the import says so and
    writes nothing."""
    editor = client_for(staff_in("Editors", "eddie"))
    text = JAPANESE_ASTOP_V
    response = save_release(editor, text)
    assert response.status_code == 200
    assert response.context["form"].errors["target"] == [
        "ASTOP-V is published: adding a source to it is a Publisher’s act. "
        "Ask a Publisher to import this release."
    ]
    assert Meeting.objects.get(slug="astop-v").sources.count() == 1
    publisher = client_for(staff_in("Publishers", "pat"))
    assert save_release(publisher, text).status_code == 302
    assert Meeting.objects.get(slug="astop-v").sources.count() == 2


@pytest.mark.parametrize(("extra_lines", "editable"), [(397, True), (398, False)])
def test_a_long_release_posts_within_the_field_limit(admin_client, extra_lines, editable):
    """Each kind is a posted field: up to MAX_EDITABLE_KINDS paragraphs they are corrected
    here, and the post stays under DATA_UPLOAD_MAX_NUMBER_FIELDS; past it, on the
    source's page after saving."""
    text = NEW_SERIES + "".join(f"Line {n} of the annex.\n" for n in range(extra_lines))
    response = read_release(admin_client, text)
    screen = response.context["screen"]
    assert len(screen.release.paragraphs) == forms.MAX_EDITABLE_KINDS + (not editable)
    assert screen.kinds_editable is editable
    assert ("correct the paragraphs’ kinds on the source’s page" in response.content.decode()) is (
        not editable
    )
    response = save_release(admin_client, text, new_series_short_name="TDEC")
    assert response.status_code == 302
    meeting = Meeting.objects.get(series__short_name="TDEC")
    assert meeting.sources.get().paragraphs.count() == len(screen.release.paragraphs)


def test_the_meeting_page_refuses_a_save_over_a_colleagues_change_to_a_count(admin_client):
    """The counts inline carries the stale-edit guard, as every inline does."""
    assert save_release(admin_client, HARD).status_code == 302
    meeting = Meeting.objects.get(slug="astop-xv")
    url = admin_url(Meeting, "change", meeting.pk)
    opened = form_data(admin_client.get(url))
    count = meeting.participant_counts.get(count=50)
    count_url = admin_url(ParticipantCount, "change", count.pk)
    colleagues = form_data(admin_client.get(count_url))
    colleagues["count"] = "55"
    assert admin_client.post(count_url, colleagues).status_code == 302
    response = admin_client.post(url, opened)
    assert response.status_code == 200
    assert "Not saved: this was changed after you opened it" in errors_of(response)
    count.refresh_from_db()
    assert count.count == 55


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("   \n\n", "meeting"),
        ("Some words without a date.\n", "some-words-without-a-date"),  # read as the title
    ],
)
def test_a_paste_with_nothing_to_read_says_what_is_missing(admin_client, text, address):
    response = read_release(admin_client, text)
    assert response.status_code == 200
    assert response.context["form"].initial["slug"] == address
    response = save_release(admin_client, text)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["start_date"] == ["This field is required."]
    assert not Meeting.objects.filter(slug=address).exists()


def test_a_participant_the_reader_missed_is_added_on_the_screen(admin_client):
    china = Organization.objects.get(slug="china")
    response = save_release(
        admin_client,
        HARD,
        **{
            "added-0-organization": str(china.pk),
            "added-0-source_words": "China",
            "added-0-paragraph": "5",  # ¶5, numbered as the page numbers them
            "added-0-status": "observer",
            "added-0-role": "observer",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(slug="astop-xv")
    added = meeting.participations.get(organization=china)
    assert (added.status, added.role, added.source_words) == ("observer", "observer", "China")
    assert added.source_paragraph.label == "2."


def test_an_added_row_needs_its_words_and_paragraph(admin_client):
    china = Organization.objects.get(slug="china")
    response = save_release(admin_client, HARD, **{"added-1-organization": str(china.pk)})
    assert response.status_code == 200
    row = response.context["screen"].added[1]
    assert row.errors["source_words"] == ["Needed for an added participant."]
    assert row.errors["paragraph"] == ["Needed for an added participant."]


def test_a_new_organisation_marked_host_beside_another_host_is_refused(admin_client):
    read = read_release(admin_client)
    mongolia = row_prefix(read, "participant", "Mongolia")
    response = save_release(admin_client, **{f"{mongolia}-role": "host"})
    assert response.status_code == 200
    [error] = response.context["screen"].errors
    assert error.startswith("A meeting has one host; Mongolia and Japan are both marked as host")


# --- What the curator checks on the screen ------------------------------------------------------

# An observer, a reception on the same day, a speaker who co-chairs.
OBSERVED = """\
The Results of the Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI)

February 12, 2009

1. The Ministry of Foreign Affairs held the Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI) on Tuesday, February 10, at Mita House. Senior officials from the ASEAN member countries, Australia, Canada, and Japan, the host, participated in the meeting. Singapore took part as an observer.
2. Mr. Hitoshi KIMURA, Senior Vice-Minister for Foreign Affairs, gave an opening speech on the PSI.
3. On the same day, a reception hosted by Mr. Hitoshi KIMURA was held at the Iikura House.
"""  # noqa: E501


def test_side_events_are_shown_corrected_and_dropped_like_the_other_proposals(admin_client):
    read = read_release(admin_client, OBSERVED)
    [row] = read.context["screen"].side_events
    assert (row.initial["kind"], row.initial["date"]) == ("reception", datetime.date(2009, 2, 10))
    page = visible_text(read.content.decode())
    assert "Side events (1)" in page
    assert "“On the same day, a reception hosted by Mr. Hitoshi KIMURA was held" in page
    response = save_release(
        admin_client,
        OBSERVED,
        **{
            f"{row.prefix}-title": "Reception hosted by the Senior Vice-Minister",
            f"{row.prefix}-kind": "other",
            f"{row.prefix}-date": "2009-02-11",
        },
    )
    assert response.status_code == 302
    event = Meeting.objects.get(slug="astop-vi").side_events.get()
    assert (event.title, event.kind, event.date.isoformat(), event.venue_name) == (
        "Reception hosted by the Senior Vice-Minister",
        "other",
        "2009-02-11",
        "Iikura House",
    )
    assert event.source_paragraph.label == "3."
    Meeting.objects.get(slug="astop-vi").delete()
    assert save_release(admin_client, OBSERVED, **{f"{row.prefix}-keep": None}).status_code == 302
    assert not Meeting.objects.get(slug="astop-vi").side_events.exists()


def test_a_side_event_needs_its_title(admin_client):
    read = read_release(admin_client, OBSERVED)
    prefix = read.context["screen"].side_events[0].prefix
    response = save_release(admin_client, OBSERVED, **{f"{prefix}-title": ""})
    assert response.status_code == 200
    assert response.context["screen"].side_events[0].errors["title"] == [
        "Give the event's name, or untick “Keep”."
    ]
    assert not Meeting.objects.filter(slug="astop-vi").exists()


def test_errors_are_listed_at_the_top_with_links_to_their_rows(admin_client):
    read = read_release(admin_client, HARD)
    japan = row_prefix(read, "participant", "Japan")
    person = row_prefix(read, "person", "Mr. Kenta SUGIMORI, State Minister for Foreign Affairs")
    response = save_release(
        admin_client,
        HARD,
        end_date="2021-02-01",
        **{f"{japan}-organization": "", f"{person}-title": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="error-summary"')
    summary = html[start : html.index("</ul>", start)]
    assert (
        '<a href="#id_end_date">End date: The meeting cannot end before it starts.</a>' in summary
    )
    assert (
        f'<a href="#row-{japan}">Participants, “Japan”: Choose the organisation, or untick '
        "“Keep”.</a>"
    ) in summary
    assert (
        f'<a href="#row-{person}">People, “Mr. Kenta SUGIMORI, State Minister for Foreign '
        "Affairs”: Give the title held at this meeting, or untick “Keep”.</a>"
    ) in summary
    assert f'id="row-{japan}"' in html and f'id="row-{person}"' in html
    assert html.index('id="error-summary"') < html.index('id="participants"')
    assert not Meeting.objects.filter(ordinal=15).exists()


def test_a_person_speaks_for_an_organisation_and_may_co_chair(admin_client):
    read = read_release(admin_client, JAPANESE_ASTOP_V)
    [row] = read.context["screen"].people
    japan = Organization.objects.get(slug="japan")
    assert row.initial["on_behalf_of"] == str(japan.pk)  # proposed by the reader
    assert ("co_chair", "Co-chair") in row.fields["role"].choices
    assert "For (organisation)" in visible_text(read.content.decode())
    kimura = Person.objects.get(slug="hitoshi-kimura")
    # One appearance a person: the one ASTOP-V has is removed so this one is written.
    Meeting.objects.get(slug="astop-v").appearances.filter(person=kimura).delete()
    response = save_release(
        admin_client,
        JAPANESE_ASTOP_V,
        **{f"{row.prefix}-person": str(kimura.pk), f"{row.prefix}-role": "co_chair"},
    )
    assert response.status_code == 302
    appearance = Meeting.objects.get(slug="astop-v").appearances.get(role="co_chair")
    assert (appearance.person, appearance.on_behalf_of, appearance.title) == (
        kimura,
        japan,
        "外務副大臣",
    )


def test_a_person_proposed_without_an_organisation_may_be_given_one(admin_client):
    read = read_release(admin_client)
    [row] = read.context["screen"].people
    assert row.initial["on_behalf_of"] == ""
    japan = Organization.objects.get(slug="japan")
    response = save_release(admin_client, **{f"{row.prefix}-on_behalf_of": str(japan.pk)})
    assert response.status_code == 302
    assert Meeting.objects.get(slug="astop-vi").appearances.get().on_behalf_of == japan
    Meeting.objects.get(slug="astop-vi").delete()
    assert save_release(admin_client).status_code == 302
    assert Meeting.objects.get(slug="astop-vi").appearances.get().on_behalf_of is None


def test_an_observer_is_proposed_with_the_observer_role_and_chair_labels_read_plainly(
    admin_client,
):
    read = read_release(admin_client, OBSERVED)
    singapore = next(
        row for row in read.context["screen"].participants if row.proposed.slug == "singapore"
    )
    assert (singapore.initial["status"], singapore.initial["role"]) == ("observer", "observer")
    groups = [heading for heading, rows in read.context["screen"].participant_groups()]
    assert "Observer — observer" in groups
    assert "Observer — participant" not in groups
    page = visible_text(read.content.decode())
    assert "Chairs as" in page and "Also" not in page
    assert save_release(admin_client, OBSERVED).status_code == 302
    row = Meeting.objects.get(slug="astop-vi").participations.get(organization__slug="singapore")
    assert (row.status, row.role) == ("observer", "observer")


def test_the_meeting_page_says_what_a_second_chair_role_is(admin_client):
    meeting = Meeting.objects.get(slug="astop-v")
    page = visible_text(admin_client.get(admin_url(Meeting, "change", meeting.pk)).content.decode())
    assert "Chairs as" in page and "Chair role" not in page
    listing = visible_text(
        admin_client.get(admin_url(Participation, "changelist")).content.decode()
    )
    assert "Chairs as" in listing and "Chair role" not in listing


def test_a_paste_records_no_capture_address_unless_the_curator_gives_one(admin_client):
    response = save_release(admin_client, source_original_url="https://www.mofa.go.jp/r.html")
    assert response.status_code == 302
    source = Meeting.objects.get(slug="astop-vi").sources.get()
    assert (source.original_url, source.captured_from) == ("https://www.mofa.go.jp/r.html", "")
    assert source.captured_on is not None  # the day a curator entered it
    Meeting.objects.get(slug="astop-vi").delete()
    response = save_release(
        admin_client,
        source_original_url="https://www.mofa.go.jp/r.html",
        source_captured_from="web.archive.org/web/2009/https://www.mofa.go.jp/r.html",
    )
    assert response.status_code == 302
    source = Meeting.objects.get(slug="astop-vi").sources.get()
    assert source.captured_from == "https://web.archive.org/web/2009/https://www.mofa.go.jp/r.html"


def test_help_texts_read_as_instructions_with_examples(admin_client):
    read = read_release(admin_client)
    form = read.context["form"]
    assert form.fields["slug"].help_text == (
        "Letters, digits and hyphens, such as astop-v: the meeting’s page is then "
        "/meetings/astop-v/."
    )
    assert form.fields["ordinal"].help_text == (
        "The number of this meeting within its series, such as 5 for ASTOP-V. "
        "Leave it empty for a one-off meeting."
    )
    assert form.fields["short_name"].help_text == (
        "The series' abbreviation and the edition, such as ASTOP-V."
    )
    assert form.fields["source_language"].help_text == (
        "A BCP 47 code, such as en for English or ja for Japanese."
    )
    assert form.fields["new_series_short_name"].help_text == "Such as ASTOP or ARF ISM."
    page = visible_text(read.content.decode())
    assert "/meetings//" not in page and "series: 5." not in page
    assert "edition: ASTOP-V." not in page and "code: en, ja." not in page
    meeting = Meeting.objects.get(slug="astop-v")
    change = visible_text(
        admin_client.get(admin_url(Meeting, "change", meeting.pk)).content.decode()
    )
    assert "/meetings//" not in change and "series: 5." not in change
    assert "such as astop-v: the meeting’s page is then /meetings/astop-v/." in change


# --- A release the archive holds, and a second release of one meeting ----------------------------

# ASTOP-VI again, from another page: Singapore absent (OBSERVED has it as an observer), the
# Senior Vice-Minister with a cut title, the reception once more.
OBSERVED_AGAIN = """\
The Results of the Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI)

February 13, 2009

1. On Tuesday, February 10, the Ministry of Foreign Affairs held the Sixth Asian Senior-level Talks on Non-Proliferation (ASTOP-VI) at Mita House. Senior officials from the ASEAN member countries, Australia, Canada, and Japan, the host, participated in the meeting. The Republic of Singapore did not attend due to domestic circumstances.
2. Mr. Hitoshi KIMURA, Senior Vice-Minister, delivered opening remarks.
3. On the same day, a reception was held at the Iikura House.
"""  # noqa: E501


def test_a_release_held_by_a_meeting_is_refused_as_a_new_meeting(admin_client):
    assert save_release(admin_client).status_code == 302
    meeting = Meeting.objects.get(slug="astop-vi")
    source = meeting.sources.get()
    rows = (Meeting.objects.count(), SourceDocument.objects.count(), Paragraph.objects.count())
    message = (
        f"This release is already a source of ASTOP-VI: “{source.title}” (English). "
        "Nothing was saved."
    )
    # Read again: said at the top, and not proposed as another source of that meeting.
    read = read_release(admin_client)
    assert read.status_code == 200
    assert message.replace(" Nothing was saved.", "") in visible_text(read.content.decode())
    assert read.context["form"].initial["target"] == "new"
    # Saved as a new meeting (another address and edition): refused, nothing written.
    response = save_release(admin_client, target="new", slug="astop-vi-again", ordinal="66")
    assert response.status_code == 200
    assert message in response.context["form"].non_field_errors()
    assert (Meeting.objects.count(), SourceDocument.objects.count(), Paragraph.objects.count()) == (
        rows
    )


def test_a_second_release_of_a_meeting_adds_no_contradicting_rows(admin_client):
    assert save_release(admin_client, OBSERVED).status_code == 302
    meeting = Meeting.objects.get(slug="astop-vi")
    read = read_release(admin_client, OBSERVED_AGAIN)
    assert read.context["form"].initial["target"] == "attach"
    page = visible_text(read.content.decode())
    assert (
        "Singapore already takes part in ASTOP-VI as observer; this release says absent: "
        "saving keeps observer." in page
    )
    response = save_release(admin_client, OBSERVED_AGAIN)
    assert response.status_code == 302
    assert meeting.sources.count() == 2
    rows = meeting.participations.values_list("organization__slug", "status")
    assert sorted(rows) == [
        ("asean", "attended"),
        ("australia", "attended"),
        ("canada", "attended"),
        ("japan", "attended"),
        ("singapore", "observer"),
    ]
    [appearance] = meeting.appearances.all()
    assert appearance.title == "Senior Vice-Minister for Foreign Affairs"
    assert meeting.side_events.count() == 1


def test_a_release_may_be_added_to_any_meeting(admin_client):
    astop_v = Meeting.objects.get(slug="astop-v")
    read = read_release(admin_client, NEW_SERIES)
    assert read.context["form"].initial["target"] == "new"
    page = visible_text(read.content.decode())
    assert "A new meeting" in page and "Another source of:" in page
    response = save_release(admin_client, NEW_SERIES, target="attach", meeting=str(astop_v.pk))
    assert response.status_code == 302
    assert response["Location"] == admin_url(Meeting, "change", astop_v.pk)
    assert astop_v.sources.count() == 2
    assert not Series.objects.filter(name__icontains="Tokyo Dialogue").exists()
    response = save_release(admin_client, RELEASE, target="attach", meeting="")
    assert response.status_code == 200
    assert "Choose the meeting this release is another source of." in " ".join(
        response.context["form"].errors["meeting"]
    )


def test_list_complete_is_offered_for_groups_only(admin_client):
    read = read_release(admin_client, HARD)
    html = read.content.decode()
    for row in read.context["screen"].participants:
        shown = f'name="{row.prefix}-list_complete"' in html
        assert shown == (row.proposed.slug == "asean"), row.proposed.slug


def test_the_import_button_says_import_from_a_press_release(admin_client):
    response = admin_client.get(admin_url(Meeting, "changelist"))
    assert response.status_code == 200
    page = visible_text(response.content.decode())
    assert "Import from a press release" in page
    assert "New meeting from a press release" not in page
    assert admin_client.get(IMPORT_URL).context["title"] == "Import from a press release"


def test_a_japanese_release_added_keeps_its_names_and_the_relation_chosen(admin_client):
    astop_v = Meeting.objects.get(slug="astop-v")
    english = astop_v.sources.get()
    kimura = Person.objects.get(slug="hitoshi-kimura")
    australia = Organization.objects.get(slug="australia")
    kimura.other_names.all().delete()
    australia.other_names.filter(language="ja").delete()
    canada_names = list(Organization.objects.get(slug="canada").other_names.values_list("name"))
    astop_v.series.other_names.all().delete()
    read = read_release(admin_client, JAPANESE_ASTOP_V)
    assert read.context["form"].initial["source_relation"] == ""
    assert "Original of" in visible_text(read.content.decode())
    [person] = read.context["screen"].people
    response = save_release(
        admin_client,
        JAPANESE_ASTOP_V,
        source_relation="original",
        **{f"{person.prefix}-person": str(kimura.pk)},  # unmatched without his names
    )
    assert response.status_code == 302
    added = astop_v.sources.get(language="ja")
    english.refresh_from_db()
    assert (english.relation, english.related_source) == ("translation", added)
    assert (added.relation, added.related_source) == ("", None)
    assert list(kimura.other_names.values_list("name", "language", "kind")) == [
        (person.proposed.name, "ja", "usual")
    ]
    assert list(australia.other_names.filter(language="ja").values_list("name", "kind")) == [
        ("豪州", "usual")
    ]
    # One that has a Japanese name already gets no other.
    canada = Organization.objects.get(slug="canada")
    assert list(canada.other_names.values_list("name")) == canada_names
    assert list(astop_v.series.other_names.values_list("name", "language")) == [
        ("アジア不拡散協議", "ja")
    ]


def test_a_new_meeting_has_no_source_to_relate_to(admin_client):
    response = save_release(admin_client, source_relation="translation")
    assert response.status_code == 200
    assert response.context["form"].errors["source_relation"] == [
        "A new meeting has no other source to relate to."
    ]
    assert not Meeting.objects.filter(slug="astop-vi").exists()
