"""What a number counts, from the parse: the noun it modifies and the fallbacks news needs.

Kept apart from :mod:`sitroom.nlp.claims.extract` so the finding of numbers and the reading of
their context stay separately testable; spaCy types stay inside ``nlp/``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from sitroom.nlp.doctext import doc_text
from sitroom.nlp.timex.lexicon import MONTH_WORDS, WEEKDAY_NAMES

__all__ = ["counted_head", "find_what", "is_age"]

_COUNTED_POS = frozenset({"NOUN", "PROPN"})
# Longest "what" phrase kept, in tokens; longer ones are clause fragments (seen on NewsQuant).
_MAX_WHAT_TOKENS = 8


def counted_head(num: Token) -> Token | None:
    """The noun a number modifies: "48 [drones]", "a $225 million aid [package]"."""
    token = num
    for _ in range(3):  # climb through "million" -> "$" -> noun, or "10,000" -> "strong" -> noun
        head = token.head
        if head is token:
            return None
        if (
            token.dep_ in {"nummod", "compound", "nmod", "amod", "quantmod", "npadvmod"}
            and head.i > num.i
        ):
            if head.pos_ in _COUNTED_POS:
                return _past_hyphened_word(num, head)
            token = head
            continue
        return None
    return None


def _past_hyphened_word(num: Token, head: Token) -> Token:
    """ "a ten-point lead", "a nine-storey block": the hyphened noun describes the number,
    the noun it compounds with is what is counted."""
    doc = num.doc
    hyphened = (
        num.i + 2 == head.i and doc[num.i + 1].text in {"-", "‑"} and not doc[num.i].whitespace_
    )
    if (
        hyphened
        and head.dep_ == "compound"
        and head.tag_ == "NN"
        and head.head.pos_ == "NOUN"
        and head.head.i > head.i
    ):
        return head.head
    return head


def _phrase_after(doc: Doc, start: int, head: Token) -> str | None:
    """Words from ``start`` to ``head`` plus an "of ..." complement: "North Korean troops"."""
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and (
            child.lower_ == "of" or any(c.lower_ in {"favor", "favour"} for c in child.children)
        ):
            end = max(t.i for t in child.subtree) + 1
            break
    words = list(doc[start:end])
    if words and words[0].text in {"(", "["}:
        # "$61bn (£49bn) package": the amount restated in brackets is not what is counted
        close = next((i for i, t in enumerate(words) if t.text in {")", "]"}), None)
        words = words[close + 1 :] if close is not None else words
    if (
        len(words) > 2
        and words[0].text in {"-", "‑"}
        and not words[0].whitespace_
        and (words[1].pos_ == "ADJ" or (words[1].tag_ == "NN" and words[1].i < head.i))
    ):
        # "10,000-strong force", "a ten-point lead", "a nine-storey block": the hyphened
        # word describes the number; what is counted is the noun after it
        words = words[2:]
    # "48 of 79 drones": the other number is not part of what is counted; "$2bn-worth of
    # arms": what money buys follows "worth of"
    while words and (
        words[0].pos_ in {"PUNCT", "DET", "ADP", "CCONJ", "NUM"}
        or words[0].text in {"-", "‑"}
        or (words[0].lower_ == "worth" and len(words) > 1 and words[1].lower_ == "of")
    ):
        words = words[1:]
    if not words or len(words) > _MAX_WHAT_TOKENS:
        words = [t for t in doc[start : head.i + 1] if t.pos_ not in {"PUNCT", "DET"}]
    return doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1])] if words else None


def _of_object(token: Token) -> Token | None:
    """The object of an "of" after a number or unit: "hundreds of [drones]", "40% of the [vote]"."""
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "in"}:
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in _COUNTED_POS]
            if objects and (
                child.lower_ == "of"
                or token.ent_type_ == "MONEY"
                or token.text in {"$", "€", "£"}
                or token.like_num
            ):
                return objects[0]
    return None


# Verbs that give the level of a quantity named by their subject ("the toll rose to 41") or,
# for put/place/estimate/set/peg, by their object ("officials put the toll at 41").
_LEVEL_VERBS = frozenset({
    "reach", "rise", "climb", "increase", "grow", "jump", "fall", "drop", "decline", "stand",
    "total", "exceed", "hit", "top", "surpass", "pass", "be", "put", "place", "estimate", "set", "peg",
})  # fmt: skip
# Nouns of time that follow money without being what it buys: "$2bn in the last quarter".
_TIME_NOUNS = frozenset(
    {"quarter", "year", "month", "week", "day", "period", "half", "time", "decade"}
)
# Adjectives that stand for people in casualty counts: "16 wounded", "3 missing".
_CASUALTY_WORDS = frozenset(
    {"wounded", "injured", "dead", "killed", "missing", "hurt", "captured", "detained"}
)
# Words between a money amount and what it buys: "€118 billion in aid", "$2m worth of arms".
_MONEY_LINK = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:in|of|worth\s+of|for)\s+$", re.IGNORECASE)


def _noun_after(doc: Doc, span: Span) -> Token | None:
    """The noun right after "in"/"of" past a money amount (and its converted amount in brackets)."""
    for token in doc[span.end : min(len(doc), span.end + 10)]:
        if (
            token.pos_ in _COUNTED_POS
            and token.lower_ not in _TIME_NOUNS
            and token.dep_ == "pobj"
            and _MONEY_LINK.match(doc_text(doc)[span.end_char : token.left_edge.idx])
        ):
            return token
        if token.pos_ in {"VERB", "AUX"} or token.is_sent_start:
            return None
    return None


# Words of a time phrase, which a number is never a count of ("2.1 last year", "61 in May",
# "245p in early trading").
_TIME_PHRASE_WORDS = (
    MONTH_WORDS
    | WEEKDAY_NAMES
    | frozenset({
        "last", "next", "this", "that", "the", "early", "late", "day", "days", "week", "weeks",
        "month", "months", "year", "years", "quarter", "quarters", "on", "today", "yesterday",
        "tomorrow", "night", "morning", "afternoon", "evening", "weekend", "second", "seconds",
        "minute", "minutes", "hour", "hours", "decade", "decades", "trading", "trade", "session",
    })
)  # fmt: skip


def find_what(doc: Doc, span: Span, *, unit: str | None = None) -> str | None:
    """What the number counts, from the parse (:func:`_find_what`). A lone letter is a unit
    symbol or an initial ("68 F and the lab 20 C": not "F"), a time phrase is when the number
    was true ("2.1 last year", "61 in May"): neither is what is counted."""
    what = _find_what(doc, span, unit=unit)
    if what is None or len(what) < 2 or set(what.lower().split()) <= _TIME_PHRASE_WORDS:
        return None
    return what


def _find_what(doc: Doc, span: Span, *, unit: str | None) -> str | None:
    """What the number counts, from the parse.

    In order: the noun it modifies ("48 [drones]"), the object of "of" ("hundreds of
    [drones]"), a casualty adjective ("16 [wounded]"), the noun a coordinated number
    shares ("99 votes in favor, nine against" -> "votes"), the noun a measure belongs to
    ("a range of 190 miles" -> "range"), what money buys ("€118 billion in [aid]").
    """
    last = span[-1]
    if (head := counted_head(last)) is not None or (head := counted_head(span.root)) is not None:
        return _phrase_after(doc, span.end, head)
    for token in (span.root, last):
        if (obj := _of_object(token)) is not None:
            start = (
                min(t.i for t in obj.subtree if t.i >= span.end)
                if any(t.i >= span.end for t in obj.subtree)
                else obj.i
            )
            return _phrase_after(doc, max(start, obj.left_edge.i), obj)
    root = span.root
    if root.head.lower_ in _CASUALTY_WORDS and root.head.i >= span.end:
        return root.head.text
    if root.lower_ in _CASUALTY_WORDS or (
        span.end < len(doc) and doc[span.end].lower_ in _CASUALTY_WORDS
    ):
        return (
            doc[span.end].text
            if span.end < len(doc) and doc[span.end].lower_ in _CASUALTY_WORDS
            else None
        )
    if (
        root.dep_ in {"conj", "appos"}
        and root.head.pos_ in _COUNTED_POS
        and any(c.like_num for c in root.head.children)
    ):
        return root.head.text  # "99 votes in favor, nine against": nine votes
    if (
        unit is not None
        and root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.pos_ in _COUNTED_POS
    ):
        owner = root.head.head
        words = [t for t in doc[owner.left_edge.i : owner.i + 1] if t.pos_ not in {"DET", "PUNCT"}]
        return (
            doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1])]
            if owner.i < span.start and words
            else None
        )
    if unit is not None and (noun := _noun_after(doc, span)) is not None:
        return _phrase_after(doc, noun.left_edge.i, noun)
    if (topic := _level_of(root)) is not None:
        return _phrase_after(doc, topic.left_edge.i, topic)
    if unit is None and (noun := _plural_after(doc, span)) is not None:
        return _phrase_after(doc, span.end, noun)
    return None


# Words a counted noun phrase may hold between the number and its noun: "4.3M [digital and
# physical] sales", "two-thirds [of the] combined sales"; the longest stretch read, in tokens.
_PHRASE_POS = frozenset({"ADJ", "NOUN", "PROPN", "CCONJ", "VERB", "NUM"})
_MAX_PHRASE_TOKENS = 8


def _plural_after(doc: Doc, span: Span) -> Token | None:
    """The plural noun that ends the noun phrase right after a number the parse left without a
    head ("the combined 4.3M digital and physical sales": the tagger took "4.3M" for a noun)."""
    i = span.end
    if i < len(doc) and doc[i].lower_ == "of":
        i += 1 + (i + 1 < len(doc) and doc[i + 1].pos_ in {"DET", "PRON"})
    last: Token | None = None
    for token in doc[i : min(len(doc), i + _MAX_PHRASE_TOKENS)]:
        if token.pos_ not in _PHRASE_POS or token.is_sent_start:
            break
        if token.pos_ == "VERB" and token.tag_ not in {"VBN", "VBG"}:
            break  # "combined", "growing" describe; a finite verb ends the phrase
        if token.pos_ in _COUNTED_POS:
            last = token
    return last if last is not None and last.tag_ in {"NNS", "NNPS"} else None


def _level_of(root: Token) -> Token | None:
    """The noun a number is the level of: "the death toll rose to [41]" -> "death toll",
    "officials put the toll at 41" -> "toll", "the number of refugees reached 6.5 million"."""
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ in {"to", "at"} else root.head
    if root.dep_ not in {"dobj", "pobj", "attr"} or verb.lemma_ not in _LEVEL_VERBS:
        return None
    roles = (
        {"dobj"}
        if verb.lemma_ in {"put", "place", "estimate", "set", "peg"}
        else {"nsubj", "nsubjpass"}
    )
    nouns = [
        c for c in verb.children if c.dep_ in roles and c.pos_ in _COUNTED_POS and c is not root
    ]
    return nouns[0] if nouns else None


# The ages news gives after a name: "Maddon, 66, said"; older than this is not an age.
_MAX_AGE = 120


def is_age(doc: Doc, span: Span) -> bool:
    """ "Jane Doe, 34, said", "died aged 81", "at age 35": a bare number between commas right
    after a person's name, or right after "aged"/"age"."""
    if len(span) != 1 or not span[0].like_num or span.start < 1:
        return False
    before, value = doc[span.start - 1], span[0].text
    if not (value.isdecimal() and 0 < int(value) <= _MAX_AGE):
        return False
    if before.lower_ in {"aged", "age"} or _is_age_of_subject(span[0]):
        return True
    if span.start < 2 or span.end >= len(doc):
        return False
    name, after = doc[span.start - 2], doc[span.end]
    return before.text == "," and after.text == "," and name.ent_type_ == "PERSON"


# Subjects whose bare number after "be" is an age: a person ("he will be 35", "Mr Doe is
# 61") or an age itself ("the average age of recruits is 23", "life expectancy is 68").
_PERSON_PRONOUNS = frozenset({"he", "she", "i"})
_AGE_NOUNS = frozenset({"age", "expectancy"})


def _is_age_of_subject(num: Token) -> bool:
    """ "He will be 35", "she turned 40", "life expectancy there is around 68": a bare number
    after "be" or "turn" whose subject is a person or an age."""
    verb = num.head
    if num.dep_ == "pobj" and verb.dep_ in {"advmod", "prep"}:
        verb = verb.head  # "is around 68", "is about 40"
    if verb.lemma_ not in {"be", "turn"} or num.dep_ not in {"attr", "dobj", "pobj", "acomp"}:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) != 1:
        return False
    subject = subjects[0]
    return (
        subject.lower_ in _PERSON_PRONOUNS
        or subject.ent_type_ == "PERSON"
        or (verb.lemma_ == "be" and subject.lemma_.lower() in _AGE_NOUNS)
    )
