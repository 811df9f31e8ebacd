"""Derived data built once and kept on disk: the gazetteers' indexes, reused across processes.

Why: building the place gazetteer normalizes ~450,000 names (seconds) while reading the built
table back takes milliseconds, and a one-sentence ``sitroom extract`` should cost about
what loading spaCy costs. Each cached value is one ``marshal`` file (plain tuples, strings,
numbers and bytes: fast to read, and no code runs on load) under :func:`cache_dir`, named
for what it holds and the hash of everything it was built from (:func:`fingerprint`); a
changed source gives a new name, so a stale file is never read. Files are written to a
temporary name and renamed into place, so two processes starting at once both end up
with a whole file; a cache folder that cannot be written just means building in memory.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

__all__ = ["CACHE_DIR_ENV", "cache_dir", "cached", "fingerprint"]

log = logging.getLogger(__name__)

T = TypeVar("T")

CACHE_DIR_ENV = "SITROOM_CACHE_DIR"
# First bytes of every cache file; bump when the file layout itself changes.
MAGIC = b"sitroom-cache-1\n"
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


def _write(path: Path, value: object) -> None:
    """Write atomically: a temporary file in the same folder, then one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC)
            marshal.dump(value, out)  # type: ignore[arg-type]  # typeshed's _Marshallable is private
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _prune(folder: Path, name: str, keep: Path) -> None:
    cutoff = time.time() - STALE_AFTER_S
    for old in folder.glob(f"{name}-*.marshal"):
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
        _write(path, value)
        _prune(folder, name, path)
    except OSError as e:
        log.info("cache folder %s not writable (%s); %s built in memory only", folder, e, name)
    return value
