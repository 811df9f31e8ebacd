"""The event trigger lexicon and the type -> PLOVER/ACLED table, loaded once from data/events/types.json.

Kept apart from ``events.py`` so the export and the docs read the same table without
importing spaCy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["EventType", "Lexicon", "acled_sub_event_type", "load_actors", "load_lexicon"]


@dataclass(frozen=True, slots=True)
class EventType:
    """One event type with its vocabulary mappings and triggers."""

    name: str
    plover: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    acled_sub_by_weapon: dict[str, str]
    verbs: frozenset[str]
    nouns: frozenset[str]
    particle_verbs: dict[str, str]  # verb lemma -> particle: "shoot" + "down"
    verb_needs_object: dict[str, frozenset[str]]  # verb -> object lemmas it needs (empty: any)
    noun_needs_object: dict[str, frozenset[str]]  # noun -> "of"-object lemmas it needs


@dataclass(frozen=True, slots=True)
class Lexicon:
    types: dict[str, EventType]
    weapon_words: frozenset[str]
    quantity_cues: dict[str, tuple[str, ...]]

    def types_for_verb(self, lemma: str) -> list[EventType]:
        return [t for t in self.types.values() if lemma in t.verbs or lemma in t.particle_verbs]

    def types_for_noun(self, lemma: str) -> list[EventType]:
        return [t for t in self.types.values() if lemma in t.nouns]


def acled_sub_event_type(
    event_type: EventType, weapons: tuple[str, ...], trigger: str | None
) -> str | None:
    """ACLED's sub-event type, refined by the weapons or the trigger word (drone -> Air/drone strike)."""
    words = " ".join((*weapons, trigger or "")).casefold()
    for cue, sub in event_type.acled_sub_by_weapon.items():
        if cue in words:
            return sub
    return event_type.acled_sub_event_type


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    path = resources.files("sitroom.data").joinpath("events/types.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    types = {
        name: EventType(
            name=name,
            plover=t["plover"],
            acled_event_type=t["acled_event_type"],
            acled_sub_event_type=t["acled_sub_event_type"],
            acled_sub_by_weapon=dict(t.get("acled_sub_by_weapon", {})),
            verbs=frozenset(t["verbs"]),
            nouns=frozenset(t["nouns"]),
            particle_verbs=dict(t.get("particle_verbs", {})),
            verb_needs_object={k: frozenset(v) for k, v in t.get("verb_needs_object", {}).items()},
            noun_needs_object={k: frozenset(v) for k, v in t.get("noun_needs_object", {}).items()},
        )
        for name, t in data["types"].items()
    }
    return Lexicon(
        types=types,
        weapon_words=frozenset(data["weapon_words"]),
        quantity_cues={k: tuple(v) for k, v in data["quantity_cues"].items()},
    )


@lru_cache(maxsize=1)
def load_actors() -> dict[str, str]:
    """Person or office -> the state or body it acts for (data/events/actors.json), keys case-folded."""
    path = resources.files("sitroom.data").joinpath("events/actors.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k.casefold(): v for k, v in data["actors"].items()}
