"""Run extraction over stored articles and save the records (``sitroom reprocess``).

Each article's derived records are replaced in one transaction by the store, tagged with
the pipeline version, so a re-run after an extractor change converges and a crash leaves
every article either fully old or fully new. An article that fails is recorded in the
store's ``extract_failures`` (``sitroom stats`` counts them) until an extraction succeeds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.jobs.cluster import extract_distributed
from sitroom.nlp.model import PIPELINE_VERSION
from sitroom.records import Failure
from sitroom.store import Store, open_store

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["ProcessReport", "reprocess_store"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcessReport:
    """Articles re-extracted, and those whose extraction failed (``failures``: source = id)."""

    total: int = 0
    processed: int = 0
    failed: int = 0
    failures: tuple[Failure, ...] = ()


def _articles_to_process(store: Store, *, everything: bool) -> list[str]:
    """Stale articles (all, with ``everything``), then those whose last extraction failed."""
    ids: list[str] = store.articles_needing_processing(None if everything else PIPELINE_VERSION)
    stale = set(ids)
    return ids + [f.article_id for f in store.list_extract_failures() if f.article_id not in stale]


def reprocess_store(
    db_path: str | Path,
    *,
    everything: bool = False,
    client: Client | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ProcessReport:
    """Extract records for stale (or, with ``everything``, all) and failed articles; store them.

    ``client`` is an optional ``distributed.Client`` to fan the work out over Dask.
    ``progress(done, total)`` is called after each article, failed ones included.
    """
    store = open_store(db_path)
    try:
        ids = _articles_to_process(store, everything=everything)
        articles = (store.get_article(article_id) for article_id in ids)
        failures: list[Failure] = []
        partial: list[Failure] = []  # an extractor failed; the article's other records saved
        processed = 0
        for extraction in extract_distributed(articles, client=client, failures=failures):
            with store.transaction():
                store.save_extraction(extraction, pipeline_version=PIPELINE_VERSION)
                if not extraction.failures:
                    store.clear_extract_failure(extraction.article_id)
            partial += extraction.failures
            processed += 1
            if progress is not None:
                progress(processed + len(failures), len(ids))
        failures += partial
        for failure in failures:
            log.info("extraction failed for article %s: %s", failure.source, failure.message)
            store.record_extract_failure(
                failure.source, message=failure.message, pipeline_version=PIPELINE_VERSION
            )
        return ProcessReport(
            total=len(ids), processed=processed, failed=len(failures), failures=tuple(failures)
        )
    finally:
        store.close()
