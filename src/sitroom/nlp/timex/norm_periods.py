"""TIMEX3 normalizers for periods relative to the DCT, durations, sets and vague references.

"last month", "the third quarter", "a year earlier", "the past three years", "every
week", "recently". Anaphoric expressions ("the quarter", "a year earlier") resolve
against ``Context.ref``, the last date the document mentioned, and say so with
``Norm.from_ref``. See :mod:`sitroom.nlp.timex.context` for the contract.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sitroom.nlp.numbers import parse_unit_count
from sitroom.nlp.timex.calendar import add_months, quarter_of, season_of, shift_value, week_value
from sitroom.nlp.timex.context import (
    ORDINAL,
    SEASON_CODE,
    Context,
    Norm,
    day_value,
    direction,
    duration_value,
    group,
    month_value,
    period_value,
    text_after,
    text_before,
    unresolved,
    year_for,
)
from sitroom.nlp.timex.lexicon import (
    MONTH,
    month_number,
    part_of_day_code,
    unit_code,
    weekday_number,
)
from sitroom.nlp.timex.values import unit_of_value

__all__ = [
    "norm_ago",
    "norm_duration",
    "norm_ordinal_period",
    "norm_quarter_code",
    "norm_ref",
    "norm_rel_unit",
    "norm_set_every",
    "norm_set_freq",
    "norm_set_word",
    "norm_vague",
    "norm_year_earlier",
    "norm_year_period",
]

# Ordinals of the first and last days ``datetime.date`` can hold.
_DAY_RANGE = (date.min.toordinal(), date.max.toordinal())
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month of each season
# What comes before "a day/a week" when it is a rate ("$5 a day", "twice a week"): SET.
_RATE_BEFORE = re.compile(
    r"(?:\d|percent|%|dollars?|euros?|pounds?|hryvnias?|rubles?|roubles?|million|billion|trillion|thousand|hundred|times|once|twice|barrels|tons|tonnes|shells|rounds)\W*$",
    re.IGNORECASE,
)


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


_REL_OFFSET = {
    "last": -1,
    "this past": -1,
    "the previous": -1,
    "the prior": -1,
    "this": 0,
    "the current": 0,
    "current": 0,
    "this coming": 1,
    "next": 1,
    "the coming": 1,
    "coming": 1,
    "the following": 1,
}
# A capitalized word after a capitalized season: the season names something.
_NAME_AFTER = re.compile(r"\s+(?-i:[A-Z])")
_DURATION_RELS = ("the past", "the last", "the next", "past")
_UNIT_LETTER = {
    "week": "W",
    "month": "M",
    "year": "Y",
    "quarter": "Q",
    "decade": "E",
    "century": "C",
    "half": "M",
}
_GRAN_OF_UNIT = {
    "week": "week",
    "month": "month",
    "year": "year",
    "quarter": "quarter",
    "decade": "decade",
    "century": "century",
    "half": "month",
}


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
        # "closed since the autumn" written in March: a season that has not begun this
        # year is last year's in a past-tense sentence (and one already over is next
        # year's in a future-tense one).
        # Winter keeps the calendar year of the day (season_of's TimeBank convention).
        if code != "WI" and direction(ctx) == "past" and start > dct.month:
            year = dct.year - 1
        elif code != "WI" and direction(ctx) == "future" and start + 3 <= dct.month:
            year = dct.year + 1
    return f"{year:04d}-{code}"


def _season_norm(m: re.Match[str], rel: str, ctx: Context) -> Norm | None:
    if m["u"][:1].isupper() and _NAME_AFTER.match(text_after(m)):
        return None  # a capitalized season in a name: "the Winter War", "Summer Games"
    return Norm("DATE", _season(SEASON_CODE[group(m, "u")], rel, ctx))


def norm_rel_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = " ".join(group(m, "rel").split())
    unit = group(m, "u")
    if unit == "period":
        if rel not in ("the latest", "the current"):
            return None  # "the period" alone is too vague to resolve
        unit = "quarter"  # results reporting: "the latest period" is the quarter reported
    if rel == "the full":
        rel = "the"
    if (
        unit == "year"
        and rel in ("the", "the fiscal")
        and re.match(r"\s+(?:ended|ending|that\s+ended|through|to\s+date)\b", text_after(m))
    ):
        return Norm("DURATION", "P1Y")  # "the year ended March 31": a twelve-month span
    if unit in SEASON_CODE:
        return _season_norm(m, rel, ctx)
    if unit == "weekend":
        if rel in ("the past", "the last", "the next") and not m["edge"]:
            return Norm("DURATION", "P2D")  # "the past weekend" reads as a span of days
        return Norm("DATE", _weekend(rel, ctx))
    if rel in ("the past", "the last") and unit == "quarter" and ctx.dct is not None:
        return Norm(
            "DATE", period_value("quarter", -1, ctx.dct)
        )  # results of the quarter just closed
    if rel in _DURATION_RELS and not m["edge"]:
        return Norm(
            "DURATION",
            duration_value(6, "M") if unit == "half" else duration_value(1, _UNIT_LETTER[unit]),
        )
    if (
        unit == "year"
        and rel == "the"
        and re.match(r"\s+(?:before|previous|prior|earlier)\b", text_after(m))
    ):
        base = ctx.ref[:4] if ctx.ref and unit_of_value(ctx.ref) else None
        if base:
            return Norm("DATE", f"{int(base) - 1:04d}", from_ref=True)
        return Norm("DATE", "XXXX" if ctx.dct is None else f"{ctx.dct.year - 1:04d}")
    if unit == "half":
        return None  # "the first half" is the ordinal rule's
    from_ref = _rel_unit_from_ref(m, rel, unit, ctx)
    if from_ref is not None:
        return from_ref
    if ctx.dct is None:
        return Norm("DATE", unresolved(_GRAN_OF_UNIT[unit]))
    # News reports results for the quarter just closed: "the latest quarter" is the last one.
    offset = -1 if rel in ("the", "the latest") and unit == "quarter" else _REL_OFFSET.get(rel, 0)
    return Norm("DATE", period_value(unit, offset, ctx.dct))


# "the quarter ended Sept. 30", "the quarter ending Jan. 31, 1990": the day it closes.
_ENDED = re.compile(
    rf"\s+(?:that\s+)?(?:ended|ending|ends|closed)\s+(?:on\s+)?(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})\b(?:,?\s+(?P<y>1[1-9]\d\d|20\d\d)\b)?"
)
# A fiscal quarter takes the name of the calendar quarter that holds most of its days:
# the one holding the day half a quarter before it ends (July 31 -> mid-June -> Q2).
_HALF_QUARTER = timedelta(days=45)


def _quarter_ended(m: re.Match[str], ctx: Context) -> str | None:
    """ "the quarter ended July 31": the quarter named by its last day, else None."""
    end = _ENDED.match(text_after(m, 40))
    if end is None or not end["mon"][:1].isupper():
        return None
    month, day = month_number(end["mon"]), int(end["d"])
    past = Context(dct=ctx.dct, tense="future" if end[0].lstrip().startswith("ending") else "past")
    year = int(end["y"]) if end["y"] else year_for(past, month, day)
    if year is None:
        return "XXXX-QX"
    try:
        middle = date(year, month, day) - _HALF_QUARTER
    except ValueError:
        return None
    return f"{middle.year:04d}-Q{quarter_of(middle)}"


def _rel_unit_from_ref(m: re.Match[str], rel: str, unit: str, ctx: Context) -> Norm | None:
    """ "the same quarter", "the previous month": the period in focus (``ctx.ref``), shifted;
    "the quarter ended July 31": the quarter that day closes."""
    if unit == "quarter" and rel in ("the", "the latest", "the current", "that"):
        ended = _quarter_ended(m, ctx)
        if ended is not None:
            return Norm("DATE", ended)
    if (
        rel
        not in (
            "the",
            "the latest",
            "the same",
            "that",
            "the previous",
            "the prior",
            "the following",
        )
        or not ctx.ref
    ):
        return None
    ref_unit = unit_of_value(ctx.ref)
    if ref_unit == "day" and unit in ("week", "month"):
        # "March 3 ... the following week": the week (or month) of the day in focus
        day = date.fromisoformat(ctx.ref)
        ref_unit, ref = unit, week_value(day) if unit == "week" else month_value(day)
    else:
        ref = ctx.ref
    if ref_unit == unit or (ref_unit in ("quarter", "month", "day", "week") and unit == "year"):
        base = ref if ref_unit == unit else ref[:4]
        shift = {"the previous": -1, "the prior": -1, "the following": 1}.get(rel, 0)
        shifted = shift_value(base, shift, unit) if shift else base
        if shifted:
            return Norm("DATE", shifted, from_ref=True)
    return None


def norm_quarter_code(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "Q3 2024", "in Q3", "H1": a quarter or half written as a code (upper case only)."""
    code = m["letter"]
    if not code[0].isupper():
        return None
    if m["y"]:
        return Norm("DATE", f"{m['y']}-{code}")
    if m["y2"]:  # "Q3'24": the century of the DCT (or the 2000s without one)
        century = 2000 if ctx.dct is None else ctx.dct.year // 100 * 100
        return Norm("DATE", f"{century + int(m['y2']):04d}-{code}")
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-{code}")
    current = quarter_of(ctx.dct) if code[0] == "Q" else (ctx.dct.month - 1) // 6 + 1
    later = int(code[1]) > current and ctx.tense != "future"
    return Norm("DATE", f"{ctx.dct.year - later:04d}-{code}")


