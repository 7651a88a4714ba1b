"""From the pasted text of a press release to a draft meeting.

Three steps, each a plain function:

- ``parse_release(text)`` reads the text alone: its paragraphs (label, kind, verbatim
  text), title, date line, and the facts a curator would otherwise type (meeting name,
  edition, dates, venue) plus the participants and people the text names;
- ``propose_links(release)`` matches those names against the organisations, people and
  topics the archive knows, giving proposals that nothing links until a curator confirms;
- ``create_draft_meeting(...)`` writes the draft, its source and the confirmed links in one
  transaction.

What the parser does not recognise stays a plain paragraph, verbatim: the paragraphs,
joined back, give the pasted text less its blank lines.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from .models import (
    Appearance,
    Meeting,
    Organization,
    Paragraph,
    Participation,
    Person,
    SourceDocument,
    Topic,
    TopicMention,
)

Kind = Paragraph.Kind

# The size of one release. ASTOP-V's release is about 3,000 characters in 10 paragraphs;
# a long chair's summary is a few tens of thousands. The limits leave room for far longer
# documents while refusing what is not one release (a 2 MB paste made 8,608 paragraphs
# and a source page that took 107 s to open). 200,000 characters are at most 800 KB as
# UTF-8 (600 KB of Japanese), which the import's multipart post carries within
# DATA_UPLOAD_MAX_MEMORY_SIZE.
MAX_RELEASE_CHARACTERS = 200_000
MAX_RELEASE_PARAGRAPHS = 2_000

# --- Paragraph labels --------------------------------------------------------------

_DIGIT = "[0-9０-９]"
_NUMBERED = r"(?:\d{1,2}\.(?!\d)|[0-9０-９]{1,2}．)"  # "1." but not "1.5"; "１．" also before text
_BRACKETED = (
    rf"[(（](?:{_DIGIT}{{1,2}}|[a-zA-Zａ-ｚ]|[ivxIVX]{{2,4}}|[*＊]{{1,3}}|注{_DIGIT}?|[ア-ン])[)）]"
)
_FOOTNOTE_MARK = r"[*＊※]{1,3}|Notes?:"
LABEL = re.compile(
    rf"^(?:{_NUMBERED}(?:\s*{_BRACKETED})?|{_BRACKETED}|{_FOOTNOTE_MARK})"
    # The label ends at white space, the end of the line, or Japanese text set close.
    r"(?=\s|$|[^\x00-\x7f])"
)
FOOTNOTE_LABEL = re.compile(r"[*＊※注]|Note")

# Lines of the web page around the release, not part of it.
PAGE_FURNITURE = re.compile(
    r"^[\W_]*(?:back to (?:the )?(?:index|top|page top|list|press releases?)|"
    r"(?:go to )?(?:page )?top(?: of (?:the )?page)?|return to (?:the )?top|"
    r"related (?:information|links)|print(?: this page)?|(?:english|japanese)(?: page)?|"
    r"ページのトップへ戻る|目次へ戻る|前のページへ戻る|このページのトップへ)[\W_]*$",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.。:：;!?！？”\"」』)）]$")
WRAPPED_LINE_LENGTH = 50  # a shorter unpunctuated line is a list item, not a wrapped line

# --- Dates -----------------------------------------------------------------------

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
_MONTH = r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"  # noqa: E501
# First year of each era, less one: Heisei 20 is 1988 + 20 = 2008.
ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
_YEAR_JA = r"(?:(?P<era>明治|大正|昭和|平成|令和)(?P<era_year>\d{1,2}|元)|(?P<year_ja>\d{4}))年"
_DAY = r"(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?"
DATE_PATTERNS = [
    re.compile(rf"(?P<month>{_MONTH})\.?\s+{_DAY},?\s+(?P<year>\d{{4}})"),
    re.compile(rf"(?<!\d){_DAY}\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})"),
    re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})"),
    re.compile(rf"{_YEAR_JA}\s*(?P<month>\d{{1,2}})月(?:\s*(?P<day>\d{{1,2}})日)?"),
    re.compile(rf"(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})"),  # month only
]
DATELINE_MAX_EXTRA = 30  # characters around the date on a date line ("Tokyo, ")
WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_RANGE = r"\s*(?:-|–|—|to|and|through)\s*"
MEETING_DATE_PATTERNS = [
    re.compile(
        rf"{WEEKDAY}(?P<month>{_MONTH})\.?\s+{_DAY}"
        rf"(?:{_RANGE}(?:{WEEKDAY}(?P<month2>{_MONTH})\.?\s+)?(?P<day2>\d{{1,2}})(?!\d)"
        r"(?:st|nd|rd|th)?)?"
        r"(?:,?\s+(?P<year>\d{4}))?"
    ),
    re.compile(
        rf"(?<!\d){WEEKDAY}{_DAY}(?:{_RANGE}(?P<day2>\d{{1,2}}))?\s+(?P<month>{_MONTH})"
        r"(?:,?\s+(?P<year>\d{4}))?"
    ),
    re.compile(
        rf"(?:{_YEAR_JA})?(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日"
        r"(?:[^0-9。]{0,8}?(?:-|~|〜|～|から|及び|および)\s*(?:(?P<month2>\d{1,2})月)?(?P<day2>\d{1,2})日)?"
    ),
]

# --- Meeting name --------------------------------------------------------------

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30}  # "Twenty-first"
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
SHORT_NAME = re.compile(r"[(（]([A-Z][A-Z0-9]*(?:[-‐][A-Z0-9]+)*)[)）]")
TITLE_PREFIX = re.compile(
    r"^(?:the\s+)?(?:results?|outline|overview|summary|press\s+release|"
    r"chair(?:man|person)?[’']?s?\s+summary|co-chairs?[’']?\s+summary)\s+(?:of|on)\s+(?:the\s+)?",
    re.IGNORECASE,
)

# --- Participants and people ------------------------------------------------------

MEETING_WORDS = re.compile(
    r"\b(?:meeting|talks|dialogue|conference|seminar|session|consultations?|forum)\b|会議|協議",
    re.IGNORECASE,
)
# "officials from A, B and C participated": "from" if the sentence has it, else "of".
PARTICIPATED = [
    re.compile(rf"(?:^|\s){word}\s+(?P<list>.+?),?\s+(?:participated|attended|took part)\b")
    for word in ("from", "of")
]
ATTENDED_BY = re.compile(r"\b(?:attended by|participants (?:were|included))\s+(?P<list>.+?)\.?$")
CHAIRED_BY = re.compile(r"\b(?:co-)?chaired by\s+(?P<list>.+?)\.?$")
COUNT = re.compile(
    r"\b(?P<count>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+"
    r"(?:countries|states|economies|organi[sz]ations|delegations|participants|members)\b",
    re.IGNORECASE,
)
ROLE_WORDS = re.compile(
    r"^(?:as\s+)?(?:the\s+)?(?P<role>host|chair|co-chairs?)(?:\s+country)?$", re.IGNORECASE
)
ROLE_IN_BRACKETS = re.compile(
    r"\s*\((?:as\s+)?(?:the\s+)?(?P<role>host|chair|co-chairs?)\)$", re.IGNORECASE
)
EXCEPT = re.compile(
    r"\s*[(,]?\s*(?:except(?: for)?|with the exception of|excluding|other than)\s+"
    r"(?P<who>[^,;)]+)\)?",
    re.IGNORECASE,
)
ABSENT = re.compile(
    r"(?P<who>(?:the\s+)?[A-Z][\w’' -]*?)\s+(?:was|were)\s+(?:absent|not represented|"
    r"unable to (?:attend|participate))|(?P<who2>(?:the\s+)?[A-Z][\w’' -]*?)\s+did not "
    r"(?:attend|participate|take part)"
)
GROUP_SUFFIX = re.compile(
    r"\s+(?:member\s+(?:countries|states)|countries|government|delegation)$", re.IGNORECASE
)
_HONORIFIC = r"(?<!\w)(?P<honorific>Mr|Ms|Mrs|Dr|Prof|H\.E)\."
_NAME = r"(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})"
_TITLE = r"(?P<title>(?:[^.;]|\.(?=\S))+?)"  # a title may hold "U.S." but not a sentence end
SPEAKER = re.compile(
    rf"{_HONORIFIC}\s+{_NAME},\s+{_TITLE},\s+(?:who\s+)?(?P<verb>gave|delivered|made|"
    r"chaired|co-chaired|presided|led|headed|opened|stated|said|explained|expressed|"
    r"welcomed|introduced|attended|participated)\b(?P<rest>.{0,40})"
)
LED_BY = re.compile(r"\b(?P<verb>(?:co-)?chaired|presided over|headed|led)\s+by\s+")
PERSON_IN_LIST = re.compile(
    rf"{_HONORIFIC}\s+{_NAME},\s+{_TITLE}(?=,?\s+and\s+(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\.|[.;]|$)"
)


@dataclass
class ReleaseParagraph:
    label: str
    kind: str
    text: str

    @property
    def printed(self):
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass
class ParticipantMention:
    words: str  # as printed: "Japan, the host"
    name: str  # what to match: "Japan"
    role: str  # a Participation.Role value
    paragraph: int  # index into ParsedRelease.paragraphs


@dataclass
class PersonMention:
    honorific: str
    name: str  # given name first, as the archive keeps it: "Hitoshi Kimura"
    sort_name: str  # "Kimura, Hitoshi"
    title: str
    role: str  # an Appearance.Role value
    words: str  # "Mr. Hitoshi KIMURA, Senior Vice-Minister for Foreign Affairs"
    paragraph: int


@dataclass
class ParsedRelease:
    text: str
    paragraphs: list[ReleaseParagraph]
    title: str = ""
    kind: str = SourceDocument.Kind.PRESS_RELEASE
    language: str = "en"
    published_on: datetime.date | None = None
    meeting_title: str = ""
    short_name: str = ""
    ordinal: int | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    venue_name: str = ""
    city: str = ""
    participants: list[ParticipantMention] = field(default_factory=list)
    participant_count: str = ""  # "12 countries", when the release gives only a number
    absentees: list[str] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the curator should check


# --- Reading the text ---------------------------------------------------------------


def parse_release(text):
    """Read a pasted release; nothing here touches the database."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    release = ParsedRelease(text=text, paragraphs=split_paragraphs(text))
    release.language = guess_language(text)
    read_header(release)
    read_meeting_name(release)
    read_meeting_dates(release)
    read_participants(release)
    read_people(release)
    return release


