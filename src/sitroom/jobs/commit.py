"""Commit one input to the store: in one transaction, or in batches when it is big.

Why one transaction per input: a kill -9 at any moment leaves only whole inputs behind,
and because an input whose bytes (sha256) are already recorded is skipped, a resumed run
converges on the same store as one clean run, with nothing doubled.

A big input (a JSON Lines file of 200,000 rows, a WARC, a large feed) is committed in
batches instead (``ingest_batch_chars`` of text, at most ``INGEST_BATCH_ARTICLES``
articles), so memory stays bounded and progress shows as it goes. Until its last batch
its source is recorded as failed ("interrupted after N articles"): a killed run reads it
again on resume, and the articles committed before the kill are found by id and counted
as duplicates, never stored twice.

An article whose extraction fails is never hidden (issue 12): it is stored without
records, counted in ``IngestReport.extract_failed``, named in ``failures`` (stage
``extract``) and recorded in the store's ``extract_failures`` until a reprocess succeeds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.jobs.plan import INGEST_BATCH_ARTICLES
from sitroom.jobs.prepare import Extractor, Reader, describe_error
from sitroom.readers.result import ReadItem, ReadStream, Skipped
from sitroom.records import Article, Failure, IngestReport, Link
from sitroom.store import Store

__all__ = ["BatchLimits", "Opener", "Tally", "commit_input", "known_articles", "opener_of"]

log = logging.getLogger(__name__)

# One input opened for reading (sitroom.readers.open_input, or a Reader's result replayed).
Opener = Callable[[Path], ReadStream]


@dataclass(slots=True)
class Tally:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failed: int = 0
    extract_failed: int = 0
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
            extract_failed=self.extract_failed,
            links=self.links,
            failures=tuple(self.failures),
            article_ids=tuple(self.article_ids),
        )


def opener_of(read: Reader) -> Opener:
    """A Reader (whole input at once: custom readers, prepared inputs) as an Opener."""

    def open_(path: Path) -> ReadStream:
        result = read(path)
        skipped = (Skipped(message=m) for m in result.skipped)
        items: tuple[ReadItem, ...] = (*result.articles, *result.links, *skipped)
        return ReadStream(format=result.format, items=iter(items))

    return open_


def _fail(
    db: Store,
    tally: Tally,
    path: Path,
    *,
    stage: str,
    message: str,
    sha256: str | None,
    size: int | None,
    fmt: str | None = None,
    article_count: int = 0,
) -> None:
    log.info("%s failed at %s: %s", path, stage, message)
    db.record_source(
        path=str(path),
        fmt=fmt,
        sha256=sha256,
        size=size,
        status="failed",
        error=message,
        article_count=article_count,
    )
    tally.failed += 1
    tally.failures.append(Failure(source=str(path), stage=stage, message=message))


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchLimits:
    """When a batch of one input's items is committed (module doc)."""

    chars: int  # article text (the ingest_batch_chars setting)
    articles: int = INGEST_BATCH_ARTICLES


@dataclass(slots=True)
class _Batch:
    """Items of one input read since its last commit."""

    articles: list[Article] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    chars: int = 0

    def add(self, item: ReadItem) -> None:
        if isinstance(item, Article):
            self.articles.append(item)
            self.chars += len(item.text)
        elif isinstance(item, Link):
            self.links.append(item)
        else:
            self.skipped.append(item.message)

    def is_full(self, limits: BatchLimits) -> bool:
        return self.chars >= limits.chars or len(self.articles) >= limits.articles


@dataclass(slots=True, kw_only=True)
class _Input:
    """One input being committed, batch after batch."""

    path: Path
    sha256: str | None
    size: int | None
    format: str
    articles: int = 0  # articles committed so far
    skipped: list[str] = field(default_factory=list)
    stage: str = "read"  # where a failure happened


