"""Import press releases from text files: each becomes a draft meeting, or another source
of a meeting already in the archive (--attach-to).

Each file is read by the release parser, matched against the archive and written in its
own transaction (meetings.releases): a file that is refused changes nothing, and the
others are still imported. --dry-run writes nothing and shows what would be stored.
"""

import json
import re

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from meetings.curation.text import control_character_message, normalise_line_breaks
from meetings.models import Meeting, Organization
from meetings.releases.draft import left_out, write_release
from meetings.releases.match import match_release, new_series
from meetings.releases.parse import parse_release

SPACE = re.compile(r"[\s\ufeff\u200b]*")  # nothing but white space: an empty file


class FileRefused(Exception):
    """Why a file cannot be imported, naming the file (and the line, where there is one)."""


class Command(BaseCommand):
    help = (
        "Import press releases (UTF-8 text files, pasted as published) as draft meetings. "
        "A release about a meeting already in the archive is refused unless --attach-to "
        "names that meeting."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="Release text files.")
        parser.add_argument(
            "--attach-to",
            metavar="SLUG",
            help="Add the releases as sources of this meeting instead of creating meetings.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show, write nothing.")
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="One JSON object per file."
        )
        parser.add_argument(
            "--publisher",
            metavar="SLUG",
            default="mofa-japan",
            help="The organisation that published the releases (default: mofa-japan).",
        )

    def handle(self, *args, files, attach_to, dry_run, as_json, publisher, **options):
        meeting = self.meeting(attach_to)
        organization = Organization.objects.filter(slug=publisher).first()
        if organization is None and not dry_run:
            raise CommandError(f"--publisher: no organisation with the web address {publisher!r}.")
        refused = 0
        for path in files:
            try:
                self.import_file(path, meeting, organization, dry_run=dry_run, as_json=as_json)
            except FileRefused as error:
                refused += 1
                self.stderr.write(self.style.ERROR(str(error)))
        if refused:
            raise CommandError(f"{refused} of {len(files)} files were not imported.")

    def meeting(self, slug):
        if slug is None:
            return None
        try:
            return Meeting.objects.get(slug=slug)
        except Meeting.DoesNotExist:
            raise CommandError(f"--attach-to: no meeting with the web address {slug!r}.") from None

    def import_file(self, path, attach_to, publisher, *, dry_run, as_json):
        text = read_text(path)
        if SPACE.fullmatch(text):
            raise FileRefused(f"{path}: line 1: the file is empty")
        refused = control_character_message(normalise_line_breaks(text))  # CR LF is a break
        if refused:
            raise FileRefused(f"{path}: {refused}")
        release = parse_release(text)
        matches = match_release(release)
        # A series the release names and the archive lacks: the writer creates it.
        matches.series = matches.series or new_series(release.meeting.series)
        if dry_run:
            self.show(path, release, matches, attach_to, as_json=as_json)
            return
        if attach_to is None and matches.meeting is not None:
            raise FileRefused(
                f"{path}: this release is about {matches.meeting.slug}, already in the "
                f"archive; add it with --attach-to {matches.meeting.slug}."
            )
        warnings = list(release.warnings)
        if attach_to is not None:
            warnings += left_out(release=release, matches=matches, meeting=attach_to)
        try:
            document = write_release(
                release=release, matches=matches, publisher=publisher, attach_to=attach_to
            )
        except ValidationError as error:
            raise FileRefused(f"{path}: {'; '.join(messages(error))}") from None
        written = {
            "file": str(path),
            "meeting": document.meeting.slug,
            "source": document.slug,
            "paragraphs": len(release.paragraphs),
            "participations": document.meeting.participations.count(),
            "warnings": warnings,
        }
        if as_json:
            self.stdout.write(json.dumps(written, ensure_ascii=False))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{path}: {'added to' if attach_to else 'draft'} {written['meeting']}, "
                    f"source {written['source']} "
                    f"({written['paragraphs']} paragraphs)"
                )
            )
            for warning in warnings:
                self.stdout.write(f"  warning: {warning}")

    def show(self, path, release, matches, attach_to, *, as_json):
        """What the real run would write: ``attach_to`` is the meeting it attaches to (only
        with --attach-to); ``archived_meeting`` the archived meeting the release is about,
        which the real run refuses to duplicate without --attach-to."""
        shown = release.as_dict()
        # "archive": the matched row; "new": what the writer would create (not saved yet).
        for item, row in [
            *zip(shown["participants"], matches.organizations, strict=True),
            *zip(shown["people"], matches.people, strict=True),
        ]:
            item["archive"] = row.slug if row is not None and row.pk else None
            item["new"] = row is not None and row.pk is None
        for item, row in zip(shown["people"], matches.on_behalf_of, strict=True):
            item["on_behalf_of"] = row.slug if row is not None else None
        shown["topics"] = [
            {"slug": topic.slug, "name": topic.name, "paragraph": number, "quote": quote}
            for topic, number, quote in matches.topics
        ]
        series = matches.series
        shown["meeting"]["series"] = series and {
            "slug": series.slug,
            "name": series.name,
            "new": series.pk is None,
        }
        shown["attach_to"] = attach_to.slug if attach_to else None
        archived = matches.meeting.slug if matches.meeting else None
        shown["archived_meeting"] = archived
        if archived and attach_to is None:
            shown["warnings"].append(
                f"This release is about {archived}, already in the archive: without "
                f"--attach-to the import refuses it; run it with --attach-to {archived}."
            )
        if as_json:
            self.stdout.write(json.dumps({"file": str(path), **shown}, ensure_ascii=False))
            return
        meeting = shown["meeting"]
        if attach_to:
            attaching = f", attaches to {attach_to.slug}"
        elif archived:
            attaching = f", would attach with --attach-to {archived}"
        else:
            attaching = ""
        self.stdout.write(
            f"{path}: {meeting['title'] or '(no title)'} {meeting['start_date'] or '(no date)'}"
            f", {len(shown['paragraphs'])} paragraphs, {len(shown['participants'])} participants"
            + attaching
        )
        for warning in shown["warnings"]:
            self.stdout.write(f"  warning: {warning}")


def read_text(path):
    """The file as UTF-8 text, its line breaks untouched; a bad byte is named by line."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise FileRefused(f"{path}: {error.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FileRefused(f"{path}: line {line}: not UTF-8 text ({error.reason}).") from None


def messages(error):
    if hasattr(error, "message_dict"):
        return [f"{field}: {' '.join(texts)}" for field, texts in error.message_dict.items()]
    return error.messages