def split_paragraphs(text):
    """One paragraph per non-blank line, label apart, text verbatim.

    A label alone on its line joins the next line; a long unpunctuated body line
    followed directly by an unlabelled line was wrapped, and the two make one paragraph.
    """
    paragraphs = []
    pending_label = ""
    previous_blank = True
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if not line:
            previous_blank = True
            continue
        label, rest = split_label(line)
        if pending_label:
            label, rest = f"{pending_label} {label}".strip(), (rest if label else line)
            pending_label = ""
        if label and not rest:
            pending_label = label
            continue
        last = paragraphs[-1] if paragraphs else None
        if (
            len(paragraphs) > 1  # never into the title
            and not label
            and not previous_blank
            and last.kind == Kind.BODY
            and len(last.printed) >= WRAPPED_LINE_LENGTH
            and not SENTENCE_END.search(last.text)
            and not PAGE_FURNITURE.match(line)
            and not is_dateline(line)
        ):
            last.text = f"{last.text} {line}"
        else:
            paragraphs.append(ReleaseParagraph(label, paragraph_kind(label, rest), rest))
        previous_blank = False
    if pending_label:  # a label at the very end: keep it as text
        paragraphs.append(ReleaseParagraph("", Kind.BODY, pending_label))
    return paragraphs


def split_label(line):
    match = LABEL.match(line)
    if not match:
        return "", line
    return match.group(0), line[match.end() :].strip()


