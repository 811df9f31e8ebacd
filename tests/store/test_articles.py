"""Articles: exact round trip, idempotent saves, listing with filters and cursors, id prefixes."""

from __future__ import annotations

import pytest

from sitroom.errors import BadRequest, NotFound
from sitroom.records import Link
from tests.store.store_helpers import dump


def _dump(db) -> list[str]:
    return dump(db)


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
    result = db.save_articles([article])
    assert result.new == (article.id,) and result.duplicate == ()
    loaded = db.get_article(article.id)
    assert loaded == article
    assert loaded.headings == ("What comes next",)
    for block in loaded.blocks:
        assert loaded.text[block.start : block.end] == block.text


def test_unknown_article_is_not_found(db) -> None:
    with pytest.raises(NotFound, match="deadbeef"):
        db.get_article("deadbeef")


def test_saving_the_same_article_again_changes_nothing(db, make_article) -> None:
    article = make_article("Same story", ["Nothing new under the sun in this paragraph."])
    db.save_articles([article])
    before = _dump(db)
    again = db.save_articles([article, article])
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
        db.save_articles([good, broken])
    assert db.stats()["articles"] == 0


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
    db.save_articles(articles)
    first = db.list_articles(limit=3)
    assert [a.title for a in first.items] == ["Report 6", "Report 5", "Report 4"]
    seen, cursor = [], None
    while True:
        page = db.list_articles(limit=3, cursor=cursor)
        seen += [a.id for a in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert sorted(seen) == sorted(a.id for a in articles) and len(seen) == len(set(seen))
    assert seen[-1] == articles[-1].id  # undated last
    assert {a.outlet for a in db.list_articles(outlet="wire b").items} == {"Wire B"}
    window = db.list_articles(since="2024-03-12", until="2024-03-14").items
    assert sorted(a.published for a in window) == ["2024-03-12", "2024-03-13", "2024-03-14"]
    assert len(db.list_articles(until="2024-03").items) == 7
    with pytest.raises(BadRequest):
        db.list_articles(limit=0)
    with pytest.raises(BadRequest, match="cursor"):
        db.list_articles(cursor="garbage")


def test_resolve_id_prefix(db, make_article) -> None:
    from dataclasses import replace

    base = make_article("Prefix", ["Body of the prefix test."])
    one, two = replace(base, id="abcd000011112222"), replace(base, id="abcd999911112222")
    db.save_articles([one, two])
    assert db.resolve_article_id("abcd0000") == one.id
    assert db.resolve_article_id("ABCD9999") == two.id
    with pytest.raises(BadRequest, match="ambiguous"):
        db.resolve_article_id("abcd")
    with pytest.raises(BadRequest, match="too short"):
        db.resolve_article_id("ab")
    with pytest.raises(NotFound):
        db.resolve_article_id("abcd%")  # LIKE wildcards are literal
    with pytest.raises(NotFound):
        db.resolve_article_id("ffff")


def test_sources_upsert_by_hash_and_links_dedup(db) -> None:
    first = db.record_source(
        path="a.txt", fmt="text", sha256="h1", size=10, status="failed", error="bad"
    )
    again = db.record_source(
        path="a.txt", fmt="text", sha256="h1", size=10, status="ok", article_count=2
    )
    assert first == again
    assert db.stats()["sources_ok"] == 1 and db.stats()["sources_failed"] == 0
    links = [Link(url="https://example.org/1", title="One"), Link(url="https://example.org/2")]
    assert db.save_links(links, source_id=first) == 2
    assert db.save_links(links, source_id=first) == 0
    assert db.stats()["links"] == 2
