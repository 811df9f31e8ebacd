"""HTML reader: main text, headings apart, metadata, and broken pages."""

from __future__ import annotations

import pytest

from sitroom.errors import IngestError
from sitroom.readers import read_bytes

from .conftest import check_article

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
    assert article.paragraphs[0].startswith("IZMAIL, Ukraine — A ferry line across the Danube resumed service on Friday after")
    assert (article.outlet, article.byline) == ("River Gazette", "Petra Novak")
    assert (article.published, article.published_source) == ("2025-03-06", "metadata")
    assert article.dateline == "IZMAIL, Ukraine —"
    assert "Copyright" not in article.text and "Sport" not in article.text
    assert article.source == "pages/ferry.html"
    check_article(article)


def test_page_without_date_takes_option_then_filename() -> None:
    page = PAGE.replace('<meta property="article:published_time" content="2025-03-06T08:00:00Z">', "")
    by_option = read_bytes(page.encode(), name="ferry-2025-01-09.html", published="2025-02-01").articles[0]
    by_name = read_bytes(page.encode(), name="ferry-2025-01-09.html").articles[0]
    assert (by_option.published, by_option.published_source) == ("2025-02-01", "option")
    assert (by_name.published, by_name.published_source) == ("2025-01-09", "filename")


def test_copyright_year_is_not_taken_as_a_date() -> None:
    page = PAGE.replace('<meta property="article:published_time" content="2025-03-06T08:00:00Z">', "")
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
        assert str(e).startswith("bad.html: ")
    else:
        for article in result.articles:
            check_article(article)


def test_page_without_text_raises_naming_input() -> None:
    with pytest.raises(IngestError, match=r"^empty\.html: no article text"):
        read_bytes(b"<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>", name="empty.html")
