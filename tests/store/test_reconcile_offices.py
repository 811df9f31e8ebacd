"""A surname two people share, told apart by the office its article writes (issue 10), on
both backends: the graph edge goes to the one person of that office, and when a later
article makes the office ambiguous, the incremental reconcile moves the edge back as a
full one does. Records are written here with exact spans (no spaCy)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitroom.reconcile import get_graph, reconcile_store
from sitroom.records import Article, Event, Extraction, Mention
from sitroom.store import Store, open_store
from tests.store.store_helpers import build_article

pytestmark = pytest.mark.issue(10)


def _save(
    db: Store,
    text: str,
    people: list[tuple[str, str, str | None]],
    event: tuple[str, str, str] | None = None,
) -> Article:
    """One article: PERSON mentions (text as written, entity, role) and maybe one event
    (its sentence, actor, target)."""  # fmt: skip
    article = build_article(None, [text], published="2025-05-02", outlet="Ledger")
    mentions = []
    for written, entity, role in people:
        start = article.text.index(written)
        mentions.append(
            Mention(article_id=article.id, start=start, end=start + len(written), text=written,
                    label="PERSON", entity=entity, role=role)
        )  # fmt: skip
    events = []
    if event is not None:
        sentence, actor, target = event
        start = article.text.index(sentence)
        events.append(
            Event(article_id=article.id, start=start, end=start + len(sentence), text=sentence,
                  event_type="threat", plover="THREATEN", actor=actor, target=target,
                  date="2025-05-02", status="reported")
        )  # fmt: skip
    db.save_articles([article])
    db.save_extraction(
        Extraction(article_id=article.id, mentions=tuple(mentions), events=tuple(events)),
        pipeline_version="test",
    )
    for m in mentions:
        assert article.text[m.start : m.end] == m.text
    return article


def _edges(db: Store) -> set[tuple[str, str, str]]:
    return {(e.source, e.relation, e.target) for e in get_graph(db).edges}


def test_a_titled_surname_joins_the_one_person_of_that_office(
    new_target: Callable[[], str],
) -> None:
    with open_store(new_target()) as db:
        _save(db, "Vice President Nadia Okoro flew in.", [("Nadia Okoro", "Nadia Okoro",
              "Vice President")], ("Nadia Okoro flew in.", "Nadia Okoro", "Moldova"))  # fmt: skip
        _save(db, "Felix Okoro, a surgeon, spoke.", [("Felix Okoro", "Felix Okoro", "surgeon")],
              ("Felix Okoro, a surgeon, spoke.", "Felix Okoro", "Moldova"))  # fmt: skip
        warned = _save(
            db,
            "Vice President Okoro warned Moldova on Friday.",
            [("Okoro", "Okoro", "Vice President")],
            ("Okoro warned Moldova on Friday.", "Okoro", "Moldova"),
        )
        reconcile_store(db)
        assert ("Nadia Okoro", "threatens", "Moldova") in _edges(db)
        assert "Okoro" not in {s for s, _, _ in _edges(db)}
        [event] = [e for e in db.load_event_rows() if e.article_id == warned.id]
        assert event.actor == "Okoro"  # the record keeps the text's own name
        # A later article makes Felix Okoro a vice president too: which one is not said.
        _save(db, "Vice President Felix Okoro resigned.",
              [("Felix Okoro", "Felix Okoro", "Vice President")])  # fmt: skip
        reconcile_store(db, if_stale=True)
        incremental = _edges(db)
        assert ("Okoro", "threatens", "Moldova") in incremental
        reconcile_store(db, full=True)
        assert _edges(db) == incremental
