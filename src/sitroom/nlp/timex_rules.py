"""The time-expression grammar: regex rules that find a span and normalize it to TIMEX3.

HeidelTime's idea (a rule = a pattern + a normalization function, resolved against
the document creation time, "DCT"), with sitroom's own patterns. A rule's handler gets
the match and a :class:`Context` (DCT, the sentence's tense, the last date the
document mentioned) and returns a :class:`Norm`, or None to reject the match. A
handler must reject the same matches whether or not a DCT is known, so finding spans
(``find_candidates``) never depends on resolution.

Conventions follow TimeBank/TempEval-3 news annotation: "last year" is the year,
"the past three years" is a duration, "a year earlier" next to quarterly figures is
the year-earlier quarter, weekday names take the nearest such day in the direction
of the sentence's tense.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sitroom.nlp.timex_calendar import add_months, quarter_of, season_of, shift_value, week_value, weekday_near
from sitroom.nlp.timex_lexicon import (
    MONTH,
    MONTH_FULL,
    NUM,
    UNIT,
    WEEKDAY,
    month_number,
    parse_number,
    part_of_day_code,
    unit_code,
    weekday_number,
)

__all__ = ["RULES", "Candidate", "Context", "Norm", "Rule", "find_candidates"]


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


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Callable[[re.Match[str], Context], Norm | None]


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


# Words that put a span before or around a time expression without changing its value;
# TimeBank keeps them inside the TIMEX3 ("more than four hours", "around Nov. 1").
# Measured on TempEval-3 train: "nearly", "more than", "at least", "up to" sit inside the
# gold span; "about", "only", "just", "almost" mostly outside; "over" inside only when a
# number follows ("over an hour"), not before "the past ...".
MOD = r"(?:around|approximately|roughly|nearly|some|at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|no\s+less\s+than|up\s+to|over(?!\s+the\b)|well\s+over)"
# Edge-of-period words ("early next year", "the end of 1994"): TimeBank keeps the
# period's value and puts the edge in a `mod` attribute we do not model.
EDGE = r"(?:early|earlier|late|later|mid|the\s+(?:end|beginning|start|middle|rest|remainder|close)\s+of|the\s+(?:first|second|last)\s+half\s+of)"
TZ = r"(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|MST|MDT|BST|CET|CEST|EET|EEST|MSK|Kyiv\s+time|Moscow\s+time|local\s+time)"
POD = r"(?:morning|afternoon|evening|night)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
_SEASON_CODE = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month of each season
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_CENTURY_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}  # fmt: skip
# Adjectives that turn a weekday into a named day we do not resolve ("Black Friday").
_WEEKDAY_NAMES = re.compile(r"(?:Black|Good|Ash|Holy|Bloody|Maundy|Palm|Easter|Super|Cyber)\s+$")
# A bare "May" is usually the modal; accept it only after these words.
_MAY_BEFORE = re.compile(r"(?:in|since|until|till|by|of|from|through|during|before|after|early|late|mid|last|next|this)[\s-]+$", re.I)
# Words before a four-digit number that make it a count, not a year ("some 2000 troops").
_COUNT_BEFORE = re.compile(r"(?:about|around|some|nearly|almost|over|than|least|only|up\s+to|approximately|roughly|another|additional|[$€£]|No\.|number|#)\s*$", re.I)
_COUNT_AFTER = re.compile(r"\s*(?:%|percent|per\s+cent|[a-z]+s\b(?<!years)(?<!seasons))", re.I)
# Words before a year that modifies a plural noun ("the 2024 elections", "since 1991 talks").
_YEAR_BEFORE = re.compile(r"(?:^|\b(?:in|the|of|since|by|from|until|till|during|before|after|for|and|or|its|their|his|her|'s))\s*$", re.I)
# Measured on TempEval-3 train, these words are annotated less often than not, so the
# grammar leaves them out: "previously" (2 gold, 20 unannotated), "quarterly" (1/10),
# bare adjective "future" (4/13) and "recent" (6/9), "soon" (5/7), "annually" (3/4).
# What comes before "a day/a week" when it is a rate ("$5 a day", "twice a week"): SET.
_RATE_BEFORE = re.compile(r"(?:\d|percent|%|dollars?|euros?|pounds?|hryvnias?|rubles?|roubles?|million|billion|trillion|thousand|hundred|times|once|twice|barrels|tons|tonnes|shells|rounds)\W*$", re.I)


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I | re.X)


def _X(gran: str) -> str:
    """The unresolved value of a granularity, used when there is no DCT."""
    return {"day": "XXXX-XX-XX", "month": "XXXX-XX", "year": "XXXX", "week": "XXXX-WXX", "quarter": "XXXX-QX", "decade": "XXX", "century": "XX"}[gran]


def _day(d: date) -> str:
    return d.isoformat()


def _month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _direction(ctx: Context) -> str:
    return {"past": "past", "future": "future"}.get(ctx.tense or "", "nearest")


# How much farther a date against the sentence's tense may be and still win: news
# mostly reports the recent past, but "payable Dec. 7" in a past-tense sentence written
# in October is still the coming December. Tuned on TempEval-3 train.
_AGAINST_TENSE = 3.0
_UNKNOWN_TENSE_FUTURE = 1.5


def _year_for(ctx: Context, month: int, day: int | None) -> int | None:
    """Year of a month (and day) written without one: the candidate year nearest the DCT,
    distances against the sentence tense (or into the future, when the tense is unknown)
    weighted up."""
    if ctx.dct is None:
        return None
    dct = ctx.dct
    direction = _direction(ctx)
    best: tuple[float, int] | None = None
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            when = date(year, month, day or 15)
        except ValueError:
            return None
        days = (when - dct).days
        if day is None and year == dct.year and month == dct.month:
            days = 0
        if days > 0:
            weight = _AGAINST_TENSE if direction == "past" else 1.0 if direction == "future" else _UNKNOWN_TENSE_FUTURE
        else:
            weight = _AGAINST_TENSE if direction == "future" else 1.0
        score = abs(days) * weight
        if best is None or score < best[0]:
            best = (score, year)
    return best[1] if best else None


def _text_before(m: re.Match[str], width: int = 30) -> str:
    return m.string[max(0, m.start() - width) : m.start()]


def _text_after(m: re.Match[str], width: int = 30) -> str:
    return m.string[m.end() : m.end() + width]


def _g(m: re.Match[str], name: str) -> str:
    """A named group's text, lower-cased; "" when the group is absent or did not match."""
    return (m.groupdict().get(name) or "").lower()


