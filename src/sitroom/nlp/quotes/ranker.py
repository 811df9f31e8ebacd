"""A learned speaker ranker for quotations the rules leave without a speaker.

The rules attribute a quotation when a cue sits next to it or governs it in the parse.
When none does (a quotation of several sentences whose speaker is named a paragraph
later, a quote in a run of dialogue), the ranker scores the people, organizations and
pronouns around it and gives the quotation the best one, if that one is likely enough.

Candidates are the heads of named entities and of clause subjects (nouns, pronouns) in
the sentences around the quotation, in its paragraph or the next or previous one, never
inside a quotation. Each is described by binary features: its side of the quotation,
its distance in sentences and paragraphs, how many candidates stand nearer, whether it
is the subject of a verb of saying, its entity label and speaker kind, whether it was
the previous quotation's speaker, whether the quotation asks a question. A logistic
model scores each candidate on its own.

The weights are a small JSON file, ``sitroom/data/quotes/speaker_ranker.json``, trained
on PolNeAR's train split only by ``eval/train_speakers.py`` (``make train-speakers``). Inference is pure Python and deterministic; without the file
the ranker is off and the rules' output is unchanged.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from sitroom.nlp.doctext import doc_text
from sitroom.nlp.quotes.speakers import NameIndex, Speaker, is_cue, is_junk_speaker, speaker_at
from sitroom.records import Quote

__all__ = [
    "WEIGHTS",
    "Candidate",
    "Layout",
    "Ranker",
    "candidates",
    "load_ranker",
    "previous_speakers",
    "unattributed",
]

WEIGHTS = Path(__file__).resolve().parents[2] / "data" / "quotes" / "speaker_ranker.json"

# How far from a quotation a candidate may stand: three sentences either side, in the
# same paragraph or the next or previous one (a speaker named after a long quotation,
# or in the paragraph that introduces it).
WINDOW_SENTENCES = 3
WINDOW_PARAGRAPHS = 1
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PRONOUNS = frozenset({"he", "she", "i", "we", "they", "it"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible speaker of one quotation, with its features."""

    speaker: Speaker
    features: tuple[str, ...]


class Layout:
    """Sentence and paragraph index of every token and character of one doc."""

    def __init__(self, doc: Doc) -> None:
        self.sentence = [0] * len(doc)
        self.sentences = list(doc.sents)
        self.ents = [e for e in doc.ents if e.label_ in _SPEAKER_LABELS]
        for k, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self.sentence[i] = k
        text = doc_text(doc)
        self._breaks = [i for i, ch in enumerate(text) if ch == "\n" and text[i - 1 : i] != "\n"]

    def paragraph(self, char: int) -> int:
        return bisect.bisect_right(self._breaks, char)


def _bucket(n: int, top: int) -> str:
    return str(n) if n < top else f"{top}+"


def _role(head: Token) -> str:
    if head.dep_ in _SUBJECT_DEPS:
        verb = head.head
        if is_cue(verb):
            return "subj_say" if verb.lemma_ == "say" else "subj_cue"
        if is_cue(verb, characterize=True):
            return "subj_frame"
        return "subj"
    if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according":
        return "according"
    if head.dep_ == "poss":
        return "poss"
    return "other"


