"""Typed events: triggers, directed roles, place, date, status, confidence; one per happening."""

from sitroom.nlp.events.confidence import CONFIDENT

__all__ = ["CONFIDENT"]
