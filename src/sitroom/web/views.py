"""View models for the API and the pages: store records shaped for one screen each.

Pure Python over the store's public functions (no FastAPI, no SQL), so the API's JSON
and the HTML pages show the same data, and each view is testable on its own.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import Any, TypedDict

from sitroom.errors import NotFound
from sitroom.nlp.events.confidence import CONFIDENT
from sitroom.nlp.places.gazetteer import load_gazetteer, load_nationalities
from sitroom.reconcile import ClaimGroup, Speaker, get_graph, group_claims, list_speakers
from sitroom.reconcile import speaker_actor as _speaker_actor
from sitroom.reconcile.sources import SourceRef, independent_sources, sentence_around
from sitroom.records import Claim, Event, Extraction, Place
from sitroom.report.brief import display_title, source_name
from sitroom.report.facts import states_as_fact
from sitroom.store import SearchHit, Store
from sitroom.web.highlight import Mark, segment_text
from sitroom.web.memo import memo

__all__ = [
    "ArticleMeta",
    "EventFilters",
    "SearchFilters",
    "actor_graph",
    "article_detail",
    "article_meta",
    "article_reader",
    "claim_groups",
    "entity_profile",
    "event_types",
    "filtered_events",
    "is_real_place",
    "map_points",
    "overview",
    "search_hits",
    "store_stats",
]

# The store caps one listing at 1,000 rows (store.extraction.MAX_LIMIT); views that
# aggregate (map, graph, claim groups, speakers) work on the newest rows up to it.
SCAN_LIMIT = 1000
# Search filters drop hits after the FTS query: ask for this many times the page to fill it.
FILTER_OVERFETCH = 4
# Article metadata cached per process: ids are content hashes, so a cached row never goes
# stale; 50,000 rows of ~300 bytes is ~15 MB.
META_CACHE_SIZE = 50_000
# A city this big is known without its country being named ("Kharkiv", "Vladivostok"); the
# real news' false towns (Empire, Alliance, Republic, Airport) had 1,000-30,000 people.
KNOWN_CITY_POPULATION = 100_000
_SHORT_STATES = {"US": "US", "UK": "GB"}
# Overview lists: one screen each.
OVERVIEW_ROWS = 8


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleMeta:
    """An article's citation fields, without its text."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    # The title, else the first sentence marked "(derived)" (report.brief.display_title).
    shown_title: str = ""


_META_CACHE: dict[tuple[str, str], ArticleMeta] = {}


def article_meta(db: Store, article_id: str) -> ArticleMeta:
    """Title, outlet, date and URL of a stored article (cached: they never change)."""
    key = (db.path, article_id)
    if key in _META_CACHE and db.path != ":memory:":
        return _META_CACHE[key]
    a = db.get_article(article_id)
    meta = ArticleMeta(
        id=a.id,
        title=a.title,
        outlet=a.outlet,
        published=a.published,
        url=a.url,
        shown_title=display_title(a),
    )
    if len(_META_CACHE) >= META_CACHE_SIZE:
        _META_CACHE.clear()
    _META_CACHE[key] = meta
    return meta


# ------------------------------------------------------------------ articles


def article_detail(db: Store, article_id: str) -> dict[str, Any]:
    """An article, its text and all its records (the API's article shape)."""
    article = db.get_article(article_id)
    extraction = db.get_extraction(article.id)
    detail = {k: v for k, v in asdict(article).items() if k != "blocks"}
    for kind in ("mentions", "quotes", "claims", "timexes", "places", "events"):
        detail[kind] = list(getattr(extraction, kind))
    return detail


_MARK_KINDS = (
    ("mentions", "mention", "m"),
    ("quotes", "quote", "q"),
    ("claims", "claim", "c"),
    ("events", "event", "e"),
    ("places", "place", "p"),
    ("timexes", "timex", "t"),
)


def article_reader(db: Store, article_id: str) -> dict[str, Any]:
    """The reader page: text cut into highlight segments, and a table of records by ref."""
    article = db.get_article(article_id)
    extraction = db.get_extraction(article.id)
    records: dict[str, dict[str, Any]] = {}
    marks = []
    for attr, kind, prefix in _MARK_KINDS:
        for i, record in enumerate(getattr(extraction, attr)):
            ref = f"{prefix}{i}"
            records[ref] = {**asdict(record), "record_kind": kind}
            marks.append(Mark(ref=ref, kind=kind, start=record.start, end=record.end))
    return {
        "article": article,
        "extraction": extraction,
        "segments": segment_text(article.text, marks),
        "records": records,
        "counts": {attr: len(getattr(extraction, attr)) for attr, _, _ in _MARK_KINDS},
    }


