"""Restore an archive written by export_archive, in one transaction.

The file is checked first (format, version, SHA-256 of its content); a truncated or
altered file is refused before anything is written. The import refuses a database
that already holds archive data unless --replace, which deletes that data in the
same transaction. Search vectors are rebuilt once, at the end. One restore runs at a
time (meetings/management/restore.py): a second is refused at once.
"""

import contextlib
import time
from pathlib import Path

from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction

from meetings.search import deferred_refresh

from .. import archive
from ..progress import Progress
from ..restore import RestoreRunning, restore_lock


class Command(BaseCommand):
    help = (
        "Import an archive written by export_archive into an empty database, in one "
        "transaction (--replace deletes the archive data already there first). The file's "
        "checksum is verified before anything is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive file to import.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the records and history already in the database (in the same "
            "transaction) instead of refusing to import.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Verify the file (header and checksum) and say what it holds; import nothing.",
        )

    def handle(self, *args, path, replace, check, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"There is no archive file at {source}.")
        started = time.monotonic()
        # One restore at a time: a second is refused before it reads anything.
        lock = contextlib.nullcontext() if check else restore_lock(source)
        try:
            with source.open("rb") as stream, lock:
                header = archive.read_header(stream)
                archive.verify(stream, header)
                self.describe(source, header)
                if check:
                    return
                stream.seek(0)
                stream.readline()  # the header
                count = self.restore(stream, header, replace)
        except RestoreRunning as error:
            raise CommandError(str(error)) from error
        except archive.ArchiveError as error:
            raise CommandError(f"{source}: {error}") from error
        except (DeserializationError, DatabaseError, ObjectDoesNotExist, ValidationError) as error:
            raise CommandError(
                f"{source} could not be imported, so nothing was changed: {error}"
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {count:,} objects from {source} in {time.monotonic() - started:.1f} s."
            )
        )

    def describe(self, source, header):
        counts = header.get("counts", {})
        meetings = counts.get("meetings.meeting", 0)
        self.stdout.write(
            f"{source}: a verified archive (format {header['format_version']}) of "
            f"{header['objects']:,} objects, {meetings:,} meetings."
        )
        current = archive.schema_version()
        if header.get("schema") and header["schema"] != current:
            self.stdout.write(
                self.style.WARNING(
                    f"It was written at migration {header['schema']}; this site is at "
                    f"{current}. Fields that differ may fail to load."
                )
            )

    def restore(self, stream, header, replace):
        with transaction.atomic():
            held = {
                model._meta.label: model._base_manager.count()
                for model in archive.all_tables()
                if model._base_manager.exists()
            }
            if held and not replace:
                meetings = held.get("meetings.Meeting", 0)
                raise CommandError(
                    f"The database already holds archive data ({meetings:,} meetings, "
                    f"{sum(held.values()):,} rows in {len(held)} tables); nothing was imported. "
                    "Import into an empty database, or use --replace to delete that data first."
                )
            if held:
                removed = self.delete_all()
                self.stdout.write(f"Deleted {removed:,} rows of existing archive data.")
            with deferred_refresh():  # search vectors: rebuilt once, at the end
                count = self.load(stream, header["objects"])
            if count != header["objects"]:
                raise archive.ArchiveError(
                    f"The header announces {header['objects']:,} objects but the file holds "
                    f"{count:,}."
                )
            self.reset_sequences()
        return count

    def delete_all(self):
        """Plain DELETEs: no signals, no history rows for the deletion itself.

        Foreign keys are checked when the transaction commits, by which time the
        tables are empty or refilled, so the order does not matter to the database.
        """
        removed = 0
        with connection.cursor() as cursor:
            for model in reversed(archive.all_tables()):
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
                removed += max(cursor.rowcount, 0)
        return removed

    def load(self, stream, total):
        users = {name: pk for pk, name in archive.usernames().items()}
        resolve = archive.NaturalKeys(connection.alias)
        curators = []

        def objects():
            for obj in archive.read_objects(stream):
                fields = obj.get("fields", {})
                if obj.get("model") == archive.CURATOR_MODEL:
                    # Before the history that names them (the export writes them first).
                    users[fields.get("username")], created = archive.restore_curator(fields)
                    curators.append((fields["username"], created))
                    continue
                if isinstance(fields.get("history_user"), list):
                    # A curator by username (restored above, or an account already here).
                    fields["history_user"] = users.get(fields["history_user"][0])
                else:
                    resolve.foreign_keys(obj)
                yield obj

        progress = Progress(self.stdout, "objects", total, "objects") if total > 50_000 else None
        deferred = []
        count = 0
        for item in serializers.deserialize(
            "python", objects(), using=connection.alias, handle_forward_references=True
        ):
            # Restoring history, not making it: no new historical rows for these saves.
            item.object.skip_history_when_saving = True
            # The tables are empty: insert, without first trying an UPDATE by id.
            item.save(using=connection.alias, force_insert=True)
            if item.deferred_fields:
                deferred.append(item)
            count += 1
            if progress and count % 10_000 == 0:
                progress.update(10_000)
        for item in deferred:
            item.save_deferred_fields(using=connection.alias)
        if progress:
            progress.update(count % 10_000)
            progress.finish()
        self.report_curators(curators)
        return count + len(curators)

    def report_curators(self, curators):
        created = [name for name, was_created in curators if was_created]
        if curators:
            self.stdout.write(
                f"History names {len(curators)} curator(s); "
                f"{len(curators) - len(created)} had an account here."
            )
        if created:
            self.stdout.write(
                self.style.WARNING(
                    f"Created {len(created)} inactive account(s) with no usable password, so "
                    f"that history keeps who did what: {', '.join(created)}. An administrator "
                    "can activate one and set its password if that curator works here."
                )
            )

    def reset_sequences(self):
        """Rows came with their ids: move PostgreSQL's id sequences past them."""
        statements = connection.ops.sequence_reset_sql(no_style(), archive.all_tables())
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
