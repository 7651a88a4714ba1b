"""The archive file of export_archive / import_archive.

One JSON document, written one line per object so that it can be written and read
as a stream:

    {"astop_archive": {"format_version": 1, "sha256": "...", "objects": N, ...},
    "objects": [
    {"model": "meetings.organization", "pk": 1, "fields": {...}},
    ...
    ]}

The first line is the header. ``sha256`` is the checksum of every byte after the
first line, so a truncated, edited or re-formatted file is refused before anything
is written.

What is kept, and how:

- Every model of the meetings app, in dependency order, each ordered by primary key,
  through Django's serializers with natural foreign keys (``["astop-v"]`` rather
  than ``3``). Primary keys are kept as well (``use_natural_primary_keys`` is off):
  the django-simple-history tables point at records by their ``id``, with no
  foreign key, so the history only stays attached if ids survive the trip. Ids
  also keep admin URLs stable.
- Historical rows (``meetings.Historical...``) have no natural keys: they are
  written with their own ``history_id`` and raw ids, which are valid because the
  records keep theirs. Their foreign keys may name records deleted since, so they
  are not resolved. ``history_user`` is the only link outside the app: it is written
  as ``["username"]``.
- The curators that history names come first, as ``{"model": "auth.user", "fields":
  {"username": ..., "first_name": ..., "last_name": ...}}`` (no password, e-mail or
  permissions). A restore links history to the account of that username; where there
  is none (a new database) it creates one, inactive and with no usable password, so
  who did what is kept and nobody can sign in with it until an administrator says so.
  Version 1 files carry no curators: their history keeps only the names of accounts
  that exist where they are restored.
- The many-to-many topics of discussion points are written inside each point
  (``"topics": [["export-control"], ...]``), not as rows of their own table.
- ``search_vector`` columns are left out: import rebuilds them.
"""

import datetime
import hashlib
import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers import sort_dependencies
from django.core.serializers.json import DjangoJSONEncoder
from django.db.migrations.loader import MigrationLoader
from django.db.models import ForeignKey, Prefetch
from django.db.models.fields.related import ManyToManyField
from simple_history.models import HistoricalChanges

FORMAT = "astop-archive"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
CURATOR_MODEL = "auth.user"
CURATOR_FIELDS = ("first_name", "last_name")
HEADER_KEY = "astop_archive"
OBJECTS_OPEN = '"objects": [\n'
OBJECTS_CLOSE = "]}\n"
CHUNK = 2000
SKIPPED_FIELDS = {"search_vector"}


class ArchiveError(Exception):
    """A file that is not a complete, unaltered archive of this format."""


class Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but datetimes keep their microseconds (history dates do)."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


def app_models():
    """(records, history): the meetings app's models in the order an import needs them."""
    config = apps.get_app_config("meetings")
    models = list(config.get_models())
    history = sorted(
        (m for m in models if issubclass(m, HistoricalChanges) or is_history_m2m(m)),
        key=lambda m: m._meta.label,
    )
    records = sort_dependencies(
        [(config, sorted((m for m in models if m not in history), key=lambda m: m._meta.label))],
        allow_cycles=False,
    )
    return records, history


def is_history_m2m(model):
    """simple_history's table of many-to-many rows for a historical record."""
    return any(
        isinstance(field, ForeignKey)
        and issubclass(field.related_model, HistoricalChanges)
        and field.name == "history"
        for field in model._meta.fields
    )


def all_tables():
    """Every table of the app, many-to-many tables included (for emptiness and --replace)."""
    config = apps.get_app_config("meetings")
    return list(config.get_models(include_auto_created=True))


def field_names(model):
    return [
        field.name
        for field in [*model._meta.local_fields, *model._meta.local_many_to_many]
        if field.name not in SKIPPED_FIELDS and not field.primary_key
    ]


def record_queryset(model):
    """Rows of ``model`` with what their natural foreign keys read already joined."""
    joins = []
    prefetches = []
    for field in model._meta.fields:
        if not field.is_relation:
            continue
        target = field.related_model._meta.label
        if target == "meetings.Paragraph":
            joins.append(f"{field.name}__document")
        elif target == "meetings.DiscussionPoint":
            joins.append(f"{field.name}__meeting")
            joins.append(f"{field.name}__parent__parent")
        else:
            joins.append(field.name)
    for field in model._meta.many_to_many:
        if isinstance(field, ManyToManyField):
            related = field.related_model._base_manager.order_by("pk")  # a stable order
            prefetches.append(Prefetch(field.name, related))
    queryset = model._base_manager.select_related(*joins).prefetch_related(*prefetches)
    return queryset.order_by("pk")


def chunks(queryset):
    """The rows of ``queryset`` (ordered by pk), fetched CHUNK at a time."""
    last = None
    while True:
        page = queryset if last is None else queryset.filter(pk__gt=last)
        rows = list(page[:CHUNK])
        if not rows:
            return
        yield rows
        last = rows[-1].pk


def usernames():
    """User id -> username, for the ``history_user`` of historical rows."""
    user_model = get_user_model()
    return dict(user_model._base_manager.values_list("pk", user_model.USERNAME_FIELD))


def curators(history):
    """The users that the historical rows of ``history`` (models) name, as archive objects."""
    user_model = get_user_model()
    named = set()
    for model in history:
        if any(field.name == "history_user" for field in model._meta.fields):
            rows = model._base_manager.exclude(history_user=None)
            named.update(rows.values_list("history_user", flat=True).distinct())
    users = user_model._base_manager.filter(pk__in=named).order_by(user_model.USERNAME_FIELD)
    return [
        {
            "model": CURATOR_MODEL,
            "fields": {
                "username": user.get_username(),
                **{name: getattr(user, name) for name in CURATOR_FIELDS},
            },
        }
        for user in users
    ]