# ------------------------------------------------------------------ search


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchFilters:
    q: str
    raw: bool = False
    event_type: str | None = None
    actor: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None

    @property
    def needs_events(self) -> bool:
        return bool(self.event_type or self.actor or self.place)


def search_hits(
    db: Store, filters: SearchFilters, *, limit: int, offset: int = 0
) -> list[SearchHit]:
    """Full-text hits, then kept only where the article matches the event/date filters."""
    narrowed = filters.needs_events or filters.since or filters.until
    if not narrowed:
        return db.search(filters.q, limit=min(limit, SCAN_LIMIT), offset=offset, raw=filters.raw)
    fetch = min((offset + limit) * FILTER_OVERFETCH, SCAN_LIMIT)
    hits = db.search(filters.q, limit=fetch, raw=filters.raw)

    def keep(hit: SearchHit) -> bool:
        day = (hit.published or "")[:10]
        if filters.since and (not day or day < filters.since):
            return False
        if filters.until and (not day or day > filters.until[: len(day)]):
            return False
        if filters.needs_events:
            return bool(
                db.list_events(
                    type=filters.event_type,
                    actor=filters.actor,
                    place=filters.place,
                    article_id=hit.article_id,
                    limit=1,
                )
            )
        return True

    return [hit for hit in hits if keep(hit)][offset : offset + limit]


# ------------------------------------------------------------------ events and map


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilters:
    event_type: str | None = None
    actor: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None


def filtered_events(db: Store, filters: EventFilters, *, limit: int) -> list[Event]:
    """The newest events matching the filters (remembered until the store changes)."""
    return memo(
        db.path, ("events", filters, limit), lambda: _filtered_events(db, filters, limit=limit)
    )


def _filtered_events(db: Store, filters: EventFilters, *, limit: int) -> list[Event]:
    return db.list_events(
        type=filters.event_type,
        actor=filters.actor,
        place=filters.place,
        since=filters.since,
        until=filters.until,
        limit=min(limit, SCAN_LIMIT),
    )


def _place_for(db: Store, event: Event, cache: dict[str, list[Place]]) -> Place | None:
    if not event.place:
        return None
    if event.article_id not in cache:
        cache[event.article_id] = db.list_places(article_id=event.article_id, limit=SCAN_LIMIT)
    wanted = event.place.casefold()
    for place in cache[event.article_id]:
        if place.lat is not None and wanted in (place.name.casefold(), place.text.casefold()):
            return place
    return None


def _states_named(text: str) -> set[str]:
    """ISO2 codes of the states an article names (country, demonym or capital)."""
    low = text.casefold()
    named = {
        iso
        for name, (iso, _) in load_nationalities().items()
        if name in low and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", low)
    }
    # Two-letter names the nationality table leaves out, in capitals only (not "us").
    return named | {iso for short, iso in _SHORT_STATES.items() if re.search(rf"\b{short}\b", text)}


def is_real_place(place: Place, text: str) -> bool:
    """Whether a resolved toponym is a place the article is about, fit for the map.

    Not when its name is an ordinary word of the article ("the alliance", "an airport",
    "independence"), nor part of a longer name there ("Vladimir Putin", "Washington Post",
    "the Russian Empire"),
    nor a town or region of a country the article never names (a US "Empire" in a report
    on Ukraine) unless a city of KNOWN_CITY_POPULATION ("Kharkiv" needs no "Ukraine").
    Countries and areas ("Europe", "the Black Sea") are places whatever it says.
    """
    lead = text[: place.start]
    if lead.endswith(("-", "\u201c", '"')):
        return False  # "Euro-Atlantic", "\u201cMission accomplished\u201d": a word of a phrase
    if place.kind in ("country", "area"):
        return True
    name = place.text
    if re.search(rf"(?<![\w-]){re.escape(name.casefold())}(?![\w-])", text):
        return False  # the same word in lower case: a common noun here
    after = text[place.end :].lstrip(" )\u2019'\"")
    if after[:1].isupper() and not after.startswith(("Oblast", "Region", "City")):
        return False
    before = lead.split()[-2:]
    if len(before) == 2 and before[1][:1].isupper() and not before[0].endswith((".", "!", "?")):
        return False  # "the Russian Empire", "the Czech Republic": the end of a longer name
    if place.country is None or _population(place) >= KNOWN_CITY_POPULATION:
        return True
    return place.country in _states_named(text)


