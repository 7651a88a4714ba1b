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

import bisect
import calendar
import datetime
import re
from dataclasses import asdict, dataclass, field

from ..curation.text import control_character_message
from . import names as table

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


@dataclass
class Participant:
    source_words: str  # as written: "the ASEAN member countries", "Japan, the host"
    slug: str  # the name-table entry, "" when the name is not in the table
    name: str  # the entry's English name (or the words, for an unknown name)
    status: str  # attended, absent, planned, invited, observer, guest
    roles: list[str]  # host, chair, co_chair
    paragraph: int  # index into ParsedRelease.paragraphs
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
    paragraph: int


@dataclass
class Person:
    source_words: str  # as written, title included
    name: str  # as written: "Hitoshi KIMURA", "KITAGAWA Katsuro", "浅野勝人", "天野"
    english_name: str  # given name first: "Hitoshi Kimura"; "" when it cannot be told
    title: str
    role: str  # opening_speech, chair, head_of_delegation, speaker; "" if not stated
    paragraph: int
    honorific: str = ""  # "Mr.", "Ambassador", "H.E."
    reading: str = ""  # the kana reading a Japanese release gives


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
                "paragraphs": [asdict(p) for p in self.paragraphs],
                "trailing": self.trailing,
                "line_break": self.line_break,
                "odd_line_breaks": self.odd_line_breaks,
                "participants": [participant_dict(p) for p in self.participants],
                "participant_counts": [asdict(c) for c in self.participant_counts],
                "people": [asdict(p) for p in self.people],
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


# --- Entry point ------------------------------------------------------------------------


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
        release.warnings.append(f"The text {refused[0].lower()}{refused[1:]}")
    read_header(release)
    read_meeting_name(release)
    read_meeting_dates(release)
    read_participants(release)
    read_people(release)
    return release


# --- Line breaks and offsets ----------------------------------------------------------------


def normalise_line_breaks(text):
    """(text with LF line breaks, each line break as written, normal -> original offset)."""
    line_breaks = re.findall(r"\r\n|\r|\n", text)
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    # Each CR LF became one character: an offset after it moves one further in the original.
    collapsed = [m.start() - i for i, m in enumerate(re.finditer(r"\r\n", text))]

    def to_original(offset):
        return offset + bisect.bisect_right(collapsed, offset - 1)

    return normal, line_breaks, to_original


# --- Paragraphs --------------------------------------------------------------------------

# Characters folded for reading (never for storing): full-width ASCII to ASCII, the
# ideographic space to a space, typographic quotes to plain ones. One character for one,
# so offsets in the folded text are offsets in the text.
FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {
    0x3000: " ",
    0x2019: "'",
    0x2018: "'",
    0x201C: '"',
    0x201D: '"',
    0x2013: "-",
    0x2014: "-",
    0x2212: "-",
    0x301C: "~",
}


def fold(text):
    return text.translate(FOLD)


# White space, the byte-order mark and the zero-width space included.
SPACE_CHARACTER = re.compile("[\\s\ufeff\u200b]")
_DIGIT = "[0-9０-９]"
_BRACKETED = (
    rf"[(（](?:{_DIGIT}{{1,2}}|[a-zA-Zａ-ｚ]|[ivxIVX]{{1,4}}|[*＊]{{1,3}}|注{_DIGIT}?|[ア-ン])[)）]"
)
_MONTH_WORD = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*|"
    r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*"
)
LABEL = re.compile(
    "^(?:"
    rf"(?:\d{{1,2}}\.(?!\d)|{_DIGIT}{{1,2}}．)(?:[ \u3000]*{_BRACKETED})?"  # "1." "１．" "4. (1)"
    rf"|{_BRACKETED}"  # "(1)" "（１）" "(a)" "(*)" "(iv)"
    rf"|{_DIGIT}{{1,2}}(?=\u3000|[ ]+(?!(?:{_MONTH_WORD})\b)[^\s0-9|｜])"  # "1 ", no dot
    r"|(?:[IVX]{1,4})\.(?=\s)"  # "II."
    r"|[*＊※]{1,3}|注\d?[:：]?|Notes?:"  # footnote marks
    r"|[-－–•・●○■◆◇](?=[ \u3000])"  # bullets
    ")"
    # The label ends at white space, the end of the line, or text set close to it.
    r"(?=\s|$|[^\x00-\x7f]|(?<=[)）．]))"
)
FOOTNOTE_LABEL = re.compile(r"[*＊※注]|Note")

PAGE_FURNITURE = re.compile(
    r"^[\W_]*(?:back to (?:the )?(?:index|top|page top|list|press releases?)|"
    r"(?:go to )?(?:page )?top(?: of (?:the )?page)?|return to (?:the )?top|"
    r"related (?:information|links)|print(?: this page)?|"
    r"(?:english|japanese)(?: (?:page|version))?|"
    r"press releases?|日本語|英語|報道発表|報道発表一覧|会見・発表・広報|"
    r"ページのトップへ戻る|目次へ戻る|前のページへ戻る|このページのトップへ|"
    r"\(provisional translation\)|[(（]仮訳[)）])[\W_]*$",
    re.IGNORECASE,
)
BREADCRUMB = re.compile(r"^(?:[^>＞›»\n]{1,60}\s*[>＞›»]\s*){1,8}[^>＞›»\n]{0,120}$")
PDF_LINK = re.compile(
    r"[(（\[]\s*PDF[^)）\]]{0,20}[)）\]]\s*$|Adobe Acrobat Reader|Adobe Reader", re.IGNORECASE
)
COPY_NOTE = re.compile(
    r"(?:copy of|copied from|original(?: page)?[:：]|出典[:：]|転載)\s*(?P<url>https?://\S+?)[.。,]?(?=\s|$)",
    re.IGNORECASE,
)
CAPTION = re.compile(
    r"^(?:[(（\[【]\s*(?:photo(?:graph)?s?|写真)\s*[)）\]】]|(?:photo(?:graph)?s?|写真)\s*[:：])",
    re.IGNORECASE,
)
TABLE_ROW = re.compile(r"^[|｜]?(?:[^|｜\n]*[|｜]){2,}[^|｜\n]*$")
SENTENCE_END = re.compile(r"[.。:：;!?！？”\"」』)）]")  # the last character of a line
WRAPPED_LINE_LENGTH = 50  # a shorter unpunctuated line is a list item, not a wrapped line


def split_paragraphs(text):
    """Paragraphs of ``text`` (LF line breaks) and the white space after the last one.

    A paragraph is a non-blank line, its label apart. A label alone on its line takes the
    next line's text; a long unpunctuated body line followed directly by an unlabelled
    line was wrapped, and the two make one paragraph (the line break stays in its text).
    """
    paragraphs = []
    pending = None  # (start, end) of a label alone on its line
    previous_blank = True
    for line_start, line_end in line_spans(text):
        start, end = stripped_span(text, line_start, line_end)
        if start == end:
            previous_blank = True
            if pending:  # a label alone, then a blank line: the label is kept as text
                paragraphs.append(new_paragraph(text, pending[0], pending[0], pending[1]))
                pending = None
            continue
        content = text[start:end]
        label = LABEL.match(content) if not TABLE_ROW.match(content) else None
        label_start, label_end = start, start + label.end() if label else start
        text_start = stripped_span(text, label_end, end)[0]
        if pending:
            label_start = pending[0]
            if not label:
                label_end, text_start = pending[1], start
            pending = None
        if label and text_start == end:
            pending = (label_start, label_end)
            previous_blank = False
            continue
        last = paragraphs[-1] if paragraphs else None
        if (
            last is not None
            and len(paragraphs) > 1  # never into the title
            and label_start == label_end == start  # no label, of its own or pending
            and not previous_blank
            and last.kind == "body"
            and last.end - last.start >= WRAPPED_LINE_LENGTH
            and not SENTENCE_END.match(text[last.end - 1])
            and line_kind(content) == "body"
            and not is_dateline(fold(content))
        ):
            last.end = end  # its text is cut from the paste once all lines are read
        else:
            paragraphs.append(new_paragraph(text, label_start, label_end, end, text_start))
        previous_blank = False
    if pending:  # a label at the very end: kept as text
        paragraphs.append(new_paragraph(text, pending[0], pending[0], pending[1]))
    previous_end = 0
    for paragraph in paragraphs:
        text_start = paragraph.start + len(paragraph.label) + len(paragraph.gap)
        paragraph.text = text[text_start : paragraph.end]  # wrapped lines included
        paragraph.separator = text[previous_end : paragraph.start]
        previous_end = paragraph.end
    return paragraphs, text[previous_end:]


def line_spans(text):
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def stripped_span(text, start, end):
    while start < end and SPACE_CHARACTER.match(text[start]):
        start += 1
    while end > start and SPACE_CHARACTER.match(text[end - 1]):
        end -= 1
    return start, end