def paragraph_kind(label, text):
    if label and FOOTNOTE_LABEL.search(label):
        return Kind.FOOTNOTE
    if not label and PAGE_FURNITURE.match(text):
        return Kind.OTHER
    return Kind.BODY


def guess_language(text):
    letters = [c for c in text if not c.isspace()]
    japanese = sum(1 for c in letters if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    return "ja" if letters and japanese / len(letters) > 0.2 else "en"


def normalise(text):
    """Full-width digits and brackets as ASCII, for reading values (never for storing)."""
    return unicodedata.normalize("NFKC", text)


def find_date(text):
    """The first date in ``text``: (date, match span, whether only the month is given)."""
    normal = normalise(text)
    for pattern in DATE_PATTERNS:
        match = pattern.search(normal)
        if not match:
            continue
        parts = match.groupdict()
        year = era_year(parts) if parts.get("era") or parts.get("year_ja") else int(parts["year"])
        month = month_number(parts["month"])
        day = parts.get("day")
        try:
            return datetime.date(year, month, int(day or 1)), match.span(), day is None
        except ValueError:
            continue
    return None, None, False


def is_dateline(line):
    """A short line that is mostly a date: "May 1, 2008", "Tokyo, 1 May 2008"."""
    day, span, _ = find_date(line)
    return day is not None and len(normalise(line)) - (span[1] - span[0]) <= DATELINE_MAX_EXTRA


def era_year(parts):
    if parts.get("year_ja"):
        return int(parts["year_ja"])
    offset = 1 if parts["era_year"] == "元" else int(parts["era_year"])
    return ERAS[parts["era"]] + offset


def month_number(value):
    return int(value) if value.isdigit() else MONTHS[value.lower().rstrip(".")]


def read_header(release):
    """Title and date line: the first lines, before the body starts."""
    head = release.paragraphs[:3]
    dateline_at = None
    for index, paragraph in enumerate(head):
        if paragraph.label or paragraph.kind != Kind.BODY:
            break
        if is_dateline(paragraph.text):
            day, _, month_only = find_date(paragraph.text)
            paragraph.kind = Kind.DATELINE
            release.published_on = day
            dateline_at = index
            if month_only:
                release.notes.append(
                    f"The date line gives only a month; the publication date is set to "
                    f"{day:%-d %B %Y}. Check it."
                )
            break
    if dateline_at is None:
        title_lines = head[:1]
    elif dateline_at == 0:
        title_lines = head[1:2]  # the date first, then the title
    else:
        title_lines = head[:dateline_at]
    for paragraph in title_lines:
        if paragraph.kind == Kind.BODY and not paragraph.label:
            paragraph.kind = Kind.TITLE
    release.title = " ".join(p.text for p in title_lines if p.kind == Kind.TITLE)
    if release.published_on is None:
        release.notes.append("No date line was found: enter the publication date.")
    lowered = release.title.lower()
    if ("summary" in lowered and "chair" in lowered) or "議長総括" in release.title:
        release.kind = SourceDocument.Kind.CHAIRS_SUMMARY
    elif "statement" in lowered or "声明" in release.title:
        release.kind = SourceDocument.Kind.STATEMENT


def read_meeting_name(release):
    title = normalise(release.title)
    short = SHORT_NAME.search(title) or next(
        (m for p in body_paragraphs(release) if (m := SHORT_NAME.search(normalise(p.text)))),
        None,
    )
    if short:
        release.short_name = short.group(1)
    name = SHORT_NAME.sub("", title).strip() if short else title
    release.meeting_title = TITLE_PREFIX.sub("", name).strip()
    release.ordinal = ordinal_in(title) or roman_suffix(release.short_name)


def ordinal_in(text):
    japanese = re.search(r"第\s*(\d+)\s*回", text)
    if japanese:
        return int(japanese.group(1))
    numeric = re.search(r"\b(\d{1,3})(?:st|nd|rd|th)\b", text)
    if numeric:
        return int(numeric.group(1))
    for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)?", text):
        parts = word.lower().split("-")
        if len(parts) == 2 and parts[0] in TENS and parts[1] in ORDINAL_WORDS:
            return TENS[parts[0]] + ORDINAL_WORDS[parts[1]]
        if len(parts) == 1 and parts[0] in ORDINAL_WORDS:
            return ORDINAL_WORDS[parts[0]]
    return None


