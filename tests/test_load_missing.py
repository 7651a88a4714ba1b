"""load_missing: what `make run` loads the ASTOP-V fixture with. It adds the fixture's
rows that are missing and never changes a row that is there, edited or not."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings.models import (
    Meeting,
    Membership,
    Paragraph,
    Person,
    PersonName,
    SeriesName,
    Topic,
    TopicAlias,
    TopicMention,
)

pytestmark = pytest.mark.django_db

FIXTURE_OBJECTS = 205  # fixtures/astop_v.json


def load_missing(*args):
    out = StringIO()
    call_command("load_missing", "astop_v", *args, stdout=out)
    return out.getvalue()


def test_on_a_loaded_database_it_adds_nothing():
    assert load_missing() == (
        "Added 0 object(s) missing from the database.\n"
        f"Left {FIXTURE_OBJECTS} object(s) already there unchanged.\n"
    )


def test_curators_edits_stay():
    Meeting.objects.filter(slug="astop-v").update(title="ASTOP-V, as the curators put it")
    Paragraph.objects.filter(document__slug="astop-v-press-release", position=3).update(
        text="A corrected paragraph."
    )
    Topic.objects.filter(slug="proliferation-security-initiative").update(description="Edited.")
    load_missing()
    assert Meeting.objects.get(slug="astop-v").title == "ASTOP-V, as the curators put it"
    paragraph = Paragraph.objects.get(document__slug="astop-v-press-release", position=3)
    assert paragraph.text == "A corrected paragraph."
    assert Topic.objects.get(slug="proliferation-security-initiative").description == "Edited."


def test_deleted_rows_come_back_and_edited_ones_stay():
    Meeting.objects.filter(slug="astop-v").update(title="Edited title")
    TopicAlias.objects.filter(name="PSI").delete()
    Membership.objects.filter(member__slug="viet-nam").delete()
    mention = TopicMention.objects.order_by("pk").first()
    mention.delete()

    out = load_missing()

    # The membership's reference went with it (cascade) and comes back with it.
    assert out == (
        "Added 4 object(s) missing from the database: 1 meetings.Membership, "
        "1 meetings.MembershipReference, 1 meetings.TopicAlias, 1 meetings.TopicMention.\n"
        f"Left {FIXTURE_OBJECTS - 4} object(s) already there unchanged.\n"
    )
    assert TopicAlias.objects.get(name="PSI").topic.slug == "proliferation-security-initiative"
    viet_nam = Membership.objects.get(member__slug="viet-nam", group__slug="asean")
    assert viet_nam.references.get().url == "https://asean.org/member-states/"
    assert TopicMention.objects.filter(
        topic=mention.topic_id, paragraph=mention.paragraph_id, quote=mention.quote
    ).exists()
    assert Meeting.objects.get(slug="astop-v").title == "Edited title"
    assert load_missing().startswith("Added 0 object(s)")  # nothing left to add


def test_deleted_japanese_names_come_back_with_their_sources():
    PersonName.objects.filter(person__slug="hitoshi-kimura").delete()
    SeriesName.objects.filter(series__slug="astop").delete()
    out = load_missing()
    assert out.startswith(
        "Added 3 object(s) missing from the database: 2 meetings.PersonName, "
        "1 meetings.SeriesName.\n"
    )
    kimura = PersonName.objects.get(person__slug="hitoshi-kimura", language="ja", kind="usual")
    assert kimura.name == "木村仁"
    assert kimura.source_url == "https://www.mofa.go.jp/mofaj/gaiko/fukaku_j/psi/ps07_gh.html"
    assert SeriesName.objects.get(series__slug="astop").name == "アジア不拡散協議"


def test_a_dry_run_says_what_it_would_add_and_adds_nothing():
    TopicAlias.objects.filter(name="PSI").delete()
    out = load_missing("--dry-run")
    assert out.startswith("Would add 1 object(s) missing from the database: 1 meetings.TopicAlias.")
    assert not TopicAlias.objects.filter(name="PSI").exists()


def test_a_row_that_clashes_with_an_edited_one_changes_nothing():
    """A curator renamed the meeting's slug: the fixture's meeting is "missing", but
    edition 5 of the series exists. Refused as a whole: nothing half loaded."""
    Meeting.objects.filter(slug="astop-v").update(slug="astop-5")
    TopicAlias.objects.filter(name="PSI").delete()
    with pytest.raises(CommandError, match=r"Nothing was loaded: .*meetings\.Meeting"):
        load_missing()
    assert not Meeting.objects.filter(slug="astop-v").exists()
    assert not TopicAlias.objects.filter(name="PSI").exists()


def test_objects_without_any_key_are_refused(tmp_path):
    fixture = tmp_path / "keyless.json"
    # The admin's log entries have no natural key, and this one no primary key.
    fixture.write_text('[{"model": "admin.logentry", "fields": {"action_flag": 1}}]')
    with pytest.raises(CommandError, match="neither a primary key nor a natural key"):
        call_command("load_missing", str(fixture), stdout=StringIO())


def test_a_control_character_is_refused_with_a_message_and_nothing_loaded(tmp_path):
    fixture = tmp_path / "bell.json"
    fixture.write_text(
        '[{"model": "meetings.person", "fields": {"name": "Ring\\u0007", '
        '"sort_name": "Ring", "slug": "ring"}}]'
    )
    with pytest.raises(CommandError, match=r"Nothing was loaded: Person “ring”, name: .*U\+0007"):
        call_command("load_missing", str(fixture), stdout=StringIO())
    assert not Person.objects.filter(slug="ring").exists()


def test_make_run_loads_the_fixture_without_overwriting():
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py load_missing astop_v" in run
    assert "loaddata" not in run
