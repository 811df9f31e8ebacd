"""Entry points: read one input (bytes or a path) with the right reader, and walk input folders.

:func:`iter_read` yields a path's articles, links and skipped records as they are read
(:func:`open_input` says its format too): JSON Lines and WARC stream record by record, so
a batch can commit and show progress as it goes; :func:`read_path` and :func:`read_bytes`
gather the same items into a :class:`ReadResult`.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from sitroom.config import Settings
from sitroom.errors import EmptyInput, IngestError, InputTooLarge, SitroomError, UnsupportedFormat
from sitroom.readers.decode import decode_bytes
from sitroom.readers.detect import SNIFF_BYTES, detect_format
from sitroom.readers.html import parse_html
from sitroom.readers.index import IndexEntry, lookup
from sitroom.readers.jsonl import iter_jsonl
from sitroom.readers.result import (
    DEFAULT_LIMITS,
    FORMATS,
    ReadItem,
    ReadLimits,
    ReadResult,
    ReadStream,
    Skipped,
)
from sitroom.readers.rss import iter_feed, iter_feed_items
from sitroom.readers.text import split_dump
from sitroom.readers.warc import iter_warc
from sitroom.records import Article, Link, article_id_for

__all__ = [
    "DEFAULT_MAX_BYTES",
    "demo_corpus_dir",
    "iter_input_paths",
    "iter_read",
    "limits_from",
    "open_input",
    "read_bytes",
    "read_path",
]

# Same default as the ``max_input_bytes`` setting in sitroom.config.
DEFAULT_MAX_BYTES = DEFAULT_LIMITS.max_input_bytes
_MB = 1024 * 1024


def _size(n: int) -> str:
    return f"{n / _MB:.1f} MB" if n >= _MB else f"{n} bytes"


def _limit(n: int) -> str:
    return f"{n / _MB:g} MB" if n >= _MB else f"{n} bytes"


def limits_from(settings: Settings) -> ReadLimits:
    """The reader limits set by ``max_input_bytes``, ``max_record_bytes`` and ``input_timeout_s``."""
    return ReadLimits(
        max_input_bytes=settings.max_input_bytes,
        max_record_bytes=settings.max_record_bytes,
        input_timeout_s=settings.input_timeout_s,
    )


def _whole(
    handle: BinaryIO,
    *,
    name: str,
    fmt: str,
    published: str | None,
    outlet: str | None,
    limits: ReadLimits,
) -> Iterator[ReadItem]:
    """Readers that need the whole input at once (HTML, feeds, text dumps).

    A feed bigger than one record (``max_record_bytes``) is read item by item instead.
    """
    if fmt == "rss" and _remaining(handle) > limits.max_record_bytes:
        yield from iter_feed_items(handle, name=name, published=published, outlet=outlet)
        return
    raw = handle.read()
    if fmt == "rss":
        yield from iter_feed(raw, name=name, published=published, outlet=outlet)
        return
    text = decode_bytes(raw, name=name)
    del raw
    if fmt == "html":
        yield parse_html(
            text, name=name, published=published, outlet=outlet, timeout_s=limits.input_timeout_s
        )
        return
    articles = split_dump(
        text, name=name, published=published, outlet=outlet, max_line_chars=limits.max_record_bytes
    )
    if not articles:
        raise EmptyInput(f"{name}: no article text found (no paragraph in the text)")
    yield from articles


def _remaining(handle: BinaryIO) -> int:
    """Bytes from the handle's position to its end (the position is kept)."""
    position = handle.tell()
    end = handle.seek(0, io.SEEK_END)
    handle.seek(position)
    return end - position


def _items(
    handle: BinaryIO,
    *,
    name: str,
    fmt: str,
    published: str | None,
    outlet: str | None,
    limits: ReadLimits,
) -> Iterator[ReadItem]:
    if fmt == "warc":
        return iter_warc(handle, name=name, published=published, outlet=outlet, limits=limits)
    if fmt == "jsonl":
        return iter_jsonl(handle, name=name, published=published, outlet=outlet, limits=limits)
    return _whole(handle, name=name, fmt=fmt, published=published, outlet=outlet, limits=limits)


