"""HTML pages: main text, title, author, site name and date through trafilatura.

trafilatura drops navigation, comments and footers and gives the main text as a
small XML tree (``head``, ``p``, ``list``/``item``, ``quote``); we walk that tree so
headings stay apart from paragraphs. Its date comes from htmldate (meta tags, JSON-LD,
URL, visible text).
"""

from __future__ import annotations

import logging
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from sitroom.errors import EmptyInput, IngestError
from sitroom.readers.build import BodyBlock, Meta, build_article, clean_inline
from sitroom.readers.pubdate import pick_published
from sitroom.records import Article

__all__ = ["blocks_from_html", "parse_html"]

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


def _extract(html: str, *, name: str, url: str | None) -> Any:
    try:
        return trafilatura.bare_extraction(
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
    except Exception as e:
        raise IngestError(f"{name}: malformed HTML, cannot extract text ({type(e).__name__}: {e})") from e


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
) -> Article:
    """Read one HTML page into an Article.

    ``fallback_date`` is used when the page has no date of its own (a WARC record's date).

    Raises:
        EmptyInput: no main text could be extracted.
        IngestError: the markup broke the extractor.
    """
    document = _extract(html, name=name, url=url)
    if document is None or document.body is None:
        raise EmptyInput(f"{name}: no article text found in the HTML page")
    title = clean_inline(document.title or "") or None
    blocks = _element_blocks(document.body)
    if blocks and blocks[0].kind == "heading" and title and clean_inline(blocks[0].text) == title:
        blocks = blocks[1:]
    first = next((clean_inline(b.text) for b in blocks if b.kind == "paragraph"), "")
    description = clean_inline(document.description or "")
    dek = description if description and description[:DEK_PREFIX_CHARS] != first[:DEK_PREFIX_CHARS] else None
    pub = pick_published(document.date or fallback_date, option=published, name=name)
    meta = Meta(
        source=name,
        source_index=source_index,
        outlet=document.sitename or outlet,
        url=url or document.url,
        section=(document.categories or [None])[0],
        byline=document.author,
        published=pub.date,
        published_source=pub.source,
    )
    article = build_article(title=title, dek=dek, blocks=blocks, meta=meta)
    if article is None:
        raise EmptyInput(f"{name}: no article text found in the HTML page")
    return article
