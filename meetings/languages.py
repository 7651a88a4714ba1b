"""Names in the reader's language. A record's main name (``name``) is in the archive's
own language (settings.LANGUAGE_CODE, English); its other names carry their language
(OtherName.language): 木村仁 for Hitoshi Kimura, アジア不拡散協議 for ASTOP."""

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.translation import get_language

from .models import OtherName, Topic


def other_names(record):
    """The other names of an organisation, person or series, or a topic's aliases: the
    prefetched ones when they are prefetched (no query)."""
    return (record.aliases if isinstance(record, Topic) else record.other_names).all()


def name_in(record, language):
    """The record's name in ``language``: its main name in the archive's own language;
    otherwise its usual name in that language, then any other name in it; None if none."""
    if language == settings.LANGUAGE_CODE:
        return record.name
    names = [other for other in other_names(record) if other.language == language]
    usual = [other for other in names if other.kind == OtherName.Kind.USUAL]
    return (usual or names)[0].name if names else None


def names_by_language(record):
    """{language: name} for every language the record has a name in, the archive's own
    first: {"en": "Hitoshi Kimura", "ja": "木村仁"}."""
    names = {settings.LANGUAGE_CODE: record.name}
    for other in other_names(record):
        if other.language not in names:
            names[other.language] = name_in(record, other.language)
    return names


def prefetch_names(records):
    """Fetch the other names of the records a page shows, for the filters of
    archive_names (see fetch_names); none on a page in the archive's own language,
    which shows main names only."""
    if get_language() != settings.LANGUAGE_CODE:
        fetch_names(records)


def fetch_names(records):
    """Fetch the other names of these records (organisations, people, series and topics
    mixed; None and repeats are fine): one query per model, for those not fetched yet."""
    by_model = {}
    for record in records:
        if record is not None:
            by_model.setdefault(type(record), []).append(record)
    for model, rows in by_model.items():
        prefetch_related_objects(rows, "aliases" if model is Topic else "other_names")
