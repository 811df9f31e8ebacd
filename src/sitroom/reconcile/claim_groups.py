"""Group numeric claims about one referent across articles; tell timelines from contradictions.

Method (also in docs/events.md):

1. Referent. Each claim's ``what`` is normalized (``normalize_what``: case-fold, drop function
   words, crude lemma, synonyms folded: soldiers/forces -> troop). Nationality words and
   capitals in it name *whom* it is about ("north korean" -> KP); when the phrase names none,
   the nationality nearest the number in its sentence (else the title) does. The counted
   noun is the head; the other content words (places, kinds, named things) are modifiers.
   A claim whose number is part of a name ("Nord Stream 2") is not a count and never groups.
2. Groups. Claims join when unit, head and nationality are equal, their modifiers are
   compatible (one set inside the other: "troops" fits "troops in Kursk", "troops in Kursk"
   does not fit "troops in Kherson") and they are within WINDOW_DAYS of a member. A generic
   head with no qualifier at all ("troops", "people") groups only inside its own article:
   across articles it is a different army or crowd each time.
3. Verdict. Each value becomes an interval from its bound: exact v -> v±ROUNDING, "about" ->
   v±APPROX, "more than/at least" -> [v, inf), "up to/fewer than" -> [0, v], a range ->
   [low, high]. Two values contradict when their intervals are disjoint, they come from
   different independent sources (claimant, else outlet, else article; copies of one
   sentence count once), they describe the same moment (within SAME_TIME_DAYS, or
   undated) and are less than MAX_RATIO apart. A dated series that moves one way is a
   timeline: its values more than LAG_DAYS apart never contradict each other. ``ClaimGroup.kind`` says which: contradiction, timeline,
   agreement (the values fit) or one_source (one source gives several figures).
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import math
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sitroom.nlp.places.gazetteer import load_nationalities
from sitroom.reconcile.actors import canonical_actor
from sitroom.records.reconciled import ClaimGroup, ClaimRow, ClaimValue

__all__ = ["group_claims", "normalize_what"]

# A group chains reports at most this far apart: troop-count estimates are revised over
# months, and the chart shows such a figure as a timeline.
WINDOW_DAYS = 120
# Two reports this close in date describe the same moment: the event plus a day or two of
# reporting lag (the same window as reconcile.event_clusters.DATE_WINDOW_DAYS).
SAME_TIME_DAYS = 3
# Reports at most this far apart are the same moment whatever the trend (publication lag);
# further apart inside SAME_TIME_DAYS, a series that moves one way is a timeline.
LAG_DAYS = 1
# Counted nouns that say nothing about whose or which: across articles, "troops" or
# "people" with no nationality or modifier is a different army or crowd each time
# (issue 10: "soldiers" pooled 91 values from 0.25 to a billion).
GENERIC_HEADS = frozenset(
    {
        "troop", "people", "person", "civilian", "men", "women", "child", "children",
        "member", "official", "resident", "time", "year", "month", "week", "day", "hour",
        "country", "countrie", "nation", "state", "citie", "city", "percent", "unit", "thing",
        "case", "other", "partie", "party",
    }
)  # fmt: skip
# Counts of what happened in one event (a strike's dead, a night's drones): the country near
# the number is as often the attacker as the victim, so only a nationality in the counted
# phrase itself qualifies them, and bare they group inside one article only.
EVENT_HEADS = frozenset(
    {"people", "person", "civilian", "men", "women", "child", "children", "resident","killed", "injured", "casualtie", "casualty", "drone", "missile", "rocket", "shell",
     "strike", "attack", "victim", "body", "dead", "wounded", "hostage", "prisoner"}
)  # fmt: skip
# Words of a counted phrase that say nothing about which thing: "the number of soldiers".
NOISE_MODS = frozenset({"number", "total", "figure", "estimate", "count", "tally", "overall"})
# "Nord Stream 2", "Minsk 2", "Patriot 3": a small integer right after a capitalized word
# is part of a name, not a count.
NUMBERED_NAME_MAX = 100
# Values more than this factor apart are about different things (a deployment and its
# losses, a unit and an army) far more often than a dispute: the sample's real dispute
# spans 3,000-12,000, a factor 4. Such pairs are never called a contradiction.
MAX_RATIO = 10.0
# A nationality right after one of these words is where the counted thing is, not whose
# ("150,000 soldiers around Ukraine", "troops sent to Russia").
LOCATIVE_WORDS = frozenset(
    {"to", "in", "into", "near", "around", "along", "on", "at", "inside", "towards",
     "toward", "across", "against", "surrounding", "within", "outside", "off", "encircling",
     "with", "border", "borders"}
)  # fmt: skip
# A nationality right before one of these is a place too ("along the Ukrainian border").
PLACE_NOUNS = frozenset(
    {"border", "borders", "frontier", "territory", "soil", "side", "coast", "region",
     "city", "cities", "capital", "airspace", "waters"}
)  # fmt: skip
# Claimants that name no source: the claim falls back to its outlet, else its article.
PRONOUNS = frozenset(
    {"i", "we", "he", "she", "they", "it", "you", "who", "which", "that", "this", "these",
     "those", "latest", "officials", "official", "sources", "source", "reports", "report",
     "one", "some", "others", "media", "experts", "analysts"}
)  # fmt: skip
# Two-letter country abbreviations that load_nationalities skips (it keeps names > 2 letters).
SHORT_COUNTRIES = {"us": "US", "uk": "GB"}
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


@dataclass(frozen=True, slots=True)
class _Referent:
    """What a claim counts, about whom and where."""

    unit: str | None
    head: str
    who: frozenset[str]  # ISO2 codes of the nationalities named
    mods: frozenset[str]  # other content words: places, kinds, named things
    local: str | None  # the article id, for a generic head without any qualifier


def _nationalities(words: list[str]) -> tuple[set[str], set[int]]:
    """ISO2 codes named in normalized words (1-3 word names), and the word positions used."""
    names = load_nationalities()
    found: set[str] = set()
    used: set[int] = set()
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            phrase = " ".join(words[i : i + n])
            iso = SHORT_COUNTRIES.get(phrase) if n == 1 else None
            if iso is None and phrase in names:
                iso = names[phrase][0]
            if iso is not None and len(words[i : i + n]) == n:
                found.add(iso)
                used.update(range(i, i + n))
                i += n
                break
        else:
            i += 1
    return found, used


def _next_word(text: str) -> str:
    """The next word of a text, past a possessive: "'s border, ..." -> "border"."""
    m = re.match(r"(?:['\u2019]s\b)?\W*([a-z]+)", text)
    return m[1] if m else ""


def _context_nationality(context: str | None, claim_text: str) -> set[str]:
    """The nationality nearest a claim in its sentence (else in the title), as ISO2.

    Qualifies a bare what: "North Korea has deployed approximately 11,000 troops" -> KP.
    Countries, demonyms and capitals count ("Pyongyang" -> KP).
    """
    if not context:
        return set()
    nationalities = load_nationalities()
    sentence, _, title = context.partition("\n")
    for text in (sentence, title):
        low = text.casefold()
        at = low.find(claim_text.casefold())
        at = at if at >= 0 else len(low)
        hits = [
            (abs(m.start() - at), m.start() > at, iso)
            for name, (iso, _) in nationalities.items()
            if name in low
            for m in re.finditer(rf"\b{re.escape(name)}\b", low)
            if not set(low[: m.start()].split()[-1:]) & LOCATIVE_WORDS
            and _next_word(low[m.end() :]) not in PLACE_NOUNS
        ]
        if hits:
            return {min(hits)[2]}
    return set()


def _not_a_count(row: ClaimRow) -> bool:
    """True when the number counts nothing: part of a name ("Nord Stream 2"), an ordinal
    ("the 82nd Airborne"), or a fraction of a count ("more than a quarter" of the troops)."""
    value = row.value if row.value is not None else row.low
    if value is None:
        return False
    if value < 1 and row.unit is None:
        return True
    sentence = (row.context or "").partition("\n")[0]
    at = sentence.find(row.text)
    if at >= 0 and sentence[at + len(row.text) : at + len(row.text) + 1].isalpha():
        return True
    if at <= 0 or value >= NUMBERED_NAME_MAX or not float(value).is_integer():
        return False
    before = sentence[:at].split()
    return bool(before) and before[-1][:1].isupper() and len(before) > 1


def _referent(row: ClaimRow, inherited: frozenset[str] | None) -> _Referent | None:
    words = normalize_what(row.what).split()
    if not words:
        return None
    who, used = _nationalities(words)
    rest = [w for i, w in enumerate(words) if i not in used]
    if not rest:  # "Russians": the nationality is what is counted
        rest = ["people"]
    known = [w for w in rest if w in SYNONYMS.values()]
    head = known[0] if known else rest[-1]
    mods = frozenset(w for w in rest if w != head and w not in NOISE_MODS)
    if not who and inherited:
        who = set(inherited)
    elif not who and head not in EVENT_HEADS:
        who = _context_nationality(row.context, row.text)
    generic = (head in GENERIC_HEADS or head in EVENT_HEADS) and not who and not mods
    return _Referent(
        unit=row.unit,
        head=head,
        who=frozenset(who),
        mods=mods,
        local=row.article_id if generic else None,
    )


def _referents(rows: list[ClaimRow]) -> dict[int, _Referent]:
    """Each claim's referent; inside one article a bare head means the one first qualified.

    Why: an article introduces its main figure with its nationality ("North Korea sent
    10,000 troops") and later figures of the same thing drop it ("an earlier estimate of
    3,000 troops"), while the sentence may name other countries nearer the number.
    """
    first: dict[tuple[str, str], frozenset[str]] = {}
    out: dict[int, _Referent] = {}
    for row in sorted(rows, key=lambda r: (r.article_id, r.start, r.id)):
        words = normalize_what(row.what).split()
        explicit, _ = _nationalities(words)
        inherited = first.get((row.article_id, words[-1])) if len(words) == 1 else None
        ref = _referent(row, inherited)
        if ref is None:
            continue
        out[row.id] = ref
        if ref.who and (explicit or ref.head not in EVENT_HEADS):
            first.setdefault((row.article_id, words[-1]), ref.who)
    return out


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

    def add(self, row: ClaimRow, ref: _Referent) -> None:
        self.members.append(row)
        self.mods.add(ref.mods)
        if (day := _day(row.published)) is not None:
            bisect.insort(self.days, day.toordinal())

    def fits(self, row: ClaimRow, ref: _Referent) -> bool:
        """Modifiers compatible with every member's, and within WINDOW_DAYS of a dated one."""
        if not all(ref.mods <= mods or mods <= ref.mods for mods in self.mods):
            return False
        day = _day(row.published)
        if day is None or not self.days:
            return True
        at = bisect.bisect_left(self.days, day.toordinal())
        near = self.days[max(at - 1, 0) : at + 1]
        return min(abs(day.toordinal() - d) for d in near) <= WINDOW_DAYS


def _sources(rows: list[ClaimRow]) -> dict[int, str]:
    """Independent source of each claim: claimant, else outlet, else article.

    Copies of one sentence (a syndicated or near-duplicate article) count once: the first
    claim of that sentence and value lends its source to the others.
    """
    seen: dict[tuple[str, float], str] = {}
    out: dict[int, str] = {}
    for row in sorted(rows, key=lambda r: r.id):
        claimant = _claimant(row)
        base = (claimant or row.outlet or f"article:{row.article_id}").casefold()
        sentence = " ".join((row.context or "").partition("\n")[0].split()).casefold()
        key = (sentence, _magnitude(row))
        out[row.id] = seen.setdefault(key, base) if sentence else base
    return out


def _claimant(row: ClaimRow) -> str | None:
    if not row.claimant or row.claimant.casefold() in PRONOUNS:
        return None
    return canonical_actor(row.claimant)


def _monotone(rows: list[ClaimRow]) -> bool:
    """True when the dated values, day by day (median per day), move one way only."""
    by_day: dict[date, list[float]] = defaultdict(list)
    for row in rows:
        if (day := _day(row.published)) is not None:
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


def _verdict(rows: list[ClaimRow], *, local: bool = False) -> tuple[str, str | None]:
    """The group's kind and a one-line note naming the values behind it.

    A ``local`` group (a bare generic head inside one article: "people", "troops") has no
    known referent, so its differing figures are never a contradiction.
    """
    sources = _sources(rows)
    monotone = _monotone(rows)
    spans = [(r, _interval(r), _day(r.published)) for r in rows]
    for i, (a, ia, da) in enumerate(spans):
        for b, ib, db in spans[i + 1 :]:
            if local or sources[a.id] == sources[b.id] or not (ia[1] < ib[0] or ib[1] < ia[0]):
                continue
            small, big = sorted((_stated(a), _stated(b)))
            if small == 0 or big / small > MAX_RATIO:
                continue
            # Inside one article two figures are a dispute only when two named sources give them.
            if a.article_id == b.article_id and not (_claimant(a) and _claimant(b)):
                continue
            apart = abs((da - db).days) if da is not None and db is not None else 0
            if apart > SAME_TIME_DAYS or (apart > LAG_DAYS and monotone):
                continue
            return "contradiction", f"{_label(a)} vs {_label(b)}"
    moved = any(
        da is not None and db is not None and da != db and (ia[1] < ib[0] or ib[1] < ia[0])
        for i, (_, ia, da) in enumerate(spans)
        for _, ib, db in spans[i + 1 :]
    )
    distinct = {_magnitude(r) for r in rows}
    if moved:
        dated = sorted((r for r in rows if _day(r.published)), key=lambda r: (r.published, r.id))
        return "timeline", f"from {_label(dated[0])} to {_label(dated[-1])}"
    if len(set(sources.values())) == 1 and len(distinct) > 1:
        return "one_source", None
    return "agreement", None


def _group(rows: list[ClaimRow], refs: dict[int, _Referent]) -> ClaimGroup:
    points = [v for r in rows for v in (r.value, r.low, r.high) if v is not None]
    kind, note = _verdict(rows, local=refs[rows[0].id].local is not None)
    # The most specific phrase names the group: "North Korean troops in Kursk" over "troops".
    topic_row = max(
        rows,
        key=lambda r: (
            len(refs[r.id].mods) + bool(_nationalities(normalize_what(r.what).split())[0]),
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
        contradiction=kind == "contradiction",
        note=note,
        kind=kind,
    )


def group_claims(rows: Iterable[ClaimRow], *, min_size: int = 2) -> list[ClaimGroup]:
    """Claims about one referent, grouped; groups smaller than ``min_size`` are dropped.

    Greedy, in date order: a claim joins the first group of its bucket (unit, head,
    nationality, article for a bare generic head) whose members it all fits.
    """
    usable = [
        r
        for r in rows
        if r.what and any(v is not None for v in (r.value, r.low, r.high)) and not _not_a_count(r)
    ]
    refs = _referents(usable)
    buckets: dict[tuple[str | None, str, frozenset[str], str | None], list[int]] = defaultdict(list)
    forming: list[_Forming] = []
    # Specific claims first within a day, so a bare "troops" joins the group it fits.
    for row in sorted(
        usable,
        key=lambda r: (r.published or "", -len(refs[r.id].mods) if r.id in refs else 0, r.id),
    ):
        ref = refs.get(row.id)
        if ref is None:
            continue
        bucket = buckets[(ref.unit, ref.head, ref.who, ref.local)]
        home = next((i for i in bucket if forming[i].fits(row, ref)), None)
        if home is None:
            home = len(forming)
            bucket.append(home)
            forming.append(_Forming())
        forming[home].add(row, ref)
    groups = [_group(f.members, refs) for f in forming if len(f.members) >= min_size]
    return sorted(groups, key=lambda g: (-len(g.values), g.topic, g.id))
