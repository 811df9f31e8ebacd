"""SQL for the cross-article layer (m003 tables): read events/claims with their articles,
replace clusters/groups/edges in one transaction, and query them back.

Records are built by ``sitroom.reconcile``; this module only moves them in and out.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import is_dataclass
from typing import TYPE_CHECKING

from sitroom.nlp.timex.values import timex_days
from sitroom.records.reconciled import (
    ClaimGroup,
    ClaimRow,
    EventCluster,
    EventRow,
    GraphEdge,
    ReconciledUpdate,
    SpeakerCount,
)
from sitroom.store.bounds import check_limit, like_pattern
from sitroom.store.connection import Connection, Row
from sitroom.store.rows import encode, field_names, record_from_json, record_from_row

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = [
    "claim_members",
    "event_members",
    "last_fingerprint",
    "load_claim_block_rows",
    "load_claim_rows",
    "load_event_rows",
    "load_speaker_counts",
    "name_counts",
    "pending_articles",
    "place_coordinates",
    "read_actor_names",
    "read_claim_groups",
    "read_event_clusters",
    "read_event_corroboration",
    "read_graph_edges",
    "read_target_names",
    "reconciled_counts",
    "replace_reconciled",
    "write_reconciled",
]

MAX_LIMIT = 10_000


_EVENT_ROWS = (
    "SELECT e.*, a.outlet, a.published FROM events e JOIN articles a ON a.id = e.article_id"
)
_CHUNK = 500  # values per IN (...) list


def _chunks(values: Iterable[object]) -> Iterator[list[object]]:
    items = sorted(set(values), key=str)
    for at in range(0, len(items), _CHUNK):
        yield items[at : at + _CHUNK]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


def load_event_rows(
    db: Connection,
    *,
    articles: Iterable[str] | None = None,
    blocks: Iterable[str] | None = None,
    edges: Iterable[str] | None = None,
    names: Iterable[str] | None = None,
) -> list[EventRow]:
    """Stored events with their article's outlet and published date: every one, or those of
    these articles, of these reconciled blocks or graph edges (m012 ``event_blocks``), or
    whose actor or target is one of these names."""
    if articles is None and blocks is None and edges is None and names is None:
        return [record_from_row(EventRow, r) for r in db.query(_EVENT_ROWS + " ORDER BY e.id")]
    member = " JOIN event_blocks b ON b.event_id = e.id WHERE b."
    wheres = [
        (" WHERE e.article_id IN ({})", articles),
        (member + "block IN ({})", blocks),
        (member + "edge IN ({})", edges),
        (" WHERE e.actor IN ({0}) OR e.target IN ({0})", names),
    ]
    found: dict[int, EventRow] = {}
    for where, values in wheres:
        for chunk in _chunks(values or ()):
            params = chunk * where.count("{")
            for row in db.query(_EVENT_ROWS + where.format(_marks(chunk)), params):
                event = record_from_row(EventRow, row)
                found[event.id] = event
    return [found[i] for i in sorted(found)]


def event_members(
    db: Connection, *, articles: Iterable[str] = (), events: Iterable[int] = ()
) -> list[tuple[int, str, str | None]]:
    """(event id, block, graph edge) of the reconciled events of these articles or ids."""
    found: dict[int, tuple[int, str, str | None]] = {}
    for column, values in (("article_id", articles), ("event_id", events)):
        for chunk in _chunks(values):
            sql = f"SELECT event_id, block, edge FROM event_blocks WHERE {column} IN ({_marks(chunk)})"
            for row in db.query(sql, chunk):
                found[row["event_id"]] = (row["event_id"], row["block"], row["edge"])
    return list(found.values())


def claim_members(db: Connection, articles: Iterable[str]) -> list[str]:
    """The buckets that the reconciled claims of these articles were grouped in."""
    found: set[str] = set()
    for chunk in _chunks(articles):
        sql = f"SELECT DISTINCT block FROM claim_blocks WHERE article_id IN ({_marks(chunk)})"
        found.update(row["block"] for row in db.query(sql, chunk))
    return sorted(found)


def pending_articles(db: Connection) -> list[str]:
    """Articles whose records were replaced since the last reconcile (m012)."""
    return [row["article_id"] for row in db.query("SELECT article_id FROM reconcile_pending")]


def name_counts(db: Connection) -> dict[str, dict[str, int]]:
    """How often each name occurs, by role: "event" (an event's actor or target) and
    "speaker" (a quote's), as ``save_extraction`` counts them (m012 ``name_counts``): the
    actor index needs them all, and reads no event or quote for them."""
    found: dict[str, dict[str, int]] = {"event": {}, "speaker": {}}
    for row in db.query("SELECT role, name, n FROM name_counts WHERE n > 0"):
        found.setdefault(row["role"], {})[row["name"]] = int(row["n"])
    return found


def person_roles(db: Connection) -> list[tuple[str, str, str]]:
    """(article id, entity name, role) of every PERSON mention with a role (the title written
    before the name or in an appositive after it), in article and text order: the actor
    index reads offices from them."""
    rows = db.query(
        "SELECT article_id, entity, role FROM mentions"
        " WHERE label = 'PERSON' AND role IS NOT NULL AND role <> ''"
        " ORDER BY article_id, start"
    )
    return [(str(r["article_id"]), str(r["entity"]), str(r["role"])) for r in rows]


def load_speaker_counts(db: Connection) -> list[SpeakerCount]:
    """Every named quote speaker with each spelling the text gave it and its number of quotes."""
    rows = db.query(
        "SELECT speaker, speaker_text, count(*) AS quotes FROM quotes"
        " WHERE speaker IS NOT NULL GROUP BY speaker, speaker_text ORDER BY speaker, speaker_text"
    )
    return [record_from_row(SpeakerCount, row) for row in rows]


_CLAIM_ROWS = (
    "SELECT c.*, a.outlet, a.published, a.text AS article_text, a.title AS article_title{}"
    " FROM claims c JOIN articles a ON a.id = c.article_id"
)


def load_claim_rows(db: Connection, *, articles: Iterable[str] | None = None) -> list[ClaimRow]:
    """Stored claims (every one, or those of these articles) with their article's outlet and
    date; ``context`` = its sentence + the title."""
    if articles is None:
        rows = db.query(_CLAIM_ROWS.format("") + " ORDER BY c.id")
        return [_claim_row(row) for row in rows]
    found = [
        _claim_row(row)
        for chunk in _chunks(articles)
        for row in db.query(
            _CLAIM_ROWS.format("") + f" WHERE c.article_id IN ({_marks(chunk)})", chunk
        )
    ]
    return sorted(found, key=lambda r: r.id)


def load_claim_block_rows(db: Connection, blocks: Iterable[str]) -> list[tuple[ClaimRow, str]]:
    """The reconciled claims of these buckets (m012 ``claim_blocks``), each with its stored
    referent (JSON)."""
    found = [
        (_claim_row(row), str(row["referent"]))
        for chunk in _chunks(blocks)
        for row in db.query(
            _CLAIM_ROWS.format(", b.referent")
            + f" JOIN claim_blocks b ON b.claim_id = c.id WHERE b.block IN ({_marks(chunk)})",
            chunk,
        )
    ]
    return sorted(found, key=lambda pair: pair[0].id)


def _claim_row(row: Row) -> ClaimRow:
    return record_from_row(
        ClaimRow,
        row,
        context=_sentence(row["article_text"], row["start"], row["end"])
        + "\n"
        + (row["article_title"] or ""),
    )


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


def last_fingerprint(db: Connection) -> str | None:
    """The fingerprint recorded by the last :func:`replace_reconciled`, if any."""
    value = db.scalar("SELECT fingerprint FROM reconcile_state WHERE id = 1")
    return None if value is None else str(value)


def write_reconciled(db: Connection, update: ReconciledUpdate, *, fingerprint: str) -> None:
    """Apply ``update`` to the m003, m011 and m012 tables and record ``fingerprint``, in one
    transaction."""
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO reconcile_state (id, fingerprint, reconciled_at) VALUES (1, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint,"
            " reconciled_at = excluded.reconciled_at",
            (fingerprint, time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())),
        )
        if update.full:
            for table in (
                "event_clusters", "claim_groups", "graph_edges", "actor_names",
                "target_names", "event_blocks", "claim_blocks", "reconcile_pending",
            ):  # fmt: skip
                conn.execute(f"DELETE FROM {table}")
        else:
            for table, column, values in (
                ("event_clusters", "block", update.event_blocks),
                ("claim_groups", "block", update.claim_blocks),
                ("actor_names", "name", update.names),
                ("target_names", "name", update.names),
                ("event_blocks", "article_id", update.articles),
                ("claim_blocks", "article_id", update.articles),
                ("reconcile_pending", "article_id", update.articles),
            ):
                for chunk in _chunks(values):
                    conn.execute(f"DELETE FROM {table} WHERE {column} IN ({_marks(chunk)})", chunk)
            conn.executemany(
                "DELETE FROM graph_edges WHERE source = ? AND target = ? AND relation = ?",
                sorted(update.edge_keys),
            )
            conn.executemany(
                "UPDATE event_blocks SET edge = ? WHERE event_id = ?", update.moved_edges
            )
        _insert(conn, "event_blocks", ("event_id", "article_id", "block", "edge"),
                update.event_members)  # fmt: skip
        _insert(conn, "claim_blocks", ("claim_id", "article_id", "block", "referent"),
                update.claim_members)  # fmt: skip
        _write_records(conn, update)


def _write_records(conn: Connection, update: ReconciledUpdate) -> None:
    _insert(conn, "actor_names", ("name", "actor"), sorted(update.actor_names.items()))
    _insert(conn, "target_names", ("name", "actor"), sorted(update.target_names.items()))
    # Each table keeps some record fields as columns to filter on (the migration chose
    # which), the whole record as JSON in ``payload``, and a few derived columns.
    cluster_fields = [c for c in _columns(conn, "event_clusters") if c in field_names(EventCluster)]
    _insert(
        conn,
        "event_clusters",
        [*cluster_fields, "payload", "day_first", "day_last", "block"],
        [
            (
                *(encode(getattr(c, name)) for name in cluster_fields),
                _payload(c),
                *_days(c.date_first, c.date_last),
                block,
            )
            for block, c in update.clusters
        ],
    )
    group_fields = [c for c in _columns(conn, "claim_groups") if c in field_names(ClaimGroup)]
    _insert(
        conn,
        "claim_groups",
        [*group_fields, "n_values", "payload", "block"],
        [
            (
                *(encode(getattr(g, name)) for name in group_fields),
                len(g.values),
                _payload(g),
                block,
            )
            for block, g in update.groups
        ],
    )
    edge_fields = field_names(GraphEdge)
    _insert(
        conn,
        "graph_edges",
        edge_fields,
        [tuple(encode(getattr(e, name)) for name in edge_fields) for e in update.edges],
    )


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
    record ``fingerprint`` (a store reconciled this way has no blocks: its next
    ``reconcile_store`` is a full one)."""
    update = ReconciledUpdate(
        full=True,
        clusters=[("", c) for c in clusters],
        groups=[("", g) for g in groups],
        edges=edges,
        actor_names=actor_names or {},
    )
    write_reconciled(db, update, fingerprint=fingerprint or "")


def reconciled_counts(db: Connection) -> dict[str, int]:
    """Rows in the tables a reconcile fills, for its report (counted by the database)."""
    sqls = {
        "events": "SELECT count(*) FROM events",
        "clusters": "SELECT count(*) FROM event_clusters",
        "claims": "SELECT count(*) FROM claims",
        "claim_groups": "SELECT count(*) FROM claim_groups",
        "contradictions": "SELECT count(*) FROM claim_groups WHERE contradiction = 1",
        "edges": "SELECT count(*) FROM graph_edges",
    }
    return {name: int(db.scalar(sql) or 0) for name, sql in sqls.items()}


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


def read_target_names(db: Connection) -> dict[str, str]:
    """Stored name -> the canonical actor it stands for as an event's target, as reconciled."""
    return {row["name"]: row["actor"] for row in db.query("SELECT name, actor FROM target_names")}


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
