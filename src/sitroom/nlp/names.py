"""Person names within one article: a surname alone widened to the full name it stands for.

Newswire names a person in full once ("Kamala Harris") and by surname afterwards ("Harris",
"Mr Harris", "Harris's"). :func:`expand_surname` is the one rule for that, used by the quote
speakers while they are found and by :func:`expand_records` over one article's finished
records (event actors, targets and claimants, quote speakers, claimants of numbers). It widens a short name to a
full PERSON name of the same article whose last word has the same transliteration key
(:func:`name_key`: "Zelenskiy" ends "Volodymyr Zelensky"), the longest, the nearest one
before it among equals, else the first one after it; never when two different people of the article share the surname
("Joe Biden" and "Hunter Biden": "Biden" stays short, an unknown beats a wrong one). Feminine
and masculine forms of a surname have different keys ("Zelenska" is not "Zelensky").

Records keep the text's own spelling in their spans (``speaker_text``, the event's evidence);
only the name fields change. No spaCy here: reconcile reuses :func:`name_key`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import combinations

from sitroom.records import Claim, Event, Mention, Quote

__all__ = [
    "LETTERS",
    "expand_records",
    "expand_surname",
    "feminine_form",
    "full_name",
    "gendered_pair",
    "name_key",
    "one_person",
    "person_names",
    "sound_key",
]

# Letters NFKD does not take apart ("ł" has no combining stroke).
LETTERS = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "ı": "i", "ð": "d"})
# Polish and German spellings of Slavic sounds, and English endings of one Cyrillic ending,
# rewritten to one key (a key only: names keep their spelling). Polish machine translations
# of Ukrainian and Belarusian names: "Wołodymyr Zełenski", "Łukaszenko", "Ławrow".
_TRANSLIT = (
    (re.compile(r"szcz|schtsch"), "shch"),
    (re.compile(r"sch|sz"), "sh"),
    (re.compile(r"cz|tsch"), "ch"),
    (re.compile(r"rz|zh"), "zh"),
    (re.compile(r"w"), "v"),
    (re.compile(r"c(?![hk])"), "ts"),  # Polish "c": Deszczyca/Deshchytsia
    (re.compile(r"(?<=.)j"), "y"),  # "Andrij", "Sergej"; a first "j" stays ("Jens")
    (re.compile(r"([b-df-hj-np-tv-z])\1"), r"\1"),  # doubled consonants: Emmanuel/Emanuel
    (re.compile(r"(?:i|y)(?:y|i|j)$"), "y"),  # Zelenskyy, Zelenskiy, Zelenskyi
    (re.compile(r"ski$"), "sky"),  # Zelenski/Zelensky
)
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# Courtesy titles, ranks and their modifiers written before a name ("Mr Sullivan", "Vice
# President Harris").
_TITLES = frozenset(
    """mr mrs ms miss dr sir dame lord lady gen general lt col colonel maj major adm admiral
    capt captain sgt president premier chancellor minister secretary senator sen rep
    governor gov mayor ambassador commander king queen prince princess pope vice deputy
    prime foreign defence defense first former acting interim chief taoiseach""".split()  # noqa: SIM905
)
# A name word: capitalised, inner apostrophes, dots, hyphens ("O'Brien", "D.", "Ould-Abdallah").
_NAME_WORD = re.compile(r"^[A-Z\u00c0-\u024f][\w'\u2019.-]*$")
# Full names are two to four name words; longer PERSON spans are misreads.
MAX_NAME_WORDS = 4


@lru_cache(maxsize=65_536)
def name_key(word: str) -> str:
    """A name word up to case, accents and transliteration: 'Zełenski', 'Zelenskyy' and
    'Zelensky' share one; 'Zelenska' (feminine) has its own."""
    text = unicodedata.normalize("NFKD", word).replace("\u2019", "'")
    text = text.replace("\u2010", "-").replace("\u2013", "-")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).strip().casefold()
    key = re.sub(r"'s$", "", text).translate(LETTERS)
    for pattern, repl in _TRANSLIT:
        key = pattern.sub(repl, key)
    return key


# Sounds one alphabet writes with a caron, another with a digraph and English news often with
# the bare letter: č = cz = ch = c ("Vučić", "Vuczić", "Vucic"; Polish "c" is already "ts"),
# š = sz = sh = s, ž = ż = zh = z. Folded only to compare surnames across spellings (reconcile).
_SOUNDS = ((re.compile(r"ch|ts"), "c"), (re.compile(r"sh"), "s"), (re.compile(r"zh"), "z"))


@lru_cache(maxsize=65_536)
def sound_key(key: str) -> str:
    """A :func:`name_key` with its sibilants folded: 'Vučić', 'Vuczić' and 'Vucic' share one
    ('vucic'); 'Šmyhal' is 'Shmyhal'. Looser than the key, so reconcile uses it to compare
    surnames only, with the feminine forms kept apart on the key (:func:`gendered_pair`)."""
    for pattern, repl in _SOUNDS:
        key = pattern.sub(repl, key)
    return key


# Feminine -> masculine endings of Slavic surnames (keys, after :func:`name_key`).
GENDERED_ENDINGS = (("ova", "ov"), ("eva", "ev"), ("ina", "in"), ("yna", "yn"),
                    ("skaya", "sky"), ("ska", "sky"), ("tska", "tsky"), ("aya", "y"))  # fmt: skip


def gendered_pair(a: str, b: str) -> bool:
    """Whether two surname keys are the feminine and masculine forms of one surname, in either
    order: 'zelenska'/'zelensky', 'lavrova'/'lavrov' are two people ('Lukashenka' is
    Belarusian, not feminine: 'lukashenka'/'lukashenko' is no pair)."""
    return feminine_form(a, b) or feminine_form(b, a)


def feminine_form(feminine: str, masculine: str) -> bool:
    """Whether surname key ``feminine`` is the feminine form of ``masculine`` ('lavrova', 'lavrov')."""
    return (
        any(
            feminine.endswith(f)
            and masculine.endswith(m)
            and feminine[: -len(f)]
            and masculine[: -len(m)]
            for f, m in GENDERED_ENDINGS
        )
        or feminine == masculine + "a"
    )


def _words(name: str) -> list[str]:
    """A name's words without leading titles or a trailing possessive ("Mr Harris's" -> Harris)."""
    words = [w.strip(",;:") for w in name.split()]
    words = [w for w in words if w]
    while len(words) > 1 and words[0].casefold().rstrip(".") in _TITLES:
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1].rstrip("."))
    return [w for w in words if w]


