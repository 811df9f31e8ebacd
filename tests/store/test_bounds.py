"""Offsets, limits and cursors out of SQLite's range are BadRequest, never OverflowError."""

from __future__ import annotations

import pytest

from sitroom.errors import BadRequest
from sitroom.store import Store


@pytest.fixture
def filled(db: Store, make_article) -> Store:
    db.save_articles(
        [make_article(f"Convoy {n}", [f"Convoy number {n} crossed the border."]) for n in range(3)]
    )
    return db


@pytest.mark.issue(12)
@pytest.mark.parametrize("offset", [2**63, 2**64, -1])
def test_article_listing_refuses_an_offset_out_of_range(filled: Store, offset: int) -> None:
    with pytest.raises(BadRequest, match="offset must be between 0 and"):
        filled.list_articles(offset=offset)


@pytest.mark.issue(12)
@pytest.mark.parametrize("offset", [2**63, -1])
def test_search_refuses_an_offset_out_of_range(filled: Store, offset: int) -> None:
    with pytest.raises(BadRequest, match="offset must be between 0 and"):
        filled.search("convoy", offset=offset)


@pytest.mark.issue(12)
def test_the_largest_offset_is_an_empty_page(filled: Store) -> None:
    assert filled.list_articles(offset=Store.MAX_OFFSET).items == ()
    assert filled.search("convoy", offset=Store.MAX_OFFSET) == []


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    "cursor", ["|9223372036854775808", "2025-01-01|99999999999999999999", "|²", "|-1", "|"]
)
def test_article_cursor_out_of_range_or_malformed(filled: Store, cursor: str) -> None:
    with pytest.raises(BadRequest, match="bad cursor"):
        filled.list_articles(cursor=cursor)


def test_article_cursor_pages_still_work(filled: Store) -> None:
    first = filled.list_articles(limit=2)
    assert first.next_cursor is not None
    rest = filled.list_articles(limit=2, cursor=first.next_cursor)
    assert {a.id for a in first.items} | {a.id for a in rest.items} == {
        a.id for a in filled.list_articles().items
    }
