"""Words of the time-expression grammar: months, weekdays, units, number words.

Each table pairs the regex alternation the rules embed with the lookup that turns
the matched word into a number or a TIMEX3 code. The calendar names here are the only
lists of month and weekday names in sitroom; number words live in :mod:`sitroom.nlp.numbers`.
"""

from __future__ import annotations

from sitroom.nlp.numbers import SMALL_NUMBERS, TENS

__all__ = [
    "MONTH",
    "MONTHS_IN_ORDER",
    "MONTH_FULL",
    "MONTH_NAMES",
    "MONTH_WORDS",
    "NUM",
    "PART_OF_DAY",
    "UNIT",
    "WEEKDAY",
    "WEEKDAY_NAMES",
    "month_number",
    "part_of_day_code",
    "unit_code",
    "weekday_number",
]

# Month names and the abbreviations news writes, lower case, with their month numbers.
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "febr": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
MONTHS_IN_ORDER = ("January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December")  # fmt: skip
_ABBREVIATIONS = sorted(
    (word for word in _MONTHS if word.capitalize() not in MONTHS_IN_ORDER), key=len, reverse=True
)
MONTH_NAMES = frozenset(word.lower() for word in MONTHS_IN_ORDER)
"""The twelve month names, lower case: "january" ... "december"."""
MONTH_WORDS = MONTH_NAMES | frozenset(_ABBREVIATIONS) | {f"{a}." for a in _ABBREVIATIONS}
"""Every way news writes a month, lower case: names, abbreviations with and without a dot."""
# Abbreviations only count with a day or year after them (rules enforce that); the
# trailing dot is optional ("Sept. 30", "Sept 30"). Longer abbreviations first: "Sept" before "Sep".
MONTH = (
    "(?:" + "|".join([*MONTHS_IN_ORDER, *(rf"{a.capitalize()}\.?" for a in _ABBREVIATIONS)]) + ")"
)
MONTH_FULL = "(?:" + "|".join(MONTHS_IN_ORDER) + ")"

_WEEKDAYS = {
    "monday": 1,
    "tuesday": 2,
    "wednesday": 3,
    "thursday": 4,
    "friday": 5,
    "saturday": 6,
    "sunday": 7,
}
WEEKDAY_NAMES = frozenset(_WEEKDAYS)
"""The seven weekday names, lower case: "monday" ... "sunday"."""
WEEKDAY = "(?:" + "|".join(day.capitalize() for day in _WEEKDAYS) + ")"

# TIMEX3 part-of-day codes (TimeML 1.2.1 guidelines, section 2.2.1).
_PARTS = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "midday": "MI",
    "overnight": "NI",
}
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"

_UNITS = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y", "decade": "E",
    "century": "C", "centurie": "C", "millennium": "L", "millennia": "L", "millenium": "L",
}  # fmt: skip
UNIT = r"(?:(?:trading|business|working|calendar)\s+days?|fiscal\s+years?|seconds?|minutes?|hours?|days?|nights?|weeks?|months?|quarters?|years?|decades?|century|centuries|millennium|millennia)"

_TENS_RE = "|".join(TENS)
_SMALL_RE = "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True))
# A cardinal as written in news: digits (with a trailing "1/2"), words up to ninety-nine,
# "a"/"an", "a couple of", "a dozen", "a half", "a quarter" (of a century or an hour), and vague quantifiers that yield an X;
# :func:`sitroom.nlp.numbers.parse_unit_count` gives its value.
NUM = (
    r"(?:(?<![\d,.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+1/2|\s+and\s+a\s+half)?"
    rf"|(?:{_TENS_RE})(?:[\s-](?:{_SMALL_RE}))?"
    rf"|(?:{_SMALL_RE})(?:\s+and\s+a\s+half)?"
    r"|a\s+couple\s+of|couple\s+of|a\s+dozen|dozens\s+of|a\s+few|a\s+number\s+of"
    # "a quarter century", "a quarter of an hour" (not "a quarter" of a year: that is a unit)
    r"|a\s+quarter(?:\s+of\s+an?)?(?=[\s-]+(?:century|hour|millennium)\b)"
    r"|several|few|many|some|a\s+half|half\s+an?|an?(?:\s+and\s+a\s+half)?)"
)


def month_number(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    """ISO weekday (1 = Monday) of a weekday name, singular or plural."""
    return _WEEKDAYS[word.lower().rstrip("s")]


def part_of_day_code(word: str) -> str:
    return _PARTS[word.lower()]


def unit_code(word: str) -> str:
    """TIMEX3 unit letter of a unit word: ``"years" -> "Y"``, ``"trading days" -> "D"``."""
    last = word.lower().split()[-1]
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and last[:-1] in _UNITS:
        last = last[:-1]
    return _UNITS[last]
