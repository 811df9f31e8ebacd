"""Group numeric claims about one referent across articles; tell timelines from contradictions.

Method (also in docs/events.md):

1. Referent (``reconcile.referents``). Each claim's ``what`` is normalized (case-fold, drop
   function words, crude lemma, synonyms folded: soldiers/forces -> troop). Nationality words
   and capitals in it name *whom* it is about ("north korean" -> KP); when the phrase names
   none, the state owning the number in its sentence (its subject, else the nearest) does. The
   counted noun is the head; the other content words (places, kinds, named things) are
   modifiers. A number that is part of a name ("Nord Stream 2") is not a count, never grouped.
2. Groups. Claims join when unit, head and nationality are equal, their modifiers are
   compatible (one set inside the other: "troops" fits "troops in Kursk", "troops in Kursk"
   does not fit "troops in Kherson") and they are within WINDOW_DAYS of a member. A generic
   head with no qualifier at all ("troops", "people") groups only inside its own article:
   across articles it is a different army or crowd each time.
3. Verdict. Each value becomes an interval from its bound: exact v -> v±ROUNDING, "about" ->
   v±APPROX, "more than/at least" -> [v, inf), "up to/fewer than" -> [0, v], a range ->
   [low, high]. Two values are compared only when their intervals are disjoint, they come
   from different independent sources (claimant, else outlet, else the article's copy
   family, ``reconcile.sources``), are less than MAX_RATIO apart, and ``_comparable`` finds
   them about one referent (not one article's or one sentence's figures, both owners named,
   no order of magnitude, no change against a level, not two places). Such a pair of the
   same moment (within SAME_TIME_DAYS, or undated) is a contradiction; a dated series that
   moves one way is a timeline: its values more than LAG_DAYS apart never contradict each
   other. ``ClaimGroup.kind`` says which: contradiction, timeline, agreement (the values fit)
   or one_source (one source gives several figures); ``ClaimGroup.pair`` names the two values.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import math
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sitroom.nlp.timex.values import iso_day
from sitroom.reconcile.actors import canonical_actor
from sitroom.reconcile.referents import (
    Referent,
    is_change,
    nationalities_in,
    normalize_what,
    not_a_count,
    placed_in,
    referents,
)
from sitroom.reconcile.sources import SourceRef, copy_families
from sitroom.records.reconciled import ClaimGroup, ClaimRow, ClaimValue

__all__ = ["block_groups", "claim_block", "claim_referents", "group_claims"]

# A group chains reports at most this far apart: troop-count estimates are revised over
# months, and the chart shows such a figure as a timeline.
WINDOW_DAYS = 120
# Two reports this close in date describe the same moment: the event plus a day or two of
# reporting lag (the same window as reconcile.event_clusters.DATE_WINDOW_DAYS).
SAME_TIME_DAYS = 3
# Reports at most this far apart are the same moment whatever the trend (publication lag);
# further apart inside SAME_TIME_DAYS, a series that moves one way is a timeline.
LAG_DAYS = 1
# Values more than this factor apart are about different things (a deployment and its
# losses, a unit and an army) far more often than a dispute: the sample's real dispute
# spans 3,000-12,000, a factor 4. Such pairs are never called a contradiction.
MAX_RATIO = 10.0
# Plural magnitude words ("tens of thousands", "hundreds"): an order of magnitude, which
# no figure contradicts.
_VAGUE = re.compile(r"\b(?:dozens|scores|hundreds|thousands|millions|billions)\b", re.IGNORECASE)
# Claimants that name no source: the claim falls back to its outlet, else its article.
PRONOUNS = frozenset(
    {"i", "we", "he", "she", "they", "it", "you", "who", "which", "that", "this", "these",
     "those", "latest", "officials", "official", "sources", "source", "reports", "report",
     "one", "some", "others", "media", "experts", "analysts"}
)  # fmt: skip
ROUNDING = 0.05  # a plain "10,000" in news is a rounded figure
APPROX = 0.10  # "about", "approximately", "nearly", "some"
LOWER_BOUNDS = frozenset({"at least", "more than", "over", "above", "exceeding", "no fewer than"})
UPPER_BOUNDS = frozenset(
    {"up to", "fewer than", "less than", "under", "at most", "no more than", "below"}
)
APPROX_BOUNDS = frozenset(
    {"approximately", "about", "around", "nearly", "almost", "some", "roughly", "estimated"}
)


def _interval(row: ClaimRow) -> tuple[float, float]:
    if row.low is not None and row.high is not None:
        return row.low, row.high
    v = row.value if row.value is not None else (row.low if row.low is not None else row.high)
    if v is None:
        return -math.inf, math.inf
    bound = (row.bound or "").casefold()
    hedge = (row.hedge or "").casefold()
    if bound in LOWER_BOUNDS:
        return v, math.inf
    if bound in UPPER_BOUNDS:
        return 0.0, v
    tol = APPROX if bound in APPROX_BOUNDS or hedge in APPROX_BOUNDS else ROUNDING
    return v * (1 - tol), v * (1 + tol)


def _magnitude(row: ClaimRow) -> float:
    low, high = _interval(row)
    if math.isinf(high):
        return low
    return (low + high) / 2


def _stated(row: ClaimRow) -> float:
    """The figure as said: the value, else the middle of the range, else the bound."""
    if row.value is not None:
        return abs(row.value)
    if row.low is not None and row.high is not None:
        return abs(row.low + row.high) / 2
    return abs(row.low if row.low is not None else row.high or 0.0)


class _Forming:
    """A group being built, with what ``fits`` asks of its members kept as it grows.

    ``fits`` compares a claim with the distinct modifier sets of the members (few: they form
    a chain under inclusion) and with the nearest member day (a sorted list), instead of
    walking every member, which made grouping quadratic in a group's size (issue 13).
    """

    __slots__ = ("days", "members", "mods")

    def __init__(self) -> None:
        self.members: list[ClaimRow] = []
        self.mods: set[frozenset[str]] = set()
        self.days: list[int] = []  # the members' days, as sorted ordinals

    def add(self, row: ClaimRow, ref: Referent) -> None:
        self.members.append(row)
        self.mods.add(ref.mods)
        if (day := iso_day(row.published)) is not None:
            bisect.insort(self.days, day.toordinal())

    def fits(self, row: ClaimRow, ref: Referent) -> bool:
        """Modifiers compatible with every member's, and within WINDOW_DAYS of a dated one."""
        if not all(ref.mods <= mods or mods <= ref.mods for mods in self.mods):
            return False
        day = iso_day(row.published)
        if day is None or not self.days:
            return True
        at = bisect.bisect_left(self.days, day.toordinal())
        near = self.days[max(at - 1, 0) : at + 1]
        return min(abs(day.toordinal() - d) for d in near) <= WINDOW_DAYS