def norm_ordinal_period(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = group(m, "u")
    n = ORDINAL.get(group(m, "ord"))
    if group(m, "ord") in ("final", "last"):
        n = 4 if unit == "quarter" else 2
    if n is None or (unit == "half" and n > 2):
        return None
    letter = "Q" if unit == "quarter" else "H"
    if m["y"] or m["yy"]:
        year: str | None = m["y"] or m["yy"]
    elif m["rely"] or (m["rel"] and "year" in m["rel"].lower()):
        word = group(m, "rely") or group(m, "rel").split()[0]
        year = (
            None
            if ctx.dct is None
            else f"{ctx.dct.year + {'last': -1, 'next': 1, 'this': 0}[word]:04d}"
        )
    elif ctx.dct is not None:
        current = quarter_of(ctx.dct) if letter == "Q" else (ctx.dct.month - 1) // 6 + 1
        # Results are reported after a period closes: a later period than the current one is last year's.
        year = f"{ctx.dct.year - (1 if n > current and ctx.tense != 'future' else 0):04d}"
    else:
        year = None
    return Norm("DATE", f"{year or 'XXXX'}-{letter}{n}")


# ---------------------------------------------------------------- durations, ago, sets

# Before "a quarter" that counts three months ("in a quarter", "for a quarter"); elsewhere
# it is a fraction ("around a quarter agreed", "up from a quarter in 2015").
_PERIOD_BEFORE = re.compile(
    r"\b(?:for|in|over|within|during|after|than|per|every|each|once|twice|another)\s+$", re.I
)
# A modal before "one day" makes it an unnamed time to come, not a day's length.
_MODAL_BEFORE = re.compile(
    r"\b(?:will|would|could|can|may|might|shall|should|must|hope\s+to|want\s+to)\s+$", re.I
)


def norm_duration(m: re.Match[str], ctx: Context) -> Norm | None:
    num_text = group(m, "n")
    number = parse_unit_count(num_text)
    if number is not None and group(m, "half"):
        number += 0.5  # "a year and a half"
    unit_word = group(m, "u")
    letter = unit_code(unit_word)
    if letter == "WE" or "old" in (m.group("adj") or "").lower():
        return None  # ages ("a 6-year-old boy") are not time expressions in TimeBank
    if letter == "Q" and (
        re.match(r"\s+of\b", text_after(m))
        or (num_text in ("a", "an") and not _PERIOD_BEFORE.search(text_before(m)))
    ):
        return None  # "three-quarters of its food", "around a quarter agreed": fractions
    if number is not None and number >= 1000 and (not unit_word.endswith("s") or "." in num_text):
        return None  # "the 1988 second quarter", "in 2008.15 years have passed": a year
    if letter == "TS" and num_text in ("a", "an"):
        return None  # "a second" is almost always the ordinal
    plural = unit_word.endswith("s")
    if num_text in ("a", "an") and plural:
        return Norm("DURATION", duration_value(None, letter))  # "a years-long decline"
    if (
        num_text in ("a", "an")
        and not m["rel"]
        and not m["mod"]
        and _RATE_BEFORE.search(text_before(m))
    ):
        return Norm("SET", f"P1{letter[-1]}" if not letter.startswith("T") else f"PT1{letter[-1]}")
    if num_text in ("some", "many") and not plural:
        return None  # "some day" / "many a year" are not durations
    if num_text == "one" and unit_word == "day" and _MODAL_BEFORE.search(text_before(m)):
        return Norm("DATE", "FUTURE_REF")  # "could one day rule": some time to come
    return Norm("DURATION", duration_value(number, letter))


# "N <unit> ago/later": the calendar unit each TIMEX3 unit letter moves by (every letter
# ``lexicon.unit_code`` gives, but the weekend, which is no distance).
_AGO_UNITS = {
    "D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "E": "decade",
    "C": "century", "L": "millennium", "TH": "hour", "TM": "minute", "TS": "second",
}  # fmt: skip
# Units counted in whole years: an amount of them lands on a year ("a decade ago" -> 2014).
_YEARS_IN = {"year": 1, "decade": 10, "century": 100, "millennium": 1000}
# The precision of "N <unit> ago" when there is no DCT to count back from.
_AGO_GRANULARITY = {
    "day": "day", "week": "day", "month": "month", "quarter": "quarter", "year": "year",
    "decade": "year", "century": "year", "millennium": "year",
}  # fmt: skip


def norm_ago(m: re.Match[str], ctx: Context) -> Norm | None:
    number = parse_unit_count(group(m, "n"))
    if number is not None and group(m, "half"):
        number += 0.5  # "a decade and a half ago"
    letter = unit_code(group(m, "u"))
    direction = " ".join(group(m, "dir").split())
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    unit = _AGO_UNITS.get(letter)
    if unit is None:
        return None  # "a weekend ago"
    if unit in ("hour", "minute", "second"):
        return Norm("DURATION", duration_value(number, letter))
    if number is None:
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    years = number * _YEARS_IN[unit] if unit in _YEARS_IN else None
    if years is not None and years == int(years) and number != int(number):
        number, unit = years, "year"  # "half a millennium ago": 500 years
    elif years is not None and years * 12 == int(years * 12) and number != int(number):
        number, unit = years * 12, "month"  # "two and a half years ago": 30 months
    amount = int(number) if number == int(number) else None
    if amount is None:
        return Norm("DURATION", duration_value(number, letter))
    base_ref = direction in ("earlier", "later", "before", "after")
    # Year-on-year comparisons in results reporting: "a year earlier" is last year's quarter.
    if unit == "year" and amount == 1 and ctx.ref and unit_of_value(ctx.ref) == "quarter":
        return Norm("DATE", shift_value(ctx.ref, sign, "year") or ctx.ref, from_ref=True)
    if base_ref and ctx.ref and unit_of_value(ctx.ref) in ("day", "month", "year", "week"):
        shifted = (
            shift_value(ctx.ref, sign * amount * _YEARS_IN[unit], "year")
            if unit in ("century", "millennium")
            else shift_value(ctx.ref, sign * amount, unit)
        )
        if shifted:
            return Norm("DATE", shifted, from_ref=True)
    if ctx.dct is None:
        return Norm("DATE", unresolved(_AGO_GRANULARITY[unit]))
    try:
        return _ago_from_dct(ctx.dct, unit=unit, amount=amount, sign=sign, direction=direction)
    except (OverflowError, ValueError):  # "a year ago" from a published date in year 1
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")


def _ago_from_dct(dct: date, *, unit: str, amount: int, sign: int, direction: str) -> Norm:
    """ "3 weeks ago", "two years later": ``amount`` units before (``sign`` -1) or after the DCT."""
    if unit in ("day", "week"):
        days = sign * amount * (7 if unit == "week" else 1)
        if not _DAY_RANGE[0] <= dct.toordinal() + days <= _DAY_RANGE[1]:
            return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
        return Norm("DATE", day_value(dct + timedelta(days=days)))
    if unit == "month":
        if not 1 <= dct.year + sign * amount // 12 <= 9998:
            return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
        return Norm("DATE", month_value(add_months(dct, sign * amount)))
    if unit == "quarter":
        if not 1 <= dct.year + sign * amount // 4 <= 9998:
            return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
        return Norm("DATE", period_value("quarter", sign * amount, dct))
    if unit == "year" and amount == 1 and direction == "ago":
        return Norm("DATE", day_value(add_months(dct, -12)))
    year = dct.year + sign * amount * _YEARS_IN[unit]
    if not 1 <= year <= 9999:
        # "three millennia ago": before year 1, which a four-digit TIMEX3 year cannot write
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    return Norm("DATE", f"{year:04d}")


def norm_year_period(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "the 1988 period", "the 1988 second quarter": a quarter of that year (the quarter in
    focus when none is named)."""
    if m["ord"]:
        return Norm("DATE", f"{m['y']}-Q{ORDINAL[m['ord'].lower()]}")
    if ctx.ref and unit_of_value(ctx.ref) == "quarter":
        return Norm("DATE", f"{m['y']}-Q{ctx.ref[-1]}", from_ref=True)
    return Norm("DATE", m["y"])


def norm_year_earlier(m: re.Match[str], ctx: Context) -> Norm | None:
    if ctx.ref and unit_of_value(ctx.ref) == "quarter":
        return Norm("DATE", shift_value(ctx.ref, -1, "year") or ctx.ref, from_ref=True)
    if ctx.dct is None:
        return Norm("DATE", "XXXX")
    return Norm("DATE", f"{ctx.dct.year - 1:04d}")


def norm_vague(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = " ".join(group(m, "rel").split())
    unit = group(m, "u")
    letter = unit_code(unit)
    if not rel and not m["q"] and not m["long"]:  # "a decades-long feud" counts no units
        before = text_before(m, 12).lower()
        if not re.search(r"\b(?:for|in|over|within|take|took|takes|lasted|last)\s+$", before):
            return None
    if rel in ("recent", "past") and letter in ("Y", "Q"):
        return Norm("DATE", "PAST_REF")
    if rel in ("the coming", "coming") and letter == "M":
        return Norm("DATE", "FUTURE_REF")
    return Norm("DURATION", duration_value(None, letter))


_SET_WORD = {
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "hourly": "PT1H",
    "quarterly": "P3M",
}
_SET_UNIT = {
    "day": "P1D",
    "night": "P1D",
    "morning": "P1D",
    "evening": "P1D",
    "afternoon": "P1D",
    "week": "P1W",
    "weekend": "P1W",
    "month": "P1M",
    "quarter": "P3M",
    "year": "P1Y",
    "hour": "PT1H",
    "minute": "PT1M",
    "decade": "P10Y",
}


def norm_set_word(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("SET", _SET_WORD[m["w"].lower()])


def norm_set_every(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = group(m, "u")
    if m["wd"]:
        return Norm("SET", f"XXXX-WXX-{weekday_number(m['wd'])}")
    if m["mon"]:
        return Norm("SET", f"XXXX-{month_number(m['mon']):02d}")
    if unit.lower() in ("morning", "evening", "afternoon"):
        # Parts of the day are not duration units: "each morning" recurs at a time of day.
        return Norm("SET", f"XXXX-XX-XXT{part_of_day_code(unit)}")
    number = parse_unit_count(group(m, "n")) if m["n"] else 1
    letter = unit_code(unit)
    if letter == "WE":
        return Norm("SET", "XXXX-WXX-WE")
    value = duration_value(number, letter)
    if m["other"]:
        value = duration_value(2, letter)
    return Norm("SET", value)


def norm_set_freq(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("SET", _SET_UNIT[group(m, "u")])


_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
    "presently": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "the present": "PRESENT_REF", "current": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "the past": "PAST_REF", "in the past": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the long term": "FUTURE_REF", "the short term": "FUTURE_REF",
}  # fmt: skip


def norm_ref(m: re.Match[str], ctx: Context) -> Norm | None:
    word = " ".join(m["w"].lower().split())
    after = text_after(m, 20)
    if word == "now" and re.match(r"\s*(?:that|-)", after):
        return None  # "now that ..." is a conjunction
    if word == "soon" and re.search(r"\bas\s+$", text_before(m, 5)):
        return None  # "as soon as" is a conjunction
    if word == "current" and re.match(
        r"\s+(?:account|affairs|events|flows?|of|president|leadership|government|head|chief|members?|system|situation|state|status|rules?|law|policy|regime)\b",
        after,
        re.IGNORECASE,
    ):
        return None  # "current" naming a thing, not a time
    if word == "future" and m.start() > 0 and m.string[m.start() - 1] == "-":
        return None
    return Norm("DATE", _REFS[word])
