"""Counts over the whole store, for `sitroom stats` and the API overview."""

from __future__ import annotations

from sitroom.store.connection import Connection

__all__ = ["stats"]

# Derived-record tables counted by stats(); fixed names, never user input.
_RECORD_TABLES = ("mentions", "entities", "quotes", "claims", "timexes", "places", "events")


def stats(db: Connection) -> dict[str, int]:
    """Articles, sources by status, near-duplicates, links, processed articles, records per type."""
    counts = {
        "articles": db.count("SELECT count(*) FROM articles"),
        "duplicates": db.count("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "processed": db.count("SELECT count(*) FROM articles WHERE pipeline_version IS NOT NULL"),
        "sources": db.count("SELECT count(*) FROM sources"),
        "sources_ok": 0,
        "sources_partial": 0,
        "sources_failed": 0,
        "links": db.count("SELECT count(*) FROM links"),
        # Articles whose last extraction failed (cleared when a reprocess succeeds; issue 12).
        "extract_failed": db.count("SELECT count(*) FROM extract_failures"),
    }
    for row in db.query("SELECT status, count(*) FROM sources GROUP BY status"):
        counts[f"sources_{row[0]}"] = int(row[1])
    counts.update({table: db.count(f"SELECT count(*) FROM {table}") for table in _RECORD_TABLES})
    return counts
