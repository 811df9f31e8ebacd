"""Time expressions (TIMEX3): find them in text and resolve them against the published date.

Three entry points, from cheapest to richest:

- :func:`timex_spans` — just the character spans, for other extractors to exclude
  ("2024" is a year, not a numeric claim).
- :func:`find_timexes` — spans plus TIMEX3 values, from text alone (no spaCy).
- :func:`extract_timexes` — the same over a spaCy ``Doc``, using each sentence's
  tense to pick the direction of "Thursday" or "Dec. 15" (past for "struck on
  Thursday", future for "will meet on Thursday"); returns :class:`records.Timex`.

Without a published date, relative expressions stay unresolved ("XXXX-06" for "in
June", "XXXX-WXX-4" for "Thursday") and come back with ``anchored=False``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sitroom.nlp.doctext import doc_text
from sitroom.nlp.timex.calendar import parse_dct, week_value
from sitroom.nlp.timex.context import Context
from sitroom.nlp.timex.rules import Candidate, find_candidates
from sitroom.nlp.timex.values import granularity_of, is_anchored
from sitroom.records import Timex

if TYPE_CHECKING:  # spaCy is only needed by extract_timexes; find_timexes runs without it
    from spacy.tokens import Doc, Span, Token

__all__ = ["TimexMatch", "extract_timexes", "find_timexes", "timex_spans"]

# Granularities whose value can anchor a later anaphoric expression ("the quarter",
# "a year earlier", "two days later").
_REF_GRANULARITIES = frozenset({"day", "week", "month", "quarter", "year"})
# A deadline preposition looks ahead ("extended until Tuesday", "by August"): read the
# expression as future, or as the nearest date when the verb is in the past tense.
_DEADLINE_BEFORE = re.compile(
    r"\b(?:until|till|by|as\s+(?:early|soon|late)\s+as|no\s+later\s+than)\s+$", re.IGNORECASE
)
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
# Heads of an infinitive that put it in the future: "expected to", "is to", "due to".
_PLANNING_LEMMAS = frozenset(
    {
        "schedule",
        "expect",
        "plan",
        "set",
        "due",
        "intend",
        "aim",
        "prepare",
        "be",
        "hope",
        "promise",
        "agree",
        "vow",
        "threaten",
        "pledge",
    }
)
_PAST_TAGS = frozenset({"VBD"})
_PRESENT_TAGS = frozenset({"VBP", "VBZ"})


@dataclass(frozen=True, slots=True, kw_only=True)
class TimexMatch:
    """A time expression found in plain text: span, TIMEX3 type and value, precision."""

    start: int
    end: int
    text: str
    timex_type: str
    value: str
    anchored: bool
    granularity: str | None


def timex_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of every time expression in ``text`` (no resolution, no spaCy).

    Cheap enough to call per article from other extractors, e.g. to keep years and
    dates out of numeric claims.
    """
    return [(c.start, c.end) for c in find_candidates(text)]


def find_timexes(text: str, *, published: str | None) -> list[TimexMatch]:
    """Find and normalize time expressions in plain text; the tense is unknown, so
    weekday names and yearless dates resolve to the nearest such day to ``published``."""
    return _resolve(text, find_candidates(text), published, lambda _c: None)


def extract_timexes(doc: Doc, *, article_id: str, published: str | None) -> list[Timex]:
    """Time expressions of one article as :class:`Timex` records, spans into ``doc_text(doc)``."""

    def tense_of(cand: Candidate) -> str | None:
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        return _tense(span) if span is not None else None

    return [
        Timex(
            article_id=article_id,
            start=t.start,
            end=t.end,
            text=t.text,
            timex_type=t.timex_type,
            value=t.value,
            anchored=t.anchored,
            granularity=t.granularity,
        )
        for t in _resolve(doc_text(doc), find_candidates(doc_text(doc)), published, tense_of)
    ]


def _resolve(
    text: str,
    candidates: Sequence[Candidate],
    published: str | None,
    tense_of: Callable[[Candidate], str | None],
) -> list[TimexMatch]:
    """Normalize candidates in document order, carrying the last date seen as the anchor
    for anaphoric expressions ("the quarter", "a year earlier")."""
    ctx = Context(dct=parse_dct(published))
    out: list[TimexMatch] = []
    for cand in candidates:
        tense = tense_of(cand)
        if _DEADLINE_BEFORE.search(text, max(0, cand.start - 20), cand.start):
            tense = None if tense == "past" else "future"
        ctx.tense = tense
        norm = cand.rule.handler(cand.match, ctx)
        if norm is None:
            continue
        granularity = granularity_of(norm.value, norm.timex_type)
        anchored = is_anchored(norm.value, norm.timex_type)
        out.append(
            TimexMatch(
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                timex_type=norm.timex_type,
                value=norm.value,
                anchored=anchored,
                granularity=granularity,
            )
        )
        if (
            anchored
            and not norm.from_ref
            and not _closes_period(text, cand.start, out)
            and norm.timex_type == "DATE"
            and granularity in _REF_GRANULARITIES
        ):
            ctx.ref = norm.value
    return _second_day(text, _week_of(text, _share_range_year(text, out)))


# "the quarter ended Sept. 30": the date says where the period in focus closes.
_ENDED_BEFORE = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|closed)\s+(?:on\s+)?", re.I)


