"""The cross-article layer: event clusters, claim groups with contradictions, the actor graph.

``reconcile_store(db)`` recomputes all three from the store's events and claims and
replaces the m003 tables in one transaction; the store reads them back
(``db.read_event_clusters``, ``db.read_claim_groups``; ``get_graph`` adds the nodes).
"""

from __future__ import annotations

from sitroom.reconcile.actors import ActorIndex, canonical_actor
from sitroom.reconcile.claim_groups import group_claims
from sitroom.reconcile.event_clusters import cluster_events
from sitroom.reconcile.graph import RELATIONS, build_graph
from sitroom.reconcile.referents import normalize_what
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
    "ActorIndex",
    "ClaimGroup",
    "ClaimRow",
    "ClaimValue",
    "EventCluster",
    "EventReport",
    "EventRow",
    "Graph",
    "GraphEdge",
    "ReconcileReport",
    "actor_index",
    "build_graph",
    "canonical_actor",
    "cluster_events",
    "get_graph",
    "group_claims",
    "normalize_what",
    "reconcile_store",
]


# Bump when clustering, grouping or the graph changes its output: a store reconciled by older
# code is then reconciled again on its next read, as if its records had changed.
# 2: claim groups flag only comparable figures and keep their pair; independent sources.
RECONCILE_VERSION = 2


def reconcile_store(db: Store, *, if_stale: bool = False) -> ReconcileReport | None:
    """Recompute clusters, claim groups and graph edges from everything stored.

    With ``if_stale``, do nothing (and return None) when the stored events and claims, and
    RECONCILE_VERSION, are unchanged since the last reconcile: listings call it this way
    before every read.
    """
    with db.transaction():
        fingerprint = f"{RECONCILE_VERSION}:{db.input_fingerprint()}"
        if if_stale and db.last_fingerprint() == fingerprint:
            return None
        events = db.load_event_rows()  # one snapshot: fingerprint, events and claims
        claims = db.load_claim_rows()
        actors = actor_index(db, events)
    clusters = cluster_events(events, actors=actors)
    groups = group_claims(claims)
    graph = build_graph(events, actors=actors)
    db.replace_reconciled(clusters, groups, graph.edges, fingerprint=fingerprint)
    return ReconcileReport(
        events=len(events),
        clusters=len(clusters),
        claims=len(claims),
        claim_groups=len(groups),
        contradictions=sum(g.contradiction for g in groups),
        edges=len(graph.edges),
    )


# People the index learns full names from: the store's most mentioned PERSON entities (the
# store's listing cap).
MAX_PERSONS = 1000


def actor_index(db: Store, events: list[EventRow]) -> ActorIndex:
    """Canonical actor names for this store: its events' names, people and places."""
    persons = [e.name for e in db.list_entities(label="PERSON", limit=MAX_PERSONS)]
    places = {name: country for name, (country, _, _) in db.place_coordinates().items()}
    return ActorIndex(
        (n for e in events for n in (e.actor, e.target)), persons=persons, places=places
    )


def get_graph(db: Store) -> Graph:
    """The stored actor graph."""
    edges = tuple(db.read_graph_edges())
    nodes = tuple(sorted({e.source for e in edges} | {e.target for e in edges}))
    return Graph(nodes=nodes, edges=edges)
