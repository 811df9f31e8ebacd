"""SQL for the cross-article layer (m003 tables): read events/claims with their articles,
replace clusters/groups/edges in one transaction, and query them back.

Records are built by ``sitroom.reconcile``; this module only moves them in and out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sitroom.errors import BadRequest
from sitroom.nlp.timex.values import timex_days
from sitroom.records.reconciled import (
    ClaimGroup,
    ClaimRow,
    ClaimValue,
    EventCluster,
    EventReport,
    EventRow,
    GraphEdge,
)
from sitroom.store.connection import Store

__all__ = [
    "input_fingerprint",
    "last_fingerprint",
    "load_claim_rows",
    "load_event_rows",
    "place_coordinates",
    "read_claim_groups",
    "read_event_clusters",
    "read_graph_edges",
    "replace_reconciled",
]

MAX_LIMIT = 10_000


def load_event_rows(db: Store) -> list[EventRow]:
    """Every stored event with its article's outlet and published date."""
    rows = db.conn.execute(
        'SELECT e.id, e.article_id, e.start, e."end", e.text, e.event_type, e.plover, e.actor, e.target,'
        " e.place, e.date, e.status, e.claimant, a.outlet, a.published, e.acled_event_type,"
        " e.acled_sub_event_type, e.weapons, e.quantities"
        " FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.id"
    ).fetchall()
    return [
        EventRow(
            id=r[0],
            article_id=r[1],
            start=r[2],
            end=r[3],
            text=r[4],
            event_type=r[5],
            plover=r[6],
            actor=r[7],
            target=r[8],
            place=r[9],
            date=r[10],
            status=r[11],
            claimant=r[12],
            outlet=r[13],
            published=r[14],
            acled_event_type=r[15],
            acled_sub_event_type=r[16],
            weapons=tuple(json.loads(r[17] or "[]")),
            quantities=tuple(sorted(json.loads(r[18] or "{}").items())),
        )
        for r in rows
    ]


def load_claim_rows(db: Store) -> list[ClaimRow]:
    """Every stored claim with its article's outlet and date; ``context`` = its sentence + the title."""
    rows = db.conn.execute(
        'SELECT c.id, c.article_id, c.start, c."end", c.text, c.value, c.low, c.high, c.bound, c.unit, c.what,'
        " c.claimant, c.hedge, a.outlet, a.published, a.text, a.title FROM claims c JOIN articles a ON a.id = c.article_id"
        " ORDER BY c.id"
    ).fetchall()
    return [
        ClaimRow(
            id=r[0],
            article_id=r[1],
            start=r[2],
            end=r[3],
            text=r[4],
            value=r[5],
            low=r[6],
            high=r[7],
            bound=r[8],
            unit=r[9],
            what=r[10],
            claimant=r[11],
            hedge=r[12],
            outlet=r[13],
            published=r[14],
            context=_sentence(r[15], r[2], r[3]) + "\n" + (r[16] or ""),
        )
        for r in rows
    ]


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a span: from the previous to the next full stop or line break."""
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    return text[lo : min(stops) + 1 if stops else len(text)].strip()


def _payload(record: Any) -> str:
    from dataclasses import asdict

    return json.dumps(asdict(record), ensure_ascii=False)


def _days(first: str | None, last: str | None) -> tuple[str | None, str | None]:
    """ISO first and last day covered by a cluster's TIMEX3 dates (None where undated)."""
    start, end = timex_days(first), timex_days(last or first)
    return (
        start[0].isoformat() if start else (end[0].isoformat() if end else None),
        end[1].isoformat() if end else (start[1].isoformat() if start else None),
    )


def input_fingerprint(db: Store) -> str:
    """What reconcile reads, summarized: row counts and highest rowids of events and claims.

    Extraction replaces an article's records by delete + insert, so any change moves a
    count or a highest rowid; equal fingerprints mean the inputs are unchanged.
    """
    parts = [
        db.conn.execute(f"SELECT count(*), coalesce(max(rowid), 0) FROM {table}").fetchone()
        for table in ("events", "claims")
    ]
    return ";".join(f"{count}:{top}" for count, top in parts)


def last_fingerprint(db: Store) -> str | None:
    row = db.conn.execute("SELECT fingerprint FROM reconcile_state WHERE id = 1").fetchone()
    return row[0] if row else None


