"""JSON Lines: one article per line, ``{"title", "text", "url", "published", "outlet"}``.

Optional keys read when present: ``dek``, ``section``, ``byline``/``author``. The
body splits into paragraphs on blank lines, or on single newlines when it has no
blank line. A bad line is skipped with its line number; the rest are kept.
"""

from __future__ import annotations

import json
from typing import Any

from sitroom.errors import EmptyInput, IngestError
from sitroom.readers.build import BodyBlock, Meta, build_article
from sitroom.readers.pubdate import pick_published
from sitroom.readers.result import ReadResult
from sitroom.records import Article

__all__ = ["paragraphs_of", "parse_jsonl"]


def paragraphs_of(text: str) -> list[BodyBlock]:
    """Paragraph blocks of a plain body: split on blank lines, else on newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = text.split("\n\n") if "\n\n" in text else text.split("\n")
    return [BodyBlock(kind="paragraph", text=part.replace("\n", " ")) for part in parts if part.strip()]


def _text_field(row: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = row.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _row_article(row: Any, *, name: str, line_no: int, index: int, published: str | None, outlet: str | None) -> Article:
    if not isinstance(row, dict):
        raise IngestError(f"{name}: line {line_no}: not a JSON object")
    body = _text_field(row, "text", "body", "content")
    if body is None:
        raise IngestError(f"{name}: line {line_no}: no \"text\" field")
    pub = pick_published(row.get("published") or row.get("date"), option=published, name=name)
    meta = Meta(
        source=name,
        source_index=index,
        outlet=_text_field(row, "outlet", "source", "site") or outlet,
        url=_text_field(row, "url", "link"),
        section=_text_field(row, "section"),
        byline=_text_field(row, "byline", "author"),
        published=pub.date,
        published_source=pub.source,
    )
    article = build_article(
        title=_text_field(row, "title", "headline"), dek=_text_field(row, "dek"), blocks=paragraphs_of(body), meta=meta
    )
    if article is None:
        raise IngestError(f"{name}: line {line_no}: empty \"text\"")
    return article


def parse_jsonl(text: str, *, name: str, published: str | None = None, outlet: str | None = None) -> ReadResult:
    """Read JSON Lines into articles; bad lines go to ``skipped``.

    Raises:
        IngestError: no line gave an article.
    """
    articles: list[Article] = []
    skipped: list[str] = []
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            skipped.append(f"{name}: line {line_no}: invalid JSON ({e.msg} at column {e.colno})")
            continue
        try:
            articles.append(
                _row_article(row, name=name, line_no=line_no, index=len(articles), published=published, outlet=outlet)
            )
        except IngestError as e:
            skipped.append(str(e))
    if not articles:
        reason = "; ".join(skipped[:3]) if skipped else "no lines"
        raise (IngestError if skipped else EmptyInput)(f"{name}: no article in the JSON Lines file: {reason}")
    return ReadResult(source=name, format="jsonl", articles=tuple(articles), skipped=tuple(skipped))
