"""Who "he", "she" and "the head of British diplomacy" are: the person named earlier in the article.

News introduces a person once with name and role ("the head of British diplomacy Liz Truss")
and then refers back by pronoun or by role alone ("The head of British diplomacy accused
Russia ...", "The politician condemned ..."). For the person-level event types (threat,
condemnation, meeting, ...) the guideline's actor is that person, not the state a nationality
word in the description names (docs/annotation.md, "Roles"). Resolution, in order:

1. a description the article used as an apposition to a name earlier on is that name;
2. a pronoun or a role noun ("the politician", "the pontiff") is the person the article has
   named most often before the sentence (ties: the latest), among the persons named within
   ``WINDOW_CHARS`` before it; a clause subject beats a person named in passing.

Unnamed officials and spokespeople ("the official said") are not resolved: they speak for a
state, and an unknown actor beats a wrong one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from sitroom.nlp.doctext import doc_text

__all__ = ["Name", "described_person", "private_speaker", "pronoun_person"]

# (start, end, canonical name, label) of a named thing, as extract.py gathers them.
Name = tuple[int, int, str, str]

# Persons named this far before the referring word are its candidates (about a paragraph
# or two of news prose; the value the pronoun rule used before issue 9's review).
WINDOW_CHARS = 600
PRONOUNS = frozenset({"he", "she"})
# Role nouns that refer back to one named person ("the politician condemned ...").
# Officials and spokespeople are left out on purpose (see the module docstring).
ROLE_NOUNS = frozenset(
    {
        "politician",
        "president",
        "minister",
        "premier",
        "chancellor",
        "leader",
        "diplomat",
        "pontiff",
        "pope",
        "head",
        "chief",
        "ambassador",
        "secretary",
        "envoy",
        "governor",
        "mayor",
    }
)
# People who speak for nobody but themselves: "a Russian billionaire blasted the war" is not
# Russia condemning it (docs/annotation.md: only institutions and spokespeople stand for a state).
PRIVATE_NOUNS = frozenset(
    {
        "billionaire",
        "businessman",
        "businesswoman",
        "oligarch",
        "resident",
        "expert",
        "analyst",
        "journalist",
        "reporter",
        "activist",
        "blogger",
        "historian",
        "scholar",
        "commentator",
        "critic",
        "writer",
        "student",
        "citizen",
        "woman",
        "man",
        "veteran",
        "priest",
        "artist",
        "singer",
        "athlete",
    }
)
# Characters allowed between a description and the name it stands beside ("..., Liz Truss").
APPOSITION_GAP = frozenset({"", " ", ", ", " - ", " – ", " — "})


def pronoun_person(subj: Token, names: Sequence[Name], *, sent_start: int) -> str | None:
    """ "He warned ...": the person ``subj`` (a he/she pronoun) refers to, or None."""
    if subj.lower_ not in PRONOUNS:
        return None
    return _salient_person(subj.doc, names, before=subj.idx, sent_start=sent_start)


def described_person(subj: Token, names: Sequence[Name], *, sent_start: int) -> str | None:
    """ "The head of British diplomacy accused ...": the named person a role description is.

    ``subj`` is the subject's head noun; a description carries "the" and no name of a person
    or body in its own words (a nationality word, "British", may stand in it).
    """
    if subj.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
        return None
    if subj.tag_ in {"NNS", "NNPS"}:
        return None  # "the leaders attended": a plural description is not one named person
    phrase = [t for t in subj.subtree if t.dep_ not in {"relcl", "acl", "appos", "punct"}]
    lo, hi = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
    if any(lo <= n[0] < hi and n[3] in {"PERSON", "ORG"} for n in names):
        return None
    words = doc_text(subj.doc)[phrase[1].idx : hi] if len(phrase) > 1 else subj.text
    named = _apposition(subj.doc, words.casefold(), names, before=lo)
    if named is not None:
        return named
    if subj.lemma_.lower() not in ROLE_NOUNS:
        return None
    return _salient_person(subj.doc, names, before=lo, sent_start=sent_start)


def private_speaker(subj: Token | None) -> bool:
    """A subject that is a private person described by nationality, named by nobody."""
    return (
        subj is not None
        and subj.lemma_.lower() in PRIVATE_NOUNS
        and not any(t.ent_type_ in {"PERSON", "ORG"} for t in subj.subtree)
    )


def _apposition(doc: Doc, words: str, names: Sequence[Name], *, before: int) -> str | None:
    """The person last written right beside ``words`` before ``before`` ("the head of X Liz Truss")."""
    text = doc_text(doc).casefold()
    found: str | None = None
    at = text.find(words)
    while 0 <= at < before:
        end = at + len(words)
        for start, stop, name, label in names:
            if label != "PERSON":
                continue
            if (start >= end and text[end:start] in APPOSITION_GAP) or (
                at >= stop and text[stop:at] in APPOSITION_GAP
            ):
                found = name
        at = text.find(words, end)
    return found


def _salient_person(doc: Doc, names: Sequence[Name], *, before: int, sent_start: int) -> str | None:
    """The most often named person before ``before`` among those named in the window."""
    window = [n for n in names if n[3] == "PERSON" and sent_start - WINDOW_CHARS <= n[0] < before]
    if not window:
        return None
    subjects = [n for n in window if _is_subject(doc, n[0], n[1])] or window
    counts = Counter(n[2] for n in names if n[3] == "PERSON" and n[0] < before)
    latest = {n[2]: n[0] for n in subjects}
    return max(latest, key=lambda name: (counts[name], latest[name]))


def _is_subject(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    while root.dep_ in {"compound", "appos", "flat"} and root.head is not root:
        root = root.head
    return root.dep_ in {"nsubj", "nsubjpass"}
