"""Write the whole archive (every model of the meetings app) to one JSON file.

The format, and what is kept how, is described in meetings/management/archive.py.
"""

import os
import shutil
import tempfile
import time
from pathlib import Path

from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from .. import archive


class Command(BaseCommand):
    help = (
        "Export every record of the archive, with its revision history and the usernames "
        "and names of the curators it names, to one JSON file with natural keys, a format "
        "version and a SHA-256 checksum (import it with import_archive). Search vectors "
        "are left out: import rebuilds them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="Where to write the archive (an existing file is replaced)."
        )

    def handle(self, *args, path, **options):
        target = Path(path)
        if target.is_dir():
            raise CommandError(f"{target} is a folder; give the path of the file to write.")
        if not target.parent.is_dir():
            raise CommandError(f"There is no folder {target.parent} to write {target.name} in.")
        started = time.monotonic()
        try:
            with tempfile.TemporaryFile(dir=target.parent) as body:
                writer = self.write_body(body)
                self.write_file(target, writer, body)
        except OSError as error:
            raise CommandError(f"Could not write {target}: {error}") from error
        size = target.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {writer.count:,} objects of {len(writer.counts)} models to {target} "
                f"({size / 1e6:,.1f} MB) in {time.monotonic() - started:.1f} s."
            )
        )

    def write_body(self, body):
        records, history = archive.app_models()
        writer = archive.Writer(body)
        # One snapshot of the whole database, even while curators keep editing (inside
        # an enclosing transaction, such as a test's, that transaction's view is used).
        snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
        with transaction.atomic():
            if snapshot:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            users = archive.usernames()
            for curator in archive.curators(history):
                writer.add(curator)
            for model in records:
                self.write_model(writer, model, archive.record_queryset(model), natural=True)
            for model in history:
                queryset = model._base_manager.order_by("pk")
                self.write_model(writer, model, queryset, natural=False, users=users)
        writer.close()
        return writer

    def write_model(self, writer, model, queryset, *, natural, users=None):
        fields = archive.field_names(model)
        keeps_user = "history_user" in fields
        for rows in archive.chunks(queryset):
            for obj in serializers.serialize(
                "python",
                rows,
                fields=fields,
                use_natural_foreign_keys=natural,
                use_natural_primary_keys=False,
            ):
                if keeps_user:
                    user_id = obj["fields"]["history_user"]
                    name = users.get(user_id) if user_id is not None else None
                    obj["fields"]["history_user"] = [name] if name is not None else None
                writer.add(obj)

    def write_file(self, target, writer, body):
        """Header, then the body, into a file beside the target, renamed over it at the end.

        The file is readable by its owner only (mkstemp): it holds drafts and the
        usernames of curators.
        """
        body.seek(0)
        handle, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(writer.header(schema=archive.schema_version()))
                shutil.copyfileobj(body, out, 1 << 20)
            os.replace(partial, target)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
