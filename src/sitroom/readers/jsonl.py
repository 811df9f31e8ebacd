"""JSON Lines: one article per line, ``{"title", "text", "url", "published", "outlet"}``.

Optional keys read when present: ``dek``, ``section``, ``byline``/``author``. The
body splits into paragraphs on blank lines, or on single newlines when it has no
blank line. A bad line (invalid JSON, nested too deeply, too long, no text) is
skipped with its line number and the reason; the rest are kept. Lines are read one
at a time, so a file of any length streams in bounded memory.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from sitroom.errors import EmptyInput, IngestError
from sitroom.readers.build import BodyBlock, Meta, build_article, scrub
from sitroom.readers.decode import decode_bytes, decode_line
from sitroom.readers.lines import LongLine, iter_lines
from sitroom.readers.pubdate import pick_published
from sitroom.readers.result import DEFAULT_LIMITS, ReadLimits, Skipped
from sitroom.records import Article

__all__ = ["iter_jsonl", "paragraphs_of"]


def paragraphs_of(text: str) -> list[BodyBlock]:
    """Paragraph blocks of a plain body: split on blank lines, else on newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = text.split("\n\n") if "\n\n" in text else text.split("\n")
    return [
        BodyBlock(kind="paragraph", text=part.replace("\n", " ")) for part in parts if part.strip()
    ]


def _text_field(row: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = row.get(key)
        if isinstance(value, str) and value.strip():
            return scrub(value)  # "\ud800" in JSON is a lone surrogate (issue 12)
    return None


def _row_article(
    row: Any, *, name: str, line_no: int, index: int, published: str | None, outlet: str | None
) -> Article:
    if not isinstance(row, dict):
        raise IngestError(f"{name}: line {line_no}: not a JSON object")
    body = _text_field(row, "text", "body", "content")
    if body is None:
        raise IngestError(f'{name}: line {line_no}: no "text" field')
    date = row.get("published") or row.get("date")
    pub = pick_published(
        scrub(date) if isinstance(date, str) else date, option=published, name=name
    )
    meta = Meta(
        source=name,
        source_index=index,
        outlet=_text_field(row, "outlet", "source", "site"),
        default_outlet=outlet,
        url=_text_field(row, "url", "link"),
        section=_text_field(row, "section"),
        byline=_text_field(row, "byline", "author"),
        published=pub.date,
        published_source=pub.source,
    )
    article = build_article(
        title=_text_field(row, "title", "headline"),
        dek=_text_field(row, "dek"),
        blocks=paragraphs_of(body),
        meta=meta,
    )
    if article is None:
        raise IngestError(f'{name}: line {line_no}: empty "text"')
    return article


def _parse_line(text: str, *, name: str, line_no: int) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise IngestError(
            f"{name}: line {line_no}: invalid JSON ({e.msg} at column {e.colno})"
        ) from e
    except RecursionError as e:  # "[[[[..." 100,000 deep (issue 12)
        raise IngestError(f"{name}: line {line_no}: JSON nested too deeply") from e


def _raw_lines(handle: BinaryIO, *, limit: int) -> Iterator[bytes | LongLine]:
    position = handle.tell()
    bom = handle.read(2)
    handle.seek(position)
    if bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        # UTF-16 lines cannot be cut on b"\n": decode the whole (bounded by max_input_bytes).
        text = decode_bytes(handle.read(), name="")
        yield from (line.encode("utf-8") for line in text.split("\n"))
        return
    yield from iter_lines(handle, limit=limit)


def iter_jsonl(
    handle: BinaryIO,
    *,
    name: str,
    published: str | None = None,
    outlet: str | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Iterator[Article | Skipped]:
    """Yield an Article per good line and a Skipped per bad one, reading one line at a time.

    ``handle`` must be seekable (a file or BytesIO).

    Raises:
        IngestError: no line gave an article (raised after the last line).
    """
    read = 0
    reasons: list[str] = []
    for line_no, line in enumerate(_raw_lines(handle, limit=limits.max_record_bytes), start=1):
        if isinstance(line, LongLine):
            message = (
                f"{name}: line {line_no}: {line.size:,} bytes is over the "
                f"{limits.max_record_bytes:,} bytes limit for one record (max_record_bytes)"
            )
        else:
            text = decode_line(line.removeprefix(codecs.BOM_UTF8) if line_no == 1 else line)
            if not text.strip():
                continue
            try:
                row = _parse_line(text, name=name, line_no=line_no)
                article = _row_article(
                    row, name=name, line_no=line_no, index=read, published=published, outlet=outlet
                )
            except IngestError as e:
                message = str(e)
            else:
                read += 1
                yield article
                continue
        if len(reasons) < 3:
            reasons.append(message)
        yield Skipped(message=message)
    if not read:
        reason = "; ".join(reasons) if reasons else "no lines"
        raise (IngestError if reasons else EmptyInput)(
            f"{name}: no article in the JSON Lines file: {reason}"
        )
