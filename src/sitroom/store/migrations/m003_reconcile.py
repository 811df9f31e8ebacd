"""Tables for the cross-article layer: event clusters, claim groups, actor-graph edges.

Each row keeps a few columns to filter on plus ``payload``, the full record as JSON
(its members with their spans), because the record is always read whole.
"""

from __future__ import annotations

from sitroom.store.connection import Connection
from sitroom.store.migrations import execute_script

VERSION = 3
DESCRIPTION = "event clusters, claim groups (+contradictions), actor graph edges"

SCHEMA = """
CREATE TABLE event_clusters (
    id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL,
    actor TEXT,
    target TEXT,
    place TEXT,
    date_first TEXT,
    date_last TEXT,
    status TEXT NOT NULL,
    corroboration INTEGER NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX event_clusters_type ON event_clusters(event_type);
CREATE INDEX event_clusters_date ON event_clusters(date_first);

CREATE TABLE claim_groups (
    id TEXT PRIMARY KEY,
    topic TEXT NOT NULL,
    unit TEXT,
    n_values INTEGER NOT NULL,
    spread REAL NOT NULL,
    contradiction INTEGER NOT NULL DEFAULT 0,
    payload TEXT NOT NULL
);
CREATE INDEX claim_groups_contradiction ON claim_groups(contradiction);

CREATE TABLE graph_edges (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    relation TEXT NOT NULL,
    first_date TEXT,
    last_date TEXT,
    count INTEGER NOT NULL,
    event_ids TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX graph_edges_source ON graph_edges(source);
"""


def apply(conn: Connection) -> None:
    execute_script(conn, conn.dialect.ddl(SCHEMA))
