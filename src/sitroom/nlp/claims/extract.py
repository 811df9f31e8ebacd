"""Numeric claims: the numbers an article states, with what they count and who asserts them.

``extract_claims(doc)`` finds number expressions with :mod:`sitroom.nlp.claims.patterns`
(surface text), joins ranges ("11,000 to 12,000", "between 3,000 and 5,000"), adds the
bound ("more than 10,000"), then uses the parse to drop what is not a claim and to fill
``what`` (the noun phrase counted, :mod:`sitroom.nlp.claims.what`), ``claimant`` and
``hedge`` (:mod:`sitroom.nlp.claims.attribution`); the checks that drop non-claims live in
:mod:`sitroom.nlp.claims.filters`.

Not claims: years and dates ("in 2024", "Nov. 21", "the 1990s"), times ("3 p.m."): numbers
inside the article's time expressions (``timexes``, from ``extract_timexes``), plus sitroom's own
year/date/time checks (they also guard what the time engineer's rules do not cover),
durations ("three years", "4 years ago" — they are time expressions), ordinals ("the 47th
Brigade"), model numbers ("F-16", "Kh-101", "S-400"), and numbers used as names ("Game 7",
"Article 5").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span

from sitroom.nlp.claims.attribution import Attribution
from sitroom.nlp.claims.filters import (
    TimeEntities,
    in_timex,
    is_date_like,
    is_model_or_code,
    is_name_number,
    is_yearish,
    timex_index,
)
from sitroom.nlp.claims.patterns import (
    TIME_UNITS,
    Piece,
    find_bound,
    find_pieces,
    find_range_joiner,
    find_rate,
    is_spaced_symbol,
)
from sitroom.nlp.claims.what import counted_head, find_what, is_age
from sitroom.nlp.doctext import doc_text
from sitroom.nlp.timex.extract import extract_timexes
from sitroom.nlp.timex.lexicon import MONTH_WORDS
from sitroom.records import Claim, Mention, Quote, Timex

__all__ = ["extract_claims"]


# "60% or more", "10,000 or fewer": a bound written after the number.
_OR_MORE = re.compile(r"\s+or\s+(more|above|higher|over|less|fewer|below|lower)\b", re.IGNORECASE)


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _base_unit(piece: Piece) -> str | None:
    """ "USD" for "USD per share": a range's ends agree on this part."""
    return None if piece.unit is None else piece.unit.split(" per ")[0]


def _join(text: str, pieces: list[Piece]) -> list[list[Piece]]:
    """Group pieces into single numbers and ranges ("11,000 to 12,000", "between 3 and 5")."""
    groups: list[list[Piece]] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        joiner = None if nxt is None else find_range_joiner(text, piece.end, nxt.start)
        before = text[max(0, piece.start - 9) : piece.start].lower().split()
        compatible = (
            nxt is not None
            and (
                piece.unit is None
                or _base_unit(piece) == _base_unit(nxt)
                # "from 40 F to 50", "between 40 F and 50": the unit written at the first end
                or (nxt.unit is None and before[-1:] in (["from"], ["between"]))
                # "$1-2 billion": the currency written once, before the first end
                or (
                    nxt.unit is None
                    and piece.start < piece.core_start
                    and joiner in {"-", "–", "to"}
                )
            )
            and is_yearish(text, piece) == is_yearish(text, nxt)
        )  # "from 20 mpg in 2008 to 29 mpg"
        is_range = (
            joiner is not None
            and nxt is not None
            and compatible
            and piece.value is not None
            and nxt.value is not None  # "5 to hundreds" is not a range of two numbers
            and (
                (joiner in {"-", "–", "—"} and piece.kind == nxt.kind == "digits")
                # "rose by $2bn to $9bn" is a change and a level, "by 1 to 1.5 degrees" a range
                or (
                    joiner == "to"
                    and (not before or before[-1] != "by" or piece.unit is None)
                    and not _change_and_level(before, piece, nxt)
                )
                or (joiner == "and" and bool(before) and before[-1] == "between")
                # "three or four years", "10 or 12 drones": either end is the figure
                or (joiner == "or" and piece.kind == nxt.kind and piece.value < nxt.value)
                # "$7/$9": two prices written against each other
                or (joiner == "/" and _both_money(piece, nxt))
            )
        )
        if is_range and nxt is not None:
            groups.append([piece, nxt])
            i += 2
        else:
            groups.append([piece])
            i += 1
    return groups