def replace_reconciled(
    db: Store,
    clusters: Sequence[EventCluster],
    groups: Sequence[ClaimGroup],
    edges: Sequence[GraphEdge],
    *,
    fingerprint: str | None = None,
) -> None:
    """Swap the m003 tables' contents for these, atomically, and record ``fingerprint``."""
    with db.transaction() as conn:
        if fingerprint is not None:
            conn.execute(
                "INSERT INTO reconcile_state (id, fingerprint, reconciled_at) VALUES (1, ?, datetime('now'))"
                " ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint,"
                " reconciled_at = excluded.reconciled_at",
                (fingerprint,),
            )
        conn.execute("DELETE FROM event_clusters")
        conn.execute("DELETE FROM claim_groups")
        conn.execute("DELETE FROM graph_edges")
        conn.executemany(
            "INSERT INTO event_clusters (id, event_type, actor, target, place, date_first, date_last, status,"
            " corroboration, payload, day_first, day_last) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    c.id,
                    c.event_type,
                    c.actor,
                    c.target,
                    c.place,
                    c.date_first,
                    c.date_last,
                    c.status,
                    c.corroboration,
                    _payload(c),
                    *_days(c.date_first, c.date_last),
                )
                for c in clusters
            ],
        )
        conn.executemany(
            "INSERT INTO claim_groups (id, topic, unit, n_values, spread, contradiction, payload) VALUES (?,?,?,?,?,?,?)",
            [
                (g.id, g.topic, g.unit, len(g.values), g.spread, int(g.contradiction), _payload(g))
                for g in groups
            ],
        )
        conn.executemany(
            "INSERT INTO graph_edges (source, target, relation, first_date, last_date, count, event_ids)"
            " VALUES (?,?,?,?,?,?,?)",
            [
                (
                    e.source,
                    e.target,
                    e.relation,
                    e.first_date,
                    e.last_date,
                    e.count,
                    json.dumps(list(e.event_ids)),
                )
                for e in edges
            ],
        )


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")


def read_event_clusters(
    db: Store,
    *,
    type: str | None = None,
    actor: str | None = None,
    place: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
) -> list[EventCluster]:
    _check_limit(limit)
    where, params = ["1=1"], []  # type: ignore[var-annotated]
    if type:
        where.append("event_type = ?")
        params.append(type)
    if actor:
        where.append("(actor LIKE ? ESCAPE '\\' OR target LIKE ? ESCAPE '\\')")
        params += [_like(actor), _like(actor)]
    if place:
        where.append("place LIKE ? ESCAPE '\\'")
        params.append(_like(place))
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
    rows = db.conn.execute(sql, [*params, limit]).fetchall()
    out = []
    for (payload,) in rows:
        data = json.loads(payload)
        data["reports"] = tuple(EventReport(**r) for r in data["reports"])
        data["outlets"] = tuple(data["outlets"])
        out.append(EventCluster(**data))
    return out


def read_claim_groups(
    db: Store, *, about: str | None = None, contradictions_only: bool = False
) -> list[ClaimGroup]:
    where, params = ["1=1"], []  # type: ignore[var-annotated]
    if about:
        where.append("(topic LIKE ? ESCAPE '\\' OR payload LIKE ? ESCAPE '\\')")
        params += [_like(about), _like(about)]
    if contradictions_only:
        where.append("contradiction = 1")
    sql = f"SELECT payload FROM claim_groups WHERE {' AND '.join(where)} ORDER BY n_values DESC, topic"
    out = []
    for (payload,) in db.conn.execute(sql, params).fetchall():
        data = json.loads(payload)
        data["values"] = tuple(ClaimValue(**v) for v in data["values"])
        out.append(ClaimGroup(**data))
    return out


def read_graph_edges(db: Store) -> list[GraphEdge]:
    rows = db.conn.execute(
        "SELECT source, target, relation, first_date, last_date, count, event_ids FROM graph_edges"
        " ORDER BY source, target, relation"
    ).fetchall()
    return [
        GraphEdge(
            source=r[0],
            target=r[1],
            relation=r[2],
            first_date=r[3],
            last_date=r[4],
            count=r[5],
            event_ids=tuple(json.loads(r[6])),
        )
        for r in rows
    ]


def place_coordinates(db: Store) -> dict[str, tuple[str | None, float | None, float | None]]:
    """Resolved place name -> (country, lat, lon), for exports that need coordinates."""
    rows = db.conn.execute("SELECT name, country, lat, lon FROM places GROUP BY name").fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}
