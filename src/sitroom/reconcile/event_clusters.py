"""Same event across articles: type + actor + target + place within a date window -> one cluster.

Why these keys: they are what an analyst means by "the same strike"; two reports that
disagree on the place or the actor are kept apart rather than silently merged. A missing
role (None) matches any value, so a terse report joins the fuller one it fits.

Clusters never cross a block: the event type, carried out or not, and the calendar month
of the event's date, else of its article's (``event_block``). A cluster
is a function of its block's events alone, so after new articles a reconcile re-clusters
only the blocks they touch and gets what a full reconcile gets (issue 13). Before, reports
chained over the date window with no bound: a city's daily strikes became one cluster
spanning years, which any new report could extend, merge or split, so no update short of
re-clustering everything was exact. The price: reports of one event on the last day of a
month and the first of the next stay two clusters (about one pair in 30 of reports a day
apart; a week split one in 7: docs/events.md).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sitroom.nlp.timex.values import iso_day
from sitroom.reconcile.actors import ActorIndex
from sitroom.reconcile.sources import SourceRef, independent_sources
from sitroom.records.reconciled import EventCluster, EventReport, EventRow

__all__ = ["block_clusters", "cluster_events", "event_block"]

# Reports of one happening are dated within a few days of each other (the event, then the
# follow-ups); ACLED codes events per day, reporting lags by a day or two.
DATE_WINDOW_DAYS = 3
# Carried-out events never merge with threats or plans of the same shape.
CARRIED_OUT = frozenset({"reported", "claimed"})


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.casefold() == b.casefold()


ROLES = ("actor", "target", "place")


class _Open:
    """A cluster being built, with what ``fits`` asks of its members kept as it grows.

    Every member is compatible with every other, so each role has at most one case-folded
    value among them; ``fits`` compares a row with that value, the roles some member fills,
    and the members' days, instead of walking the members (which made clustering quadratic
    in the size of a cluster: issue 13).
    """

    __slots__ = ("carried_out", "days", "event_type", "filled", "members", "values")

    def __init__(self, row: EventRow) -> None:
        self.event_type = row.event_type
        self.carried_out = row.status in CARRIED_OUT
        self.members: list[EventRow] = []
        self.values: dict[str, str] = {}
        self.filled: set[str] = set()
        self.days: set[int] = set()  # the members' days, as ordinals
        self.add(row)

    def add(self, row: EventRow) -> None:
        self.members.append(row)
        for role in ROLES:
            value = getattr(row, role)
            if value is not None:
                self.values.setdefault(role, value.casefold())
            if value:
                self.filled.add(role)
        if (day := iso_day(row.date)) is not None:
            self.days.add(day.toordinal())

    def fits(self, row: EventRow) -> bool:
        """Whether ``row`` may join: same type and carried-out-ness, no role in conflict with
        any member, some role in common, and within the date window of a dated member."""
        if self.event_type != row.event_type or self.carried_out != (row.status in CARRIED_OUT):
            return False
        values = {role: getattr(row, role) for role in ROLES}
        if any(
            value is not None and self.values.get(role, value.casefold()) != value.casefold()
            for role, value in values.items()
        ):
            return False
        if not any(values[role] for role in self.filled):
            return False  # nothing but the type in common
        day = iso_day(row.date)
        return (
            day is None
            or not self.days
            or any(day.toordinal() + k in self.days for k in _WINDOW_STEPS)
        )


_WINDOW_STEPS = range(-DATE_WINDOW_DAYS, DATE_WINDOW_DAYS + 1)


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _cluster(members: list[EventRow]) -> EventCluster:
    dates = sorted(d for d in (m.date for m in members) if d)
    outlets = tuple(sorted({m.outlet for m in members if m.outlet}))
    key = "|".join(str(m.id) for m in sorted(members, key=lambda m: m.id))
    status = "reported" if any(m.status == "reported" for m in members) else members[0].status
    return EventCluster(
        id=hashlib.sha256(key.encode()).hexdigest()[:12],
        event_type=members[0].event_type,
        plover=members[0].plover,
        actor=_first(m.actor for m in members),
        target=_first(m.target for m in members),
        place=_first(m.place for m in members),
        date_first=dates[0] if dates else None,
        date_last=dates[-1] if dates else None,
        status=status,
        corroboration=independent_sources(
            SourceRef(article_id=m.article_id, outlet=m.outlet, sentence=m.text) for m in members
        ),
        outlets=outlets,
        reports=tuple(
            EventReport(
                event_id=m.id,
                article_id=m.article_id,
                start=m.start,
                end=m.end,
                text=m.text,
                status=m.status,
                claimant=m.claimant,
                outlet=m.outlet,
                date=m.date,
            )
            for m in members
        ),
    )


def _canonical(rows: list[EventRow], actors: ActorIndex | None) -> list[EventRow]:
    """Rows with canonical actor and target names (the report text keeps the original)."""
    if actors is None:
        actors = ActorIndex(n for r in rows for n in (r.actor, r.target))
    return [_canonical_row(r, actors) for r in rows]


def _canonical_row(row: EventRow, actors: ActorIndex) -> EventRow:
    actor = actors.canonical(row.actor, article=row.article_id)
    target = actors.canonical(row.target, role="target", article=row.article_id)
    if actor == row.actor and target == row.target:
        return row  # most rows: nothing to rename, and replace() copies every field
    return dataclasses.replace(row, actor=actor, target=target)


def event_block(row: EventRow) -> str:
    """The block a row is clustered in: "type|carried|month" (the month of the event's date,
    else of its article's, else "undated")."""
    day = iso_day(row.date) or iso_day(row.published)
    month = day.isoformat()[:7] if day else "undated"
    return f"{row.event_type}|{'carried' if row.status in CARRIED_OUT else 'other'}|{month}"


def cluster_events(
    rows: Iterable[EventRow], *, actors: ActorIndex | None = None
) -> list[EventCluster]:
    """The clusters of these rows, each block's in turn (``block_clusters``), earliest first."""
    return [cluster for _, cluster in block_clusters(rows, actors=actors)]


def block_clusters(
    rows: Iterable[EventRow], *, actors: ActorIndex | None = None
) -> list[tuple[str, EventCluster]]:
    """Each cluster with its block, earliest first. Within a block: greedy single pass in
    date order, each event joins the first cluster it fits.

    Actor and target are compared as canonical names (``reconcile.actors``; ``actors`` is
    the store's index, else one is built from these rows), so "Mr Putin" and "Vladimir
    Putin" are one actor.

    Only clusters that could still fit are scanned: the same type and carried-out-ness
    (``_fits`` requires both), and not yet left behind by the date window — rows come in
    date order, so once a cluster's latest day is more than the window before a row's day,
    no later row can join it.
    """
    blocks: dict[str, list[EventRow]] = defaultdict(list)
    for row in _canonical(list(rows), actors):
        blocks[event_block(row)].append(row)
    found = [(block, c) for block, members in blocks.items() for c in _greedy(members)]
    found.sort(key=lambda bc: (bc[1].members[0].date or "", bc[1].members[0].id))
    return [(block, _cluster(c.members)) for block, c in found]


def _greedy(rows: list[EventRow]) -> list[_Open]:
    clusters: list[_Open] = []
    candidates: list[int] = []
    latest: dict[int, date] = {}
    for row in sorted(rows, key=lambda r: (r.date or "", r.id)):
        day = iso_day(row.date)
        if day is not None:
            candidates[:] = [
                i
                for i in candidates
                if i not in latest or (day - latest[i]).days <= DATE_WINDOW_DAYS
            ]
        home = next((i for i in candidates if clusters[i].fits(row)), None)
        if home is None:
            home = len(clusters)
            clusters.append(_Open(row))
            candidates.append(home)
        else:
            clusters[home].add(row)
        if day is not None:
            latest[home] = max(day, latest.get(home, day))
    return clusters
