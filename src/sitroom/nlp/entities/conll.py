"""Read CoNLL-2003 NER files into sentences with character-offset entity spans.

Why its own module: the trainer (``entities.train``) and the CoNLL eval both need the same
reading, and both feed spaCy the sentence the way sitroom sees text: the tokens joined by
single spaces, re-tokenized by spaCy, with gold entities as character spans.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ConllSentence", "iob_chunks", "read_conll"]

DOCSTART = "-DOCSTART-"


@dataclass(frozen=True, slots=True, kw_only=True)
class ConllSentence:
    """One CoNLL sentence: tokens, their IOB tags, and the space-joined text."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    @property
    def offsets(self) -> tuple[tuple[int, int], ...]:
        """Character (start, end) of each token inside :attr:`text`."""
        spans, pos = [], 0
        for token in self.tokens:
            spans.append((pos, pos + len(token)))
            pos += len(token) + 1
        return tuple(spans)

    @property
    def chunks(self) -> tuple[tuple[int, int, str], ...]:
        """Gold entities as token (start, end_exclusive, type)."""
        return tuple(iob_chunks(self.tags))

    @property
    def char_entities(self) -> tuple[tuple[int, int, str], ...]:
        """Gold entities as character (start, end, type) inside :attr:`text`."""
        offsets = self.offsets
        return tuple((offsets[s][0], offsets[e - 1][1], label) for s, e, label in self.chunks)


def iob_chunks(tags: tuple[str, ...] | list[str]) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, type) chunks from IOB1 or IOB2 tags, as conlleval reads them.

    conlleval starts a chunk at ``B-X``, or at ``I-X`` when the previous tag is ``O`` or of
    another type; so IOB1 (CoNLL-2003's own scheme) and IOB2 both decode correctly.
    """
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and label != kind)
        if kind is not None and (tag == "O" or begins):
            yield (start, i, kind)  # type: ignore[misc]
            start, kind = None, None
        if prefix in {"B", "I"} and (begins or kind is None):
            start, kind = i, label


def read_conll(path: Path) -> list[ConllSentence]:
    """Read a CoNLL-2003 file (word POS chunk NER per line; blank line between sentences)."""
    sentences: list[ConllSentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        cols = line.split()
        if cols and cols[0] != DOCSTART:
            tokens.append(cols[0])
            tags.append(cols[-1])
            continue
        if tokens:
            sentences.append(ConllSentence(tokens=tuple(tokens), tags=tuple(tags)))
        tokens, tags = [], []
    return sentences
