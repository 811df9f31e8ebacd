"""Cut a long text into pieces the pipeline can parse, at paragraph and sentence boundaries.

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters, error E088: the parser
and NER need about 1 GB of temporary memory per 100,000 characters). A longer article is
parsed piece by piece and the pieces' Docs are joined back into one Doc, so every record's
offsets index the whole text (:func:`sitroom.nlp.extract.parse_texts`).

Pure string functions, no spaCy.
"""

from __future__ import annotations

import re

__all__ = ["PIECE_CHARS", "split_text"]

# The longest piece parsed at once: a tenth of spaCy's max_length, about 100 MB of parser
# memory (spaCy's own estimate above), and longer than all but a handful of news articles
# (the longest realnews benchmark article has ~40,000 characters), which stay in one piece.
PIECE_CHARS = 100_000

# Where a piece may end, best first: after a blank line (a paragraph break), after a
# sentence's final punctuation and the space after it, after any whitespace.
_PARAGRAPH_END = re.compile(r"\n[^\S\n]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+")
_SPACE = re.compile(r"\s+")


def split_text(text: str, *, piece_chars: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Return ``(start, end)`` bounds of consecutive pieces of at most ``piece_chars`` each.

    The pieces cover ``text`` exactly, in order (``"".join`` of the slices is ``text``);
    each ends at the last paragraph break that fits, else the last sentence end, else the
    last whitespace, else (one unbroken run of characters) at ``piece_chars``. A text
    that fits is one piece.
    """
    if piece_chars < 1:
        raise ValueError(f"piece_chars must be positive, got {piece_chars}")
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > piece_chars:
        end = _cut(text, start, start + piece_chars)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, start: int, limit: int) -> int:
    """The best place after ``start`` and at most ``limit`` to end a piece."""
    for pattern in (_PARAGRAPH_END, _SENTENCE_END, _SPACE):
        ends = [m.end() for m in pattern.finditer(text, start, limit) if m.end() > start]
        if ends:
            return ends[-1]
    return limit