def new_paragraph(text, start, label_end, end, text_start=None):
    text_start = label_end if text_start is None else text_start
    label, body = text[start:label_end], text[text_start:end]
    paragraph = Paragraph(
        label=label,
        text=body,
        kind=paragraph_kind(label, body),
        start=start,
        end=end,
        gap=text[label_end:text_start],
    )
    if paragraph.kind == "table":
        paragraph.cells = [cell.strip() for cell in re.split("[|｜]", body.strip("|｜"))]
    return paragraph


def line_kind(content):
    """The kind a line has on its own, without a label."""
    if TABLE_ROW.match(content):
        return "table"
    if CAPTION.match(content):
        return "caption"
    if is_furniture(content):
        return "other"
    return "body"


def paragraph_kind(label, text):
    if label and FOOTNOTE_LABEL.search(label):
        return "footnote"
    if label:
        return "body"
    return line_kind(text)


def is_furniture(line):
    folded = fold(line).strip()
    return bool(
        PAGE_FURNITURE.match(folded)
        or (BREADCRUMB.match(folded) and len(folded) < 200)
        or PDF_LINK.search(folded)
        or COPY_NOTE.search(folded)
    )


# --- Dates -------------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    "月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6,
}  # fmt: skip
# First year of each era, less one: Heisei 20 is 1988 + 20 = 2008.
ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}

_MONTH = (
    r"(?i:\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b)\.?"
)
_WEEKDAY_EN = r"(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b)\.?"
_ORD = r"(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|~|to|and|through|until)\s*"
_YEAR_JA = (
    r"(?:(?P<era>明治|大正|昭和|平成|令和)\s*(?P<era_year>\d{1,2}|元)|(?P<year_ja>\d{4}))\s*年"
)
_WD_JA = r"(?:\s*[(]\s*(?P<{name}>[月火水木金土日])(?:曜日?)?\s*[)])?"

