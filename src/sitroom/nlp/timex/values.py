"""Read TIMEX3 values: their shape, their precision, and the days they cover.

The one place that parses a TIMEX3 value string (``2025-03-20``, ``2025-W10``,
``2025-W10-WE``, ``2025-03``, ``2025-Q4``, ``2025-H1``, ``2025-SU``, ``2025``, ``199``,
``P3D``, ``PRESENT_REF``, ``XXXX-06`` ...). The normalizers write values; this module
reads them, for the normalizers' own arithmetic (:mod:`sitroom.nlp.timex.calendar`), for
the precision a Timex record carries, and for ordering and filtering events by date
(dates of different granularity do not sort or compare as strings; their first and last
days do).

Pure Python, no spaCy: the store, the reconciler and the web views import it.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

__all__ = [
    "DAY",
    "MONTH",
    "QUARTER",
    "WEEK",
    "YEAR",
    "granularity_of",
    "is_anchored",
    "iso_day",
    "timex_days",
    "unit_of_value",
]

# Definite calendar values; use ``fullmatch`` (``DAY.match`` also accepts a time after it).
DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
MONTH = re.compile(r"(\d{4})-(\d{2})")
QUARTER = re.compile(r"(\d{4})-Q([1-4])")
HALF = re.compile(r"(\d{4})-H([12])")
SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
YEAR = re.compile(r"(\d{4})")
DECADE = re.compile(r"(\d{3})")

# The one day a date string names: an ISO day (a time may follow) or a day of an ISO week.
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")
_ISO_WEEK_DAY = re.compile(r"(\d{4})-W(\d{2})-([1-7])(?!\d)")

# The same shapes with X placeholders allowed ("XXXX-WXX-4", "XXXX-06"): for the precision.
_ANY_WEEKDAY = re.compile(r"[\dX]{4}-W[\dX]{2}-\d")
_ANY_WEEK = re.compile(r"[\dX]{4}-W")
_ANY_QUARTER = re.compile(r"[\dX]{4}-Q")
_ANY_HALF = re.compile(r"[\dX]{4}-H")
_ANY_SEASON = re.compile(r"[\dX]{4}-(?:SP|SU|FA|WI)")
_ANY_DAY = re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}")
_ANY_MONTH = re.compile(r"[\dX]{4}-[\dX]{2}")

# Meteorological seasons (northern hemisphere): first month, months long. A winter takes
# the calendar year of its days (TimeBank's "1994-WI"); we read it as the winter that
# ends in that year, January and February.
_SEASONS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (1, 2)}

# Unit letters of TIMEX3 durations ("P3D", "P2E") and the precision each names.
_DURATION_UNIT = {
    "Y": "year",
    "M": "month",
    "W": "week",
    "D": "day",
    "Q": "quarter",
    "E": "decade",
    "C": "century",
    "L": "millennium",
    "H": "hour",
    "S": "second",
}


def granularity_of(value: str, timex_type: str) -> str | None:
    """Name the precision of a TIMEX3 value: ``day``, ``week``, ``month``, ``year`` ..."""
    if timex_type in ("DURATION", "SET") and value.startswith("P"):
        if value.startswith("PT"):
            return {"H": "hour", "M": "minute", "S": "second"}.get(value[-1])
        return _DURATION_UNIT.get(value[-1])
    if value.endswith("_REF"):
        return None
    if "T" in value:
        return "minute" if ":" in value else "part_of_day"
    if value.endswith("-WE"):
        return "weekend"
    if _ANY_WEEKDAY.fullmatch(value):
        return "day"
    if _ANY_WEEK.match(value):
        return "week"
    if _ANY_QUARTER.match(value):
        return "quarter"
    if _ANY_HALF.match(value):
        return "half"
    if _ANY_SEASON.fullmatch(value):
        return "season"
    if _ANY_DAY.fullmatch(value):
        return "day"
    if _ANY_MONTH.fullmatch(value):
        return "month"
    return {4: "year", 3: "decade", 2: "century"}.get(len(value))


def unit_of_value(value: str) -> str | None:
    """The period a definite calendar value names (``"2024-Q3" -> "quarter"``), else None."""
    if QUARTER.fullmatch(value):
        return "quarter"
    if DAY.fullmatch(value):
        return "day"
    if MONTH.fullmatch(value):
        return "month"
    if (m := WEEK.fullmatch(value)) and not m[3]:
        return "week"
    if YEAR.fullmatch(value):
        return "year"
    return None


def is_anchored(value: str, timex_type: str) -> bool:
    """Whether a value names a definite date or time: no X placeholder, not a ``*_REF``."""
    return timex_type in ("DATE", "TIME") and "X" not in value and not value.endswith("_REF")


def iso_day(value: str | None) -> date | None:
    """The one day a date string names, else None: the one parser of ISO days in sitroom.

    Reads published dates and TIMEX3 values alike: ``2024-03-05``, ``2024-03-05T10:00:00Z``
    and ``2024-03-05TNI`` (the time is dropped), ``2024-W10-2`` (Tuesday of ISO week 10). A
    coarser value names no one day: ``2024-W10``, ``2024-W10-WE``, ``2024-03``, ``2024`` and
    ``PRESENT_REF`` give None, as do impossible days (``2024-02-30``, week 54).
    """
    if not value:
        return None
    try:
        if m := _ISO_DAY.match(value):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _ISO_WEEK_DAY.match(value):
            return date.fromisocalendar(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return None


def _months(year: int, first: int, count: int) -> tuple[date, date]:
    last_month = first + count - 1
    end_year, end_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    return date(year, first, 1), date(
        end_year, end_month, calendar.monthrange(end_year, end_month)[1]
    )


def timex_days(value: str | None) -> tuple[date, date] | None:
    """First and last day of a TIMEX3 DATE value, or None if it names no definite period.

    ``2025-W10`` -> (2025-03-03, 2025-03-09); a time after a day ("2025-03-19TNI") keeps
    the day.
    """
    if not value:
        return None
    try:
        if m := DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := WEEK.fullmatch(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
        if m := MONTH.fullmatch(value):
            return _months(int(m[1]), int(m[2]), 1)
        if m := QUARTER.fullmatch(value):
            return _months(int(m[1]), 3 * int(m[2]) - 2, 3)
        if m := HALF.fullmatch(value):
            return _months(int(m[1]), 6 * int(m[2]) - 5, 6)
        if m := SEASON.fullmatch(value):
            return _months(int(m[1]), *_SEASONS[m[2]])
        if m := YEAR.fullmatch(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := DECADE.fullmatch(value):
            return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
    except ValueError:  # "2025-02-30", week 54: not a real period
        return None
    return None
