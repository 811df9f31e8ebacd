"""Which events may be shown as fact: the one bar of the overview, brief and actor graph.

An event is stated as fact when it is carried out as reported or claimed, by a named actor,
with a confidence of at least ``CONFIDENT`` (``nlp/events/confidence.py``). The rest stays
in the store and the listings, and the graph draws it only when asked, marked as such.
"""

from __future__ import annotations

from typing import Protocol

from sitroom.nlp.events.confidence import CONFIDENT
from sitroom.reconcile.actors import canonical_actor

__all__ = ["FACT_STATUSES", "Scored", "states_as_fact"]

# Carried out, as the text reports or a party claims it: not threatened, planned or denied.
FACT_STATUSES = frozenset({"reported", "claimed"})


class Scored(Protocol):
    """What the bar reads of an event: a stored ``Event`` or a reconcile ``EventRow``."""

    @property
    def confidence(self) -> float: ...
    @property
    def status(self) -> str: ...
    @property
    def actor(self) -> str | None: ...


def states_as_fact(event: Scored) -> bool:
    """Whether an event may be shown as fact (the rest stays queryable): reported or claimed,
    a named actor, and a confidence of at least ``CONFIDENT`` (nlp/events)."""
    return (
        event.confidence >= CONFIDENT
        and event.status in FACT_STATUSES
        and canonical_actor(event.actor) is not None
    )
