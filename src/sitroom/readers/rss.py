"""RSS 2.0, Atom and RDF feeds through feedparser.

An item with its story in the feed (``content:encoded``, Atom ``content``, or a
long ``description``) becomes an Article; an item with only a link and a teaser
becomes a Link to fetch later. A broken feed that still yielded items is kept
(feedparser's ``bozo`` flag); one that yielded none is an error naming the XML fault.

A feed is parsed whole (:func:`iter_feed`), except a big one (:func:`iter_feed_items`):
feedparser holds every parsed item at once, about nine times the feed's size (an 82 MB
feed of 100,000 items peaked near 800 MB, issue 12), so a big feed is cut into items
with lxml's iterparse and each item goes through feedparser alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import feedparser
import lxml.etree

from sitroom.errors import EmptyInput, IngestError
from sitroom.readers.build import Meta, build_article, clean_inline, scrub
from sitroom.readers.decode import decode_bytes
from sitroom.readers.html import blocks_from_html
from sitroom.readers.pubdate import normalize_date, pick_published
from sitroom.readers.result import Skipped
from sitroom.records import Article, Link

__all__ = ["iter_feed", "iter_feed_items"]

# A description this long is the story, not a teaser: teasers run one or two
# sentences (under ~50 words); the shortest demo article is 150 words.
SUMMARY_MIN_WORDS = 80
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _xml_error(exception: object) -> str:
    line = getattr(exception, "getLineNumber", None)
    message = getattr(exception, "getMessage", None)
    if callable(line) and callable(message):
        return f"{message()} at line {line()}"
    return str(exception) or type(exception).__name__


def _body_html(entry: Any) -> str | None:
    contents: list[str] = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        return max(contents, key=len)
    summary = entry.get("summary") or ""
    words = sum(len(b.text.split()) for b in blocks_from_html(summary)) if summary else 0
    return summary if words >= SUMMARY_MIN_WORDS else None


def _entry_date(entry: Any) -> str | None:
    # dict.get skips FeedParserDict's key aliasing, which warns (updated -> published).
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, key)
        if value:
            return normalize_date(tuple(value))
    return normalize_date(dict.get(entry, "published") or dict.get(entry, "updated"))


def _article(
    entry: Any, body: str, *, name: str, index: int, outlet: str | None, published: str | None
) -> Article | None:
    pub = pick_published(_entry_date(entry), option=published, name=name)
    tags = entry.get("tags") or []
    meta = Meta(
        source=name,
        source_index=index,
        outlet=outlet,
        url=entry.get("link"),
        section=(tags[0].get("term") if tags else None) or None,
        byline=entry.get("author") or None,
        published=pub.date,
        published_source=pub.source,
    )
    has_content = bool(entry.get("content"))
    summary = entry.get("summary") or ""
    dek_blocks = blocks_from_html(summary) if has_content and summary else []
    dek = clean_inline(" ".join(b.text for b in dek_blocks)) or None
    blocks = blocks_from_html(body)
    if dek and blocks and clean_inline(blocks[0].text).startswith(dek[:40]):
        dek = None  # the summary is just the lead paragraph again
    return build_article(title=entry.get("title"), dek=dek, blocks=blocks, meta=meta)


def _feedparser(raw: bytes, *, name: str) -> Any:
    # Bytes, never a string: feedparser treats a string as a URL or path and would fetch it.
    try:
        return feedparser.parse(raw, sanitize_html=True, resolve_relative_uris=False)
    except (UnicodeDecodeError, LookupError):
        # feedparser chokes on a garbled encoding= declaration; decode ourselves and say UTF-8.
        text = _XML_DECLARATION.sub("", decode_bytes(raw, name=name), count=1)
        clean = ('<?xml version="1.0" encoding="utf-8"?>' + text).encode("utf-8")
        return feedparser.parse(clean, sanitize_html=True, resolve_relative_uris=False)


def _item(
    entry: Any, number: int, *, name: str, index: int, outlet: str | None, published: str | None
) -> Article | Link | Skipped:
    """One feed item: an Article (its story is in the feed), a Link, or Skipped."""
    body = _body_html(entry)
    article = (
        _article(entry, body, name=name, index=index, outlet=outlet, published=published)
        if body
        else None
    )
    if article is not None:
        return article
    if entry.get("link"):
        return Link(
            url=scrub(entry["link"]),
            title=clean_inline(entry.get("title") or "") or None,
            published=_entry_date(entry),
            source=scrub(name),
        )
    return Skipped(message=f"{name}: item {number}: no content and no link")


def _no_items(name: str, skipped: int) -> EmptyInput:
    detail = f" ({skipped} items without content or link)" if skipped else ""
    return EmptyInput(f"{name}: feed has no readable items{detail}")


def iter_feed(
    raw: bytes, *, name: str, published: str | None = None, outlet: str | None = None
) -> Iterator[Article | Link | Skipped]:
    """Yield the feed's items in order: an Article per item with content, a Link per link-only item.

    The XML is parsed whole (feedparser), then items are built one at a time.

    Raises:
        IngestError: the XML is broken and no item could be read.
        EmptyInput: the feed has no usable items.
    """
    parsed = _feedparser(raw, name=name)
    entries = parsed.get("entries") or []
    if not entries and parsed.get("bozo"):
        raise IngestError(f"{name}: broken XML feed: {_xml_error(parsed.get('bozo_exception'))}")
    feed_title = clean_inline(parsed.get("feed", {}).get("title") or "") or None
    outlet = outlet or feed_title
    read = skipped = 0
    for number, entry in enumerate(entries, start=1):
        item = _item(entry, number, name=name, index=read, outlet=outlet, published=published)
        if isinstance(item, Skipped):
            skipped += 1
        else:
            read += 1
        yield item
    if not read and parsed.get("bozo"):
        raise IngestError(f"{name}: broken XML feed: {_xml_error(parsed.get('bozo_exception'))}")
    if not read:
        raise _no_items(name, skipped)


# Item elements (local names): RSS 2.0 and RDF <item>, Atom <entry>; and the elements whose
# <title> is the feed's own.
_ITEM_TAGS = frozenset({"item", "entry"})
_FEED_TAGS = frozenset({"channel", "feed"})
# What each item is wrapped in for feedparser, by the local name of the feed's root.
_WRAPPERS = {
    "rss": (b'<rss version="2.0"><channel>', b"</channel></rss>"),
    "RDF": (
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        b'xmlns="http://purl.org/rss/1.0/">',
        b"</rdf:RDF>",
    ),
    "feed": (b'<feed xmlns="http://www.w3.org/2005/Atom">', b"</feed>"),
}


# Items handed to feedparser per call: one call per item took 1.8 times as long as parsing
# the whole feed (its set-up dominates); a few hundred items (a few hundred KB of news)
# cost about what the whole parse costs, and only they are held at once.
ITEMS_PER_PARSE = 200


def _local(element: Any) -> str:
    tag = element.tag
    return lxml.etree.QName(tag).localname if isinstance(tag, str) else ""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Chunk:
    """A few consecutive items of a big feed, as one small feed for feedparser."""

    xml: bytes
    first: int  # the number of its first item in the feed (from 1)
    feed_title: str | None


def _chunks(handle: BinaryIO) -> Iterator[_Chunk]:
    """The feed's items, ITEMS_PER_PARSE at a time; what was read before an XML fault is
    given before the fault is raised."""
    events = lxml.etree.iterparse(
        handle,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    start, end = _WRAPPERS["rss"]
    feed_title: str | None = None
    pending: list[bytes] = []
    number = 0
    try:
        for event, element in events:
            local = _local(element)
            if event == "start":
                if element.getparent() is None:
                    start, end = _WRAPPERS.get(local, (start, end))
                continue
            parent = element.getparent()
            if parent is not None and _local(parent) in _FEED_TAGS and local == "title":
                feed_title = feed_title or clean_inline(element.text or "") or None
            if local not in _ITEM_TAGS:
                continue
            number += 1
            pending.append(lxml.etree.tostring(element))
            element.clear()
            while element.getprevious() is not None:  # items already read
                del parent[0]
            if len(pending) == ITEMS_PER_PARSE:
                yield _Chunk(xml=start + b"".join(pending) + end, first=number - len(pending) + 1,
                             feed_title=feed_title)  # fmt: skip
                pending = []
    except lxml.etree.XMLSyntaxError:
        if pending:
            yield _Chunk(xml=start + b"".join(pending) + end, first=number - len(pending) + 1,
                         feed_title=feed_title)  # fmt: skip
        raise
    if pending:
        yield _Chunk(xml=start + b"".join(pending) + end, first=number - len(pending) + 1,
                     feed_title=feed_title)  # fmt: skip


def iter_feed_items(
    handle: BinaryIO, *, name: str, published: str | None = None, outlet: str | None = None
) -> Iterator[Article | Link | Skipped]:
    """:func:`iter_feed` for a big feed, a few items in memory at a time (module doc).

    Entities are never resolved and nothing is fetched (no DTD, no network). Items read
    before an XML fault are kept; the fault ends the feed as a Skipped with its message.

    Raises:
        IngestError: the XML is broken before any item could be read.
        EmptyInput: the feed has no usable items.
    """
    read = skipped = 0
    try:
        for chunk in _chunks(handle):
            entries = _feedparser(chunk.xml, name=name).get("entries") or []
            for number, entry in enumerate(entries, start=chunk.first):
                item = _item(
                    entry,
                    number,
                    name=name,
                    index=read,
                    outlet=outlet or chunk.feed_title,
                    published=published,
                )
                if isinstance(item, Skipped):
                    skipped += 1
                else:
                    read += 1
                yield item
    except lxml.etree.XMLSyntaxError as e:
        if not read:
            raise IngestError(f"{name}: broken XML feed: {e}") from e
        # As feedparser does for a whole feed: the items before the fault are kept.
        yield Skipped(message=f"{name}: broken XML after item {read + skipped}: {e}")
        return
    if not read:
        raise _no_items(name, skipped)
