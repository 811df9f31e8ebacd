"""Split an article's text into highlight segments from record spans.

Why segments and not HTML: the template escapes each segment's text and wraps it in
one element whose classes name the kinds of record covering it. No HTML is ever
assembled from strings, so a hostile article cannot break out of its text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["Mark", "Segment", "segment_text", "snippet_parts"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    """One record's span to highlight: ``ref`` is its id in the page's record table."""

    ref: str
    kind: str  # "mention" | "quote" | "claim" | "event" | "place" | "timex"
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """A run of text covered by the same set of marks (none for plain text).

    ``primary`` is the innermost (shortest) mark: what a click on the run opens.
    """

    text: str
    start: int
    end: int
    kinds: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    primary: str | None = None


def segment_text(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; each piece lists the marks that cover it.

    Marks outside the text or empty are dropped (a record whose span does not fit is a
    bug elsewhere; the reader still shows the text). Overlaps and nesting are allowed.
    """
    valid = sorted(
        (m for m in marks if 0 <= m.start < m.end <= len(text)),
        key=lambda m: (m.start, -m.end, m.ref),
    )
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    segments = []
    for start, end in pairwise(cuts):
        covering = [m for m in valid if m.start <= start and end <= m.end]
        innermost = min(covering, key=lambda m: (m.end - m.start, m.ref), default=None)
        segments.append(
            Segment(
                text=text[start:end],
                start=start,
                end=end,
                kinds=tuple(sorted({m.kind for m in covering})),
                refs=tuple(m.ref for m in covering),
                primary=innermost.ref if innermost else None,
            )
        )
    return segments


def snippet_parts(snippet: str, open_mark: str, close_mark: str) -> list[tuple[str, bool]]:
    """Split a search snippet at its match markers: (text, is_match) pairs to escape one by one."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(snippet.split(open_mark)):
        if i == 0:
            parts.append((chunk, False))
            continue
        matched, _, rest = chunk.partition(close_mark)
        parts += [(matched, True), (rest, False)]
    return [(text, hit) for text, hit in parts if text]
