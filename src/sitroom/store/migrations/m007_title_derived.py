"""Articles remember whether their title was derived from the first sentence (issue 12).

A headline-less article gets its first sentence as a title, marked as derived so the UI
and the brief can say so; the flag must survive the round trip through the store.
"""

from __future__ import annotations

from sitroom.store.connection import Connection
from sitroom.store.migrations import execute_script

VERSION = 7
DESCRIPTION = "articles.title_derived: the title is the first sentence, not a headline"

SCHEMA = """
ALTER TABLE articles ADD COLUMN title_derived INTEGER NOT NULL DEFAULT 0;
"""


def apply(conn: Connection) -> None:
    execute_script(conn, conn.dialect.ddl(SCHEMA))
