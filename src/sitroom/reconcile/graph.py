"""The actor graph: who aids, allies with, attacks, threatens, condemns, meets, sanctions whom.

Edges come from events with both an actor and a target; each keeps its first and last date
and the events that evidence it. A threatened strike is a "threatens" edge, never "attacks".
Events stated as fact (``reconcile.fact.states_as_fact``, the bar of the overview and the
brief) make confident edges; the others make separate edges marked ``confident=False``, which
the graph shows only when asked (``get_graph(db, low_confidence=True)``), drawn as such.
Nodes are canonical actors (``reconcile.actors``): "Mr Putin" and "Vladimir Putin" are one
node, "Kyiv" is Ukraine, "Western" and places are not nodes; the events keep the text's spelling.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from sitroom.reconcile.actors import ActorIndex
from sitroom.reconcile.fact import states_as_fact
from sitroom.records.reconciled import EventRow, Graph, GraphEdge

__all__ = ["RELATIONS", "build_graph", "edge_key", "edge_of"]

# Event type -> relation, for carried-out (reported/claimed) events.
RELATIONS = {
    "strike": "attacks",
    "ground_clash": "attacks",
    "interception": "attacks",
    "aid": "aids",
    "agreement": "allies_with",
    "threat": "threatens",
    "condemnation": "condemns",
    "meeting": "meets",
    "sanction": "sanctions",
    "deployment": "deploys_to",
}
CARRIED_OUT = frozenset({"reported", "claimed"})


def _relation(row: EventRow) -> str | None:
    if row.status == "threatened" and row.event_type in {"strike", "ground_clash", "sanction"}:
        return "threatens"
    if row.status not in CARRIED_OUT:
        return None
    return RELATIONS.get(row.event_type)


def edge_of(row: EventRow, actors: ActorIndex) -> tuple[str, str, str] | None:
    """The edge (source, target, relation) an event evidences, if any."""
    relation = _relation(row)
    source = actors.canonical(row.actor, article=row.article_id)
    target = actors.canonical(row.target, role="target", article=row.article_id)
    if relation and source and target and source != target:
        return source, target, relation
    return None


def edge_key(row: EventRow, actors: ActorIndex) -> str | None:
    """``edge_of`` as one string, as reconcile stores it beside the event (m012)."""
    edge = edge_of(row, actors)
    return None if edge is None else json.dumps(edge, ensure_ascii=False)


def build_graph(rows: Iterable[EventRow], *, actors: ActorIndex | None = None) -> Graph:
    """Fold events into directed, typed edges between canonical actors.

    ``actors`` is the store's index (``reconcile_store`` builds one); without it the names
    of these events alone are folded. An edge depends on its own events only, so a
    reconcile rebuilds just the edges that changed events evidence.
    """
    rows = list(rows)
    if actors is None:
        actors = ActorIndex(n for r in rows for n in (r.actor, r.target))
    # Keyed confident first, so a pair's confident edge sorts before its low-confidence one.
    found: dict[tuple[str, str, str, bool], list[EventRow]] = defaultdict(list)
    for row in rows:
        if (edge := edge_of(row, actors)) is not None:
            found[(*edge, not states_as_fact(row))].append(row)
    edges = []
    for (source, target, relation, low), members in sorted(found.items()):
        dates = sorted(d for d in (m.date for m in members) if d)
        edges.append(
            GraphEdge(
                source=source,
                target=target,
                relation=relation,
                first_date=dates[0] if dates else None,
                last_date=dates[-1] if dates else None,
                count=len(members),
                event_ids=tuple(m.id for m in members),
                confident=not low,
            )
        )
    nodes = sorted({e.source for e in edges} | {e.target for e in edges})
    return Graph(nodes=tuple(nodes), edges=tuple(edges))
