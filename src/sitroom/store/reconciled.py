"""SQL for the cross-article layer (m003 tables): read events/claims with their articles,
replace clusters/groups/edges in one transaction, and query them back.

Records are built by ``sitroom.reconcile``; this module only moves them in and out.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import is_dataclass
from typing import TYPE_CHECKING

from sitroom.nlp.timex.values import timex_days
from sitroom.records.reconciled import (
    ClaimGroup,
    ClaimRow,
    EventCluster,
    EventRow,
    GraphEdge,
    SpeakerCount,
)
from sitroom.store.bounds import check_limit, like_pattern
from sitroom.store.connection import Connection
from sitroom.store.rows import encode, field_names, record_from_json, record_from_row

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = [
    "input_fingerprint",
    "last_fingerprint",
    "load_claim_rows",
    "load_event_rows",
    "load_speaker_counts",
    "place_coordinates",
    "read_actor_names",
    "read_claim_groups",
    "read_event_clusters",
    "read_event_corroboration",
    "read_graph_edges",
    "replace_reconciled",
]

MAX_LIMIT = 10_000


def load_event_rows(db: Connection) -> list[EventRow]:
    """Every stored event with its article's outlet and published date."""
    rows = db.query(
        "SELECT e.*, a.outlet, a.published FROM events e JOIN articles a ON a.id = e.article_id"
        " ORDER BY e.id"
    )
    return [record_from_row(EventRow, row) for row in rows]


def load_speaker_counts(db: Connection) -> list[SpeakerCount]:
    """Every named quote speaker with each spelling the text gave it and its number of quotes."""
    rows = db.query(
        "SELECT speaker, speaker_text, count(*) AS quotes FROM quotes"
        " WHERE speaker IS NOT NULL GROUP BY speaker, speaker_text ORDER BY speaker, speaker_text"
    )
    return [record_from_row(SpeakerCount, row) for row in rows]


def load_claim_rows(db: Connection) -> list[ClaimRow]:
    """Every stored claim with its article's outlet and date; ``context`` = its sentence + the title."""
    rows = db.query(
        "SELECT c.*, a.outlet, a.published, a.text AS article_text, a.title AS article_title"
        " FROM claims c JOIN articles a ON a.id = c.article_id ORDER BY c.id"
    )
    return [
        record_from_row(
            ClaimRow,
            row,
            context=_sentence(row["article_text"], row["start"], row["end"])
            + "\n"
            + (row["article_title"] or ""),
        )
        for row in rows
    ]


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a span: from the previous to the next full stop or line break."""
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    return text[lo : min(stops) + 1 if stops else len(text)].strip()


def _payload(record: DataclassInstance) -> str:
    """The record as JSON, as ``json.dumps(dataclasses.asdict(record))`` writes it."""
    return json.dumps(_plain(record), ensure_ascii=False)


_FIELDS: dict[type, tuple[str, ...]] = {}  # field names per record type, looked up once


def _plain(value: object) -> object:
    """``dataclasses.asdict`` without its deep copies: a cluster of a big store holds
    hundreds of thousands of reports, and asdict took most of the time writing them."""
    if is_dataclass(value) and not isinstance(value, type):
        kind = type(value)
        names = _FIELDS.get(kind) or _FIELDS.setdefault(kind, field_names(kind))
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _columns(db: Connection, table: str) -> list[str]:
    """The table's columns, in schema order."""
    return [row["name"] for row in db.query(db.dialect.columns_sql(), (table,))]


def _insert(
    conn: Connection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _days(first: str | None, last: str | None) -> tuple[str | None, str | None]:
    """ISO first and last day covered by a cluster's TIMEX3 dates (None where undated)."""
    start, end = timex_days(first), timex_days(last or first)
    return (
        start[0].isoformat() if start else (end[0].isoformat() if end else None),
        end[1].isoformat() if end else (start[1].isoformat() if start else None),
    )


def input_fingerprint(db: Connection) -> str:
    """What reconcile reads, summarized: row counts and highest ids of events, claims, quotes.

    Extraction replaces an article's records by delete + insert, so any change moves a
    count or a highest id (SQLite: the rowid); equal fingerprints mean the inputs are unchanged.
    """
    parts = [
        db.one(f"SELECT count(*), coalesce(max(id), 0) FROM {table}")
        for table in ("events", "claims", "quotes")
    ]
    return ";".join(f"{part[0]}:{part[1]}" for part in parts if part is not None)


def last_fingerprint(db: Connection) -> str | None:
    """The fingerprint recorded by the last :func:`replace_reconciled`, if any."""
    value = db.scalar("SELECT fingerprint FROM reconcile_state WHERE id = 1")
    return None if value is None else str(value)


def replace_reconciled(
    db: Connection,
    clusters: Sequence[EventCluster],
    groups: Sequence[ClaimGroup],
    edges: Sequence[GraphEdge],
    *,
    actor_names: Mapping[str, str] | None = None,
    fingerprint: str | None = None,
) -> None:
    """Swap the m003 tables' (and m011 ``actor_names``) contents for these, atomically, and
    record ``fingerprint``."""
    with db.transaction() as conn:
        if fingerprint is not None:
            conn.execute(
                "INSERT INTO reconcile_state (id, fingerprint, reconciled_at) VALUES (1, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint,"
                " reconciled_at = excluded.reconciled_at",
                (fingerprint, time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())),
            )
        conn.execute("DELETE FROM event_clusters")
        conn.execute("DELETE FROM claim_groups")
        conn.execute("DELETE FROM graph_edges")
        conn.execute("DELETE FROM actor_names")
        _insert(conn, "actor_names", ("name", "actor"), sorted((actor_names or {}).items()))
        # Each table keeps some record fields as columns to filter on (the migration chose
        # which), the whole record as JSON in ``payload``, and a few derived columns.
        cluster_fields = [
            c for c in _columns(db, "event_clusters") if c in field_names(EventCluster)
        ]
        _insert(
            conn,
            "event_clusters",
            [*cluster_fields, "payload", "day_first", "day_last"],
            [
                (
                    *(encode(getattr(c, name)) for name in cluster_fields),
                    _payload(c),
                    *_days(c.date_first, c.date_last),
                )
                for c in clusters
            ],
        )
        group_fields = [c for c in _columns(db, "claim_groups") if c in field_names(ClaimGroup)]
        _insert(
            conn,
            "claim_groups",
            [*group_fields, "n_values", "payload"],
            [
                (
                    *(encode(getattr(g, name)) for name in group_fields),
                    len(g.values),
                    _payload(g),
                )
                for g in groups
            ],
        )
        edge_fields = field_names(GraphEdge)
        _insert(
            conn,
            "graph_edges",
            edge_fields,
            [tuple(encode(getattr(e, name)) for name in edge_fields) for e in edges],
        )


