"""Events keep every sentence that reports them (``evidence``) and a ``confidence``.

One event record per happening per article (issue 9): the mentions merged into it are kept
as a JSON list of ``[start, end]`` pairs. Rows written before this migration keep no extra
spans and count as fully confident, like any record whose confidence nobody scored.
"""

from __future__ import annotations

from sitroom.store.connection import Connection
from sitroom.store.migrations import execute_script

VERSION = 8
DESCRIPTION = "events: evidence spans (JSON) and confidence"

SCHEMA = """
ALTER TABLE events ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
ALTER TABLE events ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
CREATE INDEX events_confidence ON events(confidence);
"""


def apply(conn: Connection) -> None:
    execute_script(conn, conn.dialect.ddl(SCHEMA))
