"""The near-duplicate index moves into the store: MinHash LSH band keys in a table.

Before, every writer rebuilt an in-memory LSH index from all stored signatures, so its
memory grew with the store (~5.8 KB per article; issue 13). Now each article with a
signature has one row per LSH band (a 64-bit key of the band's hash values), written in the
article's own transaction, and ``minhash_banding`` records the banding those keys were made
with. The rows are filled from the stored signatures on first use (``sitroom.store.dedup``),
so this migration only makes the tables.
"""

from __future__ import annotations

from sitroom.store.connection import Connection
from sitroom.store.migrations import execute_script

VERSION = 9
DESCRIPTION = "near-duplicate LSH band keys (minhash_bands, minhash_banding)"

# A key per (band, article); WITHOUT ROWID keeps the primary key the table itself on SQLite.
SQLITE_SCHEMA = """
CREATE TABLE minhash_bands (
    band_key INTEGER NOT NULL,
    article_seq INTEGER NOT NULL,
    PRIMARY KEY (band_key, article_seq)
) WITHOUT ROWID;
CREATE TABLE minhash_banding (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    bands INTEGER NOT NULL,
    band_rows INTEGER NOT NULL
);
"""
POSTGRES_SCHEMA = """
CREATE TABLE minhash_bands (
    band_key BIGINT NOT NULL,
    article_seq BIGINT NOT NULL,
    PRIMARY KEY (band_key, article_seq)
);
CREATE TABLE minhash_banding (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    bands INTEGER NOT NULL,
    band_rows INTEGER NOT NULL
);
"""


def apply(conn: Connection) -> None:
    execute_script(conn, POSTGRES_SCHEMA if conn.dialect.is_postgres else SQLITE_SCHEMA)
