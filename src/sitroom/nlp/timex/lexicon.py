"""Words of the time-expression grammar: months, weekdays, units, number words.

Each table pairs the regex alternation the rules embed with the lookup that turns
the matched word into a number or a TIMEX3 code.
"""

from __future__ import annotations

import re

__all__ = [
    "MONTH",
    "MONTH_FULL",
    "NUM",
    "PART_OF_DAY",
    "UNIT",
    "WEEKDAY",
    "month_number",
    "parse_number",
    "part_of_day_code",
    "unit_code",
    "weekday_number",
]

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "febr": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_FULL = ("January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December")  # fmt: skip
# Abbreviations only count with a day or year after them (rules enforce that); the
# trailing dot is optional ("Sept. 30", "Sept 30").
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Febr\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
MONTH_FULL = "(?:" + "|".join(_FULL) + ")"

_WEEKDAYS = {
    "monday": 1,
    "tuesday": 2,
    "wednesday": 3,
    "thursday": 4,
    "friday": 5,
    "saturday": 6,
    "sunday": 7,
}
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

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

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1, "single": 1,
}  # fmt: skip
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_VAGUE = (
    "several",
    "a few",
    "few",
    "some",
    "many",
    "a couple of",
    "couple of",
    "a number of",
    "numerous",
)

_TENS_RE = "|".join(_TENS)
_SMALL_RE = "|".join(
    k for k in sorted(_SMALL, key=len, reverse=True) if k not in ("a", "an", "single")
)
# A cardinal as written in news: digits (with a trailing "1/2"), words up to ninety-nine,
# "a"/"an", "a couple of", "a dozen", "a half", and vague quantifiers that yield an X.
NUM = (
    r"(?:(?<![\d,.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+1/2)?"
    rf"|(?:{_TENS_RE})(?:[\s-](?:{_SMALL_RE}))?"
    rf"|(?:{_SMALL_RE})(?:\s+and\s+a\s+half)?"
    r"|a\s+couple\s+of|couple\s+of|a\s+dozen|dozens\s+of|a\s+few|a\s+number\s+of"
    r"|several|few|many|some|a\s+half|half\s+an?|an?(?:\s+and\s+a\s+half)?)"
)

_DIGITS_HALF = re.compile(r"^(\d+(?:\.\d+)?)(\s+1/2)?$")  # after thousands commas are dropped


def parse_number(text: str) -> float | None:
    """Value of a NUM match; None for vague quantities ("several", "a few")."""
    t = " ".join(text.lower().replace("-", " ").replace(",", "").split())
    if m := _DIGITS_HALF.match(t):
        return float(m[1]) + (0.5 if m[2] else 0.0)
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t.removesuffix(" and a half"), 0.5
    if t in ("a half", "half a", "half an"):
        return 0.5
    if t in ("a couple of", "couple of"):
        return 2.0
    if t == "a dozen":
        return 12.0
    if t in _VAGUE or t == "dozens of":
        return None
    words = t.split()
    total = 0
    for w in words:
        if w in _TENS:
            total += _TENS[w]
        elif w in _SMALL:
            total += _SMALL[w]
        else:
            return None
    return total + half


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
