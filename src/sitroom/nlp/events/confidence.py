"""How much an event record can be trusted, 0-1, from the cues the extractor saw.

Weights are hand-set from the issue-9 review of real news (tune half of the realnews gold):
a verb trigger with a named actor is right far more often than a noun with none, a date the
text states beats the publication date, and anything not reported as done (threatened,
expected, conditional, historical) is weaker evidence of a happening. ``CONFIDENT`` is the
bar the overview, map, graph and brief use to state an event as fact; the rest stays
queryable.
"""

from __future__ import annotations

__all__ = ["CONFIDENT", "event_confidence"]

# Events at or above this are shown as fact. Measured on the tune half of the real-news gold
# (54 reported/claimed events, 2026-12-02): right type and actor for 63% of events >= 0.5,
# 76% of those >= 0.7 (25 of the 33 right ones kept), 100% >= 0.85 (8). A reported verb with
# a named actor and nothing else scores 0.65: it needs a target, place, stated date or a
# second mention to clear the bar.
CONFIDENT = 0.7

BASE = 0.15
VERB_TRIGGER = 0.15
ACTOR = 0.25
TARGET = 0.1
PLACE = 0.05
EXPLICIT_DATE = 0.1
REPORTED = 0.1
LEAD = 0.05
# Each further sentence that reports the same happening (events.merge), up to MAX_MENTIONS.
MENTION = 0.05
MAX_MENTIONS = 3
QUOTED = -0.05


def event_confidence(
    *,
    verb_trigger: bool,
    actor: bool,
    target: bool,
    place: bool,
    explicit_date: bool,
    realis: str,
    lead: bool,
    in_quote: bool,
    mentions: int = 1,
) -> float:
    """Score one event from its cues (``realis`` is its status)."""
    score = (
        BASE
        + VERB_TRIGGER * verb_trigger
        + ACTOR * actor
        + TARGET * target
        + PLACE * place
        + EXPLICIT_DATE * explicit_date
        + REPORTED * (realis in {"reported", "claimed"})
        + LEAD * lead
        + QUOTED * in_quote
        + MENTION * min(max(mentions - 1, 0), MAX_MENTIONS)
    )
    return round(min(max(score, 0.0), 1.0), 2)
