"""Build a situation report from the store: every sentence cites the records behind it.

The brief is made only of sentences generated from stored records (events, claims,
quotes), and each sentence carries the citation numbers of those records. Citations
resolve to an article (outlet, title, date) and the exact quoted span. Everything is
sorted on stable keys, so the same store gives the same brief byte for byte.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import PurePath

from sitroom.nlp.timex.values import iso_day, timex_days
from sitroom.reconcile import ClaimGroup, ClaimValue, group_claims, speaker_actor
from sitroom.reconcile.actors import canonical_actor
from sitroom.reconcile.sources import SourceRef, independent_sources, sentence_around
from sitroom.records import Article, Claim, Event, Place, Quote
from sitroom.report.dates import say_date
from sitroom.report.facts import (
    NO_SOURCE,
    event_text,
    is_news,
    is_supported,
    state_names,
    states_as_fact,
)
from sitroom.report.phrasing import (
    format_claim_value,
    region_of,
)
from sitroom.store import Store

__all__ = [
    "Brief",
    "Citation",
    "Section",
    "Sentence",
    "build_brief",
    "display_title",
    "source_name",
]

# A quote shorter than this is a label or a fragment ("separatists", "no hesitation"), not
# something said: the brief quotes statements.
MIN_QUOTE_WORDS = 5
# Citations behind one event sentence: one per independent source, up to this many.
MAX_CITES_PER_EVENT = 3
# How much of each kind goes into one brief: about one page, the length of the daily
# briefs analysts forward (~30 sentences).
MAX_EVENTS_PER_TYPE = 6
MAX_CLAIM_GROUPS = 8
MAX_QUOTES = 8
# Records of each kind read for one brief: the store's listing cap (store.extraction.MAX_LIMIT).
SCAN_LIMIT = 1000
# Quote marks trimmed from a quote before the brief puts its own around it.
_QUOTE_MARKS = '"\u201c\u201d\u2018\u2019 '
# A derived title is the article's first sentence, cut at a word near this many characters
# (a headline's length).
DERIVED_TITLE_CHARS = 90
# The changes section lists at most this many new events and moved figures.
MAX_CHANGES = 10


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """Where a stated fact comes from: one record's article and span."""

    n: int
    kind: str  # "event" | "claim" | "quote"
    article_id: str
    start: int
    end: int
    quote: str  # article.text[start:end]
    outlet: str | None  # the outlet, else the source file's folder/name stem (source_name)
    title: str | None  # the title, else a derived one marked "(derived)" (display_title)
    published: str | None
    url: str | None

    @property
    def published_words(self) -> str:
        """The publication date in words ("21 November 2024"), "undated" without one."""
        return say_date(self.published)


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """One stated fact, and the numbers of the citations that back it."""

    text: str
    cites: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    title: str
    sentences: tuple[Sentence, ...] = ()
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Brief:
    """A situation report: sections of cited sentences, then the numbered citations."""

    title: str
    since: str | None
    until: str | None
    about: str | None
    article_count: int  # distinct articles cited
    sections: tuple[Section, ...] = ()
    citations: tuple[Citation, ...] = ()
    held_back: int = 0  # events below the confidence threshold or without support: not stated


def source_name(article: Article) -> str:
    """Who published it: the outlet, else the source file's folder/name stem, else its id."""
    if article.outlet:
        return article.outlet
    if article.source:
        path = PurePath(article.source.split("://", 1)[-1])
        parts = [p for p in (path.parent.name, path.stem) if p]
        if parts:
            return "/".join(parts)
    return f"article {article.id}"


def display_title(article: Article) -> str:
    """The article's title, else its first sentence (cut near DERIVED_TITLE_CHARS) + "(derived)"."""
    if article.title:
        return article.title
    text = " ".join(article.text.split())
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if len(first) > DERIVED_TITLE_CHARS:
        cut = first[:DERIVED_TITLE_CHARS].rsplit(" ", 1)[0]
        first = cut.rstrip(",;:") + "\u2026"
    return f"{first} (derived)" if first else "(no text)"


