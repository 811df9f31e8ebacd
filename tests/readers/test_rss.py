"""Feed reader: RSS 2.0, Atom, RDF; content items are articles, link-only items are Links."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.errors import IngestError
from sitroom.readers import ReadLimits, detect_format, read_bytes

from .conftest import check_article

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>River Gazette</title><link>https://river.example/</link>
<item><title>Ferry line reopens</title><link>https://river.example/ferry</link>
<pubDate>Thu, 06 Mar 2025 08:00:00 GMT</pubDate><author>desk@river.example (Petra Novak)</author>
<description>Service resumes after three weeks.</description>
<content:encoded><![CDATA[<p>A ferry line across the Danube resumed service on Friday, the port authority said.</p><h3>Cargo</h3><p>The port handled <em>more</em> cargo last month.</p>]]></content:encoded></item>
<item><title>Opinion: why rivers matter</title><link>https://river.example/opinion</link><description>A short teaser.</description></item>
<item><title>No link, no content</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Steppe Wire</title>
<entry><title>Grain silo repaired</title><link href="https://steppe.example/silo"/><updated>2025-03-10T12:00:00Z</updated>
<content type="html">&lt;p&gt;Engineers repaired the grain silo hit last week, the regional council said on Monday.&lt;/p&gt;&lt;p&gt;It will store 20,000 tonnes.&lt;/p&gt;</content></entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://old.example/"><title>Old Wire</title></channel>
<item rdf:about="https://old.example/1"><title>Link only</title><link>https://old.example/1</link></item>
</rdf:RDF>"""


def test_rss_items_become_articles_and_links() -> None:
    result = read_bytes(RSS, name="feeds/river.xml")
    assert result.format == "rss"
    (article,) = result.articles
    assert article.title == "Ferry line reopens"
    assert article.headings == ("Cargo",)
    assert article.paragraphs[1] == "The port handled more cargo last month."
    assert article.dek == "Service resumes after three weeks."
    assert (article.outlet, article.url, article.published) == (
        "River Gazette",
        "https://river.example/ferry",
        "2025-03-06",
    )
    check_article(article)
    assert [link.url for link in result.links] == ["https://river.example/opinion"]
    assert result.skipped == ("feeds/river.xml: item 3: no content and no link",)


def test_atom_content_is_read() -> None:
    (article,) = read_bytes(ATOM, name="steppe.atom").articles
    assert article.title == "Grain silo repaired"
    assert article.published == "2025-03-10"
    assert article.outlet == "Steppe Wire"
    assert len(article.paragraphs) == 2
    check_article(article)


def test_rdf_link_only_items() -> None:
    result = read_bytes(RDF, name="old.rdf")
    assert result.articles == ()
    assert [link.title for link in result.links] == ["Link only"]


