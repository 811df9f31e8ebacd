"""Derived data built once and kept on disk: the gazetteers' indexes, reused across processes.

Why: building the place gazetteer normalizes ~450,000 names (seconds) while reading the built
table back takes milliseconds, and a one-sentence ``sitroom extract`` should cost about
what loading spaCy costs. Each cached value is one ``marshal`` file (plain tuples, strings,
numbers and bytes: fast to read, and no code runs on load) under :func:`cache_dir`, named
for what it holds and the hash of everything it was built from (:func:`fingerprint`); a
changed source gives a new name, so a stale file is never read. Files are written to a
temporary name and renamed into place, so two processes starting at once both end up
with a whole file; a cache folder that cannot be written just means building in memory.

A big table of byte columns (the packed place gazetteer: ~16 MB) is kept by
:func:`cached_table` instead: the columns follow a small ``marshal`` header in one file
that is memory-mapped, so opening it reads nothing but the header, a lookup reads only the
pages it touches, and every process on the machine shares those pages (issue 13: a
one-sentence ``sitroom extract`` used to read and copy the whole table, +40 MB peak RSS).
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import mmap
import os
import struct
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

__all__ = ["CACHE_DIR_ENV", "Table", "cache_dir", "cached", "cached_table", "fingerprint"]

log = logging.getLogger(__name__)

T = TypeVar("T")
# What cached_table keeps: byte columns (read back as memoryviews of the mapped file) and
# small plain values (read back as marshal gives them).
Table = dict[str, object]

CACHE_DIR_ENV = "SITROOM_CACHE_DIR"
# First bytes of every cache file; bump when the file layout itself changes.
MAGIC = b"sitroom-cache-1\n"
# First bytes of every cache_table file; then the header's length (uint64, little-endian),
# the marshal'd header, and the columns, each starting at a multiple of COLUMN_ALIGN.
TABLE_MAGIC = b"sitroom-table-1\n"
_LENGTH = struct.Struct("<Q")
COLUMN_ALIGN = 8
# Older builds of the same cache (other source versions) are removed when a new one is
# written, once they are this old: a second installation sharing the folder may still use
# its own, and would otherwise rebuild on every start.
STALE_AFTER_S = 30 * 24 * 3600


def cache_dir() -> Path:
    """``$SITROOM_CACHE_DIR``, else ``$XDG_CACHE_HOME/sitroom``, else ``~/.cache/sitroom``."""
    if folder := os.environ.get(CACHE_DIR_ENV):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitroom"


def fingerprint(*parts: object, files: Iterable[Path] = ()) -> str:
    """Hash of ``parts`` (versions, constants) and each file's path, size and mtime.

    Name a package's own files (its ``__init__.py``, its data) rather than asking
    ``importlib.metadata`` for its version: that scans every installed distribution (~0.1 s),
    and an upgrade rewrites the files anyway.

    The Python version is always part of it: ``marshal``'s format may change between versions.
    """
    digest = hashlib.sha256()
    for part in (sys.version_info[:2], marshal.version, *parts):
        digest.update(repr(part).encode("utf-8"))
        digest.update(b"\0")
    for path in files:
        try:
            stat = path.stat()
            digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"{path}|missing".encode())
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def _read(path: Path) -> object:
    raw = path.read_bytes()
    if not raw.startswith(MAGIC):
        raise ValueError(f"{path}: not a sitroom cache file")
    return marshal.loads(raw[len(MAGIC) :])


def _write_atomically(path: Path, parts: Iterable[bytes]) -> None:
    """Write atomically: a temporary file in the same folder, then one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            for part in parts:
                out.write(part)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _aligned(offset: int) -> int:
    return -(-offset // COLUMN_ALIGN) * COLUMN_ALIGN


def _table_parts(table: Table) -> list[bytes]:
    """The file :func:`_map_table` reads: magic, header length, header, then the columns.

    Column offsets in the header count from the first column, which starts at the first
    multiple of ``COLUMN_ALIGN`` after the header; each column starts at such a multiple.
    """
    columns = {name: value for name, value in table.items() if isinstance(value, bytes)}
    spans: dict[str, tuple[int, int]] = {}
    offset = 0
    for name, column in columns.items():
        offset = _aligned(offset)
        spans[name] = (offset, len(column))
        offset += len(column)
    values = {name: value for name, value in table.items() if name not in columns}
    header = marshal.dumps({"values": values, "columns": spans})
    head = len(TABLE_MAGIC) + _LENGTH.size + len(header)
    parts = [TABLE_MAGIC, _LENGTH.pack(len(header)), header, bytes(_aligned(head) - head)]
    written = 0
    for name, column in columns.items():
        parts += [bytes(spans[name][0] - written), column]
        written = spans[name][0] + len(column)
    return parts


def _map_table(path: Path) -> Table:
    """The table in ``path``: its byte columns are memoryviews of the mapped file."""
    with path.open("rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    view = memoryview(mapped)
    start = len(TABLE_MAGIC) + _LENGTH.size
    if len(view) < start or view[: len(TABLE_MAGIC)] != TABLE_MAGIC:
        raise ValueError(f"{path}: not a sitroom table file")
    (length,) = _LENGTH.unpack_from(view, len(TABLE_MAGIC))
    header = marshal.loads(view[start : start + length])
    first = _aligned(start + length)
    table: Table = dict(header["values"])
    for name, (offset, size) in header["columns"].items():
        if first + offset + size > len(view):
            raise ValueError(f"{path}: truncated")
        table[name] = view[first + offset : first + offset + size]
    return table


def _prune(folder: Path, name: str, keep: Path) -> None:
    """Remove ``name``'s other builds older than ``STALE_AFTER_S``, of either file kind (the
    place table was a ``.marshal`` file before it was mapped)."""
    cutoff = time.time() - STALE_AFTER_S
    stale = [*folder.glob(f"{name}-*.marshal"), *folder.glob(f"{name}-*.table")]
    for old in stale:
        try:
            if old != keep and old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass


def cached(name: str, key: str, build: Callable[[], T], *, folder: Path | None = None) -> T:
    """The value ``build()`` returns, read from ``folder/name-key.marshal`` when it is there.

    ``build`` must return what ``marshal`` can write (tuples, lists, dicts, str, bytes,
    numbers, None). A missing, truncated or foreign file is rebuilt and rewritten; when the
    folder cannot be written the built value is returned all the same.
    """
    folder = cache_dir() if folder is None else folder
    path = folder / f"{name}-{key}.marshal"
    try:
        value: T = _read(path)  # type: ignore[assignment]
        return value
    except FileNotFoundError:
        pass
    except (OSError, EOFError, ValueError, TypeError) as e:
        log.warning("rebuilding unreadable cache file %s (%s)", path, e)
    value = build()
    try:
        # typeshed's _Marshallable is private
        _write_atomically(path, [MAGIC, marshal.dumps(value)])  # type: ignore[arg-type]
        _prune(folder, name, path)
    except OSError as e:
        log.info("cache folder %s not writable (%s); %s built in memory only", folder, e, name)
    return value


def cached_table(
    name: str, key: str, build: Callable[[], Table], *, folder: Path | None = None
) -> Table:
    """The table ``build()`` returns, mapped from ``folder/name-key.table`` when it is there.

    Like :func:`cached`, for a dict of named columns: its ``bytes`` values come back as
    read-only ``memoryview`` objects over the memory-mapped file (as the built ``bytes``
    only when the folder cannot be written), its other values as ``marshal`` gives them.
    """
    folder = cache_dir() if folder is None else folder
    path = folder / f"{name}-{key}.table"
    try:
        return _map_table(path)
    except FileNotFoundError:
        pass
    except (OSError, EOFError, ValueError, TypeError, KeyError, struct.error) as e:
        log.warning("rebuilding unreadable cache file %s (%s)", path, e)
    table = build()
    try:
        _write_atomically(path, _table_parts(table))
        _prune(folder, name, path)
    except OSError as e:
        log.info("cache folder %s not writable (%s); %s built in memory only", folder, e, name)
        return table
    return _map_table(path)  # the same types as every later start, and the built copy freed
