"""Read all-caps lines (headlines, sports results, wire slugs) through a truecased copy.

Why: in capitals every word looks like a name, and the CoNLL recognizer misses or mislabels
names on such lines ("TENNIS - TARANGO , O'BRIEN SPRING TWIN UPSETS", issue 11). So a line
that is mostly capitals is given to the recognizer a second time, as the words would be
written in running text, and people found only there are added: dictionary words lower-case, other words Title Case, short
non-words (acronyms: "WBA", "NBP") kept in capitals. Only the recognizer sees the copy;
``doc.text`` and every offset stay the article's own, since the copy has the same tokens.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from sitroom.nlp.entities.gazetteer import english_words, lookup

__all__ = ["caps_lines", "recognize_caps_lines", "truecase"]

# A line is all caps when it has at least this many words of two or more letters and at
# least this share of them are written in capitals.
CAPS_MIN_WORDS = 2
CAPS_SHARE = 0.8
# A word that is no dictionary word and at most this long is kept in capitals (an acronym).
ACRONYM_MAX_LETTERS = 3
# Capitalized short words that are acronyms far more often than the dictionary word.
ACRONYMS = frozenset({"US", "UN", "EU", "IT", "AI"})


def _is_word(token: Token) -> bool:
    return sum(c.isalpha() for c in token.text) >= 2


def caps_lines(doc: Doc) -> list[tuple[int, int]]:
    """Token (start, end) of each line (text between line breaks) written mostly in capitals."""
    found: list[tuple[int, int]] = []
    start = 0
    for i in range(len(doc) + 1):
        if i < len(doc) and "\n" not in doc[i].text:
            continue
        words = [t for t in doc[start:i] if _is_word(t)]
        if len(words) >= CAPS_MIN_WORDS and sum(t.is_upper for t in words) >= CAPS_SHARE * len(
            words
        ):
            found.append((start, i))
        start = i + 1
    return found


def _is_dictionary(lower: str) -> bool:
    words = english_words()
    if "-" in lower.strip("-"):  # "knock-out"
        return all(map(_is_dictionary, filter(None, lower.split("-"))))
    # Inflections WordNet's index lacks: "memories", "banned", "fined", "leading".
    stem = lower.removesuffix("ed").removesuffix("ing")
    forms: tuple[str, ...] = (lower, lower.removesuffix("s"), lower.removesuffix("es"))
    forms += (lower.removesuffix("ies") + "y",) if lower.endswith("ies") else ()
    forms += (stem, stem + "e", stem[:-1]) if len(stem) > 2 and stem != lower else ()
    return any(f in words for f in forms)


def truecase(token: Token) -> str:
    """How an all-caps ``token`` would be written in running text (same length)."""
    text = token.text
    if not text.isupper() or not _is_word(token):
        return text
    if text in ACRONYMS:
        return text
    title = text.title()
    # Country and city names are dictionary words too ("france"): the gazetteer knows them.
    if lookup(title) is not None:
        return title
    if token.is_stop or _is_dictionary(text.lower()):
        # Lower case even first on the line: "Basketball - ..." reads as a name.
        return text.lower()
    letters = sum(c.isalpha() for c in text)
    if letters <= ACRONYM_MAX_LETTERS or not any(c in "AEIOUY" for c in text):
        return text
    return title


def _recased(doc: Doc, start: int, end: int) -> Doc:
    tokens = doc[start:end]
    words = [truecase(t) for t in tokens]
    return Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in tokens])


def recognize_caps_lines(doc: Doc, recognize: Callable[[Doc], Doc]) -> Doc:
    """Add to ``doc.ents`` the people ``recognize`` finds on all-caps lines in a truecased copy
    where it found nothing in the capitals: the recognizer was trained on CoNLL-2003, whose
    all-caps sports tables ("CHICAGO AT TORONTO") it reads better as written."""
    lines = caps_lines(doc)
    if not lines:
        return doc
    ents = list(doc.ents)
    taken = {i for e in ents for i in range(e.start, e.end)}
    for start, end in lines:
        copy = recognize(_recased(doc, start, end))
        for e in copy.ents:
            span = Span(doc, start + e.start, start + e.end, label=e.label_)
            # Only people: a city or club is as often one as the other on a sports line.
            if e.label_ == "PER" and not any(i in taken for i in range(span.start, span.end)):
                ents.append(span)
    doc.set_ents(sorted(ents, key=lambda e: e.start), default="missing")
    return doc
