"""Assemble an Article from a title, a dek and body blocks, with exact block spans.

Every reader ends here, so the body rules live in one place: blocks are joined by a
blank line, headings are blocks of kind "heading", the title and dek stay out of
``text``, and a byline line or a dateline at the start of the first paragraphs is
recognised and recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from sitroom.records import Article, Block, article_id_for

__all__ = [
    "BodyBlock",
    "Meta",
    "build_article",
    "clean_inline",
    "derive_title",
    "find_dateline",
    "outlet_from_url",
    "parse_byline",
    "scrub",
]

BLOCK_SEPARATOR = "\n\n"
# Bylines and datelines sit in the first few paragraphs; later matches are story text.
LEAD_PARAGRAPHS = 3
# A byline line is short: "By Jane Roe and John Doe, Reuters" is 33 characters.
BYLINE_MAX_CHARS = 80

_NAME = r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}"
_BY = re.compile(rf"^By ({_NAME}(?:(?:,| and) {_NAME})*)(?:[,|] [A-Z][\w .&'-]+)?\s*$")
_NAME_OUTLET = re.compile(
    rf"^({_NAME}), ((?:Reuters|AP|AFP|Associated Press|Agence France-Presse|Bloomberg|"
    rf"Kyiv Independent|BBC News|CNN|Ukrinform|Interfax|TASS|RIA Novosti|[A-Z][\w&.-]+ News))\s*$"
)
# "KYIV, Ukraine (AP) —", "KYIV —", "ODESA, March 4 (Reuters) -", "Kharkiv, Ukraine —"
_DATELINE = re.compile(
    r"^((?:[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}|[A-Z][a-z'’]+(?: [A-Z][a-z'’]+){0,2})"
    r"(?:, [A-Z][\w.]+(?: [A-Z0-9][\w.]+){0,2})?"
    r"(?: \((?:AP|AFP|Reuters|[A-Z][\w ]{1,30})\))?"
    r" ?[—–-]{1,2}) "
)
# Runs of spaces (incl. no-break and zero-width ones). A lone plain space is left alone
# (not matched), which makes cleaning a long paragraph several times faster.
_SPACE_CHARS = "\t\u00a0\u2000-\u200b\u202f\u205f\u3000"
_SPACES = re.compile(rf"[{_SPACE_CHARS}][ {_SPACE_CHARS}]*| [ {_SPACE_CHARS}]+")
# Lone UTF-16 surrogates ("\ud800" in JSON, "&#xD800;" in markup) cannot be encoded to UTF-8:
# they would crash any writer downstream, so they become U+FFFD at read time (issue 12).
_SURROGATES = re.compile("[\ud800-\udfff]")
# A derived title is the first sentence, cut on a word boundary at about this length
# (headlines in the seed dump run 40-90 characters).
DERIVED_TITLE_MAX_CHARS = 100
# Abbreviations whose period does not end a sentence ("Mr. Putin", "U.S. officials").
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "gen",
        "lt",
        "col",
        "maj",
        "sgt",
        "capt",
        "adm",
        "gov",
        "sen",
        "rep",
        "prof",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "inc",
        "corp",
        "co",
        "ltd",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
    ]
)
# A sentence ends at . ! ? … (and closing quotes) before a space and a capital, or, in
# text that lost its spaces ("is underway.The American side"), right after a lower-case
# word's period before a capitalised word.
_SENTENCE_END = re.compile(
    r"[.!?…][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class BodyBlock:
    """A block before spans are known."""

    kind: str  # "paragraph" | "heading"
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Meta:
    """What a reader knows about an article besides its body."""

    source: str | None = None
    source_index: int = 0
    outlet: str | None = None  # as the input states it
    default_outlet: str | None = None  # the caller's --outlet, used after the URL's host
    url: str | None = None
    section: str | None = None
    byline: str | None = None
    published: str | None = None
    published_source: str | None = None


def outlet_from_url(url: str | None) -> str | None:
    """The host of an http(s) URL without "www." ("https://www.example.com/a" -> "example.com")."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "") if parts.scheme in ("http", "https") else ""
    return host.removeprefix("www.") or None


def scrub(text: str) -> str:
    """Replace lone surrogates with U+FFFD, so the text always encodes to UTF-8."""
    return text if text.isascii() else _SURROGATES.sub("\ufffd", text)


def clean_inline(text: str) -> str:
    """Collapse runs of spaces (incl. no-break and zero-width ones) inside a line and trim it."""
    return _SPACES.sub(" ", scrub(text)).strip()


