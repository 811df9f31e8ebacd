"""One event record per happening per article: merge the mentions that report the same one.

An article tells a strike in its lead, again in a later paragraph ("The missile struck ..."),
and refers to it with a bare noun ("condemned the attack"). Two mentions are one happening
when they have the same type, the same realis (carried out, or each other status apart), and
no role that disagrees: actor, target and place each equal or unknown on one side, and dates
equal unless one is only the publication date. The merged record keeps the clearest mention
(highest confidence, then the earliest) as its span, the most specific role of any mention,
and every mention's sentence in ``evidence``. A bare noun mention never starts a record: it is
evidence for the latest compatible happening before it, or dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sitroom.nlp.events.confidence import MAX_MENTIONS, MENTION
from sitroom.nlp.events.lexicon import load_actors
from sitroom.nlp.events.war import is_war_mention
from sitroom.records import Event

__all__ = ["merge_events"]

DONE = frozenset({"reported", "claimed"})
ROLES = ("actor", "target", "place")
WEAK_DATES = frozenset({None, "publication"})


def merge_events(events: Sequence[Event], references: Sequence[Event] = ()) -> list[Event]:
    """Merge ``events`` (text order) per happening; attach ``references`` as evidence only."""
    groups: list[list[Event]] = []
    for event in events:
        group = next((g for g in groups if _compatible(_merged(g), event)), None)
        if group is None:
            groups.append([event])
        else:
            group.append(event)
    for ref in references:
        earlier = [g for g in groups if g[0].start < ref.start and _compatible(_merged(g), ref)]
        if earlier:
            max(earlier, key=lambda g: g[-1].start).append(ref)
    merged = [_merged(g) for g in groups]
    return sorted(merged, key=lambda e: e.evidence[0] if e.evidence else (e.start, e.end))


def _realis(status: str) -> str:
    return "done" if status in DONE else status


def _compatible(a: Event, b: Event) -> bool:
    if a.event_type != b.event_type or _realis(a.status) != _realis(b.status):
        return False
    if is_war_mention(a) != is_war_mention(b):
        return False  # the war as a whole and a battle in it are two happenings
    for role in ROLES:
        x, y = getattr(a, role), getattr(b, role)
        if x and y and not _same_party(x, y):
            return False
    if a.date_precision in WEAK_DATES or b.date_precision in WEAK_DATES:
        return True
    return a.date == b.date


def _same_party(x: str, y: str) -> bool:
    """Equal names, or a leader or office and the state or body it acts for ("Xi Jinping" and
    "China", "Jens Stoltenberg" and "NATO"): one mention names the person, another the state."""
    if x.casefold() == y.casefold():
        return True
    actors = load_actors()
    return (actors.get(x.casefold()) or "").casefold() == y.casefold() or (
        actors.get(y.casefold()) or ""
    ).casefold() == x.casefold()


def _merged(group: list[Event]) -> Event:
    if len(group) == 1:
        return group[0]
    main = max(group, key=lambda e: (e.confidence, -e.start))
    # The most specific value of each role: the main mention's, else the first mention's.
    ordered = [main, *[e for e in group if e is not main]]

    def first(name: str) -> str | None:
        value: str | None = next((getattr(e, name) for e in ordered if getattr(e, name)), None)
        return value

    def person_first(name: str) -> str | None:
        # "NATO's top official warned" and "Stoltenberg warned": the person is more specific.
        value = first(name)
        actors = load_actors()
        person = next(
            (
                v
                for e in ordered
                if (v := getattr(e, name))
                and value
                and (actors.get(v.casefold()) or "").casefold() == value.casefold()
            ),
            None,
        )
        return person or value

    dated = next((e for e in ordered if e.date_precision not in WEAK_DATES), main)
    quantities: dict[str, float] = {}
    for e in reversed(ordered):
        quantities.update(e.quantities)
    evidence = sorted({span for e in group for span in (e.evidence or ((e.start, e.end),))})
    bonus = MENTION * min(len(evidence) - 1, MAX_MENTIONS)
    return replace(
        main,
        actor=person_first("actor"),
        target=person_first("target"),
        place=first("place"),
        claimant=first("claimant"),
        date=dated.date,
        date_precision=dated.date_precision,
        weapons=tuple(dict.fromkeys(w for e in ordered for w in e.weapons)),
        quantities=quantities,
        evidence=tuple(evidence),
        confidence=round(min(1.0, max(e.confidence for e in group) + bonus), 2),
    )
