"""records <-> SQLite: the only package that holds SQL.

Open a store with :func:`open_store`; every function takes it as ``db`` first
(``search(db, "kyiv")``), and the common ones are also methods (``db.search("kyiv")``).
"""

from __future__ import annotations

from sitroom.store.articles import (
    ArticlePage,
    ArticleSummary,
    SaveResult,
    SourceRow,
    find_source,
    get_article,
    list_articles,
    record_source,
    resolve_article_id,
    save_articles,
    save_links,
)
from sitroom.store.connection import Store, open_store
from sitroom.store.extraction import (
    EntityRow,
    articles_needing_processing,
    get_extraction,
    list_claims,
    list_entities,
    list_events,
    list_places,
    list_quotes,
    save_extraction,
)
from sitroom.store.migrations import applied_versions as _applied_versions
from sitroom.store.migrations import migrate as migrate_store
from sitroom.store.search import (
    MARK_CLOSE,
    MARK_OPEN,
    SearchHit,
    escape_query,
    search,
    search_quotes,
)
from sitroom.store.stats import stats


def schema_versions(db: Store) -> list[int]:
    """Migration versions recorded as applied in ``db``."""
    return _applied_versions(db.conn)


__all__ = [
    "MARK_CLOSE",
    "MARK_OPEN",
    "ArticlePage",
    "ArticleSummary",
    "EntityRow",
    "SaveResult",
    "SearchHit",
    "SourceRow",
    "Store",
    "articles_needing_processing",
    "escape_query",
    "find_source",
    "get_article",
    "get_extraction",
    "list_articles",
    "list_claims",
    "list_entities",
    "list_events",
    "list_places",
    "list_quotes",
    "migrate_store",
    "open_store",
    "record_source",
    "resolve_article_id",
    "save_articles",
    "save_extraction",
    "save_links",
    "schema_versions",
    "search",
    "search_quotes",
    "stats",
]