DATE_FORMS = [
    # "Friday, April 25", "Jan 25 (Thu) and 26 (Fri), 2007", "February 10-11, 2009"
    re.compile(
        rf"(?:(?P<wd>{_WEEKDAY_EN}),?\s+)?(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}){_ORD}"
        rf"(?:\s*\((?P<wd_b>{_WEEKDAY_EN})\))?"
        rf"(?:{_TO}(?:(?P<wd2>{_WEEKDAY_EN}),?\s+)?(?:(?P<month2>{_MONTH})\s+)?"
        rf"(?P<day2>\d{{1,2}}){_ORD}(?!\d)(?:\s*\({_WEEKDAY_EN}\))?)?"
        r"(?:,?\s+(?P<year>\d{4}))?(?!\d)"
    ),
    # "25 April 2008", "3-4 Oct", "28-29 JUNE 2006"
    re.compile(
        rf"(?<![\d:])(?:(?P<wd>{_WEEKDAY_EN}),?\s+)?(?P<day>\d{{1,2}}){_ORD}"
        rf"(?:{_TO}(?P<day2>\d{{1,2}}){_ORD})?\s+(?:of\s+)?(?P<month>{_MONTH})"
        r"(?:,?\s+(?P<year>\d{4}))?(?!\d)"
    ),
    # 平成17年2月10日（木曜日）及び11日（金曜日）, 3月19日～20日, ２月１３日（水曜日）
    re.compile(
        rf"(?:{_YEAR_JA})?\s*(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*日"
        + _WD_JA.format(name="wd")
        + r"(?:\s*(?:-|~|から|及び|および|と|・|、|,)\s*(?:(?P<month2>\d{1,2})\s*月)?\s*"
        r"(?P<day2>\d{1,2})\s*日(?:\s*[(][^)]{1,4}[)])?)?"
    ),
    # 本20日: the day only, the month and year are the date line's
    re.compile(r"本\s*(?P<day>\d{1,2})\s*日" + _WD_JA.format(name="wd")),
    # "2008/05/01"
    re.compile(r"(?<!\d)(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    # Month only: "February, 2011", "平成23年2月"
    re.compile(rf"(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})(?!\d)"),
    re.compile(rf"{_YEAR_JA}\s*(?P<month>\d{{1,2}})\s*月(?!\s*\d{{1,2}}\s*日)"),
]
DATELINE_MAX_EXTRA = 30  # characters beside the date on a date line ("Tokyo, ")
DATELINE_MAX_LENGTH = 100
# The meeting's name and dates are read from the start of the first paragraphs: a paste
# of one huge paragraph costs no more than a short one.
OPENING_LENGTH = 2000


@dataclass
class DateFound:
    """A date as written: what it gives, and where."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    month2: int | None = None
    day2: int | None = None
    weekday: int | None = None
    words: str = ""  # as written

    @property
    def precision(self):
        return "day" if self.day else "month"


def find_dates(text):
    """Every date written in ``text``, in order; of two starting together the longer."""
    folded = fold(text)
    found = []
    for form in DATE_FORMS:
        for match in form.finditer(folded):
            date = date_from_match(match)
            if date:
                date.words = text[date.start : date.end].strip()
                found.append(date)
    found.sort(key=lambda d: (d.start, -d.end))
    result = []
    for date in found:
        if not result or date.start >= result[-1].end:
            result.append(date)
    return result


def date_from_match(match):
    parts = {key: value for key, value in match.groupdict().items() if value}
    if parts.get("era"):
        offset = 1 if parts["era_year"] == "元" else int(parts["era_year"])
        year = ERAS[parts["era"]] + offset
    else:
        year = int(parts.get("year") or parts.get("year_ja") or 0) or None
    month = month_number(parts["month"]) if "month" in parts else None
    weekday = parts.get("wd") or parts.get("wd_b")
    date = DateFound(
        start=match.start(),
        end=match.end(),
        year=year,
        month=month,
        day=int(parts["day"]) if "day" in parts else None,
        month2=month_number(parts["month2"]) if "month2" in parts else None,
        day2=int(parts["day2"]) if "day2" in parts else None,
        weekday=WEEKDAYS.get(weekday[:3].lower()) if weekday else None,
    )
    if (date.day and not 1 <= date.day <= 31) or (date.month and not 1 <= date.month <= 12):
        return None
    return date


def month_number(value):
    value = value.strip().rstrip(".")
    return int(value) if value.isdigit() else MONTHS[value.lower()]


def safe_date(year, month, day):
    try:
        return datetime.date(year, month, day)
    except (TypeError, ValueError):
        return None


def is_dateline(text):
    """A short line that is mostly a date: "May 1, 2008", "Tokyo, 1 May 2008"."""
    if len(text.strip()) > DATELINE_MAX_LENGTH:
        return False
    dates = find_dates(text)
    if len(dates) != 1 or not dates[0].year or not dates[0].month:
        return False
    return len(text.strip()) - (dates[0].end - dates[0].start) <= DATELINE_MAX_EXTRA


def resolve(date, reference, after, what, warnings):
    """(start, end) of ``date``; a missing year or month is taken from ``reference``.

    ``after``: True if the date is on or after the reference (an announcement), False if
    on or before it (results), None if unknown. What is inferred is said in ``warnings``.
    """
    year, month = date.year, date.month
    if year and month and date.day:
        start = safe_date(year, month, date.day)
    elif year and month:  # a month only
        start = safe_date(year, month, 1)
    elif reference is None:
        warnings.append(f"The {what} {date_words(date)} gives no year and no date line does.")
        return None, None
    elif month is None:  # 本20日: the day only
        start = safe_date(reference.year, reference.month, date.day)
        if start is None:
            return None, None
        warnings.append(
            f"The {what} gives only the day {date_words(date)}: month and year are "
            f"the date line's ({start:%B %Y})."
        )
    else:
        start = year_for(month, date.day, date.weekday, reference, after)
        if start is None:
            return None, None
        warnings.append(
            f"The {what} {date_words(date)} gives no year: {start.year} is inferred from "
            f"the date line ({reference.isoformat()})."
        )
    if start is None:
        return None, None
    if date.weekday is not None and start.weekday() != date.weekday:
        warnings.append(
            f"The {what} is written with a weekday that does not fall on {start.isoformat()}."
        )
    if not date.day:
        return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])
    end = start
    if date.day2:
        end = safe_date(start.year, date.month2 or start.month, date.day2)
        if end is None or end < start:
            end = safe_date(start.year + 1, date.month2 or start.month, date.day2)
        if end is None or (end - start).days > 31:
            warnings.append(f"The end of the {what} {date_words(date)} could not be read.")
            end = start
    return start, end


def year_for(month, day, weekday, reference, after):
    """The date with this month and day nearest the reference on the right side of it."""
    candidates = [
        d for y in (reference.year - 1, reference.year, reference.year + 1)
        if (d := safe_date(y, month, day))
    ]  # fmt: skip
    if weekday is not None and any(d.weekday() == weekday for d in candidates):
        candidates = [d for d in candidates if d.weekday() == weekday]
    if after is True:
        candidates = [d for d in candidates if d >= reference] or candidates
    elif after is False:
        candidates = [d for d in candidates if d <= reference] or candidates
    return min(candidates, key=lambda d: abs((d - reference).days), default=None)


def date_words(date):
    return f"“{date.words}”"


# --- Header: title, date line, kind, language -------------------------------------------------

_CHAIRS = r"(?:co-)?chair(?:man|person)?s?'?s?"
KINDS = [
    ("chairs_summary", rf"{_CHAIRS} summary|議長総括|議長サマリー"),
    ("statement", rf"{_CHAIRS} statement|\bstatement\b|議長声明|共同声明"),
    ("overview", r"overview and evaluation|概要と評価"),
    ("speech", r"\b(?:remarks|speech|address)\b|挨拶|スピーチ|演説"),
    ("announcement", r"\bholding of\b|(?:開催|実施)について|開催予定|[(]予定[)]"),
]  # fmt: skip
FUTURE = re.compile(
    r"\bwill (?:be )?(?:hold|held|host|convene|take place|participate|attend|take part|"
    r"be represented|chair|deliver|open)\b|\bis to be held\b|\bare expected to\b|"
    r"(?:開催|実施)(?:されます|します|いたします|する予定)|行(?:います|われます)|"
    r"予定です|予定である|参加予定|出席予定",
    re.IGNORECASE,
)
PROVISIONAL = re.compile(r"provisional translation|仮訳", re.IGNORECASE)


def read_header(release):
    paragraphs = release.paragraphs
    release.source.language = guess_language(" ".join(p.text for p in paragraphs))
    head = [(i, p) for i, p in enumerate(paragraphs[:8]) if p.kind == "body" and not p.label]
    dateline = next((i for i, p in head if is_dateline(fold(p.text))), None)
    if dateline is not None:
        paragraphs[dateline].kind = "dateline"
        read_dateline(release, paragraphs[dateline].text)
    before = [p for i, p in head if dateline is None or i < dateline]
    after = [p for i, p in head if dateline is not None and i > dateline]
    if before:
        title = max(before, key=lambda p: len(p.text)) if dateline is not None else before[0]
    else:
        title = after[0] if after else None
    if title is not None:
        title.kind = "title"
        release.source.title = title.text
    else:
        release.warnings.append("No title was found: enter it.")
    read_kind(release)


def read_dateline(release, text):
    [date] = find_dates(text)
    if date.day2:  # "28-29 JUNE 2006, TOKYO, JAPAN": the meeting's dates, not a publication
        release.meeting.start_date, release.meeting.end_date = resolve(
            date, None, None, "date line", release.warnings
        )
        release.meeting.date_precision = "day"
        release.meeting.city = find_city(text[date.end :])
        release.warnings.append(
            "The date line gives the meeting's dates; the publication date is not stated."
        )
        return
    start, _ = resolve(date, None, None, "date line", release.warnings)
    release.source.published_on = start
    if date.precision == "month":
        release.warnings.append(
            f"The date line gives only a month ({date.words}): the publication date is set "
            f"to its first day. Check it."
        )


def guess_language(text):
    letters = [c for c in text if not c.isspace()]
    japanese = sum(1 for c in letters if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    return "ja" if letters and japanese / len(letters) > 0.2 else "en"


def read_kind(release):
    """From the title and the heading lines above it ("Chair's Statement")."""
    title_at = next((i for i, p in enumerate(release.paragraphs) if p.kind == "title"), 0)
    title = fold(
        " ".join(p.text for p in release.paragraphs[: title_at + 1] if p.kind in ("body", "title"))
    )
    source = release.source
    for kind, pattern in KINDS:
        if re.search(pattern, title, re.IGNORECASE):
            source.kind = kind
            break
    else:
        first = next((p.text for p in body_paragraphs(release)), "")
        if FUTURE.search(first):
            source.kind = "announcement"
    for paragraph in release.paragraphs:
        if paragraph.kind in ("title", "other", "footnote") and PROVISIONAL.search(paragraph.text):
            source.relation = "provisional_translation"
        copy = COPY_NOTE.search(fold(paragraph.text))
        if copy and paragraph.kind == "other":
            source.relation = "copy"
            source.original_url = copy.group("url")


def body_paragraphs(release):
    return [p for p in release.paragraphs if p.kind in ("body",)]


# --- Meeting name, series and edition -------------------------------------------------------

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30}
KANJI_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_ORDINAL_EN = (
    r"(?P<ordinal>\d{1,3}(?:st|nd|rd|th)|(?:(?:twenty|thirty)-)?(?:"
    + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
    + "))"
)
_ORDINAL_JA = r"第\s*(?P<ordinal_ja>\d{1,3}|[一二三四五六七八九十]{1,4})\s*回\s*"


def ordinal_value(words):
    words = words.lower()
    if words[0].isdigit():
        return int(re.match(r"\d+", words).group())
    if words[0] in KANJI_DIGITS or words[0] == "十":
        tens, _, units = words.rpartition("十")
        if "十" not in words:
            return KANJI_DIGITS[words]
        return (KANJI_DIGITS.get(tens, 1)) * 10 + KANJI_DIGITS.get(units, 0)
    if "-" in words:
        tens, units = words.split("-", 1)
        return TENS[tens] + ORDINAL_WORDS[units]
    return ORDINAL_WORDS[words]


def ordinal_words(match):
    parts = match.groupdict()
    return parts.get("ordinal") or parts.get("ordinal_ja")


def roman_value(numeral):
    values = [ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def roman(number):
    result = ""
    for value, numeral in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        result += numeral * count
    return result


def series_pattern(series):
    names = [*(series.name, *series.en), *series.ja]
    spelled = "|".join(
        r"\s+".join(re.escape(word) for word in name.split())
        for name in sorted(names, key=len, reverse=True)
    )
    abbreviation = (
        rf"|(?<![A-Za-z]){re.escape(series.short_name)}(?:[-‐ ]?(?P<numeral>[IVXL]+|\d{{1,2}})\b)?"
        if series.short_name
        else ""
    )
    return re.compile(
        rf"(?:(?:{_ORDINAL_EN}\s+|{_ORDINAL_JA})?(?P<name>{spelled}){abbreviation})",
        re.IGNORECASE,
    )


SERIES_PATTERNS = [(series, series_pattern(series)) for series in table.SERIES]
# An edition of a series the table does not know: "the 2nd Dialogue on Export Control".
UNKNOWN_SERIES = [
    re.compile(
        rf"\b{_ORDINAL_EN}\s+(?P<name>[A-Z][\w'-]*(?:\s+(?:(?:on|of|for|and|the|in|between)\s+)*"
        r"[A-Z][\w'-]*)*)",
        re.IGNORECASE,
    ),
    re.compile(rf"{_ORDINAL_JA}(?P<name>[^（(、，。\s]+?)(?=[（(]|の開催|における|について|$)"),
]
TITLE_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:results?|outline|overview(?: and evaluation)?|summary|"
    r"holding|press\s+release|(?:co-)?chair(?:man|person)?s?'?s?\s+summary(?:\s+report)?)"
    r"\s+(?:of|on)\s+(?:the\s+)?|.*?\b(?:remarks|speech|address)\b.*?\bat\s+(?:the\s+)?)",
    re.IGNORECASE,
)
TITLE_SUFFIX = re.compile(
    r"(?:\s*[(（][^()（）]*[)）])+\s*$|(?:の(?:開催|実施))?(?:について|（結果）|の結果)?$|"
    r"(?:共同)?議長(?:総括|声明)$"
)


def read_meeting_name(release):
    """Series and edition from the title, or the first paragraphs when it lacks them; the
    meeting's title is its name with the edition as written ("第11回ARF...会合")."""
    meeting = release.meeting
    texts = [release.source.title] + [p.text for p in body_paragraphs(release)[:4]]
    found = [
        (text, series, match)
        for text in texts
        for series, pattern in SERIES_PATTERNS
        for match in pattern.finditer(fold(text[:OPENING_LENGTH]))
    ]
    if found:
        series = found[0][1]
        found = [(text, match) for text, known, match in found if known is series]
        meeting.series = Series(series.slug, series.name, series.short_name)
        meeting.ordinal = edition([match for _text, match in found], release)
        for text, match in found:
            if match.group("name") and ordinal_words(match):
                meeting.title = text[match.start() : match.end("name")]
                break
    else:
        for pattern in UNKNOWN_SERIES:
            match = pattern.search(fold(release.source.title))
            if match:
                meeting.series = Series("", match.group("name").strip(), "")
                meeting.ordinal = ordinal_value(ordinal_words(match))
                break
    if not meeting.title:
        meeting.title = clean_title(release.source.title)
    series = meeting.series
    if series and series.slug and meeting.ordinal is None:
        release.warnings.append(f"The edition of the {series.name} is not stated: enter it.")
    if series and series.short_name and meeting.ordinal:
        meeting.short_name = f"{series.short_name}-{roman(meeting.ordinal)}"


def edition(found, release):
    """The ordinal from the words ("Thirteenth", 第13回) or the abbreviation (ASTOP-XIII)."""
    values = []
    for match in found:
        if ordinal_words(match):
            values.append(ordinal_value(ordinal_words(match)))
        numeral = match.groupdict().get("numeral")
        if numeral:
            values.append(int(numeral) if numeral.isdigit() else roman_value(numeral.upper()))
    if len(set(values)) > 1:
        release.warnings.append(
            f"The text gives two editions ({', '.join(map(str, sorted(set(values))))}): "
            f"{values[0]} is taken."
        )
    return values[0] if values else None


def clean_title(title):
    title = TITLE_PREFIX.sub("", title.strip())
    previous = None
    while previous != title:
        previous, title = title, TITLE_SUFFIX.sub("", title).strip()
    return title


# --- Meeting dates, venue and format --------------------------------------------------------

MEETING_CUE = re.compile(
    r"\b(?:held|hold|hosted|convened|took place|take place|conducted|met)\b|開催|行われ|実施|主催",
    re.IGNORECASE,
)
TODAY_JA = re.compile(r"本日")
VIRTUAL = re.compile(
    r"video\s*(?:tele)?conference|\bvirtual(?:ly)?\b|\bonline\b|テレビ会議|ビデオ会議|"
    r"オンライン|ウェブ会議|web会議",
    re.IGNORECASE,
)
HYBRID = re.compile(r"\bhybrid\b|ハイブリッド", re.IGNORECASE)
_VENUE_EN = (
    r"(?P<venue>[A-Z][\w'.-]*(?:\s+(?:(?:of|for|and|the|de|on)\s+)*[A-Z][\w'.-]*)*"
    r"(?:\s+\([A-Z][^()]*\))?)"
)
VENUE_EN = re.compile(rf"\bat\s+(?:the\s+)?{_VENUE_EN}")
IN_PLACE_EN = re.compile(rf"\bin\s+(?:the\s+)?{_VENUE_EN}")
VENUE_JA = re.compile(
    r"(?:^|[、，,はがを]|\s|[)）])(?P<venue>[^、，,。\s()（）はがを]{2,25}?)"
    r"(?:において|にて|で開催|で行われ)"
)
CITY_AND_VENUE_JA = re.compile(  # 東京（三田共用会議所）において
    r"(?P<city>[^、，,。\s()（）はがを]{2,10})[(](?P<venue>[^()]{2,25})[)](?:において|にて|で)"
)
DAY_VENUE_EN = re.compile(
    rf"\b(?i:on)\s+(?P<date>\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})[^.;]*?\bat\s+(?:the\s+)?"
    + _VENUE_EN
)
DAY_VENUE_JA = re.compile(
    r"(?P<date>(?:\d{1,2}月)?\d{1,2}日)は(?P<venue>[^、，,。]+?)(?=[、，,]|において|で開催|にて)"
)
CITY_NAMES = {
    name: city for city, names in table.CITIES.items() for name in (city, *names)
}  # fmt: skip
CITY = re.compile(
    r"(?<![A-Za-z])(?:"
    + "|".join(re.escape(n) for n in sorted(CITY_NAMES, key=len, reverse=True))
    + r")(?![a-z])",
    re.IGNORECASE,
)


def find_city(text):
    match = CITY.search(fold(text))
    if not match:
        return ""
    return next(city for name, city in CITY_NAMES.items() if name.lower() == match.group().lower())


def read_meeting_dates(release):
    meeting = release.meeting
    reference = release.source.published_on
    for index, paragraph in enumerate(body_paragraphs(release)[:6]):
        for sentence in sentences(paragraph.text):
            if not MEETING_CUE.search(sentence) and index > 0:
                continue
            # A date without its year is on or after the date line for what will be,
            # on or before it for what was.
            after = {"announcement": True, "speech": None}.get(release.source.kind, False)
            after = after or bool(FUTURE.search(sentence))
            dates = find_dates(sentence[:OPENING_LENGTH])
            if not meeting.start_date and dates:
                date = dates[0]
                meeting.start_date, meeting.end_date = resolve(
                    date, reference, after, "meeting date", release.warnings
                )
                meeting.date_precision = date.precision if meeting.start_date else ""
            elif not meeting.start_date and TODAY_JA.search(sentence) and reference:
                meeting.start_date = meeting.end_date = reference
                meeting.date_precision = "day"
                release.warnings.append("The meeting is dated 本日 (today): the date line's date.")
            if meeting.start_date or meeting.city:
                read_place(release, paragraph.text, sentence)
                return
    if not meeting.start_date and release.source.kind == "speech" and reference:
        meeting.start_date = meeting.end_date = reference
        meeting.date_precision = "day"
        dateline = next(p.text for p in release.paragraphs if p.kind == "dateline")
        meeting.city = meeting.city or find_city(dateline)
        release.warnings.append(
            "The meeting's date (and city, if any) are the speech's date line: check that "
            "the speech was given there on the meeting's (first) day."
        )
    elif not meeting.start_date:
        release.warnings.append("The meeting's date was not found: enter it.")


def read_place(release, paragraph_text, sentence):
    """Venue, city and format, from the sentence that dates the meeting (and its paragraph)."""
    meeting = release.meeting
    folded = fold(sentence)
    venue = VENUE_EN.search(folded)
    if release.source.language == "ja":
        venue = VENUE_JA.search(folded)
    city_and_venue = CITY_AND_VENUE_JA.search(folded)
    if release.source.language == "ja" and city_and_venue:
        meeting.city = find_city(city_and_venue.group("city"))
        # 東京（三田共用会議所）: a venue in brackets; ハノイ（ベトナム）: the city's country
        in_brackets = _key(city_and_venue.group("venue")) in ORGANIZATION_FORMS
        venue = None if in_brackets else city_and_venue
    if venue and not VIRTUAL.search(venue.group("venue")):
        name = venue.group("venue").rstrip(".,")
        city = find_city(name)
        if city and CITY.fullmatch(fold(name)):
            meeting.city = meeting.city or city
        else:
            meeting.venue_name = sentence[venue.start("venue") : venue.start("venue") + len(name)]
    if not meeting.city:
        after_venue = folded[venue.end() :] if venue else folded
        place = IN_PLACE_EN.search(after_venue) or IN_PLACE_EN.search(folded)
        meeting.city = find_city(place.group("venue")) if place else ""
        if not meeting.city and release.source.language == "ja":
            meeting.city = find_city(folded)
    if not meeting.venue_name and release.source.language == "en":
        place = IN_PLACE_EN.search(folded)
        if place and not find_city(place.group("venue")):
            meeting.venue_name = place.group("venue").rstrip(".,")
    read_venues_per_day(release, paragraph_text)
    if not meeting.city and any(
        fold(known) in fold(meeting.venue_name) for known in table.VENUES_IN_TOKYO
    ):
        meeting.city = "Tokyo"
        release.warnings.append(
            f"The city (Tokyo) is inferred from the venue ({meeting.venue_name})."
        )
    for venue in meeting.venues:
        venue.city = venue.city or meeting.city
    if HYBRID.search(paragraph_text):
        meeting.format = "hybrid"
    elif VIRTUAL.search(paragraph_text) or VIRTUAL.search(release.source.title):
        meeting.format = "virtual"
    elif meeting.venue_name or meeting.city:
        meeting.format = "in_person"


def read_venues_per_day(release, text):
    meeting = release.meeting
    folded = fold(text)
    pattern = DAY_VENUE_JA if release.source.language == "ja" else DAY_VENUE_EN
    found = list(pattern.finditer(folded))
    if len(found) < 2:
        return
    for match in found:
        [date] = find_dates(match.group("date")) or [None]
        day_only = re.fullmatch(r"(\d{1,2})日", match.group("date"))
        day = None
        if meeting.start_date and (date or day_only):
            day = safe_date(
                meeting.start_date.year,
                (date and date.month) or meeting.start_date.month,
                date.day if date else int(day_only.group(1)),
            )
        name = text[match.start("venue") : match.end("venue")].strip().rstrip(".,")
        city = find_city(name) or meeting.city
        meeting.venues.append(Venue(day, name, city))
    meeting.venue_name = meeting.venues[0].name
    meeting.city = meeting.city or meeting.venues[0].city


# A full stop then space ends a sentence, but not after "Mr" or an initial ("U.S. ").
SENTENCE_BREAK = re.compile(
    r"(?<=[.。])(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bDr\.)(?<!\bProf\.)(?<!\bH\.E\.)"
    r"(?<!\b[A-Z]\.)(?<!\bNo\.)\s*"
)


def sentences(text):
    return [s for s in SENTENCE_BREAK.split(text) if s.strip()]


# --- Participants ----------------------------------------------------------------------------


def trie_pattern(forms):
    """One regex for many names, as a trie: shared beginnings are tried once, and of two
    names starting at one place the longer wins ("Republic of Korea" before "Korea")."""
    trie = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node):
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + pattern(child)
            for char, child in node.items()
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


