"""Remember aggregated views until the database file changes.

Why: the store's listings sort every row of a record table (58,000 events in the 10,000
article benchmark) before taking the newest, ~50-100 ms each; pages that aggregate
several of them (overview, map, claim groups, graph) would miss the 200 ms target.
Any commit rewrites the SQLite file or its write-ahead log, so their size and mtime
(no SQL needed) tell when a remembered view may be stale.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["memo", "store_fingerprint"]

T = TypeVar("T")

# Views remembered per process; an entry is one page's data (kilobytes), so this stays small.
MAX_ENTRIES = 256

_entries: dict[tuple[str, Hashable], tuple[tuple[int, ...], Any]] = {}
_lock = threading.Lock()


def store_fingerprint(path: str) -> tuple[int, ...] | None:
    """Size and mtime of the database file and its WAL; None for in-memory stores."""
    if path == ":memory:":
        return None
    parts: list[int] = []
    for name in (path, path + "-wal"):
        try:
            info = os.stat(name)
        except FileNotFoundError:
            parts += [0, 0]
            continue
        parts += [info.st_size, info.st_mtime_ns]
    return tuple(parts)


def memo(path: str, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its remembered value if the store at ``path`` has not changed since."""
    fingerprint = store_fingerprint(path)
    if fingerprint is None:
        return compute()
    with _lock:
        found = _entries.get((path, key))
    if found is not None and found[0] == fingerprint:
        value: T = found[1]
        return value
    value = compute()
    with _lock:
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[(path, key)] = (fingerprint, value)
    return value
