"""Claim grouping keeps its greedy rule while comparing a claim with a group's modifier sets
and nearest member day instead of every member (issue 13): checked against the
member-by-member rule on random claims."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

import pytest

from sitroom.nlp.timex.values import iso_day
from sitroom.reconcile import ClaimRow, group_claims
from sitroom.reconcile.claim_groups import WINDOW_DAYS, _group
from sitroom.reconcile.referents import not_a_count, referents

WHATS = (
    "Russian troops",
    "Russian troops in Kursk",
    "Russian troops in Kursk region",
    "Russian troops near Kharkiv",
    "North Korean soldiers",
    "North Korean soldiers in Kursk",
    "tanks",
    "Ukrainian tanks",
)


def _groups_by_members(rows: list[ClaimRow]) -> list[list[int]]:
    """group_claims as first written: a claim is compared with every member."""
    usable = [r for r in rows if r.what and r.value is not None and not not_a_count(r)]
    refs = referents(usable)
    buckets: dict[tuple, list[int]] = defaultdict(list)
    clusters: list[list[ClaimRow]] = []
    for row in sorted(
        usable,
        key=lambda r: (r.published or "", -len(refs[r.id].mods) if r.id in refs else 0, r.id),
    ):
        ref = refs.get(row.id)
        if ref is None:
            continue

        def fits(cluster: list[ClaimRow], row: ClaimRow = row) -> bool:
            ref = refs[row.id]
            if not all(ref.mods <= refs[m.id].mods or refs[m.id].mods <= ref.mods for m in cluster):
                return False
            day = iso_day(row.published)
            days = [d for d in (iso_day(m.published) for m in cluster) if d is not None]
            return day is None or not days or min(abs((day - d).days) for d in days) <= WINDOW_DAYS

        bucket = buckets[(ref.unit, ref.head, ref.who, ref.local)]
        home = next((i for i in bucket if fits(clusters[i])), None)
        if home is None:
            bucket.append(len(clusters))
            clusters.append([row])
        else:
            clusters[home].append(row)
    groups = [_group(c, refs) for c in clusters if len(c) >= 2]
    ordered = sorted(groups, key=lambda g: (-len(g.values), g.topic, g.id))
    return [[v.claim_id for v in g.values] for g in ordered]


def _random_claims(seed: int, n: int) -> list[ClaimRow]:
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    rows = []
    for i in range(n):
        what = rng.choice(WHATS)
        value = float(rng.choice((1000, 3000, 5000, 10_000, 12_000)))
        published = (
            None if rng.random() < 0.1 else (start + timedelta(days=rng.randrange(600))).isoformat()
        )
        text = f"{int(value):,}"
        rows.append(
            ClaimRow(
                id=i + 1,
                article_id=f"a{rng.randrange(n // 2)}",
                start=0,
                end=len(text),
                text=text,
                value=value,
                low=None,
                high=None,
                bound=rng.choice((None, "about", "more than")),
                unit=None,
                what=what,
                claimant=rng.choice((None, "the ministry", "an analyst")),
                hedge=None,
                outlet=rng.choice(("Wire", "Ledger")),
                published=published,
                context=f"Officials said {text} {what.lower()} were there.\nA title",
            )
        )
    return rows


@pytest.mark.issue(13)
@pytest.mark.parametrize("seed", range(8))
def test_groups_match_the_member_by_member_rule(seed: int) -> None:
    rows = _random_claims(seed, 400)
    got = [[v.claim_id for v in g.values] for g in group_claims(rows)]
    assert got == _groups_by_members(rows)
    assert max(len(g) for g in got) > 5  # the claims do chain into groups
