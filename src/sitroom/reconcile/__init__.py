"""The cross-article layer: event clusters, claim groups with contradictions, the actor graph,
and the canonical actor of every event actor and quote speaker.

``reconcile_store(db)`` recomputes them from the store's events, claims and quote speakers
and replaces the m003 and m011 tables in one transaction; the store reads them back
(``db.read_event_clusters``, ``db.read_claim_groups``, ``db.read_actor_names``;
``get_graph`` adds the nodes, ``list_speakers`` groups speakers by actor).
"""

from __future__ import annotations

from sitroom.reconcile.actors import ActorIndex, canonical_actor
from sitroom.reconcile.claim_groups import group_claims
from sitroom.reconcile.event_clusters import cluster_events
from sitroom.reconcile.fact import states_as_fact
from sitroom.reconcile.graph import RELATIONS, build_graph
from sitroom.reconcile.referents import normalize_what
from sitroom.reconcile.speakers import actor_names, group_speakers, speaker_actor, speaker_names
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
    Speaker,
    SpeakerCount,
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
    "Speaker",
    "actor_index",
    "actor_names",
    "build_graph",
    "canonical_actor",
    "cluster_events",
    "get_graph",
    "group_claims",
    "group_speakers",
    "list_speakers",
    "normalize_what",
    "reconcile_store",
    "speaker_actor",
    "states_as_fact",
]


# Bump when clustering, grouping or the graph changes its output: a store reconciled by older
# code is then reconciled again on its next read, as if its records had changed.
# 2: claim groups flag only comparable figures and keep their pair; independent sources.
# 3: quote speakers join the actor index; actor_names (m011) stores every name's actor.
# 4: graph edges of events not stated as fact are kept apart, ``confident=False`` (m012).
RECONCILE_VERSION = 4


def reconcile_store(db: Store, *, if_stale: bool = False) -> ReconcileReport | None:
    """Recompute clusters, claim groups, graph edges and actor names from everything stored.

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
        speakers = db.load_speaker_counts()
        actors = actor_index(db, events, speakers)
    clusters = cluster_events(events, actors=actors)
    groups = group_claims(claims)
    graph = build_graph(events, actors=actors)
    names = actor_names(actors, events, speakers)
    db.replace_reconciled(clusters, groups, graph.edges, actor_names=names, fingerprint=fingerprint)
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


def actor_index(
    db: Store, events: list[EventRow], speakers: list[SpeakerCount] | None = None
) -> ActorIndex:
    """Canonical actor names for this store: its events' names, quote speakers, people, places.

    One index for both, so a person quoted as "Petrenko" and acting as "Oleksandr Petrenko"
    is one actor everywhere (issue 10).
    """
    persons = [e.name for e in db.list_entities(label="PERSON", limit=MAX_PERSONS)]
    places = {name: country for name, (country, _, _) in db.place_coordinates().items()}
    names = [n for e in events for n in (e.actor, e.target)]
    return ActorIndex([*names, *speaker_names(speakers or ())], persons=persons, places=places)


def list_speakers(db: Store) -> list[Speaker]:
    """Quote speakers by canonical actor, with their aliases, most quoted first.

    Reads the actor names of the last reconcile; call ``reconcile_store(db, if_stale=True)``
    first where the store may have changed.
    """
    return group_speakers(db.load_speaker_counts(), db.read_actor_names())


def get_graph(db: Store, *, low_confidence: bool = False) -> Graph:
    """The stored actor graph: edges of events stated as fact (``states_as_fact``), and with
    ``low_confidence`` also the edges of the rest (``GraphEdge.confident`` False)."""
    edges = tuple(e for e in db.read_graph_edges() if low_confidence or e.confident)
    nodes = tuple(sorted({e.source for e in edges} | {e.target for e in edges}))
    return Graph(nodes=nodes, edges=edges)
