"""Graph edges say whether their events are stated as fact (``GraphEdge.confident``).

Reconcile keeps the edges of low-confidence events apart, marked 0, so the graph shows them
only when asked (issue 9). Rows written before this migration count as confident, as they
were shown; the reconcile version bump rewrites them on the next read.
"""

from __future__ import annotations

from sitroom.store.connection import Connection
from sitroom.store.migrations import execute_script

VERSION = 13
DESCRIPTION = "graph_edges: confident (0 = from events not stated as fact)"

SCHEMA = """
ALTER TABLE graph_edges ADD COLUMN confident INTEGER NOT NULL DEFAULT 1;
"""


def apply(conn: Connection) -> None:
    execute_script(conn, conn.dialect.ddl(SCHEMA))