def commit_input(
    db: Store,
    path: Path,
    tally: Tally,
    *,
    sha256: str | None,
    size: int | None,
    open_: Opener,
    extract: Extractor | None,
    pipeline_version: str,
    limits: BatchLimits,
    on_batch: Callable[[], None] = lambda: None,
) -> None:
    """Read one input and commit it: in one transaction, or in batches when it is big."""
    known = known_articles(db, sha256)
    if known is not None:
        tally.read += 1
        tally.duplicate += known
        return
    try:
        stream = open_(path)
    except Exception as e:  # noqa: BLE001 - a bad input is recorded and the batch goes on
        _fail(db, tally, path, stage="read", message=describe_error(e), sha256=sha256, size=size)
        return
    current = _Input(path=path, sha256=sha256, size=size, format=stream.format)
    batch = _Batch()
    try:
        for item in stream.items:  # a read error that stops the input raises here
            batch.add(item)
            if batch.is_full(limits):
                _commit(
                    db,
                    tally,
                    current,
                    batch,
                    extract=extract,
                    pipeline_version=pipeline_version,
                    last=False,
                )
                batch = _Batch()
                current.stage = "read"
                on_batch()
        _commit(
            db, tally, current, batch, extract=extract, pipeline_version=pipeline_version, last=True
        )
    except Exception as e:  # noqa: BLE001 - the batch's transaction rolled back whole
        _fail(
            db,
            tally,
            path,
            stage=current.stage,
            message=describe_error(e),
            sha256=sha256,
            size=size,
            fmt=stream.format,
            article_count=current.articles,
        )
        return
    tally.read += 1


def _commit(
    db: Store,
    tally: Tally,
    current: _Input,
    batch: _Batch,
    *,
    extract: Extractor | None,
    pipeline_version: str,
    last: bool,
) -> None:
    """Store one batch of an input in one transaction, its source row with it.

    Before the last batch the source says the input was interrupted (module doc).
    """
    articles = current.articles + len(batch.articles)
    skipped = [*current.skipped, *batch.skipped]
    if last:
        status, error = ("partial" if skipped else "ok"), "; ".join(skipped) or None
    else:
        status = "failed"
        error = (
            f"{current.path}: interrupted after {articles:,} articles were stored: "
            "ingest it again to read the rest"
        )
    current.stage = "store"
    with db.transaction():
        source_id = db.record_source(
            path=str(current.path),
            fmt=current.format,
            sha256=current.sha256,
            size=current.size,
            status=status,
            error=error,
            article_count=articles,
        )
        saved = db.save_articles(batch.articles, source_id=source_id)
        links = db.save_links(batch.links, source_id=source_id)
        extract_failures: list[Failure] = []
        if extract is not None and saved.articles:
            current.stage = "extract"
            extract_failures = _save_extractions(
                db, saved.articles, extract, pipeline_version=pipeline_version
            )
    current.articles, current.skipped = articles, skipped
    path = str(current.path)
    tally.new += len(saved.new) - len(saved.near_duplicate)
    tally.near_duplicate += len(saved.near_duplicate)
    tally.duplicate += len(saved.duplicate)
    tally.links += links
    tally.article_ids += saved.new
    tally.failures += [Failure(source=path, stage="read", message=m) for m in batch.skipped]
    tally.extract_failed += len(extract_failures)
    tally.failures += [
        Failure(source=path, stage="extract", message=f"article {f.source}: {f.message}")
        for f in extract_failures
    ]


def known_articles(db: Store, sha256: str | None) -> int | None:
    """The article count of an input already read with these bytes; None to (re)read it."""
    known = db.find_source(sha256) if sha256 else None
    return known.article_count if known is not None and known.status != "failed" else None


def _save_extractions(
    db: Store, articles: Sequence[Article], extract: Extractor, *, pipeline_version: str
) -> list[Failure]:
    """Save each article's records; record (and return) the articles whose extraction failed.

    An article the extractor neither yields nor reports is a failure too: nothing is hidden.
    """
    failures: list[Failure] = []
    done: set[str] = set()
    for extraction in extract(articles, failures=failures):
        db.save_extraction(extraction, pipeline_version=pipeline_version)
        done.add(extraction.article_id)
        # One extractor failed, the others' records are saved: still a failure, listed until
        # a reprocess extracts the article whole.
        failures += extraction.failures
        if not extraction.failures:
            db.clear_extract_failure(extraction.article_id)
    reported = {f.source for f in failures} | done
    failures += [
        Failure(source=a.id, stage="extract", message="the extractor returned no records for it")
        for a in articles
        if a.id not in reported
    ]
    for failure in failures:
        log.info("extraction failed for article %s: %s", failure.source, failure.message)
        db.record_extract_failure(
            failure.source, message=failure.message, pipeline_version=pipeline_version
        )
    return failures
