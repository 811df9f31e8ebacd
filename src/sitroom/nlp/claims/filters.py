"""Numbers that are not claims: years, dates, times, durations, codes and names.

Each check is a predicate over a candidate number (its surface pieces and its tokens),
so :mod:`sitroom.nlp.claims.extract` can say in one place why a number was dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from spacy.tokens import Doc, Span

from sitroom.nlp.claims.attribution import CUE_LEMMAS
from sitroom.nlp.claims.patterns import TIME_UNITS, Piece, find_bound
from sitroom.nlp.claims.what import counted_head
from sitroom.nlp.doctext import doc_text
from sitroom.nlp.timex.lexicon import MONTH_WORDS
from sitroom.records import Timex

__all__ = [
    "TimeEntities",
    "TimexIndex",
    "in_timex",
    "is_date_like",
    "is_model_or_code",
    "is_name_number",
    "is_yearish",
    "timex_index",
]

_TIME_WORDS = (
    MONTH_WORDS
    | TIME_UNITS
    | frozenset(
        {f"{u}s" for u in TIME_UNITS}
        | {"centuries", "ago", "today", "yesterday", "tomorrow", "tonight", "night", "morning"}
    )
)
# The plausible span of years in news text; a bare 4-digit number inside it is read as a year.
_YEAR_RANGE = (1800, 2199)
_TIME_AFTER = re.compile(
    r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock|GMT|UTC|BST|CET|EST|EDT|PST|PDT|hrs\b|h\b)",
    re.IGNORECASE,
)
# "4K", "8K": one digit and a capital K name a display resolution (news writes "4,000" or "4k").
_RESOLUTION = re.compile(r"\d(?-i:K)")
# A capitalized word, a space and a sign against the number: the number of a name, not negative.
_CODE_BEFORE_SIGN = re.compile(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*[ \u00a0]$")
# "1.5m-", "5km–": the first end of a range, a unit against its digits, then a dash.
_UNIT_RANGE_BEFORE = re.compile(r"(?<![A-Za-z\d.,])\d+(?:\.\d+)?[a-z]{1,2}[-‑–]$")
# A number whose next character is one of these is part of a code, a time or a decade.
_ATTACHED_AFTER = re.compile(r"[A-Za-z0-9]|:\d|'s\b|’s\b|/\d|\([a-z]\)")


def is_model_or_code(text: str, piece: Piece) -> bool:
    """ "F-16", "Kh-101", "Su-34", "A320", "G7", "47th", "1990s", "10:27", "3 p.m."."""
    before = text[max(0, piece.core_start - 2) : piece.core_start]
    if piece.start < piece.core_start and piece.unit is not None:
        before = ""  # a currency sign or code written against the digits: "USD10m", "$US55"
    # not "sub-7 nanometre" (a bound, read by find_bound), nor the second end of a range
    # whose first end carries its unit ("1.5m-2m", "5km-10km")
    hyphen_ok = text[max(0, piece.core_start - 4) : piece.core_start].lower() == "sub-" or (
        _UNIT_RANGE_BEFORE.search(text, max(0, piece.core_start - 12), piece.core_start)
    )
    if before[-1:].isalnum() or (
        before[-1:] in {"-", "‑"} and before[:1].isalpha() and not hyphen_ok
    ):
        return True
    written_unit = piece.unit is not None and piece.end > piece.core_end
    if before[-1:] == "/" and written_unit and (before[:1].isalpha() or before[:1] in "°º"):
        pass  # "30 C/86 F": the second reading of a measure, after the first one's unit
    elif before[-1:] in {"/", ":"} or (before[-1:] == "." and before[:1].isdigit()):
        return True
    if (
        piece.unit is None
        and text[piece.start : piece.start + 1] in {"-", "−", "–"}
        and _CODE_BEFORE_SIGN.search(text, max(0, piece.start - 12), piece.start)
    ):
        return True  # "COVID -19", "Su -27": a name's number written loosely, not a minus
    if piece.unit is None and _RESOLUTION.fullmatch(text, piece.core_start, piece.end):
        return True  # "a 4K screen", "8K video": a display format, not 4,000
    after = text[piece.end : piece.end + 3]
    if written_unit and after.startswith("/"):
        return False  # "30 C/86 F", "5 km/3 miles": the same measure restated in another unit
    if _ATTACHED_AFTER.match(after) or after.startswith(":"):
        return True
    return piece.unit is None and _TIME_AFTER.match(text, piece.end) is not None


class TimeEntities:
    """spaCy's DATE and TIME entities of a Doc, read once, for overlap look-ups in O(log n)."""

    __slots__ = ("_ends", "_ents")

    def __init__(self, doc: Doc) -> None:
        # doc.ents builds every entity span on each access: read it once per Doc (issue 12).
        self._ents = [ent for ent in doc.ents if ent.label_ in {"DATE", "TIME"}]
        self._ends = [ent.end for ent in self._ents]  # entities do not overlap: ends are sorted

    def overlapping(self, span: Span) -> list[Span]:
        """The entities sharing a token with ``span``, in order."""
        first = bisect_right(self._ends, span.start)
        last = first
        while last < len(self._ents) and self._ents[last].start < span.end:
            last += 1
        return self._ents[first:last]


