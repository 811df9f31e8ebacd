"""Find quoted stretches of text by their quotation marks, before any parsing.

Works on characters only, so it is fast, testable without a model, and independent of
tokenization. Handles straight and curly double marks, guillemets, single-quote
partials (``‘dangerous escalation’``) while leaving apostrophes alone (``Russia’s``,
``don't``, ``nations’``), and the news convention that a quotation running over several
paragraphs re-opens each paragraph with an opening mark and closes only at its end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuotedSpan", "find_quoted_spans"]

# Marks that open / close a double quotation. A straight `"` does both, by parity.
_DOUBLE_OPEN = frozenset("“„«")
_DOUBLE_CLOSE = frozenset("”»")
_STRAIGHT_DOUBLE = '"'
_SINGLE_OPEN = frozenset("‘'")
_SINGLE_CLOSE = frozenset("’'")

# Single-quoted partials are short ("‘dangerous escalation’"); a longer stretch between
# two single marks is almost always an apostrophe paired with another apostrophe.
# 200 characters is about two clauses; chosen by reading news copy, not tuned to a text.
MAX_SINGLE_QUOTE_CHARS = 200

# A transcript label opening a paragraph ("WALLACE: …", "Q: …"): a new turn, so a
# quotation left open before it does not run on into it.
_TRANSCRIPT_LABEL = re.compile(r"[A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]+)?:\s")
# A paragraph boundary: the article text joins blocks with blank lines; plain-text
# dumps sometimes use single newlines. Either ends a paragraph.
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class QuotedSpan:
    """One quotation: ``start``/``end`` bound the content, without the marks.

    ``open_at`` is the index of the opening mark; ``close_at`` the index of the closing
    mark, or None when the quotation ran to the end of a paragraph without one.
    ``single`` is True for single-mark quotations (usually partials).
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    single: bool = False


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _before(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def _after(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else ""


def _can_open_single(text: str, i: int) -> bool:
    """A single mark opens when it follows a space or bracket and precedes a letter."""
    prev, nxt = _before(text, i), _after(text, i)
    return (prev == "" or prev.isspace() or prev in '([{—–-“"') and nxt.isalpha()


def _can_close_single(text: str, i: int) -> bool:
    """A single mark closes when it ends a word and is not an apostrophe inside one."""
    prev, nxt = _before(text, i), _after(text, i)
    if not prev or prev.isspace() or _is_word(nxt):
        return False
    # "the nations’ leaders": a plural possessive, followed by a lowercase word.
    rest = text[i + 1 : i + 3]
    return not (prev in "sS" and len(rest) == 2 and rest[0] == " " and rest[1].islower())


def _single_spans(text: str, lo: int, hi: int) -> list[QuotedSpan]:
    """Single-mark quotations in text[lo:hi] (a stretch outside any double quotation)."""
    spans: list[QuotedSpan] = []
    i = lo
    while i < hi:
        if text[i] in _SINGLE_OPEN and _can_open_single(text, i):
            limit = min(hi, i + 1 + MAX_SINGLE_QUOTE_CHARS)
            close = next(
                (
                    j
                    for j in range(i + 2, limit)
                    if text[j] in _SINGLE_CLOSE and _can_close_single(text, j)
                ),
                None,
            )
            if close is not None:
                spans.append(
                    QuotedSpan(start=i + 1, end=close, open_at=i, close_at=close, single=True)
                )
                i = close + 1
                continue
        i += 1
    return spans


def _opens(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _DOUBLE_OPEN:
        return True
    if ch == _STRAIGHT_DOUBLE:
        return True
    # A closing curly mark typed where an opening one belongs (after a space).
    prev = _before(text, i)
    return ch in _DOUBLE_CLOSE and (prev == "" or prev.isspace()) and _is_word(_after(text, i))


def _closes(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _DOUBLE_CLOSE or ch == _STRAIGHT_DOUBLE:
        return True
    # An opening curly mark typed where a closing one belongs (after punctuation/word, before space).
    nxt = _after(text, i)
    return (
        ch in _DOUBLE_OPEN and not _before(text, i).isspace() and (nxt == "" or not _is_word(nxt))
    )


def _nests(text: str, open_at: int, i: int) -> bool:
    """A curly opening mark inside a curly or straight quotation opens a nested one
    ("“… called it “a hoax” …”", "\"… an episode of “Shark Tank.” But …\"");
    straight marks cannot nest, they only alternate."""
    if text[open_at] not in {"“", _STRAIGHT_DOUBLE} or text[i] != "“" or i == open_at:
        return False
    prev = _before(text, i)
    return (prev.isspace() or prev in "([—–-") and _is_word(_after(text, i))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _starts_with_open_mark(text: str, lo: int, hi: int) -> int | None:
    """Index of an opening double mark at the very start of a paragraph, else None."""
    j = lo
    while j < hi and text[j].isspace():
        j += 1
    return j if j < hi and text[j] in (_DOUBLE_OPEN | {_STRAIGHT_DOUBLE}) else None


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Return every quotation in ``text``, in order, content spans without their marks.

    A double quotation left open at the end of a paragraph continues into the next
    paragraph when that one starts with an opening mark (news convention), unless that
    paragraph opens with a transcript label ("PENCE: …", a new turn); otherwise it ends
    with its paragraph. Single-mark quotations are looked for only outside double
    ones, so nested quotes stay inside their parent.
    """
    # Two apostrophes stand for a double mark in some newswire (''like this''); scan a
    # same-length copy where the pair reads as one straight double mark and a space.
    text = text.replace("''", '" ')
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    spans: list[QuotedSpan] = []
    open_at: int | None = None  # opening mark of the quotation in progress
    k = 0
    while k < len(paragraphs):
        lo, hi = paragraphs[k]
        outside_from = lo  # start of the current stretch outside double quotes
        i = lo
        if open_at is not None:
            # Continuation paragraph: skip its re-opening mark.
            reopen = _starts_with_open_mark(text, lo, hi)
            i = (reopen + 1) if reopen is not None else lo
            outside_from = hi
        nested = 0  # curly quotations opened inside the current one (non-standard nesting)
        while i < hi:
            if open_at is None and _opens(text, i):
                spans.extend(_single_spans(text, outside_from, i))
                open_at = i
            elif open_at is not None and _nests(text, open_at, i):
                nested += 1
            elif nested and text[i] == "”":
                nested -= 1
            elif open_at is not None and text[i] != "\n" and _closes(text, i) and i > open_at + 1:
                start, end = _trim(text, open_at + 1, i)
                if end > start:
                    spans.append(QuotedSpan(start=start, end=end, open_at=open_at, close_at=i))
                open_at = None
                outside_from = i + 1
            i += 1
        if open_at is None:
            spans.extend(_single_spans(text, outside_from, hi))
        else:
            nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
            reopen = _starts_with_open_mark(text, *nxt) if nxt is not None else None
            if reopen is None or _TRANSCRIPT_LABEL.match(text, reopen + 1):
                # Unclosed at paragraph end and not continued: it ends here.
                start, end = _trim(text, open_at + 1, hi)
                if end > start:
                    spans.append(QuotedSpan(start=start, end=end, open_at=open_at, close_at=None))
                open_at = None
        k += 1
    return spans
