"""TIMEX3 normalizers for calendar dates, days and clock times.

Absolute dates ("Nov. 21, 2024", "the 1990s"), day words ("yesterday", "tonight"),
weekdays resolved by the sentence tense, clock times and holidays. See
:mod:`sitroom.nlp.timex.context` for the contract every ``norm_*`` function keeps.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sitroom.nlp.numbers import parse_unit_count
from sitroom.nlp.timex.calendar import shift_value, weekday_near
from sitroom.nlp.timex.context import (
    SEASON_CODE,
    Context,
    Norm,
    day_value,
    direction,
    group,
    month_ok,
    text_after,
    text_before,
    year_for,
)
from sitroom.nlp.timex.lexicon import month_number, part_of_day_code, weekday_number
from sitroom.nlp.timex.values import unit_of_value

__all__ = [
    "norm_century",
    "norm_clock",
    "norm_clock24",
    "norm_day_rel",
    "norm_decade",
    "norm_decade_word",
    "norm_holiday",
    "norm_iso",
    "norm_month_day",
    "norm_month_rel",
    "norm_month_year",
    "norm_next_day",
    "norm_noon",
    "norm_overnight",
    "norm_short_year",
    "norm_slash",
    "norm_spelled_year",
    "norm_the_day",
    "norm_this_pod",
    "norm_weekday",
    "norm_year",
    "norm_year_end",
]

_CENTURY_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}  # fmt: skip
# Adjectives that turn a weekday into a named day we do not resolve ("Black Friday").
_WEEKDAY_NAMES = re.compile(r"(?:Black|Good|Ash|Holy|Bloody|Maundy|Palm|Easter|Super|Cyber)\s+$")
# Words before a four-digit number that make it a count, not a year ("some 2000 troops").
_COUNT_BEFORE = re.compile(
    r"(?:about|around|some|nearly|almost|over|than|least|only|up\s+to|approximately|roughly|another|additional|[$€£]|No\.|number|#)\s*$",
    re.IGNORECASE,
)
_COUNT_AFTER = re.compile(
    r"\s*(?:%|percent|per\s+cent|[a-z]+s\b(?<!years)(?<!seasons))", re.IGNORECASE
)
# Words before a year that modifies a plural noun ("the 2024 elections", "since 1991 talks").
_YEAR_BEFORE = re.compile(
    r"(?:^|\b(?:in|the|of|since|by|from|until|till|during|before|after|for|and|or|its|their|his|her|'s))\s*$",
    re.IGNORECASE,
)


# ---------------------------------------------------------------- absolute dates


def norm_iso(m: re.Match[str], ctx: Context) -> Norm | None:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    try:
        date(y, mo, d)
    except ValueError:
        return None
    if m["h"]:
        return Norm("TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m['h']}:{m['mi']}")
    return Norm("DATE", f"{y:04d}-{mo:02d}-{d:02d}")


def norm_slash(m: re.Match[str], ctx: Context) -> Norm | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if len(m["y"]) == 2:
        y += 1900 if y >= 50 else 2000  # two-digit years: 1950-2049
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless impossible
    try:
        return Norm("DATE", date(y, month, day).isoformat())
    except ValueError:
        return None


def norm_month_day(m: re.Match[str], ctx: Context) -> Norm | None:
    if not month_ok(m["mon"], m, bare=False):
        return None
    month, day = month_number(m["mon"]), int(m["d"])
    if not 1 <= day <= 31:
        return None
    if m["y"]:
        year: int | None = int(m["y"])
    elif m["wd"] and ctx.dct is not None:
        year = year_for(Context(dct=ctx.dct, tense=None), month, day)
    else:
        year = year_for(ctx, month, day)
    if year is None:
        return Norm("DATE", f"XXXX-{month:02d}-{day:02d}")
    try:
        return Norm("DATE", date(year, month, day).isoformat())
    except ValueError:
        return None


def norm_month_year(m: re.Match[str], ctx: Context) -> Norm | None:
    if not month_ok(m["mon"], m, bare=False):
        return None
    return Norm("DATE", f"{int(m['y']):04d}-{month_number(m['mon']):02d}")


def norm_month_rel(m: re.Match[str], ctx: Context) -> Norm | None:
    bare = not (m["rel"] or m["rely"] or m["edge"])
    if not month_ok(m["mon"], m, bare=bare):
        return None
    if re.match(r"\s+\d", text_after(m)):
        return None  # a day or year follows: another rule owns it
    month = month_number(m["mon"])
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-{month:02d}")
    rel, rely, dct = group(m, "rel"), group(m, "rely"), ctx.dct
    if rely:
        year = dct.year + {"last": -1, "next": 1, "this": 0}[rely]
    elif rel in ("last", "this past", "the past"):
        year = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "this coming", "the coming"):
        year = dct.year if month > dct.month else dct.year + 1
    elif rel == "this":
        year = dct.year
    else:
        year = year_for(ctx, month, None) or dct.year
    return Norm("DATE", f"{year:04d}-{month:02d}")


def norm_year(m: re.Match[str], ctx: Context) -> Norm | None:
    before = text_before(m)
    after = text_after(m)
    if not group(m, "edge"):
        if _COUNT_BEFORE.search(before):
            return None
        if _COUNT_AFTER.match(after) and not _YEAR_BEFORE.search(before):
            return None  # "killed 2000 civilians", but "in 2023 elections"
    if re.search(r"\d\s*(?:-|to)\s*$", before) and not re.search(
        r"(?<![\d,])(?:1[1-9]\d\d|20\d\d)\s*(?:-|to)\s*$", before
    ):
        return None  # the end of a numeric range "1,500-2000", not of a year range "1990-1995"
    year = m["y"]
    if season := group(m, "season"):
        return Norm("DATE", f"{year}-{SEASON_CODE[season]}")
    half = group(m, "edge")
    if "first half" in half:
        return Norm("DATE", f"{year}-H1")
    if "second half" in half or "last half" in half:
        return Norm("DATE", f"{year}-H2")
    return Norm("DATE", year)


def norm_spelled_year(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "nineteen ninety-six" (broadcast transcripts write years out), "the year two thousand"."""
    if m["k"] is not None:
        return Norm("DATE", "2000")
    high, low = parse_unit_count(m["hi"]), parse_unit_count(m["lo"])
    if high is None or low is None:
        return None
    return Norm("DATE", f"{int(high) * 100 + int(low):04d}")