def test_long_description_counts_as_content() -> None:
    body = " ".join(["The convoy reached the town after a long drive through the night."] * 12)
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Convoy arrives</title><link>https://t.example/c</link><description>&lt;p&gt;{body}&lt;/p&gt;</description></item>
</channel></rss>""".encode()
    (article,) = read_bytes(feed, name="t.xml").articles
    assert article.paragraphs == (body,)


def test_broken_feed_with_no_items_raises_xml_error() -> None:
    broken = (
        b'<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>x</titl>\n</channel></rss>'
    )
    with pytest.raises(
        IngestError, match=r"^feed\.xml: broken XML feed: mismatched tag at line \d+"
    ):
        read_bytes(broken, name="feed.xml")


def test_broken_feed_keeps_items_read_before_the_fault() -> None:
    broken = RSS.replace(b"</channel></rss>", b"<item><title>cut")
    result = read_bytes(broken, name="cut.xml")
    assert [a.title for a in result.articles] == ["Ferry line reopens"]


_LONG_BODY = " ".join(
    [
        "The district council approved a plan for new shelters near every school on Monday, officials said."
    ]
    * 9
)


@pytest.mark.issue(12)
def test_feed_with_doctype_internal_subset_is_read_as_a_feed() -> None:
    # Regression: the prolog pattern stopped at the first ">" inside the brackets, so the
    # feed was taken for HTML and rejected.
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>\n'
        '<rss version="2.0"><channel><title>Valley&nbsp;Post</title>'
        "<item><title>Shelters&nbsp;Approved</title><link>https://valley.example/1</link>"
        f"<description>{_LONG_BODY}</description></item></channel></rss>"
    ).encode()
    assert detect_format(feed, name="valley.xml") == "rss"
    (article,) = read_bytes(feed, name="valley.xml").articles
    assert (article.title, article.outlet) == ("Shelters Approved", "Valley Post")
    check_article(article)


@pytest.mark.issue(12)
def test_external_entity_in_internal_subset_is_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN-4242", encoding="utf-8")
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<!DOCTYPE rss [<!ENTITY nbsp "&#160;"> <!ENTITY leak SYSTEM "file://{secret}">]>\n'
        '<rss version="2.0"><channel><title>Valley Post</title>'
        "<item><title>Shelters &leak;</title><link>https://valley.example/1</link>"
        f"<description>{_LONG_BODY} &leak;</description></item></channel></rss>"
    ).encode()
    assert detect_format(feed, name="leak.xml") == "rss"
    result = read_bytes(feed, name="leak.xml")
    everything = " ".join(f"{a.title} {a.text}" for a in result.articles) + " ".join(
        str(x) for x in result.links
    )
    assert "TOP-SECRET" not in everything
    assert result.articles


@pytest.mark.issue(12)
def test_nested_internal_entities_are_not_expanded() -> None:
    laughs = '<!ENTITY l0 "ha">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 9)
    )
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{laughs}]><rss version="2.0"><channel><title>T</title>'
        f"<item><title>Shelters &l8;</title><link>https://valley.example/1</link>"
        f"<description>{_LONG_BODY} &l8;</description></item></channel></rss>"
    ).encode()
    assert detect_format(feed, name="laughs.xml") == "rss"
    (article,) = read_bytes(feed, name="laughs.xml").articles
    assert len(article.text) < 2 * len(_LONG_BODY)


def _many_items(count: int) -> bytes:
    items = "".join(
        f"<item><title>Report {i}</title><link>https://many.example/{i}</link>"
        f"<description>&lt;p&gt;{_LONG_BODY} Report {i}.&lt;/p&gt;</description></item>\n"
        for i in range(count)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Many Wire'
        f"</title>\n{items}</channel></rss>"
    ).encode()


_DOCTYPE_FEED = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>\n'
    '<rss version="2.0"><channel><title>Valley Post</title>'
    "<item><title>Shelters&nbsp;Approved</title><link>https://valley.example/1</link>"
    f"<description>{_LONG_BODY}</description></item></channel></rss>"
).encode()


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    "feed",
    [
        pytest.param(RSS, id="rss"),
        pytest.param(ATOM, id="atom"),
        pytest.param(RDF, id="rdf"),
        pytest.param(_many_items(450), id="many"),  # three feedparser calls
        pytest.param(RSS.replace(b"</channel></rss>", b"<item><title>cut"), id="broken-after"),
        pytest.param(_DOCTYPE_FEED, id="doctype"),
    ],
)
def test_a_big_feed_read_item_by_item_gives_what_the_whole_parse_gives(feed: bytes) -> None:
    # A feed over max_record_bytes is cut into items with iterparse: feedparser held all
    # 100,000 items of an 82 MB feed at once (issue 12).
    whole = read_bytes(feed, name="f.xml")
    items = read_bytes(feed, name="f.xml", limits=ReadLimits(max_record_bytes=len(feed) - 1))
    assert (items.format, items.articles, items.links) == (
        whole.format,
        whole.articles,
        whole.links,
    )
    extra = [s for s in items.skipped if s not in whole.skipped]
    assert all("broken XML after item" in s for s in extra)


@pytest.mark.issue(12)
def test_a_big_feed_read_item_by_item_never_reads_an_external_entity(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN-4242", encoding="utf-8")
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>T</title>'
        f"<item><title>Shelters &leak;</title><link>https://valley.example/1</link>"
        f"<description>{_LONG_BODY} &leak;</description></item></channel></rss>"
    ).encode()
    (article,) = read_bytes(feed, name="f.xml", limits=ReadLimits(max_record_bytes=100)).articles
    assert "TOP-SECRET" not in f"{article.title} {article.text}"


@pytest.mark.issue(12)
def test_a_big_feed_of_nested_entities_is_refused_unexpanded() -> None:
    laughs = '<!ENTITY l0 "ha">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 9)
    )
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{laughs}]><rss version="2.0"><channel><title>T'
        f"</title><item><title>Shelters &l8;</title><link>https://valley.example/1</link>"
        f"<description>{_LONG_BODY} &l8;</description></item></channel></rss>"
    ).encode()
    # libxml2 stops at its entity amplification limit, before anything is expanded.
    with pytest.raises(IngestError, match=r"^f\.xml: broken XML feed: .*amplification"):
        read_bytes(feed, name="f.xml", limits=ReadLimits(max_record_bytes=100))


@pytest.mark.issue(12)
def test_a_broken_big_feed_with_no_items_names_the_xml_fault() -> None:
    broken = (
        b'<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>x</titl>\n</channel></rss>'
    )
    with pytest.raises(IngestError, match=r"^feed\.xml: broken XML feed: "):
        read_bytes(broken, name="feed.xml", limits=ReadLimits(max_record_bytes=10))
