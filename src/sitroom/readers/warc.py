"""WARC files, plain or gzipped (Common Crawl CC-NEWS style): each HTML response is an article.

The page gives the text and, when it states one, the date; else the record's
WARC-Date (the crawl time) is the publication date, as the archive's own metadata.
A truncated or corrupt archive keeps the records read before the fault and lists
the fault in ``skipped``.
"""

from __future__ import annotations

import io
import re
import zlib
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sitroom.errors import EmptyInput, IngestError
from sitroom.readers.decode import decode_bytes
from sitroom.readers.html import parse_html
from sitroom.readers.result import ReadResult
from sitroom.records import Article

__all__ = ["parse_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
# What a truncated gzip member or a cut record raises inside warcio. Corrupt headers can
# also surface as AttributeError/TypeError/KeyError deep in its parser (seen when fuzzing).
_STREAM_ERRORS = (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError, TypeError, KeyError)


def _decode_page(payload: bytes, content_type: str, *, name: str) -> str:
    match = _CHARSET.search(content_type)
    if match:
        try:
            return payload.decode(match.group(1))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declared charset: fall back to detection
    return decode_bytes(payload, name=name)


class _TruncatedRecord(Exception):
    """The record's block is shorter than its Content-Length: the file was cut inside it."""


def _record_article(record: Any, *, name: str, number: int, index: int, published: str | None, outlet: str | None) -> Article:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    content_type = record.http_headers.get_header("Content-Type") or ""
    payload = record.content_stream().read()
    if getattr(record.raw_stream, "limit", 0) > 0:  # warcio's LimitReader: bytes still owed
        raise _TruncatedRecord
    label = f"{name} record {number} ({uri})"
    page = _decode_page(payload, content_type, name=label)
    return parse_html(
        page,
        name=label,
        url=uri,
        published=published,
        outlet=outlet,
        fallback_date=record.rec_headers.get_header("WARC-Date"),
        source_index=index,
    )


def _cut_what(raw: bytes) -> str:
    return "truncated gzip stream" if raw.startswith(b"\x1f\x8b") else "truncated or corrupt WARC"


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.startswith(_HTML_TYPES)


def parse_warc(raw: bytes, *, name: str, published: str | None = None, outlet: str | None = None) -> ReadResult:
    """Read every HTML response record of a WARC into an Article.

    Raises:
        IngestError: the archive is unreadable and no article came out of it.
    """
    articles: list[Article] = []
    skipped: list[str] = []
    archive = ArchiveIterator(io.BytesIO(raw), arc2warc=True)
    records = iter(archive)
    number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            # warcio stops quietly at a record it cannot parse; bytes left over mean a cut file.
            if raw[archive.offset :].strip():
                skipped.append(f"{name}: {_cut_what(raw)} after {number} records")
            break
        except _STREAM_ERRORS as e:
            skipped.append(f"{name}: {_cut_what(raw)} after {number} records ({type(e).__name__}: {e})")
            break
        number += 1
        if not _is_html_response(record):
            continue
        try:
            article = _record_article(
                record, name=name, number=number, index=len(articles), published=published, outlet=outlet
            )
        except IngestError as e:
            skipped.append(str(e))
            continue
        except (_TruncatedRecord, *_STREAM_ERRORS) as e:
            detail = f" ({type(e).__name__}: {e})" if not isinstance(e, _TruncatedRecord) else ""
            skipped.append(f"{name}: truncated archive: record {number} is cut short{detail}")
            break
        articles.append(article)
    if not articles:
        reason = "; ".join(skipped) if skipped else "no HTML response records"
        raise (IngestError if skipped else EmptyInput)(f"{name}: no article read from the WARC: {reason}")
    return ReadResult(source=name, format="warc", articles=tuple(articles), skipped=tuple(skipped))
