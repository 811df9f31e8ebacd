"""Format detection from content, with the extension only as a tie-breaker."""

from __future__ import annotations

import gzip
import json

import pytest

from sitroom.errors import EmptyInput, UnsupportedFormat
from sitroom.readers import FORMATS, detect_format, read_bytes

from .warc_builder import Page, build_warc

PAGE = Page(
    url="https://x.example/a",
    date="2025-03-03T10:00:00Z",
    body=b"<html><body><p>x</p></body></html>",
)


@pytest.mark.parametrize(
    ("raw", "name", "fmt"),
    [
        (b"Title\n\nA paragraph.", "a.bin", "text"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "a.txt", "html"),
        (b"\n  <html><p>x</p></html>", "", "html"),
        (b"<p>just a fragment</p>", "frag", "html"),
        (
            b'<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0"><channel/></rss>',
            "a.html",
            "rss",
        ),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "x", "rss"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="r"></rdf:RDF>', "x", "rss"),
        (b'{"title": "t", "text": "b"}\n{"title": "u", "text": "c"}\n', "a.txt", "jsonl"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "a.txt", "warc"),
        (build_warc([PAGE]), "a.txt", "warc"),
        (build_warc([PAGE], gzip=False), "noext", "warc"),
        (b"<?xml version='1.0'?><unknownroot/>", "page.html", "html"),
        (b"<UPDATE> Ferry Line Reopens\n\nThe ferry line reopened on Friday.", "noext", "text"),
        (b"<?xml version='1.0'?><notes/>", "notes.txt", "text"),
    ],
)
def test_detect_from_content(raw: bytes, name: str, fmt: str) -> None:
    assert detect_format(raw, name=name) == fmt
    assert fmt in FORMATS


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"%PDF-1.7 binary", "PDF"),
        (b"PK\x03\x04zip", "ZIP"),
        (gzip.compress(b"plain text, not a warc"), "not a WARC"),
        (b"<?xml version='1.0'?><catalog><book/></catalog>", "root <catalog>"),
        (b'[{"title": "x"}]', "not JSON Lines"),
    ],
)
def test_unsupported_names_input_and_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(UnsupportedFormat) as info:
        detect_format(raw, name="in/file.dat")
    assert str(info.value).startswith("in/file.dat: ")
    assert reason in str(info.value)


def test_empty_and_whitespace_inputs() -> None:
    with pytest.raises(EmptyInput, match=r"^empty\.txt: empty file$"):
        read_bytes(b"", name="empty.txt")
    with pytest.raises(EmptyInput, match="only whitespace"):
        read_bytes(b" \n\r\n\t ", name="blank.txt")


def test_forced_format_is_used_and_checked() -> None:
    result = read_bytes(
        b"<b>Note</b> plain words in a tag, a full sentence here.", name="x", fmt="text"
    )
    assert result.format == "text"
    with pytest.raises(UnsupportedFormat, match="unknown format 'pdf'"):
        read_bytes(b"abc", name="x", fmt="pdf")


@pytest.mark.issue(12)
def test_json_lines_whose_first_line_is_over_the_sniff_window() -> None:
    # Regression: the sniffer parsed the first line cut at 64 KB and called it "not JSON Lines".
    long_row = json.dumps(
        {"title": "Long Report", "text": "Grain barges moved again today. " * 4000}
    )
    raw = (
        long_row + "\n" + json.dumps({"title": "Short", "text": "One line of body."}) + "\n"
    ).encode()
    assert len(long_row) > 100_000
    assert detect_format(raw, name="rows.jsonl") == "jsonl"
    assert detect_format(raw, name="rows.dat") == "jsonl"
    assert [a.title for a in read_bytes(raw, name="rows.dat").articles] == ["Long Report", "Short"]


@pytest.mark.issue(12)
def test_pretty_printed_json_over_the_sniff_window_is_still_not_json_lines() -> None:
    raw = json.dumps({"articles": [{"text": "Words of a body. " * 5000}]}, indent=2).encode()
    with pytest.raises(UnsupportedFormat, match="not JSON Lines"):
        detect_format(raw, name="dump.json")
