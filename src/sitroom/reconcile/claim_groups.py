"""Group numeric claims about one referent across articles; tell timelines from contradictions.

Method (also in docs/events.md):

1. Referent. Each claim's ``what`` is normalized (``normalize_what``: case-fold, drop function
   words, crude lemma, synonyms folded: soldiers/forces -> troop). Nationality words and
   capitals in it name *whom* it is about ("north korean" -> KP); when the phrase names none,
   the state owning the number in its sentence (its subject, else the nearest) does. The counted
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

import hashlib
import itertools
import math
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sitroom.nlp.places.gazetteer import load_nationalities
from sitroom.reconcile.actors import canonical_actor
from sitroom.reconcile.sources import SourceRef, copy_families
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
# A state named in a sentence's first words is its subject ("Russia - which denied planning
# to invade Ukraine - has massed 100,000 troops"): it owns the count, not the nearest name.
SUBJECT_WORDS = 3
# A full stop with no space after it, before a capital: two sentences glued together.
_GLUED_STOP = re.compile(r"(?<=[a-z0-9)\u201d\"])\.(?=[A-Z])")
# Plural magnitude words ("tens of thousands", "hundreds"): an order of magnitude, which
# no figure contradicts.
_VAGUE = re.compile(r"\b(?:dozens|scores|hundreds|thousands|millions|billions)\b", re.IGNORECASE)
# Words next to a figure that make it a change, not a level: "by 7,000", "another 7,000",
# "3,000 more troops".
CHANGE_BEFORE = frozenset({"by", "another", "additional", "next", "extra", "further", "new"})
CHANGE_AFTER = frozenset({"more", "additional", "extra", "fewer", "new"})
# Reporting verbs: the state after one ("Japan said North Korea had ...") owns the count.
_REPORTING = re.compile(
    r"\b(?:said|says|say|claimed|claims|reported|reports|estimated|estimates|told|believes"
    r"|according to)\b(?: that)?\s*"
)
# Institutions that stand for their state in war reporting, as a capital does.
METONYMS = {"kremlin": "RU", "pentagon": "US", "white house": "US", "downing street": "GB"}
# "Russia's more than 100,000 troops": a possessive owns a count that starts within this
# many characters after it; further on, it owns something else ("Russia's potential invasion").
POSSESSIVE_REACH = 24
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
# Dotted two-letter abbreviations ("U.S.", "U.K.") read as one word ("us", "uk"): split at the
# dots, "U.S. troops" had no nationality and took the sentence's other country (issue 10).
_DOTTED = re.compile(r"\b([a-z])\.([a-z])\.")
# Counted nouns that belong to no country: "30 countries", "two times", "5 percent". A
# nationality elsewhere in the sentence or article says nothing about which ones (the real
# news put "the alliance of 30 countries" and "a hundred countries" in one Ukrainian group).
UNOWNED_HEADS = frozenset(
    {"country", "countrie", "nation", "state", "citie", "city", "time", "year", "month",
     "week", "day", "hour", "percent", "unit", "thing", "case", "other", "partie", "party"}
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
    "drones": "drone",
    "uav": "drone",
    "korea": "korean",
    "dead": "killed",
    "death": "killed",
    "casualty": "casualty",
    "wounded": "injured",
}


def normalize_what(what: str | None) -> str:
    """'North Korean soldiers in Russia' -> 'north korean troop russia'; 'U.S. troops' -> 'us troop'."""
    words = re.findall(r"[a-z0-9]+", _DOTTED.sub(r"\1\2", (what or "").casefold()))
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
    # ``who`` is named by the counted phrase or the sentence's subject, not guessed from a
    # name near the number or from the article's other figures: only such claims contradict.
    sure: bool = field(default=True, compare=False)


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


def _state_names() -> dict[str, str]:
    """Names that stand for a state, lower-cased -> ISO2: nationalities, capitals, METONYMS."""
    return {**{name: iso for name, (iso, _) in load_nationalities().items()}, **METONYMS}


def _context_nationality(
    context: str | None, claim_text: str, *, subject_only: bool = False
) -> set[str]:
    """The state that owns a claim's count in its sentence, as ISO2: the subject (a name in
    the first SUBJECT_WORDS words, before the number), else the name nearest the number
    (``subject_only``: the subject or nothing).

    Qualifies a bare what: "North Korea has deployed approximately 11,000 troops" -> KP.
    Countries, demonyms, capitals and METONYMS count ("Pyongyang" -> KP, "the Kremlin" ->
    RU); places ("near Ukraine") do not.
    The title is not read: real news rarely has one, and the first line standing in for it
    named the wrong army ("127,000 soldiers" under a lead about Ukraine).
    """
    low = (context or "").partition("\n")[0].casefold()
    at = low.find(claim_text.casefold())
    at = at if at >= 0 else len(low)
    hits = [
        (abs(m.start() - at), m.start() > at, iso, m.start())
        for name, iso in _state_names().items()
        if name in low
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", low)
        if not _names_a_place(low, m.start(), m.end()) and not _owns_other(low, m.end(), at)
    ]
    # "Japan said North Korea had 9,500 soldiers": the subject of the reported clause.
    base = max((m.end() for m in _REPORTING.finditer(low, 0, at)), default=0)
    opening = base + len(" ".join(low[base:].split()[:SUBJECT_WORDS])) + 1
    subjects = [h for h in hits if base <= h[3] < min(opening, at)]
    if subjects:
        return {min(subjects, key=lambda h: h[3])[2]}
    return {min(hits)[2]} if hits and not subject_only else set()


def _own_sentence(row: ClaimRow) -> str:
    """The claim's sentence, cut also where the text lost a space ("140,000.In turn, ...")."""
    sentence = (row.context or "").partition("\n")[0]
    at = max(sentence.find(row.text), 0)
    cuts = [m.end() for m in _GLUED_STOP.finditer(sentence)]
    lo = max((c for c in cuts if c <= at), default=0)
    hi = min((c for c in cuts if c > at), default=len(sentence))
    return sentence[lo:hi]


