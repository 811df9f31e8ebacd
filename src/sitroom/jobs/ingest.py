"""Ingest many inputs into the store: read, dedup, link, optionally extract, one transaction per input.

Why one transaction per input: a kill -9 at any moment leaves only whole inputs behind,
and because an input whose bytes (sha256) are already recorded is skipped, a resumed run
converges on the same store as one clean run, with nothing doubled.
"""

from __future__ import annotations

import hashlib
import logging
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.config import Settings
from sitroom.errors import IngestError
from sitroom.records import Article, Extraction, Failure, IngestReport

if TYPE_CHECKING:
    from sitroom.readers.index import IndexEntry
    from sitroom.readers.result import ReadResult
    from sitroom.store.connection import Store

__all__ = ["Extractor", "Progress", "Reader", "ingest"]

log = logging.getLogger(__name__)

Extractor = Callable[[Iterable[Article]], Iterable[Extraction]]
Reader = Callable[[Path], "ReadResult"]
Progress = Callable[[int, int, Path], None]  # (inputs done, inputs in all, the input just done)

# Version recorded on extracted records when the extractor does not say which it is.
UNVERSIONED = "unversioned"


@dataclass(slots=True)
class _Tally:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failed: int = 0
    links: int = 0
    failures: list[Failure] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)

    def report(self) -> IngestReport:
        return IngestReport(
            read=self.read,
            new=self.new,
            duplicate=self.duplicate,
            near_duplicate=self.near_duplicate,
            failed=self.failed,
            links=self.links,
            failures=tuple(self.failures),
            article_ids=tuple(self.article_ids),
        )


def _sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


# The store's own files: walking the folder that holds the database must not "ingest" it.
_STORE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _expand(paths: Iterable[Path | str], *, store_path: str | None = None) -> list[Path]:
    """Files to read, directories walked deterministically; missing paths kept (they fail).

    The database being written (and its WAL/SHM/journal files) is skipped.
    """
    from sitroom.readers import iter_input_paths

    own: set[Path] = set()
    if store_path and store_path != ":memory:":
        own = {Path(store_path + suffix).resolve() for suffix in _STORE_SUFFIXES}
    return [p for p in iter_input_paths([Path(p) for p in paths]) if p.resolve() not in own]


