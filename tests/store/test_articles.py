"""Articles: exact round trip, idempotent saves, listing with filters and cursors, id prefixes."""

from __future__ import annotations

import pytest

from sitroom.errors import BadRequest, NotFound
from sitroom.records import Link
from sitroom.store import (
    get_article,
    list_articles,
    record_source,
    resolve_article_id,
    save_articles,
    save_links,
    stats,
)


def _dump(db) -> list[str]:
    return list(db.conn.iterdump())


def test_article_round_trips_exactly(db, make_article) -> None:
    article = make_article(
        "Bridge repaired after shelling",
        [
            "Engineers reopened the river crossing on Monday.",
            ("heading", "What comes next"),
            "Traffic will be limited to lorries carrying grain, the ministry said.",
        ],
        dek="A short dek line.",
        section="War",
        byline="A. Writer",
        dateline="ODESA",
        outlet="Test Wire",
        url="https://example.org/bridge",
        source="/inputs/bridge.html",
        source_index=3,
        published="2024-05-02",
        published_source="metadata",
        language="en",
    )
    result = save_articles(db, [article])
    assert result.new == (article.id,) and result.duplicate == ()
    loaded = get_article(db, article.id)
    assert loaded == article
    assert loaded.headings == ("What comes next",)
    for block in loaded.blocks:
        assert loaded.text[block.start : block.end] == block.text


def test_unknown_article_is_not_found(db) -> None:
    with pytest.raises(NotFound, match="deadbeef"):
        get_article(db, "deadbeef")


def test_saving_the_same_article_again_changes_nothing(db, make_article) -> None:
    article = make_article("Same story", ["Nothing new under the sun in this paragraph."])
    save_articles(db, [article])
    before = _dump(db)
    again = save_articles(db, [article, article])
    assert again.new == () and again.duplicate == (article.id, article.id)
    assert _dump(db) == before


def test_block_span_mismatch_is_refused_and_nothing_saved(db, make_article) -> None:
    good = make_article("Fine", ["A paragraph that is fine."])
    article = make_article("Broken", ["A paragraph with a broken span."])
    bad_block = article.blocks[0].__class__(
        kind="paragraph", text="something else", start=0, end=14
    )
    broken = article.__class__(
        **{**{f: getattr(article, f) for f in article.__slots__}, "blocks": (bad_block,)}
    )
    with pytest.raises(ValueError, match="does not match"):
        save_articles(db, [good, broken])
    assert stats(db)["articles"] == 0


def test_list_filters_and_pages_with_cursor(db, make_article) -> None:
    articles = [
        make_article(
            f"Report {i}",
            [f"Paragraph number {i} about supply lines."],
            outlet="Wire A" if i % 2 else "Wire B",
            published=f"2024-03-{10 + i:02d}",
        )
        for i in range(7)
    ] + [make_article("Undated", ["A story without a date."], outlet="Wire A")]
    save_articles(db, articles)
    first = list_articles(db, limit=3)
    assert [a.title for a in first.items] == ["Report 6", "Report 5", "Report 4"]
    seen, cursor = [], None
    while True:
        page = list_articles(db, limit=3, cursor=cursor)
        seen += [a.id for a in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert sorted(seen) == sorted(a.id for a in articles) and len(seen) == len(set(seen))
    assert seen[-1] == articles[-1].id  # undated last
    assert {a.outlet for a in list_articles(db, outlet="wire b").items} == {"Wire B"}
    window = list_articles(db, since="2024-03-12", until="2024-03-14").items
    assert sorted(a.published for a in window) == ["2024-03-12", "2024-03-13", "2024-03-14"]
    assert len(list_articles(db, until="2024-03").items) == 7
    with pytest.raises(BadRequest):
        list_articles(db, limit=0)
    with pytest.raises(BadRequest, match="cursor"):
        list_articles(db, cursor="garbage")


def test_resolve_id_prefix(db, make_article) -> None:
    from dataclasses import replace

    base = make_article("Prefix", ["Body of the prefix test."])
    one, two = replace(base, id="abcd000011112222"), replace(base, id="abcd999911112222")
    save_articles(db, [one, two])
    assert resolve_article_id(db, "abcd0000") == one.id
    assert resolve_article_id(db, "ABCD9999") == two.id
    with pytest.raises(BadRequest, match="ambiguous"):
        resolve_article_id(db, "abcd")
    with pytest.raises(BadRequest, match="too short"):
        resolve_article_id(db, "ab")
    with pytest.raises(NotFound):
        resolve_article_id(db, "abcd%")  # LIKE wildcards are literal
    with pytest.raises(NotFound):
        resolve_article_id(db, "ffff")


def test_sources_upsert_by_hash_and_links_dedup(db) -> None:
    first = record_source(
        db, path="a.txt", fmt="text", sha256="h1", size=10, status="failed", error="bad"
    )
    again = record_source(
        db, path="a.txt", fmt="text", sha256="h1", size=10, status="ok", article_count=2
    )
    assert first == again
    assert stats(db)["sources_ok"] == 1 and stats(db)["sources_failed"] == 0
    links = [Link(url="https://example.org/1", title="One"), Link(url="https://example.org/2")]
    assert save_links(db, links, source_id=first) == 2
    assert save_links(db, links, source_id=first) == 0
    assert stats(db)["links"] == 2
