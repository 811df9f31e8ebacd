"""records <-> SQLite: the only package that holds SQL.

Open a store with :func:`open_store` and call its methods (``db.search("kyiv")``,
``db.get_article(id)``); each returns record types. The modules under this package are
its implementation: the query modules take the low-level ``Connection`` the Store holds.
"""

from __future__ import annotations

from sitroom.store.articles import ArticlePage, ArticleSummary, SaveResult, SourceRow
from sitroom.store.extraction import EntityRow
from sitroom.store.facade import Store, open_store
from sitroom.store.failures import ExtractFailureRow
from sitroom.store.search import MARK_CLOSE, MARK_OPEN, SEARCH_WINDOW, MatchCount, SearchHit

__all__ = [
    "MARK_CLOSE",
    "MARK_OPEN",
    "SEARCH_WINDOW",
    "ArticlePage",
    "ArticleSummary",
    "EntityRow",
    "ExtractFailureRow",
    "MatchCount",
    "SaveResult",
    "SearchHit",
    "SourceRow",
    "Store",
    "open_store",
]
