"""Run extraction over many documents as :mod:`sitroom.jobs.plan` says: here, or in forked workers.

Each forked worker parses *and* extracts a whole chunk, so only the small records cross
process boundaries, never Docs. The model is loaded before forking, so workers share it
copy-on-write. Output is the same records in the same order whatever the plan.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sitroom.jobs.plan import Plan, plan_for
from sitroom.nlp.extract import Document, extract_documents, warm_up
from sitroom.nlp.model import PIPELINE_VERSION
from sitroom.records import Article, Extraction, Failure

__all__ = [
    "PIPELINE_VERSION",
    "ExtractionFailed",
    "extract_articles",
    "load_model",
    "run_extraction",
]


class ExtractionFailed(RuntimeError):
    """A document failed extraction in a forked worker and the caller kept no failures list."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _ChunkResult:
    extractions: list[Extraction]
    failures: list[Failure]


def run_extraction(
    documents: Iterable[Document],
    *,
    failures: list[Failure] | None = None,
    plan: Plan | None = None,
) -> Iterator[Extraction]:
    """Extract records from ``documents`` in input order, with ``plan`` (default: :func:`plan_for`).

    With a ``failures`` list a document whose extraction raises is recorded there (its
    ``source`` is the document id) and skipped; without one the error propagates (from a
    forked worker as :class:`ExtractionFailed` naming the document).
    """
    documents = list(documents)
    plan = plan or plan_for(len(documents))
    if plan.processes > 1:
        yield from _extract_forked(documents, failures=failures, plan=plan)
        return
    yield from extract_documents(documents, failures=failures, batch_size=plan.spacy_batch)


def extract_articles(
    articles: Iterable[Article],
    *,
    failures: list[Failure] | None = None,
    plan: Plan | None = None,
) -> Iterator[Extraction]:
    """Extract records from stored or freshly read articles; spans index ``article.text``."""
    return run_extraction(
        (Document(id=a.id, text=a.text, published=a.published) for a in articles),
        failures=failures,
        plan=plan,
    )


def load_model() -> None:
    """Load the pipeline and the extractors' tables in this process now, before forking.

    Forked workers then share them copy-on-write instead of each loading its own copy (the
    place gazetteer alone is ~16 MB on disk). ``gc.freeze()`` moves everything loaded so far
    out of the cyclic collector's reach (Python's advice for fork without exec): collections
    no longer touch those pages (which would copy them into each worker) nor rescan a few
    hundred thousand long-lived objects (~4% of extraction time, issue 13). The cost: cycles
    among objects that exist now are never collected, which in a batch job is nothing.
    """
    warm_up()
    gc.freeze()


def _extract_chunk(job: tuple[Sequence[Document], int]) -> _ChunkResult:
    chunk, spacy_batch = job
    failures: list[Failure] = []
    extractions = list(extract_documents(chunk, failures=failures, batch_size=spacy_batch))
    return _ChunkResult(extractions=extractions, failures=failures)


def _extract_forked(
    documents: list[Document], *, failures: list[Failure] | None, plan: Plan
) -> Iterator[Extraction]:
    load_model()  # before forking: workers share the loaded model copy-on-write
    step = plan.fork_chunk
    jobs = [(documents[i : i + step], plan.spacy_batch) for i in range(0, len(documents), step)]
    with multiprocessing.get_context("fork").Pool(plan.processes) as pool:
        for result in pool.imap(_extract_chunk, jobs):
            if result.failures and failures is None:
                first = result.failures[0]
                raise ExtractionFailed(f"extraction failed for {first.source}: {first.message}")
            if failures is not None:
                failures.extend(result.failures)
            yield from result.extractions