class _Articles(dict[str, Article]):
    """Stored articles by id, loaded on first use."""

    def __init__(self, db: Store) -> None:
        super().__init__()
        self.db = db

    def __missing__(self, article_id: str) -> Article:
        article = self.db.get_article(article_id)
        self[article_id] = article
        return article


@dataclass(slots=True)
class _Citer:
    """Hands out citation numbers in order of first use; one record, one number."""

    articles: _Articles
    items: list[Citation] = field(default_factory=list)
    index: dict[tuple[str, str, int, int], int] = field(default_factory=dict)

    def cite(self, kind: str, record: Event | Claim | Quote | ClaimValue) -> int:
        key = (kind, record.article_id, record.start, record.end)
        if key not in self.index:
            article = self.articles[record.article_id]
            self.index[key] = len(self.items) + 1
            self.items.append(
                Citation(
                    n=len(self.items) + 1,
                    kind=kind,
                    article_id=record.article_id,
                    start=record.start,
                    end=record.end,
                    quote=article.text[record.start : record.end],
                    outlet=source_name(article),
                    title=display_title(article),
                    published=article.published,
                    url=article.url,
                )
            )
        return self.index[key]


def build_brief(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    about: str | None = None,
) -> Brief:
    """Report key events, claim changes and contradictions, and notable quotes.

    ``since``/``until`` are ISO dates (inclusive) bounding an event's date and a claim's
    or quote's article publication date; ``about`` keeps records naming an actor,
    target, place, speaker or counted thing containing it (case-insensitive). Reads the
    newest records up to the store's listing cap (1,000 of each kind).
    """
    needle = about.casefold().strip() if about else None
    articles = _Articles(store)
    # Names as canonical actors (the last reconcile's; issue 10): "Mr Petrenko" in one
    # article and "Oleksandr Petrenko" in another are one speaker, one actor.
    actors = store.read_actor_names()
    names = _Names(actors)
    listed = [
        e
        for e in _events_in(store, since, until)
        if _event_matches(e, needle) or _event_matches(names.of(e), needle)
    ]
    # Stated as fact: above the confidence threshold and backed by its own sentence.
    candidates = [
        e for e in listed if states_as_fact(e) and is_supported(e, articles[e.article_id])
    ]
    claim_groups = _reconciled_groups(store, since, until, needle)
    quotes = [
        replace(q, speaker=speaker_actor(q.speaker, actors))
        for q in store.list_quotes(limit=SCAN_LIMIT)
        if q.speaker
        and _in_window(articles[q.article_id].published, since, until)
        and (
            needle is None
            or needle in f"{q.speaker} {speaker_actor(q.speaker, actors)} {q.text}".casefold()
        )
    ]
    places = {
        (p.article_id, key): p
        for article_id in sorted({e.article_id for e in candidates})
        for p in store.list_places(article_id=article_id, limit=SCAN_LIMIT)
        for key in (p.text, p.name)
    }
    # Event actors and targets as canonical actors, once their sentences were checked
    # against the names as written (the cited sentence keeps the article's own spelling).
    events = [names.of(e) for e in candidates if is_news(e, articles[e.article_id], places)]
    citer = _Citer(articles)
    sections = (
        _changes_section(
            store,
            events,
            since=since,
            until=until,
            needle=needle,
            articles=articles,
            citer=citer,
            places=places,
            names=names,
        ),
        _events_section(events, places, articles, citer),
        _groups_section(claim_groups, citer),
        _quotes_section(quotes, articles, citer),
    )
    scope = " ".join(
        part
        for part in (
            f"about {about}" if about else "",
            f"from {since}" if since else "",
            f"until {until}" if until else "",
        )
        if part
    )
    return Brief(
        title=f"Situation report {scope}".strip(),
        since=since,
        until=until,
        about=about,
        article_count=len({c.article_id for c in citer.items}),
        sections=tuple(s for s in sections if s.sentences or s.subsections),
        citations=tuple(citer.items),
        held_back=len(listed) - len(events),
    )


