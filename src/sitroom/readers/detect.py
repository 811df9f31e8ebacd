"""Which reader an input needs, decided from its content; the file extension only breaks ties."""

from __future__ import annotations

import json
import re
import zlib

from sitroom.errors import UnsupportedFormat
from sitroom.readers.decode import decode_bytes

__all__ = ["SNIFF_BYTES", "detect_format"]

# Enough of the head to see past an XML declaration, a doctype and comments.
SNIFF_BYTES = 64 * 1024

# Formats people feed in by mistake, named so the error says what the file is.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "rss",
    ".atom": "rss",
    ".xml": "rss",
    ".rdf": "rss",
    ".warc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
# A doctype may carry an internal subset in brackets whose declarations hold ">" themselves
# (``<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>``, issue 12): skip the brackets as a whole.
_PROLOG = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE(?![^>\[]*\bhtml\b)[^>\[]*(?:\[[^\]]*\]\s*)?>\s*)*",
    re.DOTALL | re.IGNORECASE,
)
_ROOT = re.compile(r"<\s*([A-Za-z][\w.:-]*)")
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})
_HTML_HINT = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|article|p|div|h[1-6]|title|meta)\b", re.IGNORECASE
)


def _extension_format(name: str) -> str | None:
    lower = name.lower()
    for suffix, fmt in _EXTENSIONS.items():
        if lower.endswith((suffix, suffix + ".gz")):
            return fmt
    return None


def _gunzip_head(raw: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw[:SNIFF_BYTES], 4096)
    except zlib.error:
        return b""


def _markup_format(head: str, name: str) -> str:
    body = _PROLOG.sub("", head, count=1)
    root = _ROOT.match(body)
    tag = root.group(1).lower() if root else ""
    if tag in _FEED_ROOTS:
        return "rss"
    if tag == "html" or _HTML_HINT.search(head):
        return "html"
    by_name = _extension_format(name)
    if by_name in ("html", "rss", "text"):
        return by_name
    if not head.startswith("<?xml") and "xmlns" not in head[:1000]:
        return "text"  # a text that merely starts with "<", e.g. "<UPDATE> ..."
    raise UnsupportedFormat(
        f"{name}: XML with root <{tag or '?'}> is not a news format (expected <rss>, <feed>, <rdf:RDF> or HTML)"
    )


# A JSON Lines row opens with an object key: ``{"title": ...``.
_OBJECT_START = re.compile(r'\{\s*"')


def _is_json_lines(head: str, *, cut: bool) -> bool:
    """Does the first non-blank line of ``head`` hold a JSON object?

    When ``cut`` (the input is longer than the head) and no newline ends that line, the
    line runs past the sniffed window: parsing its head would fail on any row over 64 KB
    (issue 12), so an object opening (``{"``) is enough. A pretty-printed JSON document
    still fails, as its first line is a lone ``{``.
    """
    lines = head.split("\n")
    index, first = next(((i, line) for i, line in enumerate(lines) if line.strip()), (0, ""))
    if cut and index == len(lines) - 1:
        return bool(_OBJECT_START.match(first.lstrip()))
    try:
        return isinstance(json.loads(first), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def detect_format(raw: bytes, *, name: str = "", size: int | None = None) -> str:
    """One of FORMATS for ``raw``, decided from content (the extension only breaks ties).

    ``raw`` may be only the head of the input (``SNIFF_BYTES`` are enough); ``size`` is
    then the input's whole size.

    Raises:
        UnsupportedFormat: binary or otherwise not a news format; the message names ``name``.
    """
    name = name or "<input>"
    if raw.startswith(b"\x1f\x8b"):
        if _gunzip_head(raw).startswith(b"WARC/"):
            return "warc"
        raise UnsupportedFormat(
            f"{name}: gzip-compressed, but not a WARC archive; decompress it first"
        )
    if raw.startswith(b"WARC/"):
        return "warc"
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise UnsupportedFormat(f"{name}: {what}, not a news format")
    head = decode_bytes(raw[:SNIFF_BYTES], name=name).lstrip("\ufeff")
    stripped = head.lstrip()
    if stripped.startswith("<"):
        return _markup_format(stripped, name)
    if stripped.startswith("{") and _is_json_lines(
        stripped, cut=max(size or 0, len(raw)) > SNIFF_BYTES
    ):
        return "jsonl"
    if stripped.startswith(("{", "[")) and _extension_format(name) in (None, "jsonl"):
        raise UnsupportedFormat(f"{name}: JSON but not JSON Lines (one object per line)")
    return "text"
