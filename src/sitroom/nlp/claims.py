"""Numeric claims: the numbers an article states, with what they count and who asserts them.

``extract_claims(doc)`` finds number expressions with :mod:`sitroom.nlp.claim_patterns`
(surface text), joins ranges ("11,000 to 12,000", "between 3,000 and 5,000"), adds the
bound ("more than 10,000"), then uses the parse to drop what is not a claim and to fill
``what`` (the noun phrase counted), ``claimant`` and ``hedge``
(:mod:`sitroom.nlp.claim_attribution`).

Not claims: years and dates ("in 2024", "Nov. 21", "the 1990s"), times ("3 p.m."): numbers
inside the time expressions of :func:`sitroom.nlp.dates.timex_spans`, plus sitroom's own
year/date/time checks (they also guard what the time engineer's rules do not cover),
durations ("three years", "4 years ago" — they are time expressions), ordinals ("the 47th
Brigade"), model numbers ("F-16", "Kh-101", "S-400"), and numbers used as names ("Game 7",
"Article 5").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from sitroom.nlp.claim_attribution import CUE_LEMMAS, find_claimant, find_hedge
from sitroom.nlp.claim_patterns import TIME_UNITS, Piece, find_bound, find_pieces, find_range_joiner
from sitroom.nlp.dates import timex_spans
from sitroom.records import Claim, Mention, Quote

__all__ = ["extract_claims"]

logger = logging.getLogger(__name__)

_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "jan.",
        "feb",
        "feb.",
        "mar",
        "mar.",
        "apr",
        "apr.",
        "jun",
        "jun.",
        "jul",
        "jul.",
        "aug",
        "aug.",
        "sep",
        "sep.",
        "sept",
        "sept.",
        "oct",
        "oct.",
        "nov",
        "nov.",
        "dec",
        "dec.",
    ]
)
_TIME_WORDS = (
    _MONTHS
    | TIME_UNITS
    | frozenset(
        {f"{u}s" for u in TIME_UNITS}
        | {"centuries", "ago", "today", "yesterday", "tomorrow", "tonight", "night", "morning"}
    )
)
# Words after which a bare four-digit number is a year ("in 2024", "since 1991").
_YEAR_PREPOSITIONS = frozenset(
    {
        "in",
        "since",
        "by",
        "until",
        "till",
        "before",
        "after",
        "during",
        "from",
        "of",
        "to",
        "between",
        "and",
        "early",
        "late",
        "mid",
        "the",
        "through",
    }
)
# The plausible span of years in news text; a bare 4-digit number inside it is read as a year.
_YEAR_RANGE = (1800, 2199)
_TIME_AFTER = re.compile(
    r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|BST|CET|EST|EDT|PST|PDT|hrs\b|h\b)", re.IGNORECASE
)
# A number whose next character is one of these is part of a code, a time or a decade.
_ATTACHED_AFTER = re.compile(r"[A-Za-z0-9]|:\d|'s\b|’s\b|/\d")
# "60% or more", "10,000 or fewer": a bound written after the number.
_OR_MORE = re.compile(r"\s+or\s+(more|above|higher|over|less|fewer|below|lower)\b", re.IGNORECASE)
_COUNTED_POS = frozenset({"NOUN", "PROPN"})
# Longest "what" phrase kept, in tokens; longer ones are clause fragments (seen on NewsQuant).
_MAX_WHAT_TOKENS = 8


def _is_model_or_code(text: str, piece: Piece) -> bool:
    """ "F-16", "Kh-101", "Su-34", "A320", "G7", "47th", "1990s", "10:27", "3 p.m."."""
    before = text[max(0, piece.core_start - 2) : piece.core_start]
    if piece.start < piece.core_start and piece.unit is not None:
        before = ""  # a currency sign or code written against the digits: "USD10m", "$US55"
    if before[-1:].isalnum() or (before[-1:] in {"-", "‑"} and before[:1].isalpha()):
        return True
    if before[-1:] in {"/", ":"} or (before[-1:] == "." and before[:1].isdigit()):
        return True
    after = text[piece.end : piece.end + 3]
    if _ATTACHED_AFTER.match(after) or after.startswith(":"):
        return True
    return piece.unit is None and _TIME_AFTER.match(text, piece.end) is not None


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _counted_head(num: Token) -> Token | None:
    """The noun a number modifies: "48 [drones]", "a $225 million aid [package]"."""
    token = num
    for _ in range(3):  # climb through "million" -> "$" -> noun, or "10,000" -> "strong" -> noun
        head = token.head
        if head is token:
            return None
        if (
            token.dep_ in {"nummod", "compound", "nmod", "amod", "quantmod", "npadvmod"}
            and head.i > num.i
        ):
            if head.pos_ in _COUNTED_POS:
                return head
            token = head
            continue
        return None
    return None


def _phrase_after(doc: Doc, start: int, head: Token) -> str | None:
    """Words from ``start`` to ``head`` plus an "of ..." complement: "North Korean troops"."""
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and (
            child.lower_ == "of" or any(c.lower_ in {"favor", "favour"} for c in child.children)
        ):
            end = max(t.i for t in child.subtree) + 1
            break
    words = list(doc[start:end])
    if (
        len(words) > 2
        and words[0].text in {"-", "‑"}
        and not words[0].whitespace_
        and words[1].pos_ == "ADJ"
    ):
        words = words[2:]  # "10,000-strong North Korean force": "strong" describes the number
    while words and (
        words[0].pos_ in {"PUNCT", "DET", "ADP", "CCONJ"} or words[0].text in {"-", "‑"}
    ):
        words = words[1:]
    if not words or len(words) > _MAX_WHAT_TOKENS:
        words = [t for t in doc[start : head.i + 1] if t.pos_ not in {"PUNCT", "DET"}]
    return doc.text[words[0].idx : words[-1].idx + len(words[-1])] if words else None


def _of_object(token: Token) -> Token | None:
    """The object of an "of" after a number or unit: "hundreds of [drones]", "40% of the [vote]"."""
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "in"}:
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in _COUNTED_POS]
            if objects and (
                child.lower_ == "of"
                or token.ent_type_ == "MONEY"
                or token.text in {"$", "€", "£"}
                or token.like_num
            ):
                return objects[0]
    return None


# Verbs that give the level of a quantity named by their subject ("the toll rose to 41") or,
# for put/place/estimate/set/peg, by their object ("officials put the toll at 41").
_LEVEL_VERBS = frozenset({
    "reach", "rise", "climb", "increase", "grow", "jump", "fall", "drop", "decline", "stand",
    "total", "exceed", "hit", "top", "surpass", "pass", "be", "put", "place", "estimate", "set", "peg",
})  # fmt: skip
# Adjectives that stand for people in casualty counts: "16 wounded", "3 missing".
_CASUALTY_WORDS = frozenset(
    {"wounded", "injured", "dead", "killed", "missing", "hurt", "captured", "detained"}
)
# Words between a money amount and what it buys: "€118 billion in aid", "$2m worth of arms".
_MONEY_LINK = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:in|of|worth\s+of|for)\s+$", re.IGNORECASE)


def _noun_after(doc: Doc, span: Span) -> Token | None:
    """The noun right after "in"/"of" past a money amount (and its converted amount in brackets)."""
    for token in doc[span.end : min(len(doc), span.end + 10)]:
        if (
            token.pos_ in _COUNTED_POS
            and token.dep_ == "pobj"
            and _MONEY_LINK.match(doc.text[span.end_char : token.left_edge.idx])
        ):
            return token
        if token.pos_ in {"VERB", "AUX"} or token.is_sent_start:
            return None
    return None


def _what(doc: Doc, span: Span, *, unit: str | None = None) -> str | None:
    """What the number counts, from the parse.

    In order: the noun it modifies ("48 [drones]"), the object of "of" ("hundreds of
    [drones]"), a casualty adjective ("16 [wounded]"), the noun a coordinated number
    shares ("99 votes in favor, nine against" -> "votes"), the noun a measure belongs to
    ("a range of 190 miles" -> "range"), what money buys ("€118 billion in [aid]").
    """
    last = span[-1]
    if (head := _counted_head(last)) is not None or (head := _counted_head(span.root)) is not None:
        return _phrase_after(doc, span.end, head)
    for token in (span.root, last):
        if (obj := _of_object(token)) is not None:
            start = (
                min(t.i for t in obj.subtree if t.i >= span.end)
                if any(t.i >= span.end for t in obj.subtree)
                else obj.i
            )
            return _phrase_after(doc, max(start, obj.left_edge.i), obj)
    root = span.root
    if root.head.lower_ in _CASUALTY_WORDS and root.head.i >= span.end:
        return root.head.text
    if root.lower_ in _CASUALTY_WORDS or (
        span.end < len(doc) and doc[span.end].lower_ in _CASUALTY_WORDS
    ):
        return (
            doc[span.end].text
            if span.end < len(doc) and doc[span.end].lower_ in _CASUALTY_WORDS
            else None
        )
    if (
        root.dep_ in {"conj", "appos"}
        and root.head.pos_ in _COUNTED_POS
        and any(c.like_num for c in root.head.children)
    ):
        return root.head.text  # "99 votes in favor, nine against": nine votes
    if (
        unit is not None
        and root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.pos_ in _COUNTED_POS
    ):
        owner = root.head.head
        words = [t for t in doc[owner.left_edge.i : owner.i + 1] if t.pos_ not in {"DET", "PUNCT"}]
        return (
            doc.text[words[0].idx : words[-1].idx + len(words[-1])]
            if owner.i < span.start and words
            else None
        )
    if unit is not None and (noun := _noun_after(doc, span)) is not None:
        return _phrase_after(doc, noun.left_edge.i, noun)
    if (topic := _level_of(root)) is not None:
        return _phrase_after(doc, topic.left_edge.i, topic)
    return None


def _level_of(root: Token) -> Token | None:
    """The noun a number is the level of: "the death toll rose to [41]" -> "death toll",
    "officials put the toll at 41" -> "toll", "the number of refugees reached 6.5 million"."""
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ in {"to", "at"} else root.head
    if root.dep_ not in {"dobj", "pobj", "attr"} or verb.lemma_ not in _LEVEL_VERBS:
        return None
    role = "dobj" if verb.lemma_ in {"put", "place", "estimate", "set", "peg"} else "nsubj"
    nouns = [
        c for c in verb.children if c.dep_ == role and c.pos_ in _COUNTED_POS and c is not root
    ]
    return nouns[0] if nouns else None


def _is_date_like(
    doc: Doc, span: Span, pieces: Sequence[Piece], *, durations: bool = False
) -> bool:
    """Years, dates, durations and clock times: time expressions, not claims.

    With ``durations``, a number of time units ("three years") stays, unless it points
    back in time ("4 years ago").
    """
    if any(p.unit in TIME_UNITS for p in pieces):
        nxt = doc[span.end] if span.end < len(doc) else None
        attributive = any(
            doc.text[p.core_end : p.end].startswith("-") for p in pieces
        )  # "a five-year plan"
        return (
            not durations
            or attributive
            or (nxt is not None and nxt.lower_ in {"ago", "later", "earlier", "before"})
        )
    if any(p.unit is not None for p in pieces):
        return False
    head = _counted_head(span[-1])
    counts_something = head is not None and head.lower_ not in _TIME_WORDS
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if (prev is not None and prev.lower_ in _MONTHS) or (nxt is not None and nxt.lower_ in _MONTHS):
        return True
    if nxt is not None and nxt.lower_ in _TIME_WORDS:
        return True
    # spaCy's DATE/TIME entities also swallow neighbours ("2018 at 2483805"): trust one only
    # when it holds a time word outside the number itself.
    in_time_entity = any(
        ent.label_ in {"DATE", "TIME"} and ent.start < span.end and span.start < ent.end
        and any(t.lower_ in _TIME_WORDS and not (span.start <= t.i < span.end) for t in ent)
        for ent in doc.ents
    )  # fmt: skip
    yearish = all(_is_yearish(doc.text, p) for p in pieces)
    if yearish:
        # "the 2019 review", "in 2024", "its 1988 sales": news writes counts over 999 with a
        # comma ("1,500 troops"), so a bare 1800-2199 is a year unless a bound says otherwise.
        return find_bound(doc.text, pieces[0].start) is None
    return in_time_entity and not counts_something


def _is_name_number(doc: Doc, span: Span, pieces: Sequence[Piece]) -> bool:
    """ "Game 7", "Article 5", "Channel 5", "one of them": numbers that name or point, not count."""
    if any(p.unit is not None for p in pieces):
        return False
    first = span[0]
    if first.lower_ == "one" and len(span) == 1:
        # "one analyst said": an unnamed speaker, not a count
        speaker = first.head.dep_ == "nsubj" and first.head.head.lemma_ in CUE_LEMMAS
        return first.dep_ != "nummod" or speaker
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    head = _counted_head(span[-1])
    written = doc.text[pieces[0].core_start : pieces[0].core_end]
    if written.isdigit() and head is not None and head.tag_ == "NNP" and head.text[:1].isupper():
        return True  # "575 Wilbraham Road", "90049 ZIP Code", "787 Dreamliner": a name, not a count
    if prev is not None and (
        prev.lower_ in {"no.", "number", "no", "#", "nos."}
        or (
            prev.pos_ == "PROPN"
            and any(ch.isupper() for ch in prev.text)
            and prev.ent_type_ not in {"GPE", "NORP"}
        )
    ):
        # "Game 7", "iPhone 11 Pro", "Note 20 Ultra": a number between names is part of one
        return _counted_head(span[-1]) is None or (
            nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper()
        )
    last = span[-1]
    return (
        last.pos_ not in {"NUM", "X", "SYM", "NOUN", "ADJ", "PROPN"}
        and not last.like_num
        and pieces[0].kind == "words"
    )


def _base_unit(piece: Piece) -> str | None:
    """ "USD" for "USD per share": a range's ends agree on this part."""
    return None if piece.unit is None else piece.unit.split(" per ")[0]


def _is_yearish(text: str, piece: Piece) -> bool:
    """A bare four-digit number in the span of plausible years: "2008", not "2,008" or "$2008"."""
    written = text[piece.core_start : piece.core_end]
    return (piece.kind == "digits" and not piece.scaled and piece.unit is None and len(written) == 4
            and written.isdigit() and _YEAR_RANGE[0] <= int(written) <= _YEAR_RANGE[1])  # fmt: skip


def _join(text: str, pieces: list[Piece]) -> list[list[Piece]]:
    """Group pieces into single numbers and ranges ("11,000 to 12,000", "between 3 and 5")."""
    groups: list[list[Piece]] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        joiner = None if nxt is None else find_range_joiner(text, piece.end, nxt.start)
        before = text[max(0, piece.start - 9) : piece.start].lower().split()
        after_from = bool(before) and before[-1] == "from"
        compatible = (
            nxt is not None
            and (
                piece.unit is None
                or _base_unit(piece) == _base_unit(nxt)
                or (nxt.unit is None and after_from)
            )
            and _is_yearish(text, piece) == _is_yearish(text, nxt)
        )  # "from 20 mpg in 2008 to 29 mpg"
        is_range = (
            joiner is not None
            and nxt is not None
            and compatible
            and (
                (joiner in {"-", "–", "—"} and piece.kind == nxt.kind == "digits")
                # "rose by $2bn to $9bn" is a change and a level, "by 1 to 1.5 degrees" a range
                or (joiner == "to" and (not before or before[-1] != "by" or piece.unit is None))
                or (joiner == "and" and bool(before) and before[-1] == "between")
            )
        )
        if is_range and nxt is not None:
            groups.append([piece, nxt])
            i += 2
        else:
            groups.append([piece])
            i += 1
    return groups


def _range_values(pieces: list[Piece]) -> tuple[float | None, float | None, str | None]:
    """Low, high and unit of a joined range; "89 to 93 billion" shares the scale and the unit."""
    first, second = pieces
    low, high = first.value, second.value
    # "1 to 2 thousand" shares the scale, but "$200 to $4 million" does not
    if (
        low is not None
        and high is not None
        and second.scaled
        and not first.scaled
        and second.base
        and low < second.base
    ):
        low *= high / second.base
    return low, high, second.unit or first.unit


# The ages news gives after a name: "Maddon, 66, said"; older than this is not an age.
_MAX_AGE = 120


def _is_age(doc: Doc, span: Span) -> bool:
    """ "Jane Doe, 34, said": a bare number between commas right after a person's name."""
    if len(span) != 1 or not span[0].like_num or span.start < 2 or span.end >= len(doc):
        return False
    before, name, after = doc[span.start - 1], doc[span.start - 2], doc[span.end]
    value = span[0].text
    return (
        before.text == "," and after.text == "," and name.ent_type_ == "PERSON"
        and value.isdigit() and 0 < int(value) <= _MAX_AGE
    )  # fmt: skip


def _claim(
    doc: Doc,
    pieces: list[Piece],
    *,
    article_id: str,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    durations: bool,
) -> Claim | None:
    text = doc.text
    start, end = pieces[0].start, pieces[-1].end
    if any(_is_model_or_code(text, p) for p in pieces):
        return None
    if (span := _tokens(doc, start, end)) is None:
        return None
    if _is_date_like(doc, span, pieces, durations=durations) or _is_name_number(doc, span, pieces):
        return None
    bound = None
    if (found := find_bound(text, start)) is not None:
        bound_span = _tokens(doc, found[0], start)
        if bound_span is not None and not any(t.dep_ == "prt" for t in bound_span):
            start, bound = found
    if (after := _OR_MORE.match(text, end)) is not None:
        more = after.group(1).lower() in {"more", "above", "higher", "over"}
        bound, end = bound or ("at least" if more else "up to"), after.end()
    if text[start - 8 : start].lower().endswith("between "):
        start -= 8
    if len(pieces) == 2:
        low, high, unit = _range_values(pieces)
        value = None
    else:
        value, low, high, unit = pieces[0].value, pieces[0].low, pieces[0].high, pieces[0].unit
    full = _tokens(doc, pieces[0].start, end) or span
    if unit is None and value is not None and _is_age(doc, full):
        unit = "years old"
    return Claim(
        article_id=article_id,
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        low=low,
        high=high,
        bound=bound,
        unit=unit,
        what=_what(doc, full, unit=unit),
        claimant=find_claimant(
            doc, full, mentions=mentions, quotes=quotes, counted=_counted_head(full[-1])
        ),
        hedge=find_hedge(doc, full, bound_text=text[start : pieces[0].start]),
    )


def _timex_spans(text: str) -> list[tuple[int, int]]:
    """The time-expression finder's spans; if it fails, claims still come out, guarded by
    this module's own year/date/time checks (one stage's bug must not stop another's)."""
    try:
        return timex_spans(text)
    except Exception:
        logger.exception("timex_spans failed; numeric claims use their own date checks")
        return []


def _in_timex(pieces: list[Piece], timexes: Sequence[tuple[int, int]], *, durations: bool) -> bool:
    """A number inside a time expression found by :func:`sitroom.nlp.dates.timex_spans`.

    With ``durations``, an amount of time ("three years") is kept as a quantity.
    """
    if durations and any(p.unit in TIME_UNITS for p in pieces):
        return False
    if any(p.unit is not None and p.unit not in TIME_UNITS for p in pieces):
        return False  # "1520 sq m", "$2024": a unit says it is a quantity, whatever its digits
    return any(
        start <= p.core_start and p.core_end <= end for p in pieces for start, end in timexes
    )


def extract_claims(
    doc: Doc,
    *,
    article_id: str,
    mentions: Sequence[Mention] = (),
    quotes: Sequence[Quote] = (),
    durations: bool = False,
) -> list[Claim]:
    """Return the numeric claims in ``doc``; spans index ``doc.text``.

    ``mentions`` give canonical names to claimants; ``quotes`` make a quote's speaker the
    claimant of the numbers inside it. ``durations=True`` also keeps amounts of time
    ("three years", unit "year"), which sitroom leaves to time expressions by default;
    quantity benchmarks such as NewsQuant count them.
    """
    timexes = _timex_spans(doc.text)
    groups = [
        g
        for g in _join(doc.text, find_pieces(doc.text))
        if not _in_timex(g, timexes, durations=durations)
    ]
    claims = (
        _claim(doc, g, article_id=article_id, mentions=mentions, quotes=quotes, durations=durations)
        for g in groups
    )
    return _share_context(doc, [c for c in claims if c is not None])


# "€118 billion ($126 billion)": the bracketed amount restates the one before it.
_RESTATED = re.compile(r"\s*[(\[]\s*$")
# "99 votes in favor, nine against": a bare number listed right after a count shares its noun.
_LISTED = re.compile(r"^[^.;:()]{0,25},\s*(?:and\s+|or\s+)?$")


def _share_context(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """Fill ``what``/``claimant`` of a number from its neighbour: restated amounts, elided nouns."""
    out: list[Claim] = []
    for claim in claims:
        prev = out[-1] if out else None
        between = doc.text[prev.end : claim.start] if prev is not None else ""
        if prev is not None and _RESTATED.fullmatch(between):
            claim = replace(
                claim,
                what=claim.what if prev.what is None else prev.what,
                claimant=prev.claimant or claim.claimant,
            )
        elif (
            prev is not None
            and claim.what is None
            and claim.unit is None
            and prev.unit is None
            and prev.what
            and _LISTED.match(between)
        ):
            head = re.split(r"\s+(?:in|of|on|at|for)\s+", prev.what)[0].split()[-1]
            claim = replace(claim, what=head)
        out.append(claim)
    return out
