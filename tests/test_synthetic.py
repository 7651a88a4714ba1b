"""manage.py generate_synthetic: labelled, realistic, repeatable, and apart from real data."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from meetings import search
from meetings.models import (
    Appearance,
    DiscussionPoint,
    Meeting,
    Membership,
    Organization,
    Paragraph,
    Participation,
    Person,
    Series,
    SourceDocument,
    Topic,
    TopicMention,
)

pytestmark = pytest.mark.django_db

SIZE = 12


def generate(**options):
    out = io.StringIO()
    call_command("generate_synthetic", stdout=out, **options)
    return out.getvalue()


def synthetic_meetings():
    return Meeting.objects.filter(slug__startswith="synthetic-")


def real_archive():
    """Every row of the real series' meetings and their facts, as plain values."""
    real = Meeting.objects.exclude(slug__startswith="synthetic-")
    rows = {
        "meetings": real.values(),
        "participations": Participation.objects.filter(meeting__in=real).values(),
        "appearances": Appearance.objects.filter(meeting__in=real).values(),
        "points": DiscussionPoint.objects.filter(meeting__in=real).values(),
        "paragraphs": Paragraph.objects.filter(document__meeting__in=real).values(
            "pk", "document", "position", "label", "kind", "text"
        ),
        "mentions": TopicMention.objects.filter(paragraph__document__meeting__in=real).values(),
        "series": Series.objects.exclude(slug__startswith="synthetic").values(),
        "organizations": Organization.objects.exclude(slug__startswith="synthetic-").values(),
        "topics": Topic.objects.exclude(slug__startswith="synthetic-").values(),
    }
    return {
        name: sorted(json.dumps(row, sort_keys=True, default=str) for row in queryset)
        for name, queryset in rows.items()
    }


@pytest.fixture
def generated():
    generate(meetings=SIZE)
    return list(synthetic_meetings().order_by("slug"))


def test_meetings_are_published_numbered_and_labelled(generated):
    assert [m.slug for m in generated] == [f"synthetic-{i:06d}" for i in range(1, SIZE + 1)]
    assert all(m.status == Meeting.Status.PUBLISHED and m.published_at for m in generated)
    assert all(m.published_at.date() >= m.end_date >= m.start_date for m in generated)
    assert len({(m.series_id, m.ordinal) for m in generated}) == SIZE
    series = Series.objects.get(slug="synthetic")
    assert series.name == "Synthetic benchmark series (not real data)"
    assert {m.series_id for m in generated} == {series.pk}
    assert all("(not real data)" in m.summary for m in generated)


def test_lookups_are_labelled_synthetic(generated):
    participants = Organization.objects.filter(participations__meeting__in=generated).distinct()
    people = Person.objects.filter(appearances__meeting__in=generated).distinct()
    topics = Topic.objects.filter(mentions__paragraph__document__meeting__in=generated).distinct()
    for lookup in [*participants, *people, *topics]:
        assert lookup.slug.startswith("synthetic-"), lookup
        assert "Synthetic" in lookup.name or "(synthetic)" in lookup.name, lookup


def test_shapes_are_within_the_ranges(generated):
    participants = Participation.objects.filter(meeting__in=generated).values("meeting")
    for row in participants.annotate(n=Count("pk")):
        assert 5 <= row["n"] <= 30
    hosts = participants.filter(role=Participation.Role.HOST).annotate(n=Count("pk"))
    assert sorted(row["n"] for row in hosts) == [1] * SIZE
    points = DiscussionPoint.objects.filter(meeting__in=generated)
    for row in points.values("meeting").annotate(n=Count("pk")):
        assert 3 <= row["n"] <= 15
    assert points.filter(parent__isnull=False).exists(), "some points have sub-points"
    for document in SourceDocument.objects.filter(meeting__in=generated).annotate(
        n=Count("paragraphs")
    ):
        assert 5 <= document.n <= 40
    assert Appearance.objects.filter(meeting__in=generated).count() >= SIZE


def test_groups_have_dated_memberships(generated):
    groups = Organization.objects.filter(
        slug__startswith="synthetic-", classification=Organization.Classification.REGIONAL_GROUP
    )
    assert groups.exists()
    for group in groups:
        assert Membership.objects.filter(group=group).count() >= 6


def test_every_fact_cites_a_paragraph_of_its_own_meeting(generated):
    for model in (Participation, Appearance, DiscussionPoint):
        for fact in model.objects.filter(meeting__in=generated).select_related(
            "source_paragraph__document"
        ):
            assert fact.source_paragraph.document.meeting_id == fact.meeting_id
    for point in DiscussionPoint.objects.filter(meeting__in=generated).select_related(
        "source_paragraph"
    ):
        assert point.text in point.source_paragraph.text


def test_topic_mentions_quote_their_paragraph(generated):
    mentions = TopicMention.objects.filter(
        paragraph__document__meeting__in=generated
    ).select_related("paragraph", "topic")
    assert mentions.count() >= SIZE
    for mention in mentions:
        assert mention.quote in mention.paragraph.text
        assert mention.topic.slug.startswith("synthetic-")


