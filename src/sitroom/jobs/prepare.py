"""The per-input work that needs no store: path -> (read result, extractions), pure.

Ingest runs :func:`prepare_inputs` ahead of the commits, on a few consecutive inputs at
once (their articles go through the pipeline together: spaCy batches them), in this
process, in forked workers (:mod:`sitroom.jobs.ingest`) or on Dask workers
(:mod:`sitroom.jobs.cluster`); the main process then commits each :class:`PreparedInput`
in its own transaction, in input order.
The extractor runs over every article the input holds (which of them are new is only known
at commit time); the commit keeps the records of the articles it stores, so the store ends
up exactly as if extraction had run inside the transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from sitroom.errors import IngestError
from sitroom.readers.result import ReadResult
from sitroom.records import Article, Extraction, Failure

__all__ = [
    "Extractor",
    "Job",
    "PreparedInput",
    "Reader",
    "describe_error",
    "extract_inputs",
    "prepare_inputs",
    "read_input",
]

Reader = Callable[[Path], ReadResult]
# One input to prepare: its path, sha256 and size (None when not hashed).
Job = tuple[Path, str | None, int | None]


class Extractor(Protocol):
    """Records for each article; one that fails goes to ``failures`` (source = article id).

    :func:`sitroom.jobs.parallel.extract_articles` is one. Raising fails the whole input.
    """

    def __call__(
        self, articles: Sequence[Article], /, *, failures: list[Failure]
    ) -> Iterable[Extraction]: ...


def describe_error(e: BaseException) -> str:
    """An input's failure message: ours as written, anything else with its type."""
    return str(e) if isinstance(e, IngestError) else f"{type(e).__name__}: {e}"


@dataclass(frozen=True, slots=True, kw_only=True)
class PreparedInput:
    """One input read and extracted, not yet stored; errors kept as messages, never raised."""

    path: Path
    sha256: str | None
    size: int | None
    result: ReadResult | None = None  # None when reading failed
    read_error: str | None = None
    extractions: tuple[Extraction, ...] = ()
    extract_failures: tuple[Failure, ...] = ()  # per article (source = article id)
    extract_error: str | None = None  # the extractor raised: the whole input fails
    extracted: bool = False  # whether an extractor ran

    def replay(self) -> PreparedExtractor:
        """An :class:`Extractor` that gives back this input's extractions (see module doc)."""
        return PreparedExtractor(self)


@dataclass(frozen=True, slots=True)
class PreparedExtractor:
    """Replays a :class:`PreparedInput`'s extraction for the articles the commit stores."""

    prepared: PreparedInput

    def __call__(
        self, articles: Sequence[Article], /, *, failures: list[Failure]
    ) -> Iterable[Extraction]:
        if self.prepared.extract_error is not None:
            raise IngestError(self.prepared.extract_error)
        wanted = {a.id for a in articles}
        failures += [f for f in self.prepared.extract_failures if f.source in wanted]
        first: dict[str, Extraction] = {}
        for extraction in self.prepared.extractions:
            first.setdefault(extraction.article_id, extraction)
        # Stored order, once per article: as the extractor itself yields them.
        seen: set[str] = set()
        out: list[Extraction] = []
        for article in articles:
            if article.id in first and article.id not in seen:
                seen.add(article.id)
                out.append(first[article.id])
        return out


def prepare_inputs(
    jobs: Sequence[Job], *, read: Reader, extract: Extractor | None
) -> list[PreparedInput]:
    """Read each input and extract its articles, in order; pure (no store), so it runs on
    any worker. Errors are kept in each :class:`PreparedInput`, never raised."""
    return extract_inputs([read_input(job, read=read) for job in jobs], extract=extract)


def read_input(job: Job, *, read: Reader) -> PreparedInput:
    """Read one input; an error is kept as its ``read_error``."""
    path, sha256, size = job
    try:
        result = read(path)
    except Exception as e:  # noqa: BLE001 - a bad input is recorded and the batch goes on
        return PreparedInput(path=path, sha256=sha256, size=size, read_error=describe_error(e))
    return PreparedInput(path=path, sha256=sha256, size=size, result=result)


def extract_inputs(
    reads: Sequence[PreparedInput], *, extract: Extractor | None
) -> list[PreparedInput]:
    """Inputs read by :func:`read_input`, with their articles' extractions.

    The articles of all the inputs are extracted in one call, so the pipeline batches them
    (one ``nlp.pipe`` batch of 1 document per input cost ~10% more, issue 13). The inputs
    are extracted one by one instead when two of them hold the same article id (the
    records could not be told apart) or when the extractor raises (only the input that
    makes it raise must fail).
    """
    owned = [(n, a) for n, p in enumerate(reads) if p.result for a in p.result.articles]
    owners = {article.id: n for n, article in owned}
    if extract is None or len({n for n, _ in owned}) < 2 or len(owners) < len(owned):
        return [_extracted(prepared, extract=extract) for prepared in reads]
    failures: list[Failure] = []
    try:
        extractions = tuple(extract([article for _, article in owned], failures=failures))
    except Exception:  # noqa: BLE001 - find the input that raises: it alone fails
        return [_extracted(prepared, extract=extract) for prepared in reads]
    mine: list[list[Extraction]] = [[] for _ in reads]
    theirs: list[list[Failure]] = [[] for _ in reads]
    # Records of an id no input holds are dropped, as PreparedExtractor drops them.
    for extraction in extractions:
        if (n := owners.get(extraction.article_id)) is not None:
            mine[n].append(extraction)
    for failure in failures:
        if (n := owners.get(failure.source)) is not None:
            theirs[n].append(failure)
    extracted = set(owners.values())
    return [
        replace(
            prepared, extractions=tuple(mine[n]), extract_failures=tuple(theirs[n]), extracted=True
        )
        if n in extracted
        else prepared
        for n, prepared in enumerate(reads)
    ]


def _extracted(prepared: PreparedInput, *, extract: Extractor | None) -> PreparedInput:
    """``prepared`` (read, not extracted) with its articles' extractions."""
    result = prepared.result
    if extract is None or result is None or not result.articles:
        return prepared
    path, sha256, size = prepared.path, prepared.sha256, prepared.size
    failures: list[Failure] = []
    try:
        extractions = tuple(extract(result.articles, failures=failures))
    except Exception as e:  # noqa: BLE001 - replayed at commit time, where the input fails whole
        return PreparedInput(
            path=path,
            sha256=sha256,
            size=size,
            result=result,
            extract_error=describe_error(e),
            extracted=True,
        )
    return PreparedInput(
        path=path,
        sha256=sha256,
        size=size,
        result=result,
        extractions=extractions,
        extract_failures=tuple(failures),
        extracted=True,
    )