def _month_ok(word: str, m: re.Match[str], *, bare: bool) -> bool:
    """Month names must be capitalized; a bare "May"/"March" needs a date-ish word before it."""
    if not word[:1].isupper():
        return False
    if bare and word.lower() in ("may", "march") and not _MAY_BEFORE.search(_text_before(m)):
        return False
    return True


# ---------------------------------------------------------------- absolute dates


def _iso(m: re.Match[str], ctx: Context) -> Norm | None:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    try:
        date(y, mo, d)
    except ValueError:
        return None
    if m["h"]:
        return Norm("TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m['h']}:{m['mi']}")
    return Norm("DATE", f"{y:04d}-{mo:02d}-{d:02d}")


def _slash(m: re.Match[str], ctx: Context) -> Norm | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if len(m["y"]) == 2:
        y += 1900 if y >= 50 else 2000  # two-digit years: 1950-2049
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless impossible
    try:
        return Norm("DATE", date(y, month, day).isoformat())
    except ValueError:
        return None


def _month_day(m: re.Match[str], ctx: Context) -> Norm | None:
    if not _month_ok(m["mon"], m, bare=False):
        return None
    month, day = month_number(m["mon"]), int(m["d"])
    if not 1 <= day <= 31:
        return None
    if m["y"]:
        year: int | None = int(m["y"])
    elif m["wd"] and ctx.dct is not None:
        year = _year_for(Context(dct=ctx.dct, tense=None), month, day)
    else:
        year = _year_for(ctx, month, day)
    if year is None:
        return Norm("DATE", f"XXXX-{month:02d}-{day:02d}")
    try:
        return Norm("DATE", date(year, month, day).isoformat())
    except ValueError:
        return None


def _month_year(m: re.Match[str], ctx: Context) -> Norm | None:
    if not _month_ok(m["mon"], m, bare=False):
        return None
    return Norm("DATE", f"{int(m['y']):04d}-{month_number(m['mon']):02d}")


def _month_rel(m: re.Match[str], ctx: Context) -> Norm | None:
    bare = not (m["rel"] or m["rely"] or m["edge"])
    if not _month_ok(m["mon"], m, bare=bare):
        return None
    if re.match(r"\s+\d", _text_after(m)):
        return None  # a day or year follows: another rule owns it
    month = month_number(m["mon"])
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-{month:02d}")
    rel, rely, dct = _g(m, "rel"), _g(m, "rely"), ctx.dct
    if rely:
        year = dct.year + {"last": -1, "next": 1, "this": 0}[rely]
    elif rel in ("last", "this past", "the past"):
        year = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "this coming", "the coming"):
        year = dct.year if month > dct.month else dct.year + 1
    elif rel == "this":
        year = dct.year
    else:
        year = _year_for(ctx, month, None) or dct.year
    return Norm("DATE", f"{year:04d}-{month:02d}")


def _year(m: re.Match[str], ctx: Context) -> Norm | None:
    before = _text_before(m)
    after = _text_after(m)
    if not _g(m, "edge"):
        if _COUNT_BEFORE.search(before):
            return None
        if _COUNT_AFTER.match(after) and not _YEAR_BEFORE.search(before):
            return None  # "killed 2000 civilians", but "in 2023 elections"
    if re.search(r"\d\s*(?:-|to)\s*$", before) and not re.search(r"(?<![\d,])(?:1[1-9]\d\d|20\d\d)\s*(?:-|to)\s*$", before):
        return None  # the end of a numeric range "1,500-2000", not of a year range "1990-1995"
    year = m["y"]
    if season := _g(m, "season"):
        return Norm("DATE", f"{year}-{_SEASON_CODE[season]}")
    half = _g(m, "edge")
    if "first half" in half:
        return Norm("DATE", f"{year}-H1")
    if "second half" in half or "last half" in half:
        return Norm("DATE", f"{year}-H2")
    return Norm("DATE", year)


