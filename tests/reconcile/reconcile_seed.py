"""Three invented articles from three outlets, and a store built from them (extracted, reconciled).

Shared by tests/reconcile and tests/test_cli_events.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sitroom.records import Article, article_id_for

# Invented reports: the same strike from three outlets, troop figures that disagree,
# a threat, an agreement, a condemnation and a sanction.
ARTICLES = (
    (
        "Daily Ledger",
        "2025-03-10",
        "Missiles hit Odesa port",
        (
            "Russia launched a missile at Odesa on Sunday, killing four dockworkers. "
            "Ukrainian officials said about 5,000 Belarusian troops had massed near the border. "
            "Britain condemned the strike. Norway and Ukraine signed a security agreement in Oslo."
        ),
    ),
    (
        "Evening Wire",
        "2025-03-11",
        "Odesa struck again",
        (
            "Russia fired missiles at Odesa on Monday, the regional governor said. "
            "According to the Polish defence ministry, more than 9,000 Belarusian troops are stationed near the border. "
            "The EU imposed sanctions on Russia over the attacks."
        ),
    ),
    (
        "Morning Post",
        "2025-03-12",
        "Minsk plays down border build-up",
        (
            "Belarus has up to 2,000 Belarusian troops near the frontier, its defence ministry said. "
            "Moscow threatened to strike Poland if the deliveries continue."
        ),
    ),
)


def make_articles() -> list[Article]:
    return [
        Article(
            id=article_id_for(title, text),
            title=title,
            text=text,
            outlet=outlet,
            published=published,
        )
        for outlet, published, title, text in ARTICLES
    ]


def build_seeded_db(path: Path) -> Path:
    """Write the articles, their extractions (real pipeline) and the reconciled tables to ``path``."""
    return build_db(path, make_articles())


def build_db(path: Path, articles: Sequence[Article]) -> Path:
    """Store ``articles``, their extractions (real pipeline) and the reconciled tables at ``path``."""
    from sitroom.jobs.parallel import extract_articles
    from sitroom.reconcile import reconcile_store
    from sitroom.store import open_store

    with open_store(path) as db:
        db.save_articles(articles)
        for extraction in extract_articles(list(articles)):
            db.save_extraction(extraction, pipeline_version="test")
        reconcile_store(db)
    return path
