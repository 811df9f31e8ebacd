"""HTML pages: main text, title, author, site name and date through trafilatura.

trafilatura drops navigation, comments and footers and gives the main text as a
small XML tree (``head``, ``p``, ``list``/``item``, ``quote``); we walk that tree so
headings stay apart from paragraphs. Its date comes from htmldate (meta tags, JSON-LD,
URL, visible text).

Hostile pages can stall trafilatura's regular expressions for minutes (issue 12: a
JSON-LD headline of 200,000 "<" took 9 minutes in ``HTML_STRIP_TAGS``), so a page over
``GUARD_MIN_CHARS`` is extracted in a forked worker process that is killed (and
replaced) after ``input_timeout_s``; smaller pages, where no stall over a few seconds
was found, run in-process.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.process
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import Document

from sitroom.errors import EmptyInput, IngestError
from sitroom.readers.build import BodyBlock, Meta, build_article, clean_inline
from sitroom.readers.pubdate import pick_published
from sitroom.records import Article

__all__ = ["GUARD_MIN_CHARS", "LIBXML_TEXT_LIMIT", "blocks_from_html", "parse_html"]

# Pages at least this long are extracted in a child process under a time limit. Measured
# (trafilatura 2.3.1, this machine): a JSON-LD headline of 8,000 "<" costs 0.1 s, 32,000
# cost 1.4 s and grow quadratically, so a page under 16 K characters cannot stall for long.
GUARD_MIN_CHARS = 16 * 1024
# libxml2 (under lxml, without huge_tree) silently stops at a text node over 10,000,000
# bytes (XML_MAX_TEXT_LENGTH): the rest of the page is lost without an error (issue 12).
LIBXML_TEXT_LIMIT = 10_000_000

# A meta description that repeats the lead paragraph is not a dek: compare this many characters.
DEK_PREFIX_CHARS = 40
# trafilatura logs every page it finds too short; that is our error to report, not its log.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def _element_blocks(body: Any) -> list[BodyBlock]:
    blocks: list[BodyBlock] = []
    for element in body.iterchildren():
        tag = element.tag
        if tag == "head":
            blocks.append(BodyBlock(kind="heading", text="".join(element.itertext())))
        elif tag == "list":
            blocks.extend(
                BodyBlock(kind="paragraph", text="".join(item.itertext()))
                for item in element.iter("item")
            )
        elif tag in ("p", "quote", "code"):
            blocks.append(BodyBlock(kind="paragraph", text="".join(element.itertext())))
        elif len(element):
            blocks.extend(_element_blocks(element))
    return [b for b in blocks if clean_inline(b.text)]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Page:
    """What trafilatura found, in plain types so it can cross a process boundary."""

    blocks: tuple[BodyBlock, ...] | None  # None: no main text at all
    title: str | None = None
    description: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    section: str | None = None
    author: str | None = None


def _extract_page(html: str, *, url: str | None) -> _Page:
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        output_format="python",
        # Only dates the page states (meta tags, JSON-LD, URL); the extensive search
        # reads visible text and turns "Copyright 2025" into 2025-01-01, a guess.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    # output_format="python" gives a Document; the dict form is only for other formats.
    if not isinstance(document, Document) or document.body is None:
        return _Page(blocks=None)
    return _Page(
        blocks=tuple(_element_blocks(document.body)),
        title=document.title,
        description=document.description,
        date=document.date,
        sitename=document.sitename,
        url=document.url,
        section=document.categories[0] if document.categories else None,
        author=document.author,
    )


def _extract_in_process(html: str, *, name: str, url: str | None) -> _Page:
    try:
        return _extract_page(html, url=url)
    except Exception as e:
        raise IngestError(
            f"{name}: malformed HTML, cannot extract text ({type(e).__name__}: {e})"
        ) from e


def _serve(conn: Connection) -> None:
    """The worker's loop: extract each page it is sent until the pipe closes."""
    while True:
        try:
            html, url, name = conn.recv()
        except (EOFError, OSError):
            return
        try:
            outcome: _Page | str = _extract_in_process(html, name=name, url=url)
        except IngestError as e:
            outcome = str(e)
        except RecursionError as e:
            outcome = f"{name}: malformed HTML, cannot extract text (RecursionError: {e})"
        conn.send(outcome)