def is_date_like(
    doc: Doc,
    span: Span,
    pieces: Sequence[Piece],
    *,
    durations: bool = False,
    time_entities: TimeEntities | None = None,
) -> bool:
    """Years, dates, durations and clock times: time expressions, not claims.

    With ``durations``, a number of time units ("three years") stays, unless it points
    back in time ("4 years ago"). ``time_entities`` is the Doc's :class:`TimeEntities`,
    built once by a caller that asks about many numbers.
    """
    if any(p.unit in TIME_UNITS for p in pieces):
        nxt = doc[span.end] if span.end < len(doc) else None
        attributive = any(
            doc_text(doc)[p.core_end : p.end].startswith("-") for p in pieces
        )  # "a five-year plan"
        return (
            not durations
            or attributive
            or (nxt is not None and nxt.lower_ in {"ago", "later", "earlier", "before"})
        )
    if any(p.unit is not None for p in pieces):
        return False
    head = counted_head(span[-1])
    counts_something = head is not None and head.lower_ not in _TIME_WORDS
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if (prev is not None and prev.lower_ in MONTH_WORDS) or (
        nxt is not None and nxt.lower_ in MONTH_WORDS
    ):
        return True
    if nxt is not None and nxt.lower_ in _TIME_WORDS:
        return True
    # spaCy's DATE/TIME entities also swallow neighbours ("2018 at 2483805"): trust one only
    # when it holds a time word outside the number itself.
    entities = time_entities if time_entities is not None else TimeEntities(doc)
    in_time_entity = any(
        any(t.lower_ in _TIME_WORDS and not (span.start <= t.i < span.end) for t in ent)
        for ent in entities.overlapping(span)
    )
    yearish = all(is_yearish(doc_text(doc), p) for p in pieces)
    if yearish:
        # "the 2019 review", "in 2024", "its 1988 sales": news writes counts over 999 with a
        # comma ("1,500 troops"), so a bare 1800-2199 is a year unless a bound says otherwise.
        return find_bound(doc_text(doc), pieces[0].start) is None
    return in_time_entity and not counts_something


# "No. 3", "no.3", "#2": a sign that the number that follows ranks or indexes.
_NUMBER_SIGN_BEFORE = re.compile(r"(?:\b[Nn]os?\.|#)\s*$")
# Nouns a bare number after them names, not counts: "seat 14", "section 112", "Gate 4".
_PLACE_NUMBER_NOUNS = frozenset({
    "section", "seat", "row", "gate", "platform", "room", "flight", "route", "highway",
    "terminal", "pier", "bay", "suite", "apartment", "exit", "ward", "block", "lane", "berth",
})  # fmt: skip
# Nouns after "one" in idioms that count nothing: "on one side", "one way or another".
_FILLER_AFTER_ONE = frozenset({"side", "way", "another"})
# ... and after "on one": "on one hand" weighs two views ("held one hand up" counts a hand).
_FILLER_AFTER_ON_ONE = frozenset({"hand", "occasion", "condition"})
# "a six-speed gearbox", "a three-bed flat", "a two-state solution": a number hyphened to a
# word describes the noun after it and counts nothing (issue 11: counted on unseen text).
# Words that size a force or a body of people stay counts ("a 2,500-strong brigade", "a
# 300-man unit", "a five-member delegation"), and so do measures ("a nine-storey block", "a
# ten-point lead"); "50-odd", "40-plus" are bounds.
_HYPHENED_WORD = re.compile(r"[-‑]([a-z]+)\b")
_SIZE_WORDS = frozenset({
    "strong", "man", "men", "member", "person", "people", "soldier", "troop", "odd", "plus",
    "storey", "story", "floor", "point", "magnitude",
})  # fmt: skip


def _is_index_or_filler(doc: Doc, span: Span, pieces: Sequence[Piece]) -> bool:
    """ "(No. 3)", "#2", "section 112", "on one side", "one way or another"."""
    text = doc_text(doc)
    written = text[pieces[0].core_start : pieces[0].core_end]
    if written.isdigit() and _NUMBER_SIGN_BEFORE.search(
        text, max(0, pieces[0].start - 10), pieces[0].start
    ):
        return True  # a rank or an index
    prev = doc[span.start - 1] if span.start > 0 else None
    if written.isdigit() and prev is not None and prev.lower_ in _PLACE_NUMBER_NOUNS:
        return True  # the number names the place
    if written.isdigit() and text[pieces[0].start - 1 : pieces[0].start] == "(" == (
        "(" if text[pieces[-1].end : pieces[-1].end + 1] == ")" else ""
    ):
        return True  # "placed (4) overall": a rank in brackets
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    return (
        span[0].lower_ == "one"
        and len(span) == 1
        and (
            nxt in _FILLER_AFTER_ONE
            or (nxt in _FILLER_AFTER_ON_ONE and prev is not None and prev.lower_ == "on")
            # "the one thing they agree on": "the one" means "the only", it counts nothing
            or (prev is not None and prev.lower_ == "the" and nxt not in {"", "of"})
        )
    )  # idioms, not counts


