"""The ``sitroom extract`` JSON Lines contract: one flat record per line.

Every line has ``doc`` (the input id or article index), ``type``, ``start``, ``end`` and
``text``; then per type the fields documented in the README ("Output contract"). Keep
these names stable: scripts downstream depend on them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sitroom.records import Extraction

__all__ = ["CONTRACT_FIELDS", "extraction_rows"]

CONTRACT_FIELDS: dict[str, tuple[str, ...]] = {
    "mention": ("label", "entity"),
    "quote": ("kind", "speaker", "speaker_text", "speaker_start", "speaker_end", "cue"),
    "claim": ("value", "low", "high", "bound", "unit", "what", "claimant", "hedge"),
    "timex": ("timex_type", "value", "anchored"),
    "place": ("name", "kind", "country", "admin1", "lat", "lon", "geonames_id"),
    "event": (
        "event_type",
        "plover",
        "acled_event_type",
        "acled_sub_event_type",
        "actor",
        "target",
        "place",
        "date",
        "status",
        "quantities",
        "claimant",
    ),
}

_GROUPS = (
    ("mention", "mentions"),
    ("quote", "quotes"),
    ("claim", "claims"),
    ("timex", "timexes"),
    ("place", "places"),
    ("event", "events"),
)


def _value(obj: Any) -> Any:
    return list(obj) if isinstance(obj, tuple) else obj


def extraction_rows(extraction: Extraction, *, doc: str | int) -> Iterator[dict[str, Any]]:
    """Yield the contract rows for one document's records, in text order within each type."""
    for kind, attr in _GROUPS:
        records = sorted(getattr(extraction, attr), key=lambda r: (r.start, r.end))
        for record in records:
            row: dict[str, Any] = {
                "doc": doc,
                "type": kind,
                "start": record.start,
                "end": record.end,
                "text": record.text,
            }
            row.update({name: _value(getattr(record, name)) for name in CONTRACT_FIELDS[kind]})
            if kind == "event":
                row["weapons"] = list(record.weapons)
                row["date_precision"] = record.date_precision
                row["confidence"] = record.confidence
                row["evidence"] = [{"start": s, "end": e} for s, e in record.evidence]
            if kind == "timex":
                row["granularity"] = record.granularity
            if kind == "quote":
                row["speaker_kind"] = record.speaker_kind
            if kind == "mention":
                row["role"] = record.role
            yield row
