"""Turn raw bytes into text: BOMs, strict UTF-8, cp1251 vs cp1252, mixed lines, binary refusal.

News dumps arrive from scrapers, copy-paste and old archives, so one file may be
UTF-8, Windows-1251 (Russian/Ukrainian outlets), Windows-1252/Latin-1 (Western
outlets), UTF-16 with a BOM (Windows "Unicode" saves), or a mix of these line by
line after files were concatenated. Everything ends with LF line endings.
"""

from __future__ import annotations

import codecs
import re

from sitroom.errors import UnsupportedFormat

__all__ = ["BINARY_SNIFF_BYTES", "decode_bytes", "decode_line", "is_binary"]

# The first 8 KB decide "binary": the same window git uses (`buffer_is_binary`, 8000 bytes).
BINARY_SNIFF_BYTES = 8 * 1024
# Share of C0 control characters (other than tab/LF/CR/FF) above which a text is binary.
# Real text has none; 10% leaves room for a stray form feed or escape (value of `file(1)`'s spirit).
CONTROL_RATIO_LIMIT = 0.10
# In Cyrillic cp1251 text, high bytes come in runs (whole words); in cp1252 text they sit
# alone inside Latin words ("café"). Above this share of high bytes with a high neighbour
# we read cp1251. 0.5 separates the two cleanly on every sample we tried.
CP1251_NEIGHBOUR_SHARE = 0.5

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")


def is_binary(raw: bytes) -> bool:
    """True when the first 8 KB hold a NUL byte or many control characters."""
    head = raw[:BINARY_SNIFF_BYTES]
    if not head:
        return False
    if b"\x00" in head:
        return True
    return len(_CONTROL.findall(head)) / len(head) > CONTROL_RATIO_LIMIT


def _guess_single_byte(raw: bytes) -> str:
    """cp1251 or cp1252 for bytes that are not UTF-8 (see CP1251_NEIGHBOUR_SHARE)."""
    high = [i for i, b in enumerate(raw) if b >= 0x80]
    if not high:
        return "cp1252"
    with_neighbour = sum(
        1
        for i in high
        if (i > 0 and raw[i - 1] >= 0x80) or (i + 1 < len(raw) and raw[i + 1] >= 0x80)
    )
    return "cp1251" if with_neighbour / len(high) > CP1251_NEIGHBOUR_SHARE else "cp1252"


def decode_line(line: bytes) -> str:
    """One line's text: UTF-8 when it is, else cp1251 or cp1252 (see CP1251_NEIGHBOUR_SHARE)."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode(_guess_single_byte(line), errors="replace")


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(raw: bytes, *, name: str = "<bytes>") -> str:
    """Decode ``raw`` to text with LF newlines.

    Raises:
        UnsupportedFormat: the bytes look binary (NUL bytes or control characters).
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            # UTF-16 text is full of NUL bytes, so the BOM check runs before the binary check.
            return _normalize_newlines(raw[len(bom) :].decode(encoding, errors="replace"))
    if b"\x00" in raw[:BINARY_SNIFF_BYTES]:
        raise UnsupportedFormat(
            f"{name}: binary file (NUL bytes in the first 8 KB), not a news format"
        )
    if is_binary(raw):
        raise UnsupportedFormat(
            f"{name}: binary file (control characters in the first 8 KB), not a news format"
        )
    try:
        return _normalize_newlines(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    lines = raw.splitlines(keepends=True)
    utf8_lines = 0
    for line in lines:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        utf8_lines += any(b >= 0x80 for b in line)
    if utf8_lines:
        # Some lines are real UTF-8 with non-ASCII text: a concatenation of files.
        return _normalize_newlines("".join(decode_line(line) for line in lines))
    return _normalize_newlines(raw.decode(_guess_single_byte(raw), errors="replace"))
