"""Assemble an Article from a title, a dek and body blocks, with exact block spans.

Every reader ends here, so the body rules live in one place: blocks are joined by a
blank line, headings are blocks of kind "heading", the title and dek stay out of
``text``, and a byline line or a dateline at the start of the first paragraphs is
recognised and recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sitroom.records import Article, Block, article_id_for

__all__ = ["BodyBlock", "Meta", "build_article", "clean_inline", "find_dateline", "parse_byline"]

BLOCK_SEPARATOR = "\n\n"
# Bylines and datelines sit in the first few paragraphs; later matches are story text.
LEAD_PARAGRAPHS = 3
# A byline line is short: "By Jane Roe and John Doe, Reuters" is 33 characters.
BYLINE_MAX_CHARS = 80

_NAME = r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}"
_BY = re.compile(rf"^By ({_NAME}(?:(?:,| and) {_NAME})*)(?:[,|] [A-Z][\w .&'-]+)?\s*$")
_NAME_OUTLET = re.compile(
    rf"^({_NAME}), ((?:Reuters|AP|AFP|Associated Press|Agence France-Presse|Bloomberg|"
    rf"Kyiv Independent|BBC News|CNN|Ukrinform|Interfax|TASS|RIA Novosti|[A-Z][\w&.-]+ News))\s*$"
)
# "KYIV, Ukraine (AP) —", "KYIV —", "ODESA, March 4 (Reuters) -", "Kharkiv, Ukraine —"
_DATELINE = re.compile(
    r"^((?:[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}|[A-Z][a-z'’]+(?: [A-Z][a-z'’]+){0,2})"
    r"(?:, [A-Z][\w.]+(?: [A-Z0-9][\w.]+){0,2})?"
    r"(?: \((?:AP|AFP|Reuters|[A-Z][\w ]{1,30})\))?"
    r" ?[—–-]{1,2}) "
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class BodyBlock:
    """A block before spans are known."""

    kind: str  # "paragraph" | "heading"
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Meta:
    """What a reader knows about an article besides its body."""

    source: str | None = None
    source_index: int = 0
    outlet: str | None = None
    url: str | None = None
    section: str | None = None
    byline: str | None = None
    published: str | None = None
    published_source: str | None = None


def clean_inline(text: str) -> str:
    """Collapse runs of spaces (incl. no-break and zero-width ones) inside a line and trim it."""
    return _SPACES.sub(" ", text).strip()


def parse_byline(line: str) -> str | None:
    """The author(s) in a byline line ("By Jane Roe", "Jane Roe, Reuters"), else None."""
    line = line.strip()
    if len(line) > BYLINE_MAX_CHARS:
        return None
    match = _BY.match(line) or _NAME_OUTLET.match(line)
    return match.group(1) if match else None


def find_dateline(paragraph: str) -> str | None:
    """The dateline opening a paragraph ("KYIV, Ukraine (AP) —"), else None."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    head = match.group(1)
    # A mixed-case place needs an agency tag or a dash right after it; sentence openers
    # such as "Officials — " are too risky otherwise, so require uppercase or an agency.
    place = re.split(r"[,( —–-]", head, maxsplit=1)[0]
    return head.strip() if place.isupper() or "(" in head else None


def _split_byline(blocks: list[BodyBlock]) -> tuple[str | None, list[BodyBlock]]:
    for i, block in enumerate(blocks[:LEAD_PARAGRAPHS]):
        if block.kind == "paragraph":
            byline = parse_byline(block.text)
            if byline:
                return byline, blocks[:i] + blocks[i + 1 :]
    return None, blocks


def build_article(
    *, title: str | None, dek: str | None, blocks: Iterable[BodyBlock], meta: Meta
) -> Article | None:
    """Build the Article, or None when there is no body text at all."""
    cleaned = [
        BodyBlock(kind=b.kind, text=clean_inline(b.text)) for b in blocks if clean_inline(b.text)
    ]
    byline, cleaned = _split_byline(cleaned)
    if not any(b.kind == "paragraph" for b in cleaned):
        return None
    placed: list[Block] = []
    offset = 0
    for block in cleaned:
        placed.append(Block(kind=block.kind, text=block.text, start=offset, end=offset + len(block.text)))
        offset += len(block.text) + len(BLOCK_SEPARATOR)
    text = BLOCK_SEPARATOR.join(b.text for b in cleaned)
    dateline = next(
        (d for b in cleaned[:LEAD_PARAGRAPHS] if b.kind == "paragraph" and (d := find_dateline(b.text))),
        None,
    )
    title = clean_inline(title) if title else None
    dek = clean_inline(dek) if dek else None
    return Article(
        id=article_id_for(title, text),
        title=title or None,
        text=text,
        blocks=tuple(placed),
        dek=dek or None,
        section=meta.section,
        byline=meta.byline or byline,
        dateline=dateline,
        outlet=meta.outlet,
        url=meta.url,
        source=meta.source,
        source_index=meta.source_index,
        published=meta.published,
        published_source=meta.published_source if meta.published else None,
    )