def _key(words):
    return " ".join(fold(words).split()).casefold()


ORGANIZATION_FORMS = {
    _key(form): entry
    for entry in table.ORGANIZATIONS
    for form in (*entry.names, *entry.abbreviations)
}
# Abbreviations match as written ("UN", not "un"); names in any case.
ABBREVIATIONS = {
    _key(abbreviation): abbreviation
    for entry in table.ORGANIZATIONS
    for abbreviation in entry.abbreviations
} | {_key(name): None for entry in table.ORGANIZATIONS for name in entry.names}
_ASCII_FORMS = {key for key in ORGANIZATION_FORMS if key.isascii()}
# Japanese names run together in lists: no word boundaries; tried first ("ASEAN事務局").
# The forms are case-folded: the whole pattern ignores case.
ORGANIZATION = re.compile(
    f"(?:{trie_pattern(set(ORGANIZATION_FORMS) - _ASCII_FORMS)}"
    f"|(?<![A-Za-z0-9.]){trie_pattern(_ASCII_FORMS)}(?![A-Za-z-]))",
    re.IGNORECASE,
)
ROLE_CUE = re.compile(r"\bco-chair|\bchaired by\b|議長を務め|共同議長", re.IGNORECASE)
PARTICIPATION_CUE = re.compile(
    r"\bparticipants\s+(?:included|include|were|are|will be|comprised)\b|"
    r"\b(?:officials|representatives|delegations?|delegates|experts)\s+(?:of|from)\b|"
    r"\bparticipat(?:e|es|ed|ing|ion)\b|\battend(?:s|ed|ing|ance)?\b|\btook part\b|"
    r"\btake part\b|\bjoin(?:s|ed)?\b|\brepresented\b|\bdelegations?\b|\babsent\b|"
    r"\bas (?:an? )?(?:guests?|observers?)\b|"
    r"参加(?![国者])|出席(?![国者])|欠席|代表団|ゲスト|オブザーバー",
    re.IGNORECASE,
)
_THE_MEETING = (
    r"(?:it|the\s+(?:meeting|talks|seminar|dialogue|session|conference|workshop|forum|"
    r"exercise))\b"
)
# (pattern, which side of the cue the names are on, what they get)
SEGMENTS_EN = [
    (re.compile(r"\b(?:was|were)\s+(?:absent|not represented|unable to (?:attend|participate))|"
                r"\b(?:did|could) not (?:attend|participate|take part)", re.I), "before",
     {"status": "absent"}),
    (re.compile(r"\b(?:except(?: for)?|with the exception of|excluding|other than)\s+"
                r"(?P<after>[^,;)]+)", re.I), "after", {"status": "absent"}),
    (re.compile(r"\bas (?:an? )?observers?\b", re.I), "before", {"status": "observer"}),
    (re.compile(r"\bas (?:an? )?guests?(?: speakers?)?\b", re.I), "before", {"status": "guest"}),
    (re.compile(r"\b(?:has|have|was|were)\s+(?:also\s+)?(?:been\s+)?invited\b", re.I), "before",
     {"status": "invited"}),
    (re.compile(r"\bco-chaired\s+by\s+(?P<after>.+)$", re.I), "after", {"roles": {"co_chair"}}),
    (re.compile(r"\bchaired\s+by\s+(?P<after>.+)$", re.I), "after", {"roles": {"chair"}}),
    (re.compile(r"\bco-chair(?:ed)?\s+(?:(?:it|the\s+\w+)\s+)?(?:together\s+)?with\s+(?P<after>.+)$",
                re.I), "after", {"roles": {"co_chair"}}),
    (re.compile(r"\b(?:will\s+)?co-chair(?:ed|s)?\b", re.I), "before", {"roles": {"co_chair"}}),
    (re.compile(rf"(?<!co-)\b(?:will\s+)?chair(?:ed)?\s+{_THE_MEETING}", re.I), "before",
     {"roles": {"chair"}}),
    (re.compile(r"\bhosted\s+by\s+(?P<after>[^,;]+)", re.I), "after", {"roles": {"host"}}),
    (re.compile(rf"\b(?:which\s+)?(?:will\s+)?host(?:ed|s)?\s+{_THE_MEETING}", re.I), "before",
     {"roles": {"host"}}),
    (re.compile(r"\bfor the first time\b", re.I), "before", {"first_time": True}),
    (re.compile(r"\bwith assets\b", re.I), "before", {"with_assets": True}),
]  # fmt: skip
SEGMENTS_JA = [
    (re.compile(r"欠席|不参加|参加しなかった|参加できなかった|参加を見送"), "before",
     {"status": "absent"}),
    (re.compile(r"(?P<after>[^、，,（(]+?)を除く"), "after", {"status": "absent"}),
    (re.compile(r"オブザーバー"), "before", {"status": "observer"}),
    (re.compile(r"ゲスト"), "before", {"status": "guest"}),
    (re.compile(r"招待|招へい"), "before", {"status": "invited"}),
    (re.compile(r"共同議長"), "before", {"roles": {"co_chair"}}),
    (re.compile(r"(?<!共同)議長(?!総括|声明)"), "before", {"roles": {"chair"}}),
    (re.compile(r"主催|ホスト"), "before", {"roles": {"host"}}),
    (re.compile(r"初めて|初参加"), "before", {"first_time": True}),
    (re.compile(r"アセット"), "before", {"with_assets": True}),
]  # fmt: skip
# Where a clause starts, for names "before" a cue: the sentence, or after a clause's end.
CLAUSE_START_EN = re.compile(r"[;:]\s*|\b(?:while|whereas|but)\s+")
CLAUSE_START_JA = re.compile(r"(?:され|し|り|て|が|なお|また|ただし)[，、,]")
ROLE_AFTER = re.compile(
    r"^(?:\s*,\s*(?:which\s+was\s+|as\s+)?(?:the\s+)?|\s*[(]\s*(?:as\s+)?(?:the\s+)?)"
    r"(?P<roles>(?:host|chair|co-chair)(?:\s+country)?(?:\s*(?:and|,|/)\s*(?:the\s+)?"
    r"(?:host|chair|co-chair)(?:\s+country)?)*)\s*[)]?(?=[\s,.;)]|$)",
    re.IGNORECASE,
)
SUCH_AS = re.compile(r"^\s*,?\s*(?:such as|including|e\.g\.,?|[(（])", re.IGNORECASE)
LIST_END = re.compile(
    r"[;)）]|,\s*as well as\b|\bas well as\b|\bwill\b|\bparticipated\b|\battended\b|\bwere\b|"
    r"等|など|の(?!\w*[ァ-ヴ])",
)
COUNT_EN = re.compile(
    r"(?P<approx>\b(?:about|approximately|around|some|nearly|almost|over|more than)\s+)?"
    r"\b(?P<count>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty)\s+"
    r"(?P<what>(?:[A-Z]{2,}\s+)?(?:[a-z-]+\s+){0,2}?(?:countries|states|members|economies|"
    r"organi[sz]ations|delegations|participants|officials|people|persons|experts|"
    r"representatives)(?:\s+(?:and|or)\s+(?:[a-z-]+\s+){0,2}(?:organi[sz]ations|countries|"
    r"bodies|agencies))?)\b",
)
COUNT_JA = re.compile(
    # "ARFメンバー27か国・機関": the members of a group, counted
    r"(?P<what>[A-Za-z\u30a0-\u30ff\u4e00-\u9fff]{1,15}(?:メンバー|加盟国|参加国))"
    r"(?P<count>\d+)\s*(?P<unit>か国|カ国|ヶ国|ヵ国)(?:・(?:地域|機関))*"
    # "約50名", "23のARFメンバー及び国際機関から"; not "ASEAN10か国" (a group as a whole)
    r"|(?P<approx>約|およそ)?(?<![A-Za-z\u30a0-\u30ff\d])(?P<count2>\d+)\s*"
    r"(?:(?P<unit2>名|人|か国|カ国|ヶ国|ヵ国)|の(?P<what2>[^、，,。]{1,30}?)(?:から|より|が))"
)
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50,
}  # fmt: skip
# A heading whose following lines list participants, one or a few a line.
OBSERVER_HEADING = re.compile(r"^(?:observers?|オブザーバー)\s*[:：]?\s*$", re.IGNORECASE)
PARTICIPANT_HEADING = re.compile(
    r"^(?:annex\s*\d*\s*[:：.]?\s*|別添\s*\d*\s*[:：]?\s*)?"
    r"(?:(?:the\s+)?list\s+of\s+(?:participants|delegations|participating\s+\w+)|participants|"
    r"participating\s+(?:countries|states|members)(?:\s+and\s+organi[sz]ations)?|delegations|"
    r"the following (?:countries|states|members|delegations)\s+(?:participated|attended|took part)|"
    r"参加国(?:・機関)?(?:一覧)?|参加者(?:一覧)?|出席国(?:一覧)?|出席者(?:一覧)?)\s*[:：]?\s*$",
    re.IGNORECASE,
)
LIST_ITEM_LABELS = re.compile(r"^(?:|[-－–•・●○■◆◇])$")  # no label, or a bullet
LIST_ITEM_LENGTH = 120  # a longer line, or a sentence, ends the list
REGION_NAMES = {
    name: region for region, names in table.REGIONS.items() for name in (region, *names)
}  # fmt: skip
REGION_LINE = re.compile(
    r"^\s*(?:[(（]\s*)?(?P<region>"
    + "|".join(re.escape(n) for n in sorted(REGION_NAMES, key=len, reverse=True))
    + r")\s*(?:[)）]|[:：])\s*(?P<list>.+)$"
)


