"""The days a TIMEX3 value covers: ``2025-W10`` -> (2025-03-03, 2025-03-09).

Dates of different granularity ("2025-03-20", "2025-W10", "2025-03", "2025-SU") do not
sort or compare as strings; their first and last days do. Used to order and filter events
by date whatever the precision their evidence gave.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

__all__ = ["timex_days"]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")

# Meteorological seasons (northern hemisphere): first month, months long. A winter takes
# the calendar year of its days (TimeBank's "1994-WI"); we read it as the winter that
# ends in that year, January and February.
_SEASONS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (1, 2)}


def _months(year: int, first: int, count: int) -> tuple[date, date]:
    last_month = first + count - 1
    end_year, end_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    return date(year, first, 1), date(
        end_year, end_month, calendar.monthrange(end_year, end_month)[1]
    )


def timex_days(value: str | None) -> tuple[date, date] | None:
    """First and last day of a TIMEX3 DATE value, or None if it names no definite period."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return (
                (monday + timedelta(days=5), monday + timedelta(days=6))
                if m[3]
                else (
                    monday,
                    monday + timedelta(days=6),
                )
            )
        if m := _MONTH.match(value):
            return _months(int(m[1]), int(m[2]), 1)
        if m := _QUARTER.match(value):
            return _months(int(m[1]), 3 * int(m[2]) - 2, 3)
        if m := _HALF.match(value):
            return _months(int(m[1]), 6 * int(m[2]) - 5, 6)
        if m := _SEASON.match(value):
            return _months(int(m[1]), *_SEASONS[m[2]])
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := _DECADE.match(value):
            return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
    except ValueError:  # "2025-02-30", week 54: not a real period
        return None
    return None
