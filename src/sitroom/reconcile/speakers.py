"""Quote speakers as canonical actors: the same names as event actors, with their aliases.

Each article names its speakers its own way ("Mr Petrenko" in one, "Oleksandr Petrenko" in
the next). Reconcile maps every stored name, speakers and event actors alike, through one
``ActorIndex`` and stores the map (m011 ``actor_names``); listings show the canonical actor
beside the text's own spelling, which stays in the quote as its evidence (issue 10).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from sitroom.reconcile.actors import ActorIndex, canonical_actor
from sitroom.records.reconciled import Speaker, SpeakerCount

__all__ = ["actor_names", "group_speakers", "speaker_actor"]

# Speaker spans that are pronouns, resolved to a name by the quote extractor: no alias.
PRONOUNS = frozenset({"i", "we", "he", "she", "they", "it", "you"})


def actor_names(
    actors: ActorIndex,
    names: Iterable[str | None],
    speakers: Iterable[SpeakerCount],
    *,
    role: str = "actor",
) -> dict[str, str]:
    """Every stored name (event actor or target, quote speaker) -> its canonical actor in
    ``role`` ("actor", or "target": a place stands for its state there).

    Names that stand for no actor (a place, "Western", a bare title) are left out: a quote
    keeps its own speaker there, an event its own actor.
    """
    every = {n for n in names if n} | {s.speaker for s in speakers}
    found = {name: actors.canonical(name, role=role) for name in sorted(every)}
    return {name: actor for name, actor in found.items() if actor}


def speaker_actor(speaker: str | None, names: Mapping[str, str]) -> str | None:
    """The canonical actor of a quote's speaker: its reconciled name, else the speaker itself."""
    return names.get(speaker, speaker) if speaker else None


def group_speakers(speakers: Iterable[SpeakerCount], names: Mapping[str, str]) -> list[Speaker]:
    """Speakers by canonical actor with every spelling they were quoted under, most quoted first.

    A speaker that names no actor ("minister", "officials": a bare title or common noun) is
    no row here; its quotes keep it as their speaker.
    """
    quotes: Counter[str] = Counter()
    folded: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, Counter[str]] = defaultdict(Counter)
    for s in speakers:
        if s.speaker not in names and canonical_actor(s.speaker) is None:
            continue
        actor = speaker_actor(s.speaker, names) or s.speaker
        quotes[actor] += s.quotes
        folded[actor][s.speaker] += s.quotes
        aliases[actor][s.speaker] += s.quotes
        # A pronoun resolved to its speaker ("He said") is no spelling of the name.
        if (
            s.speaker_text
            and s.speaker_text[:1].isupper()
            and s.speaker_text.casefold() not in PRONOUNS
        ):
            aliases[actor][" ".join(s.speaker_text.split())] += s.quotes
    return [
        Speaker(
            actor=actor,
            names=_by_count(folded[actor]),
            aliases=_by_count(aliases[actor]),
            quotes=quotes[actor],
        )
        for actor in sorted(quotes, key=lambda a: (-quotes[a], a))
    ]


def _by_count(counts: Counter[str]) -> tuple[str, ...]:
    return tuple(sorted(counts, key=lambda n: (-counts[n], n)))
