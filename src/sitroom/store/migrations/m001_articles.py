"""Sources read, articles with their blocks, feed links, and full-text search over articles."""

from __future__ import annotations

from sitroom.store.connection import Connection
from sitroom.store.migrations import execute_script

VERSION = 1
DESCRIPTION = "sources, articles, blocks, links, articles_fts"

# `seq` is an explicit INTEGER PRIMARY KEY because the FTS5 external-content table points at
# rowids, and VACUUM may renumber implicit rowids (sqlite.org/lang_vacuum.html).
SCHEMA = """
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    format TEXT,
    sha256 TEXT UNIQUE,
    size INTEGER,
    read_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'partial')),
    error TEXT,
    article_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sources_status ON sources(status);

CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT,
    text TEXT NOT NULL,
    dek TEXT,
    section TEXT,
    byline TEXT,
    dateline TEXT,
    outlet TEXT,
    url TEXT,
    source TEXT,
    source_index INTEGER NOT NULL DEFAULT 0,
    published TEXT,
    published_source TEXT,
    language TEXT NOT NULL DEFAULT 'en',
    duplicate_of TEXT REFERENCES articles(id) ON DELETE SET NULL,
    source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    minhash BLOB,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX articles_source_id ON articles(source_id);

CREATE TABLE blocks (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE links (
    url TEXT PRIMARY KEY,
    title TEXT,
    published TEXT,
    source TEXT,
    source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL
);

"""

# Full-text search, SQLite: an FTS5 external-content table kept in step by triggers.
SQLITE_FTS = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content='articles', content_rowid='seq',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
"""


# Full-text search, PostgreSQL: a text search configuration like FTS5's tokenizer (English
# stems, diacritics folded by the unaccent dictionary, a contrib extension that owners of a
# database may create), and a generated tsvector column (title weighted A, body D) with a
# GIN index. The column follows every insert and update, as the FTS5 triggers do.
POSTGRES_FTS = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION sitroom (COPY = english);
ALTER TEXT SEARCH CONFIGURATION sitroom
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('sitroom', coalesce(title, '')), 'A')
    || setweight(to_tsvector('sitroom', text), 'D')
) STORED;
CREATE INDEX articles_fts ON articles USING GIN (fts);
"""


def apply(conn: Connection) -> None:
    execute_script(conn, conn.dialect.ddl(SCHEMA))
    execute_script(conn, POSTGRES_FTS if conn.dialect.is_postgres else SQLITE_FTS)