def roman_suffix(short_name):
    match = re.search(r"[-‐]([IVXL]+|\d+)$", short_name)
    if not match:
        return None
    value = match.group(1)
    if value.isdigit():
        return int(value)
    total = 0
    for current, following in zip(value, [*value[1:], None], strict=True):
        number = ROMAN[current]
        total += -number if following and ROMAN[following] > number else number
    return total


def body_paragraphs(release):
    return [p for p in release.paragraphs if p.kind == Kind.BODY]


# A full stop then space ends a sentence, but not after "Mr" or an initial ("U.S. ").
SENTENCE_BREAK = re.compile(
    r"(?<=[.。])(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bDr\.)(?<!\bProf\.)(?<!\bH\.E\.)"
    r"(?<!\b[A-Z]\.)\s+"
)


def sentences(text):
    return [s for s in SENTENCE_BREAK.split(text) if s]


def sentence_from(text, start):
    """``text`` from ``start`` to the end of that sentence."""
    end = SENTENCE_BREAK.search(text, start)
    return text[start : end.start() if end else None]


def read_meeting_dates(release):
    """The meeting's dates, from the first body paragraphs; the year from the date line."""
    for paragraph in body_paragraphs(release)[:3]:
        normal = normalise(paragraph.text)
        matches = [m for pattern in MEETING_DATE_PATTERNS if (m := pattern.search(normal))]
        # The first date in the text, and of two starting there the longer ("April 24-25").
        for match in sorted(matches, key=lambda m: (m.start(), -m.end())):
            if set_meeting_dates(release, match.groupdict()):
                read_venue(release, normal, match.end())
                return
    release.notes.append("The meeting dates were not found: enter them.")


