"""Read the pasted text of a release: its paragraphs and the facts it states.

Pure: text in, dataclasses out; nothing here touches the database. The facts are what
the text says, with the name-table entry each organisation name matches; matching
them to rows of the archive, and writing a draft, are later steps.

How the paste is kept: line breaks are normalised to LF, as the archive stores text
(``ParsedRelease.line_break`` records the text's own, and ``odd_line_breaks`` any that
differ from it); every paragraph keeps the white space before it (``separator``: blank
lines, indentation, full-width spaces) and between its label and its text (``gap``),
verbatim. So ``separator + label + gap + text`` over the paragraphs, then ``trailing``,
with the line breaks put back, is the paste byte for byte (``ParsedRelease.rebuild()``).
``start`` and ``end`` are the paragraph's offsets (characters) into the text as given.
"""

from django.utils.translation import gettext as _

from ...curation.text import control_character_message
from .meeting import read_at_line, read_header, read_meeting_dates, read_meeting_name
from .participants import read_co_chairs_states, read_participants, read_presenters
from .people import read_people, read_side_event_hosts
from .records import (
    Meeting,
    Paragraph,
    ParsedRelease,
    Participant,
    ParticipantCount,
    Person,
    Series,
    SideEvent,
    Source,
    Venue,
)
from .side_events import read_side_events
from .text import normalise_line_breaks, split_paragraphs

__all__ = [
    "Meeting",
    "Paragraph",
    "ParsedRelease",
    "Participant",
    "ParticipantCount",
    "Person",
    "Series",
    "SideEvent",
    "Source",
    "Venue",
    "parse_release",
]


def parse_release(text):
    """Read a pasted release."""
    normal, line_breaks, to_original = normalise_line_breaks(text)
    paragraphs, trailing = split_paragraphs(normal)
    for paragraph in paragraphs:
        paragraph.start, paragraph.end = to_original(paragraph.start), to_original(paragraph.end)
    line_break = max(set(line_breaks), key=line_breaks.count, default="\n")
    release = ParsedRelease(
        paragraphs=paragraphs,
        trailing=trailing,
        line_break=line_break,
        odd_line_breaks={n: b for n, b in enumerate(line_breaks) if b != line_break},
    )
    refused = control_character_message(normal)  # what the archive will not store
    if refused:
        reason = refused[0].lower() + refused[1:]
        release.warnings.append(_("The text %(reason)s") % {"reason": reason})
    read_header(release)
    read_meeting_name(release)
    read_meeting_dates(release)
    read_at_line(release)
    read_side_events(release)
    read_participants(release)
    read_people(release)
    read_co_chairs_states(release)
    read_side_event_hosts(release)
    read_presenters(release)
    return release
