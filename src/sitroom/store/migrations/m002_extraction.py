"""Tables for every extracted record, canonical entities, and full-text search over quotes."""

from __future__ import annotations

from sitroom.store.connection import Connection
from sitroom.store.migrations import execute_script

VERSION = 2
DESCRIPTION = "mentions, entities, quotes (+fts), claims, timexes, places, events"

SCHEMA = """
ALTER TABLE articles ADD COLUMN pipeline_version TEXT;
ALTER TABLE articles ADD COLUMN processed_at TEXT;
CREATE INDEX articles_pipeline_version ON articles(pipeline_version);

CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    norm TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    roles TEXT NOT NULL DEFAULT '[]',
    weapon_class TEXT,
    UNIQUE (norm, label)
);
CREATE INDEX entities_label ON entities(label);

-- Every normalized name or alias an entity is known by, for exact lookups when merging.
CREATE TABLE entity_names (
    norm TEXT NOT NULL,
    label TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (norm, label)
);

CREATE TABLE article_entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX article_entities_entity ON article_entities(entity_id);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    entity TEXT NOT NULL,
    role TEXT,
    entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_kind TEXT,
    cue TEXT
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL,
    low REAL,
    high REAL,
    bound TEXT,
    unit TEXT,
    what TEXT,
    claimant TEXT,
    hedge TEXT
);
CREATE INDEX claims_article ON claims(article_id);

CREATE TABLE timexes (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    timex_type TEXT NOT NULL,
    value TEXT NOT NULL,
    anchored INTEGER NOT NULL DEFAULT 0,
    granularity TEXT
);
CREATE INDEX timexes_article ON timexes(article_id);

CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    lat REAL,
    lon REAL,
    geonames_id INTEGER
);
CREATE INDEX places_article ON places(article_id);
CREATE INDEX places_name ON places(name);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    event_type TEXT NOT NULL,
    plover TEXT NOT NULL,
    acled_event_type TEXT,
    acled_sub_event_type TEXT,
    "trigger" TEXT,
    actor TEXT,
    target TEXT,
    place TEXT,
    date TEXT,
    date_precision TEXT,
    status TEXT NOT NULL DEFAULT 'reported',
    weapons TEXT NOT NULL DEFAULT '[]',
    quantities TEXT NOT NULL DEFAULT '{}',
    claimant TEXT
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type ON events(event_type);
CREATE INDEX events_date ON events(date);
"""


# Full-text search over quotes, as over articles (m001): FTS5 on SQLite ...
SQLITE_FTS = """
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
"""

# ... and a generated tsvector column with a GIN index on PostgreSQL.
POSTGRES_FTS = """
ALTER TABLE quotes ADD COLUMN fts tsvector
    GENERATED ALWAYS AS (to_tsvector('sitroom', text)) STORED;
CREATE INDEX quotes_fts ON quotes USING GIN (fts);
"""


def apply(conn: Connection) -> None:
    execute_script(conn, conn.dialect.ddl(SCHEMA))
    execute_script(conn, POSTGRES_FTS if conn.dialect.is_postgres else SQLITE_FTS)