def _is_change(row: ClaimRow) -> bool:
    """Whether a figure is a change ("increased by 7,000", "3,000 more troops", "the next
    7,000"), not a level."""
    low = _own_sentence(row).casefold()
    at = low.find(row.text.casefold())
    if at < 0:
        return False
    before = low[:at].split()[-1:]
    after = low[at + len(row.text) :].split()[:1]
    return bool(set(before) & CHANGE_BEFORE or set(after) & CHANGE_AFTER)


def _where(row: ClaimRow) -> frozenset[str]:
    """The states a claim's sentence puts the counted thing in ("near Ukraine", "in Belarus")."""
    low = _own_sentence(row).casefold()
    return frozenset(
        iso
        for name, iso in _state_names().items()
        if name in low
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", low)
        if _names_a_place(low, m.start(), m.end())
    )


def _names_a_place(low: str, start: int, end: int) -> bool:
    """Whether the state name at low[start:end] says where rather than whose: after a
    locative word, also down a list ("to Romania, Poland and Germany"), or before a place
    noun ("the Ukrainian border")."""
    nationalities = load_nationalities()
    words = re.findall(r"[\w.'\u2019-]+", low[:start])
    for i in range(len(words) - 1, -1, -1):
        if words[i] in LOCATIVE_WORDS:
            # "according to Estonian services": a source, not a place
            return not (words[i] == "to" and words[i - 1 : i] == ["according"])
        if words[i] not in ("and", "or") and words[i] not in nationalities:
            break
    return _next_word(low[end:]) in PLACE_NOUNS


def _owns_other(low: str, end: int, claim_at: int) -> bool:
    """A possessive that owns something else than the count ("to counter Russia's invasion")."""
    possessive = re.match(r"['\u2019]s\b", low[end:])
    return bool(possessive) and not 0 <= claim_at - end <= POSSESSIVE_REACH


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
    after = sentence[at + len(row.text) : at + len(row.text) + 2] if at >= 0 else ""
    hyphen = bool(after) and after[0] in "-\u2010\u2011" and after[1:].isalpha()
    if after[:1].isalpha() or (hyphen and value < NUMBERED_NAME_MAX):
        # "12th", "a 12-point plan", "10-day": the number qualifies a word ("a 10,000-strong
        # force" still counts one).
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
    sure = bool(who)
    if not who and head not in UNOWNED_HEADS:
        # The sentence's own subject ("The Kremlin has massed 100,000 troops") first, then
        # the article's first qualified figure, then any state named near the number.
        owned = head not in EVENT_HEADS
        subject = owned and _context_nationality(row.context, row.text, subject_only=True)
        sure = bool(subject)
        who = (
            subject
            or set(inherited or ())
            or (owned and _context_nationality(row.context, row.text))
            or set()
        )
    generic = (head in GENERIC_HEADS or head in EVENT_HEADS) and not who and not mods
    return _Referent(
        unit=row.unit,
        head=head,
        who=frozenset(who),
        mods=mods,
        local=row.article_id if generic else None,
        sure=sure,
    )