def _guarded(items: Iterator[ReadItem], *, name: str, fmt: str) -> Iterator[ReadItem]:
    """Turn any third-party exception into an IngestError naming the input."""
    try:
        yield from items
    except SitroomError:
        raise
    except (Exception, RecursionError) as e:
        # Third-party parsers (lxml, feedparser, warcio) raise their own types on hostile
        # input; one bad file must give a message, never a traceback that stops a batch.
        raise IngestError(f"{name}: cannot read as {fmt} ({type(e).__name__}: {e})") from e


def _with_index(
    items: Iterator[ReadItem], entry: IndexEntry, *, single: bool
) -> Iterator[ReadItem]:
    """Fill what the input lacks from its index entry (see sitroom.readers.index)."""
    for item in items:
        if isinstance(item, Article):
            if item.published_source == "option" and item.published == entry.published:
                item = replace(item, published_source="index")
            if entry.url and not item.url:
                item = replace(item, url=entry.url)
            if single and entry.title and (item.title is None or item.title_derived):
                item = replace(
                    item,
                    title=entry.title,
                    title_derived=False,
                    id=article_id_for(entry.title, item.text),
                )
        yield item


def _open_items(
    handle: BinaryIO,
    *,
    name: str,
    size: int,
    fmt: str | None,
    published: str | None,
    outlet: str | None,
    entry: IndexEntry | None,
    limits: ReadLimits,
) -> tuple[str, Iterator[ReadItem]]:
    head = handle.read(SNIFF_BYTES)
    handle.seek(0)
    if not head.strip() and size <= len(head):
        raise EmptyInput(
            f"{name}: empty file" if not head else f"{name}: empty file (only whitespace)"
        )
    if fmt is not None and fmt not in FORMATS:
        raise UnsupportedFormat(f"{name}: unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    chosen = fmt or detect_format(head, name=name, size=size)
    if entry is not None:
        outlet = entry.outlet or outlet
        published = entry.published or published
    items = _guarded(
        _items(handle, name=name, fmt=chosen, published=published, outlet=outlet, limits=limits),
        name=name,
        fmt=chosen,
    )
    if entry is not None and chosen in ("html", "text"):
        # Read whole anyway: see whether the file holds one article, which the title is for.
        whole = list(items)
        single = sum(isinstance(i, Article) for i in whole) == 1
        items = _with_index(iter(whole), entry, single=single)
    elif entry is not None:
        items = _with_index(items, entry, single=False)
    return chosen, items


def _result(name: str, fmt: str, items: Iterable[ReadItem]) -> ReadResult:
    collected = list(items)
    return ReadResult(
        source=name,
        format=fmt,
        articles=tuple(i for i in collected if isinstance(i, Article)),
        links=tuple(i for i in collected if isinstance(i, Link)),
        skipped=tuple(i.message for i in collected if isinstance(i, Skipped)),
    )


def read_bytes(
    raw: bytes,
    *,
    name: str,
    fmt: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ReadResult:
    """Read one input's bytes; ``fmt`` forces a reader, else it is detected from content.

    ``published`` (ISO date) applies where the input has no date of its own.

    Raises:
        IngestError: (or a subclass) naming ``name`` and the reason.
    """
    if not raw.strip():
        raise EmptyInput(
            f"{name}: empty file" if not raw else f"{name}: empty file (only whitespace)"
        )
    chosen, items = _open_items(
        io.BytesIO(raw),
        name=name,
        size=len(raw),
        fmt=fmt,
        published=published,
        outlet=outlet,
        entry=None,
        limits=limits,
    )
    return _result(name, chosen, items)


def _open_file(path: Path, *, max_bytes: int) -> tuple[BinaryIO, int]:
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise IngestError(f"{name}: no such file (or a broken link)") from None
    except OSError as e:
        raise IngestError(f"{name}: cannot open: {e.strerror or e}") from e
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(f"{name}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(f"{name}: not a regular file (a device, pipe or socket)")
    if info.st_size > max_bytes:
        raise InputTooLarge(
            f"{name}: {_size(info.st_size)} is over the {_limit(max_bytes)} limit (max_input_bytes)"
        )
    if info.st_size == 0:
        raise EmptyInput(f"{name}: empty file")
    try:
        handle = path.open("rb")
    except OSError as e:
        raise IngestError(f"{name}: cannot read: {e.strerror or e}") from e
    return handle, info.st_size


def _capped(handle: BinaryIO, *, name: str, max_bytes: int) -> BinaryIO:
    """Refuse a file that grew past the limit after stat(), without reading it all."""
    handle.seek(max_bytes)
    grew = bool(handle.read(1))
    handle.seek(0)
    if grew:
        handle.close()
        raise InputTooLarge(f"{name}: over the {_limit(max_bytes)} limit (max_input_bytes)")
    return handle


def open_input(
    path: Path,
    *,
    fmt: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    index: Mapping[str, IndexEntry] | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ReadStream:
    """Open one file for reading: its format now, its items as they are read (see
    :func:`iter_read`, which this is with the format)."""
    name = str(path)
    handle, size = _open_file(path, max_bytes=limits.max_input_bytes)
    handle = _capped(handle, name=name, max_bytes=limits.max_input_bytes)
    entry = lookup(index, path) if index else None

    def items() -> Iterator[ReadItem]:
        with handle:
            try:
                chosen, inner = _open_items(
                    handle,
                    name=name,
                    size=size,
                    fmt=fmt,
                    published=published,
                    outlet=outlet,
                    entry=entry,
                    limits=limits,
                )
            except OSError as e:
                raise IngestError(f"{name}: cannot read: {e.strerror or e}") from e
            formats.append(chosen)
            yield from inner

    formats: list[str] = []
    stream = items()
    first = next(stream, None)  # opens, sniffs and detects now, so errors surface here
    return ReadStream(format=formats[0], items=_chain(first, stream))


def _chain(first: ReadItem | None, rest: Iterator[ReadItem]) -> Iterator[ReadItem]:
    if first is not None:
        yield first
    yield from rest


def iter_read(
    path: Path,
    *,
    fmt: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    index: Mapping[str, IndexEntry] | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Iterator[ReadItem]:
    """Yield one file's Articles, Links and Skipped records in input order, as they are read.

    JSON Lines and WARC inputs stream record by record in memory bounded by
    ``limits.max_record_bytes``; other formats are read whole (at most
    ``limits.max_input_bytes``). ``index`` maps file names to sidecar metadata
    (:func:`sitroom.readers.index.load_index`). Errors found before the first record (a
    missing, refused or unrecognised file) are raised by the call itself; errors that stop
    the input later are raised while iterating, after the items read before them.

    Raises:
        IngestError: (or a subclass) naming the path and the reason.
    """
    return open_input(
        path, fmt=fmt, published=published, outlet=outlet, index=index, limits=limits
    ).items


def read_path(
    path: Path,
    *,
    fmt: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    max_bytes: int | None = None,
    index: Mapping[str, IndexEntry] | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ReadResult:
    """Read one file; its size is checked before any byte is read.

    ``max_bytes`` overrides ``limits.max_input_bytes``.

    Raises:
        IngestError: missing, a directory, unreadable, empty, too large, or unreadable content.
    """
    if max_bytes is not None:
        limits = replace(limits, max_input_bytes=max_bytes)
    stream = open_input(
        path, fmt=fmt, published=published, outlet=outlet, index=index, limits=limits
    )
    return _result(str(path), stream.format, stream.items)


def iter_input_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield the files to read: folders are walked (sorted, hidden entries skipped).

    A path that does not exist is yielded as given, so that ``read_path`` reports it.
    """
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for file in sorted(f for f in files if not f.startswith(".")):
                yield Path(root) / file


def demo_corpus_dir() -> Path:
    """The demo corpus shipped inside the package (``sitroom/data/demo``)."""
    return Path(__file__).resolve().parent.parent / "data" / "demo"