def restore_curator(fields):
    """The id of the user named in a curator object: theirs if the account exists here
    (left as it is), else a new inactive account with no usable password.
    Returns (id, created)."""
    user_model = get_user_model()
    username = fields["username"]
    if not isinstance(username, str) or not username:
        raise ArchiveError(f"A curator in the archive has no username: {fields!r}.")
    user = user_model._base_manager.filter(**{user_model.USERNAME_FIELD: username}).first()
    if user is not None:
        return user.pk, False
    user = user_model(
        **{user_model.USERNAME_FIELD: username},
        **{name: str(fields.get(name) or "") for name in CURATOR_FIELDS},
        is_active=False,
    )
    user.set_unusable_password()
    user.save()
    return user.pk, True


def schema_version():
    """The meetings app's latest migration: what the archived fields correspond to."""
    leaves = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes("meetings")
    return leaves[0][1] if leaves else None


def encode(obj):
    return json.dumps(obj, cls=Encoder, ensure_ascii=False)


class Writer:
    """Writes the body (line 2 on) to ``stream`` and hashes it; the header comes last."""

    def __init__(self, stream):
        self.stream = stream
        self.digest = hashlib.sha256()
        self.count = 0
        self.counts = {}
        self._write(OBJECTS_OPEN)

    def _write(self, text):
        data = text.encode()
        self.digest.update(data)
        self.stream.write(data)

    def add(self, obj):
        self._write(("" if self.count == 0 else ",\n") + encode(obj))
        self.count += 1
        self.counts[obj["model"]] = self.counts.get(obj["model"], 0) + 1

    def close(self):
        self._write(("\n" if self.count else "") + OBJECTS_CLOSE)

    def header(self, **extra):
        info = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "sha256": self.digest.hexdigest(),
            "objects": self.count,
            "counts": dict(sorted(self.counts.items())),
            **extra,
        }
        return ("{" + json.dumps(HEADER_KEY) + ": " + encode(info) + ",\n").encode()


def read_header(stream):
    """The header of an archive (a dict), from its first line; ArchiveError if it is none."""
    line = stream.readline(1 << 20)
    try:
        text = line.decode()
        if not (text.startswith("{" + json.dumps(HEADER_KEY)) and text.endswith(",\n")):
            raise ValueError
        header = json.loads(text[:-2] + "}")[HEADER_KEY]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise ArchiveError(
            "This is not an ASTOP archive: its first line is not an archive header."
        ) from None
    if header.get("format") != FORMAT:
        raise ArchiveError(f"This is not an ASTOP archive (format {header.get('format')!r}).")
    if header.get("format_version") not in READABLE_VERSIONS:
        readable = " and ".join(str(version) for version in READABLE_VERSIONS)
        raise ArchiveError(
            f"This archive has format version {header.get('format_version')!r}; this version "
            f"of the site reads versions {readable}."
        )
    if not isinstance(header.get("sha256"), str) or not isinstance(header.get("objects"), int):
        raise ArchiveError("The archive header has no checksum or object count.")
    return header


def verify(stream, header):
    """Check the body against the header's checksum (reads the stream to its end)."""
    digest = hashlib.sha256()
    for block in iter(lambda: stream.read(1 << 20), b""):
        digest.update(block)
    if digest.hexdigest() != header["sha256"]:
        raise ArchiveError(
            "The archive's checksum does not match its content: the file is truncated or "
            "has been altered. Nothing was imported."
        )


def read_objects(stream):
    """The objects of a verified archive, one dict at a time (``stream`` after the header)."""
    if stream.readline().decode() != OBJECTS_OPEN:
        raise ArchiveError("The archive has no object list after its header.")
    for raw in stream:
        line = raw.decode()
        if line == OBJECTS_CLOSE:
            return
        try:
            yield json.loads(line.removesuffix("\n").removesuffix(","))
        except ValueError as error:
            raise ArchiveError(f"The archive has a line that is not an object: {error}") from None
    raise ArchiveError("The archive ends before its object list does.")


class NaturalKeys:
    """Natural foreign keys of incoming objects turned into ids, remembering the answers.

    Consecutive rows mostly name the same meeting, document or paragraph, so a small
    memory saves most of the one-query-per-key lookups the deserializer would make.
    Keys that do not resolve yet are left for the deserializer (forward references).
    """

    LIMIT = 100_000

    def __init__(self, using):
        self.using = using
        self.known = {}
        self.relations = {}

    def fields_of(self, label):
        if label not in self.relations:
            try:
                model = apps.get_model(label)
            except (LookupError, ValueError):
                return {}  # the deserializer reports the unknown model
            self.relations[label] = {
                field.name: field.related_model
                for field in model._meta.fields
                if field.is_relation and hasattr(field.related_model, "natural_key")
            }
        return self.relations[label]

    def foreign_keys(self, obj):
        fields = obj.get("fields", {})
        for name, model in self.fields_of(obj.get("model", "")).items():
            value = fields.get(name)
            if isinstance(value, list):
                pk = self.pk_of(model, value)
                if pk is not None:
                    fields[name] = pk

    def pk_of(self, model, key):
        memo = (model, tuple(key))
        if memo not in self.known:
            if len(self.known) >= self.LIMIT:
                self.known.clear()
            manager = model._default_manager.db_manager(self.using)
            try:
                self.known[memo] = manager.get_by_natural_key(*key).pk
            except model.DoesNotExist:
                return None
        return self.known[memo]
