"""Side events: a reception, a working-level meeting or a workshop held beside the meeting."""

import re

from django.utils.translation import gettext as _

from .dates import find_dates, resolve
from .forms import fold
from .meeting import MEETING_CUE, VENUE_EN, VENUE_JA, body_paragraphs
from .records import SideEvent
from .text import sentences

# The archive's kinds, by the words that name them (the first that matches wins).
KINDS = [
    ("reception", r"\breception\b|\bdinner\b|\bluncheon\b|レセプション|夕食会|晩餐会|昼食会"),
    (
        "working_level",
        r"\bworking[- ]level\s+(?:meeting|session|consultation|talk)s?\b|実務者(?:会合|協議|会議)",
    ),
    ("workshop", r"\bworkshops?\b|\bseminars?\b|\btable-?top exercises?\b|ワークショップ|セミナー"),
]
HELD = re.compile(
    rf"{MEETING_CUE.pattern}|\borgani[sz]ed\b|\bgave\b|\boffered\b|催し", re.IGNORECASE
)
SAME_DAY = re.compile(r"同日|\bthe same day\b|\bthat (?:day|evening)\b", re.IGNORECASE)
QUOTED = re.compile(r"[「『“\"](?P<name>[^」』”\"]{3,120})[」』”\"]")
# "a reception hosted by the Senior Vice-Minister (was held)": who gave it is part of its name
GIVEN_BY = re.compile(
    r"\s+(?:hosted|given|organi[sz]ed|offered|chaired)\s+by\s+[^,.;]+?"
    r"(?=\s+(?:was|were|is|will|at|on|in|to)\b|[,.;]|$)",
    re.IGNORECASE,
)


def read_side_events(release):
    """Each sentence that says an event of these kinds was held, other than the meeting
    itself (a "Workshop" whose name is the meeting's is the meeting)."""
    meeting = release.meeting
    own_name = fold(meeting.title).casefold()
    after = release.source.kind == "announcement"
    for number, paragraph in enumerate(release.paragraphs, start=1):
        if paragraph not in body_paragraphs(release):
            continue
        for sentence in sentences(paragraph.text):
            folded = fold(sentence)
            kind = next(
                (kind for kind, words in KINDS if re.search(words, folded, re.IGNORECASE)), None
            )
            if kind is None or not HELD.search(folded):
                continue
            quoted = QUOTED.search(sentence)
            named = re.search(dict(KINDS)[kind], folded, re.IGNORECASE)
            if own_name and named.group().casefold() in own_name and not quoted:
                continue  # the meeting itself ("the Workshop was held ...")
            if quoted and fold(quoted.group("name")).casefold() == own_name:
                continue
            dates = find_dates(sentence)
            date = meeting.start_date if SAME_DAY.search(folded) else None
            if dates and dates[0].month is None and meeting.start_date:
                # 12日夜: the meeting's month and year
                date, _end = resolve(
                    dates[0], meeting.start_date, after, _("side event's date"), release.warnings,
                    month_of_meeting=True,
                )  # fmt: skip
            elif dates:
                date, _end = resolve(
                    dates[0],
                    release.source.published_on,
                    after,
                    _("side event's date"),
                    release.warnings,
                )
            venue = (VENUE_JA if release.source.language == "ja" else VENUE_EN).search(folded)
            release.side_events.append(
                SideEvent(
                    kind=kind,
                    title=(quoted.group("name") if quoted else short_title(sentence, named))[:300],
                    date=date,
                    venue_name=venue_name(sentence, venue),
                    paragraph=number,
                    source_words=sentence.strip(),
                )
            )


def venue_name(sentence, venue):
    """As written (the match is in the folded text), without the full stop after it."""
    if venue is None:
        return ""
    length = len(venue.group("venue").rstrip(".,"))
    return sentence[venue.start("venue") : venue.start("venue") + length]


def short_title(sentence, named):
    """The words that name the event ("Reception hosted by the Senior Vice-Minister",
    "Working-level meeting", "レセプション"), as written; the sentence is its source words."""
    title = sentence[named.start() : named.end()]
    given_by = GIVEN_BY.match(sentence, named.end())
    if given_by:
        title += given_by.group()
    return title[:1].upper() + title[1:]
