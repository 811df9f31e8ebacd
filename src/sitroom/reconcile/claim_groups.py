"""Group numeric claims about the same counted thing across articles and flag contradictions.

Method (also in docs/events.md):

1. Normalize each claim's ``what``: case-fold, drop determiners and function words, crude
   lemma (plural -s), fold synonyms (soldiers/forces/personnel -> troop). The last content
   word is the head ("north korean troop in russia" -> head "troop" ... modifiers).
2. Claims are compared only inside a bucket of (unit, head). Two claims join when the
   rapidfuzz ``token_set_ratio`` of their normalized phrases reaches SIMILARITY and they
   share at least MIN_SHARED_TOKENS words (so a bare "troops" does not glue every army
   together), and their articles are within WINDOW_DAYS. Groups are the connected
   components (single link).
3. Each value becomes an interval from its bound: exact v -> v±ROUNDING, "about" ->
   v±APPROX, "more than/at least" -> [v, inf), "up to/fewer than" -> [0, v], a range -> [low, high].
   A group is a contradiction when two claims from different sources (claimant, else
   article) have disjoint intervals. The spread is max - min of the stated values.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from sitroom.records.reconciled import ClaimGroup, ClaimRow, ClaimValue

__all__ = ["group_claims", "normalize_what"]

SIMILARITY = 85.0  # rapidfuzz token_set_ratio, 0..100; set by hand on invented pairs
MIN_SHARED_TOKENS = 2
WINDOW_DAYS = 120
MAX_QUALIFIERS = 1  # the first nationality named; more would mix "Russian and Ukrainian troops"  # troop-count estimates are revised over months, not days
ROUNDING = 0.05  # a plain "10,000" in news is a rounded figure
APPROX = 0.10  # "about", "approximately", "nearly", "some"
LOWER_BOUNDS = frozenset({"at least", "more than", "over", "above", "exceeding", "no fewer than"})
UPPER_BOUNDS = frozenset(
    {"up to", "fewer than", "less than", "under", "at most", "no more than", "below"}
)
APPROX_BOUNDS = frozenset(
    {"approximately", "about", "around", "nearly", "almost", "some", "roughly", "estimated"}
)
STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "and",
        "or",
        "about",
        "some",
        "more",
        "than",
        "up",
        "least",
        "nearly",
        "around",
        "approximately",
        "over",
        "its",
        "their",
        "his",
        "her",
        "this",
        "that",
        "these",
        "those",
        "who",
        "which",
        "were",
        "was",
        "be",
        "been",
        "being",
        "is",
        "are",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "may",
        "might",
    ]
)
SYNONYMS = {
    "soldier": "troop",
    "force": "troop",
    "personnel": "troop",
    "fighter": "troop",
    "serviceman": "troop",
    "servicemen": "troop",
    "military": "troop",
    "drones": "drone",
    "uav": "drone",
    "korea": "korean",
    "dead": "killed",
    "death": "killed",
    "casualty": "casualty",
    "wounded": "injured",
}


def normalize_what(what: str | None) -> str:
    """'North Korean soldiers in Russia' -> 'north korean troop russia'."""
    words = re.findall(r"[a-z0-9]+", (what or "").casefold())
    out = []
    for word in words:
        if word in STOPWORDS:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(SYNONYMS.get(word, word))
    return " ".join(out)


def _qualifiers(context: str | None, claim_text: str) -> list[str]:
    """The nationality nearest a claim in its sentence (else in the title), as a demonym.

    Qualifies a bare what: "North Korea has deployed approximately 11,000 troops" ->
    "north korean troops". Countries, demonyms and capitals count ("Pyongyang" -> North Korea).
    """
    if not context:
        return []
    from sitroom.nlp.places.gazetteer import load_nationalities

    nationalities = load_nationalities()
    sentence, _, title = context.partition("\n")
    for text in (sentence, title):
        low = text.casefold()
        at = low.find(claim_text.casefold())
        at = at if at >= 0 else len(low)
        hits = [
            (abs(m.start() - at), demonym)
            for name, (_, demonym) in nationalities.items()
            if name in low
            for m in re.finditer(rf"\b{re.escape(name)}\b", low)
        ]
        if hits:
            return [min(hits)[1]]
    return []


def _normalized(row: ClaimRow) -> str:
    norm = normalize_what(row.what)
    if len(norm.split()) == 1:
        norm = normalize_what(" ".join([*_qualifiers(row.context, row.text), row.what or ""]))
    return norm


def _article_consistent(rows: list[ClaimRow], norms: dict[int, str]) -> dict[int, str]:
    """Inside one article a bare "troops" means the troops the article first qualified.

    Why: an article introduces its main figure with its nationality ("North Korea sent
    10,000 troops") and later figures of the same thing drop it ("an earlier estimate of
    3,000 troops"), while the sentence may name other countries nearer the number.
    """
    first: dict[tuple[str, str], str] = {}
    for r in sorted(rows, key=lambda r: (r.article_id, r.start)):
        words = norms[r.id].split()
        if len(words) > 1:
            first.setdefault((r.article_id, words[-1]), norms[r.id])
    out = dict(norms)
    for r in rows:
        if len(normalize_what(r.what).split()) == 1:
            out[r.id] = first.get((r.article_id, normalize_what(r.what)), norms[r.id])
    return out


def _head(norm: str) -> str:
    # The counted noun usually comes first after modifiers: pick the first synonym-folded noun
    # we know, else the last word of the phrase's first three.
    words = norm.split()
    known = next((w for w in words if w in SYNONYMS.values()), None)
    return known or (words[min(2, len(words) - 1)] if words else "")


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


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


@lru_cache(maxsize=65_536)
def _similar(na: str, nb: str) -> bool:
    # Cached: a large store repeats the same few what-phrases thousands of times.
    if len(set(na.split()) & set(nb.split())) < min(
        MIN_SHARED_TOKENS, len(na.split()), len(nb.split())
    ):
        return False
    return fuzz.token_set_ratio(na, nb) >= SIMILARITY


def _joins(a: ClaimRow, b: ClaimRow, na: str, nb: str) -> bool:
    if not _similar(na, nb):
        return False
    da, db = _day(a.published), _day(b.published)
    return da is None or db is None or abs((da - db).days) <= WINDOW_DAYS


def _candidate_pairs(bucket: list[ClaimRow]) -> Iterator[tuple[ClaimRow, ClaimRow]]:
    """Pairs that the date window allows: dated rows in date order stop at the window's
    edge; undated rows pair with everything (``_joins`` lets them through)."""
    dated = sorted((r for r in bucket if _day(r.published)), key=lambda r: (_day(r.published), r.id))
    undated = [r for r in bucket if not _day(r.published)]
    for i, a in enumerate(dated):
        day_a = _day(a.published)
        for b in dated[i + 1 :]:
            if (_day(b.published) - day_a).days > WINDOW_DAYS:  # type: ignore[operator]
                break
            yield a, b
    for i, a in enumerate(undated):
        for b in undated[i + 1 :] + dated:
            yield a, b


def _source(row: ClaimRow) -> str:
    return (row.claimant or f"article:{row.article_id}").casefold()


def _contradiction(rows: list[ClaimRow]) -> tuple[bool, str | None]:
    spans = [(r, _interval(r)) for r in rows]
    for i, (a, ia) in enumerate(spans):
        for b, ib in spans[i + 1 :]:
            if _source(a) != _source(b) and (ia[1] < ib[0] or ib[1] < ia[0]):
                return (
                    True,
                    f"{a.text!r} ({a.claimant or a.outlet or a.article_id}) vs {b.text!r} ({b.claimant or b.outlet or b.article_id})",
                )
    return False, None


def _group(rows: list[ClaimRow], norms: dict[int, str]) -> ClaimGroup:
    points = [v for r in rows for v in (r.value, r.low, r.high) if v is not None]
    contradiction, note = _contradiction(rows)
    topic = min((norms[r.id] for r in rows), key=lambda n: (len(n.split()), n))
    key = "|".join(str(r.id) for r in sorted(rows, key=lambda r: r.id))
    return ClaimGroup(
        id=hashlib.sha256(key.encode()).hexdigest()[:12],
        topic=next((r.what for r in rows if r.what and normalize_what(r.what) == topic), topic),
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
        contradiction=contradiction,
        note=note,
    )


def group_claims(rows: Iterable[ClaimRow], *, min_size: int = 2) -> list[ClaimGroup]:
    """Connected components of similar claims; groups smaller than ``min_size`` are dropped."""
    usable = [r for r in rows if r.what and any(v is not None for v in (r.value, r.low, r.high))]
    norms = _article_consistent(usable, {r.id: _normalized(r) for r in usable})
    buckets: dict[tuple[str | None, str], list[ClaimRow]] = defaultdict(list)
    for r in usable:
        if norms[r.id]:
            buckets[(r.unit, _head(norms[r.id]))].append(r)
    parent = {r.id: r.id for r in usable}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for bucket in buckets.values():
        for a, b in _candidate_pairs(bucket):
            if find(a.id) != find(b.id) and _joins(a, b, norms[a.id], norms[b.id]):
                parent[find(a.id)] = find(b.id)
    comps: dict[int, list[ClaimRow]] = defaultdict(list)
    for r in usable:
        if norms[r.id]:
            comps[find(r.id)].append(r)
    groups = [_group(c, norms) for c in comps.values() if len(c) >= min_size]
    return sorted(groups, key=lambda g: (-len(g.values), g.topic))
