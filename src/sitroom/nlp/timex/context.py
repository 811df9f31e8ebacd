"""Shared ground of the TIMEX3 normalizers: the resolution context, the result, small helpers.

The ``norm_*`` functions in :mod:`timex_norm_dates` and :mod:`timex_norm_periods` get a
regex match and a :class:`Context` and return a :class:`Norm` (or None to reject the
match). A normalizer must reject the same matches whether or not a DCT is known, so
finding spans never depends on resolution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sitroom.nlp.timex.calendar import add_months, quarter_of, week_value
from sitroom.nlp.timex.lexicon import MONTH_FULL

__all__ = [
    "ORDINAL",
    "SEASON_CODE",
    "Context",
    "Norm",
    "day_value",
    "direction",
    "duration_value",
    "group",
    "month_ok",
    "month_value",
    "period_value",
    "text_after",
    "text_before",
    "unresolved",
    "year_for",
]


@dataclass(slots=True)
class Context:
    """What a handler may use to resolve a match: the DCT, the sentence tense, the last date seen."""

    dct: date | None = None
    tense: str | None = None  # "past" | "present" | "future" | None (unknown)
    ref: str | None = None  # the last calendar value resolved earlier in the document


@dataclass(frozen=True, slots=True)
class Norm:
    """A resolved value; ``from_ref`` marks values computed from ``Context.ref``, which must
    not become the next reference themselves (or "a year earlier" would drift a year a time)."""

    timex_type: str
    value: str
    from_ref: bool = False


SEASON_CODE = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINAL = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
# A bare "May" is usually the modal; accept it only after these words.
_MAY_BEFORE = re.compile(
    r"(?:in|since|until|till|by|of|from|through|during|before|after|early|late|mid|last|next|this|between)[\s-]+$"
    # the second end of a range of months: "between March and May", "from January to March"
    rf"|\b(?-i:{MONTH_FULL})\s+(?:and|to|or|through|until|till)\s+$|\b(?-i:{MONTH_FULL})\s*[-–—]\s*$",
    re.IGNORECASE,
)


def unresolved(gran: str) -> str:
    """The unresolved value of a granularity, used when there is no DCT."""
    return {
        "day": "XXXX-XX-XX",
        "month": "XXXX-XX",
        "year": "XXXX",
        "week": "XXXX-WXX",
        "quarter": "XXXX-QX",
        "decade": "XXX",
        "century": "XX",
    }[gran]


def day_value(d: date) -> str:
    return d.isoformat()


def month_value(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def direction(ctx: Context) -> str:
    return {"past": "past", "future": "future"}.get(ctx.tense or "", "nearest")


# How much farther a date against the sentence's tense may be and still win: news
# mostly reports the recent past, but "payable Dec. 7" in a past-tense sentence written
# in October is still the coming December. Tuned on TempEval-3 train.
_AGAINST_TENSE = 3.0
_UNKNOWN_TENSE_FUTURE = 1.5


def year_for(ctx: Context, month: int, day: int | None) -> int | None:
    """Year of a month (and day) written without one: the candidate year nearest the DCT,
    distances against the sentence tense (or into the future, when the tense is unknown)
    weighted up."""
    if ctx.dct is None:
        return None
    dct = ctx.dct
    lean = direction(ctx)
    best: tuple[float, int] | None = None
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            when = date(year, month, day or 15)
        except ValueError:
            continue  # February 29 outside a leap year
        days = (when - dct).days
        if day is None and year == dct.year and month == dct.month:
            days = 0
        if days > 0:
            weight = (
                _AGAINST_TENSE
                if lean == "past"
                else 1.0
                if lean == "future"
                else _UNKNOWN_TENSE_FUTURE
            )
        else:
            weight = _AGAINST_TENSE if lean == "future" else 1.0
        score = abs(days) * weight
        if best is None or score < best[0]:
            best = (score, year)
    return best[1] if best else None


def text_before(m: re.Match[str], width: int = 30) -> str:
    return m.string[max(0, m.start() - width) : m.start()]


def text_after(m: re.Match[str], width: int = 30) -> str:
    return m.string[m.end() : m.end() + width]


def group(m: re.Match[str], name: str) -> str:
    """A named group's text, lower-cased; "" when the group is absent or did not match."""
    return (m.groupdict().get(name) or "").lower()


def month_ok(word: str, m: re.Match[str], *, bare: bool) -> bool:
    """Month names must be capitalized; a bare "May"/"March" needs a date-ish word before it."""
    if not word[:1].isupper():
        return False
    return not (
        bare and word.lower() in ("may", "march") and not _MAY_BEFORE.search(text_before(m))
    )


def period_value(unit: str, offset: int, dct: date) -> str:
    """The calendar period ``offset`` units from the DCT's: ``("month", -1) -> 2024-10``."""
    if unit == "week":
        return week_value(dct + timedelta(weeks=offset))
    if unit == "month":
        return month_value(add_months(dct, offset))
    if unit == "year":
        return f"{dct.year + offset:04d}"
    if unit == "quarter":
        index = dct.year * 4 + quarter_of(dct) - 1 + offset
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "decade":
        return f"{dct.year // 10 + offset:03d}"
    if unit == "half":
        index = dct.year * 2 + (dct.month - 1) // 6 + offset
        return f"{index // 2:04d}-H{index % 2 + 1}"
    return f"{dct.year // 100 + offset:02d}"  # century


# Units counted in years when the count is whole: decades, centuries, millennia.
_YEARS_IN_UNIT = {"Y": 1, "E": 10, "C": 100, "L": 1000}


def duration_value(number: float | None, letter: str) -> str:
    """``P3Y``, ``PT5H30M``, ``PXM``; half units roll into the next smaller unit; decades,
    centuries and millennia count in years when exact ("two decades" is ``P20Y``, as
    TimeBank writes; "half a century" ``P50Y``)."""
    years = None if number is None else number * _YEARS_IN_UNIT.get(letter, 0)
    if years and years == int(years):
        return f"P{int(years)}Y"  # "half a century" is P50Y, "a millennium and a half" P1500Y
    time = letter.startswith("T")
    letter = letter[-1]
    prefix = "PT" if time else "P"
    if number is None:
        return f"{prefix}X{letter}"
    if number == int(number):
        return f"{prefix}{int(number)}{letter}"
    whole, frac = int(number), number - int(number)
    smaller = {
        ("Y", False): ("M", 12, False),
        ("W", False): ("D", 7, False),
        ("D", False): ("H", 24, True),
        ("H", True): ("M", 60, True),
        ("M", True): ("S", 60, True),
        ("M", False): ("D", 30, False),
    }.get((letter, time))
    if smaller is None:
        return f"{prefix}{number:g}{letter}"
    small, factor, small_time = smaller
    parts = f"{whole}{letter}" if whole else ""
    if small_time and not time:
        return f"P{parts}T{round(frac * factor)}{small}"
    return f"{prefix}{parts}{round(frac * factor)}{small}"
