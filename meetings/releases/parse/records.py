"""What the parser gives: the paragraphs and facts of a release, as dataclasses."""

import datetime
from dataclasses import asdict, dataclass, field

# --- What the parser gives -------------------------------------------------------------


@dataclass
class Paragraph:
    label: str  # as printed: "1.", "(2)", "（１）", "4. (1)"; "" for none
    text: str  # verbatim, line breaks as LF
    kind: str  # title, dateline, body, footnote, caption, table, other (page furniture)
    start: int  # offset of the label (or the text) in the text as given
    end: int  # offset just after the text
    separator: str = ""  # the white space before the paragraph
    gap: str = ""  # the white space between label and text
    cells: list[str] = field(default_factory=list)  # a table row's cells


@dataclass
class Series:
    slug: str  # the name table's, "" for a series it does not know
    name: str
    short_name: str  # the series' abbreviation, "" if it has none


@dataclass
class Venue:
    date: datetime.date | None
    name: str
    city: str


@dataclass
class Meeting:
    title: str = ""
    short_name: str = ""  # only from a known series' abbreviation: "ASTOP-XIII"
    series: Series | None = None
    ordinal: int | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    date_precision: str = ""  # "day" or "month" (start and end are then the month's ends)
    venue_name: str = ""
    city: str = ""
    format: str = ""  # "in_person", "virtual", "hybrid"; "" when the text does not say
    venues: list[Venue] = field(default_factory=list)  # one per day, when they differ


@dataclass
class Source:
    kind: str = "press_release"  # press_release (results), announcement, chairs_summary,
    # statement, speech, overview
    language: str = "en"
    published_on: datetime.date | None = None
    title: str = ""
    relation: str = ""  # "provisional_translation", "copy" or ""
    original_url: str = ""  # the page this one is a copy of
    copy_url: str = ""  # the address of the copy itself


@dataclass
class Participant:
    source_words: str  # as written: "the ASEAN member countries", "Japan, the host"
    slug: str  # the name-table entry, "" when the name is not in the table
    name: str  # the entry's English name (or the words, for an unknown name)
    status: str  # attended, absent, planned, invited, observer, guest
    roles: list[str]  # host, chair, co_chair
    paragraph: int  # ¶N: the paragraph's 1-based position, as the public page numbers it
    whole_group: bool = False  # a group named as a whole ("ASEAN諸国")
    list_complete: bool = True  # False: "such as", "など" (members named only in part)
    member_of: str = ""  # slug of the group it was named under ("such as ...")
    first_time: bool = False
    with_assets: bool = False
    region: str = ""  # the heading of an observer list grouped by region


@dataclass
class ParticipantCount:
    count: int
    what: str  # "ARF members and international organisations", "people"
    approximate: bool  # "about", "約"
    source_words: str
    paragraph: int  # ¶N (1-based)


@dataclass
class Person:
    source_words: str  # as written, title included
    name: str  # as written: "Hitoshi KIMURA", "KITAGAWA Katsuro", "浅野勝人", "天野"
    english_name: str  # given name first: "Hitoshi Kimura"; "" when it cannot be told
    title: str
    role: str  # opening_speech, chair, head_of_delegation, speaker; "" if not stated
    paragraph: int  # ¶N (1-based)
    honorific: str = ""  # "Mr.", "Ambassador", "H.E."
    reading: str = ""  # the kana reading a Japanese release gives
    on_behalf_of: str | None = None  # slug of the organisation the person represents


@dataclass
class SideEvent:
    kind: str  # reception, working_level, workshop
    title: str  # the event's name when quoted, else its words ("Reception hosted by ...")
    date: datetime.date | None
    venue_name: str
    paragraph: int  # ¶N (1-based)
    source_words: str = ""  # the sentence that tells of it
    host: str = ""  # the person who gave it, as the release's people name them


@dataclass
class ParsedRelease:
    paragraphs: list[Paragraph]
    trailing: str = ""  # white space after the last paragraph
    line_break: str = "\n"  # the text's own: "\n", "\r\n" or "\r"
    odd_line_breaks: dict[int, str] = field(default_factory=dict)  # {number: break} that differ
    meeting: Meeting = field(default_factory=Meeting)
    source: Source = field(default_factory=Source)
    participants: list[Participant] = field(default_factory=list)
    participant_counts: list[ParticipantCount] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    side_events: list[SideEvent] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # matched later, against the archive
    warnings: list[str] = field(default_factory=list)  # what was inferred or is missing

    def rebuild(self):
        """The paste, from the paragraphs and the white space kept beside them."""
        joined = "".join(p.separator + p.label + p.gap + p.text for p in self.paragraphs)
        lines = (joined + self.trailing).split("\n")
        breaks = [self.odd_line_breaks.get(n, self.line_break) for n in range(len(lines) - 1)]
        return "".join(
            line + line_break for line, line_break in zip(lines, [*breaks, ""], strict=True)
        )

    def as_dict(self):
        """The shape `import_release --dry-run --json` prints; dates as YYYY-MM-DD."""
        return _jsonable(
            {
                "meeting": asdict(self.meeting),
                "source": asdict(self.source),
                "paragraphs": [
                    {"number": number, **asdict(p)}
                    for number, p in enumerate(self.paragraphs, start=1)
                ],
                "trailing": self.trailing,
                "line_break": self.line_break,
                "odd_line_breaks": self.odd_line_breaks,
                "participants": [participant_dict(p) for p in self.participants],
                "participant_counts": [asdict(c) for c in self.participant_counts],
                "people": [asdict(p) for p in self.people],
                "side_events": [asdict(s) for s in self.side_events],
                "topics": list(self.topics),
                "warnings": list(self.warnings),
            }
        )


def participant_dict(participant):
    """As the JSON gives it: the name-table entry as the organisation."""
    row = asdict(participant)
    return {"organization": {"slug": row.pop("slug"), "name": row.pop("name")}, **row}


def _jsonable(value):
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
