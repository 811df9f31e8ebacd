"""What reading one input gives: its articles, its link-only feed items and per-record problems."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sitroom.records import Article, Link

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "ReadItem",
    "ReadLimits",
    "ReadResult",
    "ReadStream",
    "Skipped",
]

FORMATS = ("text", "html", "rss", "warc", "jsonl")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadResult:
    """One input's articles, links to fetch later, and skipped records.

    ``skipped`` holds one message per broken record inside a container (a WARC
    record, a JSON line, a feed item), naming the source and the record.
    """

    source: str  # the path as given
    format: str  # detected or forced format
    articles: tuple[Article, ...]
    links: tuple[Link, ...] = ()
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """One record inside an input that was skipped; ``message`` names the input, the record and why."""

    message: str


# What :func:`sitroom.readers.iter_read` yields, in input order.
ReadItem = Article | Link | Skipped


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadStream:
    """One input opened for reading: its format, and its items as they are read."""

    format: str  # detected or forced format
    items: Iterator[ReadItem]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadLimits:
    """Bounds on one input (the ``max_input_bytes``, ``max_record_bytes``, ``input_timeout_s`` settings).

    ``max_input_bytes`` bounds the file and, for compressed archives, the decompressed
    total; ``max_record_bytes`` bounds one record (a WARC payload, a JSON line, a text
    line); ``input_timeout_s`` bounds the HTML extraction of one page.
    """

    max_input_bytes: int = 256 * 1024 * 1024
    max_record_bytes: int = 32 * 1024 * 1024
    input_timeout_s: float = 60.0


DEFAULT_LIMITS = ReadLimits()