def _fingerprint(path: Path, max_bytes: int) -> tuple[str | None, int | None]:
    """sha256 and size of a regular file within the size limit, else (None, size).

    Pipes, devices and oversized files are not hashed (a FIFO would block, a huge file
    would be read for nothing): the reader then refuses them with its own message.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None, info.st_size
        return _sha256(path), info.st_size
    except OSError:
        return None, None


def _default_reader(
    settings: Settings,
    fmt: str | None,
    published: str | None,
    outlet: str | None,
    index: Mapping[str, IndexEntry] | None = None,
) -> Reader:
    from sitroom.readers import limits_from, read_path

    def read(path: Path) -> ReadResult:
        return read_path(
            path,
            fmt=fmt,
            published=published,
            outlet=outlet,
            index=index,
            limits=limits_from(settings),
        )

    return read


def _fail(
    db: Store,
    tally: _Tally,
    path: Path,
    *,
    stage: str,
    message: str,
    sha256: str | None,
    size: int | None,
    fmt: str | None = None,
) -> None:
    from sitroom.store.articles import record_source

    log.info("%s failed at %s: %s", path, stage, message)
    record_source(
        db, path=str(path), fmt=fmt, sha256=sha256, size=size, status="failed", error=message
    )
    tally.failed += 1
    tally.failures.append(Failure(source=str(path), stage=stage, message=message))


def _describe(e: BaseException) -> str:
    return str(e) if isinstance(e, IngestError) else f"{type(e).__name__}: {e}"


def _ingest_one(
    db: Store,
    path: Path,
    tally: _Tally,
    *,
    read: Reader,
    extract: Extractor | None,
    pipeline_version: str,
    max_bytes: int,
) -> None:
    from sitroom.store.articles import find_source, record_source, save_articles, save_links
    from sitroom.store.extraction import save_extraction

    sha256, size = _fingerprint(path, max_bytes)
    known = find_source(db, sha256) if sha256 else None
    if known is not None and known.status != "failed":
        tally.read += 1
        tally.duplicate += known.article_count
        return
    try:
        result = read(path)
    except Exception as e:  # noqa: BLE001 - a bad input is recorded and the batch goes on
        _fail(db, tally, path, stage="read", message=_describe(e), sha256=sha256, size=size)
        return
    stage = "store"
    try:
        with db.transaction():
            source_id = record_source(
                db,
                path=str(path),
                fmt=result.format,
                sha256=sha256,
                size=size,
                status="partial" if result.skipped else "ok",
                error="; ".join(result.skipped) or None,
                article_count=len(result.articles),
            )
            saved = save_articles(db, result.articles, source_id=source_id)
            links = save_links(db, result.links, source_id=source_id)
            if extract is not None and saved.articles:
                stage = "extract"
                for extraction in extract(saved.articles):
                    save_extraction(db, extraction, pipeline_version=pipeline_version)
    except Exception as e:  # noqa: BLE001 - the input's transaction rolled back whole
        _fail(
            db,
            tally,
            path,
            stage=stage,
            message=_describe(e),
            sha256=sha256,
            size=size,
            fmt=result.format,
        )
        return
    tally.read += 1
    tally.new += len(saved.new) - len(saved.near_duplicate)
    tally.near_duplicate += len(saved.near_duplicate)
    tally.duplicate += len(saved.duplicate)
    tally.links += links
    tally.article_ids += saved.new
    tally.failures += [Failure(source=str(path), stage="read", message=m) for m in result.skipped]


def _open(db: Store | str | Path | None, settings: Settings) -> tuple[Store, bool]:
    from sitroom.store.connection import Store, open_store

    if isinstance(db, Store):
        return db, False
    return open_store(db if db is not None else settings.db_path, settings=settings), True


def ingest(
    paths: Iterable[Path | str],
    *,
    db: Store | str | Path | None = None,
    settings: Settings | None = None,
    fmt: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    extract: Extractor | None = None,
    pipeline_version: str | None = None,
    progress: Progress | None = None,
    reader: Reader | None = None,
    index: Mapping[str, IndexEntry] | None = None,
) -> IngestReport:
    """Read every input (directories walked) into the store, each in its own transaction.

    ``new`` counts articles stored for the first time, ``near_duplicate`` those stored and
    linked to an earlier copy, ``duplicate`` those already present (or inputs already read,
    counted by their articles). A failed input is recorded in ``sources`` and the batch
    goes on. ``extract(articles)`` (optional) yields each new article's records, saved in
    the same transaction under ``pipeline_version`` (default: ``extract.pipeline_version``).
    ``reader`` replaces :func:`sitroom.readers.read_path` (tests, custom sources).
    ``index`` maps file names to sidecar metadata (:func:`sitroom.readers.load_index`).

    Args:
        db: an open Store, a database path, or None for ``settings.db``.
    """
    settings = settings or Settings()
    store, owned = _open(db, settings)
    read = reader or _default_reader(settings, fmt, published, outlet, index)
    version = pipeline_version or str(getattr(extract, "pipeline_version", UNVERSIONED))
    tally = _Tally()
    try:
        inputs = _expand(paths, store_path=store.path)
        for done, path in enumerate(inputs, start=1):
            _ingest_one(
                store,
                path,
                tally,
                read=read,
                extract=extract,
                pipeline_version=version,
                max_bytes=settings.max_input_bytes,
            )
            if progress is not None:
                progress(done, len(inputs), path)
    finally:
        if owned:
            store.close()
    return tally.report()
