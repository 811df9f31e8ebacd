"""Events of one text on the real pipeline, each checked against its span; those done, by type."""

from __future__ import annotations

from sitroom.nlp.extract import doc_to_records
from sitroom.records import Event

# Statuses of an event reported as having happened.
DONE = frozenset({"reported", "claimed"})


def events_in(
    nlp, text: str, *, published: str | None, article_id: str = "a9"
) -> tuple[Event, ...]:
    """The text's events; every one carries the article id and its span's own text."""
    events = doc_to_records(nlp(text), article_id=article_id, published=published).events
    for e in events:
        assert text[e.start : e.end] == e.text
        assert e.article_id == article_id
    return events


def done(events: tuple[Event, ...], event_type: str) -> list[Event]:
    """The events of ``event_type`` reported as done."""
    return [e for e in events if e.event_type == event_type and e.status in DONE]