def set_meeting_dates(release, parts):
    month = month_number(parts["month"])
    if parts.get("era") or parts.get("year_ja"):
        year = era_year(parts)
    elif parts.get("year"):
        year = int(parts["year"])
    elif release.published_on:
        year = release.published_on.year
        if month > release.published_on.month:
            year -= 1  # a December meeting in a January release
    else:
        return False
    month2 = month_number(parts["month2"]) if parts.get("month2") else month
    try:
        release.start_date = datetime.date(year, month, int(parts["day"]))
        release.end_date = (
            datetime.date(year, month2, int(parts["day2"])) if parts.get("day2") else None
        ) or release.start_date
    except ValueError:
        return False
    if release.end_date < release.start_date:
        release.end_date = release.start_date
    return True


def read_venue(release, text, after):
    """ "..., at Mita House." or "at the Iikura Guest House, Tokyo" right after the date."""
    rest = sentence_from(text, after)
    venue = re.search(
        r"\bat\s+(?:the\s+)?(?P<venue>[A-Z][\w’'.-]*(?:\s+(?:(?:of|de|and|the)\s+)*[A-Z][\w’'.-]*)*)"
        r"(?:,\s+(?P<city>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?=[\s,.;]|$))?",
        rest,
    )
    if venue:
        release.venue_name = venue.group("venue").rstrip(".")
        release.city = venue.group("city") or ""
    city = re.search(rf"\bin\s+(?!{_MONTH}\b)(?P<city>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b", rest)
    if city and not release.city:
        release.city = city.group("city")


