"""Build a situation report from the store: every sentence cites the records behind it.

The brief is made only of sentences generated from stored records (events, claims,
quotes), and each sentence carries the citation numbers of those records. Citations
resolve to an article (outlet, title, date) and the exact quoted span. Everything is
sorted on stable keys, so the same store gives the same brief byte for byte.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sitroom import store as st
from sitroom.reconcile import ClaimGroup, ClaimValue, group_claims
from sitroom.records import Article, Claim, Event, Place, Quote
from sitroom.report.phrasing import event_sentence, format_claim_value, region_of
from sitroom.store.reconciled import load_claim_rows

__all__ = ["Brief", "Citation", "Section", "Sentence", "build_brief"]

# How much of each kind goes into one brief: about one page, the length of the daily
# briefs analysts forward (~30 sentences).
MAX_EVENTS_PER_TYPE = 6
MAX_CLAIM_GROUPS = 8
MAX_QUOTES = 8
# Records of each kind read for one brief: the store's listing cap (store.extraction.MAX_LIMIT).
SCAN_LIMIT = 1000
# Quote marks trimmed from a quote before the brief puts its own around it.
_QUOTE_MARKS = '"\u201c\u201d\u2018\u2019 '


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """Where a stated fact comes from: one record's article and span."""

    n: int
    kind: str  # "event" | "claim" | "quote"
    article_id: str
    start: int
    end: int
    quote: str  # article.text[start:end]
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None


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


class _Articles(dict[str, Article]):
    """Stored articles by id, loaded on first use."""

    def __init__(self, db: st.Store) -> None:
        super().__init__()
        self.db = db

    def __missing__(self, article_id: str) -> Article:
        article = st.get_article(self.db, article_id)
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
                    outlet=article.outlet,
                    title=article.title,
                    published=article.published,
                    url=article.url,
                )
            )
        return self.index[key]


