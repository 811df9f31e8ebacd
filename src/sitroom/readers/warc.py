"""WARC files, plain or gzipped (Common Crawl CC-NEWS style): each HTML response is an article.

The page gives the text and, when it states one, the date; else the record's
WARC-Date (the crawl time) is the publication date, as the archive's own metadata.
A truncated or corrupt archive keeps the records read before the fault and lists
the fault as skipped.

Records are read one at a time from the file, and decompressed sizes are bounded
(issue 12: a gzipped record declaring 1.5 GB of HTML took 3.9 GB of memory): a record
whose payload is over ``max_record_bytes`` is skipped unread, and reading stops, with
the reason, once the records' decompressed total passes ``max_input_bytes``.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sitroom.errors import EmptyInput, IngestError
from sitroom.readers.decode import decode_bytes
from sitroom.readers.html import parse_html
from sitroom.readers.result import DEFAULT_LIMITS, ReadLimits, Skipped
from sitroom.records import Article

__all__ = ["iter_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
# What a truncated gzip member or a cut record raises inside warcio. Corrupt headers can
# also surface as AttributeError/TypeError/KeyError deep in its parser (seen when fuzzing).
_STREAM_ERRORS = (
    ArchiveLoadFailed,
    EOFError,
    zlib.error,
    OSError,
    ValueError,
    AttributeError,
    TypeError,
    KeyError,
)
_MB = 1024 * 1024
# Compressed bytes warcio inflates in one step. Deflate expands up to ~1,000 times, so
# one step of 4 KB holds at most ~4 MB (warcio's default of 16 KB: ~16 MB).
INFLATE_BLOCK_BYTES = 4 * 1024


def _size(n: int) -> str:
    return f"{n / _MB:.1f} MB" if n >= _MB else f"{n} bytes"


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


class _RecordTooLarge(Exception):
    """The payload, once decoded, runs past max_record_bytes."""


def _declared_length(record: Any) -> int | None:
    try:
        return int(record.rec_headers.get_header("Content-Length") or "")
    except ValueError:
        return None


def _record_article(
    record: Any,
    *,
    label: str,
    index: int,
    published: str | None,
    outlet: str | None,
    limits: ReadLimits,
) -> Article:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    content_type = record.http_headers.get_header("Content-Type") or ""
    # Bounded: HTTP Content-Encoding (gzip, br) can expand a small record enormously too.
    payload = record.content_stream().read(limits.max_record_bytes + 1)
    if len(payload) > limits.max_record_bytes:
        raise _RecordTooLarge
    if getattr(record.raw_stream, "limit", 0) > 0:  # warcio's LimitReader: bytes still owed
        raise _TruncatedRecord
    page = _decode_page(payload, content_type, name=label)
    return parse_html(
        page,
        name=label,
        url=uri,
        published=published,
        outlet=outlet,
        fallback_date=record.rec_headers.get_header("WARC-Date"),
        source_index=index,
        timeout_s=limits.input_timeout_s,
    )


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.startswith(_HTML_TYPES)


def _left_over(handle: BinaryIO, offset: int) -> bool:
    handle.seek(offset)
    return bool(handle.read(4096).strip())


def iter_warc(
    handle: BinaryIO,
    *,
    name: str,
    published: str | None = None,
    outlet: str | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Iterator[Article | Skipped]:
    """Yield an Article per HTML response record of the WARC in ``handle`` (seekable), in order.

    Raises:
        IngestError: the archive is unreadable and no article came out of it.
    """
    gzipped = handle.read(2) == b"\x1f\x8b"
    handle.seek(0)
    cut_what = "truncated gzip stream" if gzipped else "truncated or corrupt WARC"
    archive = ArchiveIterator(handle, arc2warc=True, block_size=INFLATE_BLOCK_BYTES)
    records = iter(archive)
    number = read = total = 0
    reasons: list[str] = []

    def skip(message: str) -> Skipped:
        if len(reasons) < 3:
            reasons.append(message)
        return Skipped(message=message)

    while True:
        try:
            record = next(records)
        except StopIteration:
            # warcio stops quietly at a record it cannot parse; bytes left over mean a cut file.
            if _left_over(handle, archive.offset):
                yield skip(f"{name}: {cut_what} after {number} records")
            break
        except _STREAM_ERRORS as e:
            yield skip(f"{name}: {cut_what} after {number} records ({type(e).__name__}: {e})")
            break
        number += 1
        declared = _declared_length(record)
        total += declared or 0
        if total > limits.max_input_bytes:
            yield skip(
                f"{name}: stopped at record {number}: the records decompress to over the "
                f"{_size(limits.max_input_bytes)} limit (max_input_bytes)"
            )
            break
        if not _is_html_response(record):
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI")
        label = f"{name} record {number} ({uri})"
        if declared is not None and declared > limits.max_record_bytes:
            yield skip(
                f"{label}: {_size(declared)} is over the {_size(limits.max_record_bytes)} "
                "limit for one record (max_record_bytes); skipped unread"
            )
            continue
        try:
            article = _record_article(
                record, label=label, index=read, published=published, outlet=outlet, limits=limits
            )
        except _RecordTooLarge:
            yield skip(
                f"{label}: the page decodes to over the {_size(limits.max_record_bytes)} "
                "limit for one record (max_record_bytes); skipped"
            )
            continue
        except IngestError as e:
            yield skip(str(e))
            continue
        except (_TruncatedRecord, *_STREAM_ERRORS) as e:
            detail = f" ({type(e).__name__}: {e})" if not isinstance(e, _TruncatedRecord) else ""
            yield skip(f"{name}: truncated archive: record {number} is cut short{detail}")
            break
        read += 1
        yield article
    if not read:
        reason = "; ".join(reasons) if reasons else "no HTML response records"
        raise (IngestError if reasons else EmptyInput)(
            f"{name}: no article read from the WARC: {reason}"
        )
