"""Names in the reader's language. A record's main name (``name``) is in the archive's
own language (settings.LANGUAGE_CODE, English); its other names carry their language
(OtherName.language): 木村仁 for Hitoshi Kimura, アジア不拡散協議 for ASTOP."""

from django.conf import settings
from django.db.models import F, prefetch_related_objects
from django.utils.translation import get_language

from .models import OtherName, Topic


def names_relation(model):
    """The relation holding a model's other names: a topic calls them its aliases."""
    return "aliases" if model is Topic else "other_names"


def other_names(record):
    """The other names of an organisation, person or series, or a topic's aliases: the
    prefetched ones when they are prefetched (no query)."""
    return getattr(record, names_relation(type(record))).all()


def name_in(record, language):
    """The record's name in ``language``: its main name in the archive's own language;
    otherwise its usual name in that language, then any other name in it; None if none."""
    if language == settings.LANGUAGE_CODE:
        return record.name
    return pick_name(other_names(record), language)


def pick_name(names, language):
    """Of other names, the usual one in ``language``, then any other in it; or None."""
    names = [other for other in names if other.language == language]
    usual = [other for other in names if other.kind == OtherName.Kind.USUAL]
    return (usual or names)[0].name if names else None


def names_in(model, slugs, language):
    """{slug: name in ``language``} for the records of ``model`` (organisations, people,
    series or topics) with these slugs that have one there: one query, none for the
    archive's own language (their main names)."""
    if language == settings.LANGUAGE_CODE:
        return {}
    names_model = model._meta.get_field(names_relation(model))
    owner = names_model.related_model.owner_field
    found = {}
    for other in names_model.related_model.objects.filter(
        **{f"{owner}__slug__in": slugs}, language=language
    ).annotate(owner_slug=F(f"{owner}__slug")):
        found.setdefault(other.owner_slug, []).append(other)
    return {slug: pick_name(names, language) for slug, names in found.items()}


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
        prefetch_related_objects(rows, names_relation(model))