def _surname_of_short(name: str) -> str | None:
    """The surname a short name is ("Mr Sullivan's" -> "Sullivan"), or None if not one word."""
    words = _words(name)
    if len(words) != 1 or len(words[0]) < 2 or not _NAME_WORD.match(words[0]):
        return None
    return words[0]


def full_name(name: str) -> str | None:
    """A person's full name without titles ("President Joe Biden" -> "Joe Biden"), else None."""
    words = _words(name)
    if 2 <= len(words) <= MAX_NAME_WORDS and all(_NAME_WORD.match(w) for w in words):
        return " ".join(words)
    return None


def person_names(mentions: Iterable[Mention]) -> list[tuple[int, str]]:
    """(position, canonical name) of the article's PERSON mentions, in text order."""
    return sorted((m.start, m.entity) for m in mentions if m.label == "PERSON")


def one_person(names: Iterable[str]) -> bool:
    """Whether full names of one surname are one person: the given names of one are among
    the other's, up to their keys ("Kamala Harris", "Vice President Kamala D. Harris"), not
    two ("Joe Biden", "Hunter Biden"); titles and initials are no given names, and names not
    in full do not count."""
    given = [
        frozenset(name_key(w) for w in full.split()[:-1] if len(w.rstrip(".")) > 1)
        for name in names
        if (full := full_name(name)) is not None
    ]
    return all(a <= b or b <= a for a, b in combinations(set(given), 2))


def expand_surname(name: str, at: int, fulls: Sequence[tuple[int, str]]) -> str | None:
    """The full name a short person name at character ``at`` stands for, else None.

    ``fulls``: (position, name) of the article's people; those named in full (two to four
    name words, titles dropped: "President Joe Biden" is "Joe Biden") count. The candidates
    are those whose last word has the surname's key; if they are two different people
    (another given name), None; else the longest, the nearest one before ``at`` among equally
    long ones, else the first after it.
    """
    surname = _surname_of_short(name)
    if surname is None:
        return None
    key = name_key(surname)
    named = [(pos, full) for pos, name in fulls if (full := full_name(name)) is not None]
    found = [(pos, full) for pos, full in named if name_key(full.split()[-1]) == key]
    if not found:
        return None
    if not one_person(full for _, full in found):
        return None  # "Joe Biden" and "Hunter Biden": which Biden the text does not say
    # The longest spelling ("Kamala D. Harris" over "Kamala Harris"), the nearest one before
    # ``at`` among equals, else the first after it.
    longest = max(len(full.split()) for _, full in found)
    found = [(pos, full) for pos, full in found if len(full.split()) == longest]
    before = [full for pos, full in found if pos < at]
    return before[-1] if before else min(found)[1]


def expand_records(
    *,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    claims: Sequence[Claim],
    events: Sequence[Event],
) -> tuple[list[Quote], list[Claim], list[Event]]:
    """One article's person names used in full: surname-only speakers, claimants, event
    actors and targets widened by :func:`expand_surname`.

    A name is widened only where the article uses it for a person (a PERSON mention, or a
    person or pronoun speaker), so a state or place that is also a surname ("Jordan") stays.
    """
    fulls = person_names(mentions)
    fulls += [
        (q.speaker_start if q.speaker_start is not None else q.start, q.speaker)
        for q in quotes
        if q.speaker and q.speaker_kind in {"person", "pronoun"}
    ]
    fulls.sort()
    if not fulls:
        return list(quotes), list(claims), list(events)
    # Surnames the article itself uses for a person.
    persons = {
        surname
        for m in mentions
        if m.label == "PERSON"
        for name in (m.entity, m.text)
        if (surname := _surname_of_short(name)) is not None
    }

    def widen(name: str | None, at: int, *, person: bool = False) -> str | None:
        if not name or not (person or _surname_of_short(name) in persons):
            return name
        return expand_surname(name, at, fulls) or name

    out_quotes = [
        replace(
            q,
            speaker=widen(
                q.speaker, q.start if q.speaker_start is None else q.speaker_start, person=True
            ),
        )
        if q.speaker_kind in {"person", "pronoun"}
        else q
        for q in quotes
    ]
    out_claims = [replace(c, claimant=widen(c.claimant, c.start)) for c in claims]
    out_events = [
        replace(
            e,
            actor=widen(e.actor, e.start),
            target=widen(e.target, e.start),
            claimant=widen(e.claimant, e.start),
        )
        for e in events
    ]
    return out_quotes, out_claims, out_events