def read_participants(release):
    """Who took part and how, sentence by sentence; counts; lists under a heading
    ("Observers:", "List of Participants"), by region or not."""
    japanese = release.source.language == "ja"
    default = "planned" if release.source.kind == "announcement" else "attended"
    listed = None  # the status of the lines listed under a heading
    for index, paragraph in enumerate(release.paragraphs):
        if paragraph.kind != "body":
            continue
        text = fold(paragraph.text)
        if OBSERVER_HEADING.match(text) or PARTICIPANT_HEADING.match(text):
            listed = "observer" if OBSERVER_HEADING.match(text) else default
            continue
        region = REGION_LINE.match(text)
        if listed and region:
            region_name = REGION_NAMES[region.group("region")]
            read_list(release, index, region.start("list"), listed, region_name)
            continue
        if (
            listed
            and LIST_ITEM_LABELS.match(paragraph.label)
            and len(text) <= LIST_ITEM_LENGTH
            and not re.search(r"[.。]\s*$", text)
        ):
            read_list(release, index, 0, listed, "")
            continue
        listed = None
        offset = 0
        for sentence in sentences(text):
            start = text.index(sentence, offset)
            offset = start + len(sentence)
            status = "planned" if FUTURE.search(sentence) else default
            read_sentence(release, paragraph, index, start, sentence, status, japanese)


