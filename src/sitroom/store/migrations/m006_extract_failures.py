"""Articles whose extraction failed, with the error, until a later extraction succeeds.

A failed extraction used to leave only a missing ``pipeline_version`` behind: nothing in
the store said the article had failed, or why (issue 12). One row per failing article;
``sitroom reprocess`` deletes the row when it extracts the article.
"""

from __future__ import annotations

from sitroom.store.connection import Connection
from sitroom.store.migrations import execute_script

VERSION = 6
DESCRIPTION = "extract_failures: articles whose extraction failed, and why"

SCHEMA = """
CREATE TABLE extract_failures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    message TEXT NOT NULL,
    pipeline_version TEXT,
    failed_at TEXT NOT NULL
);
"""


def apply(conn: Connection) -> None:
    execute_script(conn, conn.dialect.ddl(SCHEMA))