# Verbs of a market move: "gold rose $12 to $1,950", "shares fell 15p to 245p".
_CHANGE_WORDS = frozenset({
    "rose", "rise", "rises", "risen", "fell", "fall", "falls", "fallen", "climbed", "jumped",
    "dropped", "gained", "lost", "added", "shed", "slipped", "slid", "tumbled", "surged",
    "soared", "sank", "edged", "plunged", "dipped", "rallied", "advanced", "declined", "up",
    "down",
})  # fmt: skip
# How much larger than the change a level must be to read "X to Y" as change and level.
_LEVEL_OVER_CHANGE = 5


def _change_and_level(before: list[str], first: Piece, second: Piece) -> bool:
    """ "Gold rose $12 to $1,950 an ounce": after a verb of a move, two amounts that each
    carry the unit, the second many times the first, are the size of the move and the
    level it reached, not a range ("prices rose $10 to $20" stays a range)."""
    return (
        before[-1:] != []
        and before[-1] in _CHANGE_WORDS
        and first.unit is not None
        and _base_unit(first) == _base_unit(second)
        and first.value is not None
        and second.value is not None
        and 0 < first.value * _LEVEL_OVER_CHANGE <= second.value
    )


def _both_money(first: Piece, second: Piece) -> bool:
    """Both numbers carry the same currency written before their digits ("$7/$9")."""
    return (
        first.unit is not None
        and first.unit == second.unit
        and first.start < first.core_start
        and second.start < second.core_start
    )


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
    if low is not None and high is not None and low > high:
        low, high = high, low  # "fell from $92 a barrel to $81": low is the smaller end
    if first.unit is not None and second.unit == _base_unit(first):
        return low, high, first.unit  # "$92 a barrel to $81": the rate written once, first
    if first.unit == "m" and not first.scaled and second.scaled and second.unit is None:
        return low, high, None  # "between 1.5m and 2m shells": the first "m" is millions too
    return low, high, second.unit or first.unit


# Entity types of a capitalized word that a temperature may follow ("Kyiv 25 C").
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


def _names_before_letter(doc: Doc, pieces: list[Piece]) -> bool:
    """ "Windows 10 C drive", "Group 2 C", "May 5 C", "2000 F": a number whose unit is a
    capital letter after a space ("35 C") but that follows a capitalized word (a name, not
    a place) or a month, or reads as a year. The parse is no help: it takes the letter for
    a proper noun the number modifies."""
    text = doc_text(doc)
    if not any(is_spaced_symbol(text, p) for p in pieces):
        return False
    first = pieces[0]
    if is_yearish(text, replace(first, end=first.core_end, unit=None)):
        return True
    span = _tokens(doc, first.start, first.core_end)
    prev = doc[span.start - 1] if span is not None and span.start > 0 else None
    return prev is not None and (
        prev.lower_ in MONTH_WORDS
        or (
            prev.pos_ in {"PROPN", "NOUN"}
            and prev.text[:1].isupper()
            and prev.ent_type_ not in _PLACE_TYPES
        )
    )


def _rate_after_material(doc: Doc, full: Span, unit: str) -> str:
    """ "55 billion cubic metres of gas a year" -> "m3 per year": a measure of some material
    taken over a period written after the material; else ``unit`` as it is."""
    if full.end >= len(doc) or doc[full.end].lower_ != "of":
        return unit
    end = max(t.i for t in doc[full.end].subtree)
    rate = find_rate(doc_text(doc), doc[end].idx + len(doc[end].text))
    return unit if rate is None else f"{unit} {rate}"


# Verbs whose particle looks like a bound: "added up to", "totalled up to" mean "came to".
_PHRASAL_UP_TO = frozenset({"add", "sum", "tot", "total", "pile", "stack", "amount"})


def _belongs_to_verb(doc: Doc, bound_span: Span) -> bool:
    """ "handed over 48", "added up to €3 billion": the bound words are the verb's particle."""
    if any(t.dep_ == "prt" for t in bound_span):
        return True
    before = doc[bound_span.start - 1] if bound_span.start > 0 else None
    return before is not None and bound_span[0].lower_ == "up" and before.lemma_ in _PHRASAL_UP_TO