def read_participants(release):
    """Who took part, from the sentence that says so; chairs; absentees; bare counts."""
    for index, paragraph in enumerate(release.paragraphs):
        if paragraph.kind != Kind.BODY:
            continue
        for sentence in sentences(paragraph.text):
            for match in ABSENT.finditer(sentence):
                add_absentee(release, match.group("who") or match.group("who2"))
            participated = next((m for p in PARTICIPATED if (m := p.search(sentence))), None)
            if not participated and not MEETING_WORDS.search(sentence):
                continue
            for match, role in (
                (participated, Participation.Role.PARTICIPANT),
                (ATTENDED_BY.search(sentence), Participation.Role.PARTICIPANT),
                (CHAIRED_BY.search(sentence), Participation.Role.CHAIR),
            ):
                if match and not re.match(_HONORIFIC, match.group("list")):
                    for absent in EXCEPT.finditer(match.group("list")):
                        add_absentee(release, absent.group("who"))
                    add_participants(release, match.group("list"), role, index)
    if not release.participants and not release.participant_count:
        release.notes.append("No participant sentence was recognised: add participants by hand.")


def add_participants(release, words, default_role, paragraph_index):
    count = COUNT.search(words)
    if count:
        release.participant_count = words
        release.notes.append(
            f"The release gives participants only as a number (“{words}”): nothing to link."
        )
        return
    known = {mention.name.casefold() for mention in release.participants}
    for item in split_list(words):
        name, role = participant_name(item)
        if not name or name.casefold() in known:
            continue
        known.add(name.casefold())
        release.participants.append(
            ParticipantMention(item, name, role or default_role, paragraph_index)
        )


def split_list(words):
    """ "A, B (except C), the United States, and Japan, the host" -> items, roles kept."""
    items = []
    depth = 0
    current = ""
    for char in words:
        depth += char in "(（"
        depth -= char in ")）"
        if char == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    result = []
    for item in (i.strip() for i in items):
        item = re.sub(r"^(?:and|as well as)\s+", "", item)
        if not item:
            continue
        if ROLE_WORDS.match(item) and result:
            result[-1] = f"{result[-1]}, {item}"
            continue
        result.extend(part for part in re.split(r"\s+and\s+(?![^(]*\))", item) if part)
    return result


def participant_name(item):
    """The name to match in an item, and the role it states ("Japan, the host")."""
    role = None
    name = item
    stated = re.search(r",\s*(.+)$", name)
    if stated and ROLE_WORDS.match(stated.group(1)):
        role = ROLE_WORDS.match(stated.group(1)).group("role")
        name = name[: stated.start()]
    bracketed = ROLE_IN_BRACKETS.search(name)
    if bracketed:
        role = bracketed.group("role")
        name = name[: bracketed.start()]
    name = EXCEPT.sub("", name)
    name = re.sub(r"\s*[(（][^)）]*[)）]", "", name)
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    name = GROUP_SUFFIX.sub("", name).strip(" .")
    roles = {"host": Participation.Role.HOST}
    return name, (roles.get(role.lower(), Participation.Role.CHAIR) if role else None)


def add_absentee(release, words):
    name = re.sub(r"^the\s+", "", words.strip(), flags=re.IGNORECASE)
    if name and name not in release.absentees:
        release.absentees.append(name)
        release.notes.append(
            f"The release names {name} as absent: it is not proposed as a participant."
        )


def read_people(release):
    """People with their titles: "Mr. X, <title>, gave ..." and "chaired by Mr. X, <title>"."""
    for index, paragraph in enumerate(release.paragraphs):
        if paragraph.kind != Kind.BODY:
            continue
        for match in SPEAKER.finditer(paragraph.text):
            add_person(release, match, appearance_role(match["verb"], match["rest"]), index)
        for led in LED_BY.finditer(paragraph.text):
            role = appearance_role(led["verb"], "")
            for match in PERSON_IN_LIST.finditer(sentence_from(paragraph.text, led.end())):
                add_person(release, match, role, index)


