"""The cross-article layer: event clusters, claim groups with contradictions, the actor graph,
and the canonical actor of every event actor and quote speaker.

``reconcile_store(db)`` brings them up to date with the store's events, claims and quote
speakers in one transaction, recomputing only what the articles changed since the last
reconcile touch (m012; the first reconcile of a store recomputes everything); the store
reads them back (``db.read_event_clusters``, ``db.read_claim_groups``, ``db.read_actor_names``;
``get_graph`` adds the nodes, ``list_speakers`` groups speakers by actor).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping

from sitroom.reconcile.actors import ActorIndex, canonical_actor, office_title
from sitroom.reconcile.claim_groups import block_groups, claim_block, claim_referents, group_claims
from sitroom.reconcile.event_clusters import block_clusters, cluster_events, event_block
from sitroom.reconcile.fact import states_as_fact
from sitroom.reconcile.graph import RELATIONS, build_graph, edge_key
from sitroom.reconcile.referents import (
    Referent,
    normalize_what,
    referent_from_json,
    referent_json,
)
from sitroom.reconcile.speakers import actor_names, group_speakers, speaker_actor
from sitroom.records.reconciled import (
    ClaimGroup,
    ClaimRow,
    ClaimValue,
    EventCluster,
    EventReport,
    EventRow,
    Graph,
    GraphEdge,
    ReconciledUpdate,
    ReconcileReport,
    Speaker,
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
# code is then reconciled again, in full, on its next read, as if its records had changed.
# 2: claim groups flag only comparable figures and keep their pair; independent sources.
# 3: quote speakers join the actor index; actor_names (m011) stores every name's actor.
# 4: clusters never cross a block (type, carried out, month): incremental reconcile (m012);
#    actor names folded by a transliteration key; generic words, events and places no actors;
#    graph edges of events not stated as fact kept apart, ``confident=False`` (m013).
# 5: surnames compared by sound (Vučić = Vuczić = Vucic), nicknames of one surname joined,
#    landmarks and towns under another alphabet's spelling no actors; a surname two people
#    share told apart by the office its article writes before it (the fingerprint carries
#    those choices).
RECONCILE_VERSION = 5


def reconcile_store(
    db: Store, *, if_stale: bool = False, full: bool = False
) -> ReconcileReport | None:
    """Bring clusters, claim groups, graph edges and actor names up to date with the store.

    Incremental: only the blocks (``event_clusters.event_block``), claim buckets
    (``claim_groups.claim_block``) and graph edges that the articles changed since the last
    reconcile touch, old records and new, are recomputed, plus those of events whose name
    now means another actor; the result is what a ``full`` recompute gives. A store never
    reconciled, or reconciled by another RECONCILE_VERSION, is reconciled in full.

    With ``if_stale``, do nothing (and return None) when no article changed since the last
    reconcile and RECONCILE_VERSION is unchanged: listings call it this way before every read.
    """
    version = f"v{RECONCILE_VERSION}"
    with db.transaction():  # one snapshot, and no article saved between reading and writing
        last = db.last_fingerprint() or ""
        full = full or last.split(":", 1)[0] != version
        pending = db.pending_articles()
        if if_stale and not full and not pending:
            return None
        counts = db.name_counts()
        actors = actor_index(db, counts["event"], counts["speaker"])
        # Surnames told apart by the office an article writes before them: when a new article
        # changes one of those choices, events of other articles move, so all is recomputed.
        choices = json.dumps(actors.office_choices(), ensure_ascii=False)
        tag = f"{version}:{hashlib.sha1(choices.encode()).hexdigest()[:12]}"
        full = full or last != tag
        every = [*counts["event"], *counts["speaker"]]
        names = {role: actor_names(actors, every, [], role=role) for role in ("actor", "target")}
        if full:
            update = _full_update(db, actors, names)
        else:
            update = _incremental_update(db, actors, names, pending)
        db.write_reconciled(update, fingerprint=tag)
        return ReconcileReport(**db.reconciled_counts())


def _event_member(row: EventRow, actors: ActorIndex) -> tuple[int, str, str, str | None]:
    return row.id, row.article_id, event_block(row), edge_key(row, actors)


def _claim_member(row: ClaimRow, ref: Referent) -> tuple[int, str, str, str]:
    return row.id, row.article_id, claim_block(ref), referent_json(ref)


def _full_update(
    db: Store, actors: ActorIndex, names: dict[str, dict[str, str]]
) -> ReconciledUpdate:
    events = db.load_event_rows()
    claims = db.load_claim_rows()
    refs = claim_referents(claims)
    usable = [c for c in claims if c.id in refs]
    return ReconciledUpdate(
        full=True,
        clusters=block_clusters(events, actors=actors),
        groups=block_groups(usable, refs),
        edges=build_graph(events, actors=actors).edges,
        actor_names=names["actor"],
        target_names=names["target"],
        event_members=[_event_member(e, actors) for e in events],
        claim_members=[_claim_member(c, refs[c.id]) for c in usable],
    )


def _incremental_update(
    db: Store, actors: ActorIndex, names: dict[str, dict[str, str]], pending: list[str]
) -> ReconciledUpdate:
    """What changes when the records of ``pending`` articles changed, and maybe some names'
    actors: their old and new blocks, buckets and edges, recomputed whole from the store."""
    changed = set(pending)
    old_names = {"actor": db.read_actor_names(), "target": db.read_target_names()}
    renamed = sorted(
        name
        for role, now in names.items()
        for name in set(now) | set(old_names[role])
        if now.get(name) != old_names[role].get(name)
    )
    # Events: the pending articles' old memberships go, their rows come in; events of other
    # articles whose actor or target now resolves to another name move edge, and their
    # blocks are clustered again.
    old = db.event_members(articles=pending)
    new_rows = db.load_event_rows(articles=pending)
    moved_rows = [
        r
        for r in (db.load_event_rows(names=renamed) if renamed else [])
        if r.article_id not in changed
    ]
    moved_from = db.event_members(events=[r.id for r in moved_rows])
    members = [_event_member(r, actors) for r in new_rows]
    moved = {r.id: edge_key(r, actors) for r in moved_rows}
    blocks = {b for _, b, _ in old} | {m[2] for m in members} | {event_block(r) for r in moved_rows}
    edges = {e for _, _, e in (*old, *moved_from) if e} | {m[3] for m in members if m[3]}
    edges |= {e for e in moved.values() if e}
    fresh = {r.id: r for r in (*new_rows, *moved_rows)}
    # The stored events of those blocks and edges, as they now stand: rows of pending
    # articles come from ``new_rows`` (stale memberships may name reused ids), moved rows
    # take their new edge.
    in_blocks = _merge(db.load_event_rows(blocks=sorted(blocks)), fresh, changed)
    in_edges = [
        r
        for r in _merge(db.load_event_rows(edges=sorted(edges)), fresh, changed)
        if (edge_key(r, actors) in edges)
    ]
    # Claims: a claim's referent depends on its own article only; a bucket is regrouped whole.
    new_claims = db.load_claim_rows(articles=pending)
    refs = claim_referents(new_claims)
    claim_members = [_claim_member(c, refs[c.id]) for c in new_claims if c.id in refs]
    buckets = set(db.claim_members(pending)) | {m[2] for m in claim_members}
    stored = [
        (r, j) for r, j in db.load_claim_block_rows(sorted(buckets)) if r.article_id not in changed
    ]
    refs.update({r.id: referent_from_json(j) for r, j in stored})
    claims = [r for r, _ in stored] + [c for c in new_claims if c.id in refs]
    return ReconciledUpdate(
        full=False,
        articles=pending,
        event_blocks=sorted(blocks),
        claim_blocks=sorted(buckets),
        edge_keys=[tuple(json.loads(e)) for e in sorted(edges)],
        names=renamed,
        clusters=[bc for bc in block_clusters(in_blocks, actors=actors) if bc[0] in blocks],
        groups=block_groups(claims, refs),
        edges=build_graph(in_edges, actors=actors).edges,
        actor_names={n: names["actor"][n] for n in renamed if n in names["actor"]},
        target_names={n: names["target"][n] for n in renamed if n in names["target"]},
        event_members=members,
        claim_members=claim_members,
        moved_edges=[(edge, event_id) for event_id, edge in sorted(moved.items())],
    )


def _merge(stored: list[EventRow], fresh: dict[int, EventRow], changed: set[str]) -> list[EventRow]:
    """Stored rows of unchanged articles, with the rows read fresh in their place or added."""
    rows = {r.id: r for r in stored if r.article_id not in changed}
    rows.update(fresh)
    return list(rows.values())


# People the index learns full names from: the store's most mentioned PERSON entities (the
# store's listing cap).
MAX_PERSONS = 1000


def actor_index(
    db: Store, names: Mapping[str, int], speakers: Mapping[str, int] | None = None
) -> ActorIndex:
    """Canonical actor names for this store: its events' names and its quote speakers (each
    with its number of occurrences), people, places.

    One index for both, so a person quoted as "Petrenko" and acting as "Oleksandr Petrenko"
    is one actor everywhere (issue 10).
    """
    persons = [e.name for e in db.list_entities(label="PERSON", limit=MAX_PERSONS)]
    places = {name: country for name, (country, _, _) in db.place_coordinates().items()}
    counts = Counter(names)
    counts.update(speakers or {})
    titles = [
        (article, name, title)
        for article, name, role in db.person_roles()
        if (title := office_title(role)) is not None
    ]
    return ActorIndex(persons=persons, places=places, name_counts=counts, titles=titles)


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
