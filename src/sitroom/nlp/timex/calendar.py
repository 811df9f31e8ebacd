"""Calendar arithmetic for TIMEX3 values: shifting dates, weeks, quarters and seasons.

Kept apart from the recognizer so the rules read as grammar and this reads as
calendar maths. Every function is pure and works on ``datetime.date``; the shapes of
TIMEX3 values come from :mod:`sitroom.nlp.timex.values`.
"""

from __future__ import annotations

from datetime import date, timedelta

from sitroom.nlp.timex.values import DAY, MONTH, QUARTER, WEEK, YEAR

__all__ = [
    "add_months",
    "parse_dct",
    "quarter_of",
    "season_of",
    "shift_value",
    "week_value",
    "weekday_near",
]

# TIMEX3 season codes by month (meteorological seasons, northern hemisphere: the
# convention TimeBank annotators used).
SEASON_OF_MONTH = {
    12: "WI",
    1: "WI",
    2: "WI",
    3: "SP",
    4: "SP",
    5: "SP",
    6: "SU",
    7: "SU",
    8: "SU",
    9: "FA",
    10: "FA",
    11: "FA",
}
SEASON_ORDER = ("WI", "SP", "SU", "FA")


# Published dates outside these years are broken metadata, and "next week" or "a year
# ago" from them would leave the years ``datetime.date`` holds: such a text is unanchored.
_DCT_YEARS = (2, 9998)


def parse_dct(published: str | None) -> date | None:
    """Read the document creation time from ``YYYY-MM-DD`` (a time part after it is ignored)."""
    if not published:
        return None
    m = DAY.match(published.strip())
    if not m or not _DCT_YEARS[0] <= int(m[1]) <= _DCT_YEARS[1]:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    """Shift by whole months, clamping the day to the target month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for dd in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, dd))
        except ValueError:
            continue
    return date(year, month, 28)


def week_value(day: date) -> str:
    """ISO week of a day as TIMEX3: ``2024-W47``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def season_of(day: date) -> tuple[int, str]:
    """(year, season code) of a day; a season takes the calendar year of the day (TimeBank
    writes "the winter of 1994" as ``1994-WI`` whichever month it means)."""
    return day.year, SEASON_OF_MONTH[day.month]


def weekday_near(dct: date, weekday: int, *, direction: str) -> date:
    """The day with ISO ``weekday`` (1=Mon) nearest the DCT in ``direction``.

    ``past``: the DCT itself or the latest such day before it (news reports the past);
    ``future``: the DCT itself or the next one; ``nearest``: whichever is closer, past on ties.
    """
    back = (dct.isoweekday() - weekday) % 7
    ahead = (weekday - dct.isoweekday()) % 7
    if direction == "past":
        return dct - timedelta(days=back)
    if direction == "future":
        return dct + timedelta(days=ahead)
    return dct - timedelta(days=back) if back <= ahead else dct + timedelta(days=ahead)


def shift_value(value: str, amount: int, unit: str) -> str | None:
    """Shift a calendar value by ``amount`` units, keeping the value's own granularity.

    ``shift_value("1989-Q3", -1, "year") == "1988-Q3"``; returns None when the value
    has a shape this cannot shift (an X-placeholder, a REF) or the shift leaves the years
    ``datetime.date`` can hold.
    """
    try:
        return _shift(value, amount, unit)
    except (OverflowError, ValueError):  # "10,000 centuries earlier"
        return None


def _shift(value: str, amount: int, unit: str) -> str | None:

    if m := DAY.fullmatch(value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        if unit == "day":
            return (day + timedelta(days=amount)).isoformat()
        if unit == "week":
            return (day + timedelta(weeks=amount)).isoformat()
        months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}.get(unit)
        return add_months(day, amount * months).isoformat() if months else None
    if m := MONTH.fullmatch(value):
        months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}.get(unit)
        if not months:
            return None
        shifted = add_months(date(int(m[1]), int(m[2]), 1), amount * months)
        return f"{shifted.year:04d}-{shifted.month:02d}"
    if m := QUARTER.fullmatch(value):
        quarters = {"quarter": 1, "year": 4}.get(unit)
        if not quarters:
            return None
        index = int(m[1]) * 4 + int(m[2]) - 1 + amount * quarters
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if m := YEAR.fullmatch(value):
        years = {"year": 1, "decade": 10}.get(unit)
        return f"{int(m[1]) + amount * years:04d}" if years else None
    if m := WEEK.fullmatch(value):
        if unit != "week" or m[3]:
            return None
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return week_value(monday + timedelta(weeks=amount))
    return None