def _population(place: Place) -> int:
    """The gazetteer population of a resolved city (0 when unknown)."""
    return max(
        (
            c.population
            for c in load_gazetteer().lookup(place.name)
            if c.kind == "city" == place.kind
            and (c.geonames_id == place.geonames_id or place.geonames_id is None)
            and c.country == place.country
        ),
        default=0,
    )


def map_points(db: Store, filters: EventFilters) -> list[dict[str, Any]]:
    """Events over the confidence bar with coordinates, grouped by real places
    (``is_real_place``); ``corroboration`` = independent sources (``reconcile.sources``:
    copies and one outlet count once)."""
    return memo(db.path, ("map", filters), lambda: _map_points(db, filters))


def _map_points(db: Store, filters: EventFilters) -> list[dict[str, Any]]:
    cache: dict[str, list[Place]] = {}
    groups: dict[tuple[float, float, str], list[Event]] = defaultdict(list)
    located: dict[tuple[float, float, str], Place] = {}
    texts: dict[str, str] = {}
    for event in filtered_events(db, filters, limit=SCAN_LIMIT):
        if event.confidence < CONFIDENT:
            continue  # the map shows what clears the bar; the rest stays in the timeline
        place = _place_for(db, event, cache)
        if place is None or place.lat is None or place.lon is None:
            continue
        if event.article_id not in texts:
            texts[event.article_id] = db.get_article(event.article_id).text
        if not is_real_place(place, texts[event.article_id]):
            continue
        key = (round(place.lat, 2), round(place.lon, 2), place.name)
        groups[key].append(event)
        located.setdefault(key, place)
    points = []
    for key in sorted(groups, key=lambda k: (k[2], k[0], k[1])):
        events = sorted(groups[key], key=lambda e: (e.date or "", e.article_id, e.start))
        dates = [e.date for e in events if e.date]
        place = located[key]
        points.append(
            {
                "place": place.name,
                "lat": place.lat,
                "lon": place.lon,
                "country": place.country,
                "event_types": sorted({e.event_type for e in events}),
                "first_date": min(dates) if dates else None,
                "last_date": max(dates) if dates else None,
                "corroboration": independent_sources(
                    SourceRef(
                        article_id=e.article_id,
                        outlet=article_meta(db, e.article_id).outlet,
                        sentence=e.text,
                    )
                    for e in events
                ),
                "events": events,
            }
        )
    return points


# ------------------------------------------------------------------ claims


class _ClaimPoint(TypedDict):
    """One value of a claim group as a point on the claims page's chart."""

    claim: Claim
    date: str | None
    source: str
    outlet: str | None
    title: str | None


def _group_view(db: Store, group: ClaimGroup) -> dict[str, Any]:
    """One claim group shaped for the claims page: its values as chart points, oldest first."""
    points: list[_ClaimPoint] = [
        {
            "claim": Claim(
                article_id=v.article_id,
                start=v.start,
                end=v.end,
                text=v.text,
                value=v.value,
                low=v.low,
                high=v.high,
                bound=v.bound,
                unit=group.unit,
                what=v.what,
                claimant=v.claimant,
                hedge=v.hedge,
            ),
            "date": v.published,
            "source": v.claimant or v.outlet or "unnamed source",
            "outlet": v.outlet,
            "title": article_meta(db, v.article_id).shown_title,
        }
        for v in group.values
    ]
    points.sort(key=lambda p: (p["date"] or "", p["claim"].article_id, p["claim"].start))
    return {
        "key": group.id,
        "what": group.topic,
        "unit": group.unit,
        "contradiction": group.contradiction,
        "kind": group.kind,
        "note": group.note,
        "points": points,
    }


def claim_groups(
    db: Store, *, about: str | None = None, contradictions_only: bool = False
) -> list[dict[str, Any]]:
    """Claims about the same thing across articles, as ``sitroom.reconcile`` groups them.

    A group is a contradiction when values about the same referent at the same time cannot
    all be true (see ``reconcile.claim_groups``).
    """
    return memo(
        db.path,
        ("claim_groups", about, contradictions_only),
        lambda: _claim_groups(db, about=about, contradictions_only=contradictions_only),
    )


