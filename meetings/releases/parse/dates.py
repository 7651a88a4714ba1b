"""Dates as releases write them (English and Japanese), and the years inferred."""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .forms import fold

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
    # 12日夜、: a day alone before a time of day or a comma (the month and year are inferred)
    re.compile(r"(?<![\d月本])(?P<day>\d{1,2})\s*日(?=\s*(?:夜|朝|夕|午前|午後|、|，|,))"),
    # "2008/05/01"
    re.compile(r"(?<!\d)(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    # Month only: "February, 2011", "平成23年2月"
    re.compile(rf"(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})(?!\d)"),
    re.compile(rf"{_YEAR_JA}\s*(?P<month>\d{{1,2}})\s*月(?!\s*\d{{1,2}}\s*日)"),
]
RANGE_JOIN = re.compile(r"\s*(?:-|~|から|及び|および|と|to|through|until|and)\s*", re.I)
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
    year2: int | None = None  # the end's own year, when written
    year_at_end: bool = False  # "December 30-January 2, 2020": the year is the end's

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
    return join_ranges(text, folded, result)


def join_ranges(text, folded, dates):
    """Two full dates joined by から/及び/to…: one range, each end with its own year."""
    result = []
    for date in dates:
        first = result[-1] if result else None
        if (
            first and first.year and first.day and not first.day2
            and date.year and date.day and not date.day2
            and RANGE_JOIN.fullmatch(folded[first.start : date.start], first.end - first.start)
        ):  # fmt: skip
            first.month2, first.day2, first.year2 = date.month, date.day, date.year
            first.end = date.end
            first.words = text[first.start : first.end].strip()
        else:
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
        year_at_end="year" in parts
        and "day2" in parts
        and match.start("year") > match.start("day2"),
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


def resolve(date, reference, after, what, warnings, *, month_of_meeting=False):
    """(start, end) of ``date``; a missing year or month is taken from ``reference``.

    ``after``: True if the date is on or after the reference (an announcement), False if
    on or before it (results), None if unknown. ``what`` names the date ("meeting date");
    ``month_of_meeting``: the reference is the meeting's date, not the date line. What is
    inferred is said in ``warnings``, in the active language.
    """
    year, month = date.year, date.month
    words = {"what": what, "date": date.words}
    if year and date.year_at_end and date.month2 and date.month2 < month:
        year -= 1  # "December 30-January 2, 2020"
        warnings.append(
            _(
                "The %(what)s “%(date)s” gives the year of its end only: %(year)s is "
                "inferred for its start."
            )
            % {**words, "year": year}
        )
    if year and month and date.day:
        start = safe_date(year, month, date.day)
    elif year and month:  # a month only
        start = safe_date(year, month, 1)
    elif reference is None:
        warnings.append(_("The %(what)s “%(date)s” gives no year and no date line does.") % words)
        return None, None
    elif month is None:  # 本20日: the day only
        start = safe_date(reference.year, reference.month, date.day)
        if start is None:
            return None, None
        if month_of_meeting:
            message = _(
                "The %(what)s gives only the day “%(date)s”: month and year are the "
                "meeting's (%(month)s)."
            )
        else:
            message = _(
                "The %(what)s gives only the day “%(date)s”: month and year are the date "
                "line's (%(month)s)."
            )
        warnings.append(message % {**words, "month": date_format(start, "YEAR_MONTH_FORMAT")})
    else:
        start = year_for(month, date.day, date.weekday, reference, after)
        if start is None:
            return None, None
        warnings.append(
            _(
                "The %(what)s “%(date)s” gives no year: %(year)s is inferred from the date "
                "line (%(reference)s)."
            )
            % {**words, "year": start.year, "reference": reference.isoformat()}
        )
    if start is None:
        return None, None
    if date.weekday is not None and start.weekday() != date.weekday:
        warnings.append(
            _("The %(what)s is written with a weekday that does not fall on %(day)s.")
            % {"what": what, "day": start.isoformat()}
        )
    if not date.day:
        return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])
    end = start
    if date.year2:
        end = safe_date(date.year2, date.month2, date.day2)
    elif date.day2:
        end = safe_date(start.year, date.month2 or start.month, date.day2)
        if end is None or end < start:
            end = safe_date(start.year + 1, date.month2 or start.month, date.day2)
            if end:
                warnings.append(
                    _("The %(what)s “%(date)s” gives no year for its end: %(year)s is inferred.")
                    % {**words, "year": end.year}
                )
        if end is None or not 0 <= (end - start).days <= 31:
            warnings.append(_("The end of the %(what)s “%(date)s” could not be read.") % words)
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
