"""Names in the reader's language. A record's main name (``name``) is in the archive's
own language (settings.LANGUAGE_CODE, English); its other names carry their language
(OtherName.language): 木村仁 for Hitoshi Kimura, アジア不拡散協議 for ASTOP."""

from django.conf import settings

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