def _spelled_year(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "nineteen ninety-six" (broadcast transcripts write years out), "the year two thousand"."""
    if m["k"] is not None:
        return Norm("DATE", "2000")
    high, low = parse_number(m["hi"]), parse_number(m["lo"])
    if high is None or low is None:
        return None
    return Norm("DATE", f"{int(high) * 100 + int(low):04d}")


def _year_end(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "by year-end": the end of the DCT's year (of the year before, after "since")."""
    if ctx.dct is None:
        return Norm("DATE", "XXXX")
    since = re.search(r"\bsince\s+$", _text_before(m, 8), re.I)
    return Norm("DATE", f"{ctx.dct.year - (1 if since else 0):04d}")


def _decade(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["dec"]:
        return Norm("DATE", m["dec"])
    century = str(ctx.dct.year)[:2] if ctx.dct else "19"  # "the '90s" without a DCT: last century
    return Norm("DATE", f"{century}{m['d2']}")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}


def _decade_word(m: re.Match[str], ctx: Context) -> Norm | None:
    if not m.group(0).lower().startswith(("the", "early", "mid", "late")):
        return None  # "in his forties" is an age; "the nineties" a decade
    if re.match(r"\s+of\b", _text_after(m)) or re.search(r"\b(?:his|her|their|its)\s+(?:early\s+|mid\s+|late\s+)?$", _text_before(m)):
        return None
    century = "19" if ctx.dct is None or ctx.dct.year < 2030 else str(ctx.dct.year)[:2]
    return Norm("DATE", f"{century}{_DECADE_WORDS[m['w'].lower()]}")


def _century(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["n"]:
        number = int(m["n"])
    elif m["w"]:
        number = _CENTURY_WORDS[" ".join(m["w"].lower().split())]
    else:
        if ctx.dct is None:
            return Norm("DATE", "XX")
        number = ctx.dct.year // 100 + 1 + {"this": 0, "last": -1, "next": 1, "the last": -1, "the past": -1, "the next": 1}[" ".join(m["rel"].lower().split())]
    return Norm("DATE", f"{number - 1:02d}")


# ---------------------------------------------------------------- days and times


_DAY_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}


def _day_rel(m: re.Match[str], ctx: Context) -> Norm | None:
    word = " ".join(m["w"].lower().split())
    pod = "NI" if word == "tonight" else (part_of_day_code(m["pod"]) if m["pod"] else None)
    if ctx.dct is None:
        day = "XXXX-XX-XX"
    else:
        day = _day(ctx.dct + timedelta(days=_DAY_OFFSET[word]))
    return Norm("TIME", f"{day}T{pod}") if pod else Norm("DATE", day)


def _this_pod(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = " ".join(m["rel"].lower().split()).split()[-1]
    offset = {"this": 0, "tonight": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    pod = part_of_day_code(m["pod"])
    if rel == "last" and pod != "NI":
        return None  # "last morning" is not idiomatic; "last evening" rare: skip
    day = "XXXX-XX-XX" if ctx.dct is None else _day(ctx.dct + timedelta(days=offset))
    return Norm("TIME", f"{day}T{pod}")


def _weekday_day(m: re.Match[str], ctx: Context, wd: int) -> str:
    if ctx.dct is None:
        return f"XXXX-WXX-{wd}"
    rel = " ".join(_g(m, "rel").split())
    if rel in ("last", "this past"):
        day = ctx.dct - timedelta(days=(ctx.dct.isoweekday() - wd - 1) % 7 + 1)
    elif rel in ("next", "this coming"):
        day = ctx.dct + timedelta(days=(wd - ctx.dct.isoweekday() - 1) % 7 + 1)
    else:
        day = weekday_near(ctx.dct, wd, direction=_direction(ctx))
    return _day(day)


def _weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    if not m["wd"][:1].isupper() or _WEEKDAY_NAMES.search(_text_before(m)):
        return None
    wd = weekday_number(m["wd"])
    if m["pl"] or _g(m, "rel") in ("every", "each"):
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
        return _day(ctx.dct + timedelta(days=_DAY_OFFSET[m["rel"].lower()]))
    if m["mon"]:
        month, day = month_number(m["mon"]), int(m["d"])
        year = _year_for(ctx, month, day)
        return f"XXXX-{month:02d}-{day:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"
    return "XXXX-XX-XX" if ctx.dct is None else _day(ctx.dct)


def _clock(m: re.Match[str], ctx: Context) -> Norm | None:
    hour, minute = int(m["h"]), int(m["mi"] or 0)
    ap = _g(m, "ap").replace(".", "")
    if ap and not 1 <= hour <= 12 or hour > 24 or minute > 59:
        return None
    if ap == "pm" and hour < 12:
        hour += 12
    elif ap == "am" and hour == 12:
        hour = 0
    return Norm("TIME", f"{_clock_day(m, ctx)}T{hour:02d}:{minute:02d}")


def _clock24(m: re.Match[str], ctx: Context) -> Norm | None:
    hour, minute = int(m["h"]), int(m["mi"])
    if hour > 24 or minute > 59:
        return None
    return Norm("TIME", f"{_clock_day(m, ctx)}T{hour:02d}:{minute:02d}")


def _noon(m: re.Match[str], ctx: Context) -> Norm | None:
    clock = "24:00" if m["w"].lower() == "midnight" else "12:00"
    return Norm("TIME", f"{_clock_day(m, ctx)}T{clock}")


# ---------------------------------------------------------------- relative periods


def _weekend(rel: str, ctx: Context) -> str:
    if ctx.dct is None:
        return "XXXX-WXX-WE"
    dct = ctx.dct
    in_weekend = dct.isoweekday() >= 6
    if rel in ("last", "this past", "the past", "the previous"):
        offset = -1
    elif rel == "next":
        offset = 1
    elif rel in ("this", "this coming", "the coming") or in_weekend:
        offset = 0
    else:  # "the weekend": the one just gone unless the sentence looks ahead
        offset = 0 if ctx.tense == "future" else -1
    return week_value(dct + timedelta(weeks=offset)) + "-WE"


def _period_value(unit: str, offset: int, ctx: Context) -> str:
    """The calendar period ``offset`` units from the DCT's: ``("month", -1) -> 2024-10``."""
    assert ctx.dct is not None  # callers check
    dct = ctx.dct
    if unit == "week":
        return week_value(dct + timedelta(weeks=offset))
    if unit == "month":
        return _month(add_months(dct, offset))
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


_REL_OFFSET = {"last": -1, "this past": -1, "the previous": -1, "the prior": -1, "this": 0, "the current": 0, "current": 0, "this coming": 1, "next": 1, "the coming": 1, "coming": 1, "the following": 1}
_DURATION_RELS = ("the past", "the last", "the next", "past")
_UNIT_LETTER = {"week": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "E", "century": "C", "half": "M"}
_GRAN_OF_UNIT = {"week": "week", "month": "month", "year": "year", "quarter": "quarter", "decade": "decade", "century": "century", "half": "month"}


def _season(code: str, rel: str, ctx: Context) -> str:
    if ctx.dct is None:
        return f"XXXX-{code}"
    dct, start = ctx.dct, _SEASON_START[code]
    if rel in ("last", "this past", "the past", "the previous"):
        year = dct.year if start + 3 <= dct.month else dct.year - 1
    elif rel in ("next", "this coming", "the coming"):
        year = dct.year if start > dct.month else dct.year + 1
    else:
        year = season_of(dct)[0]
    return f"{year:04d}-{code}"


def _rel_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = " ".join(_g(m, "rel").split())
    unit = _g(m, "u")
    if unit == "period":
        if rel not in ("the latest", "the current"):
            return None  # "the period" alone is too vague to resolve
        unit = "quarter"  # results reporting: "the latest period" is the quarter reported
    if rel == "the full":
        rel = "the"
    if unit == "year" and rel in ("the", "the fiscal") and re.match(r"\s+(?:ended|ending|that\s+ended|through|to\s+date)\b", _text_after(m)):
        return Norm("DURATION", "P1Y")  # "the year ended March 31": a twelve-month span
    if unit in _SEASON_CODE:
        return Norm("DATE", _season(_SEASON_CODE[unit], rel, ctx))
    if unit == "weekend":
        if rel in ("the past", "the last", "the next") and not m["edge"]:
            return Norm("DURATION", "P2D")  # "the past weekend" reads as a span of days
        return Norm("DATE", _weekend(rel, ctx))
    if rel in _DURATION_RELS and not m["edge"]:
        return Norm("DURATION", f"P1{_UNIT_LETTER[unit]}" if unit != "half" else "P6M")
    if unit == "half":
        return None  # "the first half" is the ordinal rule's
    if rel in ("the", "the latest", "the same", "that", "the previous", "the prior", "the following") and ctx.ref:
        ref_unit = _unit_of_value(ctx.ref)
        if ref_unit == unit or (ref_unit in ("quarter", "month", "day", "week") and unit == "year"):
            base = ctx.ref if ref_unit == unit else ctx.ref[:4]
            shift = {"the previous": -1, "the prior": -1, "the following": 1}.get(rel, 0)
            shifted = shift_value(base, shift, unit) if shift else base
            if shifted:
                return Norm("DATE", shifted, from_ref=True)
    if ctx.dct is None:
        return Norm("DATE", _X(_GRAN_OF_UNIT[unit]))
    if rel in ("the", "the latest") and unit == "quarter":
        offset = -1  # news reports results for the quarter just closed
    else:
        offset = _REL_OFFSET.get(rel, 0)
    return Norm("DATE", _period_value(unit, offset, ctx))


def _unit_of_value(value: str) -> str | None:
    if re.fullmatch(r"\d{4}-Q\d", value):
        return "quarter"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return "week"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return None


def _ordinal_period(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = _g(m, "u")
    n = _ORDINAL.get(_g(m, "ord"))
    if _g(m, "ord") in ("final", "last"):
        n = 4 if unit == "quarter" else 2
    if n is None or (unit == "half" and n > 2):
        return None
    letter = "Q" if unit == "quarter" else "H"
    if m["y"] or m["yy"]:
        year: str | None = m["y"] or m["yy"]
    elif m["rely"] or m["rel"] and "year" in m["rel"].lower():
        word = _g(m, "rely") or _g(m, "rel").split()[0]
        year = None if ctx.dct is None else f"{ctx.dct.year + {'last': -1, 'next': 1, 'this': 0}[word]:04d}"
    elif ctx.dct is not None:
        current = quarter_of(ctx.dct) if letter == "Q" else (ctx.dct.month - 1) // 6 + 1
        # Results are reported after a period closes: a later period than the current one is last year's.
        year = f"{ctx.dct.year - (1 if n > current and ctx.tense != 'future' else 0):04d}"
    else:
        year = None
    return Norm("DATE", f"{year or 'XXXX'}-{letter}{n}")


# ---------------------------------------------------------------- durations, ago, sets


def _duration_value(number: float | None, letter: str) -> str:
    """``P3Y``, ``PT5H30M``, ``PXM``; half units roll into the next smaller unit; decades
    and centuries count in years when exact ("two decades" is ``P20Y``, as TimeBank writes)."""
    if number is not None and letter in ("E", "C") and number == int(number):
        return f"P{int(number) * (10 if letter == 'E' else 100)}Y"
    time = letter.startswith("T")
    letter = letter[-1]
    prefix = "PT" if time else "P"
    if number is None:
        return f"{prefix}X{letter}"
    if number == int(number):
        return f"{prefix}{int(number)}{letter}"
    whole, frac = int(number), number - int(number)
    smaller = {("Y", False): ("M", 12, False), ("W", False): ("D", 7, False), ("D", False): ("H", 24, True), ("H", True): ("M", 60, True), ("M", True): ("S", 60, True), ("M", False): ("D", 30, False)}.get((letter, time))
    if smaller is None:
        return f"{prefix}{number:g}{letter}"
    small, factor, small_time = smaller
    parts = f"{whole}{letter}" if whole else ""
    if small_time and not time:
        return f"P{parts}T{round(frac * factor)}{small}"
    return f"{prefix}{parts}{round(frac * factor)}{small}"


def _duration(m: re.Match[str], ctx: Context) -> Norm | None:
    num_text = _g(m, "n")
    number = parse_number(num_text)
    unit_word = _g(m, "u")
    letter = unit_code(unit_word)
    if letter == "WE" or "old" in (m.group("adj") or "").lower():
        return None  # ages ("a 6-year-old boy") are not time expressions in TimeBank
    if letter == "Q" and re.match(r"\s+of\b", _text_after(m)):
        return None  # "three-quarters of its food" is a fraction
    if number is not None and number >= 1000 and not unit_word.endswith("s"):
        return None  # "the 1988 second quarter": a year, not 1988 seconds
    if letter == "TS" and num_text in ("a", "an"):
        return None  # "a second" is almost always the ordinal
    plural = unit_word.endswith("s")
    if num_text in ("a", "an") and not m["rel"] and not m["mod"] and _RATE_BEFORE.search(_text_before(m)):
        return Norm("SET", f"P1{letter[-1]}" if not letter.startswith("T") else f"PT1{letter[-1]}")
    if num_text in ("some", "many") and not plural:
        return None  # "some day" / "many a year" are not durations
    return Norm("DURATION", _duration_value(number, letter))


def _ago(m: re.Match[str], ctx: Context) -> Norm | None:
    number = parse_number(_g(m, "n"))
    letter = unit_code(_g(m, "u"))
    direction = " ".join(_g(m, "dir").split())
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if letter == "WE":
        return None
    unit = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "E": "decade", "C": "century", "TH": "hour", "TM": "minute", "TS": "second"}[letter]
    if unit in ("hour", "minute", "second"):
        return Norm("DURATION", _duration_value(number, letter))
    if number is None:
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    amount = int(number) if number == int(number) else None
    if amount is None:
        return Norm("DURATION", _duration_value(number, letter))
    base_ref = direction in ("earlier", "later", "before", "after")
    # Year-on-year comparisons in results reporting: "a year earlier" is last year's quarter.
    if unit == "year" and amount == 1 and ctx.ref and _unit_of_value(ctx.ref) == "quarter":
        return Norm("DATE", shift_value(ctx.ref, sign, "year") or ctx.ref, from_ref=True)
    if base_ref and ctx.ref and _unit_of_value(ctx.ref) in ("day", "month", "year", "week"):
        shifted = shift_value(ctx.ref, sign * amount, unit if unit != "century" else "year")
        if shifted:
            return Norm("DATE", shifted, from_ref=True)
    if ctx.dct is None:
        gran = {"day": "day", "week": "day", "month": "month", "quarter": "quarter", "year": "year", "decade": "year", "century": "year"}[unit]
        return Norm("DATE", _X(gran))
    dct = ctx.dct
    if unit in ("day", "week"):
        return Norm("DATE", _day(dct + timedelta(days=sign * amount * (7 if unit == "week" else 1))))
    if unit == "month":
        return Norm("DATE", _month(add_months(dct, sign * amount)))
    if unit == "quarter":
        return Norm("DATE", _period_value("quarter", sign * amount, ctx))
    if unit == "year" and amount == 1 and direction == "ago":
        return Norm("DATE", _day(add_months(dct, -12)))
    years = amount * {"year": 1, "decade": 10, "century": 100}[unit]
    return Norm("DATE", f"{dct.year + sign * years:04d}")


def _year_period(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "the 1988 period", "the 1988 second quarter": a quarter of that year (the quarter in
    focus when none is named)."""
    if m["ord"]:
        return Norm("DATE", f"{m['y']}-Q{_ORDINAL[m['ord'].lower()]}")
    if ctx.ref and _unit_of_value(ctx.ref) == "quarter":
        return Norm("DATE", f"{m['y']}-Q{ctx.ref[-1]}", from_ref=True)
    return Norm("DATE", m["y"])


def _year_earlier(m: re.Match[str], ctx: Context) -> Norm | None:
    if ctx.ref and _unit_of_value(ctx.ref) == "quarter":
        return Norm("DATE", shift_value(ctx.ref, -1, "year") or ctx.ref, from_ref=True)
    if ctx.dct is None:
        return Norm("DATE", "XXXX")
    return Norm("DATE", f"{ctx.dct.year - 1:04d}")


def _vague(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = " ".join(_g(m, "rel").split())
    unit = _g(m, "u")
    letter = unit_code(unit)
    if not rel and not m["q"]:
        before = _text_before(m, 12).lower()
        if not re.search(r"\b(?:for|in|over|within|take|took|takes|lasted|last)\s+$", before):
            return None
    if rel in ("recent", "past") and letter in ("Y", "Q"):
        return Norm("DATE", "PAST_REF")
    if rel in ("the coming", "coming") and letter == "M":
        return Norm("DATE", "FUTURE_REF")
    return Norm("DURATION", _duration_value(None, letter))


_SET_WORD = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P3M"}
_SET_UNIT = {"day": "P1D", "night": "P1D", "morning": "P1D", "evening": "P1D", "afternoon": "P1D", "week": "P1W", "weekend": "P1W", "month": "P1M", "quarter": "P3M", "year": "P1Y", "hour": "PT1H", "minute": "PT1M", "decade": "P10Y"}


def _set_word(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("SET", _SET_WORD[m["w"].lower()])


def _set_every(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = _g(m, "u")
    if m["wd"]:
        return Norm("SET", f"XXXX-WXX-{weekday_number(m['wd'])}")
    if m["mon"]:
        return Norm("SET", f"XXXX-{month_number(m['mon']):02d}")
    number = parse_number(_g(m, "n")) if m["n"] else 1
    letter = unit_code(unit)
    if letter == "WE":
        return Norm("SET", "XXXX-WXX-WE")
    if unit in ("morning", "evening", "afternoon"):
        return Norm("SET", f"XXXX-XX-XXT{part_of_day_code(unit)}")
    value = _duration_value(number, letter)
    if m["other"]:
        value = _duration_value(2, letter)
    return Norm("SET", value)


def _set_freq(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("SET", _SET_UNIT[_g(m, "u")])


_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
    "presently": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "the present": "PRESENT_REF", "current": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "the past": "PAST_REF", "in the past": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the long term": "FUTURE_REF", "the short term": "FUTURE_REF",
}  # fmt: skip


def _ref(m: re.Match[str], ctx: Context) -> Norm | None:
    word = " ".join(m["w"].lower().split())
    after = _text_after(m, 20)
    if word == "now" and re.match(r"\s*(?:that|-)", after):
        return None  # "now that ..." is a conjunction
    if word == "soon" and re.search(r"\bas\s+$", _text_before(m, 5)):
        return None  # "as soon as" is a conjunction
    if word == "current" and re.match(r"\s+(?:account|affairs|events|flows?|of|president|leadership|government|head|chief|members?|system|situation|state|status|rules?|law|policy|regime)\b", after, re.I):
        return None  # "current" naming a thing, not a time
    if word == "future" and m.start() > 0 and m.string[m.start() - 1] == "-":
        return None
    return Norm("DATE", _REFS[word])


_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31), "victory day": (5, 9), "orthodox christmas": (1, 7), "valentine's day": (2, 14)}


def _holiday(m: re.Match[str], ctx: Context) -> Norm | None:
    name = " ".join(m["h"].lower().replace("’", "'").split())
    year: int | None = int(m["y"]) if m["y"] else None
    if name.startswith("thanksgiving"):
        month, day = 11, None
    else:
        month, day = _HOLIDAYS[name]
    if year is None:
        rel = _g(m, "rel")
        if ctx.dct is not None and rel:
            year = ctx.dct.year + {"last": -1, "next": 1, "this": 0}[rel]
        else:
            year = _year_for(ctx, month, day or 25)
    if year is None:
        return Norm("DATE", f"XXXX-{month:02d}-{day:02d}" if day else "XXXX-11-XX")
    if day is None:  # fourth Thursday of November
        first = date(year, 11, 1)
        day = 1 + (3 - first.weekday()) % 7 + 21
    return Norm("DATE", f"{year:04d}-{month:02d}-{day:02d}")


# ---------------------------------------------------------------- the rule table

_Y = r"(?<![\d$€£.,/])(?P<y>1[1-9]\d\d|20\d\d)(?![\d%]|\.\d|,\d)"
_OPT_Y = r"(?:,?\s+(?P<y>1[1-9]\d\d|20\d\d)\b)?"
_WD_PREFIX = rf"(?:(?P<wd>{WEEKDAY}),?\s+)?"
_DAY_WORD = r"(?P<rel>today|tonight|yesterday|tomorrow)"
_CLOCK_TAIL = rf"(?:,?\s+(?:(?P<wd>{WEEKDAY})\b|{_DAY_WORD}|(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})\b))?"
_REL = r"(?P<rel>last|this\s+past|this\s+coming|this|next|the\s+past|the\s+last|the\s+previous|the\s+prior|the\s+coming|the\s+current|the\s+latest|the\s+following|the\s+next|the\s+same|the\s+full|coming|current|past|that|the)"

RULES: tuple[Rule, ...] = (
    Rule("iso", _c(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:T(?P<h>\d{2}):(?P<mi>\d{2})(?::\d{2})?)?\b"), _iso),
    Rule("slash", _c(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"), _slash),
    Rule("month_day", _c(rf"(?:{MOD}\s+)?{_WD_PREFIX}(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b{_OPT_Y}"), _month_day),
    Rule("day_month", _c(rf"(?:{MOD}\s+)?{_WD_PREFIX}(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH})(?![a-z]){_OPT_Y}"), _month_day),
    Rule("month_year", _c(rf"(?:(?P<edge>{EDGE})[\s-]+)?(?P<mon>{MONTH})(?:\s+of)?,?\s+(?P<y>1[1-9]\d\d|20\d\d)\b"), _month_year),
    Rule("month_rel", _c(rf"(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<rel>last|next|this\s+past|this\s+coming|this|the\s+past|the\s+coming)\s+)?(?P<mon>{MONTH_FULL})\b(?:\s+(?P<rely>last|next|this)\s+year)?"), _month_rel),
    Rule("year", _c(rf"(?:(?P<edge>fiscal|calendar|{EDGE}|(?:the\s+)?(?:spring|summer|fall|autumn|winter)\s+of)[\s-]+)?{_Y}"), _year),
    Rule("spelled_year", _c(rf"(?:(?P<edge>the\s+year)\s+)?(?P<hi>nineteen|eighteen|twenty)[\s-]+(?P<lo>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b(?!\s+(?:percent|per\s+cent|people|dollars|troops))|the\s+year\s+two\s+thousand(?P<k>)"), _spelled_year),
    Rule("year_end", _c(r"(?:around\s+)?year(?:-|\s+|'s\s+)end\b"), _year_end),
    Rule("season_year", _c(rf"(?:the\s+)?(?P<season>{SEASON})\s+(?:of\s+)?{_Y}(?P<edge>)"), _year),
    Rule("decade", _c(r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<dec>1[0-9]\d|20\d)0'?s\b|'(?P<d2>\d)0'?s\b)"), _decade),
    Rule("decade_word", _c(r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"), _decade_word),
    Rule("century", _c(r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[\s-]first)|(?P<rel>this|last|next|the\s+last|the\s+past|the\s+next))[\s-]+century\b"), _century),
    Rule("day_rel", _c(rf"(?:(?:early|earlier|late|later)\s+)?(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)\b(?:\s+(?P<pod>{POD})\b)?"), _day_rel),
    Rule("this_pod", _c(rf"(?:(?:early|earlier|late|later)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>{POD})\b"), _this_pod),
    Rule("weekday", _c(rf"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|every|each)\s+)?(?P<wd>{WEEKDAY})(?P<pl>s)?\b(?:,?\s+(?P<pod>{POD})\b)?"), _weekday),
    Rule("clock", _c(rf"(?:(?:around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?\s*(?P<ap>a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)(?:\s+{TZ}\b)?{_CLOCK_TAIL}"), _clock),
    Rule("clock24", _c(rf"(?:(?:around|about|approximately)\s+)?(?<![\d:.])(?P<h>[01]\d|2[0-4]):?(?P<mi>[0-5]\d)(?:\s+hours)?\s+{TZ}\b{_CLOCK_TAIL}"), _clock24),
    Rule("noon", _c(rf"(?P<w>noon|midnight|midday)(?:\s+(?P<wd>{WEEKDAY})\b|\s+{_DAY_WORD})?(?P<mon>)(?P<d>)"), _noon),
    Rule("rel_unit", _c(rf"(?:(?P<edge>{EDGE})[\s-]+)?{_REL}\s+(?:fiscal\s+)?(?P<u>week|weekend|month|year|quarter|decade|half|period|{SEASON})\b(?!-)"), _rel_unit),
    Rule("ordinal_period", _c(rf"(?:(?P<rel>the|this|last|next|this\s+year's|last\s+year's|next\s+year's|(?P<yy>1[1-9]\d\d|20\d\d)'s)\s+(?!(?:fiscal\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th|final)-))?(?:(?:fiscal|calendar|latest|current|same|year-earlier|year-ago)\s+)*(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+(?P<u>quarter|half)\b(?:\s+of\s+(?:(?:fiscal|calendar)\s+)?(?:(?P<y>1[1-9]\d\d|20\d\d)\b|(?P<rely>this|last|next)\s+year\b))?"), _ordinal_period),
    Rule("year_period", _c(r"the\s+(?P<y>1[1-9]\d\d|20\d\d)\s+(?:(?P<ord>first|second|third|fourth)[\s-]+)?(?:fiscal\s+)?(?:quarter|period)\b"), _year_period),
    Rule("ago", _c(rf"(?:(?P<mod>{MOD})\s+)?(?P<n>{NUM})\s+(?P<u>{UNIT})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence)\b"), _ago),
    Rule("year_earlier", _c(r"(?:the\s+year-(?:earlier|ago)\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period)|year-(?:earlier|ago))\b"), _year_earlier),
    Rule("duration", _c(rf"(?:(?P<mod>{MOD})\s+)?(?:(?P<rel>the\s+(?:past|last|next|first|final|previous|coming|remaining|following|latest|same|initial)|another|an\s+additional|an\s+extra|past|last|next|first|the(?!\s+\S+-))\s+)?(?P<n>{NUM})[\s-]+(?:(?:more|additional|straight|consecutive|full|long)\s+)?(?P<u>{UNIT})\b(?P<adj>[\s-](?:long|old)\b)?(?:\s+or\s+so\b)?"), _duration),
    Rule("vague", _c(rf"(?:(?P<rel>the\s+past|the\s+last|the\s+next|the\s+coming|the\s+following|the\s+early|recent|coming|past)\s+)?(?:(?P<q>few|several|many)\s+)?(?P<u>minutes|hours|days|weeks|months|quarters|years|decades|centuries)\b"), _vague),
    Rule("set_word", _c(r"\b(?P<w>daily|nightly|weekly|biweekly|monthly|yearly|hourly)\b"), _set_word),
    Rule("set_every", _c(rf"(?:every|each)\s+(?P<other>other\s+)?(?:(?P<wd>{WEEKDAY})\b|(?P<mon>{MONTH_FULL})\b|(?:(?P<n>{NUM})\s+)?(?P<u>day|night|morning|afternoon|evening|week|weekend|month|quarter|year|hour|minute|decade|days|weeks|months|years|hours|minutes)\b)"), _set_every),
    Rule("set_freq", _c(r"(?:once|twice|(?:three|four|five|six|\d+)\s+times)\s+(?:a|an|per|every|each)\s+(?P<u>day|week|month|year|hour)\b"), _set_freq),
    Rule("ref", _c(r"\b(?P<w>now|currently|at\s+present|presently|nowadays|these\s+days|at\s+the\s+moment|the\s+present(?!\s+(?:day|time))|current|recently|lately|formerly|the\s+past|the\s+future|the\s+near\s+future|the\s+near\s+term|the\s+long\s+term|the\s+short\s+term)\b"), _ref),
    Rule("holiday", _c(rf"(?:(?P<rel>last|next|this)\s+)?(?P<h>Orthodox\s+Christmas|Christmas\s+Eve|Christmas\s+Day|Christmas|New\s+Year['’]s\s+Eve|New\s+Year['’]s\s+Day|Thanksgiving(?:\s+Day)?|Victory\s+Day|Halloween|Valentine['’]s\s+Day)\b{_OPT_Y}"), _holiday),
)


def find_candidates(text: str) -> list[Candidate]:
    """Every accepted rule match in ``text``, overlaps removed: longer spans win, then earlier rules.

    Acceptance is checked without a DCT, so the spans do not depend on resolution.
    """
    probe = Context()
    found: list[tuple[int, int, int, Candidate]] = []
    for priority, rule in enumerate(RULES):
        for m in rule.pattern.finditer(text):
            start, end = m.span()
            if end == start or (start > 0 and text[start - 1].isalnum() and text[start].isalnum()):
                continue
            if end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
                continue
            if rule.handler(m, probe) is None:
                continue
            found.append((start, end, priority, Candidate(start, end, rule, m)))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    chosen: list[Candidate] = []
    taken = bytearray(len(text) + 1)
    for start, end, _, cand in found:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen
