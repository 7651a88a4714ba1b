"""Database triggers: a fact's source paragraph belongs to the same meeting.

A CHECK constraint cannot look at another table, so triggers hold the rule on
both databases. ``check_source_paragraph()`` in models.py says the same thing
to forms with a readable message.
"""

from django.db import migrations

FACT_TABLES = ["meetings_participation", "meetings_appearance", "meetings_discussionpoint"]
MESSAGE = "source paragraph belongs to a source of another meeting"

# The meeting of the paragraph that a row of a fact table cites.
PARAGRAPH_MEETING = (
    "SELECT d.meeting_id FROM meetings_paragraph p "
    "JOIN meetings_sourcedocument d ON d.id = p.document_id "
    "WHERE p.id = NEW.source_paragraph_id"
)

# Facts citing a paragraph of a given document, with a meeting other than the document's.
STRANDED_FACTS = " UNION ALL ".join(
    f"SELECT 1 FROM {table} f JOIN meetings_paragraph p ON p.id = f.source_paragraph_id "
    "WHERE {where}"
    for table in FACT_TABLES
)
MOVED_DOCUMENT = STRANDED_FACTS.format(
    where="p.document_id = NEW.id AND f.meeting_id <> NEW.meeting_id"
)
MOVED_PARAGRAPH = STRANDED_FACTS.format(
    where="p.id = NEW.id AND f.meeting_id <> "
    "(SELECT meeting_id FROM meetings_sourcedocument WHERE id = NEW.document_id)"
)


def sqlite_statements():
    for table in FACT_TABLES:
        for event in ("INSERT", "UPDATE"):
            yield (
                f"CREATE TRIGGER {table}_source_{event.lower()} BEFORE {event} ON {table} "
                f"FOR EACH ROW WHEN ({PARAGRAPH_MEETING}) IS NOT NEW.meeting_id "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
    yield (
        "CREATE TRIGGER meetings_sourcedocument_move BEFORE UPDATE OF meeting_id "
        f"ON meetings_sourcedocument FOR EACH ROW WHEN EXISTS ({MOVED_DOCUMENT}) "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )
    yield (
        "CREATE TRIGGER meetings_paragraph_move BEFORE UPDATE OF document_id "
        f"ON meetings_paragraph FOR EACH ROW WHEN EXISTS ({MOVED_PARAGRAPH}) "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )


def postgresql_statements():
    for name, condition in (
        ("meetings_fact_source_check", f"({PARAGRAPH_MEETING}) IS DISTINCT FROM NEW.meeting_id"),
        ("meetings_document_move_check", f"EXISTS ({MOVED_DOCUMENT})"),
        ("meetings_paragraph_move_check", f"EXISTS ({MOVED_PARAGRAPH})"),
    ):
        yield (
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF {condition} THEN RAISE EXCEPTION '{MESSAGE}' "
            "USING ERRCODE = 'integrity_constraint_violation'; END IF; RETURN NEW; END $$"
        )
    for table in FACT_TABLES:
        yield (
            f"CREATE TRIGGER {table}_source BEFORE INSERT OR UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION meetings_fact_source_check()"
        )
    yield (
        "CREATE TRIGGER meetings_sourcedocument_move BEFORE UPDATE OF meeting_id "
        "ON meetings_sourcedocument FOR EACH ROW EXECUTE FUNCTION meetings_document_move_check()"
    )
    yield (
        "CREATE TRIGGER meetings_paragraph_move BEFORE UPDATE OF document_id "
        "ON meetings_paragraph FOR EACH ROW EXECUTE FUNCTION meetings_paragraph_move_check()"
    )


def drop_statements(vendor):
    for table in FACT_TABLES:
        if vendor == "postgresql":
            yield f"DROP TRIGGER IF EXISTS {table}_source ON {table}"
        else:
            yield f"DROP TRIGGER IF EXISTS {table}_source_insert"
            yield f"DROP TRIGGER IF EXISTS {table}_source_update"
    if vendor == "postgresql":
        yield "DROP TRIGGER IF EXISTS meetings_sourcedocument_move ON meetings_sourcedocument"
        yield "DROP TRIGGER IF EXISTS meetings_paragraph_move ON meetings_paragraph"
        for name in ("fact_source", "document_move", "paragraph_move"):
            yield f"DROP FUNCTION IF EXISTS meetings_{name}_check()"
    else:
        yield "DROP TRIGGER IF EXISTS meetings_sourcedocument_move"
        yield "DROP TRIGGER IF EXISTS meetings_paragraph_move"


def statements_for(vendor):
    if vendor == "postgresql":
        return postgresql_statements()
    if vendor == "sqlite":
        return sqlite_statements()
    raise RuntimeError(f"The archive supports SQLite and PostgreSQL, not {vendor}.")


def create_triggers(apps, schema_editor):
    for statement in statements_for(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor):
    for statement in drop_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