def _is_compound_modifier(text: str, pieces: Sequence[Piece]) -> bool:
    """ "a six-speed gearbox", "a 12-point plan": the number is part of a describing word."""
    hyphened = _HYPHENED_WORD.match(text, pieces[-1].end)
    return hyphened is not None and hyphened[1] not in _SIZE_WORDS


def _is_model_name(doc: Doc, span: Span, written: str) -> bool:
    """ "Leopard 2 tanks", "Boeing 737 jets": a bare number after a name that, like the
    number, modifies the noun after them, is part of the name of a model."""
    prev = doc[span.start - 1] if span.start > 0 else None
    head = counted_head(span[-1])
    return (
        written.isdigit()
        and prev is not None
        and head is not None
        and prev.pos_ == "PROPN"
        and prev.text[:1].isupper()
        and prev.head.i == head.i
        and prev.dep_ in {"compound", "nmod", "amod"}
        and prev.ent_type_ not in {"GPE", "NORP", "DATE"}
    )


def is_name_number(doc: Doc, span: Span, pieces: Sequence[Piece]) -> bool:
    """ "Game 7", "Article 5", "Channel 5", "one of them": numbers that name or point, not count."""
    if any(p.unit is not None for p in pieces):
        return False
    first = span[0]
    written = doc_text(doc)[pieces[0].core_start : pieces[0].core_end]
    if (
        _is_index_or_filler(doc, span, pieces)
        or _is_compound_modifier(doc_text(doc), pieces)
        or _is_model_name(doc, span, written)
    ):
        return True
    prev = doc[span.start - 1] if span.start > 0 else None
    if first.lower_ == "one" and len(span) == 1:
        # "one analyst said": an unnamed speaker, not a count
        speaker = first.head.dep_ == "nsubj" and first.head.head.lemma_ in CUE_LEMMAS
        return first.dep_ != "nummod" or speaker
    nxt = doc[span.end] if span.end < len(doc) else None
    head = counted_head(span[-1])
    if written.isdigit() and head is not None and head.tag_ == "NNP" and head.text[:1].isupper():
        return True  # "575 Wilbraham Road", "90049 ZIP Code", "787 Dreamliner": a name, not a count
    if (
        prev is not None
        and (
            prev.lower_ in {"no.", "number", "no", "#", "nos."}
            or (
                prev.pos_ == "PROPN"
                and any(ch.isupper() for ch in prev.text)
                and prev.ent_type_ not in {"GPE", "NORP"}
            )
            or (  # "Chapter 11 bankruptcy", "Web 3 startups": a capitalized noun mid-sentence
                prev.pos_ in {"NOUN", "ADJ"} and prev.text[:1].isupper() and not prev.is_sent_start
            )
        )
    ):
        # "Game 7", "iPhone 11 Pro", "Note 20 Ultra": a number between names is part of one;
        # "iPhone 12 deal": a number over one before a singular noun names the model
        return (
            head is None
            or (nxt is not None and nxt.text[:1].isupper() and nxt.pos_ in {"PROPN", "ADJ", "NOUN"})
            or (written.isdecimal() and int(written) > 1 and head.tag_ == "NN")
        )
    last = span[-1]
    return (
        last.pos_ not in {"NUM", "X", "SYM", "NOUN", "ADJ", "PROPN"}
        and not last.like_num
        and pieces[0].kind == "words"
    )


def is_yearish(text: str, piece: Piece) -> bool:
    """A bare four-digit number in the span of plausible years: "2008", not "2,008" or "$2008"."""
    written = text[piece.core_start : piece.core_end]
    return (piece.kind == "digits" and not piece.scaled and piece.unit is None and len(written) == 4
            and written.isdecimal() and _YEAR_RANGE[0] <= int(written) <= _YEAR_RANGE[1])  # fmt: skip


class TimexIndex:
    """The article's time-expression spans, sorted, for containment look-ups in O(log n)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # The furthest end among spans starting at or before each one: a number lies inside
        # some span iff the furthest end of the spans that start at or before it covers it.
        self._ends = list(accumulate((end for _, end in ordered), max))

    def covers(self, start: int, end: int) -> bool:
        """Whether some span contains ``[start, end)``."""
        i = bisect_right(self._starts, start)
        return i > 0 and self._ends[i - 1] >= end


def timex_index(timexes: Sequence[Timex]) -> TimexIndex:
    """Index the time expressions of an article (from :func:`sitroom.nlp.timex.extract.extract_timexes`)."""
    return TimexIndex([(t.start, t.end) for t in timexes])


def in_timex(pieces: list[Piece], timexes: TimexIndex, *, durations: bool) -> bool:
    """A number inside one of the article's time expressions.

    With ``durations``, an amount of time ("three years") is kept as a quantity.
    """
    if durations and any(p.unit in TIME_UNITS for p in pieces):
        return False
    if any(p.unit is not None and p.unit not in TIME_UNITS for p in pieces):
        return False  # "1520 sq m", "$2024": a unit says it is a quantity, whatever its digits
    return any(timexes.covers(p.core_start, p.core_end) for p in pieces)
