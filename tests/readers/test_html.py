"""HTML reader: main text, headings apart, metadata, and broken pages."""

from __future__ import annotations

import json

import pytest

from sitroom.errors import IngestError
from sitroom.readers import ReadLimits, read_bytes
from sitroom.readers.html import GUARD_MIN_CHARS, LIBXML_TEXT_LIMIT, parse_html

from .conftest import check_article
from .warc_builder import Page, build_warc

PAGE = """<!DOCTYPE html><html><head>
<title>Ferry line reopens on the Danube | River Gazette</title>
<meta property="og:site_name" content="River Gazette">
<meta name="author" content="Petra Novak">
<meta property="article:published_time" content="2025-03-06T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Ferry line reopens on the Danube</h1>
<p>IZMAIL, Ukraine — A ferry line across the Danube resumed service on <b>Friday</b> after a pause of three weeks, the port authority said.</p>
<p>Officials said the ferry would carry about 40 trucks a day once repairs to the landing ramp were finished next week.</p>
<h2>Cargo volumes</h2>
<p>The port handled more cargo last month than in the same month a year ago, its director told reporters during a tour.</p>
</article>
<footer>Copyright 2025 River Gazette. All rights reserved.</footer>
</body></html>"""


def test_page_gives_text_headings_and_metadata() -> None:
    result = read_bytes(PAGE.encode(), name="pages/ferry.html")
    assert result.format == "html"
    (article,) = result.articles
    assert article.title == "Ferry line reopens on the Danube"
    assert article.headings == ("Cargo volumes",)
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].startswith(
        "IZMAIL, Ukraine — A ferry line across the Danube resumed service on Friday after"
    )
    assert (article.outlet, article.byline) == ("River Gazette", "Petra Novak")
    assert (article.published, article.published_source) == ("2025-03-06", "metadata")
    assert article.dateline == "IZMAIL, Ukraine —"
    assert "Copyright" not in article.text and "Sport" not in article.text
    assert article.source == "pages/ferry.html"
    check_article(article)


def test_page_without_date_takes_option_then_filename() -> None:
    page = PAGE.replace(
        '<meta property="article:published_time" content="2025-03-06T08:00:00Z">', ""
    )
    by_option = read_bytes(
        page.encode(), name="ferry-2025-01-09.html", published="2025-02-01"
    ).articles[0]
    by_name = read_bytes(page.encode(), name="ferry-2025-01-09.html").articles[0]
    assert (by_option.published, by_option.published_source) == ("2025-02-01", "option")
    assert (by_name.published, by_name.published_source) == ("2025-01-09", "filename")


def test_copyright_year_is_not_taken_as_a_date() -> None:
    page = PAGE.replace(
        '<meta property="article:published_time" content="2025-03-06T08:00:00Z">', ""
    )
    (article,) = read_bytes(page.encode(), name="ferry.html").articles
    assert article.published is None


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><div><p>Unclosed <b>bold text <i>and italic that goes on and on in a long sentence about ferries.</p></div>",
        "<html><body><p>Open paragraph with no end tag about a ferry across the river and its trucks.<p>Second one, also open, with more words.",
        "<html><head><title>x</title><body><table><tr><td><p>Nested badly inside a table cell about the ferry schedule changes.</td></p></tr>",
    ],
)
def test_malformed_html_does_not_crash(page: str) -> None:
    try:
        result = read_bytes(page.encode(), name="bad.html")
    except IngestError as e:
        error = str(e)
    else:
        error = None
        for article in result.articles:
            check_article(article)
    assert error is None or error.startswith("bad.html: ")


def test_page_without_text_raises_naming_input() -> None:
    with pytest.raises(IngestError, match=r"^empty\.html: no article text"):
        read_bytes(
            b"<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>",
            name="empty.html",
        )


def _stalling_page(angles: int) -> str:
    # A JSON-LD headline of many "<" and no ">": trafilatura's HTML_STRIP_TAGS regex
    # (utils.py) is quadratic on it (32,000 took 1.4 s here; 200,000 took 9 minutes).
    ld = json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "<" * angles}
    )
    body = (
        "<p>Ferry crews worked through the night to load grain onto barges at the river port.</p>"
        * 5
    )
    return (
        f'<html><head><title>Stall</title><script type="application/ld+json">{ld}</script></head>'
        f"<body><article>{body}</article></body></html>"
    )


@pytest.mark.issue(12)
def test_a_page_over_the_time_limit_fails_naming_input_and_limit() -> None:
    with pytest.raises(
        IngestError, match=r"^stall\.html: HTML extraction ran past the 0\.2 s limit"
    ):
        parse_html(_stalling_page(64_000), name="stall.html", timeout_s=0.2)


@pytest.mark.issue(12)
def test_a_page_over_the_time_limit_is_skipped_and_the_batch_goes_on() -> None:
    pages = [
        Page(
            url="https://news.example/stall",
            date="2025-03-01T10:00:00Z",
            body=_stalling_page(64_000).encode(),
        ),
        Page(url="https://news.example/fine", date="2025-03-01T10:00:00Z", body=PAGE.encode()),
    ]
    result = read_bytes(
        build_warc(pages), name="batch.warc.gz", limits=ReadLimits(input_timeout_s=0.2)
    )
    assert [a.url for a in result.articles] == ["https://news.example/fine"]
    (reason,) = result.skipped
    assert "https://news.example/stall" in reason and "0.2 s limit (input_timeout_s)" in reason


@pytest.mark.issue(12)
def test_guarded_extraction_gives_the_same_article_as_in_process() -> None:
    padding = (
        "<p>Harbour officials listed the berths that were repaired over the winter months.</p>"
        * 250
    )
    page = PAGE.replace("</article>", padding + "</article>")
    assert len(page) > GUARD_MIN_CHARS
    guarded = parse_html(page, name="big.html", timeout_s=30)
    plain = parse_html(page, name="big.html")
    assert guarded == plain
    check_article(guarded)


@pytest.mark.issue(12)
def test_a_text_run_too_long_for_the_parser_fails_instead_of_vanishing() -> None:
    # Regression: libxml2 silently drops a text node over 10 MB, and everything after it;
    # the page was stored as a duplicate of a shorter one.
    huge = "word " * (LIBXML_TEXT_LIMIT // 5 + 1000)
    page = PAGE.replace(
        "</article>", f"<p>{huge}</p><p>A closing paragraph after it.</p></article>"
    )
    with pytest.raises(
        IngestError, match=r"^huge\.html: a run of text of 10,005,\d+ bytes without markup"
    ):
        read_bytes(page.encode(), name="huge.html")


@pytest.mark.issue(12)
def test_the_worker_is_replaced_after_a_stall() -> None:
    padding = (
        "<p>Harbour officials listed the berths that were repaired over the winter months.</p>"
        * 250
    )
    big = PAGE.replace("</article>", padding + "</article>")
    before = parse_html(big, name="before.html", timeout_s=30)
    with pytest.raises(IngestError, match="input_timeout_s"):
        parse_html(_stalling_page(64_000), name="stall.html", timeout_s=0.2)
    after = parse_html(big, name="before.html", timeout_s=30)
    assert after == before