def read_event_clusters(
    db: Connection,
    *,
    type: str | None = None,
    actor: str | None = None,
    place: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
) -> list[EventCluster]:
    """Stored event clusters, newest first, filtered by type, actor/place substring and days."""
    check_limit(limit, MAX_LIMIT)
    where, params = ["1=1"], list[object]()
    if type:
        where.append("event_type = ?")
        params.append(type)
    if actor:
        where.append(
            f"(actor {db.dialect.like} ? ESCAPE '\\' OR target {db.dialect.like} ? ESCAPE '\\')"
        )
        params += [like_pattern(actor), like_pattern(actor)]
    if place:
        where.append(f"place {db.dialect.like} ? ESCAPE '\\'")
        params.append(like_pattern(place))
    # Day bounds, not the TIMEX3 strings: "2025-W10" must compare as the days it covers.
    if since:
        where.append("day_last >= ?")
        params.append(since)
    if until:
        where.append("day_first <= ?")
        params.append(until)
    sql = (
        f"SELECT payload FROM event_clusters WHERE {' AND '.join(where)}"
        " ORDER BY day_first IS NULL, day_first DESC, day_last DESC, id LIMIT ?"
    )
    return [
        record_from_json(EventCluster, json.loads(row["payload"]))
        for row in db.query(sql, [*params, limit])
    ]


def read_event_corroboration(db: Connection) -> dict[int, int]:
    """Event id -> the corroboration of its stored cluster (independent sources, as the last
    reconcile counted them); events of no stored cluster are left out."""
    return {
        report["event_id"]: row["corroboration"]
        for row in db.query("SELECT corroboration, payload FROM event_clusters")
        for report in json.loads(row["payload"])["reports"]
    }


def read_claim_groups(
    db: Connection, *, about: str | None = None, contradictions_only: bool = False
) -> list[ClaimGroup]:
    """Stored claim groups, biggest first; ``about`` matches the topic or any member's text."""
    where, params = ["1=1"], list[object]()
    if about:
        where.append(
            f"(topic {db.dialect.like} ? ESCAPE '\\' OR payload {db.dialect.like} ? ESCAPE '\\')"
        )
        params += [like_pattern(about), like_pattern(about)]
    if contradictions_only:
        where.append("contradiction = 1")
    sql = f"SELECT payload FROM claim_groups WHERE {' AND '.join(where)} ORDER BY n_values DESC, topic"
    return [
        record_from_json(ClaimGroup, json.loads(row["payload"])) for row in db.query(sql, params)
    ]


def read_actor_names(db: Connection) -> dict[str, str]:
    """Stored name (a quote's speaker, an event's actor) -> its canonical actor, as reconciled."""
    return {row["name"]: row["actor"] for row in db.query("SELECT name, actor FROM actor_names")}


def read_graph_edges(db: Connection) -> list[GraphEdge]:
    """Stored actor-graph edges, by source, target and relation."""
    rows = db.query("SELECT * FROM graph_edges ORDER BY source, target, relation, confident DESC")
    return [record_from_row(GraphEdge, row) for row in rows]


def place_coordinates(db: Connection) -> dict[str, tuple[str | None, float | None, float | None]]:
    """Resolved place name -> (country, lat, lon), for exports that need coordinates."""
    if db.dialect.is_postgres:  # no bare columns beside GROUP BY: the first row per name
        sql = "SELECT DISTINCT ON (name) name, country, lat, lon FROM places ORDER BY name, id"
    else:
        sql = "SELECT name, country, lat, lon FROM places GROUP BY name"
    rows = db.query(sql)
    return {r["name"]: (r["country"], r["lat"], r["lon"]) for r in rows}
