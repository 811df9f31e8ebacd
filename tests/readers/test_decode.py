"""Decoding: BOMs, UTF-8, cp1251 vs cp1252, mixed lines, binary refusal, newlines."""

from __future__ import annotations

import codecs

import pytest

from sitroom.errors import IngestError, UnsupportedFormat
from sitroom.readers import read_bytes
from sitroom.readers.decode import decode_bytes

from .conftest import check_article

CYRILLIC = "Обстріл Харкова: загинули семеро людей, повідомили в обласній адміністрації."
LATIN = "Le café du port a rouvert ses portes après la frappe, déclare le maire."


def test_cp1251_cyrillic_is_detected() -> None:
    assert decode_bytes(CYRILLIC.encode("cp1251")) == CYRILLIC


def test_latin1_accents_are_detected() -> None:
    assert decode_bytes(LATIN.encode("latin-1")) == LATIN
    assert decode_bytes(LATIN.encode("cp1252")) == LATIN


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_boms(bom: bytes, encoding: str) -> None:
    text = "Kyiv Title Line\r\n" + CYRILLIC
    assert decode_bytes(bom + text.encode(encoding)) == "Kyiv Title Line\n" + CYRILLIC


def test_mixed_encodings_decode_line_by_line() -> None:
    raw = LATIN.encode("utf-8") + b"\n" + CYRILLIC.encode("cp1251") + b"\n" + LATIN.encode("cp1252")
    assert decode_bytes(raw).split("\n") == [LATIN, CYRILLIC, LATIN]


def test_utf16_article_reads_through_public_api() -> None:
    text = "Ferry Line Reopens\n\nThe ferry line reopened on Friday, the port authority said in a statement."
    result = read_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), name="u16.txt")
    (article,) = result.articles
    assert article.title == "Ferry Line Reopens"
    check_article(article)


@pytest.mark.parametrize("raw", [b"abc\x00def" * 10, bytes(range(1, 32)) * 20])
def test_binary_is_refused_naming_the_input(raw: bytes) -> None:
    with pytest.raises(UnsupportedFormat, match=r"^demo/x\.bin: binary file"):
        read_bytes(raw, name="demo/x.bin")


def test_cp1251_file_reads_as_article() -> None:
    text = "Удар по Дніпру\n\n" + CYRILLIC
    (article,) = read_bytes(text.encode("cp1251"), name="ua.txt").articles
    assert article.paragraphs == (CYRILLIC,)
    assert article.title == "Удар по Дніпру"


def test_ingest_errors_share_one_base() -> None:
    assert issubclass(UnsupportedFormat, IngestError)
