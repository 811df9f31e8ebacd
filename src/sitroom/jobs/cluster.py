"""Optional Dask fan-out of the per-article extraction (extra ``sitroom[dask]``).

The distributed unit is :func:`process_batch`, the same pure function used in-process:
(articles) -> extractions. Workers load the pipeline once each (it is cached per process).
Results come back to the caller, which writes them to the store in batches: workers never
touch the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from sitroom.records import Article, Extraction, Failure

__all__ = ["BATCH_SIZE", "LOCAL_BATCH_SIZE", "connect", "extract_distributed", "local_client", "process_batch"]

# Articles per Dask task: large enough that spaCy batches well inside a worker, small
# enough that a slow article does not hold a whole worker's share of the corpus.
BATCH_SIZE = 16
# Articles per in-process batch: big enough that extraction forks a second worker on an
# idle 2-core machine (nlp.pipeline.MULTIPROCESS_MIN_TEXTS), small enough to bound memory.
LOCAL_BATCH_SIZE = 1000


def process_batch(articles: Sequence[Article]) -> tuple[list[Extraction], list[Failure]]:
    """Extract records from one batch of articles (runs on a worker, or in-process)."""
    from sitroom.nlp.extract import extract_articles

    failures: list[Failure] = []
    extractions = list(extract_articles(articles, failures=failures))
    return extractions, failures


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def connect(*, scheduler: str | None = None, workers: int | None = None) -> Any:
    """Return a client for ``scheduler`` (tcp://HOST:8786), else for a new local cluster."""
    if scheduler:
        from distributed import Client

        return Client(scheduler)
    return local_client(workers=workers or 2)


def local_client(*, workers: int = 2) -> Any:
    """Start a local cluster of worker processes bound to 127.0.0.1 and return its client."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    return Client(cluster)


def extract_distributed(
    articles: Iterable[Article],
    *,
    client: Any = None,
    failures: list[Failure] | None = None,
    batch_size: int | None = None,
) -> Iterator[Extraction]:
    """Yield extractions for ``articles``, fanned out over ``client`` if one is given.

    ``client`` is a ``distributed.Client`` (``Client("tcp://host:8786")`` or
    :func:`local_client`); ``None`` runs in this process. Failures are appended to
    ``failures`` when given, else raised as a RuntimeError naming the article.
    """
    sink: list[Failure] = [] if failures is None else failures
    if client is None:
        for batch in _batches(articles, batch_size or LOCAL_BATCH_SIZE):
            extractions, batch_failures = process_batch(batch)
            sink.extend(batch_failures)
            yield from extractions
    else:
        from distributed import as_completed

        futures = [
            client.submit(process_batch, batch, pure=False)
            for batch in _batches(articles, batch_size or BATCH_SIZE)
        ]
        for future in as_completed(futures):
            extractions, batch_failures = future.result()
            sink.extend(batch_failures)
            yield from extractions
    if failures is None and sink:
        first = sink[0]
        raise RuntimeError(f"extraction failed for {first.source}: {first.message}")
