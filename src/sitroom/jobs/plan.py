"""How to run extraction over a batch: process count and every chunk and batch size, in one place.

``nlp/`` is purely per-document (parse, extract); ``jobs/`` decides how many processes run it
and how texts are cut into chunks, from :func:`plan_for`. Every size sitroom uses when running
the pipeline is a constant here, with where its value came from.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass

__all__ = [
    "DASK_INGEST_LOOKAHEAD",
    "DASK_TASK_BATCH",
    "FORK_CHUNK",
    "INGEST_BATCH_ARTICLES",
    "INGEST_CHUNK",
    "INGEST_LOOKAHEAD",
    "INGEST_MIN_INPUTS",
    "LOCAL_BATCH",
    "MAX_PROCESSES",
    "MIN_SPARE_CORES",
    "MULTIPROCESS_MIN_TEXTS",
    "SPACY_BATCH",
    "IngestPlan",
    "Plan",
    "default_processes",
    "ingest_plan",
    "plan_for",
]

# Below this many texts one process is faster: starting a worker and shipping it the
# pipeline costs a few seconds (measured in bench/bench_pipeline.py), about 100 texts' work.
MULTIPROCESS_MIN_TEXTS = 200
# Idle cores (cpu count minus the 1-minute load average) needed before forking a second
# worker; under 1 because our own process counts in the load while it runs.
MIN_SPARE_CORES = 0.75
# Two workers: the target machines (and CI) have 2 cores; more would oversubscribe them.
MAX_PROCESSES = 2
# Documents per task for forked workers: spaCy batches well inside a chunk, and the two
# workers stay busy until the end of a batch (measured in bench/bench_pipeline.py).
FORK_CHUNK = 16
# Texts per `nlp.pipe` batch inside one process: the value sitroom has always passed
# (spaCy's own default of 1000 only costs memory on long news articles, no speed).
SPACY_BATCH = 32
# Articles per in-process batch (reprocess without Dask): big enough that a batch reaches
# MULTIPROCESS_MIN_TEXTS and forks a second worker on an idle 2-core machine, small enough
# to bound memory.
LOCAL_BATCH = 1000
# Articles per Dask task: large enough that spaCy batches well inside a worker, small
# enough that a slow article does not hold a whole worker's share of the corpus.
DASK_TASK_BATCH = 16
# Pipelined ingest keeps its fork pool for the whole run and loads the model before forking,
# so a worker costs a fork, not a model load: a handful of inputs already pays for it.
INGEST_MIN_INPUTS = 4
# Inputs prepared (read and extracted) together, their articles in one nlp.pipe batch: one
# article per batch cost ~10% more CPU than 4 or 8 on real news, and 8 no less than 4
# (issue 13); small, so that two workers share the end of a run evenly.
INGEST_CHUNK = 4
# Chunks prepared ahead of the one being committed, per worker: enough that a worker never
# waits for the commits (a commit takes a few ms, a chunk's extraction ~0.5 s), few enough
# that the prepared inputs held in memory stay small (bench/bench_ingest.py).
INGEST_LOOKAHEAD = 2
# Articles of one input committed together at most (the ingest_batch_chars setting bounds
# their text): a transaction of a few hundred ms, so a progress line follows each few
# batches and an interrupted run loses at most one batch's work.
INGEST_BATCH_ARTICLES = 1000
# Inputs in flight on a Dask cluster: tasks queued per worker for a cluster of up to ~8 workers;
# more only holds prepared results in the client's memory.
DASK_INGEST_LOOKAHEAD = 32


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """How one batch of texts is run: ``processes`` forked workers (1 = in this process)."""

    processes: int
    fork_chunk: int = FORK_CHUNK  # documents per forked task
    spacy_batch: int = SPACY_BATCH  # texts per nlp.pipe batch
    local_batch: int = LOCAL_BATCH  # articles per in-process batch
    task_batch: int = DASK_TASK_BATCH  # articles per Dask task


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestPlan:
    """How ingest runs: ``processes`` forked readers+extractors (1 = in this process)."""

    processes: int
    ingest_lookahead: int  # inputs prepared ahead of the commit, in all
    chunk: int = INGEST_CHUNK  # inputs prepared together (one extraction call)
    dask_lookahead: int = DASK_INGEST_LOOKAHEAD  # inputs in flight on a Dask cluster


def default_processes(count: int, *, min_count: int = MULTIPROCESS_MIN_TEXTS) -> int:
    """How many processes to use for ``count`` texts: 2 on an idle multi-core machine, else 1."""
    # A daemonic process (a Dask worker, by default) may not start children.
    if count < min_count or multiprocessing.current_process().daemon:
        return 1
    cores = os.cpu_count() or 1
    # A second worker only pays when a core is idle: on a busy machine the two processes
    # just share one core and pay for shipping docs back (bench/bench_pipeline.py).
    spare = cores - os.getloadavg()[0]
    return min(MAX_PROCESSES, cores) if spare >= MIN_SPARE_CORES else 1


def plan_for(count: int, *, processes: int | None = None) -> Plan:
    """The plan for ``count`` texts; ``processes`` forces a process count (benchmarks, tests)."""
    if processes is not None and processes < 1:
        raise ValueError(f"processes must be at least 1, not {processes}")
    return Plan(processes=processes if processes is not None else default_processes(count))


def ingest_plan(count: int, *, processes: int | None = None) -> IngestPlan:
    """The plan for ingesting ``count`` inputs; ``processes`` forces the worker count."""
    if processes is not None and processes < 1:
        raise ValueError(f"processes must be at least 1, not {processes}")
    chosen = processes or default_processes(count, min_count=INGEST_MIN_INPUTS)
    # In this process a chunk is prepared just before its commits: nothing to run ahead.
    ahead = INGEST_CHUNK if chosen == 1 else INGEST_LOOKAHEAD * INGEST_CHUNK * chosen
    return IngestPlan(processes=chosen, ingest_lookahead=ahead)
