"""Helpers for the reader tests: span checks on every Article a reader returns."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.records import Article, article_id_for

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def check_article(article: Article) -> None:
    """The Article invariants every reader must keep."""
    assert article.text == "\n\n".join(b.text for b in article.blocks)
    for block in article.blocks:
        assert article.text[block.start : block.end] == block.text
        assert block.kind in ("paragraph", "heading")
        assert block.text == block.text.strip() and block.text
    # An article has a paragraph, or is a headline with no body (issue 12).
    assert article.paragraphs or (
        article.title and not article.title_derived and not article.paragraphs
    )
    # A derived title (issue 12) never changes the id: it is computed without it.
    assert article.id == article_id_for(
        None if article.title_derived else article.title, article.text
    )
    assert not article.title_derived or article.title
    assert "\r" not in article.text
    for value in (
        article.title,
        article.text,
        article.dek,
        article.outlet,
        article.url,
        article.byline,
    ):
        assert value is None or isinstance(
            value.encode("utf-8"), bytes
        )  # no lone surrogates (issue 12)


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES
