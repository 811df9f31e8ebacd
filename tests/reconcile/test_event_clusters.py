"""Event clustering keeps the greedy rule of its docstring while comparing rows with a
cluster's summary instead of its members (issue 13): checked against the member-by-member
rule, run in each block (type, carried out, calendar month), on random rows with missing
roles, case variants, undated and week-dated events, over two months."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from sitroom.nlp.timex.values import iso_day
from sitroom.reconcile import ActorIndex, EventRow, cluster_events
from sitroom.reconcile.event_clusters import CARRIED_OUT, DATE_WINDOW_DAYS

NAMES = (None, None, "", "Russia", "russia", "Ukraine", "Belarus")
PLACES = (None, None, "", "Kharkiv", "KHARKIV", "Odesa", "Sumy")


def _fits_by_members(cluster: list[EventRow], row: EventRow) -> bool:
    """The rule as first written: every member compared with the row."""
    first = cluster[0]
    if first.event_type != row.event_type or (first.status in CARRIED_OUT) != (
        row.status in CARRIED_OUT
    ):
        return False
    for m in cluster:
        for f in ("actor", "target", "place"):
            a, b = getattr(m, f), getattr(row, f)
            if a is not None and b is not None and a.casefold() != b.casefold():
                return False
    if not any(
        (row.actor and m.actor) or (row.place and m.place) or (row.target and m.target)
        for m in cluster
    ):
        return False
    day = iso_day(row.date)
    days = [d for d in (iso_day(m.date) for m in cluster) if d is not None]
    return day is None or not days or min(abs((day - d).days) for d in days) <= DATE_WINDOW_DAYS


def _month(row: EventRow) -> tuple[int, int] | None:
    day = iso_day(row.date) or iso_day(row.published)
    return None if day is None else (day.year, day.month)


def _clusters_by_members(rows: list[EventRow]) -> list[list[int]]:
    """The greedy pass below in each block, clusters earliest first."""
    blocks: dict[tuple[str, bool, tuple[int, int] | None], list[EventRow]] = {}
    for row in rows:
        key = (row.event_type, row.status in CARRIED_OUT, _month(row))
        blocks.setdefault(key, []).append(row)
    clusters = [c for block in blocks.values() for c in _greedy_by_members(block)]
    clusters.sort(key=lambda c: (c[0].date or "", c[0].id))
    return [[m.id for m in c] for c in clusters]


def _greedy_by_members(rows: list[EventRow]) -> list[list[EventRow]]:
    """The greedy pass as first written, candidates pruned by the date window as there."""
    clusters: list[list[EventRow]] = []
    open_by_kind: dict[tuple[str, bool], list[int]] = {}
    latest: dict[int, date] = {}
    for row in sorted(rows, key=lambda r: (r.date or "", r.id)):
        candidates = open_by_kind.setdefault((row.event_type, row.status in CARRIED_OUT), [])
        day = iso_day(row.date)
        if day is not None:
            candidates[:] = [
                i
                for i in candidates
                if i not in latest or (day - latest[i]).days <= DATE_WINDOW_DAYS
            ]
        home = next((i for i in candidates if _fits_by_members(clusters[i], row)), None)
        if home is None:
            home = len(clusters)
            clusters.append([row])
            candidates.append(home)
        else:
            clusters[home].append(row)
        if day is not None:
            latest[home] = max(day, latest.get(home, day))
    return clusters


def _random_rows(seed: int, n: int) -> list[EventRow]:
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    rows = []
    for i in range(n):
        pick = rng.random()
        if pick < 0.1:
            when = None
        elif pick < 0.15:
            when = f"2025-W{rng.randint(1, 9):02d}"
        else:
            when = (start + timedelta(days=rng.randrange(50))).isoformat()
        rows.append(
            EventRow(
                id=i + 1,
                article_id=f"a{rng.randrange(n // 3 + 1)}",
                event_type=rng.choice(("strike", "strike", "aid")),
                plover="ASSAULT",
                actor=rng.choice(NAMES),
                target=rng.choice(NAMES),
                place=rng.choice(PLACES),
                date=when,
                status=rng.choice(("reported", "reported", "claimed", "threatened")),
                claimant=None,
                outlet=rng.choice(("Wire", "Ledger", None)),
                published=None,
                start=0,
                end=4,
                text="text",
            )
        )
    return rows


@pytest.mark.issue(13)
@pytest.mark.parametrize("seed", range(12))
def test_clusters_match_the_member_by_member_rule(seed: int) -> None:
    rows = _random_rows(seed, 300)
    # A name-only index: canonical names stay as written (no store, no people, no places).
    actors = ActorIndex(())
    canonical = [
        EventRow(
            **{
                **{f: getattr(r, f) for f in EventRow.__dataclass_fields__},
                "actor": actors.canonical(r.actor),
                "target": actors.canonical(r.target, role="target"),
            }
        )
        for r in rows
    ]
    got = [[report.event_id for report in c.reports] for c in cluster_events(rows, actors=actors)]
    want = _clusters_by_members(canonical)
    assert got == want
    assert any(len(c) > 2 for c in got)  # the rows do chain into clusters
