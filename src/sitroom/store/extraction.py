"""Extracted records (mentions, quotes, claims, timexes, places, events): save, load, list.

An article's derived records are replaced as a whole, in one transaction, when it is
(re)processed: delete then insert, so a newer pipeline version never leaves a mix.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import TypeVar

from sitroom.errors import NotFound
from sitroom.records import Claim, Entity, Event, Extraction, Mention, Place, Quote, Timex
from sitroom.store.bounds import check_limit, like_pattern
from sitroom.store.connection import Connection, Row
from sitroom.store.entities import canonicalize, entity_from_row
from sitroom.store.rows import encode, field_names, record_from_row

__all__ = [
    "EntityRow",
    "articles_needing_processing",
    "get_extraction",
    "list_claims",
    "list_entities",
    "list_events",
    "list_places",
    "list_quotes",
    "save_extraction",
    "save_extractions",
]

MAX_LIMIT = 1000

# A record stored one row per record, in its own table.
Record = Mention | Quote | Claim | Timex | Place | Event
R = TypeVar("R", Mention, Quote, Claim, Timex, Place, Event)

# record type -> its table; the columns are the dataclass fields (quoted: "end" is a keyword).
_TABLES: dict[type[Record], str] = {
    Mention: "mentions",
    Quote: "quotes",
    Claim: "claims",
    Timex: "timexes",
    Place: "places",
    Event: "events",
}


def _columns(kind: type[Record]) -> list[str]:
    return list(field_names(kind))


def _decode(kind: type[R], row: Row) -> R:
    return record_from_row(kind, row)


def quote_from_row(row: Row) -> Quote:
    """A Quote from a ``quotes`` row (for other store modules)."""
    return _decode(Quote, row)


def _check_span(text: str, record: Record) -> None:
    if text[record.start : record.end] != record.text or record.start > record.end:
        raise ValueError(
            f"{type(record).__name__} {record.start}:{record.end} {record.text!r} does not match"
            f" article {record.article_id} text {text[record.start : record.end]!r}"
        )
    if (
        isinstance(record, Quote)
        and record.speaker_start is not None
        and record.speaker_end is not None
        and text[record.speaker_start : record.speaker_end] != record.speaker_text
    ):
        raise ValueError(
            f"Quote speaker span {record.speaker_start}:{record.speaker_end} does not match its text"
        )


def _records(extraction: Extraction) -> list[Record]:
    return [
        *extraction.mentions, *extraction.quotes, *extraction.claims,
        *extraction.timexes, *extraction.places, *extraction.events,
    ]  # fmt: skip


def save_extraction(db: Connection, extraction: Extraction, *, pipeline_version: str) -> None:
    """Replace the article's derived records with ``extraction``, in one transaction.

    Raises:
        NotFound: the article is not stored.
        ValueError: a record belongs to another article or its span does not match the text.
    """
    save_extractions(db, [extraction], pipeline_version=pipeline_version)


# Article ids per ``IN (...)`` list: well under SQLite's and psycopg's parameter limits.
_ID_CHUNK = 500


def save_extractions(
    db: Connection, extractions: Iterable[Extraction], *, pipeline_version: str
) -> None:
    """:func:`save_extraction` for each extraction in turn, in one transaction, with one
    statement per table for the whole batch instead of one per article (a bulk load).

    The store ends as it would after saving them one by one: records get the same ids
    (each table's rows are inserted in the same order), entities are canonicalized article
    by article. An article met twice starts a new batch, so its later records win; one
    processed before is saved alone, between the batches before and after it: deleting its
    old records in the batch's one DELETE would let SQLite hand their ids to other rows.

    Raises:
        NotFound: an article is not stored (nothing of the batch is saved).
        ValueError: a record belongs to another article or its span does not match the text.
    """
    batch: dict[str, Extraction] = {}
    with db.transaction() as conn:
        for extraction in extractions:
            if extraction.article_id in batch:
                _save_batch(conn, list(batch.values()), pipeline_version)
                batch = {}
            batch[extraction.article_id] = extraction
        if batch:
            _save_batch(conn, list(batch.values()), pipeline_version)


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    return (ids[i : i + _ID_CHUNK] for i in range(0, len(ids), _ID_CHUNK))


def _marks(ids: list[str]) -> str:
    return ", ".join("?" for _ in ids)


def _save_batch(conn: Connection, batch: list[Extraction], pipeline_version: str) -> None:
    """Save extractions of distinct articles (inside the caller's transaction)."""
    texts: dict[str, str] = {}
    processed: set[str] = set()
    for chunk in _chunks([e.article_id for e in batch]):
        for row in conn.query(
            f"SELECT id, text, processed_at FROM articles WHERE id IN ({_marks(chunk)})",
            tuple(chunk),
        ):
            texts[row[0]] = row[1]
            if row[2] is not None:
                processed.add(row[0])
    for extraction in batch:
        article_id = extraction.article_id
        if article_id not in texts:
            raise NotFound(f"no article with id {article_id!r} to attach extracted records to")
        for record in _records(extraction):
            if record.article_id != article_id:
                raise ValueError(
                    f"{type(record).__name__} of article {record.article_id} in extraction of {article_id}"
                )
            _check_span(texts[article_id], record)
    run: list[Extraction] = []
    for extraction in batch:
        if extraction.article_id in processed:
            _write(conn, run, pipeline_version)
            _write(conn, [extraction], pipeline_version)
            run = []
        else:
            run.append(extraction)
    _write(conn, run, pipeline_version)


def _write(conn: Connection, batch: list[Extraction], pipeline_version: str) -> None:
    """Replace the records of checked extractions of distinct articles, one statement a table."""
    if not batch:
        return
    ids = [e.article_id for e in batch]
    _count_names(conn, _stored_names(conn, ids), -1)
    for table in (*_TABLES.values(), "article_entities"):
        conn.executemany(f"DELETE FROM {table} WHERE article_id = ?", [(i,) for i in ids])
    _count_names(conn, [name for e in batch for name in _names(e)], 1)
    rows: dict[type[Record], list[list[object]]] = {kind: [] for kind in _TABLES}
    links: list[tuple[str, int, int]] = []
    for extraction in batch:
        entity_ids = _save_entities(conn, extraction)
        links += [
            (extraction.article_id, entity_id, seq)
            for seq, entity_id in enumerate(dict.fromkeys(entity_ids.values()))
        ]
        for record in _records(extraction):
            kind = type(record)
            values: list[object] = [encode(getattr(record, n)) for n in field_names(kind)]
            if isinstance(record, Mention):
                values.append(entity_ids[(record.entity, record.label)])
            rows[kind].append(values)
    conn.executemany(
        "INSERT INTO article_entities (article_id, entity_id, seq) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        links,
    )
    for kind, table in _TABLES.items():
        names = _columns(kind) + (["entity_id"] if kind is Mention else [])
        conn.executemany(
            f"INSERT INTO {table} ({', '.join(f'{chr(34)}{n}{chr(34)}' for n in names)})"
            f" VALUES ({', '.join('?' for _ in names)})",
            rows[kind],
        )
    # The next reconcile re-reads what these articles' old and new records touch.
    conn.executemany(
        "INSERT INTO reconcile_pending (article_id) VALUES (?) ON CONFLICT DO NOTHING",
        [(i,) for i in ids],
    )
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    conn.executemany(
        "UPDATE articles SET pipeline_version = ?, processed_at = ? WHERE id = ?",
        [(pipeline_version, now, i) for i in ids],
    )


def _stored_names(conn: Connection, ids: list[str]) -> list[tuple[str, str | None]]:
    """(role, name) of every event actor and target and quote speaker stored for the articles."""
    names: list[tuple[str, str | None]] = []
    for chunk in _chunks(ids):
        marks = _marks(chunk)
        rows = conn.query(
            f"SELECT 'event' AS role, actor AS name FROM events WHERE article_id IN ({marks})"
            f" UNION ALL SELECT 'event', target FROM events WHERE article_id IN ({marks})"
            f" UNION ALL SELECT 'speaker', speaker FROM quotes WHERE article_id IN ({marks})",
            (*chunk, *chunk, *chunk),
        )
        names += [(row["role"], row["name"]) for row in rows]
    return names


def _names(extraction: Extraction) -> list[tuple[str, str | None]]:
    """(role, name) of the extraction's event actors and targets and quote speakers."""
    return [
        *(("event", name) for e in extraction.events for name in (e.actor, e.target)),
        *(("speaker", q.speaker) for q in extraction.quotes),
    ]


def _count_names(conn: Connection, names: list[tuple[str, str | None]], sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) these names' occurrences in m012 ``name_counts``:
    the counts reconcile's actor index needs, without reading every event and quote."""
    counts = Counter((role, name) for role, name in names if name)
    conn.executemany(
        "INSERT INTO name_counts (role, name, n) VALUES (?, ?, ?)"
        " ON CONFLICT (role, name) DO UPDATE SET n = name_counts.n + excluded.n",
        [(role, name, sign * n) for (role, name), n in sorted(counts.items())],
    )
    if sign < 0:
        conn.executemany(
            "DELETE FROM name_counts WHERE role = ? AND name = ? AND n <= 0", sorted(counts)
        )


def _save_entities(conn: Connection, extraction: Extraction) -> dict[tuple[str, str], int]:
    """Canonicalize the article's entities (and any only named by a mention): their ids."""
    ids: dict[tuple[str, str], int] = {}
    wanted = list(extraction.entities) + [
        Entity(name=m.entity, label=m.label, roles=(m.role,) if m.role else ())
        for m in extraction.mentions
    ]
    for entity in wanted:
        key = (entity.name, entity.label)
        if key not in ids or entity in extraction.entities:
            ids.setdefault(key, canonicalize(conn, entity))
    return ids


def get_extraction(db: Connection, article_id: str) -> Extraction:
    """Every stored record of the article (entities in their canonical form).

    Raises:
        NotFound: the article is not stored.
    """
    if not db.scalar("SELECT 1 FROM articles WHERE id = ?", (article_id,)):
        raise NotFound(f"no article with id {article_id!r}")

    def load(kind: type[R]) -> tuple[R, ...]:
        return tuple(
            _decode(kind, row)
            for row in db.query(
                f'SELECT * FROM {_TABLES[kind]} WHERE article_id = ? ORDER BY start, "end", id',
                (article_id,),
            )
        )

    entities = tuple(
        entity_from_row(row)
        for row in db.query(
            "SELECT e.* FROM article_entities ae JOIN entities e ON e.id = ae.entity_id"
            " WHERE ae.article_id = ? ORDER BY ae.seq",
            (article_id,),
        )
    )
    return Extraction(
        article_id=article_id,
        mentions=load(Mention),
        entities=entities,
        quotes=load(Quote),
        claims=load(Claim),
        timexes=load(Timex),
        places=load(Place),
        events=load(Event),
    )


def _like(value: str | None) -> str | None:
    return value and like_pattern(value)


def _list(
    db: Connection, kind: type[R], where: Iterable[tuple[str, str | None]], limit: int
) -> list[R]:
    """Records of one kind, newest article first, in text order within an article."""
    check_limit(limit, MAX_LIMIT)
    clauses = [(clause, value) for clause, value in where if value]
    table = _TABLES[kind]
    if clauses or db.dialect.is_postgres:
        source = f"{table} r JOIN articles a ON a.id = r.article_id"
    else:
        # Unfiltered (the overview, first pages): walk articles newest first on the m010
        # index and stop at the limit; SQLite's CROSS JOIN keeps that loop order. With a
        # filter the records are found first (one article's, one type's), then sorted.
        source = f"articles a CROSS JOIN {table} r ON a.id = r.article_id"
    sql = (
        f"SELECT r.* FROM {source}"
        + (" WHERE " + " AND ".join(clause for clause, _ in clauses) if clauses else "")
        + " ORDER BY coalesce(a.published, '') DESC, a.seq DESC, r.start, r.id LIMIT ?"
    )
    params: list[object] = [value for clause, value in clauses for _ in range(clause.count("?"))]
    return [_decode(kind, row) for row in db.query(sql, (*params, limit))]


def list_quotes(
    db: Connection, *, speaker: str | None = None, article_id: str | None = None, limit: int = 50
) -> list[Quote]:
    """Quotes, optionally by a speaker: a case-insensitive substring of the quote's speaker
    or of the canonical actor reconcile gave it (m011 ``actor_names``), so "Vladimir Putin"
    also finds the quotes whose article named him only "Putin"."""
    return _list(
        db,
        Quote,
        [
            (
                f"(r.speaker {db.dialect.like} ? ESCAPE '\\' OR r.speaker IN"
                f" (SELECT n.name FROM actor_names n WHERE n.actor {db.dialect.like} ? ESCAPE '\\'))",
                _like(speaker),
            ),
            ("r.article_id = ?", article_id),
        ],
        limit,
    )


def list_claims(
    db: Connection, *, about: str | None = None, article_id: str | None = None, limit: int = 50
) -> list[Claim]:
    """Numeric claims, optionally about something (substring of what is counted, or the text)."""
    return _list(
        db,
        Claim,
        [
            (
                f"(r.what {db.dialect.like} ? ESCAPE '\\' OR r.text {db.dialect.like} ? ESCAPE '\\')",
                _like(about),
            ),
            ("r.article_id = ?", article_id),
        ],
        limit,
    )


def list_places(
    db: Connection,
    *,
    name: str | None = None,
    country: str | None = None,
    article_id: str | None = None,
    limit: int = 50,
) -> list[Place]:
    """Resolved place mentions, optionally by name substring or ISO country code."""
    return _list(
        db,
        Place,
        [
            (f"r.name {db.dialect.like} ? ESCAPE '\\'", _like(name)),
            (db.dialect.nocase_equals("r.country"), country),
            ("r.article_id = ?", article_id),
        ],
        limit,
    )


def list_events(
    db: Connection,
    *,
    type: str | None = None,
    actor: str | None = None,
    place: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article_id: str | None = None,
    limit: int = 50,
) -> list[Event]:
    """Events filtered by type, actor/place substring and date range (ISO, inclusive)."""
    return _list(
        db,
        Event,
        [
            ("r.event_type = ?", type),
            (f"r.actor {db.dialect.like} ? ESCAPE '\\'", _like(actor)),
            (f"r.place {db.dialect.like} ? ESCAPE '\\'", _like(place)),
            ("r.date >= ?", since),
            ("substr(r.date, 1, length(CAST(? AS TEXT))) <= ?", until),
            ("r.article_id = ?", article_id),
        ],
        limit,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityRow:
    """A canonical entity with how often it is mentioned."""

    id: int
    name: str
    label: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    weapon_class: str | None
    mentions: int
    articles: int


def list_entities(
    db: Connection, *, label: str | None = None, name: str | None = None, limit: int = 50
) -> list[EntityRow]:
    """Canonical entities, most mentioned first."""
    check_limit(limit, MAX_LIMIT)
    clauses = [
        (s, v)
        for s, v in [
            ("e.label = ?", label),
            (
                f"(e.name {db.dialect.like} ? ESCAPE '\\' OR e.aliases {db.dialect.like} ? ESCAPE '\\')",
                _like(name),
            ),
        ]
        if v
    ]
    params: list[object] = []
    for sql, value in clauses:
        params += [value] * sql.count("?")
    rows = db.query(
        "SELECT e.*, (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS n_mentions,"
        " (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) AS n_articles"
        " FROM entities e"
        + (" WHERE " + " AND ".join(s for s, _ in clauses) if clauses else "")
        + " ORDER BY n_mentions DESC, n_articles DESC, e.name LIMIT ?",
        (*params, limit),
    )
    return [
        EntityRow(
            id=row["id"],
            mentions=row["n_mentions"],
            articles=row["n_articles"],
            **{f.name: getattr(entity_from_row(row), f.name) for f in fields(Entity)},
        )
        for row in rows
    ]


def articles_needing_processing(
    db: Connection, pipeline_version: str | None, *, limit: int | None = None
) -> list[str]:
    """Ids of articles not yet processed by ``pipeline_version`` (None: every article), in ingest order."""
    sql = "SELECT id FROM articles"
    params: list[object] = []
    if pipeline_version is not None:
        sql += " WHERE pipeline_version IS NULL OR pipeline_version != ?"
        params.append(pipeline_version)
    sql += " ORDER BY seq"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [row[0] for row in db.query(sql, params)]