def _sentence(row: ClaimRow) -> str:
    return (row.context or "").partition("\n")[0]


def _families(rows: list[ClaimRow]) -> dict[str, str]:
    """Article -> its copy family among these claims (``reconcile.sources``): a syndicated or
    re-edited copy repeats the claim's sentence."""
    return copy_families(
        SourceRef(article_id=r.article_id, outlet=r.outlet, sentence=_sentence(r)) for r in rows
    )


def _sources(rows: list[ClaimRow], families: dict[str, str]) -> dict[int, str]:
    """Independent source of each claim: claimant, else outlet, else the article's copy family
    (a syndicated or near-duplicate copy of an article is the same source)."""
    return {
        row.id: (_claimant(row) or row.outlet or f"article:{families[row.article_id]}").casefold()
        for row in rows
    }


def _read_together(rows: list[ClaimRow]) -> set[frozenset[float]]:
    """Pairs of figures some sentence gives side by side ("killing nearly 1,000 a day, and
    5,000 in a single battle"; "of the 150 tickets sold, 15 went to Americans"): its writer
    says they count different things, so the same pair from two articles is no dispute either."""
    by_sentence: dict[tuple[str, str], set[float]] = defaultdict(set)
    for row in rows:
        by_sentence[(row.article_id, _sentence(row))].add(_stated(row))
    return {
        frozenset(pair)
        for figures in by_sentence.values()
        for pair in itertools.combinations(sorted(figures), 2)
    }


def _claimant(row: ClaimRow) -> str | None:
    if not row.claimant or row.claimant.casefold() in PRONOUNS:
        return None
    return canonical_actor(row.claimant)


def _monotone(rows: list[ClaimRow]) -> bool:
    """True when the dated values, day by day (median per day), move one way only."""
    by_day: dict[date, list[float]] = defaultdict(list)
    for row in rows:
        if (day := iso_day(row.published)) is not None:
            by_day[day].append(_magnitude(row))
    series = [statistics.median(by_day[d]) for d in sorted(by_day)]
    if len(series) < 2:
        return False
    steps = list(itertools.pairwise(series))
    return all(a <= b for a, b in steps) or all(a >= b for a, b in steps)


def _label(row: ClaimRow) -> str:
    who = _claimant(row)
    return (
        f"{row.text!r} ({who or row.outlet or row.article_id}, {(row.published or 'undated')[:10]})"
    )