def _first_sentence(text: str) -> str:
    for match in _SENTENCE_END.finditer(text):
        word = text[: match.start()].rsplit(None, 1)[-1].lower().lstrip("(\"'“‘")
        if (
            match.group()
            and text[match.start()] == "."
            and (word in _ABBREVIATIONS or len(word) == 1)
        ):
            continue  # "Mr." or an initial ("J. Smith")
        return text[: match.end()]
    return text


def derive_title(paragraph: str) -> str:
    """A title made from a paragraph: its first sentence (after any dateline), cut near 100 characters.

    The cut falls on a word boundary and ends with "…"; a short sentence is kept whole.
    """
    dateline = find_dateline(paragraph)
    text = paragraph[len(dateline) :].strip() if dateline else paragraph
    # Only the head matters: the title is cut near 100 characters anyway.
    sentence = _first_sentence(text[: DERIVED_TITLE_MAX_CHARS * 4]).strip()
    if len(sentence) <= DERIVED_TITLE_MAX_CHARS:
        return sentence
    head = sentence[: DERIVED_TITLE_MAX_CHARS + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else head[:DERIVED_TITLE_MAX_CHARS]
    return cut.rstrip(" ,;:—–-") + "…"


def parse_byline(line: str) -> str | None:
    """The author(s) in a byline line ("By Jane Roe", "Jane Roe, Reuters"), else None."""
    line = line.strip()
    if len(line) > BYLINE_MAX_CHARS:
        return None
    match = _BY.match(line) or _NAME_OUTLET.match(line)
    return match.group(1) if match else None


def find_dateline(paragraph: str) -> str | None:
    """The dateline opening a paragraph ("KYIV, Ukraine (AP) —"), else None."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    head = match.group(1)
    # A mixed-case place needs an agency tag or a dash right after it; sentence openers
    # such as "Officials — " are too risky otherwise, so require uppercase or an agency.
    place = re.split(r"[,( —–-]", head, maxsplit=1)[0]
    return head.strip() if place.isupper() or "(" in head else None


def _split_byline(blocks: list[BodyBlock]) -> tuple[str | None, list[BodyBlock]]:
    for i, block in enumerate(blocks[:LEAD_PARAGRAPHS]):
        if block.kind == "paragraph":
            byline = parse_byline(block.text)
            if byline:
                return byline, blocks[:i] + blocks[i + 1 :]
    return None, blocks


def _scrub_optional(text: str | None) -> str | None:
    return scrub(text) if text else text


def build_article(
    *,
    title: str | None,
    dek: str | None,
    blocks: Iterable[BodyBlock],
    meta: Meta,
    allow_empty_body: bool = False,
) -> Article | None:
    """Build the Article, or None when there is no body text at all.

    With ``allow_empty_body``, a title with no body is an Article with empty ``text``
    (a headline-only file, issue 12). Without a title, the first sentence of the body
    becomes one, marked ``title_derived``; the id ignores a derived title.
    """
    cleaned = [BodyBlock(kind=b.kind, text=text) for b in blocks if (text := clean_inline(b.text))]
    byline, cleaned = _split_byline(cleaned)
    title = clean_inline(title) if title else None
    if not any(b.kind == "paragraph" for b in cleaned) and not (allow_empty_body and title):
        return None
    placed: list[Block] = []
    offset = 0
    for block in cleaned:
        placed.append(
            Block(kind=block.kind, text=block.text, start=offset, end=offset + len(block.text))
        )
        offset += len(block.text) + len(BLOCK_SEPARATOR)
    text = BLOCK_SEPARATOR.join(b.text for b in cleaned)
    dateline = next(
        (
            d
            for b in cleaned[:LEAD_PARAGRAPHS]
            if b.kind == "paragraph" and (d := find_dateline(b.text))
        ),
        None,
    )
    dek = clean_inline(dek) if dek else None
    lead = next((b.text for b in cleaned if b.kind == "paragraph"), "")
    shown = title or derive_title(lead) or None
    return Article(
        id=article_id_for(title or None, text),
        title=shown,
        title_derived=shown is not None and not title,
        text=text,
        blocks=tuple(placed),
        dek=dek or None,
        section=_scrub_optional(meta.section),
        byline=_scrub_optional(meta.byline or byline),
        dateline=dateline,
        outlet=_scrub_optional(meta.outlet or outlet_from_url(meta.url) or meta.default_outlet),
        url=_scrub_optional(meta.url),
        source=_scrub_optional(meta.source),
        source_index=meta.source_index,
        published=meta.published,
        published_source=meta.published_source if meta.published else None,
    )
