"""Helpers shared by the store tests (a unique module name, importable from any test file)."""

from __future__ import annotations

from sitroom.records import Article, Block, article_id_for


def build_article(
    title: str | None, blocks: list[str | tuple[str, str]], **fields: object
) -> Article:
    """An Article whose text is the blocks joined by blank lines, spans exact.

    A block given as ("heading", text) is a heading; a plain string is a paragraph.
    """
    parts = [(b, "paragraph") if isinstance(b, str) else (b[1], b[0]) for b in blocks]
    text = "\n\n".join(t for t, _ in parts)
    built, offset = [], 0
    for block_text, kind in parts:
        built.append(Block(kind=kind, text=block_text, start=offset, end=offset + len(block_text)))
        offset += len(block_text) + 2
    return Article(
        id=article_id_for(title, text), title=title, text=text, blocks=tuple(built), **fields
    )
