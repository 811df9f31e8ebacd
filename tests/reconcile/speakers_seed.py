"""Invented articles that quote one governor under two spellings, and a store built from them.

"Oleksandr Petrenko" in one article, "Mr Petrenko" in the next: one speaker once reconciled
(issue 10). Shared by the reconcile, API, web and CLI tests of quote speakers.
"""

from __future__ import annotations

from pathlib import Path

from sitroom.records import Article, article_id_for
from tests.reconcile.reconcile_seed import build_db

FULL = "Oleksandr Petrenko"
TITLED = "Mr Petrenko"

ARTICLES = (
    (
        "Harbour Gazette",
        "2025-04-02",
        "Governor warns of more shelling",
        (
            '"The shelling went on all night and the power station is badly damaged," '
            "Oleksandr Petrenko, the governor of the region, told reporters on Tuesday. "
            "Oleksandr Petrenko said repair crews would need at least a week."
        ),
    ),
    (
        "River Courier",
        "2025-04-03",
        "Bridge to reopen, governor says",
        (
            '"We will rebuild the bridge before the winter comes," Mr Petrenko said on Wednesday. '
            "Mr Petrenko added that volunteers had cleared the debris from the riverbank."
        ),
    ),
)


def make_articles() -> list[Article]:
    return [
        Article(
            id=article_id_for(title, text), title=title, text=text, outlet=outlet, published=day
        )
        for outlet, day, title, text in ARTICLES
    ]


def build_speakers_db(path: Path) -> Path:
    """Store the articles, their extractions (real pipeline) and the reconciled tables."""
    return build_db(path, make_articles())
