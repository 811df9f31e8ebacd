"""Incremental reconcile (issue 13) gives what a full reconcile gives, on both backends.

Articles are ingested in random chunks, some re-extracted with other records (their old
events and claims go), and the store is reconciled after each chunk; the clusters, claim
groups, graph edges and actor names must then equal those of one full reconcile. The
records are written here with exact spans (no spaCy), from names chosen to move the actor
index: a surname before and after its full name, a capital, a place as a target.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from sitroom.reconcile import reconcile_store
from sitroom.records import Article, Claim, Event, Extraction, Place, Quote
from sitroom.store import Store
from tests.store.store_helpers import build_article

ACTORS = (None, "Russia", "Moscow", "Mr Sirko", "Ukraine", "Kyiv", "Belarus")
TARGETS = (None, "Ukraine", "Russia", "Velykyi Brid", "Belarus")
# From article LATE on, "Mr Sirko" gets a full name and "Velykyi Brid" becomes a known place:
# both change what earlier events' names resolve to.
LATE = 30
PLACES = (None, "Velykyi Brid", "Hlynske", "Ozerne")
TYPES = ("strike", "strike", "aid", "sanction")
STATUSES = ("reported", "reported", "claimed", "threatened")
WHATS = ("troops", "Belarusian troops", "Belarusian soldiers near Ozerne", "drones", "tanks")
SPEAKERS = ("Mr Sirko", "Halyna Bondar")
FIRST = date(2025, 1, 20)  # chunks straddle the January-February and February-March edges


def _article(rng: random.Random, n: int) -> tuple[Article, Extraction]:
    """Article ``n``: a few made-up sentences, each one an event, claim, quote or place."""
    day = FIRST + timedelta(days=rng.randrange(50))
    actors = (*ACTORS, "Taras Sirko") if n >= LATE else ACTORS
    sentences: list[tuple[str, str]] = []
    for i in range(rng.randint(1, 3)):
        actor, place = rng.choice(actors), rng.choice(PLACES)
        sentences.append(
            ("event", f"Report {n}.{i}: {actor or 'Someone'} acted at {place or 'a village'}.")
        )
    for i in range(rng.randint(0, 2)):
        what = rng.choice(WHATS)
        sentences.append(
            ("claim", f"Count {n}.{i}: {rng.choice((900, 1000, 4000, 12000))} {what} were seen.")
        )
    sentences.append(("quote", f"\u201cWe hold line {n},\u201d said {rng.choice(SPEAKERS)}."))
    if n >= LATE and rng.random() < 0.3:
        sentences.append(("place", "Velykyi Brid lies on the river."))
    text = " ".join(s for _, s in sentences)
    article = build_article(
        f"Dispatch {n}", [text], published=day.isoformat(), outlet=rng.choice(("Wire", "Ledger"))
    )
    aid, text = article.id, article.text
    events, claims, quotes, places = [], [], [], []
    at = 0
    for kind, sentence in sentences:
        start = text.index(sentence, at)
        end, at = start + len(sentence), start + len(sentence)
        if kind == "event":
            when = rng.choice((day, day - timedelta(days=1), None))
            events.append(
                Event(article_id=aid, start=start, end=end, text=sentence, event_type=rng.choice(TYPES),
                      plover="ASSAULT", actor=rng.choice(actors), target=rng.choice(TARGETS),
                      place=rng.choice(PLACES), date=when.isoformat() if when else None,
                      status=rng.choice(STATUSES))
            )  # fmt: skip
        elif kind == "claim":
            number, _, rest = sentence.partition(": ")[2].partition(" ")
            what = rest.removesuffix(" were seen.")
            c0 = text.index(number, start)
            claims.append(
                Claim(article_id=aid, start=c0, end=c0 + len(number) + 1 + len(what),
                      text=f"{number} {what}", value=float(number), what=what,
                      claimant=rng.choice((None, "Taras Sirko")))
            )  # fmt: skip
        elif kind == "quote":
            speaker = sentence.rsplit("said ", 1)[1].rstrip(".")
            q1 = sentence.index("\u201d") + 1
            s0 = text.index(speaker, start)
            quotes.append(
                Quote(article_id=aid, start=start, end=start + q1, text=sentence[:q1], kind="direct",
                      speaker=speaker, speaker_text=speaker, speaker_start=s0,
                      speaker_end=s0 + len(speaker), speaker_kind="person", cue="said")
            )  # fmt: skip
        else:
            places.append(
                Place(article_id=aid, start=start, end=start + 12, text="Velykyi Brid",
                      name="Velykyi Brid", kind="village", country="UA", lat=46.6, lon=32.9)
            )  # fmt: skip
    extraction = Extraction(
        article_id=aid,
        events=tuple(events),
        claims=tuple(claims),
        quotes=tuple(quotes),
        places=tuple(places),
    )
    return article, extraction


def _state(db: Store) -> dict[str, object]:
    return {
        "clusters": sorted(db.read_event_clusters(limit=10_000), key=lambda c: c.id),
        "groups": sorted(db.read_claim_groups(), key=lambda g: g.id),
        "edges": db.read_graph_edges(),
        "actor_names": db.read_actor_names(),
        "target_names": db.read_target_names(),
    }


@pytest.mark.issue(13)
@pytest.mark.parametrize("seed", range(3))
def test_incremental_reconcile_equals_a_full_one(
    seed: int, new_target: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitroom.store import open_store

    rng = random.Random(seed)
    made = [_article(rng, n) for n in range(60)]
    with open_store(new_target()) as db:
        reconcile_store(db)  # an empty store, reconciled in full: later ones are incremental
        # An incremental reconcile never reads every event or claim.
        for name in ("load_event_rows", "load_claim_rows"):
            real = getattr(db, name)

            def guarded(
                *args: object, _real: Callable[..., object] = real, **kwargs: object
            ) -> object:
                assert kwargs, "an incremental reconcile read the whole store"
                return _real(*args, **kwargs)

            monkeypatch.setattr(db, name, guarded)
        saved: list[Extraction] = []
        while made:
            size = rng.randint(1, 12)
            chunk, made = made[:size], made[size:]
            for article, extraction in chunk:
                db.save_articles([article])
                db.save_extraction(extraction, pipeline_version="test")
                saved.append(extraction)
            if saved and rng.random() < 0.5:  # re-extract an earlier article: fewer records
                old = rng.choice(saved)
                db.save_extraction(
                    Extraction(
                        article_id=old.article_id, events=old.events[1:], claims=old.claims[:1]
                    ),
                    pipeline_version="test-again",
                )
            report = reconcile_store(db, if_stale=True)
            assert report is not None
        assert reconcile_store(db, if_stale=True) is None
        incremental = _state(db)
        monkeypatch.undo()
        # The name counts kept by save_extraction are those of the stored records.
        events = Counter(n for e in db.load_event_rows() for n in (e.actor, e.target) if n)
        speakers = Counter[str]()
        for s in db.load_speaker_counts():
            speakers[s.speaker] += s.quotes
        assert db.name_counts() == {"event": dict(events), "speaker": dict(speakers)}
        reconcile_store(db, full=True)
        assert _state(db) == incremental
        # Not a vacuous comparison: the chunks made clusters of several reports and edges.
        assert any(len(c.reports) > 1 for c in incremental["clusters"])  # type: ignore[attr-defined]
        assert incremental["edges"] and incremental["actor_names"]
