"""WARC reader: gzipped and plain archives, truncation, non-HTML records, the demo archive."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from sitroom.errors import IngestError
from sitroom.readers import ReadLimits, iter_read, read_bytes
from sitroom.records import Article

from .conftest import check_article
from .warc_builder import DEMO_WARC, Page, build_warc, demo_warc_bytes


def _page(n: int, *, dated: bool = False) -> Page:
    meta = (
        f'<meta property="article:published_time" content="2025-02-1{n}T08:00:00Z">'
        if dated
        else ""
    )
    body = (
        f"<html><head><title>Story {n}</title>{meta}</head><body><article><h1>Story {n}</h1>"
        f"<p>Paragraph one of story number {n}, long enough to be kept by the extractor as text.</p>"
        f"<p>Paragraph two of story number {n} adds a second sentence about the same events.</p>"
        "</article></body></html>"
    ).encode()
    return Page(url=f"https://news.example/{n}", date=f"2025-03-0{n}T10:00:00Z", body=body)


@pytest.mark.parametrize("gzip", [True, False])
def test_each_html_response_is_an_article(gzip: bool) -> None:
    raw = build_warc([_page(1), _page(2, dated=True)], gzip=gzip)
    result = read_bytes(raw, name="crawl.warc.gz")
    assert result.format == "warc"
    first, second = result.articles
    assert [a.url for a in result.articles] == ["https://news.example/1", "https://news.example/2"]
    assert (first.published, first.published_source) == ("2025-03-01", "metadata")  # WARC-Date
    assert second.published == "2025-02-12"  # the page's own date wins
    assert [a.source_index for a in result.articles] == [0, 1]
    for article in result.articles:
        check_article(article)


def test_non_html_and_empty_pages_are_skipped_not_fatal() -> None:
    pdf = Page(
        url="https://news.example/file.pdf",
        date="2025-03-01T10:00:00Z",
        body=b"%PDF-1.4",
        content_type="application/pdf",
    )
    empty = Page(
        url="https://news.example/empty",
        date="2025-03-01T10:00:00Z",
        body=b"<html><body></body></html>",
    )
    result = read_bytes(build_warc([pdf, empty, _page(3)]), name="c.warc.gz")
    assert [a.url for a in result.articles] == ["https://news.example/3"]
    assert len(result.skipped) == 1 and "https://news.example/empty" in result.skipped[0]


def test_truncated_gzip_keeps_records_read_before() -> None:
    raw = build_warc([_page(1), _page(2), _page(3)])
    cut = raw[: len(raw) - 200]
    result = read_bytes(cut, name="a.warc.gz")
    assert [a.url for a in result.articles] == ["https://news.example/1", "https://news.example/2"]
    assert len(result.skipped) == 1 and result.skipped[0].startswith("a.warc.gz: ")


def test_truncated_plain_warc_keeps_records_read_before() -> None:
    raw = build_warc([_page(1), _page(2)], gzip=False)
    result = read_bytes(raw[: len(raw) - 150], name="p.warc")
    assert [a.url for a in result.articles] == ["https://news.example/1"]
    assert result.skipped


def test_warc_cut_in_first_record_raises() -> None:
    raw = build_warc([_page(1)])
    with pytest.raises(IngestError, match=r"^x\.warc\.gz: "):
        read_bytes(raw[:300], name="x.warc.gz")


def test_demo_warc_is_reproducible() -> None:
    assert DEMO_WARC.read_bytes() == demo_warc_bytes()


def _big_page(n: int, *, megabytes: int) -> Page:
    filler = "<p>" + "The convoy moved slowly along the coast road at night. " * 200 + "</p>"
    repeats = megabytes * 1024 * 1024 // len(filler) + 1
    body = f"<html><head><title>Huge {n}</title></head><body><article>{filler * repeats}</article></body></html>"
    return Page(
        url=f"https://news.example/huge{n}", date="2025-03-01T10:00:00Z", body=body.encode()
    )


@pytest.mark.issue(12)
def test_record_decompressing_past_the_record_limit_is_skipped_unread() -> None:
    # Regression: the whole payload was read whatever its size (1.5 GB of HTML in 3 MB of gzip).
    raw = build_warc([_page(1), _big_page(2, megabytes=24), _page(3)])
    assert len(raw) < 200_000  # compresses well: the limit must apply to decompressed sizes
    limits = ReadLimits(max_record_bytes=1024 * 1024)
    tracemalloc.start()
    try:
        result = read_bytes(raw, name="bomb.warc.gz", limits=limits)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [a.url for a in result.articles] == ["https://news.example/1", "https://news.example/3"]
    (reason,) = result.skipped
    assert reason.startswith("bomb.warc.gz record 5 (https://news.example/huge2): ")
    assert "max_record_bytes" in reason and "\n" not in reason
    assert peak < 8 * 1024 * 1024  # the 24 MB page was never held


@pytest.mark.issue(12)
def test_decompressed_total_is_bounded_by_the_input_limit() -> None:
    raw = build_warc([_page(1), _big_page(2, megabytes=2), _big_page(3, megabytes=2), _page(4)])
    limits = ReadLimits(max_input_bytes=3 * 1024 * 1024, max_record_bytes=4 * 1024 * 1024)
    result = read_bytes(raw, name="many.warc.gz", limits=limits)
    assert [a.url for a in result.articles] == [
        "https://news.example/1",
        "https://news.example/huge2",
    ]
    (reason,) = result.skipped
    assert reason.startswith("many.warc.gz: stopped at record ") and "max_input_bytes" in reason


@pytest.mark.issue(12)
def test_warc_streams_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(build_warc([_page(1), _page(2), _page(3)]))
    items = iter_read(path)
    first = next(items)
    assert isinstance(first, Article) and first.url == "https://news.example/1"
    assert [a.url for a in items if isinstance(a, Article)] == [
        "https://news.example/2",
        "https://news.example/3",
    ]