def read_sentence(release, paragraph, index, start, sentence, status, japanese):
    cue = PARTICIPATION_CUE.search(sentence)
    if not (cue or MEETING_CUE.search(sentence) or ROLE_CUE.search(sentence)):
        return  # a sentence about something else: what it names did not take part
    counts = read_counts(release, paragraph, index, start, sentence, japanese)
    found = organizations_in(release, sentence, skip=counts)
    if cue:
        found = dict(
            sorted(
                (found | unknown_organizations(release, sentence, found, counts, japanese)).items()
            )
        )
    if not found:
        return
    facts = {span: {} for span in found}
    for pattern, side, fact in SEGMENTS_JA if japanese else SEGMENTS_EN:
        for match in pattern.finditer(sentence):
            if side == "after":
                segment = (match.start("after"), match.end("after"))
            else:
                segment = (clause_start(sentence, match.start(), japanese), match.start())
            for span in found:
                if segment[0] <= span[0] and span[1] <= segment[1]:
                    facts[span] = merge_facts(facts[span], fact)
    seen = {}
    for span, entry in found.items():
        fact = facts[span]
        if not fact and not cue:
            continue
        words, roles, whole = words_around(paragraph.text, start, span, entry, japanese)
        key = entry.slug or entry.name
        if key in seen and listed_together(sentence, seen[key], span, found):
            release.warnings.append(
                f"{entry.name} is listed twice in one sentence (“{words}”): kept once."
            )
        seen[key] = span
        add_participant(
            release,
            Participant(
                source_words=words,
                slug=entry.slug,
                name=entry.name,
                status=fact.get("status") or status,
                roles=sorted({*roles, *fact.get("roles", ())}),
                paragraph=index,
                whole_group=whole,
                first_time=fact.get("first_time", False),
                with_assets=fact.get("with_assets", False),
            ),
        )
    read_partial_lists(release, paragraph, start, sentence, found, japanese)


def read_list(release, index, list_start, status, region):
    """The names on a line of a list: "Asia: Mongolia, Bangladesh", "• Australia"."""
    paragraph = release.paragraphs[index]
    japanese = release.source.language == "ja"
    text = fold(paragraph.text)
    for span, entry in organizations_in(release, text[list_start:]).items():
        span = (span[0] + list_start, span[1] + list_start)
        words, roles, whole = words_around(paragraph.text, 0, span, entry, japanese)
        add_participant(
            release,
            Participant(
                source_words=words,
                slug=entry.slug,
                name=entry.name,
                status=status,
                roles=roles,
                paragraph=index,
                whole_group=whole,
                region=region,
            ),
        )


ORGANIZATION_WORDS_EN = (
    r"Organi[sz]ation|Secretariat|Agency|Office|Cent(?:re|er)|Commission|Committee|Institute|"
    r"Bank|Fund|Programme|Association|Network|Authority|Alliance|Partnership|Foundation"
)
UNKNOWN_EN = re.compile(
    r"(?<![\w'’-])(?:the\s+)?(?P<name>(?:[A-Z][\w'’-]*\s+(?:(?:of|for|on|in|and|the)\s+)*){0,6}"
    rf"(?:{ORGANIZATION_WORDS_EN})\b(?:\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w'’-]*"
    r"(?:\s+[A-Z][\w'’-]*){0,4})?)"
)
UNKNOWN_JA = re.compile(
    r"(?<![\u30a0-\u30ff\u4e00-\u9fffA-Za-z])(?P<name>[\u30a0-\u30ff\u4e00-\u9fffA-Za-z・]{1,30}?"
    r"(?:機関|事務局|センター|委員会|フォーラム|基金|研究所|機構|ネットワーク|銀行|協会))"
)


def unknown_organizations(release, sentence, found, skip, japanese):
    """Organisations the name table does not know, named in a list of participants:
    "the Asia Pacific Safeguards Network", "核セキュリティ支援センター"."""
    taken = [*found, *skip]
    unknown = {}
    for match in (UNKNOWN_JA if japanese else UNKNOWN_EN).finditer(sentence):
        span = match.span("name")
        name = match.group("name")
        if any(a < span[1] and span[0] < b for a, b in taken) or _key(name) in ORGANIZATION_FORMS:
            continue
        unknown[span] = table.Name("", name, classification="")
        release.warnings.append(
            f"“{name}” is not in the name table: check it, and match it by hand."
        )
    return unknown


def listed_together(sentence, first, second, found):
    """Whether only other names of a list stand between two mentions."""
    between = sentence[first[1] : second[0]]
    for span in sorted(found, reverse=True):
        if first[1] <= span[0] and span[1] <= second[0]:
            between = between[: span[0] - first[1]] + between[span[1] - first[1] :]
    return not re.sub(r"(?i:\band\b|\bthe\b|\bas well as\b)|[\s,、，・]|及び|並びに", "", between)


def merge_facts(facts, fact):
    """A name in several segments gets each one's roles; the first status stands."""
    merged = dict(facts)
    for key, value in fact.items():
        if key == "roles":
            merged["roles"] = merged.get("roles", set()) | value
        elif key != "status" or "status" not in merged:
            merged[key] = value
    if {"chair", "co_chair"} <= merged.get("roles", set()):
        merged["roles"] = merged["roles"] - {"chair"}  # "co-chaired" also reads "chaired"
    return merged


def clause_start(sentence, cue_start, japanese):
    pattern = CLAUSE_START_JA if japanese else CLAUSE_START_EN
    starts = [m.end() for m in pattern.finditer(sentence, 0, cue_start)]
    return starts[-1] if starts else 0


def organizations_in(release, sentence, skip=()):
    """{(start, end): name-table entry} for the organisations a sentence names, less those
    inside a meeting's or series' name ("Japan-Thailand Dialogue") or a count."""
    matches = list(ORGANIZATION.finditer(sentence))
    if not matches:
        return {}
    excluded = list(skip)
    for name in (release.meeting.title, release.meeting.series and release.meeting.series.name):
        if name:
            excluded += [m.span() for m in re.finditer(re.escape(fold(name)), sentence)]
    excluded += [m.span() for _s, p in SERIES_PATTERNS for m in p.finditer(sentence)]
    found = {}
    previous = None
    for match in matches:
        if any(a <= match.start() < b for a, b in excluded):
            continue
        if re.match(r"-\s*[A-Z]", sentence[match.end() :]):  # "Japan-ASEAN ...": a name's part
            continue
        key = _key(match.group())
        if ABBREVIATIONS.get(key) and " ".join(match.group().split()) != ABBREVIATIONS[key]:
            continue  # "un", "Eu": not the abbreviation
        entry = ORGANIZATION_FORMS[key]
        if (
            previous
            and previous[1] == entry
            and re.fullmatch(r"\s*[(（]\s*", sentence[previous[0][1] : match.start()])
        ):
            continue  # "the European Union (EU)": one name
        found[match.span()] = entry
        previous = (match.span(), entry)
    return found


