"""Write events out as JSON Lines, CSV, ACLED-style CSV or PLOVER JSON.

CSV choices (so files open cleanly in a spreadsheet): UTF-8 with a byte-order mark (Excel
otherwise reads UTF-8 as the local code page), every field quoted (``csv.QUOTE_ALL``),
CRLF line ends (RFC 4180), and formula injection neutralized: a cell that starts with
= + - @ tab or CR gets a leading apostrophe (OWASP "CSV injection" advice), because
article text is untrusted. Numbers are written as numbers, never prefixed.

Every format carries ``corroboration`` per event: the independent sources of the event's
stored cluster (``reconcile.sources.independent_sources``, as ``sitroom events`` shows it),
blank (null) where the event is in no stored cluster. JSON Lines and CSV also carry the
event's ``confidence`` (the last CSV column).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, fields
from typing import IO, Any

from sitroom.records.reconciled import EventRow

__all__ = ["ACLED_COLUMNS", "CSV_COLUMNS", "FORMATS", "export_events", "safe_cell"]

FORMATS = ("jsonl", "csv", "acled", "plover")
# Every field of a stored event, in EventRow's order (weapons joined by "; ", quantities as
# JSON), then its cluster's corroboration, then its confidence (a later column, appended so
# the earlier ones keep their places).
APPENDED = ("corroboration", "confidence")
CSV_COLUMNS = (*(f.name for f in fields(EventRow) if f.name not in APPENDED), *APPENDED)
# ACLED's export columns (ACLED Codebook, "Data columns"), those sitroom can fill; the rest are
# blank. Then sitroom's corroboration, last so ACLED's own columns keep their order.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    "corroboration",
)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# ACLED's disorder types by event type (Codebook 2023).
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# ACLED time_precision: 1 = day, 2 = week/few days, 3 = month.
TIME_PRECISION = {"day": 1, "publication": 2, "week": 2, "month": 3}


def safe_cell(value: Any) -> Any:
    """Neutralize spreadsheet formulas in text cells; leave numbers and None alone."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_writer(out: IO[str]) -> Any:
    return csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")


def _flat(row: EventRow, corroboration: int | None) -> dict[str, Any]:
    data = {**asdict(row), "corroboration": corroboration}
    data["weapons"] = "; ".join(row.weapons)
    data["quantities"] = json.dumps(dict(row.quantities), ensure_ascii=False)
    return data


def _precision(row: EventRow) -> int:
    if row.date and row.date == row.published:
        return TIME_PRECISION["publication"]
    return 1 if row.date and len(row.date) >= 10 else 3


def _acled_row(
    row: EventRow,
    places: Mapping[str, tuple[str | None, float | None, float | None]],
    corroboration: int | None,
) -> list[Any]:
    country, lat, lon = places.get(row.place or "", (None, None, None))
    q = dict(row.quantities)
    values: dict[str, Any] = {
        "event_id_cnty": f"SR{row.id}",
        "event_date": row.date or row.published or "",
        "year": (row.date or row.published or "")[:4],
        "time_precision": _precision(row),
        "disorder_type": DISORDER.get(row.acled_event_type or "", ""),
        "event_type": row.acled_event_type,
        "sub_event_type": row.acled_sub_event_type,
        "actor1": row.actor or "",
        "actor2": row.target or "",
        "iso": country or "",
        "location": row.place or "",
        "latitude": lat if lat is not None else "",
        "longitude": lon if lon is not None else "",
        "geo_precision": 1 if lat is not None else "",
        "source": row.outlet or row.claimant or "",
        "notes": row.text,
        "fatalities": int(q.get("killed", 0)),
        "tags": row.status if row.status != "reported" else "",
        "corroboration": "" if corroboration is None else corroboration,
    }
    return [safe_cell(values.get(c, "")) for c in ACLED_COLUMNS]


def _plover(row: EventRow, corroboration: int | None) -> dict[str, Any]:
    # PLOVER/POLECAT event JSON: event_type, mode, context, actors, date, location, and the
    # source sentence (Halterman et al. 2023, "PLOVER and POLECAT").
    return {
        "id": f"sitroom-{row.id}",
        "date": row.date,
        "event_type": row.plover,
        "mode": row.event_type,
        "context": [row.status] if row.status != "reported" else [],
        "actor": row.actor,
        "recipient": row.target,
        "location": row.place,
        "source_sentence": row.text,
        "article_id": row.article_id,
        "span": [row.start, row.end],
        "attribution": row.claimant,
        "quantities": dict(row.quantities),
        "corroboration": corroboration,
    }


def export_events(
    rows: Iterable[EventRow],
    out: IO[str],
    *,
    format: str,
    places: Mapping[str, tuple[str | None, float | None, float | None]] | None = None,
    corroboration: Mapping[int, int] | None = None,
) -> int:
    """Write ``rows`` to ``out`` in ``format``; return the number of events written.

    ``places`` maps a place name to (country, lat, lon) for the ACLED columns;
    ``corroboration`` an event id to its cluster's independent sources
    (``Store.read_event_corroboration``; an event missing from it gets a blank). ACLED's
    export leaves out event types ACLED does not code (votes, meetings, threats...).

    Raises:
        ValueError: an unknown format.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    rows = list(rows)
    sources = corroboration or {}
    if format == "jsonl":
        for row in rows:
            data = {**asdict(row), "corroboration": sources.get(row.id)}
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
        return len(rows)
    if format == "plover":
        plover = [_plover(r, sources.get(r.id)) for r in rows]
        json.dump(plover, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return len(rows)
    out.write("\ufeff")
    writer = _csv_writer(out)
    if format == "csv":
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            flat = _flat(row, sources.get(row.id))
            writer.writerow([safe_cell(flat[c]) for c in CSV_COLUMNS])
        return len(rows)
    coded = [r for r in rows if r.acled_event_type]
    writer.writerow(ACLED_COLUMNS)
    for row in coded:
        writer.writerow(_acled_row(row, places or {}, sources.get(row.id)))
    return len(coded)
