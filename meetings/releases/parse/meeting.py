"""The header (title, date line, kind, language); the meeting's name, series and edition;
its dates, venue and format."""

import re

from django.utils.translation import gettext as _

from .. import names as table
from .dates import _MONTH, OPENING_LENGTH, find_dates, is_dateline, resolve, safe_date
from .forms import ORGANIZATION_FORMS, _key, fold
from .records import Series, Venue
from .text import COPY_ADDRESS, COPY_NOTE, sentences

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
        release.warnings.append(_("No title was found: enter it."))
    read_kind(release)


def read_dateline(release, text):
    [date] = find_dates(text)
    if date.day2:  # "28-29 JUNE 2006, TOKYO, JAPAN": the meeting's dates, not a publication
        release.meeting.start_date, release.meeting.end_date = resolve(
            date, None, None, _("date line"), release.warnings
        )
        release.meeting.date_precision = "day"
        release.meeting.city = find_city(text[date.end :]) or find_city(text[: date.start])
        release.warnings.append(
            _("The date line gives the meeting's dates; the publication date is not stated.")
        )
        return
    start, _end = resolve(date, None, None, _("date line"), release.warnings)
    release.source.published_on = start
    if date.precision == "month":
        release.warnings.append(
            _(
                "The date line gives only a month (%(month)s): the publication date is set to "
                "its first day. Check it."
            )
            % {"month": date.words}
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
        address = COPY_ADDRESS.search(fold(paragraph.text))
        if address and paragraph.kind == "other":
            source.relation = "copy"
            source.copy_url = address.group("url")


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
    re.compile(rf"{_ORDINAL_JA}(?P<name>[^（(、，。\s]+?)(?=[（(\s]|の開催|における|について|$)"),
]
TITLE_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:results?|outline|overview(?: and evaluation)?|summary|"
    r"holding|press\s+release|(?:co-)?chair(?:man|person)?s?'?s?\s+summary(?:\s+report)?)"
    r"\s+(?:of|on)\s+(?:the\s+)?|.*?\b(?:remarks|speech|address)\b.*?\bat\s+(?:the\s+)?)",
    re.IGNORECASE,
)
TITLE_SUFFIX = re.compile(
    r"(?:\s*[(（][^()（）]*[)）])+\s*$|(?:の(?:開催|実施))?(?:について|（結果）|の結果)?$|"
    r"(?:結果概要|概要と評価|結果)$|"
    r"(?:共同)?議長(?:総括|声明)$|"
    # "... Workshop in Kuala Lumpur": the place is the meeting's, not part of its name
    rf"\s+in\s+(?:{'|'.join(re.escape(city) for city in table.CITIES)})$"
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
    read_title_abbreviation(release)
    series = meeting.series
    if series and series.slug and meeting.ordinal is None:
        release.warnings.append(
            _("The edition of the %(series)s is not stated: enter it.") % {"series": series.name}
        )
    if series and series.short_name and meeting.ordinal:
        meeting.short_name = f"{series.short_name}-{roman(meeting.ordinal)}"


# The series' abbreviation and edition in the title's bracket: "(PRIMEC-VI)", "（PRIMEC-6）"
TITLE_ABBREVIATION = re.compile(
    r"[(（](?P<abbreviation>[A-Z][A-Z0-9]{1,11})[-‐](?P<numeral>[IVXL]+|\d{1,2})[)）]"
)


def read_title_abbreviation(release):
    """A series the table does not know gets its abbreviation, and the meeting its edition,
    from the title ("(PRIMEC-VI)"); a bracket without an edition ("(PDF)") gives neither."""
    meeting = release.meeting
    match = TITLE_ABBREVIATION.search(fold(release.source.title))
    if not match or (meeting.series and meeting.series.slug):
        return
    numeral = match.group("numeral")
    value = int(numeral) if numeral.isdigit() else roman_value(numeral)
    if meeting.ordinal and meeting.ordinal != value:
        release.warnings.append(
            _("The text gives two editions (%(editions)s): %(taken)s is taken.")
            % {
                "editions": f"{min(value, meeting.ordinal)}, {max(value, meeting.ordinal)}",
                "taken": meeting.ordinal,
            }
        )
    meeting.ordinal = meeting.ordinal or value
    name = meeting.series.name if meeting.series else meeting.title
    meeting.series = Series("", name, match.group("abbreviation"))


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
            _("The text gives two editions (%(editions)s): %(taken)s is taken.")
            % {"editions": ", ".join(map(str, sorted(set(values)))), "taken": values[0]}
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
CITY_PREFIX_JA = re.compile(r"(?P<city>[^・]{2,10})・(?=.{2})")
# A line of its own: "於：東京（外務省）", "場所：東京・三田共用会議所", "会場：三田共用会議所";
# or the value on the line under its heading ("2．場所" then "東京・三田共用会議所").
_PLACE_LABEL_JA = r"(?:於|(?:開催)?(?:場所|会場))"
AT_LINE_JA = re.compile(
    rf"^{_PLACE_LABEL_JA}\s*[:：]\s*(?:(?P<city>[^()（）・]{{2,10}})\s*[(（](?P<in_city>[^()（）]{{2,25}})[)）]|"
    r"(?P<prefix>[^()（）・]{2,10})・(?P<after_city>[^()（）]{2,25})|"
    r"(?P<venue>[^()（）]{2,25}))\s*$"
)
PLACE_HEADING_JA = re.compile(rf"^{_PLACE_LABEL_JA}\s*[:：]?\s*$")
DATE_HEADING_JA = re.compile(r"^(?:開催)?(?:日時|日程|期日)\s*[:：]?\s*$")
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
    # Lines above the title and date line ("ASEAN Regional Forum") are headings, not text.
    header = [p.start for p in release.paragraphs if p.kind in ("title", "dateline")]
    opening = [p for p in body_paragraphs(release) if not header or p.start > max(header)]
    for index, paragraph in enumerate(opening[:6]):
        # "1．日時" on its line, the date on the next: the value is the meeting's
        under_heading = index > 0 and DATE_HEADING_JA.match(opening[index - 1].text.strip())
        for sentence in sentences(paragraph.text):
            if not MEETING_CUE.search(sentence) and index > 0 and not under_heading:
                continue
            # A date without its year is on or after the date line for what will be,
            # on or before it for what was.
            after = {"announcement": True, "speech": None}.get(release.source.kind, False)
            after = after or bool(FUTURE.search(sentence))
            dates = find_dates(sentence[:OPENING_LENGTH])
            if not meeting.start_date and dates:
                date = dates[0]
                meeting.start_date, meeting.end_date = resolve(
                    date, reference, after, _("meeting date"), release.warnings
                )
                meeting.date_precision = date.precision if meeting.start_date else ""
            elif not meeting.start_date and TODAY_JA.search(sentence) and reference:
                meeting.start_date = meeting.end_date = reference
                meeting.date_precision = "day"
                release.warnings.append(
                    _("The meeting is dated 本日 (today): the date line's date.")
                )
            if meeting.start_date or meeting.city:
                read_place(release, paragraph.text, sentence)
                return
    if not meeting.start_date and release.source.kind == "speech" and reference:
        meeting.start_date = meeting.end_date = reference
        meeting.date_precision = "day"
        dateline = next(p.text for p in release.paragraphs if p.kind == "dateline")
        meeting.city = meeting.city or find_city(dateline)
        release.warnings.append(
            _(
                "The meeting's date (and city, if any) are the speech's date line: check that "
                "the speech was given there on the meeting's (first) day."
            )
        )
    elif not meeting.start_date:
        release.warnings.append(_("The meeting's date was not found: enter it."))


# "in Lima, Peru": a city the table does not know, in the state after it
IN_STATE_EN = re.compile(r",\s*(?P<state>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})")


def is_state(words):
    entry = ORGANIZATION_FORMS.get(_key(words))
    return bool(entry) and entry.classification == table.COUNTRY


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
        at = venue.start("venue")
        prefix = CITY_PREFIX_JA.match(name)
        # 東京都内, 大阪市内 ("in the city of"): a city, not a venue
        if city and CITY.fullmatch(fold(re.sub(r"(?:都|府|県|市)?内$", "", name))):
            meeting.city = meeting.city or city
        elif prefix and CITY.fullmatch(prefix.group("city")):  # 東京・三田共用会議所
            meeting.city = meeting.city or city
            meeting.venue_name = sentence[at + prefix.end() : at + len(name)]
        elif prefix and is_state(prefix.group("city")):  # ノルウェー・トロムソ: a city
            meeting.city = meeting.city or sentence[at + prefix.end() : at + len(name)]
        else:
            meeting.venue_name = sentence[at : at + len(name)]
    if not meeting.city:
        after_venue = folded[venue.end() :] if venue else folded
        place = IN_PLACE_EN.search(after_venue) or IN_PLACE_EN.search(folded)
        meeting.city = find_city(place.group("venue")) if place else ""
        if not meeting.city and release.source.language == "ja":
            meeting.city = find_city(folded)
    if not meeting.venue_name and release.source.language == "en":
        place = IN_PLACE_EN.search(folded)
        in_state = place and IN_STATE_EN.match(folded, place.end())
        if in_state and is_state(in_state["state"]) and not meeting.city:
            meeting.city = sentence[place.start("venue") : place.end("venue")]  # Lima, Peru
        elif place and not find_city(place.group("venue")):
            meeting.venue_name = place.group("venue").rstrip(".,")
    read_venues_per_day(release, paragraph_text)
    if not meeting.city and any(
        fold(known) in fold(meeting.venue_name) for known in table.VENUES_IN_TOKYO
    ):
        meeting.city = "Tokyo"
        release.warnings.append(
            _("The city (Tokyo) is inferred from the venue (%(venue)s).")
            % {"venue": meeting.venue_name}
        )
    for venue in meeting.venues:
        venue.city = venue.city or meeting.city
    if HYBRID.search(paragraph_text):
        meeting.format = "hybrid"
    elif VIRTUAL.search(paragraph_text) or VIRTUAL.search(release.source.title):
        meeting.format = "virtual"
    elif meeting.venue_name or meeting.city:
        meeting.format = "in_person"


def read_at_line(release):
    """A venue given on a line of its own (於：東京（外務省）, 場所：東京・三田共用会議所, or
    場所 with the value on the next line) when the text names none; a venue still not
    found is flagged."""
    meeting = release.meeting
    previous = ""
    for paragraph in body_paragraphs(release):
        text = fold(paragraph.text).strip()
        if PLACE_HEADING_JA.match(previous):
            text = "場所：" + text  # the heading's value, read as on one line
        shift = len(text) - len(fold(paragraph.text).strip())
        previous = fold(paragraph.text).strip()
        line = AT_LINE_JA.match(text)
        if not line or meeting.venue_name:
            continue
        city = find_city(line["city"] or line["prefix"] or "")
        meeting.city = meeting.city or city
        if line["in_city"]:
            start, end = line.span("in_city")
        elif line["after_city"]:  # 東京・三田共用会議所; a name with a dot that is no city's, whole
            start, end = line.start("after_city" if city else "prefix"), line.end("after_city")
        else:
            start, end = line.span("venue")
        at = len(paragraph.text) - len(paragraph.text.lstrip()) - shift
        meeting.venue_name = paragraph.text[at + start : at + end].strip()
        if not meeting.city and any(fold(known) in text for known in table.VENUES_IN_TOKYO):
            meeting.city = "Tokyo"
        meeting.format = meeting.format or "in_person"
    if not meeting.venue_name and meeting.format != "virtual":
        release.warnings.append(_("The meeting's venue was not found: enter it."))


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