def appearance_role(verb, rest):
    verb = verb.lower()
    if "chair" in verb or "presided" in verb:
        return Appearance.Role.CHAIR
    if verb in {"led", "headed"}:
        return Appearance.Role.HEAD_OF_DELEGATION
    if re.search(r"\b(?:opening|welcome|welcoming)\b", rest, re.IGNORECASE):
        return Appearance.Role.OPENING_SPEECH
    return Appearance.Role.SPEAKER


def add_person(release, match, role, paragraph_index):
    name, sort_name = person_names(match["name"])
    if any(p.name == name and p.role == role for p in release.people):
        return
    words = match.group(0)[: match.end("title") - match.start()]
    release.people.append(
        PersonMention(
            honorific=match["honorific"] + ".",
            name=name,
            sort_name=sort_name,
            title=match["title"].strip(),
            role=role,
            words=words,
            paragraph=paragraph_index,
        )
    )


def person_names(printed):
    """ "Hitoshi KIMURA" -> ("Hitoshi Kimura", "Kimura, Hitoshi"): capitals mark the family name."""
    words = printed.split()
    family = [w for w in words if re.fullmatch(r"[A-Z][A-Z’'-]+", w)] or words[-1:]
    given = [w for w in words if w not in family]

    def tidy(word):
        return (
            re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), word)
            if word.isupper()
            else word
        )

    family_name = " ".join(tidy(w) for w in family)
    given_name = " ".join(given)
    name = f"{given_name} {family_name}".strip()
    return name, f"{family_name}, {given_name}" if given_name else family_name


# --- Matching against the archive --------------------------------------------------------


@dataclass
class ParticipationProposal:
    mention: ParticipantMention
    organization: Organization

    @property
    def key(self):
        return f"org:{self.organization.slug}"


@dataclass
class AppearanceProposal:
    mention: PersonMention
    person: Person | None  # None: a new person, created when confirmed

    @property
    def key(self):
        return f"person:{slugify(self.mention.name)}:{self.mention.role}"


@dataclass
class MentionProposal:
    topic: Topic
    paragraph: int
    quote: str
    kind: str

    @property
    def key(self):
        return f"topic:{self.topic.slug}:{self.paragraph}"


@dataclass
class Proposals:
    participations: list[ParticipationProposal] = field(default_factory=list)
    unmatched_participants: list[ParticipantMention] = field(default_factory=list)
    appearances: list[AppearanceProposal] = field(default_factory=list)
    mentions: list[MentionProposal] = field(default_factory=list)


def match_key(name):
    return re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.IGNORECASE).casefold()


def propose_links(release):
    """What the release's names match in the archive; a curator confirms each one."""
    proposals = Proposals()
    organizations = {}
    for organization in Organization.objects.all():
        for name in (organization.name, organization.abbreviation, organization.slug):
            if name:
                organizations.setdefault(match_key(name), organization)
    linked = set()
    for mention in release.participants:
        organization = organizations.get(match_key(mention.name))
        if organization is None:
            proposals.unmatched_participants.append(mention)
        elif organization.pk not in linked:
            linked.add(organization.pk)
            proposals.participations.append(ParticipationProposal(mention, organization))

    people = {person.slug: person for person in Person.objects.all()}
    for mention in release.people:
        proposals.appearances.append(AppearanceProposal(mention, people.get(slugify(mention.name))))

    proposals.mentions = propose_topic_mentions(release)
    return proposals


def propose_topic_mentions(release):
    """Each topic named in a paragraph, at its first mention there (by name or alias)."""
    topics = [
        (
            topic,
            [term_pattern(term) for term in [topic.name, *(a.name for a in topic.aliases.all())]],
        )
        for topic in Topic.objects.prefetch_related("aliases")
    ]
    proposals = []
    for index, paragraph in enumerate(release.paragraphs):
        if paragraph.kind not in (Kind.BODY, Kind.FOOTNOTE):
            continue
        defined = paragraph.text.split(":", 1)[0] if paragraph.kind == Kind.FOOTNOTE else ""
        for topic, patterns in topics:
            matches = [m for pattern in patterns if (m := pattern.search(paragraph.text))]
            if not matches:
                continue
            first = min(matches, key=lambda m: (m.start(), -m.end()))
            quote = first.group(0)
            kind = TopicMention.Kind.MENTION
            if first.start() == 0 and match_key(defined) == match_key(quote):
                kind = TopicMention.Kind.DEFINITION  # "(*) Nuclear Renaissance: ..."
            proposals.append(MentionProposal(topic, index, quote[:300], kind))
    return sorted(proposals, key=lambda m: (m.paragraph, m.topic.name))


