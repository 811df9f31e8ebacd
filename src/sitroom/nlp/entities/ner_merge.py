"""Merge the CoNLL-trained recognizer's PER/ORG/LOC spans into the small model's ``doc.ents``.

Why: the small model's OntoNotes NER is weak on names (about 0.60 PER/ORG/LOC F1 on
CoNLL-2003); the CoNLL-trained component (``conll_ner``, stashed in ``doc.spans["conll"]``)
is much stronger on exactly those three types but knows nothing of dates, numbers or
weapons. So: numeric and other OntoNotes types stay from the small model, names come from
the CoNLL model, and gazetteer spans (they carry ``ent_id_``) always win.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from sitroom.nlp.entities.gazetteer import english_words, lookup

__all__ = ["CONLL_KEY", "NAME_LABELS", "merge_conll_spans", "stash_conll_ents"]

CONLL_KEY = "conll"
# OntoNotes labels the CoNLL model's PER/ORG/LOC decisions replace.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
# How a CoNLL label becomes an OntoNotes one (LOC is refined to GPE below).
CONLL_TO_ONTONOTES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
PLACE_LABELS = frozenset({"GPE", "LOC"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
# Coarse tags a one-word name does not have (at the start of a sentence the tagger is right
# about these far more often than the CoNLL model is about a capitalized "Ultimately").
NON_NAME_POS = frozenset({"ADV", "AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "INTJ"})
# A line is a Title Case heading when it has at least this many content words (over 3
# letters, not stop words), at least this share of them capitalized, no brackets and at most
# one comma (CoNLL-2003's Title Case lines are scores and name lists). Measured on eng.testa:
# 4 words costs 0.2 points of PER/ORG/LOC F1 against 5, and catches news headings 5 misses.
HEADLINE_MIN_WORDS = 4
HEADLINE_TITLE_SHARE = 0.75
# Headings carry no sentence-final punctuation; body sentences full of names do.
SENTENCE_END = frozenset({".", '"', "”", "’", "'", ":", ";", ","})
# Subheadings are short: at most this many tokens.
SUBHEADING_MAX_TOKENS = 6


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _is_gazetteer(span: Span) -> bool:
    return bool(span.ent_id_)


def _ontonotes_label(conll: Span, overlapping: list[Span]) -> str:
    label = CONLL_TO_ONTONOTES[conll.label_]
    if label != "LOC":
        return label
    # LOC becomes GPE when the small model called it a GPE or the gazetteer knows it as one.
    entry = lookup(conll.text)
    if any(e.label_ == "GPE" for e in overlapping) or (entry is not None and entry.label == "GPE"):
        return "GPE"
    return "FAC" if any(e.label_ == "FAC" for e in overlapping) else "LOC"


def _headline_tokens(doc: Doc) -> set[int]:
    """Token indices on Title Case lines without final punctuation (headings)."""
    found: set[int] = set()
    line: list[int] = []
    for token in [*doc, None]:
        if token is not None and "\n" not in token.text:
            line.append(token.i)
            continue
        if _is_heading([doc[i] for i in line if not doc[i].is_space]):
            found.update(line)
        line = []
    return found


def _is_dictionary_word(token: Token) -> bool:
    words = english_words()
    lower = token.lower_
    # Title Case plurals keep their "s" in the lemma ("Headwinds"); stop words are not in WordNet.
    forms = (lower, token.lemma_.lower(), lower.removesuffix("s"), lower.removesuffix("es"))
    return token.is_stop or not token.is_alpha or any(f in words for f in forms)


def _is_heading(tokens: list[Token]) -> bool:
    # Headings have no final stop and no brackets; CoNLL's Title Case lines without a stop
    # are scores, fixtures and name lists, with brackets, many commas or (short) numbers.
    if not tokens or tokens[-1].text in SENTENCE_END or any(t.is_bracket for t in tokens):
        return False
    words = [t for t in tokens if t.is_alpha and len(t) > 3 and not t.is_stop]
    titled = sum(t.is_title for t in words)
    if tokens[-1].like_num or any(t.is_lower and len(t) == 1 and not t.is_stop for t in tokens):
        # a score, score card or fixture list: "Leeds 2 Derby 1", "Ames c Lowry b Pryce 12",
        # "Leeds v Derby"
        return False
    if len(words) >= HEADLINE_MIN_WORDS:
        commas = sum(t.text == "," for t in tokens)  # "Wood , Loren Roberts , Steve ..." is a list
        return titled >= HEADLINE_TITLE_SHARE * len(words) and commas <= 1
    # A short subheading ("A Strained Alliance"): only capitalized dictionary words.
    plain = len(tokens) <= SUBHEADING_MAX_TOKENS and not any(t.like_num for t in tokens)
    return (
        plain and len(words) >= 2 and titled == len(words) and all(map(_is_dictionary_word, words))
    )


def _strip_space(span: Span) -> Span:
    """The span less leading/trailing whitespace tokens ("European Security\\n")."""
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return (
        span
        if (start, end) == (span.start, span.end)
        else Span(span.doc, start, end, label=span.label)
    )


def _without_possessive(span: Span) -> Span:
    """The span less a trailing "'s"/"’s", which the CoNLL model sometimes includes."""
    end = span.end
    while end - span.start > 1 and span.doc[end - 1].text in POSSESSIVES:
        end -= 1
    return span if end == span.end else Span(span.doc, span.start, end, label=span.label)


def _is_common_word(token: Token) -> bool:
    """A one-word "name" that opens a sentence or line in Title Case and that the tagger calls
    an adverb, verb, adjective, ...: "Ultimately, ...", "Published March 11". Mid-sentence
    capitals, all-caps words and words no dictionary knows are left alone: there the tagger,
    not the name, is wrong ("rivals Essex, Derbyshire and Surrey", "NICE, France")."""
    opens = token.is_sent_start or token.i == 0 or "\n" in token.doc[token.i - 1].text
    if not (opens and token.is_title) or not _is_dictionary_word(token):
        return False  # the tagger calls unknown words adverbs too: "Brentwick 2 Ostrava 1"
    # Verbs and adjectives only with a plain English ending: names like "Reading" or
    # "Flemming" get tagged VERB too.
    return token.pos_ in NON_NAME_POS or (
        token.pos_ in {"VERB", "ADJ"} and token.lower_.endswith(("ed", "ly"))
    )


def _may_swallow(conll: Span, gazetteer: Span) -> bool:
    """A longer CoNLL name may contain a gazetteer place or organization ("Dynamo Kyiv",
    "Reuters Ottawa Bureau", "U.N. Council") or, as a person, a known surname ("Hunter
    Biden"); never a known person inside an organization ("Defense Lloyd Austin")."""
    inside = (
        conll.start <= gazetteer.start
        and gazetteer.end <= conll.end
        and len(conll) > len(gazetteer)
    )
    if gazetteer.label_ == "PERSON":
        return inside and conll.label_ == "PER"
    return inside and (
        gazetteer.label_ in PLACE_LABELS or (gazetteer.label_ == "ORG" and conll.label_ == "ORG")
    )


def _opens_event_name(place: Span, misc: Span) -> bool:
    """A known place that opens a longer CoNLL MISC name of capitalized words is part of an
    event's name, not a place named: "Hong Kong Open", "Berlin Grand Prix"."""
    rest = place.doc[place.end : misc.end]
    return (
        _is_gazetteer(place)
        and place.label_ in PLACE_LABELS
        and misc.start == place.start
        and place.end < misc.end
        and all(t.is_title or t.is_upper for t in rest)
    )


def merge_conll_spans(
    doc: Doc, conll: Iterable[Span], *, keep_unconfirmed: bool = False
) -> list[Span]:
    """The merged entity list: gazetteer spans, CoNLL names, and the small model's other types.

    A CoNLL span loses to any gazetteer span it overlaps, except an ORG containing a place
    ("Dynamo Kyiv"); it replaces the small model's overlapping spans. A small-model name
    span that no CoNLL span touches is dropped: on CoNLL-2003 those are mostly false
    positives. CoNLL MISC spans only remove name spans they overlap ("West Indian" is not a
    place), and known places that open them ("Hong Kong Open"). One-word CoNLL names that
    the tagger calls an adverb, verb, ... are dropped ("Ultimately"), and on Title Case
    heading lines a CoNLL name must match a small-model name span exactly, since capitals
    there mark every word.
    """
    ents = list(doc.ents)
    conll = list(conll)
    headline = _headline_tokens(doc) if conll else set()
    small_names = {
        (e.start, e.end) for e in ents if e.label_ in NAME_LABELS and not _is_gazetteer(e)
    }
    merged: list[Span] = [
        e for e in ents if keep_unconfirmed or _is_gazetteer(e) or e.label_ not in NAME_LABELS
    ]
    merged = [
        e
        for e in merged
        if _is_gazetteer(e)
        or not any(_overlaps(e, c) for c in conll if c.label_ in CONLL_TO_ONTONOTES)
    ]
    misc = [_strip_space(c) for c in conll if c.label_ == "MISC"]
    merged = [e for e in merged if not any(_opens_event_name(e, m) for m in misc)]
    for span in (_strip_space(c) for c in conll):
        if span.label_ not in CONLL_TO_ONTONOTES or span.start == span.end:
            continue
        if any("\n" in t.text for t in span):
            continue  # a name does not run across a line break
        if len(span) == 1 and _is_common_word(span[0]):
            continue
        if span.start in headline and (
            (span.start, span.end) not in small_names or all(map(_is_dictionary_word, span))
        ):
            continue  # on a heading, capitals say nothing: "European Security", "Restraint"
        overlapping = [e for e in ents if _overlaps(e, span)]
        gazetteer = [e for e in overlapping if _is_gazetteer(e)]
        if any(not _may_swallow(_without_possessive(span), e) for e in gazetteer):
            continue
        merged = [e for e in merged if not _overlaps(e, span)]
        merged.append(Span(doc, span.start, span.end, label=_ontonotes_label(span, overlapping)))
    return filter_spans(merged)


def stash_conll_ents(doc: Doc) -> Doc:
    """Move ``conll_ner``'s output from ``doc.ents`` to ``doc.spans["conll"]`` and clear the ents."""
    doc.spans[CONLL_KEY] = list(doc.ents)
    doc.set_ents([], default="missing")
    return doc


def merge_component(doc: Doc) -> Doc:
    """Adopt the CoNLL model's names (see :func:`merge_conll_spans`)."""
    if CONLL_KEY in doc.spans:
        merged = merge_conll_spans(doc, doc.spans[CONLL_KEY])
        doc.set_ents(merged, default="outside")
        # set_ents leaves a token's old ent_id when the new span has none ("Dynamo Kyiv"
        # would keep "Kyiv"'s id), so clear it by hand.
        for token in (t for span in merged if not span.id for t in span):
            token.ent_id = 0
    # Nothing in sitroom reads the tok2vec tensor (the model has no vectors to compare), and
    # it is ~380 bytes a token that worker processes would pickle back to the parent.
    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc
