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
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

__all__ = ["CONLL_KEY", "NAME_LABELS", "merge_conll_spans", "stash_conll_ents"]

CONLL_KEY = "conll"
# OntoNotes labels the CoNLL model's PER/ORG/LOC decisions replace.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
# How a CoNLL label becomes an OntoNotes one (LOC is refined to GPE below).
CONLL_TO_ONTONOTES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _is_gazetteer(span: Span) -> bool:
    return bool(span.ent_id_)


def _ontonotes_label(conll: Span, overlapping: list[Span]) -> str:
    label = CONLL_TO_ONTONOTES[conll.label_]
    if label != "LOC":
        return label
    # LOC becomes GPE when the small model called it a GPE or the gazetteer knows it as one.
    from sitroom.nlp.gazetteer import lookup

    entry = lookup(conll.text)
    if any(e.label_ == "GPE" for e in overlapping) or (entry is not None and entry.label == "GPE"):
        return "GPE"
    return "FAC" if any(e.label_ == "FAC" for e in overlapping) else "LOC"


def merge_conll_spans(doc: Doc, conll: Iterable[Span], *, keep_unconfirmed: bool = False) -> list[Span]:
    """The merged entity list: gazetteer spans, CoNLL names, and the small model's other types.

    A CoNLL span loses to any gazetteer span it overlaps without containing it; it replaces
    the small model's overlapping name spans (and a contained gazetteer span, as in
    "Dynamo Kiev"). A small-model name span that no CoNLL span touches is dropped: on
    CoNLL-2003 those are mostly false positives. CoNLL MISC spans only remove name spans
    they overlap ("West Indian" is not a place).
    """
    ents = list(doc.ents)
    conll = list(conll)
    merged: list[Span] = [e for e in ents if keep_unconfirmed or _is_gazetteer(e) or e.label_ not in NAME_LABELS]
    merged = [e for e in merged if _is_gazetteer(e) or not any(_overlaps(e, c) for c in conll if c.label_ in CONLL_TO_ONTONOTES)]
    for span in conll:
        overlapping = [e for e in ents if _overlaps(e, span)]
        blocking = [e for e in overlapping if _is_gazetteer(e) and not (span.start <= e.start and e.end <= span.end)]
        if span.label_ not in CONLL_TO_ONTONOTES or blocking or span.start == span.end:
            continue
        inner = [e for e in overlapping if _is_gazetteer(e)]
        if any(e.start == span.start and e.end == span.end for e in inner):
            continue  # the gazetteer already has this exact span
        merged = [e for e in merged if not _overlaps(e, span)]
        merged.append(Span(doc, span.start, span.end, label=_ontonotes_label(span, overlapping)))
    return filter_spans(merged)


@Language.component("sitroom_conll_stash", assigns=["doc.spans"])
def stash_conll_ents(doc: Doc) -> Doc:
    """Move ``conll_ner``'s output from ``doc.ents`` to ``doc.spans["conll"]`` and clear the ents."""
    doc.spans[CONLL_KEY] = list(doc.ents)
    doc.set_ents([], default="missing")
    return doc


@Language.component("sitroom_ner_merge", requires=["doc.ents"], assigns=["doc.ents"])
def merge_component(doc: Doc) -> Doc:
    """Adopt the CoNLL model's names (see :func:`merge_conll_spans`)."""
    if CONLL_KEY in doc.spans:
        doc.set_ents(merge_conll_spans(doc, doc.spans[CONLL_KEY]), default="outside")
    # Nothing in sitroom reads the tok2vec tensor (the model has no vectors to compare), and
    # it is ~380 bytes a token that worker processes would pickle back to the parent.
    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc

