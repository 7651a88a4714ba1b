"""loaddata that only adds: objects already in the database are never changed.

`make run` loads the ASTOP-V fixture with it on every start, so curators' edits to
that record survive, and a row deleted from it comes back.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

from meetings.search import deferred_refresh


class Command(loaddata.Command):
    help = (
        "Load the objects of fixtures (named and found as by loaddata) that are not in the "
        "database yet, in one transaction. An object is there when a row has its natural "
        "key (or, in a fixture that gives them, its primary key); such rows are left "
        "exactly as they are, edited or not. Says what it added and what it left."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be added, and change nothing.",
        )

    def handle(self, *fixture_labels, dry_run, **options):
        self.added = Counter()
        self.left = Counter()
        # loaddata's own transaction becomes a savepoint of this one, which a dry run
        # rolls back; search vectors are refreshed once, for the rows added.
        try:
            with transaction.atomic(using=options["database"]):
                with deferred_refresh():
                    super().handle(*fixture_labels, **{**options, "verbosity": 0})
                if dry_run:
                    transaction.set_rollback(True, using=options["database"])
        except (DatabaseError, DeserializationError) as error:
            # Such as a missing row that clashes with an edited one (a renamed slug).
            raise CommandError(f"Nothing was loaded: {error}") from error
        except ValidationError as error:  # text the archive refuses (a control character)
            raise CommandError(f"Nothing was loaded: {' '.join(error.messages)}") from error
        self.report(dry_run, options["verbosity"])

    def save_obj(self, obj):
        model = type(obj.object)
        # Deserializing looked the natural key up: a pk is set if a row has it.
        pk = obj.object.pk
        if pk is None and not hasattr(model, "natural_key"):
            raise CommandError(
                f"{model._meta.label} objects in this fixture have neither a primary key "
                "nor a natural key: there is no telling whether they are already there."
            )
        if pk is not None and model._base_manager.using(self.using).filter(pk=pk).exists():
            self.left[model._meta.label] += 1
            return False
        saved = super().save_obj(obj)
        if saved:
            self.added[model._meta.label] += 1
        return saved

    def report(self, dry_run, verbosity):
        if verbosity < 1:
            return
        added = sum(self.added.values())
        verb = "Would add" if dry_run else "Added"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {added} object(s) missing from the database")
            + (f": {describe(self.added)}." if added else ".")
        )
        self.stdout.write(
            f"Left {sum(self.left.values())} object(s) already there unchanged"
            + (f" ({describe(self.left)})." if verbosity >= 2 and self.left else ".")
        )


def describe(counts):
    return ", ".join(f"{count} {label}" for label, count in sorted(counts.items()))
