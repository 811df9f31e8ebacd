"""When did an event happen, and is it history rather than news?

The sentence's time expression nearest the trigger dates the event. A date whose period
ended more than HISTORY_DAYS before publication is history ("Russia annexed Crimea in
2014"), unless "since" makes it the start of something still going on. A bare day and month
("on February 27") is resolved by the timex rules against the publication date; in a sentence
that tells background (past perfect, or a paragraph dated to an older year) that year is
wrong, so the day takes the year the paragraph names, or stays undated. A sentence without a
date that marks itself as background ("years ago", "back in") is history with no date.
Only then does the publication date stand in, with precision ``publication``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from sitroom.nlp.timex.calendar import parse_dct
from sitroom.nlp.timex.values import timex_days
from sitroom.records import Timex

__all__ = ["EventDate", "event_date"]

# The annotation guideline's line for history: "more than about a year" before the article.
HISTORY_DAYS = 365
# A background paragraph names its year this far before the sentence, at most.
CONTEXT_CHARS = 1200
BACKGROUND_CUES = re.compile(
    r"\b(?:years ago|decades ago|back in|at the time|in the past|a decade ago|"
    r"in the (?:19|20)\d0s|during the cold war|world war)\b",
    re.IGNORECASE,
)
SOME_YEARS = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many) years\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str | None
    precision: str | None
    historical: bool


def event_date(
    trigger: Token, timexes: Sequence[Timex], *, published: str | None, text: str
) -> EventDate:
    """The event's date (TIMEX3 value and precision) and whether it is history."""
    sent = trigger.sent
    pub = parse_dct(published)
    dated = [t for t in timexes if _start(t.value) is not None and not _other_clause(trigger, t)]
    if dated:
        timex = min(dated, key=lambda t: abs(t.start - trigger.idx))
        start = _start(timex.value)
        since = text[max(0, timex.start - 6) : timex.start].strip().casefold().endswith("since")
        if pub is not None and start is not None and not YEAR.search(timex.text):
            # "on February 27" got the publication year; in background it is another year's.
            background = start > pub or _past_perfect(trigger)
            if background:
                year = _context_year(text, sent.start_char, pub)
                if year is None:
                    return EventDate(None, None, start > pub)
                value = f"{year}{timex.value[4:]}"
                return EventDate(value, timex.granularity or "day", _old(value, pub))
        historical = not since and (
            _old(timex.value, pub) or (_in_since_clause(trigger) and _earlier_year(start, pub))
        )
        return EventDate(timex.value, timex.granularity or "day", historical)
    if BACKGROUND_CUES.search(sent.text) or (
        _in_since_clause(trigger) and SOME_YEARS.search(sent.text)
    ):
        # "for the last eight years, since Russia captured Crimea": the start is years back.
        return EventDate(None, None, True)
    if pub is not None and _past_perfect(trigger):
        year = _context_year(text, sent.start_char, pub)
        if year is not None and pub.year - year >= 2:
            return EventDate(str(year), "year", True)
    return EventDate(published, "publication" if published else None, False)


def _other_clause(trigger: Token, timex: Timex) -> bool:
    """The timex sits in a clause that neither is nor governs the trigger's clause.

    "Girkin criticized the statements and lamented that no one remembers the losses of the
    fight for Hostomel on Feb. 24, 2022": the date is the fight's, not the criticism's.
    """
    doc = trigger.doc
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return False
    own = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    clause = span.root
    while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head
    if clause.pos_ not in {"VERB", "AUX"}:
        return False
    return clause.i != own.i and all(a.i != clause.i for a in own.ancestors)


def _old(value: str, pub: dt.date | None) -> bool:
    """The whole period of ``value`` ended more than HISTORY_DAYS before publication."""
    end = _end(value)
    return end is not None and pub is not None and (pub - end).days > HISTORY_DAYS


def _start(value: str) -> dt.date | None:
    """First day of a TIMEX3 date value's period ("2014" -> 2014-01-01), None if not a date."""
    period = timex_days(value)
    return period[0] if period else None


def _end(value: str) -> dt.date | None:
    """Last day of a TIMEX3 date value's period ("2014" -> 2014-12-31)."""
    period = timex_days(value)
    return period[1] if period else None


def _in_since_clause(trigger: Token) -> bool:
    """ "since Russia launched its invasion last year": the starting point, told as background."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    if any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children):
        return True
    return trigger.dep_ == "pobj" and trigger.head.lower_ == "since"


def _earlier_year(start: dt.date | None, pub: dt.date | None) -> bool:
    return start is not None and pub is not None and start.year < pub.year


def _past_perfect(trigger: Token) -> bool:
    """ "had seized", "had been attacked": told as background to the news."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    aux = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return "had" in aux


def _context_year(text: str, before: int, pub: dt.date) -> int | None:
    """The last year named in the sentence's paragraph before it, if older than publication."""
    paragraph_start = text.rfind("\n", 0, before) + 1
    window = text[max(paragraph_start, before - CONTEXT_CHARS) : before + 200]
    years = [int(y) for y in YEAR.findall(window) if int(y) < pub.year]
    return years[-1] if years else None
