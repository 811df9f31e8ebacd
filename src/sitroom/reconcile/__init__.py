"""The cross-article layer: event clusters, claim groups with contradictions, the actor graph.

``reconcile_store(db)`` recomputes all three from the store's events and claims and
replaces the m003 tables in one transaction; the ``list_*``/``get_graph`` functions
read them back.
"""

from __future__ import annotations

from sitroom.reconcile.claim_groups import group_claims, normalize_what
from sitroom.reconcile.event_clusters import cluster_events
from sitroom.reconcile.graph import RELATIONS, build_graph
from sitroom.records.reconciled import (
    ClaimGroup,
    ClaimRow,
    ClaimValue,
    EventCluster,
    EventReport,
    EventRow,
    Graph,
    GraphEdge,
    ReconcileReport,
)
from sitroom.store import Store

__all__ = [
    "RELATIONS",
    "ClaimGroup",
    "ClaimRow",
    "ClaimValue",
    "EventCluster",
    "EventReport",
    "EventRow",
    "Graph",
    "GraphEdge",
    "ReconcileReport",
    "build_graph",
    "cluster_events",
    "get_graph",
    "group_claims",
    "list_claim_groups",
    "list_event_clusters",
    "normalize_what",
    "reconcile_store",
]


def reconcile_store(db: Store, *, if_stale: bool = False) -> ReconcileReport | None:
    """Recompute clusters, claim groups and graph edges from everything stored.

    With ``if_stale``, do nothing (and return None) when the stored events and claims are
    unchanged since the last reconcile: listings call it this way before every read.
    """
    with db.transaction():
        fingerprint = db.input_fingerprint()
        if if_stale and db.last_fingerprint() == fingerprint:
            return None
        events = db.load_event_rows()  # one snapshot: fingerprint, events and claims
        claims = db.load_claim_rows()
    clusters = cluster_events(events)
    groups = group_claims(claims)
    graph = build_graph(events)
    db.replace_reconciled(clusters, groups, graph.edges, fingerprint=fingerprint)
    return ReconcileReport(
        events=len(events),
        clusters=len(clusters),
        claims=len(claims),
        claim_groups=len(groups),
        contradictions=sum(g.contradiction for g in groups),
        edges=len(graph.edges),
    )


def list_event_clusters(
    db: Store,
    *,
    type: str | None = None,
    actor: str | None = None,
    place: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
) -> list[EventCluster]:
    """Stored event clusters, newest first, filtered like ``sitroom events``."""
    return db.read_event_clusters(
        type=type, actor=actor, place=place, since=since, until=until, limit=limit
    )


def list_claim_groups(
    db: Store, *, about: str | None = None, contradictions_only: bool = False
) -> list[ClaimGroup]:
    """Stored claim groups, biggest first; ``about`` matches the topic or any member's text."""
    return db.read_claim_groups(about=about, contradictions_only=contradictions_only)


def get_graph(db: Store) -> Graph:
    """The stored actor graph."""
    edges = tuple(db.read_graph_edges())
    nodes = tuple(sorted({e.source for e in edges} | {e.target for e in edges}))
    return Graph(nodes=nodes, edges=edges)