def _claim_groups(
    db: Store, *, about: str | None, contradictions_only: bool
) -> list[dict[str, Any]]:
    groups = db.read_claim_groups(about=about, contradictions_only=contradictions_only)
    if groups or db.last_fingerprint() is not None:
        # Reconciled: the stored groups are the answer, none included (regrouping every
        # claim of a big store whenever no group matched took 20 s at 100k; issue 13).
        return [_group_view(db, g) for g in groups]
    # Not reconciled yet: group in memory with reconcile's own grouping, so the page never
    # groups differently from `sitroom claims --contradictions`.
    needle = about.casefold() if about else None
    fresh = [
        g
        for g in group_claims(db.load_claim_rows())
        if (g.contradiction or not contradictions_only)
        and (needle is None or needle in _group_text(g))
    ]
    result = [_group_view(db, g) for g in fresh]
    result.sort(key=lambda g: (not g["contradiction"], -len(g["points"]), g["key"]))
    return result


def _group_text(group: ClaimGroup) -> str:
    """What ``about`` matches in a group: its topic and its members' text (as the store does)."""
    parts = [group.topic, *(x for v in group.values for x in (v.text, v.what, v.claimant) if x)]
    return " ".join(parts).casefold()


# ------------------------------------------------------------------ entities and graph


def entity_profile(db: Store, name: str) -> dict[str, Any]:
    """An entity: aliases and roles, quotes by and about it, its events, its relations."""
    return memo(db.path, ("entity", name), lambda: _entity_profile(db, name))


