"""Incremental reconcile: what each record was reconciled into, and what changed since.

``reconcile_pending`` lists the articles whose records were replaced since the last
reconcile (written by ``save_extraction``). ``event_blocks``/``claim_blocks`` keep, for
each reconciled event and claim, the block it was clustered or grouped in (and an event's
graph edge, a claim's referent), so a reconcile re-reads only the blocks that the pending
articles touch. ``target_names`` is ``actor_names`` for names in the target role (a place is
no actor but its state as a target), so a reconcile sees which names changed meaning. ``name_counts``
keeps how often each event actor/target name and each quote speaker occurs (the actor
index's input), kept up to date by ``save_extraction``, so a reconcile reads the names, not
the events and quotes that carry them. Clusters and groups carry their block. The m004 fingerprint is cleared so
the first reconcile after this migration is a full one.
"""

from __future__ import annotations

from sitroom.store.connection import Connection
from sitroom.store.migrations import execute_script

VERSION = 12
DESCRIPTION = "incremental reconcile: pending articles, event/claim blocks, block columns"

SCHEMA = """
CREATE TABLE reconcile_pending (
    article_id TEXT PRIMARY KEY
);
CREATE TABLE event_blocks (
    event_id INTEGER NOT NULL PRIMARY KEY,
    article_id TEXT NOT NULL,
    block TEXT NOT NULL,
    edge TEXT
);
CREATE INDEX event_blocks_article ON event_blocks(article_id);
CREATE INDEX event_blocks_block ON event_blocks(block);
CREATE INDEX event_blocks_edge ON event_blocks(edge);
CREATE TABLE claim_blocks (
    claim_id INTEGER NOT NULL PRIMARY KEY,
    article_id TEXT NOT NULL,
    block TEXT NOT NULL,
    referent TEXT NOT NULL
);
CREATE INDEX claim_blocks_article ON claim_blocks(article_id);
CREATE INDEX claim_blocks_block ON claim_blocks(block);
CREATE TABLE target_names (
    name TEXT PRIMARY KEY,
    actor TEXT NOT NULL
);
CREATE TABLE name_counts (
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (role, name)
);
INSERT INTO name_counts (role, name, n)
    SELECT 'event', name, count(*) FROM (
        SELECT actor AS name FROM events UNION ALL SELECT target AS name FROM events
    ) names WHERE name IS NOT NULL AND name <> '' GROUP BY name;
INSERT INTO name_counts (role, name, n)
    SELECT 'speaker', speaker, count(*) FROM quotes WHERE speaker IS NOT NULL AND speaker <> ''
    GROUP BY speaker;
CREATE INDEX events_actor ON events(actor);
CREATE INDEX events_target ON events(target);
ALTER TABLE event_clusters ADD COLUMN block TEXT;
CREATE INDEX event_clusters_block ON event_clusters(block);
ALTER TABLE claim_groups ADD COLUMN block TEXT;
CREATE INDEX claim_groups_block ON claim_groups(block);
CREATE INDEX graph_edges_key ON graph_edges(source, target, relation);
DELETE FROM reconcile_state;
"""


def apply(conn: Connection) -> None:
    execute_script(conn, conn.dialect.ddl(SCHEMA))
