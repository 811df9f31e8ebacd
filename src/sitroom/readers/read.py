"""Entry points: read one input (bytes or a path) with the right reader, and walk input folders."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitroom.errors import EmptyInput, IngestError, InputTooLarge, SitroomError, UnsupportedFormat
from sitroom.readers.decode import decode_bytes
from sitroom.readers.detect import detect_format
from sitroom.readers.html import parse_html
from sitroom.readers.jsonl import parse_jsonl
from sitroom.readers.result import FORMATS, ReadResult
from sitroom.readers.rss import parse_feed
from sitroom.readers.text import split_dump
from sitroom.readers.warc import parse_warc

__all__ = ["DEFAULT_MAX_BYTES", "demo_corpus_dir", "iter_input_paths", "read_bytes", "read_path"]

# Same default as the ``max_input_bytes`` setting in sitroom.config.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
_MB = 1024 * 1024


def _size(n: int) -> str:
    return f"{n / _MB:.1f} MB" if n >= _MB else f"{n} bytes"


def _limit(n: int) -> str:
    return f"{n / _MB:g} MB" if n >= _MB else f"{n} bytes"


def _read(raw: bytes, *, name: str, fmt: str, published: str | None, outlet: str | None) -> ReadResult:
    if fmt == "warc":
        return parse_warc(raw, name=name, published=published, outlet=outlet)
    if fmt == "rss":
        return parse_feed(raw, name=name, published=published, outlet=outlet)
    text = decode_bytes(raw, name=name)
    if fmt == "jsonl":
        return parse_jsonl(text, name=name, published=published, outlet=outlet)
    if fmt == "html":
        article = parse_html(text, name=name, published=published, outlet=outlet)
        return ReadResult(source=name, format=fmt, articles=(article,))
    articles = split_dump(text, name=name, published=published, outlet=outlet)
    if not articles:
        raise EmptyInput(f"{name}: no article text found (no paragraph in the text)")
    return ReadResult(source=name, format=fmt, articles=tuple(articles))


def read_bytes(
    raw: bytes,
    *,
    name: str,
    fmt: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
) -> ReadResult:
    """Read one input's bytes; ``fmt`` forces a reader, else it is detected from content.

    ``published`` (ISO date) applies where the input has no date of its own.

    Raises:
        IngestError: (or a subclass) naming ``name`` and the reason.
    """
    if not raw.strip():
        raise EmptyInput(f"{name}: empty file" if not raw else f"{name}: empty file (only whitespace)")
    if fmt is not None and fmt not in FORMATS:
        raise UnsupportedFormat(f"{name}: unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    chosen = fmt or detect_format(raw, name=name)
    try:
        return _read(raw, name=name, fmt=chosen, published=published, outlet=outlet)
    except SitroomError:
        raise
    except (Exception, RecursionError) as e:
        # Third-party parsers (lxml, feedparser, warcio) raise their own types on hostile
        # input; one bad file must give a message, never a traceback that stops a batch.
        raise IngestError(f"{name}: cannot read as {chosen} ({type(e).__name__}: {e})") from e


def read_path(
    path: Path,
    *,
    fmt: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ReadResult:
    """Read one file; its size is checked before any byte is read.

    Raises:
        IngestError: missing, a directory, unreadable, empty, too large, or unreadable content.
    """
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
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as e:
        raise IngestError(f"{name}: cannot read: {e.strerror or e}") from e
    if len(raw) > max_bytes:  # the file grew after stat()
        raise InputTooLarge(f"{name}: over the {_limit(max_bytes)} limit (max_input_bytes)")
    return read_bytes(raw, name=name, fmt=fmt, published=published, outlet=outlet)


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
