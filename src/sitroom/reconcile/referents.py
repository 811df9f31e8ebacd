"""What a numeric claim counts, about whom and where: the referent claim groups compare.

``normalize_what`` folds the counted phrase ("North Korean soldiers in Russia" -> "north
korean troop russia"); ``referents`` gives each claim its head noun, the states that own the
count (named in the phrase, else the sentence's subject, else the article's first named
figure, else the state nearest the number, never one used as a place), and its other content
words. ``not_a_count``, ``is_change`` and ``placed_in`` tell a name's number, a change and a
place from a count (see ``reconcile.claim_groups`` for how groups use them; docs/events.md).
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from sitroom.nlp.places.gazetteer import load_nationalities
from sitroom.records.reconciled import ClaimRow

__all__ = [
    "EVENT_HEADS",
    "GENERIC_HEADS",
    "Referent",
    "is_change",
    "nationalities_in",
    "normalize_what",
    "not_a_count",
    "placed_in",
    "referent_from_json",
    "referent_json",
    "referents",
]


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
class Referent:
    """What a claim counts, about whom and where."""

    unit: str | None
    head: str
    who: frozenset[str]  # ISO2 codes of the nationalities named
    mods: frozenset[str]  # other content words: places, kinds, named things
    local: str | None  # the article id, for a generic head without any qualifier
    # ``who`` is named by the counted phrase or the sentence's subject, not guessed from a
    # name near the number or from the article's other figures: only such claims contradict.
    sure: bool = field(default=True, compare=False)


def referent_json(ref: Referent) -> str:
    """A referent as JSON, as reconcile stores it beside its claim (m012 ``claim_blocks``)."""
    return json.dumps(
        {
            "unit": ref.unit,
            "head": ref.head,
            "who": sorted(ref.who),
            "mods": sorted(ref.mods),
            "local": ref.local,
            "sure": ref.sure,
        },
        ensure_ascii=False,
    )


def referent_from_json(text: str) -> Referent:
    """The referent that :func:`referent_json` wrote."""
    data = json.loads(text)
    return Referent(
        unit=data["unit"],
        head=data["head"],
        who=frozenset(data["who"]),
        mods=frozenset(data["mods"]),
        local=data["local"],
        sure=data["sure"],
    )


def nationalities_in(words: list[str]) -> tuple[set[str], set[int]]:
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


@functools.cache
def _state_names() -> dict[str, str]:
    """Names that stand for a state, lower-cased -> ISO2: nationalities, capitals, METONYMS
    (built once: claim grouping asks for every claim; callers only read it)."""
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


def is_change(row: ClaimRow) -> bool:
    """Whether a figure is a change ("increased by 7,000", "3,000 more troops", "the next
    7,000"), not a level."""
    low = _own_sentence(row).casefold()
    at = low.find(row.text.casefold())
    if at < 0:
        return False
    before = low[:at].split()[-1:]
    after = low[at + len(row.text) :].split()[:1]
    return bool(set(before) & CHANGE_BEFORE or set(after) & CHANGE_AFTER)


def placed_in(row: ClaimRow) -> frozenset[str]:
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


def not_a_count(row: ClaimRow) -> bool:
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


def _referent(row: ClaimRow, inherited: frozenset[str] | None) -> Referent | None:
    words = normalize_what(row.what).split()
    if not words:
        return None
    who, used = nationalities_in(words)
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
    return Referent(
        unit=row.unit,
        head=head,
        who=frozenset(who),
        mods=mods,
        local=row.article_id if generic else None,
        sure=sure,
    )


def referents(rows: list[ClaimRow]) -> dict[int, Referent]:
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
        if words and (explicit := nationalities_in(words)[0]):
            named[(row.article_id, words[-1])].add(frozenset(explicit))
    first: dict[tuple[str, str], frozenset[str]] = {}
    out: dict[int, Referent] = {}
    for row in sorted(rows, key=lambda r: (r.article_id, r.start, r.id)):
        words = normalize_what(row.what).split()
        explicit, _ = nationalities_in(words)
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