def test_running_again_adds_only_what_is_missing(generated):
    before = {m.slug: m.pk for m in generated}
    output = generate(meetings=SIZE)
    assert "already hold 12 meetings" in output
    assert dict(synthetic_meetings().values_list("slug", "pk")) == before
    generate(meetings=SIZE + 3)
    after = dict(synthetic_meetings().values_list("slug", "pk"))
    assert len(after) == SIZE + 3
    assert {slug: after[slug] for slug in before} == before


def test_asking_for_fewer_than_exist_is_refused(generated):
    with pytest.raises(CommandError, match="--delete"):
        generate(meetings=SIZE - 1)
    assert synthetic_meetings().count() == SIZE


def test_topping_up_gives_the_same_records_as_one_run():
    def texts():
        return list(
            Paragraph.objects.filter(document__meeting__slug__startswith="synthetic-")
            .order_by("document__slug", "position")
            .values_list("document__slug", "position", "text")
        )

    generate(meetings=5)
    at_once = texts()
    generate(delete=True, meetings=2)
    generate(meetings=5)
    assert texts() == at_once


def test_real_series_is_untouched():
    before = real_archive()
    generate(meetings=SIZE)
    assert real_archive() == before
    assert not Meeting.objects.filter(series__slug="astop", slug__startswith="synthetic-")
    generate(delete=True)
    assert real_archive() == before


def test_delete_removes_every_synthetic_record(generated):
    generate(delete=True)
    assert not synthetic_meetings().exists()
    assert not Series.objects.filter(slug__startswith="synthetic").exists()
    for model in (Organization, Person, Topic):
        assert not model.objects.filter(slug__startswith="synthetic-").exists()
    assert not Paragraph.objects.filter(document__slug__startswith="synthetic-").exists()


def test_dry_run_writes_nothing():
    output = generate(meetings=4, dry_run=True)
    assert "nothing written" in output
    assert not synthetic_meetings().exists()
    assert not Organization.objects.filter(slug__startswith="synthetic-").exists()


def test_bad_arguments_get_a_readable_error():
    with pytest.raises(CommandError, match="--meetings"):
        generate()
    with pytest.raises(CommandError, match="zero or more"):
        generate(meetings=-1)


def test_a_synthetic_meeting_page_renders(client, generated):
    response = client.get("/meetings/synthetic-000001/")
    assert response.status_code == 200
    assert "not real data" in response.content.decode()


@pytest.mark.postgresql
def test_search_vectors_are_built_for_the_new_meetings(generated):
    assert not synthetic_meetings().filter(search_vector__isnull=True).exists()
    assert not Paragraph.objects.filter(
        document__meeting__in=generated, search_vector__isnull=True
    ).exists()
    found = search.filter_meetings(synthetic_meetings(), "Synthetic Country")
    assert found.count() == SIZE


def test_progress_goes_to_stderr_on_a_terminal_only():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out, err = io.StringIO(), Terminal()
    call_command("generate_synthetic", meetings=3, stdout=out, stderr=err)
    assert "meetings: 3/3" in err.getvalue()
    assert "meetings: 3/3" not in out.getvalue()
    assert "The synthetic series now hold 3 meetings" in out.getvalue()

    quiet = Terminal()
    call_command("generate_synthetic", meetings=5, verbosity=0, stdout=out, stderr=quiet)
    assert quiet.getvalue() == ""
    log = io.StringIO()  # not a terminal: a log file gets no progress lines
    call_command("generate_synthetic", meetings=6, stdout=out, stderr=log)
    assert log.getvalue() == ""
    assert synthetic_meetings().count() == 6


@pytest.mark.postgresql
def test_set_based_vectors_equal_the_sites_own(generated):
    """The command's two UPDATEs give exactly the vectors search.refresh_search_vectors
    gives a saved meeting, for the real record too (other names, aliases, a Japanese
    name, a day's venue)."""
    from meetings.management.commands.generate_synthetic import fill_search_vectors
    from meetings.models import MeetingDay, OrganizationName, SeriesName

    astop = Meeting.objects.get(slug="astop-v")
    SeriesName.objects.get_or_create(series=astop.series, name="アジア不拡散協議")
    OrganizationName.objects.create(
        organization=astop.participations.first().organization, name="日本国外務省"
    )
    MeetingDay.objects.create(
        meeting=astop,
        date=astop.start_date,
        venue_name="Mita Kaigisho",
        source_paragraph=Paragraph.objects.filter(document__meeting=astop).first(),
    )
    ids = list(Meeting.objects.values_list("pk", flat=True))
    search.refresh_search_vectors(ids)
    expected = dict(Meeting.objects.values_list("pk", "search_vector"))
    expected_paragraphs = dict(Paragraph.objects.values_list("pk", "search_vector"))
    Meeting.objects.update(search_vector=None)
    Paragraph.objects.update(search_vector=None)

    fill_search_vectors(ids)

    assert dict(Meeting.objects.values_list("pk", "search_vector")) == expected
    assert dict(Paragraph.objects.values_list("pk", "search_vector")) == expected_paragraphs
    assert "'日本':" in expected[astop.pk] and "mita" in expected[astop.pk]
    assert len(expected) == SIZE + Meeting.objects.exclude(slug__startswith="synthetic-").count()