def _entity_profile(db: Store, name: str) -> dict[str, Any]:
    candidates = db.list_entities(name=name, limit=50)
    exact = [e for e in candidates if e.name.casefold() == name.casefold()]
    if not (exact or candidates):
        raise NotFound(f"no entity named {name!r}; list them at /api/entities")
    entity = (exact or candidates)[0]
    names = {entity.name.casefold(), *(a.casefold() for a in entity.aliases)}
    quotes = db.list_quotes(limit=SCAN_LIMIT)
    # By the speaker's canonical actor too: an article that says only "Mr Petrenko" still
    # quotes Oleksandr Petrenko (issue 10).
    actors = db.read_actor_names()
    quotes_by = [
        q
        for q in quotes
        if (q.speaker or "").casefold() in names
        or (_speaker_actor(q.speaker, actors) or "").casefold() in names
    ]
    quotes_about = [
        q
        for q in quotes
        if q not in quotes_by and any(n in q.text.casefold() for n in names if len(n) > 2)
    ]
    events = [
        e
        for e in db.list_events(limit=SCAN_LIMIT)
        if (e.actor or "").casefold() in names or (e.target or "").casefold() in names
    ]
    relations: Counter[tuple[str, str, str]] = Counter()
    for e in events:
        if e.actor and e.target:
            other, role = (
                (e.target, "acted on")
                if (e.actor or "").casefold() in names
                else (e.actor, "acted on by")
            )
            relations[(other, role, e.event_type)] += 1
    return {
        "entity": entity,
        "quotes_by": quotes_by,
        "quotes_about": quotes_about,
        "events": events,
        "relations": [
            {"entity": other, "relation": role, "event_type": kind, "count": n}
            for (other, role, kind), n in sorted(relations.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
    }


# Speakers offered in the quotes page's filter, most quoted first.
SPEAKER_CHOICES = 200


def quotes_page(db: Store, speaker: str | None = None, *, limit: int) -> dict[str, Any]:
    """Quotes with their speaker's canonical actor, optionally by one speaker or actor; the
    speakers by actor with their aliases (every spelling quoted) for the filter."""
    return memo(db.path, ("quotes", speaker, limit), lambda: _quotes_page(db, speaker, limit))


def _quotes_page(db: Store, speaker: str | None, limit: int) -> dict[str, Any]:
    actors = db.read_actor_names()
    speakers = list_speakers(db)
    chosen: Speaker | None = next(
        (s for s in speakers if speaker and s.actor.casefold() == speaker.casefold()), None
    )
    return {
        "speaker": speaker or "",
        "chosen": chosen,
        "speakers": speakers[:SPEAKER_CHOICES],
        "quotes": [
            {"quote": q, "actor": _speaker_actor(q.speaker, actors)}
            for q in db.list_quotes(speaker=speaker, limit=limit)
        ],
    }


def actor_graph(db: Store, *, low_confidence: bool = False) -> dict[str, Any]:
    """Actors as nodes, events between them as weighted edges: only events stated as fact
    (``states_as_fact``, as the overview and the brief), unless ``low_confidence`` adds the
    rest as their own edges, ``confident`` false (the page draws them dashed)."""
    return memo(db.path, ("graph", low_confidence), lambda: _actor_graph(db, low_confidence))


def _actor_graph(db: Store, low_confidence: bool) -> dict[str, Any]:
    graph = get_graph(db, low_confidence=True)  # everything reconciled; empty: nothing is
    if not graph.edges:
        return _event_graph(db, low_confidence)
    relations: dict[tuple[str, str, bool], Counter[str]] = defaultdict(Counter)
    for edge in graph.edges:
        if edge.confident or low_confidence:
            relations[(edge.source, edge.target, edge.confident)][edge.relation] += edge.count
    return _graph_json(relations)


def _event_graph(db: Store, low_confidence: bool) -> dict[str, Any]:
    """The graph straight from events (actor -> target), when nothing is reconciled."""
    edges: dict[tuple[str, str, bool], Counter[str]] = defaultdict(Counter)
    for event in db.list_events(limit=SCAN_LIMIT):
        if not (event.actor and event.target) or event.actor == event.target:
            continue
        confident = states_as_fact(event)
        if confident or low_confidence:
            edges[(event.actor, event.target, confident)][event.event_type] += 1
    return _graph_json(edges)


def _graph_json(edges: dict[tuple[str, str, bool], Counter[str]]) -> dict[str, Any]:
    """Nodes weighted by the events of their edges; edges by source, target, confidence."""
    weight: Counter[str] = Counter()
    for (source, target, _), counts in edges.items():
        weight[source] += sum(counts.values())
        weight[target] += sum(counts.values())
    return {
        "nodes": [{"id": n, "label": n, "weight": w} for n, w in sorted(weight.items())],
        "edges": [
            {
                "source": s,
                "target": t,
                "weight": sum(c.values()),
                "types": sorted(c),
                "confident": confident,
            }
            for (s, t, confident), c in sorted(edges.items())
        ],
    }


# ------------------------------------------------------------------ overview


def store_stats(db: Store) -> dict[str, Any]:
    return dict(db.stats())


def overview(db: Store) -> dict[str, Any]:
    """The front page: latest events, open contradictions, top speakers, ingest status."""
    return memo(db.path, "overview", lambda: _overview(db))


def event_types(db: Store) -> list[str]:
    """Event types present among the newest events (for the filter menu)."""
    return memo(
        db.path,
        "event_types",
        lambda: sorted({e.event_type for e in db.list_events(limit=SCAN_LIMIT)}),
    )


def _overview(db: Store) -> dict[str, Any]:
    actors = db.read_actor_names()
    speakers = Counter(
        _speaker_actor(q.speaker, actors) for q in db.list_quotes(limit=SCAN_LIMIT) if q.speaker
    )
    latest = db.list_articles(limit=OVERVIEW_ROWS).items
    # Untitled articles show a derived title (their first sentence, marked "(derived)") and
    # the source file for an outlet, as the brief cites them.
    stored = {a.id: db.get_article(a.id) for a in latest if not (a.title and a.outlet)}
    return {
        "stats": store_stats(db),
        "latest_articles": latest,
        "titles": {i: display_title(a) for i, a in stored.items()},
        "outlets": {i: source_name(a) for i, a in stored.items()},
        # What the analyst sees first states as fact only what clears the bar (DESIGN.md).
        "latest_events": [e for e in db.list_events(limit=SCAN_LIMIT) if states_as_fact(e)][
            :OVERVIEW_ROWS
        ],
        "contradictions": [
            {**g, "sources": _independent_sources(db, g)}
            for g in claim_groups(db, contradictions_only=True)[:OVERVIEW_ROWS]
        ],
        "speakers": sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0]))[:OVERVIEW_ROWS],
    }


def _independent_sources(db: Store, group: dict[str, Any]) -> int:
    """How many independent sources give a group's figures (``reconcile.sources``)."""
    refs = []
    for point in group["points"]:
        claim, article = point["claim"], db.get_article(point["claim"].article_id)
        refs.append(
            SourceRef(
                article_id=article.id,
                outlet=article.outlet,
                duplicate_of=article.duplicate_of,
                sentence=sentence_around(article.text, claim.start, claim.end),
            )
        )
    return independent_sources(refs)


def extraction_or_empty(db: Store, article_id: str) -> Extraction:
    try:
        return db.get_extraction(article_id)
    except NotFound:
        return Extraction(article_id=article_id)