def build_brief(
    store: st.Store,
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
    events = [
        e
        for e in st.list_events(store, since=since, until=until, limit=SCAN_LIMIT)
        if _event_matches(e, needle)
    ]
    claim_groups = _reconciled_groups(store, since, until, needle)
    quotes = [
        q
        for q in st.list_quotes(store, limit=SCAN_LIMIT)
        if q.speaker
        and _in_window(articles[q.article_id].published, since, until)
        and (needle is None or needle in f"{q.speaker} {q.text}".casefold())
    ]
    places = {
        (p.article_id, key): p
        for article_id in sorted({e.article_id for e in events})
        for p in st.list_places(store, article_id=article_id, limit=SCAN_LIMIT)
        for key in (p.text, p.name)
    }
    citer = _Citer(articles)
    sections = (
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
    )


def _reconciled_groups(
    store: st.Store, since: str | None, until: str | None, needle: str | None
) -> list[ClaimGroup]:
    """Claims of the window grouped across articles by ``sitroom.reconcile``.

    Grouped here, in memory, rather than read from the reconciled tables: a brief's
    groups must hold only the window's claims, and building a brief must not write.
    """
    rows = [
        row
        for row in load_claim_rows(store)
        if _in_window(row.published, since, until)
        and (
            needle is None
            or needle in " ".join(x for x in (row.what, row.claimant, row.context) if x).casefold()
        )
    ]
    return group_claims(rows)


def _groups_section(groups: list[ClaimGroup], citer: _Citer) -> Section:
    """One sentence per group whose figures differ: the change over time, else the disagreement."""
    moving = sorted(
        (g for g in groups if len({_value_magnitude(v) for v in g.values}) > 1),
        key=lambda g: (not g.contradiction, -len({v.article_id for v in g.values}), g.topic, g.id),
    )
    sentences = tuple(s for g in moving[:MAX_CLAIM_GROUPS] for s in _group_sentences(g, citer))
    return Section(title="Claims: changes and contradictions", sentences=sentences)


def _value_magnitude(value: ClaimValue) -> float:
    if value.value is not None:
        return float(value.value)
    return float(value.low if value.low is not None else value.high or 0.0)


def _as_claim(value: ClaimValue, unit: str | None) -> Claim:
    return Claim(
        article_id=value.article_id, start=value.start, end=value.end, text=value.text,
        value=value.value, low=value.low, high=value.high, bound=value.bound, unit=unit,
        what=value.what, claimant=value.claimant, hedge=value.hedge,
    )  # fmt: skip


def _group_sentences(group: ClaimGroup, citer: _Citer) -> list[Sentence]:
    """How the figure moved between the first and last report, then who disagrees, if anyone."""
    values = sorted(group.values, key=lambda v: (v.published or "", v.article_id, v.start))
    first, last = values[0], values[-1]
    sentences = []
    first_day, last_day = (first.published or "")[:10], (last.published or "")[:10]
    if (
        first_day
        and last_day
        and first_day != last_day
        and _value_magnitude(first) != _value_magnitude(last)
    ):
        verb = "rose" if _value_magnitude(last) > _value_magnitude(first) else "fell"
        sentences.append(
            Sentence(
                text=(
                    f"Estimates of {group.topic} {verb} from {format_claim_value(_as_claim(first, group.unit))} "
                    f"to {format_claim_value(_as_claim(last, group.unit))} between {first_day} and {last_day}."
                ),
                cites=(citer.cite("claim", first), citer.cite("claim", last)),
            )
        )
    if group.contradiction:
        distinct: dict[float, ClaimValue] = {}
        for value in values:
            distinct.setdefault(_value_magnitude(value), value)
        shown = [distinct[k] for k in sorted(distinct)][:4]
        figures = "; ".join(
            f"{format_claim_value(_as_claim(v, group.unit))} ({v.claimant or v.outlet or 'unnamed source'}, "
            f"{(v.published or 'undated')[:10]})"
            for v in shown
        )
        sentences.append(
            Sentence(
                text=f"Sources disagree on {group.topic}: {figures}.",
                cites=tuple(citer.cite("claim", v) for v in shown),
            )
        )
    return sentences


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


def _events_section(
    events: list[Event],
    places: dict[tuple[str, str], Place],
    articles: _Articles,
    citer: _Citer,
) -> Section:
    by_type: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_type[event.event_type].append(event)
    subsections = []
    for event_type in sorted(by_type, key=lambda t: (-len(by_type[t]), t)):
        ranked = sorted(
            by_type[event_type],
            key=lambda e: (
                region_of(e, places),
                _event_date(e, articles) or "",
                e.article_id,
                e.start,
            ),
        )[:MAX_EVENTS_PER_TYPE]
        sentences = tuple(
            Sentence(
                text=event_sentence(e, region_of(e, places), _event_date(e, articles)),
                cites=(citer.cite("event", e),),
            )
            for e in ranked
        )
        label = event_type.replace("_", " ").capitalize()
        subsections.append(
            Section(title=f"{label} ({len(by_type[event_type])})", sentences=sentences)
        )
    return Section(title="Key events by type and region", subsections=tuple(subsections))


def _magnitude(claim: Claim) -> float:
    if claim.value is not None:
        return float(claim.value)
    return float(claim.low if claim.low is not None else claim.high or 0.0)


def _quotes_section(quotes: list[Quote], articles: _Articles, citer: _Citer) -> Section:
    counts = Counter(q.speaker for q in quotes)
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
        if quote.speaker and quote.speaker not in chosen and quote.kind in ("direct", "mixed"):
            chosen[quote.speaker] = quote
    picked = sorted(chosen.values(), key=lambda q: (-counts[q.speaker], q.speaker or ""))[
        :MAX_QUOTES
    ]
    sentences = tuple(
        Sentence(text=_quote_sentence(q, counts[q.speaker]), cites=(citer.cite("quote", q),))
        for q in picked
    )
    return Section(title="Notable quotes", sentences=sentences)


def _quote_sentence(quote: Quote, count: int) -> str:
    said = " ".join(quote.text.strip(_QUOTE_MARKS).split())
    times = f"{count} quote{'s' if count != 1 else ''} in the window"
    return f"{quote.speaker} ({times}) said: \u201c{said}\u201d"
