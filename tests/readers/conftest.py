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
    assert article.paragraphs, "an article has at least one paragraph"
    assert article.id == article_id_for(article.title, article.text)
    assert "\r" not in article.text


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES
