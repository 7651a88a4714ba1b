"""Dates as a Japanese reader expects them beside the Western year: the era year."""

import datetime

from django import template

register = template.Library()

# Each era from its first day, the latest first.
ERAS = [
    ("令和", datetime.date(2019, 5, 1)),
    ("平成", datetime.date(1989, 1, 8)),
    ("昭和", datetime.date(1926, 12, 25)),
]


@register.filter
def japanese_era(day):
    """平成20年 for a day in 2008; the era's first year is 元年 (平成元年)."""
    for era, first_day in ERAS:
        if day >= first_day:
            year = day.year - first_day.year + 1
            return f"{era}{'元' if year == 1 else year}年"
    return ""