def _events_in(store: Store, since: str | None, until: str | None) -> list[Event]:
    """Events dated in [since, until], by the days their TIMEX3 date covers.

    The store compares date strings, which drops "2025-W11" or "2025-03" from a window of
    ISO days; such events are read unbounded and kept when their days overlap the window.
    """
    events = store.list_events(since=since, until=until, limit=SCAN_LIMIT)
    if since is None and until is None:
        return events
    seen = {(e.article_id, e.start, e.end, e.event_type) for e in events}
    lo, hi = iso_day(since) or date.min, iso_day(until) or date.max
    for event in store.list_events(limit=SCAN_LIMIT):
        days = timex_days(event.date)
        key = (event.article_id, event.start, event.end, event.event_type)
        in_window = days is not None and days[0] <= hi and days[1] >= lo
        if in_window and len(event.date or "") != 10 and key not in seen:
            events.append(event)
            seen.add(key)
    return events


@dataclass(frozen=True)
class _Names:
    """Stored name -> canonical actor (the last reconcile's actor index), for an event's
    actor and target. The index of actors, not of targets: a city as a target stays the
    city ("strike on Kharkiv"), where the graph reads it as its state."""

    actors: dict[str, str]

    def of(self, event: Event) -> Event:
        actor = speaker_actor(event.actor, self.actors)
        target = speaker_actor(event.target, self.actors)
        if (actor, target) == (event.actor, event.target):
            return event
        return replace(event, actor=actor, target=target)


def _event_key(event: Event) -> tuple[str, str, str, str]:
    return (
        event.event_type,
        canonical_actor(event.actor) or "",
        canonical_actor(event.target) or "",
        (event.place or "").casefold(),
    )


def _window_before(since: str | None, until: str | None) -> tuple[date, date] | None:
    """The period of the same length just before [since, until] (None unless both are dates)."""
    first, last = iso_day(since), iso_day(until)
    if first is None or last is None:
        return None
    length = (last - first).days + 1
    if length <= 0:
        return None
    return first - timedelta(days=length), first - timedelta(days=1)


def _changes_section(
    store: Store,
    events: list[Event],
    *,
    since: str | None,
    until: str | None,
    needle: str | None,
    articles: _Articles,
    citer: _Citer,
    places: dict[tuple[str, str], Place],
    names: _Names,
) -> Section:
    """Events new in [since, until]: stated as fact, and of no kind, actor, target and place
    seen in the period of the same length before it."""
    title = "What changed since the previous period"
    window = _window_before(since, until)
    if window is None:
        return Section(title=title)
    before_since, before_until = (d.isoformat() for d in window)
    before = [
        names.of(e)
        for e in _events_in(store, before_since, before_until)
        if (_event_matches(e, needle) or _event_matches(names.of(e), needle)) and states_as_fact(e)
    ]
    seen = {_event_key(e) for e in before}
    new = sorted(
        (e for e in events if _event_key(e) not in seen),
        key=lambda e: (_event_date(e, articles) or "", e.article_id, e.start),
    )
    sentences = [
        Sentence(
            text="New: "
            + event_text(e, None, _event_date(e, articles), articles[e.article_id], places),
            cites=(citer.cite("event", e),),
        )
        for e in new[:MAX_CHANGES]
    ]
    return Section(title=title, sentences=tuple(sentences))


def _reconciled_groups(
    store: Store, since: str | None, until: str | None, needle: str | None
) -> list[ClaimGroup]:
    """Claims of the window grouped across articles by ``sitroom.reconcile``.

    Grouped here, in memory, rather than read from the reconciled tables: a brief's
    groups must hold only the window's claims, and building a brief must not write.
    """
    rows = [
        row
        for row in store.load_claim_rows()
        if _in_window(row.published, since, until)
        and (
            needle is None
            or needle in " ".join(x for x in (row.what, row.claimant, row.context) if x).casefold()
        )
    ]
    return group_claims(rows)


