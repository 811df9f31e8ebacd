"""Run extraction over stored articles and save the records (``sitroom reprocess``).

Each article's derived records are replaced in one transaction by the store, tagged with
the pipeline version, so a re-run after an extractor change converges and a crash leaves
every article either fully old or fully new.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitroom.records import Failure

__all__ = ["ProcessReport", "reprocess_store"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcessReport:
    processed: int = 0
    failed: int = 0
    failures: tuple[Failure, ...] = ()


def reprocess_store(
    db_path: Path,
    *,
    everything: bool = False,
    client: Any = None,
    progress: Callable[[int], None] | None = None,
) -> ProcessReport:
    """Extract records for stale (or, with ``everything``, all) articles and store them.

    ``client`` is an optional ``distributed.Client`` to fan the work out over Dask.
    """
    from sitroom.jobs.cluster import extract_distributed
    from sitroom.nlp.model import PIPELINE_VERSION
    from sitroom.store import open_store

    store = open_store(db_path)
    try:
        ids = store.articles_needing_processing(None if everything else PIPELINE_VERSION)
        articles = (store.get_article(article_id) for article_id in ids)
        failures: list[Failure] = []
        processed = 0
        for extraction in extract_distributed(articles, client=client, failures=failures):
            store.save_extraction(extraction, pipeline_version=PIPELINE_VERSION)
            processed += 1
            if progress is not None:
                progress(1)
        return ProcessReport(processed=processed, failed=len(failures), failures=tuple(failures))
    finally:
        store.close()
