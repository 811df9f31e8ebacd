"""Sidecar index: a CSV or JSON Lines file giving each input file's outlet, URL, date and title.

Collections of bare text files often come with such a table (the realnews benchmark's
``index.csv``: ``file,gdelt_seendate_utc,country,outlet_set,...``). Columns are matched by
name, first match wins:

========== ===========================================================
field      columns
========== ===========================================================
file       ``file``, ``name``, ``filename``, ``path``
outlet     ``outlet``, ``source``, ``site``, else ``outlet_set`` (kept verbatim,
           e.g. ``bbc.co.uk|theguardian.com``: the outlet is one of those)
url        ``url``, ``link``
published  ``published``, ``date``, ``published_date``, else ``gdelt_seendate_utc``
           (``20220125T090000Z``); any ISO or RFC 822 date
title      ``title``, ``headline``
========== ===========================================================

An entry applies to the file whose name (or path as given) equals its ``file``. It fills
what the input itself lacks: the input's own metadata wins, the index beats the
``--outlet``/``--published`` options, and its title replaces a derived one.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sitroom.errors import IngestError
from sitroom.readers.build import scrub
from sitroom.readers.decode import decode_bytes
from sitroom.readers.pubdate import normalize_date

__all__ = ["COLUMNS", "IndexEntry", "load_index", "lookup"]

# Field -> accepted column names, in order of preference (see the module docstring).
COLUMNS: Mapping[str, tuple[str, ...]] = {
    "file": ("file", "name", "filename", "path"),
    "outlet": ("outlet", "source", "site", "outlet_set"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_date", "gdelt_seendate_utc"),
    "title": ("title", "headline"),
}
# An index is a small table; refuse anything that is clearly not one.
MAX_INDEX_BYTES = 64 * 1024 * 1024
# GDELT's compact timestamp: 20220125T090000Z or 20220125090000.
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?\d{6}Z?)?$")


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexEntry:
    """What the index says about one input file."""

    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date
    title: str | None = None


def _field(row: Mapping[str, object], field: str) -> str | None:
    for column in COLUMNS[field]:
        value = row.get(column)
        if value is not None and str(value).strip():
            return scrub(str(value).strip())
    return None


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    compact = _COMPACT.match(value)
    return normalize_date("-".join(compact.groups()) if compact else value)


def _rows(text: str, *, name: str) -> list[dict[str, object]]:
    first = next((line for line in text.split("\n") if line.strip()), "")
    if first.lstrip().startswith("{"):
        rows: list[dict[str, object]] = []
        for line_no, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as e:
                raise IngestError(f"{name}: line {line_no}: invalid JSON in the index") from e
            if not isinstance(row, dict):
                raise IngestError(f"{name}: line {line_no}: not a JSON object in the index")
            rows.append({str(k).lower(): v for k, v in row.items()})
        return rows
    reader = csv.DictReader(io.StringIO(text))
    return [{(k or "").strip().lower(): v for k, v in row.items()} for row in reader]


def load_index(path: Path) -> dict[str, IndexEntry]:
    """Read a CSV or JSON Lines index into ``{file name: IndexEntry}``.

    Raises:
        IngestError: missing or unreadable, too large, or without a ``file`` column.
    """
    name = str(path)
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_INDEX_BYTES else None
    except OSError as e:
        raise IngestError(f"{name}: cannot read the index: {e.strerror or e}") from e
    if raw is None:
        raise IngestError(f"{name}: index over the {MAX_INDEX_BYTES // (1024 * 1024)} MB limit")
    try:
        rows = _rows(decode_bytes(raw, name=name).lstrip("\ufeff"), name=name)
    except csv.Error as e:
        raise IngestError(f"{name}: invalid CSV in the index ({e})") from e
    if rows and not any(_field(row, "file") for row in rows):
        expected = ", ".join(COLUMNS["file"])
        raise IngestError(f"{name}: the index has no file column (one of {expected})")
    return {
        file: IndexEntry(
            outlet=_field(row, "outlet"),
            url=_field(row, "url"),
            published=_date(_field(row, "published")),
            title=_field(row, "title"),
        )
        for row in rows
        if (file := _field(row, "file"))
    }


def lookup(index: Mapping[str, IndexEntry], path: Path) -> IndexEntry | None:
    """The entry for ``path``: by the path as given, else by its file name."""
    return index.get(str(path)) or index.get(path.name)
