"""Helpers shared by the store tests (a unique module name, importable from any test file)."""

from __future__ import annotations

from sitroom.records import Article, Block, article_id_for
from sitroom.store import Store


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


def dump(db: Store) -> list[str]:
    """Every row of every table, as text: equal dumps mean equal stores (either backend)."""
    conn = db.connection
    if not conn.dialect.is_postgres:
        return list(conn.conn.iterdump())
    tables = [
        row[0]
        for row in conn.query(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() ORDER BY table_name"
        )
    ]
    lines = []
    for table in tables:
        rows = conn.query(f'SELECT * FROM "{table}"')
        lines += sorted(f"{table}: {tuple(row)!r}" for row in rows)
    return lines
