"""Ingest many inputs into the store: read, dedup, link, optionally extract, one transaction per input.

Which inputs, in which order, read where (here, forked workers, Dask), with progress; how
one input is committed (one transaction, or batches for a big one; failures recorded, never
hidden) is :mod:`sitroom.jobs.commit`.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import stat
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.config import Settings
from sitroom.errors import IngestError
from sitroom.jobs.commit import (
    BatchLimits,
    Opener,
    Tally,
    commit_input,
    known_articles,
    opener_of,
)
from sitroom.jobs.plan import IngestPlan, ingest_plan
from sitroom.jobs.prepare import (
    Extractor,
    Job,
    PreparedInput,
    Reader,
    extract_inputs,
    prepare_inputs,
    read_input,
)
from sitroom.readers import iter_input_paths, limits_from, open_input, read_path
from sitroom.readers.index import IndexEntry
from sitroom.readers.result import ReadResult, ReadStream
from sitroom.records import IngestReport
from sitroom.store import Store, open_store

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["Extractor", "IngestStep", "Progress", "Reader", "ingest"]


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestStep:
    """Where a batch stands after one more input, for progress displays."""

    done: int  # inputs done, this one included unless in_batches
    total: int  # inputs in all
    path: Path  # the input just done, or the big one being committed in batches
    new: int  # articles stored new so far (near-duplicates included)
    failed: int  # inputs failed so far
    in_batches: bool = False  # a batch of ``path`` was committed; the input goes on


Progress = Callable[[IngestStep], None]
# Starts preparing a chunk of inputs; returns a function giving the n-th one's result (waiting).
Submit = Callable[[Sequence[Job]], Callable[[int], PreparedInput]]

# Seconds between a forked worker's checks that ingest (its parent) is still alive.
ORPHAN_CHECK_S = 0.5

# Version recorded on extracted records when the extractor does not say which it is.
UNVERSIONED = "unversioned"


def _sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


# The store's own files: walking the folder that holds the database must not "ingest" it.
_STORE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _expand(paths: Iterable[Path | str], *, store_path: str | None = None) -> list[Path]:
    """Files to read, directories walked deterministically; missing paths kept (they fail).

    The database being written (and its WAL/SHM/journal files) is skipped.
    """
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


def _default_opener(
    settings: Settings,
    fmt: str | None,
    published: str | None,
    outlet: str | None,
    index: Mapping[str, IndexEntry] | None = None,
) -> Opener:
    def open_(path: Path) -> ReadStream:
        return open_input(
            path,
            fmt=fmt,
            published=published,
            outlet=outlet,
            index=index,
            limits=limits_from(settings),
        )

    return open_


def _open(db: Store | str | Path | None, settings: Settings) -> tuple[Store, bool]:
    if isinstance(db, Store):
        return db, False
    return open_store(db if db is not None else settings.db, settings=settings), True


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
    processes: int | None = None,
    client: Client | None = None,
) -> IngestReport:
    """Read every input (directories walked) into the store, each in its own transaction.

    ``new`` counts articles stored for the first time, ``near_duplicate`` those stored and
    linked to an earlier copy, ``duplicate`` those already present (or inputs already read,
    counted by their articles). A failed input is recorded in ``sources`` and the batch
    goes on. ``extract`` (optional, an :class:`Extractor`) gives each new article's records,
    saved in the same transaction under ``pipeline_version`` (default:
    ``extract.pipeline_version``); an article whose extraction fails is stored without
    records and counted in ``extract_failed``. ``progress`` is called after each input, and
    after each batch of a big input (``settings.ingest_batch_chars``: see the module doc).
    ``reader`` replaces :func:`sitroom.readers.read_path` (tests, custom sources).
    ``index`` maps file names to sidecar metadata (:func:`sitroom.readers.load_index`).

    Reading and extraction run ahead of the commits, a few inputs at a time (their articles
    batched through the pipeline), in this process, in ``processes`` forked workers
    (default: :func:`sitroom.jobs.plan.ingest_plan`) or, given a ``distributed.Client``,
    on Dask workers (inputs must be readable there at the same paths); commits stay in
    this process, one transaction per input, in input order, and the store ends up the
    same whichever way ran. Inputs already read (same sha256) are skipped unread. A file
    bigger than a batch is read here, as it is committed, so its memory stays bounded.

    Args:
        db: an open Store, a database path, or None for ``settings.db``.
    """
    settings = settings or Settings()
    store, owned = _open(db, settings)
    read = reader or _default_reader(settings, fmt, published, outlet, index)
    open_ = (
        opener_of(reader) if reader else _default_opener(settings, fmt, published, outlet, index)
    )
    version = pipeline_version or str(getattr(extract, "pipeline_version", UNVERSIONED))
    tally = Tally()
    try:
        inputs = _expand(paths, store_path=store.path)
        run = _Run(
            store=store,
            tally=tally,
            read=read,
            open_=open_,
            extract=extract,
            version=version,
            max_bytes=settings.max_input_bytes,
            limits=BatchLimits(chars=settings.ingest_batch_chars),
            total=len(inputs),
            progress=progress,
        )
        plan = ingest_plan(len(inputs), processes=processes)
        if client is not None:
            _ingest_distributed(run, inputs, client=client, plan=plan)
        elif plan.processes > 1:
            _ingest_forked(run, inputs, plan=plan)
        else:
            run.pipeline(inputs, submit=run.prepare_here, chunk=plan.chunk, lookahead=plan.chunk)
    finally:
        if owned:
            store.close()
    return tally.report()


@dataclass(slots=True, eq=False)
class _Pending:
    """An input whose commit is next in line; ``get`` waits for its prepared read + extraction."""

    path: Path
    sha256: str | None
    size: int | None
    get: Callable[[], PreparedInput] | None = None  # None: read and extract here, at commit time


@dataclass(slots=True, kw_only=True)
class _Run:
    """One ingest run's store, options and counts; commits one input at a time, in order."""

    store: Store
    tally: Tally
    read: Reader  # whole inputs, for workers that prepare them ahead
    open_: Opener  # inputs read here, as they are committed
    extract: Extractor | None
    version: str
    max_bytes: int
    limits: BatchLimits
    total: int
    progress: Progress | None
    done: int = 0

    def commit(self, pending: _Pending) -> None:
        open_, extract = self.open_, self.extract
        if pending.get is not None:
            prepared = pending.get()
            open_ = opener_of(_replay_read(prepared))
            extract = prepared.replay() if extract is not None else None
        commit_input(
            self.store,
            pending.path,
            self.tally,
            sha256=pending.sha256,
            size=pending.size,
            open_=open_,
            extract=extract,
            pipeline_version=self.version,
            limits=self.limits,
            on_batch=lambda: self.report(pending.path, in_batches=True),
        )
        self.done += 1
        self.report(pending.path)

    def report(self, path: Path, *, in_batches: bool = False) -> None:
        if self.progress is not None:
            self.progress(
                IngestStep(
                    done=self.done,
                    total=self.total,
                    path=path,
                    new=self.tally.new + self.tally.near_duplicate,
                    failed=self.tally.failed,
                    in_batches=in_batches,
                )
            )

    def is_big(self, size: int | None) -> bool:
        """Whether an input is read here in batches rather than whole by a worker."""
        return size is not None and size > self.limits.chars

    def pipeline(
        self, inputs: Iterable[Path], *, submit: Submit, chunk: int, lookahead: int
    ) -> None:
        """Submit inputs ``chunk`` at a time, up to ``lookahead`` ahead of the one being committed.

        An input already read (same sha256, in the store or earlier in this run) is not
        submitted; its commit just counts it (or reads it, if that earlier input failed). A
        big one is not either: it is read here, batch by batch, when its turn comes.
        """
        window: deque[_Pending] = deque()
        batch: list[_Pending] = []
        seen: set[str] = set()

        def flush() -> None:
            if batch:
                get = submit([(p.path, p.sha256, p.size) for p in batch])
                for n, pending in enumerate(batch):
                    pending.get = partial(get, n)
                batch.clear()

        for path in inputs:
            sha256, size = _fingerprint(path, self.max_bytes)
            pending = _Pending(path, sha256, size)
            window.append(pending)
            if (
                sha256 not in seen
                and not self.is_big(size)
                and known_articles(self.store, sha256) is None
            ):
                batch.append(pending)
            if sha256 is not None:
                seen.add(sha256)
            if len(batch) >= chunk:
                flush()
            while len(window) > lookahead:
                if any(p is window[0] for p in batch):
                    flush()
                self.commit(window.popleft())
        flush()
        while window:
            self.commit(window.popleft())

    def prepare_here(self, jobs: Sequence[Job]) -> Callable[[int], PreparedInput]:
        """A :data:`Submit` that prepares the chunk in this process, now.

        An interrupt (Ctrl-C) while reading ahead is raised at the commit of the input it
        hit, so the inputs read before it are committed first, as without reading ahead.
        """
        reads: list[PreparedInput] = []
        stop: BaseException | None = None
        for job in jobs:
            try:
                reads.append(read_input(job, read=self.read))
            except BaseException as e:  # noqa: BLE001 - read_input keeps every Exception
                stop = e
                break
        prepared = extract_inputs(reads, extract=self.extract)

        def get(n: int) -> PreparedInput:
            if n >= len(prepared) and stop is not None:
                raise stop
            return prepared[n]

        return get


