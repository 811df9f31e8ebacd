"""Which events the brief states as fact, and the one sentence it says for each.

An event is stated only when it clears the confidence bar (``states_as_fact``, from
``reconcile.fact``: the overview and the actor graph use the same one), its own
sentence names its actor and trigger (``is_supported``) and it is a happening of its own date
(``is_news``); ``event_text`` says it with no more than that sentence supports. Each rule
holds back a class of wrong citation found on the real news (issue 10).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from sitroom.nlp.places.gazetteer import load_nationalities, normalize_name
from sitroom.reconcile.actors import canonical_actor, country_name
from sitroom.reconcile.fact import states_as_fact
from sitroom.reconcile.sources import sentence_around
from sitroom.records import Article, Event, Place
from sitroom.report.dates import date_phrase, say_date

__all__ = [
    "NO_SOURCE",
    "event_text",
    "is_news",
    "is_supported",
    "state_names",
    "states_as_fact",
]


# Triggers that name the war itself, not a happening of the day: "since Russia's invasion",
# "Russia's war on Ukraine" (the real news' most frequent wrong citation, issue 10).
BACKGROUND_TRIGGERS = frozenset(
    {"invasion", "invasions", "war", "wars", "conflict", "aggression", "fighting", "occupation"}
)


# A sentence about a past era tells history, whatever date the event took from the article.
_PAST_ERA = re.compile(r"\b(?:Soviet|Nazi|World War|Cold War|Winter War|Empire)\b")


# A target named so is a meeting or a document, never a party to the event.
_NOT_AN_ACTOR = re.compile(
    r"\b(?:Conference|Summit|Forum|Memorandum|Treaty|Accords?|Agreement|Deal|Plan|Games"
    r"|Olympics|Charter|Declaration|Statute|Resolution)\b"
)


# Words that put an event at a place ("in Kharkiv", "near the border of ...").
_LOCATIVE = frozenset({"in", "at", "near", "outside", "over", "into", "inside", "around", "across"})


# Event types that carry weapons in a sentence: a meeting or a vote "with tanks" is a topic.
WEAPON_TYPES = frozenset(
    {"strike", "interception", "ground_clash", "aid", "aid_or_transfer", "transfer",
     "deployment", "troop_deployment", "weapons_test"}
)  # fmt: skip


# Triggers that mean something else as often as an event: "demonstrates that" (shows), the
# real news' every "protest" in the brief (issue 10).
AMBIGUOUS_TRIGGERS = frozenset({"demonstrate", "demonstrates", "demonstrated", "demonstrating"})


# A trigger right after one of these is a possibility, a plan or a drill, not a happening:
# "allowed Ukraine to strike", "could hit", "rehearse deploying" (real news, issue 10).
UNREALIZED_BEFORE = (
    "to", "could", "would", "might", "may", "will", "can", "should", "rehearse", "rehearsing",
    "rehearsed", "plan", "plans", "planning", "prepare", "prepares", "preparing",
)  # fmt: skip


# Claimants that name no source ("he", "who", "latest"): the outlet is named instead.
NO_SOURCE = frozenset({"i", "we", "he", "she", "they", "it", "you", "who", "which", "that",
                        "this", "latest", "officials", "sources", "reports", "one", "some"})  # fmt: skip


# The preposition an event's target takes in a sentence; "against" for the hostile rest.
_TARGET_WORD = {
    "aid": "to", "transfer": "to", "aid_or_transfer": "to", "deployment": "to",
    "troop_deployment": "to", "meeting": "with", "agreement": "with", "treaty": "with",
    "negotiation": "with", "sanction": "on", "vote": "on", "resolution": "on",
    "condemnation": "of", "statement": "about", "weapons_test": "near",
}  # fmt: skip


@lru_cache(maxsize=1)
def state_names() -> dict[str, tuple[str, ...]]:
    """State name -> every name, demonym and capital that stands for it (normalized)."""
    by_iso: dict[str, list[str]] = defaultdict(list)
    for name, (iso, _) in load_nationalities().items():
        by_iso[iso].append(name)
    return {country_name(iso): tuple(names) for iso, names in by_iso.items()}


def _names_in(name: str | None, sentence: str) -> bool:
    """Whether a sentence names an actor: a word of its name, or a word for its state."""
    if not name:
        return True
    low = normalize_name(sentence)
    state = canonical_actor(name)
    words = {w for w in re.findall(r"\w+", normalize_name(name)) if len(w) > 3}
    words |= {w for w in re.findall(r"\w+", normalize_name(state or "")) if len(w) > 3}
    if any(re.search(rf"\b{re.escape(w)}", low) for w in words):
        return True
    return any(
        re.search(rf"\b{re.escape(alias)}\b", low) for alias in state_names().get(state or "", ())
    )


def is_supported(event: Event, article: Article) -> bool:
    """The event's own sentence names its actor and holds its trigger: the citation holds."""
    sentence = sentence_around(article.text, event.start, event.end)
    if event.trigger and event.trigger.casefold() not in sentence.casefold():
        return False
    return _names_in(event.actor, sentence)


def _is_place(name: str | None, article_id: str, places: dict[tuple[str, str], Place]) -> bool:
    """Whether the article resolved this name to a place below a state (a city, a region, a
    sea): "Crimea" or "The Hague" as an actor, "Black Sea" as a target."""
    place = places.get((article_id, name or ""))
    return place is not None and place.kind != "country" and canonical_actor(name) == name