def norm_year_end(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "by year-end": the end of the DCT's year (of the year before, after "since")."""
    if ctx.dct is None:
        return Norm("DATE", "XXXX")
    since = re.search(r"\bsince\s+$", text_before(m, 8), re.IGNORECASE)
    return Norm("DATE", f"{ctx.dct.year - (1 if since else 0):04d}")


def norm_decade(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["dec"]:
        return Norm("DATE", m["dec"])
    digit = int(m["d2"] or m["d3"])
    if m["d3"] and re.search(
        r"\b(?:his|her|their|its|low|high|upper|mid)\s+(?:the\s+)?$", text_before(m)
    ):
        return None  # ages and temperatures: "in his 70s", "the low 70s"
    return Norm("DATE", f"{_century_of_two_digits(digit * 10, ctx) // 100:02d}{digit}")


def _today_is_a_name(m: re.Match[str]) -> bool:
    """ "the Today programme", "VOA Today", "USA Today": "the" before "today" or a
    programme after it, or a capitalized word right before a capitalized "Today"."""
    before = text_before(m)
    if re.search(r"\bthe\s+$", before, re.IGNORECASE) or re.match(
        r"\s+(?:programme|program|show|newspaper)\b", text_after(m), re.IGNORECASE
    ):
        return True
    return m["w"][:1] == "T" and re.search(r"\b[A-Z][A-Za-z]*(?:['’]s)?\s+$", before) is not None


_SHORT_YEAR_BEFORE = re.compile(r"\b(?:in|since|of|from|until|by)\s+$", re.IGNORECASE)
# Verbs of a trading or working day that make "the day" the day in focus ("ended the day").
_DAY_VERB_BEFORE = re.compile(
    r"\b(?:end|ends|ended|ending|finish|finished|finishing|close|closed|closing|start|started|starting|for)\s+$",
    re.IGNORECASE,
)


def _century_of_two_digits(two: int, ctx: Context) -> int:
    """The full year of a two-digit year: the latest one not after the DCT (or 19xx without it)."""
    if ctx.dct is None:
        return 1900 + two
    year = ctx.dct.year // 100 * 100 + two
    return year - 100 if year > ctx.dct.year else year


def norm_short_year(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "since '82": a two-digit year, the latest such year up to the DCT."""
    if not _SHORT_YEAR_BEFORE.search(text_before(m, 8)):
        return None  # a quote mark before digits is a year only after "in", "since"...
    return Norm("DATE", f"{_century_of_two_digits(int(m['yy']), ctx):04d}")


def norm_the_day(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "ended the day", "the same day": the day in focus, else the DCT's day."""
    if not m["same"] and not _DAY_VERB_BEFORE.search(text_before(m, 14)):
        return None  # "the day" alone is too often "the day of the attack"
    if ctx.ref and unit_of_value(ctx.ref) == "day":
        return Norm("DATE", ctx.ref, from_ref=True)
    return Norm("DATE", "XXXX-XX-XX" if ctx.dct is None else day_value(ctx.dct))


_NEXT_DAY_OFFSET = {
    "next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "prior": -1, "before": -1,
}  # fmt: skip


def norm_next_day(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "the next day", "the following morning", "the day before": a day from the day in
    focus (``ctx.ref``); unresolved when no day is in focus (the DCT is no safe guess)."""
    offset = _NEXT_DAY_OFFSET[group(m, "rel") or group(m, "rel2")]
    unit = group(m, "u") or group(m, "u2")
    pod = None if unit == "day" else part_of_day_code(unit)
    day, from_ref = "XXXX-XX-XX", False
    if ctx.ref and unit_of_value(ctx.ref) == "day":
        shifted = shift_value(ctx.ref, offset, "day")
        day, from_ref = (shifted, True) if shifted else (day, from_ref)
    # typed DATE with the part of day, as a weekday's ("Friday night") in TimeBank
    return Norm("DATE", f"{day}T{pod}" if pod else day, from_ref=from_ref)


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def norm_decade_word(m: re.Match[str], ctx: Context) -> Norm | None:
    if not m.group(0).lower().startswith(("the", "early", "mid", "late")):
        return None  # "in his forties" is an age; "the nineties" a decade
    if re.match(r"\s+of\b", text_after(m)) or re.search(
        r"\b(?:his|her|their|its)\s+(?:early\s+|mid\s+|late\s+)?$", text_before(m)
    ):
        return None
    century = "19" if ctx.dct is None or ctx.dct.year < 2030 else str(ctx.dct.year)[:2]
    return Norm("DATE", f"{century}{_DECADE_WORDS[m['w'].lower()]}")


def norm_century(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["n"]:
        number = int(m["n"])
    elif m["w"]:
        number = _CENTURY_WORDS[" ".join(m["w"].lower().split())]
    else:
        if ctx.dct is None:
            return Norm("DATE", "XX")
        number = (
            ctx.dct.year // 100
            + 1
            + {"this": 0, "last": -1, "next": 1, "the last": -1, "the past": -1, "the next": 1}[
                " ".join(m["rel"].lower().split())
            ]
        )
    return Norm("DATE", f"{number - 1:02d}")


# ---------------------------------------------------------------- days and times


_DAY_OFFSET = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def norm_day_rel(m: re.Match[str], ctx: Context) -> Norm | None:
    word = " ".join(m["w"].lower().split())
    if word == "today" and _today_is_a_name(m):
        return None  # a programme or paper: "the Today programme", "VOA Today", "USA Today"
    pod = "NI" if word == "tonight" else (part_of_day_code(m["pod"]) if m["pod"] else None)
    if ctx.dct is None:
        day = "XXXX-XX-XX"
    else:
        day = day_value(ctx.dct + timedelta(days=_DAY_OFFSET[word]))
    return Norm("TIME", f"{day}T{pod}") if pod else Norm("DATE", day)


def norm_this_pod(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = " ".join(m["rel"].lower().split()).split()[-1]
    offset = {"this": 0, "tonight": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    pod = part_of_day_code(m["pod"])
    if rel == "last" and pod != "NI":
        return None  # "last morning" is not idiomatic; "last evening" rare: skip
    day = "XXXX-XX-XX" if ctx.dct is None else day_value(ctx.dct + timedelta(days=offset))
    return Norm("TIME", f"{day}T{pod}")


def _weekday_day(m: re.Match[str], ctx: Context, wd: int) -> str:
    if ctx.dct is None:
        return f"XXXX-WXX-{wd}"
    rel = " ".join(group(m, "rel").split())
    if rel in ("last", "this past"):
        day = ctx.dct - timedelta(days=(ctx.dct.isoweekday() - wd - 1) % 7 + 1)
    elif rel in ("next", "this coming"):
        day = ctx.dct + timedelta(days=(wd - ctx.dct.isoweekday() - 1) % 7 + 1)
    else:
        day = weekday_near(ctx.dct, wd, direction=direction(ctx))
    return day_value(day)


def norm_overnight(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "overnight" in a report is the night before it; "overnight into Thursday" the night
    before that Thursday."""
    if m["wd"]:
        day = _weekday_day(m, ctx, weekday_number(m["wd"]))
        if ctx.dct is not None:
            day = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
        else:
            day = "XXXX-XX-XX"
    else:
        day = "XXXX-XX-XX" if ctx.dct is None else day_value(ctx.dct - timedelta(days=1))
    return Norm("TIME", f"{day}TNI")


def norm_weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    if not m["wd"][:1].isupper() or _WEEKDAY_NAMES.search(text_before(m)):
        return None
    wd = weekday_number(m["wd"])
    if m["pl"] or group(m, "rel") in ("every", "each"):
        pod = f"T{part_of_day_code(m['pod'])}" if m["pod"] else ""
        return Norm("SET", f"XXXX-WXX-{wd}{pod}")
    day = _weekday_day(m, ctx, wd)
    if m["pod"]:
        # TimeBank types "Friday night" DATE three times out of four, with the part of day.
        return Norm("DATE", f"{day}T{part_of_day_code(m['pod'])}")
    return Norm("DATE", day)


def _clock_day(m: re.Match[str], ctx: Context) -> str:
    """The day a clock time belongs to: its weekday/day word/date, else the DCT."""
    if m["wd"]:
        return _weekday_day(m, ctx, weekday_number(m["wd"]))
    if m["rel"]:
        if ctx.dct is None:
            return "XXXX-XX-XX"
        return day_value(ctx.dct + timedelta(days=_DAY_OFFSET[m["rel"].lower()]))
    if m["mon"]:
        month, day = month_number(m["mon"]), int(m["d"])
        year = year_for(ctx, month, day)
        return (
            f"XXXX-{month:02d}-{day:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"
        )
    return "XXXX-XX-XX" if ctx.dct is None else day_value(ctx.dct)


def norm_clock(m: re.Match[str], ctx: Context) -> Norm | None:
    hour, minute = int(m["h"]), int(m["mi"] or 0)
    ap = group(m, "ap").replace(".", "")
    if (ap and not 1 <= hour <= 12) or hour > 24 or minute > 59:
        return None
    if ap == "pm" and hour < 12:
        hour += 12
    elif ap == "am" and hour == 12:
        hour = 0
    return Norm("TIME", f"{_clock_day(m, ctx)}T{hour:02d}:{minute:02d}{_zone(m)}")


def _zone(m: re.Match[str]) -> str:
    """ISO 8601's "Z" for times given in UTC/GMT; other zones are left implicit."""
    return "Z" if group(m, "tz") in ("utc", "gmt") else ""


def norm_clock24(m: re.Match[str], ctx: Context) -> Norm | None:
    hour, minute = int(m["h"]), int(m["mi"])
    if hour > 24 or minute > 59:
        return None
    return Norm("TIME", f"{_clock_day(m, ctx)}T{hour:02d}:{minute:02d}{_zone(m)}")


def norm_noon(m: re.Match[str], ctx: Context) -> Norm | None:
    clock = "24:00" if m["w"].lower() == "midnight" else "12:00"
    return Norm("TIME", f"{_clock_day(m, ctx)}T{clock}")


_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "halloween": (10, 31),
    "victory day": (5, 9),
    "orthodox christmas": (1, 7),
    "valentine's day": (2, 14),
}


def norm_holiday(m: re.Match[str], ctx: Context) -> Norm | None:
    name = " ".join(m["h"].lower().replace("’", "'").split())
    year: int | None = int(m["y"]) if m["y"] else None
    if name.startswith("thanksgiving"):
        month, day = 11, None
    else:
        month, day = _HOLIDAYS[name]
    if year is None:
        rel = group(m, "rel")
        if ctx.dct is not None and rel:
            year = ctx.dct.year + {"last": -1, "next": 1, "this": 0}[rel]
        else:
            year = year_for(ctx, month, day or 25)
    if year is None:
        return Norm("DATE", f"XXXX-{month:02d}-{day:02d}" if day else "XXXX-11-XX")
    if day is None:  # fourth Thursday of November
        first = date(year, 11, 1)
        day = 1 + (3 - first.weekday()) % 7 + 21
    return Norm("DATE", f"{year:04d}-{month:02d}-{day:02d}")