class _Worker:
    """One forked child that extracts pages on request, killed and replaced when a page stalls.

    Forking once and reusing the child keeps the guard cheap: forking a process that has
    spaCy loaded cost ~180 ms a page here, a round trip through the pipe ~1 ms.
    """

    def __init__(self) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._lock = threading.Lock()

    def extract(self, html: str, *, name: str, url: str | None, timeout_s: float) -> _Page:
        with self._lock:
            conn = self._ensure()
            conn.send((html, url, name))
            if not conn.poll(timeout_s):
                self._stop()
                raise IngestError(
                    f"{name}: HTML extraction ran past the {timeout_s:g} s limit (input_timeout_s); page skipped"
                )
            try:
                outcome: _Page | str = conn.recv()
            except EOFError:
                code = self._stop()
                raise IngestError(
                    f"{name}: the HTML extraction process died (exit code {code}); page skipped"
                ) from None
        if isinstance(outcome, str):
            raise IngestError(outcome)
        return outcome

    def _ensure(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            return self._conn
        self._stop()
        context = multiprocessing.get_context("fork")
        parent, child = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child,), daemon=True, name="sitroom-html"
        )
        self._process.start()
        child.close()
        self._conn = parent
        return parent

    def _stop(self) -> int | None:
        code = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join()
            code = self._process.exitcode
            self._process.close()
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn = None, None
        return code


_WORKER = _Worker()


def _check_text_runs(html: str, *, name: str) -> None:
    """Refuse a page with a text run that libxml2 would silently cut (see LIBXML_TEXT_LIMIT)."""
    if len(html) <= LIBXML_TEXT_LIMIT // 4:  # no run can reach the limit, even in 4-byte UTF-8
        return
    start = 0
    while start <= len(html):
        end = html.find("<", start)
        end = len(html) if end < 0 else end
        if end - start > LIBXML_TEXT_LIMIT // 4:
            size = len(html[start:end].encode("utf-8", "replace"))
            if size > LIBXML_TEXT_LIMIT:
                raise IngestError(
                    f"{name}: a run of text of {size:,} bytes without markup is over the "
                    f"{LIBXML_TEXT_LIMIT:,} bytes the HTML parser keeps; read it as text instead"
                )
        start = end + 1


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_PARAGRAPHS = frozenset({"p", "li", "blockquote", "pre", "dd", "figcaption"})


def blocks_from_html(html: str) -> list[BodyBlock]:
    """Paragraph and heading blocks of a clean HTML fragment (a feed item's content).

    Feed content is already the article body, so no boilerplate removal is needed,
    only structure: h1-h6 are headings, p/li/blockquote are paragraphs; bare text
    without such tags is split on blank lines and ``<br>``.
    """
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return []
    blocks: list[BodyBlock] = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        inside = any(a.tag in _PARAGRAPHS or a.tag in _HEADINGS for a in element.iterancestors())
        if inside:
            continue
        if tag in _HEADINGS:
            blocks.append(BodyBlock(kind="heading", text=element.text_content()))
        elif tag in _PARAGRAPHS:
            blocks.append(BodyBlock(kind="paragraph", text=element.text_content()))
    if not blocks:
        for br in root.iter("br"):
            br.tail = "\n\n" + (br.tail or "")
        text = root.text_content()
        blocks = [BodyBlock(kind="paragraph", text=part) for part in text.split("\n\n")]
    return [b for b in blocks if clean_inline(b.text)]


def parse_html(
    html: str,
    *,
    name: str,
    url: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    fallback_date: str | None = None,
    source_index: int = 0,
    timeout_s: float | None = None,
) -> Article:
    """Read one HTML page into an Article.

    ``fallback_date`` is used when the page has no date of its own (a WARC record's date).
    With ``timeout_s``, a page of ``GUARD_MIN_CHARS`` or more is extracted in a child
    process stopped after that many seconds.

    Raises:
        EmptyInput: no main text could be extracted.
        IngestError: the markup broke the extractor, it ran past ``timeout_s``, or a text
            run is too long for the parser to keep.
    """
    _check_text_runs(html, name=name)
    # A daemonic process (a Dask worker) may not start children: extract in-process there.
    guard = timeout_s is not None and len(html) >= GUARD_MIN_CHARS
    if guard and timeout_s is not None and not multiprocessing.current_process().daemon:
        document = _WORKER.extract(html, name=name, url=url, timeout_s=timeout_s)
    else:
        document = _extract_in_process(html, name=name, url=url)
    if document.blocks is None:
        raise EmptyInput(f"{name}: no article text found in the HTML page")
    title = clean_inline(document.title or "") or None
    blocks = list(document.blocks)
    if blocks and blocks[0].kind == "heading" and title and clean_inline(blocks[0].text) == title:
        blocks = blocks[1:]
    first = next((clean_inline(b.text) for b in blocks if b.kind == "paragraph"), "")
    description = clean_inline(document.description or "")
    dek = (
        description
        if description and description[:DEK_PREFIX_CHARS] != first[:DEK_PREFIX_CHARS]
        else None
    )
    pub = pick_published(document.date or fallback_date, option=published, name=name)
    meta = Meta(
        source=name,
        source_index=source_index,
        outlet=document.sitename,
        default_outlet=outlet,
        url=url or document.url,
        section=document.section,
        byline=document.author,
        published=pub.date,
        published_source=pub.source,
    )
    article = build_article(title=title, dek=dek, blocks=blocks, meta=meta)
    if article is None:
        raise EmptyInput(f"{name}: no article text found in the HTML page")
    return article