def is_news(event: Event, article: Article, places: dict[tuple[str, str], Place]) -> bool:
    """Whether an event is a happening of its own date that the brief may state as fact.

    Held back (each class was a wrong citation on the real news, issue 10): the war itself
    named as background ("since Russia's invasion", BACKGROUND_TRIGGERS); a trigger that is
    part of a name ("the Iran Deal"); an ambiguous trigger ("demonstrates that"); the passive
    voice ("was detained": the name before it is the patient); a possibility, plan or drill
    (UNREALIZED_BEFORE); a threat against no one; history, when its sentence names another year or a past
    era; an actor that is a place ("Crimea"), or that its sentence names only as a place or
    an owner (``_acts_in``); a target that is a meeting or a document ("the Budapest
    Memorandum").
    """
    sentence = sentence_around(article.text, event.start, event.end)
    trigger = event.trigger or ""
    if trigger.casefold() in BACKGROUND_TRIGGERS | AMBIGUOUS_TRIGGERS:
        return False
    if re.search(rf"\b(?:was|were|is|are|been|being)\s+(?:\w+\s+)?{re.escape(trigger)}", sentence):
        return False  # passive: "a U.S. soldier was detained" names the patient, not the actor
    if re.search(rf"\b(?:{'|'.join(UNREALIZED_BEFORE)})\s+{re.escape(trigger)}\b", sentence):
        return False  # "allowed Ukraine to strike", "rehearse deploying": not carried out
    if event.event_type == "threat" and not event.target:
        return False  # a threat is against someone: "vowed to deepen ties" threatens no one
    if trigger[:1].isupper() and not sentence.lstrip(" \"'\u201c").startswith(trigger):
        return False  # a capitalized trigger inside a sentence is a name: the "Iran Deal"
    year = (event.date or article.published or "")[:4]
    years = set(re.findall(r"\b(?:19|20)\d\d\b", sentence))
    if (years and year not in years) or _PAST_ERA.search(sentence):
        return False
    if _NOT_AN_ACTOR.search(event.target or ""):
        return False  # "aid to the Munich Security Conference": the trigger was misread
    if event.actor and not _acts_in(event.actor, sentence):
        return False
    return not _is_place(event.actor, event.article_id, places)


def _acts_in(actor: str, sentence: str) -> bool:
    """Whether the sentence names the actor as one who can act: not only as a place ("the
    republics in eastern Ukraine accused ...") nor only as an owner ("Putin's man detained").
    An actor the sentence does not spell out (a pronoun resolved elsewhere) passes."""
    last = actor.rsplit(maxsplit=1)[-1]
    found = list(re.finditer(rf"(?<!\w){re.escape(last)}(?!\w)", sentence))
    for m in found:
        words = sentence[: m.start()].split()[-2:]
        # "in eastern Ukraine", "in Ukraine"; not "in Vilnius, Poland condemned".
        located = (
            bool(words)
            and not words[-1].endswith((",", ";", ":"))
            and bool({w.casefold() for w in words} & _LOCATIVE)
        )
        owner = re.match(r"['\u2019]s\b", sentence[m.end() :])
        if not (located or owner):
            return True
    return not found


def _place_stated(place: str, trigger: str | None, sentence: str) -> bool:
    """Whether the sentence puts the event at the place: "in/at/near <place>" in the clause
    of the trigger (no comma, dash or semicolon between them), not a dateline ("BRUSSELS —"),
    not part of a longer name or compound ("the Russian Empire", "St. Peter's Square",
    "Moscow-controlled")."""
    for m in re.finditer(rf"(?<!\w){re.escape(place)}(?!\w)", sentence):
        before = sentence[: m.start()].split()[-2:]
        after = sentence[m.end() :].split()[:1]
        compound = sentence[m.end() : m.end() + 1] == "-"  # "Moscow-controlled territory"
        if (
            not {w.casefold() for w in before} & _LOCATIVE
            or compound
            or (after and after[0][:1].isupper())
        ):
            continue
        at = sentence.casefold().find((trigger or "").casefold()) if trigger else -1
        if at < 0:
            continue
        between = sentence[min(at, m.start()) : max(at, m.end())]
        if not re.search(r"[,;:\u2013\u2014]| - ", between):
            return True
    return False


def event_text(
    event: Event,
    region: str | None,
    when: str | None,
    article: Article,
    places: dict[tuple[str, str], Place],
) -> str:
    """One sentence from an event's fields: who, what, to whom, where, when (in words), status.

    Only what the event's own sentence supports: the place is said only when that sentence
    puts the event there (``_place_stated``), a target only when it is no place, weapons only
    for the types that use them and as that sentence names them, a date the text does not
    give as "(reported <publication date>)". Actor and target are their canonical names
    ("Kyiv" -> Ukraine).
    """
    sentence = sentence_around(article.text, event.start, event.end)
    kind = event.event_type.replace("_", " ")
    actor = canonical_actor(event.actor) or event.actor or "An unnamed actor"
    parts = [f"{actor}: {kind}"]
    target = canonical_actor(event.target) or event.target
    if target and target != actor and not _is_place(event.target, event.article_id, places):
        parts.append(f"{_TARGET_WORD.get(event.event_type, 'against')} {target}")
    if event.place and _place_stated(event.place, event.trigger, sentence):
        show_region = region and region not in (event.place, "unknown place")
        parts.append(f"in {event.place} ({region})" if show_region else f"in {event.place}")
    if when and event.date_precision == "publication":
        # The text gives no date: the article's own is when it was reported, not when it happened.
        parts.append(f"(reported {say_date(when)})")
    elif when:
        parts.append(date_phrase(when))
    low = sentence.casefold()
    weapons = [w for w in event.weapons if w.casefold() in low]
    if weapons and event.event_type in WEAPON_TYPES:
        parts.append("with " + ", ".join(weapons))
    text = " ".join(parts)
    if event.status == "claimed":
        claimant = canonical_actor(event.claimant)
        named = claimant and claimant.casefold() not in NO_SOURCE
        text += ", claimed" + (f" by {claimant}" if named else "")
    return text + "."
