"""Optional Dask fan-out of the per-article extraction (extra ``sitroom[dask]``).

The distributed unit is :func:`process_batch`, the same pure function used in-process:
(articles) -> extractions. Workers load the pipeline once each (it is cached per process).
Results come back to the caller, which writes them to the store in batches: workers never
touch the database. Batch sizes come from :mod:`sitroom.jobs.plan`. This is the only module
that imports Dask, and only when a cluster is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from sitroom.jobs.parallel import ExtractionFailed, extract_articles
from sitroom.jobs.plan import Plan, plan_for
from sitroom.jobs.prepare import Extractor, Job, PreparedInput, Reader, prepare_inputs
from sitroom.records import Article, Extraction, Failure

if TYPE_CHECKING:
    from distributed import Client

__all__ = [
    "BatchResult",
    "close_client",
    "connect",
    "extract_distributed",
    "local_client",
    "prepare_submitter",
    "process_batch",
]

# Worker processes of a local cluster when --workers gives no number: one per core of the
# 2-core machines sitroom targets (plan.MAX_PROCESSES says the same for forked workers).
DEFAULT_WORKERS = 2


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchResult:
    """What one batch gives back: its records and the documents that failed."""

    extractions: list[Extraction]
    failures: list[Failure]


def process_batch(articles: Sequence[Article]) -> BatchResult:
    """Extract records from one batch of articles (runs on a worker, or in-process)."""
    failures: list[Failure] = []
    extractions = list(extract_articles(articles, failures=failures))
    return BatchResult(extractions=extractions, failures=failures)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def connect(*, scheduler: str | None = None, workers: int | None = None) -> Client:
    """Return a client for ``scheduler`` (tcp://HOST:8786), else for a new local cluster."""
    if scheduler:
        from distributed import Client  # optional extra: imported only when asked for

        return Client(scheduler)  # type: ignore[no-untyped-call]  # distributed is untyped
    return local_client(workers=workers or DEFAULT_WORKERS)


def local_client(*, workers: int = DEFAULT_WORKERS) -> Client:
    """Start a local cluster of worker processes bound to 127.0.0.1 and return its client."""
    from distributed import Client, LocalCluster  # optional extra: imported only when asked for

    cluster = LocalCluster(  # type: ignore[no-untyped-call]  # distributed is untyped
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    return Client(cluster)  # type: ignore[no-untyped-call]


def close_client(client: Client) -> None:
    """Close ``client`` and, when it started one, its local cluster."""
    cluster = client.cluster  # None when connected to a remote scheduler
    client.close()  # type: ignore[no-untyped-call]
    if cluster is not None:
        cluster.close()


def extract_distributed(
    articles: Iterable[Article],
    *,
    client: Client | None = None,
    failures: list[Failure] | None = None,
    plan: Plan | None = None,
) -> Iterator[Extraction]:
    """Yield extractions for ``articles``, fanned out over ``client`` if one is given.

    ``client`` is a ``distributed.Client`` (``Client("tcp://host:8786")`` or
    :func:`local_client`); ``None`` runs in this process. Only the batch sizes of ``plan``
    are used: ``task_batch`` articles per Dask task, ``local_batch`` per in-process batch;
    each batch plans its own process count (so a big local batch forks workers, a Dask
    worker never does). Failures are appended to ``failures`` when given, else raised as
    :class:`ExtractionFailed` naming the article.
    """
    plan = plan or plan_for(0)
    sink: list[Failure] = [] if failures is None else failures
    for result in _results(articles, client=client, plan=plan):
        sink.extend(result.failures)
        yield from result.extractions
    if failures is None and sink:
        first = sink[0]
        raise ExtractionFailed(f"extraction failed for {first.source}: {first.message}")


def _results(
    articles: Iterable[Article], *, client: Client | None, plan: Plan
) -> Iterator[BatchResult]:
    if client is None:
        for batch in _batches(articles, plan.local_batch):
            yield process_batch(batch)
        return
    from distributed import as_completed  # optional extra: imported only when asked for

    futures = [
        client.submit(process_batch, batch, pure=False)
        for batch in _batches(articles, plan.task_batch)
    ]
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        yield future.result()


def prepare_submitter(
    client: Client, *, read: Reader, extract: Extractor | None
) -> Callable[[Sequence[Job]], Callable[[int], PreparedInput]]:
    """A function that submits a chunk of inputs' :func:`prepare_inputs` to ``client``.

    It returns a function that waits for the n-th input's result (ingest calls it in input
    order, so commits stay in order while the cluster works ahead).
    """

    def submit(jobs: Sequence[Job]) -> Callable[[int], PreparedInput]:
        future = client.submit(prepare_inputs, list(jobs), read=read, extract=extract, pure=False)
        last = len(jobs) - 1

        def get(n: int) -> PreparedInput:
            result: list[PreparedInput] = future.result()
            if n == last:
                future.release()  # type: ignore[no-untyped-call]  # distributed is untyped
            return result[n]

        return get

    return submit