@dataclass(frozen=True, slots=True)
class _Evidence:
    """What decides whether two figures of a group can be compared, computed once per group."""

    families: dict[str, str]
    sources: dict[int, str]
    together: set[frozenset[float]]
    sure: frozenset[int]
    # Per claim, read once rather than once per pair (a group of copies holds thousands).
    placed: dict[int, frozenset[str]]
    change: dict[int, bool]
    interval: dict[int, tuple[float, float]]
    stated: dict[int, float]


def _apart(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two intervals share no value."""
    (low_a, high_a), (low_b, high_b) = a, b
    return high_a < low_b or high_b < low_a


def _moves_between_days(rows: list[ClaimRow], interval: dict[int, tuple[float, float]]) -> bool:
    """Whether two of the rows, published on different days, have disjoint intervals: some
    row's upper end lies below the lower end of a row of another day. Linear: per day its
    lowest upper end, against the highest lower end of any other day."""
    lowest_high: dict[str | None, float] = {}
    highest_low: dict[str | None, float] = {}
    for row in rows:
        low, high = interval[row.id]
        lowest_high[row.published] = min(high, lowest_high.get(row.published, math.inf))
        highest_low[row.published] = max(low, highest_low.get(row.published, -math.inf))
    top = sorted(highest_low.items(), key=lambda item: item[1], reverse=True)[:2]
    for day, high in lowest_high.items():
        other = next((low for d, low in top if d != day), None)
        if other is not None and high < other:
            return True
    return False


def _comparable(a: ClaimRow, b: ClaimRow, evidence: _Evidence) -> bool:
    """Whether two incompatible figures are about one referent, from independent sources:
    a dispute at one moment, a move over time. Each rule below dropped a wrong flag on the
    real news (issue 10)."""
    if evidence.sources[a.id] == evidence.sources[b.id] or not _apart(
        evidence.interval[a.id], evidence.interval[b.id]
    ):
        return False
    small, big = sorted((evidence.stated[a.id], evidence.stated[b.id]))
    if small == 0 or big / small > MAX_RATIO:
        return False
    where_a, where_b = evidence.placed[a.id], evidence.placed[b.id]
    return not (
        # Inside one article (or its copies) differing figures are different things (a part
        # and its whole, a day's toll and a battle's, troops sent and troops on alert): its
        # writer has put them side by side.
        evidence.families[a.article_id] == evidence.families[b.article_id]
        # Whose count it is was guessed (a name near the number): a guess is no dispute.
        or a.id not in evidence.sure
        or b.id not in evidence.sure
        # "Tens of thousands" gives an order of magnitude, not a figure.
        or _VAGUE.search(a.text)
        or _VAGUE.search(b.text)
        # "Increased by 7,000" and "has 100,000" count different things.
        or evidence.change[a.id] != evidence.change[b.id]
        or frozenset((small, big)) in evidence.together
        # Troops "in Belarus" and troops "near Ukraine" are two deployments, not one count.
        or (where_a and where_b and where_a.isdisjoint(where_b))
    )


@dataclass(frozen=True, slots=True)
class _Verdict:
    kind: str
    note: str | None = None
    pair: tuple[int, ...] = ()


def _verdict(
    rows: list[ClaimRow], *, local: bool = False, sure: frozenset[int] = frozenset()
) -> _Verdict:
    """The group's kind, a one-line note naming the values behind it, and their claim ids.

    A ``local`` group (a bare generic head inside one article: "people", "troops") has no
    known referent, so its differing figures are never compared.
    """
    families = _families(rows)
    evidence = _Evidence(
        families=families,
        sources=_sources(rows, families),
        together=_read_together(rows),
        sure=sure,
        placed={r.id: placed_in(r) for r in rows},
        change={r.id: is_change(r) for r in rows},
        interval={r.id: _interval(r) for r in rows},
        stated={r.id: _stated(r) for r in rows},
    )
    monotone = _monotone(rows)
    ordered = sorted(rows, key=lambda r: (r.published or "", r.id))
    pairs = [
        (a, b)
        for i, a in enumerate(ordered)
        for b in ordered[i + 1 :]
        if not local and _comparable(a, b, evidence)
    ]
    for a, b in pairs:
        da, db = iso_day(a.published), iso_day(b.published)
        apart = abs((da - db).days) if da is not None and db is not None else 0
        if apart <= SAME_TIME_DAYS and not (apart > LAG_DAYS and monotone):
            return _Verdict("contradiction", f"{_label(a)} vs {_label(b)}", (a.id, b.id))
    moves = [(a, b) for a, b in pairs if iso_day(a.published) and iso_day(b.published)]
    if moves:
        first = min(moves, key=lambda p: (p[0].published or "", p[0].id))[0]
        last = max(moves, key=lambda p: (p[1].published or "", p[1].id))[1]
        if first is not last and _apart(evidence.interval[first.id], evidence.interval[last.id]):
            return _Verdict(
                "timeline", f"from {_label(first)} to {_label(last)}", (first.id, last.id)
            )
    dated = [r for r in ordered if iso_day(r.published)]
    if _moves_between_days(dated, evidence.interval):
        # The figure moves, but no two of its values are known to count one thing: shown
        # as a timeline, stated nowhere as a change.
        return _Verdict("timeline", f"from {_label(dated[0])} to {_label(dated[-1])}")
    distinct = {_magnitude(r) for r in rows}
    if len(set(evidence.sources.values())) == 1 and len(distinct) > 1:
        return _Verdict("one_source")
    return _Verdict("agreement")


def _group(rows: list[ClaimRow], refs: Mapping[int, Referent]) -> ClaimGroup:
    points = [v for r in rows for v in (r.value, r.low, r.high) if v is not None]
    verdict = _verdict(
        rows,
        local=refs[rows[0].id].local is not None,
        sure=frozenset(r.id for r in rows if refs[r.id].sure),
    )
    # The most specific phrase names the group: "North Korean troops in Kursk" over "troops".
    topic_row = max(
        rows,
        key=lambda r: (
            len(refs[r.id].mods) + bool(nationalities_in(normalize_what(r.what).split())[0]),
            -r.id,
        ),
    )
    key = "|".join(str(r.id) for r in sorted(rows, key=lambda r: r.id))
    return ClaimGroup(
        id=hashlib.sha256(key.encode()).hexdigest()[:12],
        topic=topic_row.what or normalize_what(topic_row.what),
        unit=rows[0].unit,
        values=tuple(
            ClaimValue(
                claim_id=r.id,
                article_id=r.article_id,
                start=r.start,
                end=r.end,
                text=r.text,
                value=r.value,
                low=r.low,
                high=r.high,
                bound=r.bound,
                what=r.what,
                claimant=r.claimant,
                hedge=r.hedge,
                outlet=r.outlet,
                published=r.published,
            )
            for r in sorted(rows, key=lambda r: (r.published or "", r.id))
        ),
        low=min(points),
        high=max(points),
        spread=max(points) - min(points),
        contradiction=verdict.kind == "contradiction",
        note=verdict.note,
        kind=verdict.kind,
        pair=verdict.pair,
    )


def group_claims(rows: Iterable[ClaimRow], *, min_size: int = 2) -> list[ClaimGroup]:
    """Claims about one referent, grouped; groups smaller than ``min_size`` are dropped.

    Greedy, in date order: a claim joins the first group of its bucket (unit, head,
    nationality, article for a bare generic head) whose members it all fits.
    """
    usable = _usable(rows)
    found = block_groups(usable, referents(usable), min_size=min_size)
    return sorted((g for _, g in found), key=lambda g: (-len(g.values), g.topic, g.id))


def _usable(rows: Iterable[ClaimRow]) -> list[ClaimRow]:
    return [
        r
        for r in rows
        if r.what and any(v is not None for v in (r.value, r.low, r.high)) and not not_a_count(r)
    ]


def claim_referents(rows: Iterable[ClaimRow]) -> dict[int, Referent]:
    """The referent of each claim that counts something, by claim id.

    A claim's referent depends on its own article's claims only (``referents``), so the
    referents of new articles are computed from those articles alone.
    """
    return referents(_usable(rows))


def claim_block(ref: Referent) -> str:
    """The bucket a claim is grouped in, as a string: unit, head, nationalities, article."""
    return json.dumps([ref.unit, ref.head, sorted(ref.who), ref.local], ensure_ascii=False)


def block_groups(
    rows: Iterable[ClaimRow], refs: Mapping[int, Referent], *, min_size: int = 2
) -> list[tuple[str, ClaimGroup]]:
    """Each group of ``min_size`` or more claims, with its bucket (``claim_block``).

    A bucket's groups depend on its own claims only: an incremental reconcile regroups the
    buckets that new claims fall in, whole, and gets what a full one gets.
    """
    buckets: dict[tuple[str | None, str, frozenset[str], str | None], list[int]] = defaultdict(list)
    forming: list[_Forming] = []
    # Specific claims first within a day, so a bare "troops" joins the group it fits.
    for row in sorted(
        (r for r in rows if r.id in refs),
        key=lambda r: (r.published or "", -len(refs[r.id].mods), r.id),
    ):
        ref = refs[row.id]
        bucket = buckets[(ref.unit, ref.head, ref.who, ref.local)]
        home = next((i for i in bucket if forming[i].fits(row, ref)), None)
        if home is None:
            home = len(forming)
            bucket.append(home)
            forming.append(_Forming())
        forming[home].add(row, ref)
    return [
        (claim_block(refs[f.members[0].id]), _group(f.members, refs))
        for f in forming
        if len(f.members) >= min_size
    ]
