import datetime
import os

import pytest
from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

# Set by .ci/run: a test that would skip for want of a service fails instead.
REQUIRE_SERVICES = os.environ.get("ASTOP_REQUIRE_SERVICES") == "1"


def require_service(available, reason):
    """Skip (on a developer's machine) or fail (in CI) when a service is missing."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (ASTOP_REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests belong to the PostgreSQL pass; the SQLite pass leaves them out."""
    if connection.vendor == "postgresql":
        return
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("postgresql") else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages and figures are keyed on a content version that only moves when a
    transaction commits, which tests never do: start every test with an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_by_default():
    """A request for a /ja/ page leaves Japanese active in the test's thread; every test
    starts in the site's default language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# The curators' groups, which a migration makes, as JSON: a transactional test's flush
# empties their table and only content types and permissions are made again.
CURATOR_GROUPS = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """Every test database starts with the real ASTOP-V record loaded."""
    from django.contrib.auth.models import Group

    with django_db_blocker.unblock():
        call_command("loaddata", "astop_v", verbosity=0)
        groups = Group.objects.all()
        request.config.stash[CURATOR_GROUPS] = serializers.serialize(
            "json", groups, use_natural_foreign_keys=True, use_natural_primary_keys=True
        )


def transactional(item):
    """Whether pytest-django runs ``item`` in a transactional test case (as it decides)."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or (
        "transactional_db" in fixtures or "live_server" in fixtures
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test empties the database as it ends: make the curators' groups and
    load ASTOP-V again, so that every test starts with it, whatever ran before it in its
    process (``make test`` runs test modules in several processes, in no fixed order)."""
    try:
        return (yield)
    finally:
        # Also when the teardown failed (the flush has run). After the last test the test
        # database is already gone.
        if transactional(item) and nextitem is not None:
            with item.config.stash[blocking_manager_key].unblock():
                for group in serializers.deserialize("json", item.config.stash[CURATOR_GROUPS]):
                    group.save()
                call_command("loaddata", "astop_v", verbosity=0)


# Names and slugs (lower case) that only the draft-only rows below hold: none may reach
# the public. A search page repeats its query, so they are whole names, not the words
# searched for.
DRAFT_ONLY_WORDS = [
    "quillonia",
    "quillon pact",
    "quillon-pact",
    "quillon dialogue",
    "quillon-dialogue",
    "quillon accord",
    "quillon-accord",
    "quillon hall",
    "isle of varrow",
    "/varrow/",
    "orla quillfeather",
    "orla-quillfeather",
    "quillon envoy",
    "qd-i",
]


@pytest.fixture
def draft_only(db):
    """A draft meeting and rows of every kind that only it uses, as curating a draft makes them.

    Its own series, organisations (venue country and host, convener and publisher and
    series organiser, a group and a member of it), person, topic (under a public one) and
    alias, source with paragraphs (one a footnote), participations, appearances, a point
    and mentions; a membership of its member in ASEAN after every published meeting. It
    also names public rows (China, Hitoshi Kimura, the PSI) whose pages must not show it,
    and is the parent of a public topic and a public organisation.
    Every draft-only name holds one of ``DRAFT_ONLY_WORDS``.
    """
    from types import SimpleNamespace

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
        TopicAlias,
        TopicMention,
    )

    day = datetime.date(2009, 3, 2)
    country = Organization.objects.create(
        name="Republic of Quillonia", slug="quillonia", classification="country"
    )
    ministry = Organization.objects.create(
        name="Quillonian Foreign Office",
        slug="quillonia-foreign-office",
        classification="ministry",
        parent=country,
    )
    group = Organization.objects.create(
        name="Quillon Pact", slug="quillon-pact", classification="regional_group"
    )
    member = Organization.objects.create(
        name="Isle of Varrow", slug="varrow", classification="country"
    )
    Membership.objects.create(member=member, group=group, start_date=datetime.date(2000, 1, 1))
    Membership.objects.create(
        member=member,
        group=Organization.objects.get(slug="asean"),
        start_date=datetime.date(2030, 1, 1),
    )
    series = Series.objects.create(
        name="Quillon Dialogue", short_name="QD", slug="quillon-dialogue", organiser=ministry
    )
    person = Person.objects.create(
        name="Orla Quillfeather", sort_name="Quillfeather, Orla", slug="orla-quillfeather"
    )
    psi = Topic.objects.get(slug="proliferation-security-initiative")
    topic = Topic.objects.create(
        name="Quillon Accord",
        slug="quillon-accord",
        kind="instrument",
        parent=psi,
        description="A Quillon instrument.",
    )
    TopicAlias.objects.create(topic=topic, name="QLAX")
    # Public rows placed under draft-only ones while curating.
    Topic.objects.filter(slug="iran-nuclear-issue").update(parent=topic)
    Organization.objects.filter(slug="united-states").update(parent=country)
    meeting = Meeting.objects.create(
        series=series,
        ordinal=1,
        title="First Quillon Dialogue",
        short_name="QD-I",
        slug="qd-i",
        summary="Talks in Quillonia on the Quillon Accord.",
        start_date=day,
        end_date=day,
        venue_name="Quillon Hall",
        city="Quillon City",
        country=country,
        convener=ministry,
        status=Meeting.Status.DRAFT,
    )
    source = SourceDocument.objects.create(
        meeting=meeting,
        slug="qd-i-release",
        kind=SourceDocument.Kind.PRESS_RELEASE,
        title="The Quillon Dialogue",
        publisher=ministry,
        published_on=day,
    )
    body = Paragraph.objects.create(
        document=source,
        position=1,
        label="1.",
        text="The Quillon Dialogue discussed the Quillon Accord (*) and the PSI.",
    )
    footnote = Paragraph.objects.create(
        document=source,
        position=2,
        label="(*)",
        kind=Paragraph.Kind.FOOTNOTE,
        text="Quillon Accord: an instrument of the Quillon Pact.",
    )
    for organization, role in [
        (country, Participation.Role.HOST),
        (group, Participation.Role.PARTICIPANT),
        (Organization.objects.get(slug="china"), Participation.Role.PARTICIPANT),
    ]:
        Participation.objects.create(
            meeting=meeting,
            organization=organization,
            role=role,
            source_words=organization.name,
            position=organization.pk,
            source_paragraph=body,
        )
    Appearance.objects.create(
        meeting=meeting,
        person=person,
        role=Appearance.Role.CHAIR,
        title="Quillon envoy",
        on_behalf_of=country,
        source_paragraph=body,
    )
    Appearance.objects.create(
        meeting=meeting,
        person=Person.objects.get(slug="hitoshi-kimura"),
        role=Appearance.Role.SPEAKER,
        title="Guest of the Quillon Dialogue",
        source_paragraph=body,
    )
    point = DiscussionPoint.objects.create(
        meeting=meeting,
        position=1,
        label="(1)",
        heading="The Quillon Accord",
        text=body.text,
        source_paragraph=body,
    )
    point.topics.set([topic, psi])
    TopicMention.objects.create(topic=topic, paragraph=body, quote="Quillon Accord")
    TopicMention.objects.create(topic=psi, paragraph=body, quote="PSI")
    TopicMention.objects.create(
        topic=topic, paragraph=footnote, kind=TopicMention.Kind.DEFINITION, quote="Quillon Accord"
    )
    return SimpleNamespace(
        meeting=meeting,
        organizations=[country, ministry, group, member],
        series=series,
        person=person,
        topic=topic,
    )
