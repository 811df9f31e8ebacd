"""Records of the cross-article layer: event clusters, claim groups, the actor graph.

Each keeps the evidence of its members (article, span, outlet, date) so every merged fact
still points at the sentences it came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "ClaimGroup",
    "ClaimRow",
    "ClaimValue",
    "EventCluster",
    "EventReport",
    "EventRow",
    "Graph",
    "GraphEdge",
    "ReconcileReport",
    "ReconciledUpdate",
    "Speaker",
    "SpeakerCount",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRow:
    """A stored event with its article's outlet and date: the input to clustering and the graph.

    The fields' order is the column order of the events CSV export (``export.events``), which
    adds the event's cluster's ``corroboration`` after ``text`` and then ``confidence``.
    """

    id: int
    article_id: str
    event_type: str
    plover: str
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor: str | None
    target: str | None
    place: str | None
    date: str | None
    status: str
    weapons: tuple[str, ...] = ()
    quantities: tuple[tuple[str, float], ...] = ()
    claimant: str | None
    outlet: str | None
    published: str | None
    start: int
    end: int
    text: str
    # 0-1, as extracted (``Event.confidence``); the graph draws an event as fact only when
    # it clears the bar (``reconcile.fact.states_as_fact``). Hand-made rows: taken as given.
    confidence: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimRow:
    """A stored claim with its article's outlet and date."""

    id: int
    article_id: str
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    bound: str | None
    unit: str | None
    what: str | None
    claimant: str | None
    hedge: str | None
    outlet: str | None
    published: str | None
    context: str | None = None  # the sentence around the claim, to qualify a bare "troops"


@dataclass(frozen=True, slots=True, kw_only=True)
class EventReport:
    event_id: int
    article_id: str
    start: int
    end: int
    text: str
    status: str
    claimant: str | None
    outlet: str | None
    date: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EventCluster:
    """One real-world happening and every report of it."""

    id: str
    event_type: str
    plover: str
    actor: str | None
    target: str | None
    place: str | None
    date_first: str | None
    date_last: str | None
    status: str
    # Independent sources reporting it (reconcile.sources: copies and one outlet count once).
    corroboration: int
    outlets: tuple[str, ...]
    reports: tuple[EventReport, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimValue:
    claim_id: int
    article_id: str
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    bound: str | None
    what: str | None
    claimant: str | None
    hedge: str | None
    outlet: str | None
    published: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimGroup:
    """Claims about one referent, side by side, with their spread and disagreement.

    ``kind``: "contradiction" (same referent, same time, incompatible values from
    independent sources), "timeline" (the figure moves over time), "agreement" (the values
    fit), "one_source" (one source gives several figures).
    """

    id: str
    topic: str
    unit: str | None
    values: tuple[ClaimValue, ...]
    low: float
    high: float
    spread: float
    contradiction: bool
    note: str | None = None
    kind: str = "agreement"
    # Claim ids of the two values the verdict rests on: the disputed pair of a contradiction,
    # the first and last comparable figures of a timeline; empty when none are comparable.
    pair: tuple[int, ...] = ()

    @property
    def timeline(self) -> bool:
        return self.kind == "timeline"


@dataclass(frozen=True, slots=True, kw_only=True)
class GraphEdge:
    source: str
    target: str
    relation: str  # aids allies_with attacks threatens condemns meets sanctions deploys_to
    first_date: str | None
    last_date: str | None
    count: int
    event_ids: tuple[int, ...]
    # True: every event of the edge is stated as fact (``reconcile.fact.states_as_fact``);
    # False: none is, and the graph draws the edge only when asked for low-confidence events.
    confident: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Graph:
    nodes: tuple[str, ...]
    edges: tuple[GraphEdge, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReconcileReport:
    events: int
    clusters: int
    claims: int
    claim_groups: int
    contradictions: int
    edges: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeakerCount:
    """One stored quote speaker with one spelling the text gave it, and its number of quotes.

    ``speaker`` is the article's own name for the person (``Quote.speaker``), ``speaker_text``
    the words at the speaker's span ("Mr Petrenko"); None where the quote carries none.
    """

    speaker: str
    speaker_text: str | None
    quotes: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Speaker:
    """A canonical actor as a quote speaker: every spelling it was quoted under, and how often.

    ``actor`` is the name reconcile's actor index gives it, the same as in event clusters and
    the graph; ``names`` the stored speaker names folded into it; ``aliases`` every spelling
    the texts used (names and speaker spans), most quoted first.
    """

    actor: str
    names: tuple[str, ...]
    aliases: tuple[str, ...]
    quotes: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ReconciledUpdate:
    """What one reconcile writes: the new state of the blocks, edges and names it recomputed.

    ``full``: everything was recomputed (the tables are emptied first). Else each of
    ``event_blocks``, ``claim_blocks``, ``edges_keys``, ``names`` and ``articles`` says what
    to drop before the new rows go in: the clusters of those event blocks, the groups of
    those claim buckets, those graph edges (source, target, relation), those names' actors (both roles),
    and those articles' event/claim memberships (and their pending mark).
    """

    full: bool
    articles: Sequence[str] = ()
    event_blocks: Sequence[str] = ()
    claim_blocks: Sequence[str] = ()
    edge_keys: Sequence[tuple[str, str, str]] = ()
    names: Sequence[str] = ()
    clusters: Sequence[tuple[str, EventCluster]] = ()
    groups: Sequence[tuple[str, ClaimGroup]] = ()
    edges: Sequence[GraphEdge] = ()
    actor_names: Mapping[str, str] = field(default_factory=dict)
    target_names: Mapping[str, str] = field(default_factory=dict)  # the same, as targets
    # (event id, article id, block, edge) and (claim id, article id, bucket, referent JSON)
    event_members: Sequence[tuple[int, str, str, str | None]] = ()
    claim_members: Sequence[tuple[int, str, str, str]] = ()
    # (edge, event id) of events of unchanged articles whose actor's name now means another
    moved_edges: Sequence[tuple[str | None, int]] = ()