def candidates(
    doc: Doc,
    start: int,
    end: int,
    *,
    names: NameIndex,
    quoted: Sequence[tuple[int, int]],
    previous: str | None,
    taken: frozenset[tuple[int, int]],
    layout: Layout | None = None,
) -> list[Candidate]:
    """The possible speakers of the quotation at ``start``..``end``: those before it,
    nearest first, then those after it, nearest first.

    ``previous`` is the canonical name of the previous quotation's speaker; ``taken``
    the speaker spans other quotations already have.
    """
    layout = layout or Layout(doc)
    text = doc_text(doc)
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return []
    q_first, q_last = layout.sentence[first.start], layout.sentence[first.end - 1]
    p_first, p_last = layout.paragraph(start), layout.paragraph(end)
    lo = layout.sentences[max(0, q_first - WINDOW_SENTENCES)].start
    hi = layout.sentences[min(len(layout.sentences) - 1, q_last + WINDOW_SENTENCES)].end
    question = text[start:end].rstrip(" ”\"’'.,").endswith("?")
    heads = {
        t.i: t
        for t in doc[lo:hi]
        if t.dep_ in _SUBJECT_DEPS
        and (t.pos_ in {"NOUN", "PROPN"} or (t.pos_ == "PRON" and t.lower_ in _PRONOUNS))
    }
    heads |= {e.root.i: e.root for e in layout.ents if lo <= e.start < hi}
    found: dict[tuple[int, int], tuple[Token, Speaker]] = {}
    for i in sorted(heads):
        token = heads[i]
        if first.start <= token.i < first.end or any(a <= token.idx < b for a, b in quoted):
            continue
        speaker = speaker_at(token, names)
        if speaker is None or is_junk_speaker(speaker, doc):
            continue
        para = layout.paragraph(speaker.start)
        if para < p_first - WINDOW_PARAGRAPHS or para > p_last + WINDOW_PARAGRAPHS:
            continue
        if speaker.start < end and start < speaker.end:
            continue
        found.setdefault((speaker.start, speaker.end), (token, speaker))
    before = sorted((v for v in found.values() if v[1].end <= start), key=lambda v: -v[1].start)
    after = sorted((v for v in found.values() if v[1].start >= end), key=lambda v: v[1].start)
    out: list[Candidate] = []
    for side, group in (("before", before), ("after", after)):
        for rank, (head, speaker) in enumerate(group):
            sent = layout.sentence[head.i]
            sd = q_first - sent if side == "before" else sent - q_last
            para = layout.paragraph(speaker.start)
            pd = p_first - para if side == "before" else para - p_last
            role = _role(head)
            kind = speaker.kind
            label = head.ent_type_ or "none"
            pron = head.lower_ if kind == "pronoun" else "none"
            name = speaker.name
            if name is None and head.lower_ in {"he", "she"}:
                person = names.person_before(speaker.start, doc, quoted)
                name = person.name if person is not None else None
            same = previous is not None and name == previous
            feats = [
                "bias",
                f"side={side}",
                f"sd={_bucket(sd, 3)}",
                f"pd={pd}",
                f"rank={_bucket(rank, 3)}",
                f"role={role}",
                f"kind={kind}",
                f"label={label}",
                f"pron={pron}",
                f"side={side}|sd={_bucket(sd, 3)}|role={role}",
                f"side={side}|pd={pd}",
                f"side={side}|rank={_bucket(rank, 3)}",
                f"kind={kind}|role={role}",
                f"question={question}|side={side}",
            ]
            if same:
                feats.append("previous_speaker")
                feats.append(f"previous_speaker|question={question}")
            if (speaker.start, speaker.end) in taken:
                feats.append("taken")
            out.append(Candidate(speaker, tuple(feats)))
    return out


def previous_speakers(quotes: Sequence[Quote]) -> list[str | None]:
    """For each quote, the canonical speaker of the latest direct or mixed quote before it."""
    out: list[str | None] = []
    previous = None
    for quote in quotes:
        out.append(previous)
        if quote.kind != "indirect" and quote.speaker_text is not None:
            previous = quote.speaker
    return out


def unattributed(
    doc: Doc, quotes: Sequence[Quote], *, names: NameIndex, quoted: Sequence[tuple[int, int]]
) -> Iterator[tuple[int, list[Candidate]]]:
    """The index and candidate speakers of each quotation the rules left without a speaker:
    what the ranker scores at extraction and what it is trained on (``eval/train_speakers.py``)."""
    if all(q.kind == "indirect" or q.speaker_text is not None for q in quotes):
        return
    layout = Layout(doc)
    taken = frozenset(
        (q.speaker_start, q.speaker_end)
        for q in quotes
        if q.speaker_start is not None and q.speaker_end is not None
    )
    for i, (quote, previous) in enumerate(zip(quotes, previous_speakers(quotes), strict=True)):
        if quote.kind == "indirect" or quote.speaker_text is not None:
            continue
        yield (
            i,
            candidates(
                doc,
                quote.start,
                quote.end,
                names=names,
                quoted=quoted,
                previous=previous,
                taken=taken,
                layout=layout,
            ),
        )


class Ranker:
    """Logistic scores of candidates from their features; a threshold for "likely"."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold

    def probability(self, candidate: Candidate) -> float:
        z = sum(self.weights.get(f, 0.0) for f in candidate.features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def best(self, cands: Sequence[Candidate]) -> Candidate | None:
        """The highest-scoring candidate when it reaches the threshold, else None (a tie
        goes to the one listed first: those before the quotation, nearest first, then
        those after it)."""
        if not cands:
            return None
        top = max(cands, key=self.probability)
        return top if self.probability(top) >= self.threshold else None


@lru_cache(maxsize=1)
def load_ranker(path: Path = WEIGHTS) -> Ranker | None:
    """The shipped ranker, or None when its weights file is missing."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Ranker({str(k): float(v) for k, v in data["weights"].items()}, float(data["threshold"]))
