"""Dates in words: a TIMEX3 value or ISO date as an analyst writes it, never as a code.

``say_date("2024-11-21")`` -> "21 November 2024"; "2024-11" -> "November 2024"; "2024-FA" ->
"autumn 2024"; "2024-W11" -> "the week of 11 March 2024"; "2024" -> "2024"; "PRESENT_REF" ->
"around now". ``date_phrase`` adds the preposition a sentence needs ("on 21 November 2024",
"in November 2024", "around now"). The brief uses both; the web UI and CLI get them as the
Jinja filters ``say_date`` and ``date_phrase`` (see ``register_filters``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from sitroom.nlp.timex.lexicon import MONTHS_IN_ORDER
from sitroom.nlp.timex.values import (
    DECADE,
    HALF,
    MONTH,
    QUARTER,
    SEASON,
    WEEK,
    YEAR,
    timex_days,
)

__all__ = ["date_phrase", "register_filters", "say_date"]

_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_ORDINALS = {"1": "first", "2": "second", "3": "third", "4": "fourth"}
# TIMEX3 reference values (TimeML): what a reader understands by them.
_REFS = {"PRESENT_REF": "around now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}
_DURATION_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year", "H": "hour"}
# Said when a value names no period we can put in words ("XXXX-XX-21", a malformed code).
UNSPECIFIED = "an unspecified date"

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?")
_MONTH_ONLY = re.compile(r"^XXXX-(\d{2})$")
_DURATION = re.compile(r"^P(\d+)([DWMYH])$")


def _day_words(day: date) -> str:
    return f"{day.day} {MONTHS_IN_ORDER[day.month - 1]} {day.year}"


def _words(value: str) -> tuple[str, str] | None:
    """(words, preposition) for a value, or None if it is no date we can say."""
    if value in _REFS:
        return _REFS[value], ""
    return _calendar_words(value) or _period_words(value)


def _calendar_words(value: str) -> tuple[str, str] | None:
    """A day, week or month in words."""
    if m := _DAY.match(value):
        if timex_days(value[:10]) is None:
            return None
        return _day_words(date(int(m[1]), int(m[2]), int(m[3]))), "on"
    if m := WEEK.fullmatch(value):
        days = timex_days(value)
        if days is None:
            return None
        if m[3]:
            return f"the weekend of {_day_words(days[0])}", "on"
        return f"the week of {_day_words(days[0])}", "in"
    if m := MONTH.fullmatch(value):
        if not 1 <= int(m[2]) <= 12:
            return None
        return f"{MONTHS_IN_ORDER[int(m[2]) - 1]} {m[1]}", "in"
    return None


def _period_words(value: str) -> tuple[str, str] | None:
    """A quarter, half, season, year, decade, bare month or duration in words."""
    if m := QUARTER.fullmatch(value):
        return f"the {_ORDINALS[m[2]]} quarter of {m[1]}", "in"
    if m := HALF.fullmatch(value):
        return f"the {_ORDINALS[m[2]]} half of {m[1]}", "in"
    if m := SEASON.fullmatch(value):
        return f"{_SEASONS[m[2]]} {m[1]}", "in"
    if m := YEAR.fullmatch(value):
        return m[1], "in"
    if m := DECADE.fullmatch(value):
        return f"the {m[1]}0s", "in"
    if (m := _MONTH_ONLY.match(value)) and 1 <= int(m[1]) <= 12:
        return MONTHS_IN_ORDER[int(m[1]) - 1], "in"
    if m := _DURATION.match(value):
        n, unit = int(m[1]), _DURATION_UNITS[m[2]]
        return f"{n} {unit}{'s' if n != 1 else ''}", "for"
    return None


def say_date(value: str | None, *, undated: str = "undated") -> str:
    """A TIMEX3 value or ISO date (or datetime) in words; ``undated`` when there is none."""
    if not value:
        return undated
    said = _words(value.strip())
    return said[0] if said else UNSPECIFIED


def date_phrase(value: str | None) -> str:
    """The date as a sentence says it: "on 21 November 2024", "in autumn 2024", "around now".

    Empty when there is no date, so callers can append it unconditionally.
    """
    if not value:
        return ""
    said = _words(value.strip())
    if said is None:
        return f"at {UNSPECIFIED}"
    words, preposition = said
    return f"{preposition} {words}".strip()


def register_filters(filters: dict[str, Callable[..., Any]]) -> None:
    """Add ``say_date`` and ``date_phrase`` to a Jinja environment's ``filters``."""
    filters["say_date"] = say_date
    filters["date_phrase"] = date_phrase