def term_pattern(term):
    """Abbreviations ("PSI", "3Ss") match as written; names match in any case."""
    escaped = r"\s+".join(re.escape(word) for word in term.split())
    flags = 0 if term.upper() == term or len(term) <= 5 else re.IGNORECASE
    return re.compile(rf"(?<!\w){escaped}(?!\w)", flags)


# --- Writing the draft -------------------------------------------------------------------


def source_slug(meeting_slug, kind):
    return f"{meeting_slug}-{kind.replace('_', '-')}"


@transaction.atomic
def create_draft_meeting(
    *,
    release,
    series,
    ordinal,
    title,
    short_name,
    slug,
    start_date,
    end_date,
    publisher,
    published_on,
    venue_name="",
    city="",
    source_kind=None,
    language=None,
    original_url="",
    participations=(),
    appearances=(),
    mentions=(),
):
    """Create a draft meeting with its source, paragraphs and the confirmed links.

    ``participations``, ``appearances`` and ``mentions`` are the proposals that a
    curator confirmed; a confirmed appearance of an unknown person creates the person.
    Raises ValidationError (and writes nothing) when any row is invalid.
    """
    meeting = Meeting(
        series=series,
        ordinal=ordinal,
        title=title,
        short_name=short_name,
        slug=slug,
        start_date=start_date,
        end_date=end_date,
        venue_name=venue_name,
        city=city,
        status=Meeting.Status.DRAFT,
    )
    meeting.full_clean()
    meeting.save()

    kind = source_kind or release.kind
    document = SourceDocument(
        meeting=meeting,
        slug=source_slug(slug, kind),
        kind=kind,
        title=release.title or title,
        publisher=publisher,
        published_on=published_on,
        language=language or release.language,
        original_url=original_url,
    )
    document.full_clean()
    document.save()

    paragraphs = []
    for position, parsed in enumerate(release.paragraphs, start=1):
        paragraph = Paragraph(
            document=document,
            position=position,
            label=parsed.label,
            kind=parsed.kind,
            text=parsed.text,
        )
        paragraph.full_clean()
        paragraph.save()
        paragraphs.append(paragraph)

    for position, proposal in enumerate(participations, start=1):
        save_clean(
            Participation(
                meeting=meeting,
                organization=proposal.organization,
                role=proposal.mention.role,
                source_words=proposal.mention.words[:300],
                position=position,
                source_paragraph=paragraphs[proposal.mention.paragraph],
            )
        )

    for position, proposal in enumerate(appearances, start=1):
        mention = proposal.mention
        person = proposal.person or existing_or_new_person(mention)
        save_clean(
            Appearance(
                meeting=meeting,
                person=person,
                role=mention.role,
                title=mention.title[:200],
                source_words=mention.words[:300],
                position=position,
                source_paragraph=paragraphs[mention.paragraph],
            )
        )

    for proposal in mentions:
        save_clean(
            TopicMention(
                topic=proposal.topic,
                paragraph=paragraphs[proposal.paragraph],
                kind=proposal.kind,
                quote=proposal.quote,
            )
        )
    return meeting


def save_clean(row):
    row.full_clean()
    row.save()
    return row


def existing_or_new_person(mention):
    slug = slugify(mention.name)[:100]
    person = Person.objects.filter(slug=slug).first()
    if person is None:
        person = save_clean(
            Person(
                name=mention.name,
                sort_name=mention.sort_name,
                honorific=mention.honorific,
                slug=slug,
            )
        )
    return person