def _referents(rows: list[ClaimRow]) -> dict[int, _Referent]:
    """Each claim's referent; inside one article a bare head means the one first qualified.

    Why: an article introduces its main figure with its nationality ("North Korea sent
    10,000 troops") and later figures of the same thing drop it ("an earlier estimate of
    3,000 troops"), while the sentence may name other countries nearer the number. An
    article that names two armies ("8,500 U.S. troops" and "Russian troops") leaves a bare
    "troops" unqualified: it may be either.
    """
    named: dict[tuple[str, str], set[frozenset[str]]] = defaultdict(set)
    for row in rows:
        words = normalize_what(row.what).split()
        if words and (explicit := _nationalities(words)[0]):
            named[(row.article_id, words[-1])].add(frozenset(explicit))
    first: dict[tuple[str, str], frozenset[str]] = {}
    out: dict[int, _Referent] = {}
    for row in sorted(rows, key=lambda r: (r.article_id, r.start, r.id)):
        words = normalize_what(row.what).split()
        explicit, _ = _nationalities(words)
        key = (row.article_id, words[-1]) if words else None
        inherited = (
            first.get(key) if key and len(words) == 1 and len(named.get(key, ())) <= 1 else None
        )
        ref = _referent(row, inherited)
        if ref is None:
            continue
        out[row.id] = ref
        if ref.who and ref.sure:  # named by the phrase or the subject, not a guess: passed on
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


def _fits(cluster: list[tuple[ClaimRow, _Referent]], row: ClaimRow, ref: _Referent) -> bool:
    if not all(ref.mods <= r.mods or r.mods <= ref.mods for _, r in cluster):
        return False
    day = _day(row.published)
    days = [d for d in (_day(m.published) for m, _ in cluster) if d is not None]
    return day is None or not days or min(abs((day - d).days) for d in days) <= WINDOW_DAYS


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


@dataclass(frozen=True, slots=True)
class _Evidence:
    """What decides whether two figures of a group can be compared, computed once per group."""

    families: dict[str, str]
    sources: dict[int, str]
    together: set[frozenset[float]]
    sure: frozenset[int]


def _disjoint(a: ClaimRow, b: ClaimRow) -> bool:
    (low_a, high_a), (low_b, high_b) = _interval(a), _interval(b)
    return high_a < low_b or high_b < low_a


def _comparable(a: ClaimRow, b: ClaimRow, evidence: _Evidence) -> bool:
    """Whether two incompatible figures are about one referent, from independent sources:
    a dispute at one moment, a move over time. Each rule below dropped a wrong flag on the
    real news (issue 10)."""
    if evidence.sources[a.id] == evidence.sources[b.id] or not _disjoint(a, b):
        return False
    small, big = sorted((_stated(a), _stated(b)))
    if small == 0 or big / small > MAX_RATIO:
        return False
    where_a, where_b = _where(a), _where(b)
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
        or _is_change(a) != _is_change(b)
        or frozenset((_stated(a), _stated(b))) in evidence.together
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
        da, db = _day(a.published), _day(b.published)
        apart = abs((da - db).days) if da is not None and db is not None else 0
        if apart <= SAME_TIME_DAYS and not (apart > LAG_DAYS and monotone):
            return _Verdict("contradiction", f"{_label(a)} vs {_label(b)}", (a.id, b.id))
    moves = [(a, b) for a, b in pairs if _day(a.published) and _day(b.published)]
    if moves:
        first = min(moves, key=lambda p: (p[0].published or "", p[0].id))[0]
        last = max(moves, key=lambda p: (p[1].published or "", p[1].id))[1]
        if first is not last and _disjoint(first, last):
            return _Verdict(
                "timeline", f"from {_label(first)} to {_label(last)}", (first.id, last.id)
            )
    dated = [r for r in ordered if _day(r.published)]
    if any(_disjoint(a, b) and a.published != b.published for a in dated for b in dated):
        # The figure moves, but no two of its values are known to count one thing: shown
        # as a timeline, stated nowhere as a change.
        return _Verdict("timeline", f"from {_label(dated[0])} to {_label(dated[-1])}")
    distinct = {_magnitude(r) for r in rows}
    if len(set(evidence.sources.values())) == 1 and len(distinct) > 1:
        return _Verdict("one_source")
    return _Verdict("agreement")


def _group(rows: list[ClaimRow], refs: dict[int, _Referent]) -> ClaimGroup:
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
    usable = [
        r
        for r in rows
        if r.what and any(v is not None for v in (r.value, r.low, r.high)) and not _not_a_count(r)
    ]
    refs = _referents(usable)
    buckets: dict[tuple[str | None, str, frozenset[str], str | None], list[int]] = defaultdict(list)
    clusters: list[list[tuple[ClaimRow, _Referent]]] = []
    # Specific claims first within a day, so a bare "troops" joins the group it fits.
    for row in sorted(
        usable,
        key=lambda r: (r.published or "", -len(refs[r.id].mods) if r.id in refs else 0, r.id),
    ):
        ref = refs.get(row.id)
        if ref is None:
            continue
        bucket = buckets[(ref.unit, ref.head, ref.who, ref.local)]
        home = next((i for i in bucket if _fits(clusters[i], row, ref)), None)
        if home is None:
            bucket.append(len(clusters))
            clusters.append([(row, ref)])
        else:
            clusters[home].append((row, ref))
    groups = [_group([r for r, _ in c], refs) for c in clusters if len(c) >= min_size]
    return sorted(groups, key=lambda g: (-len(g.values), g.topic, g.id))
