"""Russia's war against Ukraine, spoken of as a happening: one ``ground_clash`` record per article.

The annotation guideline (docs/annotation.md, "Event types") records the war, wherever an
article published after the invasion speaks of it as a happening ("Russia's invasion is in
its 68th day", "Russian aggression", "the war in Ukraine"), as one ground_clash with actor
Russia and target Ukraine. The small parser leaves most of these mentions with one side
named or none, and the war nouns are background unless both sides are named
(``extract.BOTH_SIDES_NOUNS``), so on the real-news tune half the war was missed in 15 of
its 31 articles. This module names the sides when the mention names one of them, and makes
a bare "the war" evidence for that record, never a record of its own.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from spacy.tokens import Token

from sitroom.records import Event

__all__ = [
    "WAR_NOUNS",
    "as_russian_war",
    "before_the_invasion",
    "is_war_mention",
    "is_war_start",
    "names_a_side",
    "only_its_start",
]

# Nouns that name the war as a whole (not a battle): "the invasion", "Russian aggression".
WAR_NOUNS = frozenset({"war", "invasion", "aggression"})
AGGRESSOR = "Russia"
INVADED = "Ukraine"
# The full-scale invasion began on 24 February 2022; before it, "an invasion" is a fear.
INVASION_DAY = "2022-02-24"


# Trigger words that name the war as a whole, as written ("invaded Ukraine" is the war too).
WAR_TRIGGERS = frozenset(
    {"war", "wars", "invasion", "invasions", "aggression", "invade", "invaded", "invades"}
)


def is_war_mention(event: Event) -> bool:
    """Whether ``event`` names a war as a whole, not a battle inside it (for merging)."""
    return event.event_type == "ground_clash" and (event.trigger or "").casefold() in WAR_TRIGGERS


def as_russian_war(
    event: Event, *, lemma: str, scope: Collection[str], published: str | None
) -> Event | None:
    """``event`` as the war record when its war noun names one of the two sides, else None.

    ``scope`` holds the names inside the noun's phrase ("the war in Ukraine" -> Ukraine).
    An event with neither side named comes back as a reference (bare "the war", "the
    invasion"): roles filled, for merging into the record as evidence only; the caller
    keeps such mentions out of the records themselves (``names_a_side``).
    The war is ongoing: whatever the clause around the noun says (wanted, condemned, not
    condemned), it happened; a mention dated by the text to more than a year back stays
    historical, and the rest take the publication date so that every mention merges.
    """
    if lemma not in WAR_NOUNS or published is None or published[:10] < INVASION_DAY:
        return None
    if event.actor not in {None, AGGRESSOR} or event.target not in {None, INVADED}:
        return None  # "Israel's war", "the invasion of Poland": another war
    others = {name for name in scope if name not in {AGGRESSOR, INVADED}}
    if others and event.actor is None and event.target is None:
        return None  # "the war in Gaza", "Germany's invasion of France"
    historical = event.status == "historical" and event.date_precision not in {
        None,
        "publication",
    }
    return replace(
        event,
        actor=AGGRESSOR,
        target=INVADED,
        place=None,  # the whole war, not the town one sentence names
        status="historical" if historical else "reported",
        date=event.date if historical else published[:10],
        date_precision=event.date_precision if historical else "publication",
    )


def names_a_side(event: Event, scope: Collection[str]) -> bool:
    """Whether the mention itself names Russia or Ukraine (else it is evidence only)."""
    return (
        event.actor == AGGRESSOR
        or event.target == INVADED
        or bool({AGGRESSOR, INVADED} & set(scope))
    )


def before_the_invasion(event: Event, *, lemma: str, published: str | None) -> Event:
    """A Russian invasion of Ukraine spoken of before 24 February 2022 is feared, not done.

    "Western warnings about a Russian invasion of Ukraine", "to deter an invasion": in an
    article published before the full-scale invasion, the noun names what may come (the
    guideline's hypothetical). The 2014 war ("Russian aggression", "the war in Donbas") is
    not this noun's business and keeps its status.
    """
    if (
        lemma != "invasion"
        or published is None
        or published[:10] >= INVASION_DAY
        or event.status not in {"reported", "claimed"}
        or event.actor not in {None, AGGRESSOR}
        or event.target not in {None, INVADED}
    ):
        return event
    return replace(event, status="conditional")


# Verbs whose object or subject war noun is the war's start, not the war going on: "launched
# its invasion", "provoked the invasion", "the invasion began".
START_VERBS = frozenset({"launch", "begin", "start", "unleash", "order", "provoke"})


def is_war_start(noun: Token) -> bool:
    """ "since the invasion", "since Russia launched its invasion", "the invasion began"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "since":
        return True
    if noun.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in START_VERBS:
        return True
    return noun.dep_ == "nsubj" and head.lemma_.lower() in {"begin", "start"}


def only_its_start(
    event: Event, *, ongoing: Collection[tuple[int, int]], published: str | None
) -> Event:
    """The war record of an article that mentions only the war's start, in a later year, is
    history (the guideline: "since Russia invaded last year" in a 2023 article).

    ``ongoing`` holds the sentences that speak of the war going on; a record with one of
    them among its evidence stays the ongoing war.
    """
    if (
        published is None
        or published[:4] <= INVASION_DAY[:4]
        or not is_war_mention(event)
        or (event.actor, event.target) != (AGGRESSOR, INVADED)
        or event.status not in {"reported", "claimed"}
        or any(span in ongoing for span in event.evidence)
    ):
        return event
    return replace(event, status="historical", date=INVASION_DAY, date_precision="day")
