"""The ``sitroom extract`` JSON Lines contract: one flat record per line.

Every line has ``doc`` (the input id or article index), ``type``, ``start``, ``end`` and
``text``; then per type the record's own fields (``sitroom.records``, in their order, less
``CONTRACT_EXCLUDED``), as documented in the README ("Output contract"). Keep these names
stable: scripts downstream depend on them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from typing import Any

from sitroom.records import Claim, Event, Extraction, Mention, Place, Quote, Timex

__all__ = ["CONTRACT_EXCLUDED", "CONTRACT_FIELDS", "RECORD_TYPES", "extraction_rows"]

# The record type behind each row type, and the Extraction attribute holding them.
RECORD_TYPES: dict[str, tuple[type, str]] = {
    "mention": (Mention, "mentions"),
    "quote": (Quote, "quotes"),
    "claim": (Claim, "claims"),
    "timex": (Timex, "timexes"),
    "place": (Place, "places"),
    "event": (Event, "events"),
}
# Fields every row starts with (``doc`` and ``type`` come first); ``article_id`` is ``doc``.
_COMMON = ("article_id", "start", "end", "text")
# Record fields left out of the contract, by row type. ``trigger`` (the word that names an
# event) was never part of the documented contract (README, "Output contract").
CONTRACT_EXCLUDED: dict[str, frozenset[str]] = {"event": frozenset({"trigger"})}

# Per row type, the fields after the common ones: the record's own, in its order.
CONTRACT_FIELDS: dict[str, tuple[str, ...]] = {
    kind: tuple(
        f.name
        for f in fields(record)
        if f.name not in _COMMON and f.name not in CONTRACT_EXCLUDED.get(kind, frozenset())
    )
    for kind, (record, _) in RECORD_TYPES.items()
}


def _value(name: str, obj: Any) -> Any:
    if name == "evidence":  # every sentence reporting the event: [{"start", "end"}, ...]
        return [{"start": start, "end": end} for start, end in obj]
    return list(obj) if isinstance(obj, tuple) else obj


def extraction_rows(extraction: Extraction, *, doc: str | int) -> Iterator[dict[str, Any]]:
    """Yield the contract rows for one document's records, in text order within each type."""
    for kind, (_, attr) in RECORD_TYPES.items():
        records = sorted(getattr(extraction, attr), key=lambda r: (r.start, r.end))
        for record in records:
            row: dict[str, Any] = {
                "doc": doc,
                "type": kind,
                "start": record.start,
                "end": record.end,
                "text": record.text,
            }
            row.update(
                {name: _value(name, getattr(record, name)) for name in CONTRACT_FIELDS[kind]}
            )
            yield row
