"""What reading one input gives: its articles, its link-only feed items and per-record problems."""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.records import Article, Link

__all__ = ["FORMATS", "ReadResult"]

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