def _closes_period(text: str, start: int, found: list[TimexMatch]) -> bool:
    """Whether the expression at ``start`` is the last day of the period just before it,
    which stays the reference ("a year earlier" then means that period a year before)."""
    if len(found) < 2 or found[-2].timex_type != "DATE" or found[-2].granularity != "quarter":
        return False
    return _ENDED_BEFORE.fullmatch(text, found[-2].end, start) is not None


# Between the two ends of a range of dates: "between March and May 2022", "from May to July".
_RANGE_JOINER = re.compile(r"\s*(?:and|to|or|through|until|till|-|–|—)\s*", re.IGNORECASE)
# A year written in the expression itself: "May 2022", "May '22".
_WRITTEN_YEAR = re.compile(r"\d{4}|['’]\d\d\b")
_MONTH_VALUE = re.compile(r"(\d{4})-(\d\d)((?:-\d\d)?)")


def _share_range_year(text: str, found: list[TimexMatch]) -> list[TimexMatch]:
    """The first end of a range takes the year written on the second (TE3 writes two DATEs):
    "between March and May 2022" -> 2022-03 and 2022-05; "December to March 2023" -> 2022-12."""
    out = list(found)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        own = _MONTH_VALUE.fullmatch(first.value)
        other = _MONTH_VALUE.fullmatch(second.value)
        if (
            own is None
            or other is None
            or _WRITTEN_YEAR.search(first.text)
            or not _WRITTEN_YEAR.search(second.text)
            or not _RANGE_JOINER.fullmatch(text, first.end, second.start)
        ):
            continue
        year = int(other[1]) - (int(own[2]) > int(other[2]))
        out[i] = dataclasses.replace(first, value=f"{year:04d}-{own[2]}{own[3]}")
    return out


# "on April 24 and 25", "May 3 to 9", "on May 16 or 17": a bare day number ending a range of days (not "25%").
_SECOND_DAY = re.compile(
    r"\s*(?:and|or|to|through|until|-|–)\s*(\d{1,2})\b(?![,.]?\d)"
    # what follows ends the phrase, so the number counts nothing ("April 24 and 25 people")
    r"(?=\s*(?:[.,;:)]|$|(?:in|at|on|for|when|and|or|as|with|from|by|after|before|the|this|next|last)\b))"
)


def _second_day(text: str, found: list[TimexMatch]) -> list[TimexMatch]:
    """Add the second end of a range of days written with its month once (TE3: two DATEs)."""
    out: list[TimexMatch] = []
    for i, match in enumerate(found):
        out.append(match)
        day = _MONTH_VALUE.fullmatch(match.value)
        after = _SECOND_DAY.match(text, match.end)
        if day is None or not day[3] or after is None or not match.text[-1:].isdigit():
            continue
        number = int(after[1])
        nxt = found[i + 1] if i + 1 < len(found) else None
        if not int(day[3][1:]) < number <= 31 or (nxt is not None and nxt.start < after.end()):
            continue
        value = f"{day[1]}-{day[2]}-{number:02d}"
        out.append(
            dataclasses.replace(
                match, start=after.start(1), end=after.end(1), text=after[1], value=value
            )
        )
    return out


# "the week of March 6": one expression, the ISO week of the day.
_WEEK_OF = re.compile(r"\s+of\s+", re.IGNORECASE)


def _week_of(text: str, found: list[TimexMatch]) -> list[TimexMatch]:
    """Join "the week" and the day after "of" into one DATE whose value is that day's week."""
    out: list[TimexMatch] = []
    for match in found:
        prev = out[-1] if out else None
        day = _MONTH_VALUE.fullmatch(match.value)
        if (
            prev is not None
            and day is not None
            and day[3]
            and prev.text.lower() in {"the week", "week"}
            and _WEEK_OF.fullmatch(text, prev.end, match.start)
        ):
            value = week_value(date(int(day[1]), int(day[2]), int(day[3][1:])))
            out[-1] = dataclasses.replace(
                prev,
                end=match.end,
                text=text[prev.start : match.end],
                value=value,
                anchored=match.anchored,
                granularity=granularity_of(value, "DATE"),
            )
            continue
        out.append(match)
    return out


def _governing_verb(span: Span) -> Token | None:
    """The nearest verb above the span's root in the dependency tree, if any."""
    token = span.root
    for _ in range(8):  # dependency chains in news sentences are short; stop on cycles
        if token.pos_ in ("VERB", "AUX") and not (span.start <= token.i < span.end):
            return token
        if token.head is token:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
    return None


def _tense(span: Span) -> str | None:
    """Past, present or future for the verb a time expression modifies."""
    verb = _governing_verb(span)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if verb.tag_ == "VB" and "to" in words and verb.head.lemma_ in _PLANNING_LEMMAS:
        return "future"  # "is scheduled to close Monday", "plans to visit on Friday"
    if words & _FUTURE_AUX or ("going" in words and "to" in words):
        return "future"
    if verb.lower_ in _FUTURE_AUX:
        return "future"
    if verb.tag_ in _PAST_TAGS or any(a.tag_ in _PAST_TAGS for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and "had" in words:
        return "past"  # present perfect ("has given ... until Tuesday") can look either way
    if verb.tag_ in _PRESENT_TAGS or any(a.tag_ in _PRESENT_TAGS for a in auxes):
        return "present"
    return None
