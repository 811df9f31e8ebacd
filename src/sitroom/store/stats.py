"""Counts over the whole store, for `sitroom stats` and the API overview."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitroom.store.connection import Store

__all__ = ["stats"]

# Derived-record tables counted by stats(); fixed names, never user input.
_RECORD_TABLES = ("mentions", "entities", "quotes", "claims", "timexes", "places", "events")


def stats(db: Store) -> dict[str, int]:
    """Articles, sources by status, near-duplicates, links, processed articles, records per type."""
    counts = {
        "articles": db.scalar("SELECT count(*) FROM articles"),
        "duplicates": db.scalar("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "processed": db.scalar("SELECT count(*) FROM articles WHERE pipeline_version IS NOT NULL"),
        "sources": db.scalar("SELECT count(*) FROM sources"),
        "sources_ok": 0,
        "sources_partial": 0,
        "sources_failed": 0,
        "links": db.scalar("SELECT count(*) FROM links"),
        # Articles whose last extraction failed (cleared when a reprocess succeeds; issue 12).
        "extract_failed": db.scalar("SELECT count(*) FROM extract_failures"),
    }
    for row in db.query("SELECT status, count(*) FROM sources GROUP BY status"):
        counts[f"sources_{row[0]}"] = row[1]
    counts.update({table: db.scalar(f"SELECT count(*) FROM {table}") for table in _RECORD_TABLES})
    return {key: int(value) for key, value in counts.items()}