def _groups_section(groups: list[ClaimGroup], citer: _Citer) -> Section:
    """One sentence per disputed figure: the two values the dispute rests on.

    Timelines are not stated: their pairs were different things in every case of the
    real-news check (8,500 troops on standby "later" 3,000 deployed; issue 10). They stay on
    the claims page's chart, value by value.
    """
    disputed = sorted(
        (g for g in groups if g.contradiction and len(g.pair) == 2),
        key=lambda g: (-len({v.article_id for v in g.values}), g.topic, g.id),
    )
    sentences = tuple(_group_sentence(g, citer) for g in disputed[:MAX_CLAIM_GROUPS])
    return Section(title="Claims: contradictions", sentences=sentences)


def _as_claim(value: ClaimValue, unit: str | None) -> Claim:
    return Claim(
        article_id=value.article_id, start=value.start, end=value.end, text=value.text,
        value=value.value, low=value.low, high=value.high, bound=value.bound, unit=unit,
        what=value.what, claimant=value.claimant, hedge=value.hedge,
    )  # fmt: skip


def _source_label(value: ClaimValue, articles: _Articles) -> str:
    """Who gives a figure: the named claimant, else the outlet (or source file)."""
    claimant = canonical_actor(value.claimant) if value.claimant else None
    if claimant and claimant.casefold() not in NO_SOURCE:
        return claimant
    return source_name(articles[value.article_id])


def _figure(value: ClaimValue, unit: str | None, articles: _Articles) -> str:
    when = say_date(value.published, undated="undated")
    return (
        f"{format_claim_value(_as_claim(value, unit))} ({_source_label(value, articles)}, {when})"
    )


def _group_sentence(group: ClaimGroup, citer: _Citer) -> Sentence:
    """'Sources disagree on X: A (source, date); B (source, date).' for the group's pair.

    Only the pair is cited: a group also holds figures whose referent was guessed, which
    the brief does not set side by side.
    """
    articles = citer.articles
    first, second = sorted(
        (v for v in group.values if v.claim_id in group.pair),
        key=lambda v: (v.published or "", v.article_id, v.start),
    )
    return Sentence(
        text=(
            f"Sources disagree on {group.topic}: {_figure(first, group.unit, articles)}; "
            f"{_figure(second, group.unit, articles)}."
        ),
        cites=(citer.cite("claim", first), citer.cite("claim", second)),
    )