def words_around(text, offset, span, entry, japanese):
    """The words as written ("the ASEAN member countries", "Japan, the host"), the roles
    they state, and whether a group is named as a whole."""
    folded = fold(text)
    start, end = span[0] + offset, span[1] + offset
    before = re.search(r"(?i:\bthe\s+(?:(?:ten|eleven|\d+)\s+)?)$", folded[:start])
    if before and not japanese:
        start = before.start()
    whole = False
    if entry.classification == table.REGIONAL_GROUP:
        suffix = table.GROUP_MEMBERS_JA if japanese else rf"\s+{table.GROUP_MEMBERS_EN}\b"
        member_words = re.match(suffix, folded[end:], re.IGNORECASE)
        if member_words:
            end += member_words.end()
            whole = True
    abbreviation = re.match(r"\s*[(]\s*([A-Z][A-Za-z.]+)\s*[)]", folded[end:])
    if abbreviation and _key(abbreviation.group(1)) in ORGANIZATION_FORMS:
        end += abbreviation.end()
    roles = []
    stated = ROLE_AFTER.match(folded[end:])
    if stated:
        end += stated.end()
        for role in re.findall(r"co-chair|chair|host", stated.group("roles"), re.IGNORECASE):
            roles.append(role.lower().replace("-", "_"))
    return text[start:end], roles, whole


def add_participant(release, participant):
    """One entry per organisation: a second mention adds its roles and facts."""
    for known in release.participants:
        if (known.slug, known.name) == (participant.slug, participant.name):
            known.roles = sorted({*known.roles, *participant.roles})
            known.first_time = known.first_time or participant.first_time
            known.with_assets = known.with_assets or participant.with_assets
            if participant.status != known.status and participant.status in (
                "absent", "observer", "guest", "invited",
            ):  # fmt: skip
                known.status = participant.status
            return
    release.participants.append(participant)


def read_partial_lists(release, paragraph, start, sentence, found, japanese):
    """A group with "such as" / など: its list is not complete, the names are members."""
    spans = sorted(found)
    for position, span in enumerate(spans):
        group = found[span]
        if group.classification != table.REGIONAL_GROUP:
            continue
        after_group = sentence[span[1] :]
        suffix = re.match(
            table.GROUP_MEMBERS_JA if japanese else rf"\s+{table.GROUP_MEMBERS_EN}", after_group
        )
        rest_at = span[1] + (suffix.end() if suffix else 0)
        members = []
        if SUCH_AS.match(sentence[rest_at:]) and (japanese or "(" not in sentence[rest_at:][:2]):
            end = LIST_END.search(sentence, rest_at + 1)
            limit = end.start() if end else len(sentence)
            if re.search(r"を除く|\bexcept\b|\bexcluding\b", sentence[rest_at : limit + 4]):
                continue  # "(ミャンマーを除く)": named apart, not as the group's members
            members = [s for s in spans[position + 1 :] if s[1] <= limit]
            partial = bool(
                re.search(r"such as|including|e\.g\.|等|など", sentence[rest_at : limit + 2])
            )
        elif japanese:
            # インドネシア，マレーシア等のASEAN諸国: the members come first
            head = re.search(r"(?:等|など)の\s*$", sentence[: span[0]])
            if not head:
                continue
            members = [s for s in spans[:position] if found[s].classification == table.COUNTRY]
            partial = True
        else:
            continue
        members = [s for s in members if group.slug in found[s].groups]
        if not members:
            continue
        for participant in release.participants:
            if participant.slug == group.slug:
                participant.list_complete = not partial
                participant.whole_group = True
            if participant.slug in {found[s].slug for s in members}:
                participant.member_of = group.slug


def read_counts(release, paragraph, index, start, sentence, japanese):
    """Participants given as numbers; returns the spans they take."""
    if not PARTICIPATION_CUE.search(sentence):
        return []
    spans = []
    for match in (COUNT_JA if japanese else COUNT_EN).finditer(sentence):
        if re.search(r"(?i:\bthe\s+)$", sentence[: match.start()]):
            continue  # "the ten ASEAN member states": the group as a whole, not a count
        parts = match.groupdict()
        count = parts["count"] or parts.get("count2")
        value = int(count) if count.isdigit() else NUMBER_WORDS[count.lower()]
        what = parts["what"] or parts.get("what2") or ""
        if japanese and not what:
            what = "people" if parts["unit2"] in ("名", "人") else "countries"
        release.participant_counts.append(
            ParticipantCount(
                count=value,
                what=what.strip(),
                approximate=bool(match.group("approx")),
                source_words=paragraph.text[start + match.start() : start + match.end()].strip(),
                paragraph=index,
            )
        )
        spans.append(match.span())
    return spans


# --- People ----------------------------------------------------------------------------------

_HONORIFICS = r"(?:(?:Mr|Ms|Mrs|Dr|Prof)\.|H\.\s?E\.|(?:His|Her) Excellency|Ambassador|Amb\.)"
_HONORIFIC = rf"(?P<honorific>{_HONORIFICS})"
_CAPS = r"[A-Z][A-Z'’-]+"
_WORD = r"(?:[A-Z][a-z'’-]+|[A-Z][A-Z'’-]+|[A-Z]\.)"
_VERBS = (
    r"(?:who\s+)?(?:(?:will|would)\s+)?(?:gave|give|delivered|deliver|made|make|chaired|chair|"
    r"co-chaired|co-chair|presided|preside|led|lead|headed|head|opened|open|stated|said|"
    r"explained|expressed|welcomed|introduced|attended|attend|participated|served|presented|"
    r"spoke|noted|emphasi[sz]ed|stressed|reported|briefed|joins|joined|took|hosted|moderated|"
    r"underlined|pointed|outlined|was|were|is|are|also|has|had)\b"
)
PERSON_EN = re.compile(
    rf"(?<![\w.]){_HONORIFIC}\s+(?P<name>{_WORD}(?:\s+{_WORD}){{0,3}}?)"
    rf"(?=[,;.]|\s+(?:of|from|and|who|{_VERBS})\b|\s*$)"
    r"(?:\s+(?:of|from)\s+(?:the\s+)?(?P<affiliation>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,5}))?"
    r"(?:,\s+(?P<title>[A-Z](?:[^.;]|\.(?=\S))*?))?"
    rf"(?=,?\s+{_VERBS}|,\s+and\s+(?:{_HONORIFICS}|{_CAPS}\s)|,\s+(?:at|together|as|on behalf)\b"
    r"|,\s*$|[.;]\s|[.;]?$|(?(title)(?!)|\s+(?:of|from|and)\s))"
)
# "KITAGAWA Katsuro, Director ...": a name with the family name in capitals, no honorific
PERSON_CAPS_EN = re.compile(
    rf"(?:^|(?<=\bby )|(?<=, and )|(?<=\band ))(?P<name>{_CAPS}\s+[A-Z][a-z'’-]+|"
    rf"[A-Z][a-z'’-]+\s+{_CAPS}),\s+(?P<title>[A-Z](?:[^.;]|\.(?=\S))*?)"
    rf"(?=,?\s+{_VERBS}|,\s+and\s|[.;]\s|[.;]?$)"
)
_JA_STOP = r"(?=が|は|から|より|を|と|も|に|の(?:開会|冒頭|挨拶|発言|司会|下)|[、，,。]|$)"
PERSON_JA = re.compile(
    r"(?P<name>[一-龥々ヶ]{2,6})\s*[(（](?P<reading>[ぁ-ゖー]+[・･\s　][ぁ-ゖー]+)[)）]"
    rf"(?P<title>[^、，,。がはをにと]{{0,40}}?){_JA_STOP}"
)
PERSON_KATAKANA = re.compile(
    r"(?P<name>[ァ-ヴー]{2,}(?:[・＝][ァ-ヴー]{2,})+)"
    r"(?P<title>[^、，,。がはをにと「」『』]{0,28}?(?:長|官|大使|代表|委員|教授|博士|大臣|総裁|員))"
    rf"{_JA_STOP}"
)
JA_TITLES = (
    "共同議長|議長|大使|外務副大臣|外務大臣政務官|外務大臣|副大臣|大臣政務官|大臣|政務官|"
    "事務局長|局長|部長|審議官|課長|室長|参事官|代表|次官|事務総長"
)
SURNAME_JA = re.compile(
    rf"(?:^|(?<=[\s、，,。はがにるのでとも「『（(：:う]))(?P<name>[一-龥々]{{1,4}}?)"
    rf"(?P<title>{JA_TITLES})"
)
NOT_SURNAMES = {
    "共同",
    "副",
    "各国",
    "同",
    "本",
    "前",
    "元",
    "新",
    "現",
    "次期",
    "全体",
    "会議",
    "協議",
}
TITLE_HONORIFICS = {"Ambassador": "Ambassador", "Amb.": "Ambassador", "Prof.": "Professor"}
SPEAKING = (
    r"\b(?:gave|give|delivered|deliver|made|stated|said|explained|expressed|presented|spoke|"
    r"lectured|lecture|presentation|keynote|"
    r"noted|emphasi[sz]ed|stressed|reported|briefed|outlined|underlined|pointed)\b|"
    r"発表|説明|講演|発言|述べ|報告"
)
ROLE_WORDS = [
    ("chair", r"\b(?:co-)?chair(?:ed|s)?\b|\bpresid|議長"),
    ("head_of_delegation", r"\b(?:led|headed|lead|head)\b|団長"),
    ("opening_speech",
     r"\bopening\s+(?:remarks|speech|address|statement)|\bwelcom|開会挨拶|冒頭挨拶|挨拶"),
]  # fmt: skip