def _replay_read(prepared: PreparedInput) -> Reader:
    def read(path: Path) -> ReadResult:
        if prepared.result is None:
            raise IngestError(prepared.read_error or f"{path}: could not be read")
        return prepared.result

    return read


# Set in each forked worker by _init_worker (fork passes the reader and extractor unpickled,
# closures included); None in the parent.
_WORKER: tuple[Reader, Extractor | None] | None = None


def _init_worker(read: Reader, extract: Extractor | None, parent: int) -> None:
    global _WORKER  # noqa: PLW0603 - per-process state of a pool worker, set once at start
    _WORKER = (read, extract)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """End this worker once its parent is gone (a kill -9 of ingest must not leave orphans).

    A forked pool worker holds both ends of its task pipe, so it never sees EOF when the
    parent dies: without this it would wait forever, holding a copy of the model.
    """
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_S)
    os._exit(1)


def _prepare_in_worker(jobs: Sequence[Job]) -> list[PreparedInput]:
    if _WORKER is None:
        raise RuntimeError("_prepare_in_worker runs only in a worker started by _ingest_forked")
    read, extract = _WORKER
    return prepare_inputs(jobs, read=read, extract=extract)


def _ingest_forked(run: _Run, inputs: list[Path], *, plan: IngestPlan) -> None:
    if run.extract is not None:
        # Load the model before forking: workers share it copy-on-write (jobs/parallel.py).
        from sitroom.jobs.parallel import load_model  # spaCy only when extracting

        load_model()
    context = multiprocessing.get_context("fork")
    initargs = (run.read, run.extract, os.getpid())
    with context.Pool(plan.processes, initializer=_init_worker, initargs=initargs) as pool:

        def submit(jobs: Sequence[Job]) -> Callable[[int], PreparedInput]:
            result = pool.apply_async(_prepare_in_worker, (list(jobs),))
            return lambda n: result.get()[n]

        run.pipeline(inputs, submit=submit, chunk=plan.chunk, lookahead=plan.ingest_lookahead)


def _ingest_distributed(run: _Run, inputs: list[Path], *, client: Client, plan: IngestPlan) -> None:
    from sitroom.jobs.cluster import prepare_submitter  # Dask only when a client is given

    submit = prepare_submitter(client, read=run.read, extract=run.extract)
    run.pipeline(inputs, submit=submit, chunk=plan.chunk, lookahead=plan.dask_lookahead)