def _in_window(date: str | None, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    if date is None:
        return False
    day = date[:10]
    return (since is None or day >= since[:10]) and (until is None or day[: len(until)] <= until)


def _event_date(event: Event, articles: _Articles) -> str | None:
    return event.date or articles[event.article_id].published


def _event_matches(event: Event, needle: str | None) -> bool:
    if needle is None:
        return True
    names = (event.actor, event.target, event.place, event.claimant, *event.weapons)
    return any(needle in name.casefold() for name in names if name)


def _source_ref(event: Event, articles: _Articles) -> SourceRef:
    article = articles[event.article_id]
    return SourceRef(
        article_id=article.id,
        outlet=article.outlet,
        duplicate_of=article.duplicate_of,
        sentence=sentence_around(article.text, event.start, event.end),
    )


def _happenings(events: list[Event], articles: _Articles) -> list[list[Event]]:
    """Events of one kind, actor, target, place and date, as one happening: its reports,
    the most confident first (copies of one story report it once each)."""
    by_key: dict[tuple[str, ...], list[Event]] = defaultdict(list)
    for event in events:
        by_key[(*_event_key(event), (_event_date(event, articles) or "")[:10])].append(event)
    return [
        sorted(reports, key=lambda e: (-e.confidence, e.article_id, e.start))
        for reports in by_key.values()
    ]


def _happening_sentence(
    reports: list[Event],
    places: dict[tuple[str, str], Place],
    articles: _Articles,
    citer: _Citer,
) -> Sentence:
    """The best report's sentence; with several independent sources, their count and one
    citation per source (``reconcile.sources``: copies and one outlet count once)."""
    best = reports[0]
    text = event_text(
        best,
        region_of(best, places),
        _event_date(best, articles),
        articles[best.article_id],
        places,
    )
    refs = [_source_ref(e, articles) for e in reports]
    sources = independent_sources(refs)
    cited: list[Event] = []
    for event in reports:
        if independent_sources(refs[: reports.index(event) + 1]) > len(cited):
            cited.append(event)
    if sources > 1:
        text = f"{text[:-1]} ({sources} independent sources)."
    return Sentence(
        text=text, cites=tuple(citer.cite("event", e) for e in cited[:MAX_CITES_PER_EVENT])
    )


def _events_section(
    events: list[Event],
    places: dict[tuple[str, str], Place],
    articles: _Articles,
    citer: _Citer,
) -> Section:
    by_type: dict[str, list[list[Event]]] = defaultdict(list)
    for reports in _happenings(events, articles):
        by_type[reports[0].event_type].append(reports)
    subsections = []
    for event_type in sorted(by_type, key=lambda t: (-len(by_type[t]), t)):
        ranked = sorted(
            by_type[event_type],
            key=lambda r: (
                -r[0].confidence,
                -len(r),
                region_of(r[0], places),
                _event_date(r[0], articles) or "",
                r[0].article_id,
                r[0].start,
            ),
        )[:MAX_EVENTS_PER_TYPE]
        sentences = tuple(_happening_sentence(r, places, articles, citer) for r in ranked)
        label = event_type.replace("_", " ").capitalize()
        subsections.append(
            Section(title=f"{label} ({len(by_type[event_type])})", sentences=sentences)
        )
    return Section(title="Key events by type and region", subsections=tuple(subsections))


def _quotes_section(quotes: list[Quote], articles: _Articles, citer: _Citer) -> Section:
    """One quote per speaker, the most widely quoted speakers first: by independent sources
    (``reconcile.sources``: copies and one outlet count once), then by quotes."""
    counts = Counter(q.speaker for q in quotes)
    sources = {
        speaker: independent_sources(
            SourceRef(
                article_id=q.article_id,
                outlet=articles[q.article_id].outlet,
                duplicate_of=articles[q.article_id].duplicate_of,
                sentence=q.text,
            )
            for q in quotes
            if q.speaker == speaker
        )
        for speaker in counts
    }
    chosen: dict[str, Quote] = {}
    for quote in sorted(
        quotes,
        key=lambda q: (
            q.speaker or "",
            articles[q.article_id].published or "",
            q.article_id,
            q.start,
        ),
    ):
        if (
            quote.speaker
            and quote.speaker not in chosen
            and quote.kind in ("direct", "mixed")
            and len(re.findall(r"\w+", quote.text)) >= MIN_QUOTE_WORDS
            # A state does not speak: a quote given to "United States" or "Russia" was its
            # spokesperson's or a misread "according to Lavrov" (real news, issue 10).
            and canonical_actor(quote.speaker) not in state_names()
        ):
            chosen[quote.speaker] = quote
    picked = sorted(
        chosen.values(),
        key=lambda q: (-sources[q.speaker], -counts[q.speaker], q.speaker or ""),
    )[:MAX_QUOTES]
    sentences = tuple(
        Sentence(text=_quote_sentence(q, sources[q.speaker]), cites=(citer.cite("quote", q),))
        for q in picked
    )
    return Section(title="Notable quotes", sentences=sentences)


def _quote_sentence(quote: Quote, sources: int) -> str:
    said = " ".join(quote.text.strip(_QUOTE_MARKS).split())
    quoted = f"quoted by {sources} independent source{'s' if sources != 1 else ''}"
    return f"{quote.speaker} ({quoted}) said: \u201c{said}\u201d"
