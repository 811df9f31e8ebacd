"""Fuzzing every reader: generated text dumps, HTML, feeds, WARC and JSON Lines, plus mutations.

Whatever the bytes, a reader returns a ReadResult whose articles keep the reader
invariants (``check_article``) or raises an IngestError naming the input: never another
exception. Inputs stay small, and most examples go to the cheap readers (text, JSON Lines), so the
10,000 examples take about a minute of CPU.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.errors import IngestError
from sitroom.readers import ReadLimits, read_bytes

from .conftest import check_article
from .warc_builder import Page, build_warc

pytestmark = pytest.mark.issue(12)

# Examples per format: 10,000 in all (issue 12).
EXAMPLES = {"text": 4000, "html": 800, "feed": 600, "warc": 400, "jsonl": 3000, "mutated": 1200}
# Small limits so the bounded paths (record size, decompressed total) are reached too.
LIMITS = ReadLimits(max_input_bytes=64 * 1024, max_record_bytes=8 * 1024, input_timeout_s=30)
# What happened to each example, by format (read by hand when tuning: `pytest -s`).
OUTCOMES: Counter[str] = Counter()


def _fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )


_WORDS = st.sampled_from(
    [
        "the",
        "a",
        "drone",
        "strike",
        "Kyiv",
        "Odesa",
        "port",
        "grain",
        "officials",
        "said",
        "on",
        "Monday",
        "12",
        "3,000",
        "troops",
        "NATO",
        "talks",
        "ceasefire",
        "“quote”",
        "‘x’",
        "—",
        "–",
        "-",
        "&",
        "<",
        ">",
        '"',
        "'",
        "é",
        "ї",
        "ü",
        "😀",
        "\xa0",
        "\u200b",
        "\t",
        "Mr.",
        "U.S.",
        "?",
        "!",
        ".",
        ",",
        ":",
        ";",
    ]
)
_SENTENCE = st.lists(_WORDS, min_size=1, max_size=18).map(" ".join)
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=4).map(lambda s: ". ".join(s) + ".")
_HEADLINE = st.lists(_WORDS.map(str.title), min_size=1, max_size=10).map(" ".join)
_SPECIAL_LINE = st.sampled_from(
    [
        "Russia-Ukraine War",
        "World",
        "By Jane Roe",
        "Jane Roe, Reuters",
        "KYIV, Ukraine (AP) — Drones hit.",
        "Published March 9, 2025",
        "Video4 years ago",
        "Related:",
        "© 2025 Some Outlet",
        "Advertisement",
        "* * *",
        "---",
        "Share this",
        "Expand",
        "Updated 2 hours ago",
        "Read more",
        "",
    ]
)
_LINE = st.one_of(_PARAGRAPH, _HEADLINE, _SPECIAL_LINE, st.text(max_size=40))


def _check(raw: bytes, *, name: str, kind: str, fmt: str | None = None) -> None:
    try:
        result = read_bytes(raw, name=name, fmt=fmt, limits=LIMITS)
    except IngestError as e:
        assert str(e).startswith(name), str(e)  # noqa: PT017 - fuzzing: either outcome is fine, errors must be one line
        assert "\n" not in str(e).strip(), "one-line messages"  # noqa: PT017
        OUTCOMES[f"{kind}: error"] += 1
        return
    for article in result.articles:
        check_article(article)
    for message in result.skipped:
        assert message.startswith(name)
    OUTCOMES[f"{kind}: {'articles' if result.articles else 'links only'}"] += 1


@_fuzz(EXAMPLES["text"])
@given(
    lines=st.lists(_LINE, max_size=30),
    newline=st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\n\n\n"]),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1251", "cp1252"]),
)
def test_fuzz_text_dumps(lines: list[str], newline: str, encoding: str) -> None:
    raw = newline.join(lines).encode(encoding, errors="replace")
    _check(raw, name="dump.txt", kind="text")


_HTML_BLOCK = st.one_of(
    _PARAGRAPH.map(lambda p: f"<p>{p}</p>"),
    _HEADLINE.map(lambda h: f"<h2>{h}</h2>"),
    _PARAGRAPH.map(lambda p: f"<p>{p}"),  # unclosed
    st.lists(_SENTENCE, max_size=4).map(
        lambda items: "<ul>" + "".join(f"<li>{i}" for i in items) + "</ul>"
    ),
    _SENTENCE.map(lambda s: f"<blockquote>{s}</blockquote><div><span>{s}</div>"),
    st.sampled_from(
        [
            "<br>",
            "<script>var x = '<p>';</script>",
            "<nav>Home | World</nav>",
            "<!-- c -->",
            "</article>",
        ]
    ),
)


@st.composite
def _html_pages(draw: st.DrawFn) -> bytes:
    title = draw(_HEADLINE)
    meta = draw(
        st.sampled_from(
            [
                "",
                '<meta property="article:published_time" content="2025-03-06T08:00:00Z">',
                '<meta property="og:site_name" content="River Gazette"><meta name="author" content="Jane Roe">',
                '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "<<<<"}</script>',
            ]
        )
    )
    blocks = "".join(draw(st.lists(_HTML_BLOCK, max_size=12)))
    page = f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>{blocks}</article></body></html>"
    return page.encode(draw(st.sampled_from(["utf-8", "cp1252"])), errors="replace")


@_fuzz(EXAMPLES["html"])
@given(raw=_html_pages())
def test_fuzz_html(raw: bytes) -> None:
    _check(raw, name="page.html", kind="html")


@st.composite
def _feeds(draw: st.DrawFn) -> bytes:
    atom = draw(st.booleans())
    doctype = draw(
        st.sampled_from(["", '<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>', "<!DOCTYPE rss>"])
    )
    items = []
    for _ in range(draw(st.integers(0, 3))):
        title = draw(_HEADLINE).replace("&", "&amp;").replace("<", "&lt;")
        body = "".join(f"<p>{p}</p>" for p in draw(st.lists(_PARAGRAPH, max_size=6)))
        link = draw(st.sampled_from(["", "https://news.example/a", "javascript:alert(1)"]))
        body_xml = draw(st.sampled_from([f"<![CDATA[{body}]]>", body.replace("<", "&lt;"), body]))
        if atom:
            items.append(
                f'<entry><title>{title}</title><link href="{link}"/><content type="html">{body_xml}</content></entry>'
            )
        else:
            items.append(
                f"<item><title>{title}</title><link>{link}</link><description>{body_xml}</description></item>"
            )
    if atom:
        feed = f'<?xml version="1.0"?>{doctype}<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley&nbsp;Post</title>{"".join(items)}</feed>'
    else:
        feed = f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>Valley Post</title>{"".join(items)}</channel></rss>'
    return feed.encode()


@_fuzz(EXAMPLES["feed"])
@given(raw=_feeds())
def test_fuzz_feeds(raw: bytes) -> None:
    _check(raw, name="feed.xml", kind="feed")


@st.composite
def _warcs(draw: st.DrawFn) -> bytes:
    pages = [
        Page(
            url=f"https://news.example/{n}",
            date=draw(st.sampled_from(["2025-03-01T10:00:00Z", "not a date", ""])),
            body=draw(_html_pages())
            * draw(st.sampled_from([1, 1, 1, 10])),  # some over the record limit
            content_type=draw(
                st.sampled_from(
                    ["text/html; charset=utf-8", "text/html; charset=bogus", "application/pdf"]
                )
            ),
        )
        for n in range(draw(st.integers(0, 2)))
    ]
    raw = build_warc(pages, gzip=draw(st.booleans()))
    cut = draw(st.sampled_from([0, 0, 1, 50, 200]))
    return raw[: len(raw) - cut] if cut else raw


@_fuzz(EXAMPLES["warc"])
@given(raw=_warcs())
def test_fuzz_warc(raw: bytes) -> None:
    _check(raw, name="crawl.warc.gz", kind="warc")


_JSON_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | _PARAGRAPH,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
_ROW = st.fixed_dictionaries(
    {},
    optional={
        "title": st.one_of(_HEADLINE, _JSON_VALUE),
        "text": st.one_of(
            st.lists(_PARAGRAPH, max_size=4).map("\n\n".join), _JSON_VALUE, st.text(max_size=50)
        ),
        "url": st.sampled_from(["https://a.example/1", "", 3]),
        "published": st.sampled_from(["2025-03-10T09:00:00Z", "yesterday", "", 20250310]),
        "outlet": st.one_of(st.text(max_size=10), st.none()),
    },
)
_JSONL_LINE = st.one_of(
    _ROW.map(json.dumps),
    _ROW.map(lambda r: json.dumps(r, ensure_ascii=False)),
    st.sampled_from(
        [
            '{"text": "a\\ud800b"}',
            "[" * 5000 + "]" * 5000,
            "{not json",
            "[1, 2]",
            "",
            '{"text": ' + '"x' * 3,
        ]
    ),
    st.text(max_size=40),
)


@_fuzz(EXAMPLES["jsonl"])
@given(lines=st.lists(_JSONL_LINE, min_size=1, max_size=8), newline=st.sampled_from(["\n", "\r\n"]))
def test_fuzz_jsonl(lines: list[str], newline: str) -> None:
    raw = newline.join(lines).encode("utf-8", errors="surrogatepass")
    _check(raw, name="rows.jsonl", kind="jsonl", fmt="jsonl")


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    raw = bytearray(
        draw(
            st.one_of(
                st.lists(_LINE, max_size=10).map(lambda ls: "\n".join(ls).encode()),
                st.lists(_JSONL_LINE, max_size=4).map(
                    lambda ls: "\n".join(ls).encode(errors="surrogatepass")
                ),
                _html_pages(),
                _feeds(),
                _warcs(),
            )
        )
    )
    # Every draw comes first, whatever the bytes: a WARC's record ids (and so its length)
    # differ between runs, and hypothesis needs the same draws for the same choices.
    edits = draw(
        st.lists(
            st.tuples(
                st.floats(0, 1, exclude_max=True),
                st.sampled_from(["flip", "cut", "insert", "duplicate", "delete"]),
                st.integers(0, 7),
                st.binary(min_size=1, max_size=16),
                st.integers(1, 64),
            ),
            min_size=1,
            max_size=6,
        )
    )
    for where, action, bit, inserted, span in edits:
        if not raw:
            break
        at = int(where * len(raw))
        if action == "flip":
            raw[at] ^= 1 << bit
        elif action == "cut":
            del raw[at:]
        elif action == "insert":
            raw[at:at] = inserted
        elif action == "duplicate":
            raw[at:at] = raw[at : at + span]
        else:
            del raw[at : at + span]
    return bytes(raw)


@_fuzz(EXAMPLES["mutated"])
@given(
    raw=_mutated(), name=st.sampled_from(["x.txt", "x.html", "x.xml", "x.warc.gz", "x.jsonl", "x"])
)
def test_fuzz_mutated_inputs(raw: bytes, name: str) -> None:
    _check(raw, name=name, kind="mutated")