def _claim(
    doc: Doc,
    pieces: list[Piece],
    *,
    article_id: str,
    attribution: Attribution,
    time_entities: TimeEntities,
    durations: bool,
) -> Claim | None:
    text = doc_text(doc)
    start, end = pieces[0].start, pieces[-1].end
    if any(is_model_or_code(text, p) for p in pieces):
        return None
    if (span := _tokens(doc, start, end)) is None:
        return None
    age = len(pieces) == 1 and pieces[0].unit is None and is_age(doc, span)
    if not age and (
        is_date_like(doc, span, pieces, durations=durations, time_entities=time_entities)
        or is_name_number(doc, span, pieces)
    ):
        return None
    if _names_before_letter(doc, pieces):
        return None
    bound = None
    if (found := find_bound(text, start)) is not None:
        bound_span = _tokens(doc, found[0], start)
        if bound_span is not None and not _belongs_to_verb(doc, bound_span):
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
    if unit is None and value is not None and (age or is_age(doc, full)):
        unit = "years old"
    head = counted_head(full[-1])
    if unit is None and head is not None:
        unit = find_rate(text, head.idx + len(head.text))  # "400 shells a day": "per day"
    elif unit is not None and " per " not in unit and unit not in TIME_UNITS:
        unit = _rate_after_material(doc, full, unit)
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
        what=find_what(doc, full, unit=unit),
        claimant=attribution.claimant(full, counted=counted_head(full[-1])),
        hedge=attribution.hedge(full, bound_text=text[start : pieces[0].start]),
    )


def extract_claims(
    doc: Doc,
    *,
    article_id: str,
    mentions: Sequence[Mention] = (),
    quotes: Sequence[Quote] = (),
    timexes: Sequence[Timex] | None = None,
    durations: bool = False,
) -> list[Claim]:
    """Return the numeric claims in ``doc``; spans index ``doc_text(doc)``.

    ``mentions`` give canonical names to claimants; ``quotes`` make a quote's speaker the
    claimant of the numbers inside it; numbers inside ``timexes`` (the article's time
    expressions, from :func:`sitroom.nlp.timex.extract.extract_timexes`) are dates, not
    claims. ``doc_to_records`` passes the timexes it extracted; a standalone caller may
    leave them out and they are found here. ``durations=True`` also keeps amounts of time
    ("three years", unit "year"), which sitroom leaves to time expressions by default;
    quantity benchmarks such as NewsQuant count them.
    """
    if timexes is None:
        timexes = extract_timexes(doc, article_id=article_id, published=None)
    index = timex_index(timexes)
    groups = [
        g
        for g in _join(doc_text(doc), find_pieces(doc_text(doc)))
        if not in_timex(g, index, durations=durations)
    ]
    attribution = Attribution(doc, mentions=mentions, quotes=quotes)
    time_entities = TimeEntities(doc)
    claims = (
        _claim(
            doc,
            g,
            article_id=article_id,
            attribution=attribution,
            time_entities=time_entities,
            durations=durations,
        )
        for g in groups
    )
    return _join_from_to(doc_text(doc), _share_context(doc, [c for c in claims if c is not None]))


# "fell from $36,040 on Monday to $34,935": "from" right before the first number, "to" right
# before the second, and no sentence break, other figure or long clause between them.
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_TO_BETWEEN = re.compile(r"^(?:[^.;!?\n]|\.(?!\s+[A-Z]))+?\bto\s+$", re.IGNORECASE)
# Longest stretch between the two ends, in characters: a clause, not a paragraph.
_MAX_FROM_TO_GAP = 60


def _join_from_to(text: str, claims: list[Claim]) -> list[Claim]:
    """Join "from X ... to Y" into one claim with low and high (the two ends of a change)."""
    out: list[Claim] = []
    for claim in claims:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.value is not None
            and claim.value is not None
            and prev.bound is None
            and claim.bound is None
            and (prev.unit == claim.unit or prev.unit is None or claim.unit is None)
            and _FROM_BEFORE.search(text, max(0, prev.start - 10), prev.start)
            and claim.start - prev.end <= _MAX_FROM_TO_GAP
            and _TO_BETWEEN.match(text[prev.end : claim.start])
        ):
            out[-1] = replace(
                prev,
                end=claim.end,
                text=text[prev.start : claim.end],
                value=None,
                low=min(prev.value, claim.value),
                high=max(prev.value, claim.value),
                unit=prev.unit or claim.unit,
                what=prev.what or claim.what,
                claimant=prev.claimant or claim.claimant,
            )
            continue
        out.append(claim)
    return out


# "€118 billion ($126 billion)": the bracketed amount restates the one before it.
_RESTATED = re.compile(r"\s*[(\[]\s*$")
# "99 votes in favor, nine against", "killed 12 people and wounded 30": a bare number listed
# right after a count shares its noun.
_LISTED = re.compile(
    r"^[^.;:()]{0,25},\s*(?:and\s+|or\s+)?$|^\s+[a-z]+\s+(?:and|or)\s+(?:[a-z]+\s+)?$"
)


def _share_context(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """Fill ``what``/``claimant`` of a number from its neighbour: restated amounts, elided nouns."""
    out: list[Claim] = []
    for claim in claims:
        prev = out[-1] if out else None
        between = doc_text(doc)[prev.end : claim.start] if prev is not None else ""
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