def read_people(release):
    """People with their titles; one entry per person, whichever order the name is in."""
    for index, paragraph in enumerate(release.paragraphs):
        if paragraph.kind not in ("body", "title"):
            continue
        text = paragraph.text
        for _start, sentence in sentence_spans(text):
            if release.source.language == "ja":
                for match in PERSON_JA.finditer(sentence):
                    add_person_ja(release, match, sentence, index, match["reading"])
                for match in PERSON_KATAKANA.finditer(sentence):
                    if _key(match["name"]) not in ORGANIZATION_FORMS:
                        add_person_ja(release, match, sentence, index, "")
            else:
                for pattern in (PERSON_EN, PERSON_CAPS_EN):
                    for match in pattern.finditer(sentence):
                        add_person_en(release, match, sentence, index)
    if release.source.language == "ja":
        for index, paragraph in enumerate(release.paragraphs):
            if paragraph.kind in ("body", "title"):
                for _start, sentence in sentence_spans(paragraph.text):
                    for match in SURNAME_JA.finditer(sentence):
                        add_surname_ja(release, match, sentence, index)


def sentence_spans(text):
    offset = 0
    for sentence in sentences(text):
        start = text.index(sentence, offset)
        offset = start + len(sentence)
        yield start, sentence


def person_role(release, sentence, start, end, title):
    """From the words after the person, or before ("chaired by"), or the title itself."""
    after = sentence[end:]
    before = sentence[:start]
    verb = re.match(rf",?\s*{_VERBS}.{{0,60}}", after) or re.search(
        rf",\s+{_VERBS}.{{0,60}}", after
    )
    if release.source.language == "ja":
        verb = re.match(r".{0,40}", after)
    for role, words in ROLE_WORDS:
        if verb and re.search(words, verb.group(), re.IGNORECASE):
            return role
    if re.search(r"\b(?:co-)?chaired\s+by\b|\bpresided\s+over\s+by\b|議長は", before, re.I):
        return "chair"
    if re.search(r"\b(?:led|headed)\s+by\b", before, re.IGNORECASE):
        return "head_of_delegation"
    if re.search(r"\bco-chair(?:ed|s)?\b.*\bwith\b", before, re.IGNORECASE):
        return "chair"
    if re.search(r"^(?:chair|議長)", title, re.IGNORECASE):
        return "chair"
    if sentence == release.source.title and re.search(r"opening|開会|冒頭", sentence, re.I):
        return "opening_speech"  # the speaker of "Opening Remarks by ..."
    if verb and re.search(SPEAKING, verb.group(), re.IGNORECASE):
        return "speaker"
    return ""  # named, with no role stated


def english_order(name):
    """ "Hitoshi KIMURA" and "KITAGAWA Katsuro" -> "Hitoshi Kimura", "Katsuro Kitagawa"."""
    words = name.split()

    def tidy(word):
        return word.capitalize() if word.isupper() and len(word) > 1 else word

    if len(words) > 1 and words[0].isupper() and len(words[0]) > 1 and not words[-1].isupper():
        words = words[1:] + words[:1]  # the family name in capitals comes first
    return " ".join(tidy(word) for word in words)


def add_person(release, person):
    """One entry per person: the same words in either order are one person."""
    key = frozenset(person.english_name.casefold().split()) or {person.name}
    for known in release.people:
        if (frozenset(known.english_name.casefold().split()) or {known.name}) == key:
            if known.role in ("", "speaker") and person.role not in ("", "speaker"):
                known.role = person.role
            return
    release.people.append(person)


def add_person_en(release, match, sentence, index):
    name = match["name"]
    if _key(name) in ORGANIZATION_FORMS or not re.search(r"[a-z]|[A-Z]{2}", name):
        return
    title = (match["title"] or "").strip().rstrip(",")
    honorific = match.groupdict().get("honorific") or ""
    affiliation = (match.groupdict().get("affiliation") or "").rstrip(".")
    if not title and honorific in TITLE_HONORIFICS:
        # "Prof. X of Tokyo University": Professor, Tokyo University; a state is who he is for
        title = TITLE_HONORIFICS[honorific]
        if affiliation and _key(affiliation) not in ORGANIZATION_FORMS:
            title = f"{title}, {affiliation}"
    words = sentence[match.start() : match.end()].rstrip(",")
    add_person(
        release,
        Person(
            source_words=words,
            name=name,
            english_name=english_order(name),
            title=title,
            role=person_role(release, sentence, match.start(), match.end(), title),
            paragraph=index,
            honorific=honorific,
        ),
    )


def add_person_ja(release, match, sentence, index, reading):
    name = match["name"]
    family, _, given = re.split(r"[・･\s　]", reading, maxsplit=1)[0], "", ""
    if reading:
        family, given = re.split(r"[・･\s　]", reading, maxsplit=1)
        english = f"{romanise(given).capitalize()} {romanise(family).capitalize()}"
    else:
        english = ""  # a foreign name in katakana: the curator gives its spelling
    title = match["title"].strip()
    add_person(
        release,
        Person(
            source_words=sentence[match.start() : match.end()],
            name=name,
            english_name=english,
            title=title,
            role=person_role(release, sentence, match.start(), match.end(), title),
            paragraph=index,
            reading=reading,
        ),
    )


def add_surname_ja(release, match, sentence, index):
    """天野議長: the person named in full elsewhere, or a name the curator completes:
    a surname alone, or a full name (浅野勝人外務副大臣) without its reading."""
    name = match["name"]
    if name in NOT_SURNAMES or _key(name) in ORGANIZATION_FORMS:
        return
    if any(p.name.startswith(name) for p in release.people):
        return
    title = match["title"]
    release.people.append(
        Person(
            source_words=match.group(),
            name=name,
            english_name="",
            title=title,
            role=person_role(release, sentence, match.start(), match.end(), title),
            paragraph=index,
        )
    )
    if len(name) > 2:
        release.warnings.append(f"No reading is given for {name} ({title}): spell it in English.")
    else:
        release.warnings.append(f"Only the surname of {name} ({title}) is given: complete it.")


# Hiragana to Hepburn, pairs with a small ya/yu/yo first.
KANA = dict(
    re.findall(
        r"(\S+)=(\S*)",
        """
        きゃ=kya きゅ=kyu きょ=kyo しゃ=sha しゅ=shu しょ=sho ちゃ=cha ちゅ=chu ちょ=cho
        にゃ=nya にゅ=nyu にょ=nyo ひゃ=hya ひゅ=hyu ひょ=hyo みゃ=mya みゅ=myu みょ=myo
        りゃ=rya りゅ=ryu りょ=ryo ぎゃ=gya ぎゅ=gyu ぎょ=gyo じゃ=ja じゅ=ju じょ=jo
        びゃ=bya びゅ=byu びょ=byo ぴゃ=pya ぴゅ=pyu ぴょ=pyo
        あ=a い=i う=u え=e お=o か=ka き=ki く=ku け=ke こ=ko さ=sa し=shi す=su せ=se そ=so
        た=ta ち=chi つ=tsu て=te と=to な=na に=ni ぬ=nu ね=ne の=no は=ha ひ=hi ふ=fu へ=he
        ほ=ho ま=ma み=mi む=mu め=me も=mo や=ya ゆ=yu よ=yo ら=ra り=ri る=ru れ=re ろ=ro
        わ=wa を=o ん=n が=ga ぎ=gi ぐ=gu げ=ge ご=go ざ=za じ=ji ず=zu ぜ=ze ぞ=zo だ=da ぢ=ji
        づ=zu で=de ど=do ば=ba び=bi ぶ=bu べ=be ぼ=bo ぱ=pa ぴ=pi ぷ=pu ぺ=pe ぽ=po ー=
        """,
    )
)


def romanise(kana):
    """Hepburn as passports write it, long vowels unmarked: かつろう -> katsuro."""
    result = ""
    index = 0
    while index < len(kana):
        if kana[index] == "っ" and index + 1 < len(kana):
            following = KANA.get(kana[index + 1 : index + 3]) or KANA.get(kana[index + 1], "")
            result += following[:1].replace("c", "t")
            index += 1
            continue
        pair = kana[index : index + 2]
        if pair in KANA:
            result += KANA[pair]
            index += 2
        else:
            result += KANA.get(kana[index], "")
            index += 1
    return re.sub(r"ou|oo|uu", lambda m: m.group()[0], result)
